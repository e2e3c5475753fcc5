#include "ui/serverconnectiondialog.h"

#include "app/sync/replica.h"
#include "models/database.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

ServerConnectionDialog::ServerConnectionDialog(
    Database &replica, Clock &clock, const SyncSettings &initial, QWidget *parent)
    : QDialog(parent)
    , m_replica(replica)
    , m_clock(clock)
    , m_initial(initial)
{
    setObjectName(u"serverConnectionDialog"_s);
    setWindowTitle(tr("Connect this desk to the team's server"));
    m_hostEdit = new QLineEdit(initial.server.host, this);
    m_hostEdit->setObjectName(u"hostEdit"_s);
    m_hostEdit->setPlaceholderText(tr("server name or address"));
    m_portSpin = new QSpinBox(this);
    m_portSpin->setObjectName(u"portSpin"_s);
    m_portSpin->setRange(1, 65535);
    m_portSpin->setValue(initial.server.port > 0 ? initial.server.port : 5432);
    m_databaseEdit = new QLineEdit(initial.server.database.isEmpty() ? u"frontdesk"_s : initial.server.database, this);
    m_databaseEdit->setObjectName(u"databaseEdit"_s);
    m_userEdit = new QLineEdit(initial.server.user, this);
    m_userEdit->setObjectName(u"userEdit"_s);
    m_passwordEdit = new QLineEdit(initial.server.password, this);
    m_passwordEdit->setObjectName(u"passwordEdit"_s);
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_sslModeCombo = new QComboBox(this);
    m_sslModeCombo->setObjectName(u"sslModeCombo"_s);
    const QList<std::pair<QString, QString>> modes {
        {u"verify-full"_s, tr("Encrypted, server certificate checked (recommended)")},
        {u"require"_s, tr("Encrypted, certificate not checked")},
        {u"prefer"_s, tr("Encrypted when the server offers it")},
        {u"disable"_s, tr("Not encrypted (this network only)")},
    };
    for (const auto &[mode, label] : modes)
        m_sslModeCombo->addItem(label, mode);
    const int current
        = m_sslModeCombo->findData(initial.server.sslMode.isEmpty() ? u"prefer"_s : initial.server.sslMode);
    m_sslModeCombo->setCurrentIndex(qMax(0, current));
    m_deskNameEdit = new QLineEdit(initial.deskName, this);
    m_deskNameEdit->setObjectName(u"deskNameEdit"_s);
    m_deskNameEdit->setPlaceholderText(tr("front desk, Kim, …"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_hostEdit);
    form->addRow(tr("P&ort:"), m_portSpin);
    form->addRow(tr("&Database:"), m_databaseEdit);
    form->addRow(tr("&User:"), m_userEdit);
    form->addRow(tr("&Password:"), m_passwordEdit);
    form->addRow(tr("&Security:"), m_sslModeCombo);
    form->addRow(tr("This desk's &name:"), m_deskNameEdit);

    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName(u"firstSyncProgressBar"_s);
    m_progressBar->setVisible(false);
    m_progressBar->setFormat(tr("First sync: %v of %m records"));
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(u"connectionErrorLabel"_s);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(u"color: #b03a2e"_s);
    m_errorLabel->setVisible(false);

    auto *buttons = new QDialogButtonBox(this);
    m_connectButton = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    m_connectButton->setObjectName(u"connectButton"_s);
    m_connectButton->setDefault(true);
    // A desk that synced before may start without the server and catch up later.
    Replica probe(replica, clock);
    if (!probe.serverId().isEmpty()) {
        m_offlineButton = buttons->addButton(tr("Work &offline"), QDialogButtonBox::ActionRole);
        m_offlineButton->setObjectName(u"workOfflineButton"_s);
        connect(m_offlineButton, &QPushButton::clicked, this, [this] {
            m_client = std::make_unique<SyncClient>(m_replica, m_clock, settings());
            accept();
        });
    }
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_connectButton, &QPushButton::clicked, this, [this] {
        if (connectNow())
            accept();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progressBar);
    layout->addWidget(m_errorLabel);
    layout->addWidget(buttons);
}

ServerConnectionDialog::~ServerConnectionDialog() = default;

SyncSettings ServerConnectionDialog::settings() const
{
    SyncSettings s = m_initial;
    s.server.host = m_hostEdit->text().trimmed();
    s.server.port = m_portSpin->value();
    s.server.database = m_databaseEdit->text().trimmed();
    s.server.user = m_userEdit->text().trimmed();
    s.server.password = m_passwordEdit->text();
    s.server.sslMode = m_sslModeCombo->currentData().toString();
    s.deskName = m_deskNameEdit->text().trimmed();
    return s;
}

QString ServerConnectionDialog::errorText() const
{
    return m_errorLabel->isVisible() ? m_errorLabel->text() : QString();
}

void ServerConnectionDialog::showFailure(OpenFailure failure, const QString &message)
{
    QString text;
    switch (failure) {
    case OpenFailure::AuthenticationFailed:
        text = tr("The server refused the user name or password. Check them with whoever set the server up.");
        m_passwordEdit->setFocus();
        m_passwordEdit->selectAll();
        break;
    case OpenFailure::Unreachable:
        text = tr("No server answers at %1, port %2. Check the address, and that this computer can reach it.")
                   .arg(m_hostEdit->text().trimmed())
                   .arg(m_portSpin->value());
        m_hostEdit->setFocus();
        break;
    case OpenFailure::NoSuchDatabase:
        text = tr("The server has no database called \u201c%1\u201d.").arg(m_databaseEdit->text().trimmed());
        m_databaseEdit->setFocus();
        break;
    case OpenFailure::OlderSchema:
        text = tr("The server runs an older FrontDesk than this desk. Update the server first: start the new "
                  "frontdesk-engine on it once.");
        break;
    case OpenFailure::NewerSchema:
        text = tr("The server runs a newer FrontDesk than this desk. Update FrontDesk on this computer.");
        break;
    case OpenFailure::None:
    case OpenFailure::Other:
        text = tr("Could not connect: %1").arg(message);
        break;
    }
    m_errorLabel->setText(text);
    m_errorLabel->setToolTip(message);
    m_errorLabel->setVisible(true);
}

bool ServerConnectionDialog::connectNow()
{
    const SyncSettings s = settings();
    if (s.server.host.isEmpty() || s.server.database.isEmpty() || s.server.user.isEmpty() || s.deskName.isEmpty()) {
        showFailure(OpenFailure::Other, tr("fill in the server, the database, the user and this desk's name"));
        return false;
    }
    m_errorLabel->setVisible(false);
    m_connectButton->setEnabled(false);
    m_progressBar->setVisible(true);
    m_progressBar->setRange(0, 0);
    auto client = std::make_unique<SyncClient>(m_replica, m_clock, s);
    OpenFailure failure = OpenFailure::None;
    QString message;
    connect(client.get(), &SyncClient::connectionFailed, this, [&](OpenFailure f, const QString &m) {
        failure = f;
        message = m;
    });
    connect(client.get(), &SyncClient::fullSyncProgress, this, [this](qint64 done, qint64 total) {
        m_progressBar->setRange(0, int(qMin<qint64>(total, INT_MAX)));
        m_progressBar->setValue(int(qMin<qint64>(done, INT_MAX)));
        // Only paint: the dialog is modal and its button is off, no other change can start here.
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    });
    const bool ok = client->syncOnce();
    m_connectButton->setEnabled(true);
    if (!ok) {
        m_progressBar->setVisible(false);
        showFailure(failure == OpenFailure::None ? client->lastFailure() : failure,
            message.isEmpty() ? client->lastError() : message);
        return false;
    }
    client->disconnect(this);
    m_client = std::move(client);
    return true;
}

} // namespace FrontDesk
