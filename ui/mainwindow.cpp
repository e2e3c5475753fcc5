#include "ui/mainwindow.h"

#include "app/messaging/engine.h"
#include "app/sync/syncclient.h" // team mode (issue #9)
#include "models/messagelistmodel.h"
#include "models/missedcallmodel.h"
#include "models/threadlistmodel.h"
#include "resources/bundledresources.h"
#include "ui/listcarddelegate.h"
#include "ui/messagebubbledelegate.h"
#include "ui/reportspane.h"
#include "ui/scrollanchor.h"

#include <QBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QLabel *paneHeader(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    QFont f = label->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    label->setFont(f);
    label->setContentsMargins(4, 6, 4, 4);
    return label;
}

QListView *cardList(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *view = new QListView(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->setUniformItemSizes(true);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return view;
}

QString joinParts(const QStringList &parts)
{
    QStringList present;
    for (const auto &p : parts)
        if (!p.isEmpty())
            present << p;
    return present.join(u"  ·  "_s);
}

} // namespace

MainWindow::MainWindow(Engine &engine, const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(engine)
    , m_options(options)
    , m_presentation(engine.clock(), engine.profile() ? engine.profile()->timeZone() : QTimeZone::systemTimeZone())
{
    setObjectName(u"mainWindow"_s);
    BundledResources::init();
    setWindowIcon(QIcon(BundledResources::appIconPath()));
    setWindowTitle(engine.profile() ? tr("%1 — FrontDesk").arg(engine.profile()->name) : tr("FrontDesk"));

    m_missedCalls = new MissedCallModel(engine.database(), this);
    m_threads = new ThreadListModel(engine.database(), this);
    m_messages = new MessageListModel(engine.database(), this);
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(100);
    connect(&m_countsTimer, &QTimer::timeout, this, &MainWindow::updateCounts);

    buildUi();
    connectEngine();
    m_missedCalls->refresh();
    m_threads->refresh();
    handleThreadRowsInserted();
    showConversationState();
    m_threadListView->setFocus();
    updateCounts();
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi()
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(u"mainSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildMissedCallsPane());
    splitter->addWidget(buildThreadsPane());
    splitter->addWidget(buildConversationPane());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 0);
    splitter->setStretchFactor(2, 1);
    splitter->setSizes({290, 340, 650});

    // The desk, and the manager's reports over the same store.
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(u"mainTabs"_s);
    tabs->setDocumentMode(true);
    tabs->addTab(splitter, tr("&Desk"));
    if (const BusinessProfile *profile = m_engine.profile()) {
        auto *reports = new ReportsPane(m_engine.database(), *profile, m_engine.clock(), tabs);
        tabs->addTab(reports, tr("&Reports"));
        // Bookings move the figures: follow them while the reports are on screen.
        connect(&m_engine, &Engine::appointmentBooked, reports, [reports] {
            if (reports->isVisible())
                reports->refresh();
        });
    }
    setCentralWidget(tabs);

    m_modeLabel = new QLabel(m_options.modeText, this);
    m_modeLabel->setObjectName(u"modeLabel"_s);
    m_modeLabel->setToolTip(m_options.modeText);
    m_modeLabel->setMinimumWidth(0);
    m_modeLabel->setSizePolicy(
        QSizePolicy::Ignored, QSizePolicy::Preferred); // a long path never pushes the counts away
    m_countsLabel = new QLabel(this);
    m_countsLabel->setObjectName(u"countsLabel"_s);
    statusBar()->addWidget(m_modeLabel, 1);
    statusBar()->addPermanentWidget(m_countsLabel);
}

QWidget *MainWindow::buildMissedCallsPane()
{
    auto *pane = new QWidget(this);
    pane->setObjectName(u"missedCallsPane"_s);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(6, 4, 3, 6);
    layout->setSpacing(4);
    layout->addWidget(paneHeader(tr("Missed calls"), u"missedCallsHeader"_s, pane));

    m_missedCallsView = cardList(u"missedCallsView"_s, tr("Missed calls"), pane);
    m_missedCallsView->setModel(m_missedCalls);
    ListCardDelegate::Roles roles;
    roles.name = MissedCallModel::NameRole;
    roles.phone = MissedCallModel::PhoneRole;
    roles.at = MissedCallModel::AtRole;
    roles.status = MissedCallModel::StatusRole;
    roles.needsAttention = MissedCallModel::NeedsAttentionRole;
    m_missedCallsView->setItemDelegate(new ListCardDelegate(
        m_presentation, roles,
        [](const QModelIndex &index) -> QString {
            const bool named = !index.data(MissedCallModel::NameRole).toString().isEmpty();
            return joinParts(
                {named ? Presentation::phone(index.data(MissedCallModel::PhoneRole).toString()) : QString(),
                    index.data(MissedCallModel::AfterHoursRole).toBool() ? tr("after hours") : QString()});
        },
        m_missedCallsView));
    new ScrollAnchor(m_missedCallsView);
    layout->addWidget(m_missedCallsView, 1);
    connect(m_missedCallsView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { handleMissedCallActivated(current); });
    connect(m_missedCallsView, &QListView::clicked, this, &MainWindow::handleMissedCallActivated);
    return pane;
}

QWidget *MainWindow::buildThreadsPane()
{
    auto *pane = new QWidget(this);
    pane->setObjectName(u"threadsPane"_s);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(3, 4, 3, 6);
    layout->setSpacing(4);
    layout->addWidget(paneHeader(tr("Conversations"), u"threadsHeader"_s, pane));

    m_alertLabel = new QLabel(pane);
    m_alertLabel->setObjectName(u"alertLabel"_s);
    m_alertLabel->setWordWrap(true);
    m_alertLabel->setTextFormat(Qt::RichText);
    m_alertLabel->setVisible(false);
    m_alertLabel->setAccessibleName(tr("Latest alert"));
    connect(m_alertLabel, &QLabel::linkActivated, this, [this](const QString &) {
        selectThread(m_alertThreadId);
        m_alertLabel->setVisible(false);
    });
    layout->addWidget(m_alertLabel);

    m_threadListView = cardList(u"threadListView"_s, tr("Conversations"), pane);
    m_threadListView->setModel(m_threads);
    ListCardDelegate::Roles roles;
    roles.name = ThreadListModel::NameRole;
    roles.phone = ThreadListModel::PhoneRole;
    roles.at = ThreadListModel::LastActivityRole;
    roles.status = ThreadListModel::StatusRole;
    roles.needsAttention = ThreadListModel::NeedsAttentionRole;
    m_threadListView->setItemDelegate(new ListCardDelegate(
        m_presentation, roles,
        [](const QModelIndex &index) -> QString {
            const QString preview = index.data(ThreadListModel::PreviewRole).toString();
            const QString author = index.data(ThreadListModel::PreviewAuthorRole).toString();
            if (preview.isEmpty() || author.isEmpty() || author == u"customer"_s)
                return preview;
            return Presentation::authorLabel(author) + u": "_s + preview;
        },
        m_threadListView));
    new ScrollAnchor(m_threadListView);
    layout->addWidget(m_threadListView, 1);
    connect(m_threadListView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &MainWindow::handleThreadSelected);
    connect(m_threads, &QAbstractItemModel::rowsInserted, this, &MainWindow::handleThreadRowsInserted);
    connect(m_threads, &QAbstractItemModel::dataChanged, this, &MainWindow::showConversationState);
    connect(m_threads, &QAbstractItemModel::rowsMoved, this, &MainWindow::showConversationState);
    for (QAbstractItemModel *model :
        {static_cast<QAbstractItemModel *>(m_threads), static_cast<QAbstractItemModel *>(m_missedCalls)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &MainWindow::scheduleCounts);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::scheduleCounts);
        connect(model, &QAbstractItemModel::dataChanged, this, &MainWindow::scheduleCounts);
        connect(model, &QAbstractItemModel::modelReset, this, &MainWindow::scheduleCounts);
    }
    return pane;
}

QWidget *MainWindow::buildConversationPane()
{
    m_conversationStack = new QStackedWidget(this);
    m_conversationStack->setObjectName(u"conversationStack"_s);

    auto *placeholder
        = new QLabel(tr("Select a conversation to read it.\nNew missed calls appear on the left as they come in."),
            m_conversationStack);
    placeholder->setObjectName(u"conversationPlaceholderLabel"_s);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setEnabled(false);
    m_conversationStack->addWidget(placeholder);

    auto *pane = new QWidget(m_conversationStack);
    pane->setObjectName(u"conversationPane"_s);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(3, 4, 6, 6);
    layout->setSpacing(6);

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    m_threadTitleLabel = new QLabel(pane);
    m_threadTitleLabel->setObjectName(u"threadTitleLabel"_s);
    m_threadTitleLabel->setTextFormat(Qt::RichText);
    QFont titleFont = m_threadTitleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_threadTitleLabel->setFont(titleFont);
    m_threadTitleLabel->setContentsMargins(4, 6, 4, 0);
    m_threadStateLabel = new QLabel(pane);
    m_threadStateLabel->setObjectName(u"threadStateLabel"_s);
    m_threadStateLabel->setTextFormat(Qt::RichText);
    m_threadStateLabel->setWordWrap(true);
    m_threadStateLabel->setContentsMargins(4, 0, 4, 0);
    titles->addWidget(m_threadTitleLabel);
    titles->addWidget(m_threadStateLabel);
    header->addLayout(titles, 1);

    m_takeOverButton = new QPushButton(tr("&Take over"), pane);
    m_takeOverButton->setObjectName(u"takeOverButton"_s);
    m_takeOverButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_takeOverButton->setToolTip(
        tr("Take this conversation over from the agent (Ctrl+T). The agent stays silent until you hand it back."));
    m_takeOverButton->setAccessibleName(tr("Take over the conversation"));
    connect(m_takeOverButton, &QPushButton::clicked, this, &MainWindow::takeOver);
    m_handBackButton = new QPushButton(tr("&Hand back"), pane);
    m_handBackButton->setObjectName(u"handBackButton"_s);
    m_handBackButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_handBackButton->setToolTip(tr("Give this conversation back to the agent (Ctrl+Shift+T)."));
    m_handBackButton->setAccessibleName(tr("Hand the conversation back to the agent"));
    connect(m_handBackButton, &QPushButton::clicked, this, &MainWindow::handBack);
    header->addWidget(m_takeOverButton, 0, Qt::AlignTop);
    header->addWidget(m_handBackButton, 0, Qt::AlignTop);
    layout->addLayout(header);

    m_messageListView = new QListView(pane);
    m_messageListView->setObjectName(u"messageListView"_s);
    m_messageListView->setAccessibleName(tr("Messages"));
    m_messageListView->setModel(m_messages);
    m_messageListView->setSelectionMode(QAbstractItemView::NoSelection);
    m_messageListView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_messageListView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messageListView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_messageListView->setResizeMode(QListView::Adjust);
    m_messageListView->setUniformItemSizes(false);
    m_messageListView->setWordWrap(true);
    m_messageListView->setFocusPolicy(Qt::NoFocus);
    m_bubbles = new MessageBubbleDelegate(m_presentation, m_messageListView);
    m_messageListView->setItemDelegate(m_bubbles);
    layout->addWidget(m_messageListView, 1);
    connect(m_messages, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_messageListView->verticalScrollBar();
        m_messagesAtBottom = bar->value() >= bar->maximum() - 4;
    });
    connect(m_messages, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_messagesAtBottom)
            QTimer::singleShot(0, m_messageListView, &QListView::scrollToBottom);
    });
    connect(m_messages, &QAbstractItemModel::modelReset, this,
        [this] { QTimer::singleShot(0, m_messageListView, &QListView::scrollToBottom); });

    auto *composer = new QHBoxLayout;
    m_composerEdit = new QLineEdit(pane);
    m_composerEdit->setObjectName(u"composerEdit"_s);
    m_composerEdit->setPlaceholderText(tr("Write to the customer as staff… (Enter or Ctrl+Return to send)"));
    m_composerEdit->setAccessibleName(tr("Message to the customer"));
    m_composerEdit->setClearButtonEnabled(true);
    m_sendButton = new QPushButton(tr("&Send"), pane);
    m_sendButton->setObjectName(u"sendButton"_s);
    m_sendButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_sendButton->setToolTip(tr("Send as staff (Ctrl+Return). Writing takes the conversation over from the agent."));
    m_sendButton->setAccessibleName(tr("Send the message"));
    m_sendButton->setDefault(true);
    auto *enterShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    connect(enterShortcut, &QShortcut::activated, this, [this] {
        if (m_sendButton->isEnabled())
            send();
    });
    connect(m_sendButton, &QPushButton::clicked, this, &MainWindow::send);
    connect(m_composerEdit, &QLineEdit::returnPressed, this, [this] {
        if (m_sendButton->isEnabled())
            send();
    });
    connect(m_composerEdit, &QLineEdit::textChanged, this, &MainWindow::showConversationState);
    composer->addWidget(m_composerEdit, 1);
    composer->addWidget(m_sendButton);
    layout->addLayout(composer);

    m_errorLabel = new QLabel(pane);
    m_errorLabel->setObjectName(u"composerErrorLabel"_s);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(u"color: #b91c1c;"_s);
    m_errorLabel->setVisible(false);
    layout->addWidget(m_errorLabel);

    m_conversationStack->addWidget(pane);
    return m_conversationStack;
}

void MainWindow::connectEngine()
{
    connect(&m_engine, &Engine::callRecorded, m_missedCalls, &MissedCallModel::handleCallRecorded);
    connect(&m_engine, &Engine::threadUpdated, m_missedCalls, &MissedCallModel::handleThreadUpdated);
    connect(&m_engine, &Engine::threadUpdated, m_threads, &ThreadListModel::handleThreadUpdated);
    connect(&m_engine, &Engine::messageAdded, m_threads, &ThreadListModel::handleMessageAdded);
    connect(&m_engine, &Engine::messageAdded, m_messages, &MessageListModel::handleMessageAdded);
    connect(&m_engine, &Engine::messageStatusChanged, m_messages, &MessageListModel::handleMessageStatusChanged);
    connect(&m_engine, &Engine::alertRaised, this, &MainWindow::handleAlert);
}

void MainWindow::selectThread(const QString &threadId)
{
    if (threadId.isEmpty())
        return;
    m_threads->flushPending();
    const QModelIndex index = m_threads->indexOfThread(threadId);
    if (!index.isValid())
        return;
    m_threadListView->setCurrentIndex(index);
    m_threadListView->scrollTo(index);
}

void MainWindow::handleMissedCallActivated(const QModelIndex &index)
{
    if (index.isValid())
        selectThread(index.data(MissedCallModel::ThreadIdRole).toString());
}

void MainWindow::handleThreadRowsInserted()
{
    // Open the first conversation once, so that the desk never starts on an empty pane.
    if (m_autoSelected || !m_currentThreadId.isEmpty() || m_threads->rowCount() == 0)
        return;
    m_autoSelected = true;
    m_threadListView->setCurrentIndex(m_threads->index(0));
}

void MainWindow::handleThreadSelected()
{
    const QModelIndex index = m_threadListView->currentIndex();
    const QString threadId = index.isValid() ? index.data(ThreadListModel::ThreadIdRole).toString() : QString();
    if (threadId != m_currentThreadId) {
        m_currentThreadId = threadId;
        m_bubbles->setCustomerName(index.isValid() ? index.data(ThreadListModel::NameRole).toString() : QString());
        m_messages->setThreadId(threadId);
        m_errorLabel->setVisible(false);
        if (threadId == m_alertThreadId)
            m_alertLabel->setVisible(false);
    }
    showConversationState();
}

void MainWindow::showConversationState()
{
    const QModelIndex index = m_threads->indexOfThread(m_currentThreadId);
    if (!index.isValid()) {
        m_conversationStack->setCurrentIndex(0);
        m_takeOverButton->setEnabled(false);
        m_handBackButton->setEnabled(false);
        m_composerEdit->setEnabled(false);
        m_sendButton->setEnabled(false);
        return;
    }
    m_conversationStack->setCurrentIndex(1);
    const QString name = index.data(ThreadListModel::NameRole).toString();
    const QString phone = Presentation::phone(index.data(ThreadListModel::PhoneRole).toString());
    m_bubbles->setCustomerName(name);
    m_threadTitleLabel->setText(name.isEmpty() ? u"<b>%1</b>"_s.arg(phone.toHtmlEscaped())
                                               : u"<b>%1</b>&nbsp;&nbsp;<span style=\"color:#4b5563\">%2</span>"_s.arg(
                                                   name.toHtmlEscaped(), phone.toHtmlEscaped()));

    const QString status = index.data(ThreadListModel::StatusRole).toString();
    const bool staff = index.data(ThreadListModel::StateRole).toString() == u"staff"_s;
    const bool optedOut = status == u"opted_out"_s;
    QStringList parts;
    parts << u"<span style=\"color:%1; font-weight:600\">%2</span>"_s.arg(
        Presentation::statusColor(status).name(), Presentation::statusLabel(status).toHtmlEscaped());
    const QString serviceId = index.data(ThreadListModel::ServiceRole).toString();
    const ServiceDef *service
        = m_engine.profile() && !serviceId.isEmpty() ? m_engine.profile()->service(serviceId) : nullptr;
    if (service)
        parts << service->name.toHtmlEscaped();
    if (index.data(ThreadListModel::ExistingCustomerRole).toBool())
        parts << tr("existing customer").toHtmlEscaped();
    const bool needsPerson = index.data(ThreadListModel::NeedsAttentionRole).toBool();
    if (needsPerson) {
        const QString reason = index.data(ThreadListModel::HandoffReasonRole).toString();
        parts << (reason.isEmpty() ? tr("the customer wrote while staff holds it")
                                   : Presentation::handoffReasonLabel(reason))
                     .toHtmlEscaped();
    }
    QString who;
    if (optedOut)
        who = tr("This number opted out: nothing more can be sent to it.");
    else if (staff && needsPerson)
        who = tr("Waiting for a person: the agent stays silent until someone answers or hands it back.");
    else if (staff)
        who = tr("Staff is handling this conversation; the agent stays silent.");
    else
        who = tr("The agent is handling this conversation.");
    m_threadStateLabel->setText(parts.join(u"&nbsp;&nbsp;·&nbsp;&nbsp;"_s) + u"<br>"_s + who.toHtmlEscaped());

    m_takeOverButton->setEnabled(!staff);
    m_handBackButton->setEnabled(staff);
    m_composerEdit->setEnabled(!optedOut);
    m_sendButton->setEnabled(!optedOut && !m_composerEdit->text().trimmed().isEmpty());
}

void MainWindow::handleAlert(const QString &threadId, const QString &reason, bool urgent)
{
    m_threads->flushPending();
    const QModelIndex index = m_threads->indexOfThread(threadId);
    QString who = index.isValid() ? index.data(ThreadListModel::NameRole).toString() : QString();
    if (who.isEmpty() && index.isValid())
        who = Presentation::phone(index.data(ThreadListModel::PhoneRole).toString());
    if (who.isEmpty())
        who = tr("A caller");
    m_alertThreadId = threadId;
    const QString text = urgent ? tr("Urgent: %1 needs a person now (%2).") : tr("%1 needs a person (%2).");
    m_alertLabel->setText(text.arg(who, Presentation::handoffReasonLabel(reason)).toHtmlEscaped()
        + u" <a href=\"thread\">"_s + tr("Open").toHtmlEscaped() + u"</a>"_s);
    m_alertLabel->setStyleSheet(urgent ? u"QLabel { background: #fee2e2; color: #7f1d1d; border: 1px solid #fca5a5;"
                                         " border-radius: 4px; padding: 6px; }"_s
                                       : u"QLabel { background: #fef3c7; color: #78350f; border: 1px solid #fcd34d;"
                                         " border-radius: 4px; padding: 6px; }"_s);
    m_alertLabel->setVisible(threadId != m_currentThreadId);
}

void MainWindow::takeOver()
{
    if (m_currentThreadId.isEmpty())
        return;
    if (m_teamSync) { // team mode (issue #9)
        submitToTeam(Intention::takeOver(m_currentThreadId));
        return;
    }
    if (!m_engine.takeOver(m_currentThreadId, m_options.actor)) {
        showError(tr("Could not take the conversation over: %1").arg(m_engine.lastError()));
        return;
    }
    m_errorLabel->setVisible(false);
    m_threads->flushPending();
    showConversationState();
    m_composerEdit->setFocus();
}

void MainWindow::handBack()
{
    if (m_currentThreadId.isEmpty())
        return;
    if (m_teamSync) { // team mode (issue #9)
        submitToTeam(Intention::handBack(m_currentThreadId));
        return;
    }
    if (!m_engine.handBack(m_currentThreadId, m_options.actor)) {
        showError(tr("Could not hand the conversation back: %1").arg(m_engine.lastError()));
        return;
    }
    m_errorLabel->setVisible(false);
    m_threads->flushPending();
    showConversationState();
}

void MainWindow::send()
{
    const QString text = m_composerEdit->text().trimmed();
    if (m_currentThreadId.isEmpty() || text.isEmpty())
        return;
    if (m_teamSync) { // team mode (issue #9)
        if (submitToTeam(Intention::staffMessage(m_currentThreadId, text)))
            m_composerEdit->clear();
        return;
    }
    if (!m_engine.sendStaffMessage(m_currentThreadId, text, m_options.actor)) {
        showError(tr("Not sent: %1").arg(m_engine.lastError()));
        return;
    }
    m_errorLabel->setVisible(false);
    m_composerEdit->clear();
    m_messagesAtBottom = true;
    m_threads->flushPending();
    m_messages->flushPending();
    showConversationState();
}

void MainWindow::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(true);
}

void MainWindow::scheduleCounts()
{
    if (!m_countsTimer.isActive())
        m_countsTimer.start();
}

void MainWindow::updateCounts()
{
    int booked = 0;
    int attention = 0;
    for (int row = 0; row < m_threads->rowCount(); ++row) {
        const QModelIndex index = m_threads->index(row);
        if (index.data(ThreadListModel::StatusRole).toString() == u"booked"_s)
            ++booked;
        if (index.data(ThreadListModel::NeedsAttentionRole).toBool())
            ++attention;
    }
    const int calls = m_missedCalls->rowCount();
    const int threads = m_threads->rowCount();
    const QString callsText = calls == 1 ? tr("1 missed call") : tr("%1 missed calls").arg(calls);
    const QString threadsText = threads == 1 ? tr("1 conversation") : tr("%1 conversations").arg(threads);
    const QString bookedText = tr("%1 booked").arg(booked);
    const QString attentionText = attention == 1 ? tr("1 needs a person") : tr("%1 need a person").arg(attention);
    m_countsLabel->setText(joinParts({callsText, threadsText, bookedText, attentionText}));
}

} // namespace FrontDesk
