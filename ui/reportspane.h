#pragma once

#include "app/reports/conversionreport.h"
#include "app/reports/languagebreakdown.h"
#include "app/reports/reportquery.h"
#include "app/reports/voicecallcounts.h"
#include "models/businessprofile.h"
#include "ui/reportcharts.h"

#include <QTimer>
#include <QWidget>
#include <functional>

class QCheckBox;
class QChartView;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableWidget;
class QTextBrowser;
class QToolButton;

namespace FrontDesk {

class Clock;
class Database;
class ReportHeatmap;
class ReportKpiTile;

// The managers' Reports pane: over a range of the business's local days, beside the period before
// it, the headline figures, the conversion funnel, the trend by day or week, the missed-call
// heatmap (weekday × hour), revenue by service and the agent/staff, business-hours/after-hours and
// technician breakdowns; CSV export of the underlying conversations and a PDF report. Charts take
// their colours from the palette and follow it when it changes. It reads the store through
// ReportQuery and decides nothing.
//
// Standalone: MainWindow (or anyone) adds it as a page, e.g. a tab.
class ReportsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportsPane)
public:
    // Asks where to save an export: (caption, suggested file name, filter) -> path, empty to cancel.
    using FileChooser = std::function<QString(const QString &, const QString &, const QString &)>;

    // `db` and `clock` must outlive the pane; the profile is copied. The first range is the last 30
    // days up to today (by `clock`, in the business's zone), computed when the pane is first shown.
    ReportsPane(Database &db, const BusinessProfile &profile, const Clock &clock, QWidget *parent = nullptr);
    ~ReportsPane() override;

    void setRange(const QDate &from, const QDate &to); // and recomputes
    ReportRange range() const;
    void setComparePrevious(bool compare);
    bool comparePrevious() const;
    void setGranularity(ReportCharts::Granularity granularity);
    ReportCharts::Granularity granularity() const { return m_granularity; }

    // Recomputes the report from the store; on failure the pane says why and keeps the last one.
    bool refresh();
    const ConversionReport &report() const { return m_report; }
    // The period's conversations by language, when there is more than one (else empty); the breakdown
    // shows them.
    const QList<LanguageFigures> &byLanguage() const { return m_byLanguage; }
    // The voice receptionist's calls in the period (issue 18): answered by the assistant, put through
    // to a person, booked on the call, voicemails; shown when the business has it on or it answered any.
    const VoiceCallCounts &voiceCalls() const { return m_voiceCalls; }

    // The save dialog by default; tests give a function that returns a path.
    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    // Asked before anything is exported: (what, path) -> allowed, or false with the reason. The
    // composition root hands in the engine side's role check, which also records the export.
    using ExportGate = std::function<bool(const QString &what, const QString &path, QString *refusal)>;
    void setExportGate(ExportGate gate) { m_exportGate = std::move(gate); }
    bool exportCsv(const QString &path);
    bool exportPdf(const QString &path);
    // The same, for what was on screen when the export started (the range and figures are frozen
    // then: a booking coming in while the file dialog is open changes neither).
    bool exportCsv(const QString &path, const ReportRange &range);
    bool exportPdf(const QString &path, const ConversionReport &report);
    bool writeCsv(const QString &path, const QList<ConversationRow> &rows);
    QString statusText() const;

signals:
    void reportUpdated();
    void exported(const QString &path);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    QWidget *chartFrame(QWidget *chart, const QString &title = QString());
    void applyPreset(int index);
    void showRange(const QDate &from, const QDate &to);
    void handleDatesEdited();
    void updateFigures();
    void updateCharts();
    void updateBreakdown();
    void applyChartPalette();
    void chooseAndExport(bool pdf);
    bool exportAllowed(const QString &what, const QString &path);
    void showStatus(const QString &text);
    void showHoveredBar(bool status, int index, bool previous, bool funnel, QWidget *view);
    void showHoveredPoint(const QPointF &point, bool state, QWidget *view);

    Database &m_db;
    BusinessProfile m_profile; // before m_query, which reads it
    const Clock &m_clock;
    ReportQuery m_query;
    ConversionReport m_report;
    QList<LanguageFigures> m_byLanguage;
    VoiceCallCounts m_voiceCalls;
    VoiceCallCounts m_voiceCallsBefore; // the previous period's
    QLabel *m_voiceLabel = nullptr;
    void updateVoiceCalls();
    ReportCharts::Granularity m_granularity = ReportCharts::Granularity::Days;
    bool m_granularityChosen = false;
    bool m_stale = false; // the range changed while the pane was never shown
    FileChooser m_chooseFile;
    ExportGate m_exportGate;
    QTimer m_refreshTimer;

    QDateEdit *m_fromEdit = nullptr;
    QDateEdit *m_toEdit = nullptr;
    QComboBox *m_presetCombo = nullptr;
    QCheckBox *m_compareCheck = nullptr;
    QComboBox *m_granularityCombo = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_csvButton = nullptr;
    QPushButton *m_pdfButton = nullptr;
    QToolButton *m_definitionsButton = nullptr;
    QTextBrowser *m_definitionsView = nullptr;
    QLabel *m_statusLabel = nullptr;
    QList<ReportKpiTile *> m_tiles;
    QChartView *m_funnelView = nullptr;
    QChartView *m_trendView = nullptr;
    QChartView *m_revenueView = nullptr;
    ReportHeatmap *m_heatmap = nullptr;
    QTableWidget *m_breakdown = nullptr;
};

} // namespace FrontDesk
