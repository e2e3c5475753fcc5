#pragma once

#include "models/userrepository.h"

#include <QDialog>
#include <optional>

class QLabel;
class QLineEdit;

namespace FrontDesk {

class AdminService;

// Sign-in at the desk. On the first run (no users yet) it creates the first admin instead.
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)
public:
    SignInDialog(AdminService &admin, QWidget *parent = nullptr);

    bool isFirstRun() const { return m_firstRun; }
    std::optional<UserAccount> user() const { return m_user; }
    // What the OK button does, without the event loop (tests).
    bool attempt();

private:
    AdminService &m_admin;
    bool m_firstRun = false;
    std::optional<UserAccount> m_user;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_displayName = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace FrontDesk
