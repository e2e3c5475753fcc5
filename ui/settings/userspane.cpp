#include "ui/settings/userspane.h"

#include "app/admin/adminservice.h"
#include "ui/presentation.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

UsersPane::UsersPane(AdminService &admin, const QString &actor, QWidget *parent)
    : QWidget(parent)
    , m_admin(admin)
    , m_actor(actor)
{
    setObjectName(u"usersPane"_s);
    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(u"usersTable"_s);
    m_table->setHorizontalHeaderLabels({tr("User"), tr("Name"), tr("Role"), tr("State")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    m_username = new QLineEdit(this);
    m_username->setObjectName(u"newUsernameEdit"_s);
    m_displayName = new QLineEdit(this);
    m_displayName->setObjectName(u"newDisplayNameEdit"_s);
    m_role = new QComboBox(this);
    m_role->setObjectName(u"roleCombo"_s);
    m_role->addItem(tr("Receptionist — inbox, takeover, booking"), int(Role::Receptionist));
    m_role->addItem(tr("Manager — also reports and export"), int(Role::Manager));
    m_role->addItem(tr("Admin — also settings, templates, integrations, users"), int(Role::Admin));
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"newPasswordEdit"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_status = new QLabel(this);
    m_status->setObjectName(u"usersStatusLabel"_s);
    m_status->setWordWrap(true);

    auto *form = new QGroupBox(tr("Add a user, or change the selected one"), this);
    auto *f = new QFormLayout(form);
    f->addRow(tr("User name"), m_username);
    f->addRow(tr("Display name"), m_displayName);
    f->addRow(tr("Role"), m_role);
    f->addRow(tr("Password"), m_password);
    auto *add = new QPushButton(tr("Add user"), form);
    add->setObjectName(u"addUserButton"_s);
    auto *setRole = new QPushButton(tr("Set role of selected"), form);
    setRole->setObjectName(u"setRoleButton"_s);
    auto *setPassword = new QPushButton(tr("Set password of selected"), form);
    setPassword->setObjectName(u"setPasswordButton"_s);
    auto *toggle = new QPushButton(tr("Disable / enable selected"), form);
    toggle->setObjectName(u"toggleUserButton"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(setRole);
    buttons->addWidget(setPassword);
    buttons->addWidget(toggle);
    f->addRow(buttons);
    f->addRow(m_status);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(form);

    connect(add, &QPushButton::clicked, this, [this] {
        const AdminResult r = m_admin.addUser(m_actor, m_username->text().trimmed(), m_displayName->text(),
            Role(m_role->currentData().toInt()), m_password->text());
        report(r.ok, r.ok ? tr("%1 can sign in now.").arg(m_username->text().trimmed()) : r.error);
        if (r.ok) {
            m_username->clear();
            m_displayName->clear();
            m_password->clear();
        }
    });
    connect(setRole, &QPushButton::clicked, this, [this] {
        const AdminResult r = m_admin.setUserRole(m_actor, selectedUser(), Role(m_role->currentData().toInt()));
        report(r.ok, r.ok ? tr("Role changed.") : r.error);
    });
    connect(setPassword, &QPushButton::clicked, this, [this] {
        const AdminResult r = m_admin.setUserPassword(m_actor, selectedUser(), m_password->text());
        report(r.ok, r.ok ? tr("Password set.") : r.error);
        if (r.ok)
            m_password->clear();
    });
    connect(toggle, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return report(false, tr("Select a user first."));
        const bool disabled = m_table->item(row, 3)->data(Qt::UserRole).toBool();
        const AdminResult r = m_admin.setUserDisabled(m_actor, selectedUser(), !disabled);
        report(r.ok, r.ok ? (disabled ? tr("Enabled.") : tr("Disabled.")) : r.error);
    });
    reload();
}

QString UsersPane::selectedUser() const
{
    const int row = m_table->currentRow();
    return row >= 0 ? m_table->item(row, 0)->text() : QString();
}

void UsersPane::report(bool ok, const QString &text)
{
    m_status->setText(text);
    m_status->setStyleSheet(ok ? u"color: #2e7d32;"_s : u"color: #b3261e;"_s);
    if (ok)
        reload();
}

void UsersPane::reload()
{
    QString error;
    const QList<UserAccount> users = m_admin.users(m_actor, &error);
    m_table->setRowCount(int(users.size()));
    for (int i = 0; i < users.size(); ++i) {
        const UserAccount &u = users.at(i);
        m_table->setItem(i, 0, new QTableWidgetItem(u.username));
        m_table->setItem(i, 1, new QTableWidgetItem(u.displayName));
        m_table->setItem(i, 2, new QTableWidgetItem(u.role));
        auto *state = new QTableWidgetItem(u.disabled ? tr("disabled") : tr("active"));
        state->setData(Qt::UserRole, u.disabled);
        m_table->setItem(i, 3, state);
    }
    if (!error.isEmpty()) {
        m_status->setText(error);
        m_status->setStyleSheet(u"color: #b3261e;"_s);
    }
}

AuditLogView::AuditLogView(AdminService &admin, const QString &actor, QWidget *parent)
    : QWidget(parent)
    , m_admin(admin)
    , m_actor(actor)
{
    setObjectName(u"auditLogView"_s);
    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(u"auditTable"_s);
    m_table->setHorizontalHeaderLabels({tr("When"), tr("Who"), tr("What"), tr("About"), tr("Details")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"auditFilterEdit"_s);
    m_filter->setPlaceholderText(tr("Filter: took over, settings, a person…"));
    auto *refresh = new QPushButton(tr("Refresh"), this);
    refresh->setObjectName(u"auditRefreshButton"_s);
    m_status = new QLabel(this);
    m_status->setObjectName(u"auditStatusLabel"_s);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    connect(refresh, &QPushButton::clicked, this, &AuditLogView::reload);
    connect(m_filter, &QLineEdit::textChanged, this, &AuditLogView::reload);
    reload();
}

QString AuditLogView::whoText(const QString &actor, const QHash<QString, QString> &names)
{
    if (actor == u"agent"_s)
        return tr("The agent");
    if (actor == u"system"_s || actor.isEmpty())
        return tr("FrontDesk");
    const QString login = actor.startsWith(u"staff:"_s) ? actor.mid(6) : actor;
    return names.value(login, login);
}

QString AuditLogView::actionText(const QString &action)
{
    static const QHash<QString, const char *> words = {
        {u"takeover"_s, QT_TR_NOOP("Took over a conversation")},
        {u"handback"_s, QT_TR_NOOP("Handed a conversation back to the agent")},
        {u"handoff"_s, QT_TR_NOOP("Handed a conversation to a person")},
        {u"acknowledged"_s, QT_TR_NOOP("Acknowledged an alert")},
        {u"staff_message"_s, QT_TR_NOOP("Sent a text")},
        {u"booked"_s, QT_TR_NOOP("Booked an appointment")},
        {u"cancelled"_s, QT_TR_NOOP("Cancelled an appointment")},
        {u"rescheduled"_s, QT_TR_NOOP("Moved an appointment")},
        {u"opt_out"_s, QT_TR_NOOP("A caller asked us to stop texting")},
        {u"opt_in"_s, QT_TR_NOOP("A caller asked us to text again")},
        {u"access_refused"_s, QT_TR_NOOP("Refused: not allowed for this role")},
        {u"user_added"_s, QT_TR_NOOP("Added a user")},
        {u"user_role_changed"_s, QT_TR_NOOP("Changed a user's role")},
        {u"user_password_set"_s, QT_TR_NOOP("Set a user's password")},
        {u"user_enabled"_s, QT_TR_NOOP("Enabled a user")},
        {u"user_disabled"_s, QT_TR_NOOP("Disabled a user")},
        {u"sign_in"_s, QT_TR_NOOP("Signed in")},
        {u"sign_in_failed"_s, QT_TR_NOOP("A sign-in failed")},
        {u"sign_out"_s, QT_TR_NOOP("Signed out")},
        {u"called_back"_s, QT_TR_NOOP("Called a customer back")},
        {u"settings_changed"_s, QT_TR_NOOP("Changed the business settings")},
        {u"setting_changed"_s, QT_TR_NOOP("Changed a setting")},
        {u"template_changed"_s, QT_TR_NOOP("Changed a text template")},
        {u"auto_replies_changed"_s, QT_TR_NOOP("Changed the keyword auto-replies")},
        {u"integration_changed"_s, QT_TR_NOOP("Changed a connection (phone line or calendar)")},
        {u"contacts_imported"_s, QT_TR_NOOP("Imported contacts")},
        {u"contact_added"_s, QT_TR_NOOP("Added a contact")},
        {u"contact_changed"_s, QT_TR_NOOP("Changed a contact")},
        {u"contact_removed"_s, QT_TR_NOOP("Deleted a contact")},
        {u"service_record_added"_s, QT_TR_NOOP("Added a job to a customer's history")},
        {u"service_record_removed"_s, QT_TR_NOOP("Removed a job from a customer's history")},
        {u"profile_exported"_s, QT_TR_NOOP("Exported the business settings")},
        {u"profile_imported"_s, QT_TR_NOOP("Imported the business settings")},
        {u"report_exported"_s, QT_TR_NOOP("Exported a report")},
        {u"textback_queued"_s, QT_TR_NOOP("Texted back a missed call")},
        {u"textback_refused"_s, QT_TR_NOOP("Did not text back a missed call (fraud guard)")},
        {u"textbacks_paused"_s, QT_TR_NOOP("Paused text-backs: the calls looked like SMS pumping")},
    };
    const char *w = words.value(action);
    if (w)
        return tr(w);
    QString plain = action;
    plain.replace(u'_', u' ');
    if (!plain.isEmpty())
        plain[0] = plain.at(0).toUpper();
    return plain;
}

QString AuditLogView::subjectText(const QString &subject)
{
    // Conversations and appointments are named by an internal id: say what it is, keep the id for support.
    static const QRegularExpression uuid(
        u"^\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?$"_s);
    if (uuid.match(subject).hasMatch())
        return tr("a conversation or booking");
    if (subject.startsWith(u'+'))
        return Presentation::phone(subject);
    return subject;
}

void AuditLogView::reload()
{
    QString error;
    const QList<AuditEntry> entries = m_admin.auditLog(m_actor, 1000, &error);
    QHash<QString, QString> names; // login → the person's name
    QString usersError;
    for (const UserAccount &u : m_admin.users(m_actor, &usersError))
        names.insert(u.username, u.displayName.isEmpty() ? u.username : u.displayName);
    const QString filter = m_filter->text().trimmed();
    m_table->setRowCount(0);
    for (const AuditEntry &e : entries) {
        const QStringList cells = {QLocale().toString(e.at.toLocalTime(), u"ddd d MMM yyyy, h:mm AP"_s),
            whoText(e.actor, names), actionText(e.action), subjectText(e.subject), e.details};
        // The codes stay findable: "user_added" finds what reads "Added a user".
        const QString searchable = cells.join(u' ') + u' ' + e.action + u' ' + e.actor;
        if (!filter.isEmpty() && !searchable.contains(filter, Qt::CaseInsensitive))
            continue;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(row, c, new QTableWidgetItem(cells.at(c)));
    }
    m_table->resizeColumnsToContents();
    m_status->setText(error.isEmpty() ? tr("%n entry(ies) shown.", nullptr, m_table->rowCount()) : error);
}

} // namespace FrontDesk
