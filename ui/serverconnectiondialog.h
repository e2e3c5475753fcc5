#pragma once

#include "app/sync/syncclient.h"

#include <QDialog>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace FrontDesk {

class Clock;
class Database;

// Connecting a desk to the shared store: server, database, user, password, TLS and the desk's
// name. Connect checks the server, says plainly what is wrong (the password, a server nobody
// answers at, a server at an older schema), and runs the first full copy with progress. On success
// takeClient() hands over the running link.
//
// The password is typed here or comes from FRONTDESK_DATABASE_PASSWORD; it is never written to
// the settings file.
class ServerConnectionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerConnectionDialog)
public:
    ServerConnectionDialog(Database &replica, Clock &clock, const SyncSettings &initial, QWidget *parent = nullptr);
    ~ServerConnectionDialog() override;

    SyncSettings settings() const;
    std::unique_ptr<SyncClient> takeClient() { return std::move(m_client); }
    // Connect as if the button was pressed (tests, and a desk started with every setting given).
    bool connectNow();
    QString errorText() const;

private:
    void showFailure(OpenFailure failure, const QString &message);

    Database &m_replica;
    Clock &m_clock;
    std::unique_ptr<SyncClient> m_client;
    QLineEdit *m_hostEdit = nullptr;
    QSpinBox *m_portSpin = nullptr;
    QLineEdit *m_databaseEdit = nullptr;
    QLineEdit *m_userEdit = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QComboBox *m_sslModeCombo = nullptr;
    QLineEdit *m_deskNameEdit = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_connectButton = nullptr;
    QPushButton *m_offlineButton = nullptr;
    SyncSettings m_initial;
};

} // namespace FrontDesk
