#include "ui/settings/integrationspane.h"

#include "app/admin/adminservice.h"
#include "app/core/secretstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

void showStatus(QLabel *label, const QString &text, int state) // 0 neutral, 1 ok, 2 error
{
    label->setText(text);
    label->setStyleSheet(state == 1 ? u"color: #2e7d32;"_s : state == 2 ? u"color: #b3261e;"_s : QString());
}

QLineEdit *edit(QWidget *parent, const QString &name, bool secret = false)
{
    auto *e = new QLineEdit(parent);
    e->setObjectName(name);
    if (secret)
        e->setEchoMode(QLineEdit::Password);
    return e;
}

} // namespace

IntegrationsPane::IntegrationsPane(AdminService &admin, const QString &actor, TwilioConnectionChecker twilioChecker,
    CalDavConnectionChecker calDavChecker, QWidget *parent)
    : QWidget(parent)
    , m_admin(admin)
    , m_actor(actor)
    , m_twilioChecker(std::move(twilioChecker))
    , m_calDavChecker(std::move(calDavChecker))
{
    setObjectName(u"integrationsPane"_s);
    m_secretsLabel = new QLabel(this);
    m_secretsLabel->setObjectName(u"secretStoreLabel"_s);
    m_secretsLabel->setWordWrap(true);

    auto *twilio = new QGroupBox(tr("Phone line (Twilio-compatible)"), this);
    auto *tf = new QFormLayout(twilio);
    m_sid = edit(twilio, u"twilioSidEdit"_s);
    m_token = edit(twilio, u"twilioTokenEdit"_s, true);
    m_number = edit(twilio, u"twilioNumberEdit"_s);
    m_baseUrl = edit(twilio, u"twilioBaseUrlEdit"_s);
    tf->addRow(tr("Account SID"), m_sid);
    tf->addRow(tr("Auth token"), m_token);
    tf->addRow(tr("Number (E.164)"), m_number);
    tf->addRow(tr("API address"), m_baseUrl);
    m_twilioStatus = new QLabel(twilio);
    m_twilioStatus->setObjectName(u"twilioStatusLabel"_s);
    m_twilioStatus->setWordWrap(true);
    m_twilioTest = new QPushButton(tr("Test connection"), twilio);
    m_twilioTest->setObjectName(u"testTwilioButton"_s);
    m_twilioSave = new QPushButton(tr("Save"), twilio);
    m_twilioSave->setObjectName(u"saveTwilioButton"_s);
    auto *tb = new QHBoxLayout;
    tb->addWidget(m_twilioStatus, 1);
    tb->addWidget(m_twilioTest);
    tb->addWidget(m_twilioSave);
    tf->addRow(tb);

    auto *cal = new QGroupBox(tr("Calendar (CalDAV)"), this);
    auto *cf = new QFormLayout(cal);
    m_calUrl = edit(cal, u"calDavUrlEdit"_s);
    m_calUser = edit(cal, u"calDavUserEdit"_s);
    m_calPassword = edit(cal, u"calDavPasswordEdit"_s, true);
    cf->addRow(tr("Calendar address"), m_calUrl);
    cf->addRow(tr("User"), m_calUser);
    cf->addRow(tr("Password"), m_calPassword);
    // One calendar per technician: the agent books each technician's jobs into theirs and reads
    // their busy times there.
    for (const auto &[id, name] : m_admin.technicians()) {
        auto *combo = new QComboBox(cal);
        combo->setObjectName(u"calDavCalendarCombo_"_s + id);
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->lineEdit()->setPlaceholderText(tr("none — Test connection lists the calendars"));
        combo->setAccessibleName(tr("Calendar of %1").arg(name));
        combo->setToolTip(tr("The calendar %1's jobs go to: its URL, or a path on the server").arg(name));
        cf->addRow(tr("Calendar of %1").arg(name), combo);
        m_calendarCombos.insert(id, combo);
        connect(combo, &QComboBox::activated, combo, [combo](int index) {
            // Picking a found calendar puts its URL in the field (the name stays in the list).
            if (const QString url = combo->itemData(index).toString(); !url.isEmpty())
                combo->setEditText(url);
        });
        connect(combo, &QComboBox::editTextChanged, this, &IntegrationsPane::validate);
    }
    m_calStatus = new QLabel(cal);
    m_calStatus->setObjectName(u"calDavStatusLabel"_s);
    m_calStatus->setWordWrap(true);
    m_calTest = new QPushButton(tr("Test connection"), cal);
    m_calTest->setObjectName(u"testCalDavButton"_s);
    m_calSave = new QPushButton(tr("Save"), cal);
    m_calSave->setObjectName(u"saveCalDavButton"_s);
    auto *cb = new QHBoxLayout;
    cb->addWidget(m_calStatus, 1);
    cb->addWidget(m_calTest);
    cb->addWidget(m_calSave);
    cf->addRow(cb);

    // The text-back fraud guard: who may get a text-back, and how many.
    auto *fraud = new QGroupBox(tr("Text-back fraud guard"), this);
    auto *ff = new QFormLayout(fraud);
    m_fraudEnabled = new QCheckBox(tr("Text back only valid mobile numbers, within the rates below"), fraud);
    m_fraudEnabled->setObjectName(u"fraudGuardCheck"_s);
    m_fraudCountries = edit(fraud, u"fraudCountriesEdit"_s);
    m_fraudCountries->setPlaceholderText(tr("the business's own country"));
    m_fraudCountries->setToolTip(tr("Two-letter country codes separated by commas, such as US,CA"));
    auto spin = [fraud](const QString &name, int min, int max) {
        auto *box = new QSpinBox(fraud);
        box->setObjectName(name);
        box->setRange(min, max);
        return box;
    };
    m_fraudPerNumber = spin(u"fraudPerNumberSpin"_s, 1, 100);
    m_fraudPerMinute = spin(u"fraudPerMinuteSpin"_s, 1, 10000);
    m_fraudPause = spin(u"fraudPauseSpin"_s, 1, 24 * 60);
    m_fraudPause->setSuffix(tr(" min"));
    ff->addRow(m_fraudEnabled);
    ff->addRow(tr("Countries"), m_fraudCountries);
    ff->addRow(tr("Text-backs per number and hour"), m_fraudPerNumber);
    ff->addRow(tr("Text-backs per minute in all"), m_fraudPerMinute);
    ff->addRow(tr("Pause after a burst"), m_fraudPause);
    m_fraudStatus = new QLabel(fraud);
    m_fraudStatus->setObjectName(u"fraudStatusLabel"_s);
    m_fraudStatus->setWordWrap(true);
    m_fraudSave = new QPushButton(tr("Save"), fraud);
    m_fraudSave->setObjectName(u"saveFraudGuardButton"_s);
    auto *fb = new QHBoxLayout;
    fb->addWidget(m_fraudStatus, 1);
    fb->addWidget(m_fraudSave);
    ff->addRow(fb);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_secretsLabel);
    layout->addWidget(twilio);
    layout->addWidget(cal);
    layout->addWidget(fraud);
    layout->addStretch();

    for (QLineEdit *e : {m_sid, m_token, m_number, m_baseUrl, m_calUrl, m_calUser, m_calPassword})
        connect(e, &QLineEdit::textEdited, this, &IntegrationsPane::validate);
    connect(m_twilioTest, &QPushButton::clicked, this, &IntegrationsPane::testTwilio);
    connect(m_calTest, &QPushButton::clicked, this, &IntegrationsPane::testCalDav);
    connect(m_twilioSave, &QPushButton::clicked, this, &IntegrationsPane::saveTwilio);
    connect(m_calSave, &QPushButton::clicked, this, &IntegrationsPane::saveCalDav);
    connect(m_fraudSave, &QPushButton::clicked, this, &IntegrationsPane::saveFraudGuard);
    load();
}

void IntegrationsPane::load()
{
    const FraudGuardSettings fraud = m_admin.fraudGuard();
    m_fraudEnabled->setChecked(fraud.enabled);
    m_fraudCountries->setText(fraud.allowedCountries.join(u','));
    m_fraudPerNumber->setValue(fraud.perNumberMax);
    m_fraudPerMinute->setValue(fraud.globalPerMinute);
    m_fraudPause->setValue(fraud.breakerPauseSec / 60);
    const SecretStore *secrets = m_admin.secretStore();
    if (!secrets)
        showStatus(m_secretsLabel, tr("No secret store: tokens and passwords cannot be saved."), 2);
    else if (!secrets->isPersistent())
        showStatus(m_secretsLabel,
            tr("Secrets are kept in %1. Enter them again after a restart, or set up a keychain.")
                .arg(secrets->description()),
            2);
    else
        showStatus(m_secretsLabel,
            tr("Tokens and passwords are kept in %1, never in FrontDesk's settings or exports.")
                .arg(secrets->description()),
            1);
    const TwilioAccountSettings twilio = m_admin.twilioAccount();
    m_sid->setText(twilio.accountSid);
    m_number->setText(twilio.number);
    m_baseUrl->setText(twilio.baseUrl);
    QString error;
    m_token->setPlaceholderText(
        m_admin.twilioAuthToken(&error).isEmpty() ? tr("not set") : tr("stored — type to replace"));
    const CalDavAccount cal = m_admin.calDav();
    m_calUrl->setText(cal.url);
    m_calUser->setText(cal.user);
    for (auto it = m_calendarCombos.constBegin(); it != m_calendarCombos.constEnd(); ++it)
        it.value()->setEditText(cal.calendars.value(it.key()));
    m_calPassword->setPlaceholderText(
        m_admin.calDavPassword(&error).isEmpty() ? tr("not set") : tr("stored — type to replace"));
    validate();
}

void IntegrationsPane::validate()
{
    const QString twilioProblem = AdminService::validateTwilio(
        {m_sid->text().trimmed(), m_number->text().trimmed(), m_baseUrl->text().trimmed()});
    const bool twilioEmpty = m_sid->text().isEmpty() && m_number->text().isEmpty();
    m_twilioSave->setEnabled(twilioProblem.isEmpty());
    m_twilioTest->setEnabled(twilioProblem.isEmpty() && bool(m_twilioChecker));
    if (!twilioEmpty)
        showStatus(m_twilioStatus, twilioProblem, twilioProblem.isEmpty() ? 0 : 2);
    const QString calProblem = AdminService::validateCalDav(calDavAccount());
    const bool calEmpty = m_calUrl->text().isEmpty() && m_calUser->text().isEmpty();
    m_calSave->setEnabled(calProblem.isEmpty());
    m_calTest->setEnabled(calProblem.isEmpty() && bool(m_calDavChecker));
    if (!calEmpty)
        showStatus(m_calStatus, calProblem, calProblem.isEmpty() ? 0 : 2);
}

void IntegrationsPane::testTwilio()
{
    QString error;
    QByteArray token = m_token->text().toUtf8();
    if (token.isEmpty())
        token = m_admin.twilioAuthToken(&error);
    showStatus(m_twilioStatus, tr("Testing…"), 0);
    m_twilioTest->setEnabled(false);
    QPointer<IntegrationsPane> self(this);
    m_twilioChecker({m_sid->text().trimmed(), m_number->text().trimmed(), m_baseUrl->text().trimmed()}, token,
        [self](const ConnectionCheckResult &r) {
            if (!self)
                return;
            showStatus(self->m_twilioStatus, r.message, r.ok ? 1 : 2);
            self->m_twilioTest->setEnabled(true);
        });
}

void IntegrationsPane::testCalDav()
{
    QString error;
    QByteArray password = m_calPassword->text().toUtf8();
    if (password.isEmpty())
        password = m_admin.calDavPassword(&error);
    showStatus(m_calStatus, tr("Testing…"), 0);
    m_calTest->setEnabled(false);
    QPointer<IntegrationsPane> self(this);
    m_calDavChecker(calDavAccount(), password, [self](const ConnectionCheckResult &r) {
        if (!self)
            return;
        showStatus(self->m_calStatus, r.message, r.ok ? 1 : 2);
        self->m_calTest->setEnabled(true);
        // The calendars found, to pick each technician's from (what is typed stays).
        for (QComboBox *combo : std::as_const(self->m_calendarCombos)) {
            const QString typed = combo->currentText();
            const QSignalBlocker block(combo);
            combo->clear();
            for (const auto &[name, url] : r.calendars)
                combo->addItem(name, url);
            combo->setEditText(typed);
        }
    });
}

void IntegrationsPane::saveTwilio()
{
    const AdminResult r = m_admin.saveTwilioAccount(m_actor,
        {m_sid->text().trimmed(), m_number->text().trimmed(), m_baseUrl->text().trimmed()}, m_token->text().toUtf8());
    if (!r.ok) {
        showStatus(m_twilioStatus, r.error, 2);
        return;
    }
    m_token->clear();
    load();
    showStatus(m_twilioStatus, tr("Saved."), 1);
}

CalDavAccount IntegrationsPane::calDavAccount() const
{
    CalDavAccount account {m_calUrl->text().trimmed(), m_calUser->text().trimmed(), {}};
    for (auto it = m_calendarCombos.constBegin(); it != m_calendarCombos.constEnd(); ++it)
        account.calendars.insert(it.key(), it.value()->currentText().trimmed());
    return account;
}

void IntegrationsPane::saveCalDav()
{
    const AdminResult r = m_admin.saveCalDav(m_actor, calDavAccount(), m_calPassword->text().toUtf8());
    if (!r.ok) {
        showStatus(m_calStatus, r.error, 2);
        return;
    }
    m_calPassword->clear();
    load();
    showStatus(m_calStatus, tr("Saved."), 1);
}

void IntegrationsPane::saveFraudGuard()
{
    FraudGuardSettings settings = m_admin.fraudGuard();
    settings.enabled = m_fraudEnabled->isChecked();
    settings.allowedCountries = m_fraudCountries->text().split(u',', Qt::SkipEmptyParts);
    settings.perNumberMax = m_fraudPerNumber->value();
    settings.globalPerMinute = m_fraudPerMinute->value();
    settings.breakerPauseSec = m_fraudPause->value() * 60;
    const AdminResult r = m_admin.saveFraudGuard(m_actor, settings);
    if (!r.ok) {
        showStatus(m_fraudStatus, r.error, 2);
        return;
    }
    load();
    showStatus(m_fraudStatus, tr("Saved."), 1);
}

} // namespace FrontDesk
