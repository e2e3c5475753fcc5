#include "ui/settings/setupassistant.h"

#include "app/admin/phonenormalizer.h"
#include "app/admin/profilefields.h"
#include "app/admin/tradetemplates.h"
#include "app/core/secretstore.h"
#include "app/messaging/engine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTimeEdit>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const char *const kDays[7] = {QT_TRANSLATE_NOOP("FrontDesk::SetupAssistant", "Monday"),
    QT_TRANSLATE_NOOP("FrontDesk::SetupAssistant", "Tuesday"),
    QT_TRANSLATE_NOOP("FrontDesk::SetupAssistant", "Wednesday"),
    QT_TRANSLATE_NOOP("FrontDesk::SetupAssistant", "Thursday"),
    QT_TRANSLATE_NOOP("FrontDesk::SetupAssistant", "Friday"),
    QT_TRANSLATE_NOOP("FrontDesk::SetupAssistant", "Saturday"),
    QT_TRANSLATE_NOOP("FrontDesk::SetupAssistant", "Sunday")};

// "Leak repair" → "leak-repair", unique among `taken`.
QString idFor(const QString &name, QStringList &taken, const QString &fallback)
{
    QString id = name.toLower();
    static const QRegularExpression other(u"[^a-z0-9]+"_s);
    id.replace(other, u"-"_s);
    while (id.startsWith(u'-'))
        id.remove(0, 1);
    while (id.endsWith(u'-'))
        id.chop(1);
    if (id.isEmpty())
        id = fallback;
    QString unique = id;
    for (int n = 2; taken.contains(unique); ++n)
        unique = id + u'-' + QString::number(n);
    taken << unique;
    return unique;
}

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        if (const QString t = part.trimmed(); !t.isEmpty())
            out << t;
    return out;
}

QString cell(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

QLabel *intro(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

// A table with Add / Remove under it.
QWidget *tableWithButtons(QTableWidget *table, const QString &addText, const QString &name, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table, 1);
    auto *add = new QPushButton(addText, box);
    add->setObjectName(u"setupAdd%1Button"_s.arg(name));
    auto *remove = new QPushButton(QCoreApplication::translate("FrontDesk::SetupAssistant", "Remove"), box);
    remove->setObjectName(u"setupRemove%1Button"_s.arg(name));
    auto *row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch();
    layout->addLayout(row);
    QObject::connect(add, &QPushButton::clicked, table, [table] {
        const int row = table->rowCount();
        table->insertRow(row);
        for (int c = 0; c < table->columnCount(); ++c)
            table->setItem(row, c, new QTableWidgetItem());
        table->setCurrentCell(row, 0);
        table->editItem(table->item(row, 0));
    });
    QObject::connect(remove, &QPushButton::clicked, table, [table] {
        if (table->currentRow() >= 0)
            table->removeRow(table->currentRow());
    });
    return box;
}

} // namespace

SetupAssistant::SetupAssistant(Engine &engine, AdminService &admin, const QString &actor, QWidget *parent)
    : QWizard(parent)
    , m_engine(engine)
    , m_admin(admin)
    , m_actor(actor)
{
    setObjectName(u"setupAssistant"_s);
    setWindowTitle(tr("Set up FrontDesk"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setMinimumSize(640, 480);
    addPage(businessPage());
    addPage(hoursPage());
    addPage(servicesPage());
    addPage(techniciansPage());
    addPage(linePage());
    addPage(calendarPage());
    addPage(finishPage());
    button(QWizard::FinishButton)->setObjectName(u"setupFinishButton"_s);
    button(QWizard::NextButton)->setObjectName(u"setupNextButton"_s);
    button(QWizard::BackButton)->setObjectName(u"setupBackButton"_s);
    setButtonText(QWizard::FinishButton, tr("Save and start"));
    applyTrade(m_trade->currentData().toString());
    connect(this, &QWizard::currentIdChanged, this, [this] {
        if (currentPage() && currentPage()->objectName() == u"setupFinishPage"_s)
            updateSummary();
    });
}

void SetupAssistant::setTestCall(std::function<void()> placeTestCall)
{
    m_placeTestCall = std::move(placeTestCall);
    m_testCall->setVisible(bool(m_placeTestCall));
}

QWizardPage *SetupAssistant::businessPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(u"setupBusinessPage"_s);
    page->setTitle(tr("Your business"));
    auto *form = new QFormLayout(page);
    form->addRow(intro(tr("FrontDesk texts back the callers you miss and books them. Start from your trade: the "
                          "services, hours and booking rules it usually has are filled in for you to adjust."),
        page));
    m_trade = new QComboBox(page);
    m_trade->setObjectName(u"setupTradeCombo"_s);
    for (const TradeTemplate &t : TradeTemplates::all())
        m_trade->addItem(t.name, t.id);
    form->addRow(tr("&Trade"), m_trade);
    m_name = new QLineEdit(page);
    m_name->setObjectName(u"setupNameEdit"_s);
    m_name->setPlaceholderText(tr("e.g. Peachtree Heating & Air"));
    form->addRow(tr("Business &name"), m_name);
    m_phone = new QLineEdit(page);
    m_phone->setObjectName(u"setupPhoneEdit"_s);
    m_phone->setPlaceholderText(tr("(404) 555-0100"));
    form->addRow(tr("Business &phone"), m_phone);
    m_timezone = new QComboBox(page);
    m_timezone->setObjectName(u"setupTimeZoneCombo"_s);
    m_timezone->setEditable(true);
    const QString local = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    QStringList zones {u"America/New_York"_s, u"America/Chicago"_s, u"America/Denver"_s, u"America/Phoenix"_s,
        u"America/Los_Angeles"_s, u"America/Anchorage"_s, u"Pacific/Honolulu"_s};
    // This computer's zone first when it is a place (a server set to UTC is not where the business is).
    const bool place = local.contains(u'/') && !local.startsWith(u"Etc/"_s);
    if (!zones.contains(local) && place && QTimeZone(local.toUtf8()).isValid())
        zones.prepend(local);
    m_timezone->addItems(zones);
    m_timezone->setCurrentIndex(place && zones.contains(local) ? int(zones.indexOf(local)) : 0);
    form->addRow(tr("&Time zone"), m_timezone);
    m_zips = new QLineEdit(page);
    m_zips->setObjectName(u"setupZipsEdit"_s);
    m_zips->setPlaceholderText(tr("e.g. 30307, 30308 — leave empty to serve everywhere"));
    form->addRow(tr("&ZIP codes you serve"), m_zips);
    connect(m_trade, &QComboBox::currentIndexChanged, this, [this] { applyTrade(m_trade->currentData().toString()); });
    return page;
}

QWizardPage *SetupAssistant::hoursPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(u"setupHoursPage"_s);
    page->setTitle(tr("Opening hours"));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(intro(tr("The agent offers times inside these hours; calls outside them get the "
                               "after-hours text."),
        page));
    auto *grid = new QGridLayout;
    for (int d = 0; d < 7; ++d) {
        m_open[d] = new QCheckBox(tr(kDays[d]), page);
        m_open[d]->setObjectName(u"setupOpenCheck%1"_s.arg(d));
        m_openAt[d] = new QTimeEdit(QTime(8, 0), page);
        m_openAt[d]->setObjectName(u"setupOpenTime%1"_s.arg(d));
        m_openAt[d]->setDisplayFormat(u"h:mm AP"_s);
        m_closeAt[d] = new QTimeEdit(QTime(17, 0), page);
        m_closeAt[d]->setObjectName(u"setupCloseTime%1"_s.arg(d));
        m_closeAt[d]->setDisplayFormat(u"h:mm AP"_s);
        grid->addWidget(m_open[d], d, 0);
        grid->addWidget(m_openAt[d], d, 1);
        grid->addWidget(new QLabel(tr("to"), page), d, 2);
        grid->addWidget(m_closeAt[d], d, 3);
        connect(m_open[d], &QCheckBox::toggled, this, [this, d](bool on) {
            m_openAt[d]->setEnabled(on);
            m_closeAt[d]->setEnabled(on);
        });
    }
    grid->setColumnStretch(4, 1);
    layout->addLayout(grid);
    layout->addStretch();
    return page;
}

QWizardPage *SetupAssistant::servicesPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(u"setupServicesPage"_s);
    page->setTitle(tr("Services"));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(intro(tr("What callers can book, how long a visit takes, what it is usually worth (for the "
                               "reports), and the words callers use for it."),
        page));
    m_services = new QTableWidget(0, 4, page);
    m_services->setObjectName(u"setupServicesTable"_s);
    m_services->setHorizontalHeaderLabels({tr("Service"), tr("Minutes"), tr("Typical value ($)"), tr("Callers say")});
    m_services->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_services->horizontalHeader()->setStretchLastSection(true);
    m_services->verticalHeader()->hide();
    layout->addWidget(tableWithButtons(m_services, tr("Add a service"), u"Service"_s, page), 1);
    return page;
}

QWizardPage *SetupAssistant::techniciansPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(u"setupTechniciansPage"_s);
    page->setTitle(tr("Technicians"));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(intro(tr("Who does the jobs: each gets a column in the calendar. Everyone does every service; "
                               "narrow that down later in Settings › Business."),
        page));
    m_technicians = new QTableWidget(0, 1, page);
    m_technicians->setObjectName(u"setupTechniciansTable"_s);
    m_technicians->setHorizontalHeaderLabels({tr("Name")});
    m_technicians->horizontalHeader()->setStretchLastSection(true);
    m_technicians->verticalHeader()->hide();
    m_technicians->setRowCount(1);
    m_technicians->setItem(0, 0, new QTableWidgetItem(tr("Me")));
    layout->addWidget(tableWithButtons(m_technicians, tr("Add a technician"), u"Technician"_s, page), 1);
    return page;
}

QWizardPage *SetupAssistant::linePage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(u"setupLinePage"_s);
    page->setTitle(tr("Phone line"));
    auto *layout = new QVBoxLayout(page);
    auto *practice = new QRadioButton(tr("Practise first with a simulated line (no real texts are sent)"), page);
    practice->setObjectName(u"setupPracticeLineRadio"_s);
    practice->setChecked(true);
    m_realLine = new QRadioButton(tr("Connect my Twilio-compatible account"), page);
    m_realLine->setObjectName(u"setupRealLineRadio"_s);
    auto *fields = new QWidget(page);
    auto *form = new QFormLayout(fields);
    m_lineSid = new QLineEdit(fields);
    m_lineSid->setObjectName(u"setupLineSidEdit"_s);
    m_lineToken = new QLineEdit(fields);
    m_lineToken->setObjectName(u"setupLineTokenEdit"_s);
    m_lineToken->setEchoMode(QLineEdit::Password);
    m_lineNumber = new QLineEdit(fields);
    m_lineNumber->setObjectName(u"setupLineNumberEdit"_s);
    m_lineNumber->setPlaceholderText(tr("(404) 555-0100"));
    form->addRow(tr("Account SID"), m_lineSid);
    form->addRow(tr("Auth token"), m_lineToken);
    form->addRow(tr("Texting number"), m_lineNumber);
    fields->setEnabled(false);
    connect(m_realLine, &QRadioButton::toggled, fields, &QWidget::setEnabled);
    layout->addWidget(practice);
    layout->addWidget(m_realLine);
    layout->addWidget(fields);
    layout->addWidget(intro(tr("The account is kept in Settings › Integrations (the token in the system keychain), "
                               "where Test connection checks it."),
        page));
    layout->addStretch();
    return page;
}

QWizardPage *SetupAssistant::calendarPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(u"setupCalendarPage"_s);
    page->setTitle(tr("Calendar"));
    auto *layout = new QVBoxLayout(page);
    auto *own = new QRadioButton(tr("Use FrontDesk's own calendar (the Calendar tab)"), page);
    own->setObjectName(u"setupOwnCalendarRadio"_s);
    own->setChecked(true);
    m_calDav
        = new QRadioButton(tr("Also keep a shared calendar in step (CalDAV: Nextcloud, iCloud, Fastmail …)"), page);
    m_calDav->setObjectName(u"setupCalDavRadio"_s);
    auto *fields = new QWidget(page);
    auto *form = new QFormLayout(fields);
    m_calDavUrl = new QLineEdit(fields);
    m_calDavUrl->setObjectName(u"setupCalDavUrlEdit"_s);
    m_calDavUrl->setPlaceholderText(u"https://cloud.example.com/remote.php/dav/"_s);
    m_calDavUser = new QLineEdit(fields);
    m_calDavUser->setObjectName(u"setupCalDavUserEdit"_s);
    m_calDavPassword = new QLineEdit(fields);
    m_calDavPassword->setObjectName(u"setupCalDavPasswordEdit"_s);
    m_calDavPassword->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Server address"), m_calDavUrl);
    form->addRow(tr("User"), m_calDavUser);
    form->addRow(tr("Password"), m_calDavPassword);
    fields->setEnabled(false);
    connect(m_calDav, &QRadioButton::toggled, fields, &QWidget::setEnabled);
    layout->addWidget(own);
    layout->addWidget(m_calDav);
    layout->addWidget(fields);
    layout->addWidget(intro(tr("Each technician's calendar is picked later in Settings › Integrations."), page));
    layout->addStretch();
    return page;
}

QWizardPage *SetupAssistant::finishPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(u"setupFinishPage"_s);
    page->setTitle(tr("Check and save"));
    auto *layout = new QVBoxLayout(page);
    m_summary = new QLabel(page);
    m_summary->setObjectName(u"setupSummaryLabel"_s);
    m_summary->setWordWrap(true);
    m_errors = new QLabel(page);
    m_errors->setObjectName(u"setupErrorsLabel"_s);
    m_errors->setWordWrap(true);
    m_errors->setTextFormat(Qt::RichText);
    m_errors->setStyleSheet(u"color: #b3261e;"_s);
    m_errors->hide();
    m_testCall = new QCheckBox(tr("Then place a test missed call from a sample caller, to see FrontDesk answer"), page);
    m_testCall->setObjectName(u"setupTestCallCheck"_s);
    m_testCall->setChecked(true);
    m_testCall->hide();
    layout->addWidget(m_summary);
    layout->addWidget(m_errors);
    layout->addStretch();
    layout->addWidget(m_testCall);
    return page;
}

void SetupAssistant::applyTrade(const QString &tradeId)
{
    const TradeTemplate trade = TradeTemplates::byId(tradeId);
    m_base = trade.defaults;
    for (int d = 0; d < 7; ++d) {
        const auto &h = m_base.hours[d];
        m_open[d]->setChecked(h.has_value());
        m_openAt[d]->setTime(h ? h->open : QTime(8, 0));
        m_closeAt[d]->setTime(h ? h->close : QTime(17, 0));
        m_openAt[d]->setEnabled(h.has_value());
        m_closeAt[d]->setEnabled(h.has_value());
    }
    m_services->setRowCount(0);
    for (const ServiceDef &s : std::as_const(m_base.services)) {
        const int row = m_services->rowCount();
        m_services->insertRow(row);
        m_services->setItem(row, 0, new QTableWidgetItem(s.name));
        m_services->setItem(row, 1, new QTableWidgetItem(QString::number(s.durationMin)));
        m_services->setItem(row, 2, new QTableWidgetItem(s.jobValue > 0 ? QString::number(s.jobValue) : QString()));
        m_services->setItem(row, 3, new QTableWidgetItem(s.keywords.join(u", "_s)));
    }
}

BusinessProfile SetupAssistant::draft() const
{
    BusinessProfile p = m_base;
    p.name = m_name->text().trimmed();
    p.timezoneId = m_timezone->currentText().trimmed();
    const QString phone = m_phone->text().trimmed();
    const auto e164 = phone.isEmpty() ? std::nullopt : PhoneNormalizer().toE164(phone);
    p.phone = e164 ? *e164 : phone;
    p.serviceAreaZips = splitList(m_zips->text());
    for (int d = 0; d < 7; ++d) {
        if (m_open[d]->isChecked())
            p.hours[d] = OpeningHours {m_openAt[d]->time(), m_closeAt[d]->time()};
        else
            p.hours[d].reset();
    }
    p.services.clear();
    QStringList serviceIds;
    for (int r = 0; r < m_services->rowCount(); ++r) {
        ServiceDef s;
        s.name = cell(m_services, r, 0);
        s.id = idFor(s.name, serviceIds, u"service"_s);
        s.durationMin = cell(m_services, r, 1).toInt();
        s.jobValue = cell(m_services, r, 2).remove(u'$').remove(u',').toDouble();
        s.keywords = splitList(cell(m_services, r, 3));
        if (s.keywords.isEmpty() && !s.name.isEmpty())
            s.keywords << s.name.toLower(); // callers say its name at least
        p.services << s;
    }
    p.technicians.clear();
    QStringList technicianIds;
    for (int r = 0; r < m_technicians->rowCount(); ++r) {
        TechnicianDef t;
        t.name = cell(m_technicians, r, 0);
        if (t.name.isEmpty())
            continue;
        t.id = idFor(t.name, technicianIds, u"technician"_s);
        t.services = serviceIds;
        p.technicians << t;
    }
    return p;
}

QStringList SetupAssistant::problems() const
{
    const BusinessProfile p = draft();
    QStringList out;
    if (p.name.isEmpty())
        out << tr("Give the business a name (page 1).");
    if (!m_phone->text().trimmed().isEmpty() && !ProfileFields::phone(p.phone).isEmpty())
        out << tr("The business phone \"%1\" doesn't look like a phone number (page 1).")
                   .arg(m_phone->text().trimmed());
    if (!p.timeZone().isValid())
        out << tr("\"%1\" is not a time zone; pick one from the list (page 1).").arg(p.timezoneId);
    for (const QString &zip : p.serviceAreaZips)
        if (!ProfileFields::zipCode(zip).isEmpty())
            out << tr("The ZIP code \"%1\" should be five digits (page 1).").arg(zip);
    bool anyDay = false;
    for (int d = 0; d < 7; ++d) {
        if (!p.hours[d])
            continue;
        anyDay = true;
        if (p.hours[d]->close <= p.hours[d]->open)
            out << tr("%1: closing time must be after opening time (page 2).").arg(tr(kDays[d]));
    }
    if (!anyDay)
        out << tr("Open at least one day of the week (page 2).");
    if (p.services.isEmpty())
        out << tr("Add at least one service callers can book (page 3).");
    for (int r = 0; r < p.services.size(); ++r) {
        const ServiceDef &s = p.services.at(r);
        const QString which = s.name.isEmpty() ? tr("Service %1").arg(r + 1) : u"“%1”"_s.arg(s.name);
        if (s.name.isEmpty())
            out << tr("%1 needs a name (page 3).").arg(which);
        if (s.durationMin < 5 || s.durationMin > 1440)
            out << tr("%1: a visit takes between 5 and 1440 minutes (page 3).").arg(which);
        if (s.jobValue < 0)
            out << tr("%1: the typical value can't be negative (page 3).").arg(which);
        for (const QString &word : s.keywords)
            if (!ProfileFields::keyword(word).isEmpty())
                out << tr("%1: \"%2\" can only have letters, digits, spaces, ' and - (page 3).").arg(which, word);
    }
    if (p.technicians.isEmpty())
        out << tr("Add at least one technician — you, if you do the jobs yourself (page 4).");
    if (m_realLine->isChecked()) {
        TwilioAccountSettings account;
        account.accountSid = m_lineSid->text().trimmed();
        const auto number = PhoneNormalizer().toE164(m_lineNumber->text().trimmed());
        account.number = number ? *number : m_lineNumber->text().trimmed();
        account.baseUrl = u"https://api.twilio.com"_s;
        if (account.accountSid.isEmpty() || m_lineToken->text().isEmpty() || account.number.isEmpty())
            out << tr("To connect the phone line, fill in the account SID, the auth token and the texting number — "
                      "or practise with the simulated line for now (page 5).");
        else if (const QString e = AdminService::validateTwilio(account); !e.isEmpty())
            out << tr("Phone line: %1 (page 5).").arg(e);
    }
    if (m_calDav->isChecked()) {
        CalDavAccount calendar;
        calendar.url = m_calDavUrl->text().trimmed();
        calendar.user = m_calDavUser->text().trimmed();
        if (calendar.url.isEmpty() || calendar.user.isEmpty())
            out << tr("To keep a shared calendar, fill in its server address and user — or use FrontDesk's own "
                      "calendar (page 6).");
        else if (const QString e = AdminService::validateCalDav(calendar); !e.isEmpty())
            out << tr("Calendar: %1 (page 6).").arg(e);
    }
    return out;
}

void SetupAssistant::updateSummary()
{
    const BusinessProfile p = draft();
    int days = 0;
    for (const auto &h : p.hours)
        days += h ? 1 : 0;
    QStringList services;
    for (const ServiceDef &s : p.services)
        services << s.name;
    QStringList technicians;
    for (const TechnicianDef &t : p.technicians)
        technicians << t.name;
    m_summary->setText(
        tr("%1 — open %n day(s) a week; %2; technicians: %3. Phone line: %4. Calendar: %5.", nullptr, days)
            .arg(p.name.isEmpty() ? tr("(no name yet)") : p.name, services.join(u", "_s), technicians.join(u", "_s),
                !m_realLine->isChecked() ? tr("simulated, for practice")
                    : m_admin.secretStore() && m_admin.secretStore()->isPersistent()
                    ? tr("your account, used from FrontDesk's next start")
                    : tr("your account, used from FrontDesk's next start — but this computer has no keychain, so "
                         "enter the auth token again in Settings › Integrations after a restart"),
                m_calDav->isChecked() ? tr("FrontDesk's, kept in step with yours") : tr("FrontDesk's own")));
    const QStringList found = problems();
    if (found.isEmpty()) {
        m_errors->hide();
    } else {
        QString html = tr("Before saving, please fix:") + u"<ul>"_s;
        for (const QString &problem : found)
            html += u"<li>"_s + problem.toHtmlEscaped() + u"</li>"_s;
        m_errors->setText(html + u"</ul>"_s);
        m_errors->show();
    }
}

bool SetupAssistant::save()
{
    updateSummary();
    if (!problems().isEmpty())
        return false;
    auto fail = [this](const QString &why) {
        m_errors->setText(tr("Not saved: %1").arg(why.toHtmlEscaped()));
        m_errors->show();
        return false;
    };
    if (m_realLine->isChecked()) {
        TwilioAccountSettings account;
        account.accountSid = m_lineSid->text().trimmed();
        account.number = *PhoneNormalizer().toE164(m_lineNumber->text().trimmed());
        account.baseUrl = u"https://api.twilio.com"_s;
        if (const AdminResult r = m_admin.saveTwilioAccount(m_actor, account, m_lineToken->text().toUtf8()); !r.ok)
            return fail(r.error);
    }
    if (const AdminResult r = m_admin.saveProfile(m_actor, draft()); !r.ok)
        return fail(r.error);
    if (m_calDav->isChecked()) {
        CalDavAccount calendar;
        calendar.url = m_calDavUrl->text().trimmed();
        calendar.user = m_calDavUser->text().trimmed();
        if (const AdminResult r = m_admin.saveCalDav(m_actor, calendar, m_calDavPassword->text().toUtf8()); !r.ok)
            return fail(r.error);
    }
    emit setupSaved();
    if (m_placeTestCall && m_testCall->isChecked())
        m_placeTestCall();
    return true;
}

bool SetupAssistant::validateCurrentPage()
{
    if (currentPage() && currentPage()->objectName() == u"setupFinishPage"_s)
        return save();
    return QWizard::validateCurrentPage();
}

} // namespace FrontDesk
