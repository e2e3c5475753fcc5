#include "ui/reportspane.h"

#include "app/core/clock.h"
#include "app/reports/metricdefinitions.h"
#include "app/reports/reportcsv.h"
#include "models/database.h"
#include "ui/reportheatmap.h"
#include "ui/reportkpitile.h"
#include "ui/reportpdf.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QDateEdit>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QStyle>
#include <QTableWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

enum Preset
{
    Last7,
    Last30,
    Last90,
    ThisMonth,
    LastMonth,
    ThisYear,
    Last12Months,
    Custom
};

// Trends switch to weeks by themselves past this many days, unless the manager chose.
constexpr int kDaysForDailyTrend = 62;

QString signedPercent(double now, double before)
{
    if (before <= 0)
        return now > 0 ? ReportsPane::tr("new this period") : ReportsPane::tr("same as before");
    const double change = (now - before) / before * 100.0;
    return (change >= 0 ? u"▲ "_s : u"▼ "_s) + QLocale().toString(std::abs(change), 'f', 0) + u'%';
}

QString pointsChange(std::optional<double> now, std::optional<double> before)
{
    if (!now || !before)
        return ReportsPane::tr("previous %1").arg(ReportCharts::percent(before));
    const double points = (*now - *before) * 100.0;
    return ReportsPane::tr("%1 %2 pts (previous %3)")
        .arg(
            points >= 0 ? u"▲"_s : u"▼"_s, QLocale().toString(std::abs(points), 'f', 1), ReportCharts::percent(before));
}

QTableWidgetItem *cell(const QString &text, Qt::Alignment alignment = Qt::AlignRight | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(alignment);
    item->setFlags(Qt::ItemIsEnabled);
    return item;
}

} // namespace

ReportsPane::ReportsPane(Database &db, const BusinessProfile &profile, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_db(db)
    , m_profile(profile)
    , m_clock(clock)
    , m_query(db, m_profile)
{
    setObjectName(u"reportsPane"_s);
    m_chooseFile = [this](const QString &caption, const QString &suggested, const QString &filter) {
        return QFileDialog::getSaveFileName(this, caption, QDir::home().filePath(suggested), filter);
    };
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(250); // typing a date changes it digit by digit
    connect(&m_refreshTimer, &QTimer::timeout, this, &ReportsPane::refresh);
    buildUi();
    // The last 30 days, computed when the pane is first shown (a hidden tab costs nothing).
    m_stale = true;
    applyPreset(Last30);
}

ReportsPane::~ReportsPane() = default;

QWidget *ReportsPane::chartFrame(QWidget *chart, const QString &title)
{
    auto *frame = new QWidget;
    auto *layout = new QVBoxLayout(frame);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    if (!title.isEmpty()) {
        auto *label = new QLabel(title);
        QFont f = label->font();
        f.setBold(true);
        label->setFont(f);
        layout->addWidget(label);
    }
    layout->addWidget(chart, 1);
    return frame;
}

void ReportsPane::buildUi()
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea;
    scroll->setObjectName(u"reportsScrollArea"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto *content = new QWidget;
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(10, 8, 10, 10);
    layout->setSpacing(8);

    // The period and the actions.
    auto *bar = new QHBoxLayout;
    m_fromEdit = new QDateEdit;
    m_fromEdit->setObjectName(u"fromDateEdit"_s);
    m_toEdit = new QDateEdit;
    m_toEdit->setObjectName(u"toDateEdit"_s);
    for (QDateEdit *e : {m_fromEdit, m_toEdit}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(u"yyyy-MM-dd"_s);
        connect(e, &QDateEdit::dateChanged, this, &ReportsPane::handleDatesEdited);
    }
    auto *fromLabel = new QLabel(tr("&From"));
    fromLabel->setBuddy(m_fromEdit);
    auto *toLabel = new QLabel(tr("&To"));
    toLabel->setBuddy(m_toEdit);
    m_presetCombo = new QComboBox;
    m_presetCombo->setObjectName(u"rangePresetCombo"_s);
    m_presetCombo->addItems({tr("Last 7 days"), tr("Last 30 days"), tr("Last 90 days"), tr("This month"),
        tr("Last month"), tr("This year"), tr("Last 12 months"), tr("Custom")});
    connect(m_presetCombo, &QComboBox::activated, this, &ReportsPane::applyPreset);
    m_compareCheck = new QCheckBox(tr("Compare with the previous period"));
    m_compareCheck->setObjectName(u"compareCheckBox"_s);
    m_compareCheck->setChecked(true);
    connect(m_compareCheck, &QCheckBox::toggled, this, [this] {
        updateFigures();
        updateCharts();
        updateBreakdown();
    });
    m_granularityCombo = new QComboBox;
    m_granularityCombo->setObjectName(u"trendGranularityCombo"_s);
    m_granularityCombo->addItems({tr("Trend by day"), tr("Trend by week")});
    connect(m_granularityCombo, &QComboBox::activated, this, [this](int index) {
        m_granularityChosen = true;
        setGranularity(index == 0 ? ReportCharts::Granularity::Days : ReportCharts::Granularity::Weeks);
    });
    m_refreshButton = new QPushButton(tr("R&efresh"));
    m_refreshButton->setObjectName(u"refreshButton"_s);
    connect(m_refreshButton, &QPushButton::clicked, this, &ReportsPane::refresh);
    m_csvButton = new QPushButton(tr("Export CS&V…"));
    m_csvButton->setObjectName(u"exportCsvButton"_s);
    m_csvButton->setToolTip(tr("One row per missed-call conversation of the period, as the figures count them."));
    connect(m_csvButton, &QPushButton::clicked, this, [this] { chooseAndExport(false); });
    m_pdfButton = new QPushButton(tr("Export &PDF…"));
    m_pdfButton->setObjectName(u"exportPdfButton"_s);
    m_pdfButton->setToolTip(tr("The figures and charts of this page as a printable report."));
    connect(m_pdfButton, &QPushButton::clicked, this, [this] { chooseAndExport(true); });
    m_definitionsButton = new QToolButton;
    m_definitionsButton->setObjectName(u"definitionsButton"_s);
    m_definitionsButton->setText(tr("What do the figures mean?"));
    m_definitionsButton->setCheckable(true);
    bar->addWidget(fromLabel);
    bar->addWidget(m_fromEdit);
    bar->addWidget(toLabel);
    bar->addWidget(m_toEdit);
    bar->addWidget(m_presetCombo);
    bar->addSpacing(8);
    bar->addWidget(m_compareCheck);
    bar->addWidget(m_granularityCombo);
    bar->addStretch(1);
    bar->addWidget(m_refreshButton);
    layout->addLayout(bar);

    // What the figures cover (or what went wrong), and what to do with them.
    auto *second = new QHBoxLayout;
    m_statusLabel = new QLabel;
    m_statusLabel->setObjectName(u"reportStatusLabel"_s);
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    second->addWidget(m_statusLabel, 1);
    second->addWidget(m_definitionsButton);
    second->addWidget(m_csvButton);
    second->addWidget(m_pdfButton);
    layout->addLayout(second);

    m_definitionsView = new QTextBrowser;
    m_definitionsView->setObjectName(u"definitionsView"_s);
    m_definitionsView->setHtml(MetricDefinitions::html());
    m_definitionsView->setVisible(false);
    m_definitionsView->setMinimumHeight(220);
    connect(m_definitionsButton, &QToolButton::toggled, m_definitionsView, &QWidget::setVisible);
    layout->addWidget(m_definitionsView);

    // The headline figures.
    auto *tiles = new QHBoxLayout;
    tiles->setSpacing(8);
    const QList<std::pair<QString, QString>> tileNames = {
        {u"missedCalls"_s, tr("Missed calls")},
        {u"responseRate"_s, tr("Response rate")},
        {u"bookingRate"_s, tr("Booking rate")},
        {u"revenue"_s, tr("Revenue recovered")},
        {u"timeToFirstText"_s, tr("Time to first text")},
        {u"timeToBooking"_s, tr("Time to booking")},
    };
    for (const auto &[name, title] : tileNames) {
        auto *tile = new ReportKpiTile(name, title);
        m_tiles.append(tile);
        tiles->addWidget(tile, 1);
    }
    layout->addLayout(tiles);
    // The voice receptionist's calls (issue 18), when the business has it.
    m_voiceLabel = new QLabel;
    m_voiceLabel->setObjectName(u"voiceCallsLabel"_s);
    m_voiceLabel->setWordWrap(true);
    m_voiceLabel->setTextFormat(Qt::PlainText);
    m_voiceLabel->setVisible(false);
    layout->addWidget(m_voiceLabel);

    // The charts.
    const auto chartView = [](const QString &name) {
        auto *view = new QChartView;
        view->setObjectName(name);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(320, 250);
        // QChartView asks for 480 pixels of height; the grid shares what the window has instead.
        view->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
        view->setFrameShape(QFrame::NoFrame);
        return view;
    };
    m_funnelView = chartView(u"funnelChartView"_s);
    m_revenueView = chartView(u"revenueChartView"_s);
    m_trendView = chartView(u"trendChartView"_s);
    m_heatmap = new ReportHeatmap;
    m_breakdown = new QTableWidget;
    m_breakdown->setObjectName(u"breakdownTable"_s);
    m_breakdown->setSelectionMode(QAbstractItemView::NoSelection);
    m_breakdown->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_breakdown->verticalHeader()->setVisible(true);
    m_breakdown->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_breakdown->horizontalHeader()->setMinimumSectionSize(90);
    m_breakdown->setMinimumHeight(150);

    // The funnel, the heatmap, the trend and revenue fill a 1280 × 800 window; the breakdown follows.
    auto *grid = new QGridLayout;
    grid->setSpacing(10);
    grid->addWidget(chartFrame(m_funnelView), 0, 0);
    grid->addWidget(
        chartFrame(m_heatmap, tr("When calls are missed: weekday × hour, the business's local time")), 0, 1);
    grid->addWidget(chartFrame(m_trendView), 1, 0);
    grid->addWidget(chartFrame(m_revenueView), 1, 1);
    grid->addWidget(chartFrame(m_breakdown, tr("Who handled them, when they came, who did the jobs")), 2, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    layout->addLayout(grid, 1);
}

void ReportsPane::applyPreset(int index)
{
    const QDate today = m_clock.now().toTimeZone(m_profile.timeZone()).date();
    QDate from;
    QDate to = today;
    switch (index) {
    case Last7:
        from = today.addDays(-6);
        break;
    case Last30:
        from = today.addDays(-29);
        break;
    case Last90:
        from = today.addDays(-89);
        break;
    case ThisMonth:
        from = QDate(today.year(), today.month(), 1);
        break;
    case LastMonth:
        from = QDate(today.year(), today.month(), 1).addMonths(-1);
        to = QDate(today.year(), today.month(), 1).addDays(-1);
        break;
    case ThisYear:
        from = QDate(today.year(), 1, 1);
        break;
    case Last12Months:
        from = today.addYears(-1).addDays(1);
        break;
    default:
        return; // custom: the dates as they are
    }
    m_presetCombo->setCurrentIndex(index);
    showRange(from, to);
}

void ReportsPane::setRange(const QDate &from, const QDate &to)
{
    m_presetCombo->setCurrentIndex(Custom);
    m_stale = false;
    showRange(from, to);
}

void ReportsPane::showRange(const QDate &from, const QDate &to)
{
    {
        const QSignalBlocker a(m_fromEdit);
        const QSignalBlocker b(m_toEdit);
        m_fromEdit->setDate(from);
        m_toEdit->setDate(to);
    }
    if (!m_stale)
        refresh();
}

void ReportsPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

ReportRange ReportsPane::range() const
{
    return ReportRange(m_fromEdit->date(), m_toEdit->date(), m_profile.timeZone());
}

void ReportsPane::handleDatesEdited()
{
    m_presetCombo->setCurrentIndex(Custom);
    m_refreshTimer.start();
}

void ReportsPane::setComparePrevious(bool compare)
{
    m_compareCheck->setChecked(compare);
}

bool ReportsPane::comparePrevious() const
{
    return m_compareCheck->isChecked();
}

void ReportsPane::setGranularity(ReportCharts::Granularity granularity)
{
    m_granularity = granularity;
    const QSignalBlocker block(m_granularityCombo);
    m_granularityCombo->setCurrentIndex(granularity == ReportCharts::Granularity::Days ? 0 : 1);
    updateCharts();
}

bool ReportsPane::refresh()
{
    m_refreshTimer.stop();
    m_stale = false;
    const ReportRange r = range();
    if (!r.isValid()) {
        showStatus(tr("The period ends before it starts: pick a “To” date on or after the “From” date."));
        return false;
    }
    const auto report = m_query.report(r);
    if (!report) {
        showStatus(tr("Could not compute the report: %1").arg(m_query.lastError()));
        return false;
    }
    m_report = *report;
    // Spanish (issue 17): the same period's conversations by language, for the breakdown, when the
    // business serves more than one or its callers wrote in more (reading the rows costs time).
    m_byLanguage.clear();
    const auto moreThanOne = [&] {
        if (m_profile.languages.size() > 1)
            return true;
        QString error;
        const auto spoken = LanguageBreakdown::languagesIn(
            m_db, r.utcStart(), r.utcEnd(), m_profile.languages.value(0, u"en"_s), &error);
        return spoken && spoken->size() > 1;
    };
    if (moreThanOne()) {
        if (const auto rows = m_query.rows(r))
            m_byLanguage = LanguageBreakdown::of(*rows, m_profile.languages);
    }
    if (!m_granularityChosen) {
        m_granularity
            = r.days() > kDaysForDailyTrend ? ReportCharts::Granularity::Weeks : ReportCharts::Granularity::Days;
        const QSignalBlocker block(m_granularityCombo);
        m_granularityCombo->setCurrentIndex(m_granularity == ReportCharts::Granularity::Days ? 0 : 1);
    }
    const QLocale l;
    const QString period = tr("%1 to %2 (%n day(s), %3)", nullptr, r.days())
                               .arg(l.toString(r.from(), QLocale::LongFormat), l.toString(r.to(), QLocale::LongFormat),
                                   m_profile.timezoneId);
    showStatus(m_report.current.totals.missedCalls == 0 ? period + u" · "_s + tr("No missed calls in this period.")
                                                        : period + u" · "_s
                + tr("compared with %1 to %2")
                      .arg(l.toString(m_report.previousRange.from(), QLocale::ShortFormat),
                          l.toString(m_report.previousRange.to(), QLocale::ShortFormat)));
    QString voiceError;
    m_voiceCalls = VoiceCallCounts::count(m_db, r.utcStart(), r.utcEnd(), &voiceError).value_or(VoiceCallCounts());
    m_voiceCallsBefore
        = VoiceCallCounts::count(m_db, m_report.previousRange.utcStart(), m_report.previousRange.utcEnd(), &voiceError)
              .value_or(VoiceCallCounts());
    updateFigures();
    updateCharts();
    updateBreakdown();
    updateVoiceCalls();
    emit reportUpdated();
    return true;
}

void ReportsPane::updateFigures()
{
    const bool compare = comparePrevious();
    const ReportMetrics &c = m_report.current;
    const ReportMetrics &p = m_report.previous;
    const QString none;
    const auto count = [](int n) { return QLocale().toString(n); };
    m_tiles.at(0)->setFigures(count(c.totals.missedCalls),
        compare ? signedPercent(c.totals.missedCalls, p.totals.missedCalls) + u" "_s
                + tr("(previous %1)").arg(count(p.totals.missedCalls))
                : none,
        tr("%1 missed calls from %2 conversations; %3 repeat calls; %4 after hours.")
            .arg(count(c.totals.missedCalls), count(c.totals.conversations), count(c.totals.repeatCalls),
                count(c.afterHours.missedCalls)));
    m_tiles.at(1)->setFigures(ReportCharts::percent(c.totals.responseRate()),
        compare ? pointsChange(c.totals.responseRate(), p.totals.responseRate()) : none,
        tr("%1 of %2 texted callers replied.").arg(count(c.totals.responded), count(c.totals.texted)));
    m_tiles.at(2)->setFigures(ReportCharts::percent(c.totals.bookingRate()),
        compare ? pointsChange(c.totals.bookingRate(), p.totals.bookingRate()) : none,
        tr("%1 of %2 conversations booked; %3 of responders.")
            .arg(count(c.totals.booked), count(c.totals.conversations),
                ReportCharts::percent(c.totals.bookingRateOfResponders())));
    m_tiles.at(3)->setFigures(ReportCharts::money(c.totals.revenue),
        compare ? signedPercent(c.totals.revenue, p.totals.revenue) + u" "_s
                + tr("(previous %1)").arg(ReportCharts::money(p.totals.revenue))
                : none,
        tr("%1 appointments at job value %2; %3 of them with actual values from the service history (%4).")
            .arg(count(c.totals.appointments), ReportCharts::money(c.totals.jobValue), count(c.totals.actualValueJobs),
                ReportCharts::money(c.totals.actualValue)));
    m_tiles.at(4)->setFigures(ReportCharts::duration(c.timeToFirstText.median),
        compare
            ? tr("90th percentile %1 · previous median %2")
                  .arg(ReportCharts::duration(c.timeToFirstText.p90), ReportCharts::duration(p.timeToFirstText.median))
            : tr("90th percentile %1").arg(ReportCharts::duration(c.timeToFirstText.p90)),
        MetricDefinitions::sentence(u"time_to_first_text"_s));
    m_tiles.at(5)->setFigures(ReportCharts::duration(c.timeToBooking.median),
        compare ? tr("90th percentile %1 · previous median %2")
                      .arg(ReportCharts::duration(c.timeToBooking.p90), ReportCharts::duration(p.timeToBooking.median))
                : tr("90th percentile %1").arg(ReportCharts::duration(c.timeToBooking.p90)),
        MetricDefinitions::sentence(u"time_to_booking"_s));
}

void ReportsPane::updateCharts()
{
    const bool compare = comparePrevious();
    const auto install = [](QChartView *view, QChart *chart) {
        QChart *old = view->chart();
        view->setChart(chart); // the view owns the new chart
        delete old;
    };
    install(m_funnelView, ReportCharts::funnel(m_report, compare));
    install(m_revenueView, ReportCharts::revenueByService(m_report, compare));
    install(m_trendView, ReportCharts::trend(m_report, m_granularity, compare));
    m_heatmap->setCounts(m_report.current.byHourOfWeek);

    // Exact figures on hover.
    for (QChartView *view : {m_funnelView, m_revenueView}) {
        const bool funnel = view == m_funnelView;
        for (QAbstractSeries *s : view->chart()->series()) {
            auto *bars = qobject_cast<QAbstractBarSeries *>(s);
            if (!bars)
                continue;
            connect(
                bars, &QAbstractBarSeries::hovered, this, [this, view, funnel](bool status, int index, QBarSet *set) {
                    showHoveredBar(
                        status, index, set->property("reportRole").toString() == u"previous"_s, funnel, view);
                });
        }
    }
    for (QAbstractSeries *s : m_trendView->chart()->series()) {
        if (auto *line = qobject_cast<QLineSeries *>(s))
            connect(line, &QLineSeries::hovered, this,
                [this](const QPointF &point, bool state) { showHoveredPoint(point, state, m_trendView); });
    }
    applyChartPalette();
}

void ReportsPane::showHoveredBar(bool status, int index, bool previous, bool funnel, QWidget *view)
{
    if (!status) {
        QToolTip::hideText();
        return;
    }
    QString text;
    if (funnel) {
        text = ReportCharts::funnelToolTip(m_report, ReportCharts::FunnelStages - 1 - index, previous);
    } else {
        const QList<ServiceBreakdown> services = ReportCharts::revenueServices(m_report);
        const qsizetype i = services.size() - 1 - index;
        if (i < 0 || i >= services.size())
            return;
        text = ReportCharts::revenueToolTip(m_report, services.at(i).serviceId, previous);
    }
    QToolTip::showText(QCursor::pos(), text, view);
}

void ReportsPane::showHoveredPoint(const QPointF &point, bool state, QWidget *view)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const QList<TrendPoint> &points
        = m_granularity == ReportCharts::Granularity::Days ? m_report.current.byDay : m_report.current.byWeek;
    int nearest = -1;
    qreal best = 0;
    for (int i = 0; i < points.size(); ++i) {
        const qreal d = std::abs(qreal(QDateTime(points.at(i).start, QTime(12, 0)).toMSecsSinceEpoch()) - point.x());
        if (nearest < 0 || d < best) {
            nearest = i;
            best = d;
        }
    }
    if (nearest >= 0)
        QToolTip::showText(QCursor::pos(), ReportCharts::trendToolTip(m_report, m_granularity, nearest), view);
}

void ReportsPane::updateBreakdown()
{
    const bool compare = comparePrevious();
    const QStringList columns = {tr("Conversations"), tr("Texted"), tr("Responded"), tr("Response rate"), tr("Booked"),
        tr("Booking rate"), tr("Revenue")};
    struct Row
    {
        QString label;
        const FunnelCounts *now;
        const FunnelCounts *before;
        QString toolTip;
    };
    const ReportMetrics &c = m_report.current;
    const ReportMetrics &p = m_report.previous;
    const QList<Row> rows = {
        {tr("All conversations"), &c.totals, &p.totals, MetricDefinitions::sentence(u"conversations"_s)},
        {tr("Agent-handled"), &c.agentHandled, &p.agentHandled, MetricDefinitions::sentence(u"by_handling"_s)},
        {tr("Staff-handled"), &c.staffHandled, &p.staffHandled, MetricDefinitions::sentence(u"by_handling"_s)},
        {tr("Business hours"), &c.businessHours, &p.businessHours, MetricDefinitions::sentence(u"by_hours"_s)},
        {tr("After hours"), &c.afterHours, &p.afterHours, MetricDefinitions::sentence(u"by_hours"_s)},
    };
    m_breakdown->clear();
    m_breakdown->setColumnCount(int(columns.size()));
    m_breakdown->setHorizontalHeaderLabels(columns);
    // A row per language when the business serves more than one or its callers wrote in more.
    const QList<LanguageFigures> languages = m_byLanguage.size() > 1 ? m_byLanguage : QList<LanguageFigures>();
    m_breakdown->setRowCount(int(rows.size() + languages.size() + c.byTechnician.size()));
    const QLocale l;
    int r = 0;
    for (const Row &row : rows) {
        auto *head = new QTableWidgetItem(row.label);
        head->setToolTip(row.toolTip);
        m_breakdown->setVerticalHeaderItem(r, head);
        const FunnelCounts &n = *row.now;
        const QList<QString> values = {l.toString(n.conversations), l.toString(n.texted), l.toString(n.responded),
            ReportCharts::percent(n.responseRate()), l.toString(n.booked), ReportCharts::percent(n.bookingRate()),
            ReportCharts::money(n.revenue)};
        for (int col = 0; col < values.size(); ++col) {
            QTableWidgetItem *item = cell(values.at(col));
            if (compare)
                item->setToolTip(tr("Previous period: %1 conversations, %2 booked, %3")
                                     .arg(l.toString(row.before->conversations), l.toString(row.before->booked),
                                         ReportCharts::money(row.before->revenue)));
            m_breakdown->setItem(r, col, item);
        }
        ++r;
    }
    for (const LanguageFigures &language : languages) {
        auto *head = new QTableWidgetItem(tr("Language: %1").arg(LanguageBreakdown::displayName(language.language)));
        const FunnelCounts &n = language.counts;
        head->setToolTip(
            tr("%1 missed calls. Conversations by the caller's language; older ones without it count in the "
               "business's first.")
                .arg(l.toString(n.missedCalls)));
        m_breakdown->setVerticalHeaderItem(r, head);
        const QList<QString> values = {l.toString(n.conversations), l.toString(n.texted), l.toString(n.responded),
            ReportCharts::percent(n.responseRate()), l.toString(n.booked), ReportCharts::percent(n.bookingRate()),
            ReportCharts::money(n.revenue)};
        for (int col = 0; col < values.size(); ++col)
            m_breakdown->setItem(r, col, cell(values.at(col)));
        ++r;
    }
    for (const auto &t : c.byTechnician) {
        m_breakdown->setVerticalHeaderItem(r, new QTableWidgetItem(tr("Technician: %1").arg(t.name)));
        for (int col = 0; col < columns.size(); ++col)
            m_breakdown->setItem(r, col, cell(QString()));
        m_breakdown->setItem(r, 4, cell(l.toString(t.appointments)));
        m_breakdown->setItem(r, 6, cell(ReportCharts::money(t.revenue)));
        m_breakdown->item(r, 4)->setToolTip(tr("%1 standing appointments").arg(l.toString(t.appointments)));
        ++r;
    }
}

void ReportsPane::updateVoiceCalls()
{
    const VoiceCallCounts &v = m_voiceCalls;
    m_voiceLabel->setVisible(m_profile.voice.enabled() || v.answeredByAgent > 0);
    const QLocale l;
    const auto line = [&](const VoiceCallCounts &c) {
        return tr("%1 answered by the assistant · %2 put through to a person · %3 booked on the call · %4 voicemails")
            .arg(l.toString(c.answeredByAgent), l.toString(c.transferred), l.toString(c.bookedByVoice),
                l.toString(c.voicemail));
    };
    m_voiceLabel->setText(tr("Voice calls: %1").arg(line(v)));
    m_voiceLabel->setToolTip(comparePrevious() ? tr("Previous period: %1").arg(line(m_voiceCallsBefore))
                                               : tr("Calls the assistant answered by voice in this period"));
}

void ReportsPane::applyChartPalette()
{
    for (QChartView *view : {m_funnelView, m_revenueView, m_trendView}) {
        if (view->chart())
            ReportCharts::applyPalette(view->chart(), palette());
        view->setBackgroundBrush(palette().base());
    }
    m_heatmap->update();
}

void ReportsPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_funnelView)
        applyChartPalette();
}

void ReportsPane::showStatus(const QString &text)
{
    m_statusLabel->setText(text);
}

QString ReportsPane::statusText() const
{
    return m_statusLabel->text();
}

void ReportsPane::chooseAndExport(bool pdf)
{
    // Frozen now: the file dialog may stay open while calls come in and the figures refresh.
    const ReportRange r = range();
    const ConversionReport shown = m_report;
    std::optional<QList<ConversationRow>> rows;
    if (!pdf) {
        rows = m_query.rows(r);
        if (!rows) {
            showStatus(tr("Could not export the conversations: %1").arg(m_query.lastError()));
            return;
        }
    }
    const QString stem
        = u"frontdesk-report-%1-to-%2"_s.arg(r.from().toString(Qt::ISODate), r.to().toString(Qt::ISODate));
    const QString path = pdf
        ? m_chooseFile(tr("Save the report as PDF"), stem + u".pdf"_s, tr("PDF files (*.pdf)"))
        : m_chooseFile(tr("Save the conversations as CSV"), stem + u".csv"_s, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (pdf)
        exportPdf(path, shown);
    else
        writeCsv(path, *rows);
}

bool ReportsPane::exportAllowed(const QString &what, const QString &path)
{
    QString refusal;
    if (!m_exportGate || m_exportGate(what, path, &refusal))
        return true;
    showStatus(tr("Not exported: %1").arg(refusal));
    return false;
}

bool ReportsPane::exportCsv(const QString &path)
{
    return exportCsv(path, range());
}

bool ReportsPane::exportCsv(const QString &path, const ReportRange &frozen)
{
    const auto rows = m_query.rows(frozen);
    if (!rows) {
        showStatus(tr("Could not export the conversations: %1").arg(m_query.lastError()));
        return false;
    }
    return writeCsv(path, *rows);
}

bool ReportsPane::writeCsv(const QString &path, const QList<ConversationRow> &rows)
{
    if (!exportAllowed(u"conversations CSV"_s, path))
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        showStatus(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    file.write(ReportCsv::conversations(rows).toUtf8());
    if (!file.commit()) {
        showStatus(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    showStatus(tr("Saved %n conversation(s) to %1.", nullptr, int(rows.size())).arg(QDir::toNativeSeparators(path)));
    emit exported(path);
    return true;
}

bool ReportsPane::exportPdf(const QString &path)
{
    return exportPdf(path, m_report);
}

bool ReportsPane::exportPdf(const QString &path, const ConversionReport &report)
{
    if (!exportAllowed(u"report PDF"_s, path))
        return false;
    ReportPdf::Options options;
    options.withPrevious = comparePrevious();
    options.granularity = m_granularity;
    options.palette = style()->standardPalette(); // paper: the style's light palette, whatever the screen shows
    QString error;
    if (!ReportPdf::write(path, report, options, &error)) {
        showStatus(tr("Could not save the PDF report: %1").arg(error));
        return false;
    }
    showStatus(tr("Saved the report to %1.").arg(QDir::toNativeSeparators(path)));
    emit exported(path);
    return true;
}

} // namespace FrontDesk
