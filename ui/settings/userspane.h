#pragma once

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace FrontDesk {

class AdminService;

// Users and roles: who may sign in, with which role; add, change role, disable, set a password.
// Every action goes through AdminService (admins only, the last admin protected, all audited).
class UsersPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsersPane)
public:
    UsersPane(AdminService &admin, const QString &actor, QWidget *parent = nullptr);
    void reload();

private:
    QString selectedUser() const;
    void report(bool ok, const QString &text);

    AdminService &m_admin;
    QString m_actor;
    QTableWidget *m_table = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_displayName = nullptr;
    QComboBox *m_role = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_status = nullptr;
};

// The audit log, newest first: settings changes, takeovers, exports, sign-ins, refusals.
class AuditLogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogView)
public:
    AuditLogView(AdminService &admin, const QString &actor, QWidget *parent = nullptr);
    void reload();

    // The log's codes in plain words: who (the person's name), what, about what.
    static QString whoText(const QString &actor, const QHash<QString, QString> &names);
    static QString actionText(const QString &action);
    static QString subjectText(const QString &subject);

private:
    AdminService &m_admin;
    QString m_actor;
    QTableWidget *m_table = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace FrontDesk
