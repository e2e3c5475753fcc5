#include "ui/settings/businesspane.h"

#include "app/admin/adminservice.h"
#include "app/admin/phonenormalizer.h"
#include "app/admin/profilefields.h"
#include "app/admin/tradetemplates.h"
#include "app/messaging/engine.h"

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const std::array<const char *, 7> kDays = {QT_TRANSLATE_NOOP("FrontDesk::BusinessPane", "Monday"),
    QT_TRANSLATE_NOOP("FrontDesk::BusinessPane", "Tuesday"), QT_TRANSLATE_NOOP("FrontDesk::BusinessPane", "Wednesday"),
    QT_TRANSLATE_NOOP("FrontDesk::BusinessPane", "Thursday"), QT_TRANSLATE_NOOP("FrontDesk::BusinessPane", "Friday"),
    QT_TRANSLATE_NOOP("FrontDesk::BusinessPane", "Saturday"), QT_TRANSLATE_NOOP("FrontDesk::BusinessPane", "Sunday")};

QString cell(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

void setRow(QTableWidget *table, int row, const QStringList &values)
{
    for (int c = 0; c < values.size(); ++c)
        table->setItem(row, c, new QTableWidgetItem(values.at(c)));
}

QSpinBox *spin(QWidget *parent, const QString &name, int min, int max, const QString &suffix)
{
    auto *s = new QSpinBox(parent);
    s->setObjectName(name);
    s->setRange(min, max);
    s->setSuffix(suffix);
    return s;
}

} // namespace

QStringList BusinessPane::splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    return out;
}

QTableWidget *BusinessPane::makeTable(const QStringList &headers, const QString &objectName)
{
    auto *t = new QTableWidget(0, int(headers.size()), this);
    t->setObjectName(objectName);
    t->setHorizontalHeaderLabels(headers);
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->hide();
    t->setMinimumHeight(120);
    connect(t, &QTableWidget::itemChanged, this, [this] { revalidate(); });
    return t;
}

BusinessPane::BusinessPane(Engine &engine, AdminService &admin, const QString &actor, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_admin(admin)
    , m_actor(actor)
{
    setObjectName(u"businessPane"_s);
    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);

    // Who.
    auto *who = new QGroupBox(tr("Business"), content);
    auto *whoForm = new QFormLayout(who);
    m_name = new QLineEdit(who);
    m_name->setObjectName(u"businessNameEdit"_s);
    m_timezone = new QLineEdit(who);
    m_timezone->setObjectName(u"timezoneEdit"_s);
    m_phone = new QLineEdit(who);
    m_phone->setObjectName(u"businessPhoneEdit"_s);
    whoForm->addRow(tr("Name"), m_name);
    whoForm->addRow(tr("Time zone (IANA)"), m_timezone);
    m_phone->setPlaceholderText(tr("(404) 555-0100 or +14045550100"));
    whoForm->addRow(tr("Phone"), m_phone);
    column->addWidget(who);

    // Hours and holidays.
    auto *hours = new QGroupBox(tr("Business hours and holidays"), content);
    auto *grid = new QGridLayout(hours);
    for (int d = 0; d < 7; ++d) {
        m_open[d] = new QCheckBox(tr(kDays[d]), hours);
        m_open[d]->setObjectName(u"openCheck%1"_s.arg(d));
        m_openAt[d] = new QLineEdit(hours);
        m_openAt[d]->setObjectName(u"openEdit%1"_s.arg(d));
        m_openAt[d]->setPlaceholderText(u"08:00"_s);
        m_closeAt[d] = new QLineEdit(hours);
        m_closeAt[d]->setObjectName(u"closeEdit%1"_s.arg(d));
        m_closeAt[d]->setPlaceholderText(u"17:00"_s);
        grid->addWidget(m_open[d], d, 0);
        grid->addWidget(m_openAt[d], d, 1);
        grid->addWidget(new QLabel(tr("to"), hours), d, 2);
        grid->addWidget(m_closeAt[d], d, 3);
        connect(m_open[d], &QCheckBox::toggled, this, [this, d](bool on) {
            m_openAt[d]->setEnabled(on);
            m_closeAt[d]->setEnabled(on);
            // A day just ticked gets real times, not grey hints that fail on save.
            if (on && !m_loading && m_openAt[d]->text().trimmed().isEmpty())
                m_openAt[d]->setText(u"08:00"_s);
            if (on && !m_loading && m_closeAt[d]->text().trimmed().isEmpty())
                m_closeAt[d]->setText(u"17:00"_s);
            revalidate();
        });
        connect(m_openAt[d], &QLineEdit::textEdited, this, &BusinessPane::revalidate);
        connect(m_closeAt[d], &QLineEdit::textEdited, this, &BusinessPane::revalidate);
    }
    m_holidays = new QLineEdit(hours);
    m_holidays->setObjectName(u"holidaysEdit"_s);
    m_holidays->setPlaceholderText(tr("2026-12-25, 2027-01-01"));
    grid->addWidget(new QLabel(tr("Holidays"), hours), 7, 0);
    grid->addWidget(m_holidays, 7, 1, 1, 3);
    column->addWidget(hours);

    // Area and words.
    auto *words = new QGroupBox(tr("Service area and words (separate with commas)"), content);
    auto *wordsForm = new QFormLayout(words);
    m_zips = new QLineEdit(words);
    m_zips->setObjectName(u"zipCodesEdit"_s);
    m_emergency = new QLineEdit(words);
    m_emergency->setObjectName(u"emergencyWordsEdit"_s);
    m_urgent = new QLineEdit(words);
    m_urgent->setObjectName(u"urgentWordsEdit"_s);
    m_notOffered = new QLineEdit(words);
    m_notOffered->setObjectName(u"notOfferedWordsEdit"_s);
    wordsForm->addRow(tr("Service area ZIP codes"), m_zips);
    wordsForm->addRow(tr("Emergency words"), m_emergency);
    wordsForm->addRow(tr("Urgent words"), m_urgent);
    wordsForm->addRow(tr("Services not offered"), m_notOffered);
    column->addWidget(words);
    for (QLineEdit *e : {m_name, m_timezone, m_phone, m_holidays, m_zips, m_emergency, m_urgent, m_notOffered})
        connect(e, &QLineEdit::textEdited, this, &BusinessPane::revalidate);

    // Tables with add/remove.
    auto tableBox = [this, content, column](
                        const QString &title, QTableWidget *table, const QString &name, const QStringList &blank) {
        auto *box = new QGroupBox(title, content);
        auto *v = new QVBoxLayout(box);
        v->addWidget(table);
        auto *buttons = new QHBoxLayout;
        auto *add = new QPushButton(tr("Add"), box);
        add->setObjectName(u"add%1Button"_s.arg(name));
        auto *remove = new QPushButton(tr("Remove"), box);
        remove->setObjectName(u"remove%1Button"_s.arg(name));
        buttons->addStretch();
        buttons->addWidget(add);
        buttons->addWidget(remove);
        v->addLayout(buttons);
        connect(add, &QPushButton::clicked, this, [this, table, blank] {
            m_loading = true;
            const int row = table->rowCount();
            table->insertRow(row);
            setRow(table, row, blank);
            m_loading = false;
            revalidate();
            table->setCurrentCell(row, 0);
        });
        connect(remove, &QPushButton::clicked, this, [this, table] {
            if (table->currentRow() >= 0)
                table->removeRow(table->currentRow());
            revalidate();
        });
        column->addWidget(box);
    };
    m_services = makeTable({tr("Id"), tr("Name"), tr("Keywords"), tr("Minutes"), tr("Job value")}, u"servicesTable"_s);
    m_services->horizontalHeader()->setStretchLastSection(false);
    m_services->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    tableBox(tr("Services"), m_services, u"Service"_s,
        {u"new-service"_s, tr("New service"), tr("keyword"), u"60"_s, u"0"_s});
    m_technicians = makeTable({tr("Id"), tr("Name"), tr("Services (ids)")}, u"techniciansTable"_s);
    tableBox(tr("Technicians"), m_technicians, u"Technician"_s, {u"new-tech"_s, tr("New technician"), QString()});
    m_faq = makeTable({tr("Keywords"), tr("Answer")}, u"faqTable"_s);
    tableBox(tr("FAQ"), m_faq, u"Faq"_s, {tr("keyword"), tr("The answer.")});

    // Qualification.
    auto *qual = new QGroupBox(tr("Qualification: what the agent asks"), content);
    auto *qualGrid = new QGridLayout(qual);
    qualGrid->addWidget(new QLabel(tr("Every caller"), qual), 0, 0);
    qualGrid->addWidget(new QLabel(tr("New callers also"), qual), 1, 0);
    const QStringList slotNames = BusinessProfile::qualificationSlots();
    for (int i = 0; i < slotNames.size(); ++i) {
        auto *a = new QCheckBox(slotNames.at(i), qual);
        a->setObjectName(u"ask_"_s + slotNames.at(i));
        auto *n = new QCheckBox(slotNames.at(i), qual);
        n->setObjectName(u"askNew_"_s + slotNames.at(i));
        qualGrid->addWidget(a, 0, i + 1);
        qualGrid->addWidget(n, 1, i + 1);
        m_ask << a;
        m_askNew << n;
        connect(a, &QCheckBox::toggled, this, &BusinessPane::revalidate);
        connect(n, &QCheckBox::toggled, this, &BusinessPane::revalidate);
    }
    column->addWidget(qual);

    // Booking rules.
    auto *booking = new QGroupBox(tr("Booking rules"), content);
    auto *bookingForm = new QFormLayout(booking);
    m_minLead = spin(booking, u"minLeadSpin"_s, -1, 30 * 24 * 60, tr(" min"));
    m_horizon = spin(booking, u"horizonSpin"_s, 0, 400, tr(" days"));
    m_buffer = spin(booking, u"bufferSpin"_s, -1, 1500, tr(" min"));
    m_slotStep = spin(booking, u"slotStepSpin"_s, 0, 1500, tr(" min"));
    m_offers = spin(booking, u"offersSpin"_s, 0, 20, QString());
    bookingForm->addRow(tr("Earliest start after now (lead time)"), m_minLead);
    bookingForm->addRow(tr("How far ahead (horizon)"), m_horizon);
    bookingForm->addRow(tr("Buffer after each job"), m_buffer);
    bookingForm->addRow(tr("Slot step"), m_slotStep);
    bookingForm->addRow(tr("Slots offered at once"), m_offers);
    for (QSpinBox *s : {m_minLead, m_horizon, m_buffer, m_slotStep, m_offers})
        connect(s, &QSpinBox::valueChanged, this, &BusinessPane::revalidate);
    column->addWidget(booking);
    column->addStretch();

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);

    m_status = new QLabel(this);
    m_status->setObjectName(u"businessStatusLabel"_s);
    m_status->setWordWrap(true);
    m_saveButton = new QPushButton(tr("Save"), this);
    m_saveButton->setObjectName(u"saveBusinessButton"_s);
    m_revertButton = new QPushButton(tr("Revert"), this);
    m_revertButton->setObjectName(u"revertBusinessButton"_s);
    auto *importButton = new QPushButton(tr("Import profile…"), this);
    importButton->setObjectName(u"importProfileButton"_s);
    auto *exportButton = new QPushButton(tr("Export profile…"), this);
    exportButton->setObjectName(u"exportProfileButton"_s);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(importButton);
    bar->addWidget(exportButton);
    bar->addWidget(m_revertButton);
    bar->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addLayout(bar);

    connect(m_saveButton, &QPushButton::clicked, this, &BusinessPane::save);
    connect(m_revertButton, &QPushButton::clicked, this, [this] {
        if (const auto p = m_engine.profile())
            load(*p);
    });
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString path
            = QFileDialog::getOpenFileName(this, tr("Import a business profile"), QString(), tr("Profile (*.json)"));
        if (!path.isEmpty())
            importFile(path);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export the business profile"), u"profile.json"_s, tr("Profile (*.json)"));
        if (!path.isEmpty())
            exportFile(path);
    });

    // A profile saved elsewhere (the setup assistant, an import) shows here at once.
    connect(&m_engine, &Engine::profileChanged, this, [this] {
        if (const auto p = m_engine.profile())
            load(*p);
    });
    if (const auto p = m_engine.profile()) {
        load(*p);
    } else {
        // Nothing stored yet: sensible starting values (a general service business in this
        // computer's time zone), never zeros that fail on save.
        BusinessProfile starter = TradeTemplates::byId(u"general"_s).defaults;
        starter.timezoneId = QString::fromUtf8(QTimeZone::systemTimeZoneId());
        load(starter);
        setStatus(tr("No business set up yet: fill this in and save, or import a profile."), false);
    }
}

void BusinessPane::load(const BusinessProfile &p)
{
    m_loading = true;
    m_base = p;
    m_name->setText(p.name);
    m_timezone->setText(p.timezoneId);
    m_phone->setText(p.phone);
    for (int d = 0; d < 7; ++d) {
        const auto &h = p.hours[d];
        m_open[d]->setChecked(h.has_value());
        m_openAt[d]->setText(h ? h->open.toString(u"HH:mm"_s) : QString());
        m_closeAt[d]->setText(h ? h->close.toString(u"HH:mm"_s) : QString());
        m_openAt[d]->setEnabled(h.has_value());
        m_closeAt[d]->setEnabled(h.has_value());
    }
    QStringList holidays;
    for (const QDate &d : p.holidays)
        holidays << d.toString(Qt::ISODate);
    m_holidays->setText(holidays.join(u", "_s));
    m_zips->setText(p.serviceAreaZips.join(u", "_s));
    m_emergency->setText(p.emergencyKeywords.join(u", "_s));
    m_urgent->setText(p.urgentKeywords.join(u", "_s));
    m_notOffered->setText(p.notOfferedKeywords.join(u", "_s));
    m_services->setRowCount(int(p.services.size()));
    for (int i = 0; i < p.services.size(); ++i) {
        const ServiceDef &s = p.services.at(i);
        setRow(m_services, i,
            {s.id, s.name, s.keywords.join(u", "_s), QString::number(s.durationMin), QString::number(s.jobValue)});
    }
    m_technicians->setRowCount(int(p.technicians.size()));
    for (int i = 0; i < p.technicians.size(); ++i) {
        const TechnicianDef &t = p.technicians.at(i);
        setRow(m_technicians, i, {t.id, t.name, t.services.join(u", "_s)});
    }
    m_faq->setRowCount(int(p.faq.size()));
    for (int i = 0; i < p.faq.size(); ++i)
        setRow(m_faq, i, {p.faq.at(i).keywords.join(u", "_s), p.faq.at(i).answer});
    for (QCheckBox *c : std::as_const(m_ask))
        c->setChecked(p.qualificationAsk.contains(c->text()));
    for (QCheckBox *c : std::as_const(m_askNew))
        c->setChecked(p.qualificationAskNew.contains(c->text()));
    m_minLead->setValue(p.booking.minLeadMin);
    m_horizon->setValue(p.booking.horizonDays);
    m_buffer->setValue(p.booking.bufferMin);
    m_slotStep->setValue(p.booking.slotStepMin);
    m_offers->setValue(p.booking.offers);
    m_loading = false;
    revalidate();
    setStatus(tr("Saved settings shown."), false);
}

// "(404) 555-0100" as the contacts import reads it: to E.164 in the business's region (US by default).
QString BusinessPane::normalizedPhone(const QString &typed)
{
    const QString raw = typed.trimmed();
    if (raw.isEmpty() || raw.startsWith(u'+'))
        return raw;
    const auto e164 = PhoneNormalizer().toE164(raw);
    return e164 ? *e164 : raw;
}

BusinessProfile BusinessPane::draft() const
{
    BusinessProfile p = m_base;
    p.name = m_name->text().trimmed();
    p.timezoneId = m_timezone->text().trimmed();
    p.phone = normalizedPhone(m_phone->text());
    for (int d = 0; d < 7; ++d) {
        if (!m_open[d]->isChecked()) {
            p.hours[d].reset();
            continue;
        }
        p.hours[d] = OpeningHours {QTime::fromString(m_openAt[d]->text().trimmed(), u"HH:mm"_s),
            QTime::fromString(m_closeAt[d]->text().trimmed(), u"HH:mm"_s)};
    }
    p.holidays.clear();
    for (const QString &h : splitList(m_holidays->text()))
        p.holidays << QDate::fromString(h, Qt::ISODate);
    p.serviceAreaZips = splitList(m_zips->text());
    p.emergencyKeywords = splitList(m_emergency->text());
    p.urgentKeywords = splitList(m_urgent->text());
    p.notOfferedKeywords = splitList(m_notOffered->text());
    p.services.clear();
    for (int r = 0; r < m_services->rowCount(); ++r) {
        ServiceDef s;
        s.id = cell(m_services, r, 0);
        s.name = cell(m_services, r, 1);
        s.keywords = splitList(cell(m_services, r, 2));
        s.durationMin = cell(m_services, r, 3).toInt();
        s.jobValue = cell(m_services, r, 4).isEmpty() ? 0 : cell(m_services, r, 4).toDouble();
        p.services << s;
    }
    p.technicians.clear();
    for (int r = 0; r < m_technicians->rowCount(); ++r)
        p.technicians << TechnicianDef {
            cell(m_technicians, r, 0), cell(m_technicians, r, 1), splitList(cell(m_technicians, r, 2))};
    p.faq.clear();
    for (int r = 0; r < m_faq->rowCount(); ++r)
        p.faq << FaqEntry {splitList(cell(m_faq, r, 0)), cell(m_faq, r, 1)};
    p.qualificationAsk.clear();
    for (QCheckBox *c : m_ask)
        if (c->isChecked())
            p.qualificationAsk << c->text();
    p.qualificationAskNew.clear();
    for (QCheckBox *c : m_askNew)
        if (c->isChecked())
            p.qualificationAskNew << c->text();
    p.booking.minLeadMin = m_minLead->value();
    p.booking.horizonDays = m_horizon->value();
    p.booking.bufferMin = m_buffer->value();
    p.booking.slotStepMin = m_slotStep->value();
    p.booking.offers = m_offers->value();
    return p;
}

void BusinessPane::revalidate()
{
    if (m_loading)
        return;
    // The field rules first, in the order of the form, so the reason names what was just typed.
    QString problem = ProfileFields::businessName(m_name->text());
    if (problem.isEmpty())
        problem = ProfileFields::timeZone(m_timezone->text().trimmed());
    if (problem.isEmpty() && !m_phone->text().trimmed().isEmpty())
        problem = ProfileFields::phone(normalizedPhone(m_phone->text()));
    for (int d = 0; d < 7 && problem.isEmpty(); ++d)
        if (m_open[d]->isChecked())
            if (QString e = ProfileFields::openingHours(m_openAt[d]->text().trimmed(), m_closeAt[d]->text().trimmed());
                !e.isEmpty())
                problem = tr("%1: %2").arg(tr(kDays[d]), e);
    for (const QString &h : splitList(m_holidays->text()))
        if (problem.isEmpty())
            problem = ProfileFields::holiday(h);
    for (const QString &z : splitList(m_zips->text()))
        if (problem.isEmpty())
            problem = ProfileFields::zipCode(z);
    for (QLineEdit *e : {m_emergency, m_urgent, m_notOffered})
        for (const QString &w : splitList(e->text()))
            if (problem.isEmpty())
                problem = ProfileFields::keyword(w);
    for (int r = 0; r < m_services->rowCount() && problem.isEmpty(); ++r) {
        QStringList others;
        for (int k = 0; k < m_services->rowCount(); ++k)
            if (k != r)
                others << cell(m_services, k, 0);
        bool durationOk = false;
        const int duration = cell(m_services, r, 3).toInt(&durationOk);
        bool valueOk = cell(m_services, r, 4).isEmpty();
        const double value = valueOk ? 0 : cell(m_services, r, 4).toDouble(&valueOk);
        QString e = ProfileFields::serviceId(cell(m_services, r, 0), others);
        if (e.isEmpty())
            e = ProfileFields::keywordList(splitList(cell(m_services, r, 2)));
        if (e.isEmpty())
            e = durationOk ? ProfileFields::durationMin(duration) : tr("Minutes must be a whole number.");
        if (e.isEmpty())
            e = valueOk ? ProfileFields::jobValue(value) : tr("The job value must be a number.");
        if (!e.isEmpty())
            problem = tr("Service %1: %2").arg(r + 1).arg(e);
    }
    for (int r = 0; r < m_technicians->rowCount() && problem.isEmpty(); ++r) {
        QStringList others;
        for (int k = 0; k < m_technicians->rowCount(); ++k)
            if (k != r)
                others << cell(m_technicians, k, 0);
        if (QString e = ProfileFields::technicianId(cell(m_technicians, r, 0), others); !e.isEmpty())
            problem = tr("Technician %1: %2").arg(r + 1).arg(e);
    }
    for (int r = 0; r < m_faq->rowCount() && problem.isEmpty(); ++r) {
        QString e = ProfileFields::keywordList(splitList(cell(m_faq, r, 0)));
        if (e.isEmpty())
            e = ProfileFields::faqAnswer(cell(m_faq, r, 1));
        if (!e.isEmpty())
            problem = tr("FAQ %1: %2").arg(r + 1).arg(e);
    }
    if (problem.isEmpty())
        problem = ProfileFields::minLeadMin(m_minLead->value());
    if (problem.isEmpty())
        problem = ProfileFields::horizonDays(m_horizon->value());
    if (problem.isEmpty())
        problem = ProfileFields::bufferMin(m_buffer->value());
    if (problem.isEmpty())
        problem = ProfileFields::slotStepMin(m_slotStep->value());
    if (problem.isEmpty())
        problem = ProfileFields::offers(m_offers->value());
    // Then the whole profile (cross-field rules: a technician's services exist, one open day, …).
    if (problem.isEmpty())
        problem = ProfileFields::validateProfile(draft());
    m_problem = problem;
    m_saveButton->setEnabled(problem.isEmpty());
    if (problem.isEmpty())
        setStatus(tr("Unsaved changes are valid."), false);
    else
        setStatus(problem, true);
}

void BusinessPane::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? u"color: #b3261e;"_s : u"color: #2e7d32;"_s);
}

bool BusinessPane::save()
{
    revalidate();
    if (!m_problem.isEmpty())
        return false;
    const AdminResult r = m_admin.saveProfile(m_actor, draft());
    if (!r.ok) {
        setStatus(r.error, true);
        return false;
    }
    if (const auto p = m_engine.profile())
        load(*p);
    setStatus(tr("Saved. The agent uses these settings from now on."), false);
    emit profileSaved();
    return true;
}

bool BusinessPane::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setStatus(tr("Cannot read %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    const AdminResult r = m_admin.importProfileJson(m_actor, file.readAll());
    if (!r.ok) {
        setStatus(tr("%1 was not imported: %2").arg(path, r.error), true);
        return false;
    }
    if (const auto p = m_engine.profile())
        load(*p);
    setStatus(tr("Imported %1.").arg(path), false);
    emit profileSaved();
    return true;
}

bool BusinessPane::exportFile(const QString &path)
{
    QString error;
    const auto json = m_admin.exportProfileJson(m_actor, &error);
    if (!json) {
        setStatus(error, true);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(*json) != json->size() || !file.flush()) {
        setStatus(tr("Cannot write %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    setStatus(tr("Exported to %1.").arg(path), false);
    return true;
}

} // namespace FrontDesk
