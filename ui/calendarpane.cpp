#include "ui/calendarpane.h"

#include "app/messaging/engine.h"
#include "app/sync/syncclient.h"
#include "models/calendarlinkrepository.h"
#include "models/repositories.h"
#include "ui/presentation.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

CalendarPane::CalendarPane(Engine &engine, const QString &actor, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_actor(actor)
{
    setObjectName(u"calendarPane"_s);
    m_date = m_engine.clock()
                 .now()
                 .toTimeZone(m_engine.profile() ? m_engine.profile()->timeZone() : QTimeZone::systemTimeZone())
                 .date();
    buildUi();
    rebuildColumns();
    refresh();
    // Bookings from the agent show up at once; the shared calendar's changes come in with the sync.
    connect(&m_engine, &Engine::appointmentBooked, this, &CalendarPane::handleAppointmentBooked);
    // A saved profile (technicians, hours, buffer) shows at once.
    connect(&m_engine, &Engine::profileChanged, this, &CalendarPane::handleProfileChanged);
    connect(&m_engine, &Engine::threadUpdated, this, [this] {
        if (isVisible())
            refresh();
    });
    m_refreshTimer.setInterval(5 * 1000); // a cheap read of the visible days: the sync's changes show soon
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_refreshTimer.start();
}

CalendarPane::~CalendarPane() = default;

std::unique_ptr<BookingService> CalendarPane::bookingService() const
{
    // The engine's: its current profile, its access policy, its shared calendar's outbox.
    return m_engine.bookingService(m_actor);
}

void CalendarPane::handleProfileChanged()
{
    const QString technician = m_technicianCombo->currentData().toString();
    {
        const QSignalBlocker blocker(m_technicianCombo);
        m_technicianCombo->clear();
        if (const auto profile = m_engine.profile())
            for (const TechnicianDef &t : profile->technicians)
                m_technicianCombo->addItem(t.name, t.id);
        const int index = m_technicianCombo->findData(technician);
        m_technicianCombo->setCurrentIndex(index >= 0 ? index : 0);
    }
    if (m_form && m_form->isVisible())
        m_form->hide(); // its technician or service may be gone
    rebuildColumns();
    refresh();
}

void CalendarPane::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_viewCombo = new QComboBox(this);
    m_viewCombo->setObjectName(u"calendarViewCombo"_s);
    m_viewCombo->addItem(tr("Day — all technicians"));
    m_viewCombo->addItem(tr("Week — one technician"));
    m_technicianCombo = new QComboBox(this);
    m_technicianCombo->setObjectName(u"calendarTechnicianCombo"_s);
    if (const auto profile = m_engine.profile())
        for (const TechnicianDef &t : profile->technicians)
            m_technicianCombo->addItem(t.name, t.id);
    m_technicianCombo->setEnabled(false);
    auto *prev = new QToolButton(this);
    prev->setObjectName(u"calendarPrevButton"_s);
    prev->setText(tr("◀"));
    prev->setToolTip(tr("Earlier"));
    auto *today = new QPushButton(tr("Today"), this);
    today->setObjectName(u"calendarTodayButton"_s);
    auto *next = new QToolButton(this);
    next->setObjectName(u"calendarNextButton"_s);
    next->setText(tr("▶"));
    next->setToolTip(tr("Later"));
    m_dateLabel = new QLabel(this);
    m_dateLabel->setObjectName(u"calendarDateLabel"_s);
    QFont big = m_dateLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_dateLabel->setFont(big);
    bar->addWidget(m_viewCombo);
    bar->addWidget(m_technicianCombo);
    bar->addSpacing(12);
    bar->addWidget(prev);
    bar->addWidget(today);
    bar->addWidget(next);
    bar->addSpacing(12);
    bar->addWidget(m_dateLabel, 1);
    m_nextBookingButton = new QPushButton(this);
    m_nextBookingButton->setObjectName(u"calendarNextBookingButton"_s);
    m_nextBookingButton->setFlat(true);
    m_nextBookingButton->setToolTip(tr("Show the day of the next booking"));
    bar->addWidget(m_nextBookingButton);
    m_exportButton = new QPushButton(tr("E&xport .ics…"), this);
    m_exportButton->setObjectName(u"calendarExportButton"_s);
    m_exportButton->setToolTip(tr("Save the chosen technician's schedule as an iCalendar (.ics) file"));
    m_exportButton->hide();
    m_importButton = new QPushButton(tr("&Import .ics…"), this);
    m_importButton->setObjectName(u"calendarImportButton"_s);
    m_importButton->setToolTip(tr("Add the busy times of an iCalendar (.ics) file to the chosen technician"));
    m_importButton->hide();
    bar->addWidget(m_exportButton);
    bar->addWidget(m_importButton);
    connect(m_exportButton, &QPushButton::clicked, this, [this] {
        const QString technician = m_technicianCombo->currentText();
        const QString path = QFileDialog::getSaveFileName(this, tr("Export %1's schedule").arg(technician),
            QDir::home().filePath(technician.toLower().replace(u' ', u'-') + u".ics"_s),
            tr("iCalendar files (*.ics)"));
        if (!path.isEmpty())
            exportIcs(path);
    });
    connect(m_importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this,
            tr("Import busy times for %1").arg(m_technicianCombo->currentText()), QDir::homePath(),
            tr("iCalendar files (*.ics);;All files (*)"));
        if (!path.isEmpty())
            importIcs(path);
    });
    auto *legend = new QLabel(tr("<span style='color:#3b82f6'>■</span> agent  "
                                 "<span style='color:#16a34a'>■</span> desk  "
                                 "<span style='color:#6b7280'>■</span> shared calendar  "
                                 "<span style='color:#f59e0b'>┅</span> unsynced  "
                                 "<span style='color:#dc2626'>▭</span> conflict"),
        this);
    legend->setObjectName(u"calendarLegend"_s);
    layout->addLayout(bar);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(u"calendarStatusLabel"_s);
    m_statusLabel->setWordWrap(true);
    m_statusLabel->hide();
    layout->addWidget(m_statusLabel);

    auto *body = new QHBoxLayout;
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"calendarScroll"_s);
    scroll->setWidgetResizable(true);
    m_grid = new CalendarGrid(scroll);
    m_grid->setObjectName(u"calendarGrid"_s);
    if (const auto profile = m_engine.profile())
        m_grid->setZone(profile->timeZone());
    scroll->setWidget(m_grid);
    body->addWidget(scroll, 1);
    connect(scroll->verticalScrollBar(), &QScrollBar::valueChanged, m_grid, &CalendarGrid::setHeaderOffset);
    connect(m_grid, &CalendarGrid::cursorMoved, scroll,
        [scroll](const QPoint &center) { scroll->ensureVisible(center.x(), center.y(), 40, 60); });

    // The inline form of a booking by hand.
    m_form = new QFrame(this);
    m_form->setObjectName(u"manualBookingPanel"_s);
    m_form->setFrameShape(QFrame::StyledPanel);
    m_form->setMinimumWidth(260);
    auto *form = new QFormLayout(m_form);
    auto *title = new QLabel(tr("<b>Book by hand</b>"), m_form);
    form->addRow(title);
    m_formSlotLabel = new QLabel(m_form);
    m_formSlotLabel->setObjectName(u"bookingSlotLabel"_s);
    m_formSlotLabel->setWordWrap(true);
    form->addRow(m_formSlotLabel);
    m_channelCombo = new QComboBox(m_form);
    m_channelCombo->setObjectName(u"bookingChannelCombo"_s);
    m_channelCombo->addItem(tr("Phone call"), u"phone"_s);
    m_channelCombo->addItem(tr("Walk-in"), u"walk-in"_s);
    form->addRow(tr("Caller"), m_channelCombo);
    m_nameEdit = new QLineEdit(m_form);
    m_nameEdit->setObjectName(u"bookingNameEdit"_s);
    m_nameEdit->setPlaceholderText(tr("Name"));
    form->addRow(tr("Name"), m_nameEdit);
    m_phoneEdit = new QLineEdit(m_form);
    m_phoneEdit->setObjectName(u"bookingPhoneEdit"_s);
    m_phoneEdit->setPlaceholderText(tr("+1 555 123 4567"));
    form->addRow(tr("Phone"), m_phoneEdit);
    m_serviceCombo = new QComboBox(m_form);
    m_serviceCombo->setObjectName(u"bookingServiceCombo"_s);
    form->addRow(tr("Service"), m_serviceCombo);
    m_formError = new QLabel(m_form);
    m_formError->setObjectName(u"bookingErrorLabel"_s);
    m_formError->setWordWrap(true);
    m_formError->setStyleSheet(u"color: #dc2626;"_s);
    m_formError->hide();
    form->addRow(m_formError);
    auto *buttons = new QHBoxLayout;
    auto *book = new QPushButton(tr("&Book"), m_form);
    book->setObjectName(u"bookingBookButton"_s);
    book->setDefault(true);
    auto *cancel = new QPushButton(tr("Cancel"), m_form);
    cancel->setObjectName(u"bookingCancelButton"_s);
    buttons->addWidget(book);
    buttons->addWidget(cancel);
    form->addRow(buttons);
    m_form->hide();
    body->addWidget(m_form);
    buildDetailPanel(body);
    layout->addLayout(body, 1);
    layout->addWidget(legend);

    connect(m_viewCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        setView(index == 0 ? View::Day : View::Week, m_technicianCombo->currentData().toString());
    });
    connect(m_technicianCombo, &QComboBox::currentIndexChanged, this, [this] {
        if (m_view == View::Week) {
            rebuildColumns();
            refresh();
        }
    });
    connect(prev, &QToolButton::clicked, this, [this] { setDate(m_date.addDays(m_view == View::Day ? -1 : -7)); });
    connect(next, &QToolButton::clicked, this, [this] { setDate(m_date.addDays(m_view == View::Day ? 1 : 7)); });
    connect(m_nextBookingButton, &QPushButton::clicked, this, [this] {
        if (m_nextBookingDate.isValid())
            setDate(m_nextBookingDate);
    });
    connect(today, &QPushButton::clicked, this, [this] {
        const QTimeZone zone = m_engine.profile() ? m_engine.profile()->timeZone() : QTimeZone::systemTimeZone();
        setDate(m_engine.clock().now().toTimeZone(zone).date());
    });
    connect(m_grid, &CalendarGrid::emptySlotClicked, this, &CalendarPane::openBookingForm);
    connect(m_grid, &CalendarGrid::itemMoved, this, &CalendarPane::moveAppointment);
    connect(m_grid, &CalendarGrid::itemClicked, this, [this](const QString &id) {
        for (const CalendarItem &item : m_grid->items()) {
            if (item.id != id)
                continue;
            const QTimeZone zone = m_engine.profile() ? m_engine.profile()->timeZone() : QTimeZone::systemTimeZone();
            QString text = tr("%1, %2–%3")
                               .arg(item.title, QLocale().toString(item.start.toTimeZone(zone), u"ddd d MMM h:mm AP"_s),
                                   QLocale().toString(item.end.toTimeZone(zone).time(), u"h:mm AP"_s));
            if (item.conflict)
                text += u" — "_s
                    + tr("conflict: %1").arg(item.note.isEmpty() ? tr("overlaps another busy time") : item.note);
            else if (item.unsynced)
                text += u" — "_s + tr("not on the shared calendar yet");
            showStatus(text, item.conflict);
        }
        showBookingDetail(id);
    });
    connect(book, &QPushButton::clicked, this, &CalendarPane::bookFromForm);
    connect(m_nameEdit, &QLineEdit::returnPressed, this, &CalendarPane::bookFromForm);
    connect(m_phoneEdit, &QLineEdit::returnPressed, this, &CalendarPane::bookFromForm);
    connect(cancel, &QPushButton::clicked, this, &CalendarPane::closeBookingForm);
}

void CalendarPane::closeBookingForm()
{
    // Cancel forgets what was typed: the next slot starts with an empty form.
    m_form->hide();
    m_nameEdit->clear();
    m_phoneEdit->clear();
    m_formError->clear();
    m_formError->hide();
    m_grid->setFocus();
}

void CalendarPane::buildDetailPanel(QHBoxLayout *body)
{
    m_detail = new QFrame(this);
    m_detail->setObjectName(u"bookingDetailPanel"_s);
    m_detail->setFrameShape(QFrame::StyledPanel);
    m_detail->setMinimumWidth(240);
    m_detail->setMaximumWidth(320);
    auto *layout = new QVBoxLayout(m_detail);
    m_detailTitle = new QLabel(m_detail);
    m_detailTitle->setObjectName(u"bookingDetailTitle"_s);
    m_detailTitle->setWordWrap(true);
    QFont bold = m_detailTitle->font();
    bold.setBold(true);
    m_detailTitle->setFont(bold);
    m_detailText = new QLabel(m_detail);
    m_detailText->setObjectName(u"bookingDetailText"_s);
    m_detailText->setWordWrap(true);
    m_detailText->setTextFormat(Qt::RichText);
    m_detailText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailConversationButton = new QPushButton(tr("Open &conversation"), m_detail);
    m_detailConversationButton->setObjectName(u"bookingOpenConversationButton"_s);
    auto *moveLabel = new QLabel(tr("Move to:"), m_detail);
    m_detailMoveEdit = new QDateTimeEdit(m_detail);
    m_detailMoveEdit->setObjectName(u"bookingMoveEdit"_s);
    m_detailMoveEdit->setDisplayFormat(u"ddd d MMM yyyy  h:mm AP"_s);
    m_detailMoveEdit->setCalendarPopup(true);
    moveLabel->setBuddy(m_detailMoveEdit);
    m_detailMoveButton = new QPushButton(tr("&Move"), m_detail);
    m_detailMoveButton->setObjectName(u"bookingMoveButton"_s);
    m_detailCancelButton = new QPushButton(tr("Cancel &booking"), m_detail);
    m_detailCancelButton->setObjectName(u"bookingCancelAppointmentButton"_s);
    auto *close = new QPushButton(tr("Close"), m_detail);
    close->setObjectName(u"bookingDetailCloseButton"_s);
    auto *moveRow = new QHBoxLayout;
    moveRow->addWidget(m_detailMoveEdit, 1);
    moveRow->addWidget(m_detailMoveButton);
    layout->addWidget(m_detailTitle);
    layout->addWidget(m_detailText);
    layout->addWidget(m_detailConversationButton);
    layout->addSpacing(8);
    layout->addWidget(moveLabel);
    layout->addLayout(moveRow);
    layout->addWidget(m_detailCancelButton);
    layout->addStretch();
    layout->addWidget(close);
    m_detail->hide();
    body->addWidget(m_detail);

    connect(m_detailConversationButton, &QPushButton::clicked, this, [this] {
        if (!m_detailThreadId.isEmpty())
            emit conversationRequested(m_detailThreadId);
    });
    connect(m_detailMoveButton, &QPushButton::clicked, this, [this] {
        const auto a = AppointmentRepository(m_engine.database()).byId(m_detailId);
        if (!a)
            return;
        const QTimeZone zone = m_engine.profile() ? m_engine.profile()->timeZone() : QTimeZone::systemTimeZone();
        const QDateTime start(m_detailMoveEdit->date(), m_detailMoveEdit->time(), zone);
        moveAppointment(a->id, a->technicianId, start);
        showBookingDetail(a->id);
    });
    connect(m_detailCancelButton, &QPushButton::clicked, this, &CalendarPane::cancelFromDetail);
    connect(close, &QPushButton::clicked, this, [this] { showBookingDetail({}); });
}

void CalendarPane::showBookingDetail(const QString &appointmentId)
{
    m_cancelArmed = false;
    m_detailCancelButton->setText(tr("Cancel &booking"));
    const auto a
        = appointmentId.isEmpty() ? std::nullopt : AppointmentRepository(m_engine.database()).byId(appointmentId);
    if (!a) {
        m_detailId.clear();
        m_detailThreadId.clear();
        m_detail->hide();
        return;
    }
    if (m_form->isVisible())
        closeBookingForm();
    m_detailId = a->id;
    m_detailThreadId = a->threadId;
    const auto profile = m_engine.profile();
    const QTimeZone zone = profile ? profile->timeZone() : QTimeZone::systemTimeZone();
    const TechnicianDef *tech = profile ? profile->technician(a->technicianId) : nullptr;
    const ServiceDef *service = profile ? profile->service(a->serviceId) : nullptr;
    const QDateTime start = a->start.toTimeZone(zone);
    const QDateTime end = a->end.toTimeZone(zone);
    const bool own = a->source == u"agent"_s || a->source == u"staff"_s;
    m_detailTitle->setText(a->title.isEmpty() ? tr("Busy") : a->title);
    QStringList rows;
    auto row = [&rows](const QString &label, const QString &value) {
        if (!value.isEmpty())
            rows << u"<tr><td style='color:#6b7280; padding-right:8px'>%1</td><td>%2</td></tr>"_s.arg(
                label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    row(tr("When"),
        tr("%1, %2 – %3")
            .arg(QLocale().toString(start.date(), u"dddd d MMMM"_s), QLocale().toString(start.time(), u"h:mm AP"_s),
                QLocale().toString(end.time(), u"h:mm AP"_s)));
    row(tr("With"), tech ? tech->name : QString());
    row(tr("Job"), service ? service->name : QString());
    if (!a->phone.isEmpty())
        row(tr("Phone"), Presentation::phone(a->phone));
    row(tr("Booked by"),
        a->source == u"agent"_s       ? tr("the agent, by text")
            : a->source == u"staff"_s ? tr("the desk")
                                      : tr("the shared calendar"));
    if (a->value > 0)
        row(tr("Value"), u"$"_s + QLocale().toString(a->value, 'f', 0));
    m_detailText->setText(u"<table>"_s + rows.join(QString()) + u"</table>"_s);
    m_detailConversationButton->setVisible(!a->threadId.isEmpty());
    m_detailMoveEdit->setDateTime(QDateTime(start.date(), start.time()));
    for (QWidget *w : {static_cast<QWidget *>(m_detailMoveEdit), static_cast<QWidget *>(m_detailMoveButton),
             static_cast<QWidget *>(m_detailCancelButton)})
        w->setEnabled(own);
    m_detail->show();
}

void CalendarPane::cancelFromDetail()
{
    if (m_detailId.isEmpty())
        return;
    if (!m_cancelArmed) { // once more, inline: a click by mistake costs nothing
        m_cancelArmed = true;
        m_detailCancelButton->setText(tr("Click again to cancel it"));
        return;
    }
    m_cancelArmed = false;
    if (m_teamSync) {
        if (m_teamSync->submit(Intention::cancel(m_detailId)).isEmpty())
            showStatus(tr("Could not queue the cancellation on this desk: %1").arg(m_teamSync->lastError()), true);
        else
            showStatus(tr("Cancellation sent to the shared store."), false);
        showBookingDetail({});
        refresh();
        return;
    }
    const auto booking = bookingService();
    if (!booking)
        return;
    const BookingOutcome outcome = booking->cancel(m_detailId);
    if (!outcome.ok) {
        showStatus(tr("Not cancelled: %1").arg(outcome.error), true);
        return;
    }
    showStatus(outcome.synced ? tr("Cancelled.")
                              : tr("Cancelled here; the shared calendar follows when the server can be reached."),
        false);
    showBookingDetail({});
    refresh();
}

void CalendarPane::setTeamSync(SyncClient *sync)
{
    m_teamSync = sync;
    if (sync) // what a pull brought (a booking taken, a move applied) shows at once
        connect(sync, &SyncClient::changesApplied, this, &CalendarPane::refresh, Qt::UniqueConnection);
}

void CalendarPane::setCalendarFiles(const CalendarFiles &files)
{
    m_files = files;
    m_exportButton->setVisible(m_files.isValid());
    m_importButton->setVisible(m_files.isValid());
    // Both act on one technician: let the person pick one in the day view too.
    m_technicianCombo->setEnabled(m_files.isValid() || m_view == View::Week);
}

QString CalendarPane::fileTechnicianId() const
{
    return m_technicianCombo->currentData().toString();
}

bool CalendarPane::exportIcs(const QString &path)
{
    if (!m_files.isValid())
        return false;
    QString error;
    const QByteArray ics = m_files.exportTechnician(m_engine.database(), fileTechnicianId(), {}, {}, &error);
    if (ics.isEmpty()) {
        showStatus(tr("Not exported: %1").arg(error), true);
        return false;
    }
    QSaveFile file(path); // all or nothing: a half-written file never replaces a good one
    if (!file.open(QIODevice::WriteOnly) || file.write(ics) != ics.size() || !file.commit()) {
        showStatus(tr("Not exported: cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
            true);
        return false;
    }
    showStatus(tr("%1's schedule saved to %2.").arg(m_technicianCombo->currentText(), QDir::toNativeSeparators(path)),
        false);
    return true;
}

bool CalendarPane::importIcs(const QString &path)
{
    if (!m_files.isValid())
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showStatus(tr("Not imported: cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return false;
    }
    QString error;
    const int stored = m_files.importFile(m_engine.database(), fileTechnicianId(), file.readAll(), &error);
    if (stored < 0) {
        showStatus(tr("Not imported: %1").arg(error), true);
        return false;
    }
    showStatus(tr("%n busy time(s) from %1 added to %2's calendar.", nullptr, stored)
                   .arg(QFileInfo(path).fileName(), m_technicianCombo->currentText()),
        false);
    refresh();
    return true;
}

void CalendarPane::setView(View view, const QString &technicianId)
{
    m_view = view;
    const QSignalBlocker blockView(m_viewCombo);
    m_viewCombo->setCurrentIndex(view == View::Day ? 0 : 1);
    m_technicianCombo->setEnabled(view == View::Week || m_files.isValid());
    if (!technicianId.isEmpty()) {
        const QSignalBlocker blockTech(m_technicianCombo);
        m_technicianCombo->setCurrentIndex(qMax(0, m_technicianCombo->findData(technicianId)));
    }
    rebuildColumns();
    refresh();
}

void CalendarPane::setDate(const QDate &date)
{
    m_date = date;
    rebuildColumns();
    refresh();
}

void CalendarPane::rebuildColumns()
{
    const auto profile = m_engine.profile();
    QList<CalendarColumn> columns;
    QDate first = m_date;
    int days = 1;
    if (m_view == View::Week) {
        first = m_date.addDays(1 - m_date.dayOfWeek()); // Monday
        days = 7;
        const QString tech = m_technicianCombo->currentData().toString();
        for (int d = 0; d < days; ++d) {
            const QDate day = first.addDays(d);
            columns.append({tech, day, QLocale().toString(day, u"ddd d MMM"_s)});
        }
        m_dateLabel->setText(
            tr("%1, week of %2").arg(m_technicianCombo->currentText(), QLocale().toString(first, QLocale::LongFormat)));
    } else {
        if (profile)
            for (const TechnicianDef &t : profile->technicians)
                columns.append({t.id, m_date, t.name});
        m_dateLabel->setText(QLocale().toString(m_date, QLocale::LongFormat));
    }
    // Rows: the widest working hours of the days shown.
    QTime open(8, 0), close(18, 0);
    bool any = false;
    if (profile) {
        for (int d = 0; d < days; ++d) {
            if (const auto hours = profile->hoursOn(first.addDays(d))) {
                open = any ? qMin(open, hours->open) : hours->open;
                close = any ? qMax(close, hours->close) : hours->close;
                any = true;
            }
        }
    }
    open = QTime(qMax(0, open.hour() - 1), 0);
    close
        = close.minute() > 0 || close.hour() >= 23 ? QTime(qMin(23, close.hour() + 1), 0) : QTime(close.hour() + 1, 0);
    m_grid->setHours(open, close, profile ? qBound(10, profile->booking.slotStepMin, 60) : 30);
    m_grid->setBufferMinutes(profile ? profile->booking.bufferMin : 0);
    m_grid->setColumns(columns);
}

void CalendarPane::handleAppointmentBooked(const QString &appointmentId)
{
    // The day shown stays the one the person chose: a booking elsewhere shows in "next booking".
    Q_UNUSED(appointmentId)
    refresh();
}

void CalendarPane::updateNextBooking()
{
    const QTimeZone zone = m_engine.profile() ? m_engine.profile()->timeZone() : QTimeZone::systemTimeZone();
    const QDateTime now = m_engine.clock().now();
    const QList<Appointment> upcoming = AppointmentRepository(m_engine.database()).overlapping(now, now.addDays(60));
    const Appointment *next = nullptr;
    int count = 0;
    for (const Appointment &a : upcoming) {
        if (a.source != u"agent"_s && a.source != u"staff"_s)
            continue;
        if (a.start < now)
            continue;
        ++count;
        if (!next || a.start < next->start)
            next = &a;
    }
    if (!next) {
        m_nextBookingDate = QDate();
        m_nextBookingButton->setText(tr("No upcoming bookings"));
        m_nextBookingButton->setEnabled(false);
        return;
    }
    const QDateTime local = next->start.toTimeZone(zone);
    m_nextBookingDate = local.date();
    const TechnicianDef *tech = m_engine.profile() ? m_engine.profile()->technician(next->technicianId) : nullptr;
    m_nextBookingButton->setText(tr("%n upcoming — next %1 %2 · %3", nullptr, count)
                                     .arg(QLocale().toString(local.date(), u"ddd d MMM"_s),
                                         local.time().toString(u"HH:mm"_s), tech ? tech->name : next->technicianId));
    m_nextBookingButton->setEnabled(true);
}

void CalendarPane::refresh()
{
    updateNextBooking();
    const QList<CalendarColumn> &columns = m_grid->columns();
    if (columns.isEmpty()) {
        m_grid->setItems({});
        return;
    }
    const QTimeZone zone = m_engine.profile() ? m_engine.profile()->timeZone() : QTimeZone::systemTimeZone();
    const QDateTime from(columns.constFirst().date, QTime(0, 0), zone);
    const QDateTime to(columns.constLast().date.addDays(1), QTime(0, 0), zone);
    AppointmentRepository appointments(m_engine.database());
    const QList<Appointment> list = appointments.overlapping(from.toUTC(), to.toUTC());
    QStringList ids;
    for (const Appointment &a : list)
        ids << a.id;
    const QHash<QString, QString> states = CalendarLinkRepository(m_engine.database()).states(ids);
    QSet<QString> shownTechnicians;
    for (const CalendarColumn &c : columns)
        shownTechnicians.insert(c.technicianId);
    QList<CalendarItem> items;
    for (const Appointment &a : list) {
        if (!shownTechnicians.contains(a.technicianId))
            continue;
        CalendarItem item;
        item.id = a.id;
        item.technicianId = a.technicianId;
        item.start = a.start;
        item.end = a.end;
        item.title = a.title.isEmpty() ? tr("Busy") : a.title;
        item.source = a.source;
        const bool own = a.source == u"agent"_s || a.source == u"staff"_s;
        item.movable = own;
        const QString state = states.value(a.id);
        item.conflict = state == QLatin1String(CalendarLinkState::Conflict);
        item.unsynced
            = own && m_engine.calendar() && (!a.synced || state == QLatin1String(CalendarLinkState::PendingUpdate));
        items.append(item);
    }
    m_grid->setItems(items);
}

void CalendarPane::openBookingForm(const QString &technicianId, const QDateTime &start)
{
    const auto profile = m_engine.profile();
    if (!profile)
        return;
    const TechnicianDef *tech = profile->technician(technicianId);
    if (!tech)
        return;
    m_formTechnician = technicianId;
    m_formStart = start;
    m_formSlotLabel->setText(
        tr("%1 with %2")
            .arg(QLocale().toString(start.toTimeZone(profile->timeZone()), u"dddd d MMMM, h:mm AP"_s), tech->name));
    m_serviceCombo->clear();
    for (const ServiceDef &s : profile->services)
        if (tech->services.contains(s.id))
            m_serviceCombo->addItem(tr("%1 (%2 min)").arg(s.name).arg(s.durationMin), s.id);
    m_formError->hide();
    if (m_detail->isVisible())
        showBookingDetail({});
    m_form->show();
    m_nameEdit->setFocus();
}

void CalendarPane::bookFromForm()
{
    if (!m_form->isVisible())
        return;
    StaffBooking b;
    b.technicianId = m_formTechnician;
    b.serviceId = m_serviceCombo->currentData().toString();
    b.start = m_formStart;
    b.phone = m_phoneEdit->text();
    b.name = m_nameEdit->text();
    b.channel = m_channelCombo->currentData().toString();
    if (m_teamSync) { // team mode: the shared store decides
        const QString queued = m_teamSync->submit(Intention::staffBook(b));
        if (queued.isEmpty()) {
            m_formError->setText(tr("Could not queue the booking on this desk: %1").arg(m_teamSync->lastError()));
            m_formError->show();
            return;
        }
        m_form->hide();
        m_phoneEdit->clear();
        m_nameEdit->clear();
        showStatus(m_teamSync->state() == SyncClient::State::Online
                ? tr("Booking sent to the shared store; it shows here once it is taken.")
                : tr("Offline: the booking is queued and goes to the shared store when this desk reconnects."),
            false);
        return;
    }
    const auto booking = bookingService();
    if (!booking)
        return;
    const BookingOutcome outcome = booking->book(b);
    if (!outcome.ok) {
        m_formError->setText(outcome.error);
        m_formError->show();
        return;
    }
    m_form->hide();
    m_phoneEdit->clear();
    m_nameEdit->clear();
    showStatus(outcome.synced ? tr("Booked.")
                              : tr("Booked here; it goes to the shared calendar when the server can be reached."),
        false);
    refresh();
}

void CalendarPane::moveAppointment(const QString &id, const QString &technicianId, const QDateTime &start)
{
    if (m_teamSync) { // team mode: the shared store decides
        if (m_teamSync->submit(Intention::reschedule(id, start, technicianId)).isEmpty())
            showStatus(tr("Could not queue the move on this desk: %1").arg(m_teamSync->lastError()), true);
        else
            showStatus(m_teamSync->state() == SyncClient::State::Online
                    ? tr("Move sent to the shared store.")
                    : tr("Offline: the move is queued and goes to the shared store when this desk reconnects."),
                false);
        refresh(); // the booking stays where the store has it until the server moved it
        return;
    }
    const auto booking = bookingService();
    if (!booking)
        return;
    const BookingOutcome outcome = booking->reschedule(id, start, technicianId);
    if (!outcome.ok)
        showStatus(tr("Not moved: %1").arg(outcome.error), true);
    else
        showStatus(outcome.synced ? tr("Moved.")
                                  : tr("Moved here; the shared calendar follows when the server can be reached."),
            false);
    refresh();
}

void CalendarPane::showStatus(const QString &text, bool error)
{
    m_statusLabel->setText(text);
    m_statusLabel->setStyleSheet(error ? u"color: #dc2626;"_s : QString());
    m_statusLabel->show();
}

} // namespace FrontDesk
