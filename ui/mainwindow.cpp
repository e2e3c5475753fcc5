#include "ui/mainwindow.h"

#include "app/messaging/engine.h"
#include "resources/bundledresources.h"
#include "ui/calendarpane.h" // shared calendar
#include "ui/deskpane.h"
#include "ui/reportspane.h"
#include "ui/syncstatuslabel.h"

#include <QAction>
#include <QIcon>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace FrontDesk {

MainWindow::MainWindow(Engine &engine, const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(engine)
    , m_options(options)
    , m_presentation(engine.clock(), engine.profile() ? engine.profile()->timeZone() : QTimeZone::systemTimeZone())
{
    setObjectName(u"mainWindow"_s);
    m_presentation.setStaffNames(options.staffNames);
    BundledResources::init();
    setWindowIcon(QIcon(BundledResources::appIconPath()));
    auto updateTitle = [this] {
        const auto profile = m_engine.profile();
        setWindowTitle(profile ? tr("%1 — FrontDesk").arg(profile->name) : tr("FrontDesk"));
    };
    updateTitle();
    connect(&engine, &Engine::profileChanged, this, updateTitle);
    buildUi();
    resize(1440, 900);
}

MainWindow::~MainWindow() = default;

// Admin: the Settings tab and picking a tab (for --tab).
void MainWindow::addPane(QWidget *pane, const QString &title)
{
    m_tabs->addTab(pane, title);
}

bool MainWindow::selectPane(const QString &objectName)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->widget(i)->objectName() == objectName) {
            m_tabs->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void MainWindow::setTeamSync(SyncClient *sync)
{
    m_desk->setTeamSync(sync);
    if (auto *calendar = findChild<CalendarPane *>())
        calendar->setTeamSync(sync);
    if (sync)
        statusBar()->addPermanentWidget(new SyncStatusLabel(*sync, this));
}

QString MainWindow::currentThreadId() const
{
    return m_desk->currentThreadId();
}

void MainWindow::selectThread(const QString &threadId)
{
    m_tabs->setCurrentWidget(m_desk);
    m_desk->selectThread(threadId);
}

void MainWindow::buildUi()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"mainTabs"_s);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);

    // The receptionist's desk.
    m_desk = new DeskPane(m_engine, m_presentation, m_options.actor, this);
    m_tabs->addTab(m_desk, tr("&Desk"));
    if (m_options.placeCall)
        m_desk->setCallDialer(m_options.placeCall);
    if (m_options.callControl)
        m_desk->setCallControl(m_options.callControl);

    // The manager's reports over the same store (managers and admins).
    addReportsPane();

    // Shared calendar: the technicians' day and week.
    auto *calendar = new CalendarPane(m_engine, m_options.actor, m_tabs);
    m_tabs->addTab(calendar, tr("&Calendar"));
    connect(calendar, &CalendarPane::conversationRequested, this, &MainWindow::selectThread);

    // More areas (settings, …) add their tab here or through addPane().

    // A shared desk PC: whoever signed in signs out, and the next person signs in with their own role.
    if (m_options.canSignOut) {
        auto *account = menuBar()->addMenu(
            m_options.signedInName.isEmpty() ? tr("&Account") : tr("&Account: %1").arg(m_options.signedInName));
        account->setObjectName(u"accountMenu"_s);
        auto *signOut = account->addAction(tr("Sign &out / switch user"));
        signOut->setObjectName(u"signOutAction"_s);
        signOut->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
        signOut->setToolTip(tr("Leave the desk to the next person: they sign in with their own name and role"));
        connect(signOut, &QAction::triggered, this, &MainWindow::signOutRequested);
        addAction(signOut); // the shortcut works with the menu closed
    }

    m_modeLabel = new QLabel(m_options.modeText, this);
    m_modeLabel->setObjectName(u"modeLabel"_s);
    m_modeLabel->setToolTip(m_options.modeDetails.isEmpty() ? m_options.modeText : m_options.modeDetails);
    m_modeLabel->setMinimumWidth(0);
    m_modeLabel->setSizePolicy(
        QSizePolicy::Ignored, QSizePolicy::Preferred); // a long path never pushes the counts away
    m_countsLabel = new QLabel(m_desk->countsText(), this);
    m_countsLabel->setObjectName(u"countsLabel"_s);
    m_countsLabel->setAccessibleName(tr("Today's figures"));
    connect(m_desk, &DeskPane::countsChanged, m_countsLabel, &QLabel::setText);
    statusBar()->addWidget(m_modeLabel, 1);
    // What /health says, at the desk: hidden while the engine is well.
    m_healthLabel = new QLabel(this);
    m_healthLabel->setObjectName(u"healthLabel"_s);
    m_healthLabel->setAccessibleName(tr("Engine health"));
    m_healthLabel->setStyleSheet(u"QLabel { color: #b00020; font-weight: bold; }"_s);
    statusBar()->addPermanentWidget(m_healthLabel);
    statusBar()->addPermanentWidget(m_countsLabel);
    connect(&m_engine, &Engine::healthChanged, this, &MainWindow::refreshHealth);
    auto *healthTimer = new QTimer(this);
    healthTimer->setInterval(30 * 1000); // the disk fills and the provider's refusals age without an event
    connect(healthTimer, &QTimer::timeout, this, &MainWindow::refreshHealth);
    healthTimer->start();
    connect(&m_engine, &Engine::profileChanged, this, &MainWindow::handleProfileChanged);
    refreshHealth();
}

QString MainWindow::healthText() const
{
    return m_healthLabel && !m_healthLabel->isHidden() ? m_healthLabel->text() : QString();
}

void MainWindow::refreshHealth()
{
    const QStringList problems = m_engine.healthProblems();
    m_healthLabel->setVisible(!problems.isEmpty());
    m_healthLabel->setText(problems.isEmpty() ? QString()
            : problems.size() == 1            ? tr("Degraded: %1").arg(problems.first())
                                   : tr("Degraded (%1 problems): %2").arg(problems.size()).arg(problems.first()));
    m_healthLabel->setToolTip(problems.join(u'\n'));
}

void MainWindow::addReportsPane()
{
    const auto profile = m_options.showReports ? m_engine.profile() : nullptr;
    if (!profile || m_reports)
        return;
    auto *reports = new ReportsPane(m_engine.database(), *profile, m_engine.clock(), m_tabs);
    reports->setExportGate(m_options.authorizeExport);
    m_tabs->insertTab(m_tabs->indexOf(m_desk) + 1, reports, tr("&Reports"));
    // Bookings move the figures: follow them while the reports are on screen.
    connect(&m_engine, &Engine::appointmentBooked, reports, [reports] {
        if (reports->isVisible())
            reports->refresh();
    });
    m_reports = reports;
}

// A saved profile shows at once: the title, the Reports tab of a first run, the status bar.
void MainWindow::handleProfileChanged()
{
    addReportsPane();
    if (!m_options.modeTextOnceSetUp.isEmpty()) {
        m_options.modeText = m_options.modeTextOnceSetUp;
        m_options.modeTextOnceSetUp.clear();
        m_modeLabel->setText(m_options.modeText);
    }
}

} // namespace FrontDesk
