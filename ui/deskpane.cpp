#include "ui/deskpane.h"

#include "app/messaging/engine.h"
#include "app/sync/syncclient.h"
#include "app/voice/calltakeover.h"
#include "models/auditrepository.h"
#include "models/messagelistmodel.h"
#include "models/missedcallmodel.h"
#include "models/threadlistmodel.h"
#include "ui/alertnotifier.h"
#include "ui/callercard.h"
#include "ui/composer.h"
#include "ui/listcarddelegate.h"
#include "ui/messagebubbledelegate.h"
#include "ui/presentation.h"
#include "ui/scrollanchor.h"

#include <QBoxLayout>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>

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

// A muted colour that reads on the window's background, light or dark.
QString mutedColor(const QWidget *widget)
{
    return widget->palette().color(QPalette::PlaceholderText).name();
}

const QString kBannerUrgent = u"QLabel { background: #fee2e2; color: #7f1d1d; border: 1px solid #fca5a5;"
                              " border-radius: 4px; padding: 6px; }"_s;
const QString kBannerWarning = u"QLabel { background: #fef3c7; color: #78350f; border: 1px solid #fcd34d;"
                               " border-radius: 4px; padding: 6px; }"_s;

} // namespace

DeskPane::DeskPane(Engine &engine, const Presentation &presentation, const QString &actor, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_presentation(presentation)
    , m_actor(actor)
{
    setObjectName(u"deskPane"_s);
    m_callBacks = std::make_unique<CallBacks>(engine);
    m_callTakeover = new CallTakeover(engine, this);
    connect(m_callTakeover, &CallTakeover::callTaken, this, [this](const QString &threadId, const QString &deskPhone) {
        m_errorLabel->setVisible(false);
        m_noticeLabel->setText(tr("The call is on its way to %1: pick up the desk phone. The agent has left the call.")
                                   .arg(Presentation::phone(deskPhone)));
        m_noticeLabel->setVisible(true);
        if (threadId == m_currentThreadId)
            scheduleConversation();
    });
    connect(m_callTakeover, &CallTakeover::takeCallFailed, this, [this](const QString &, const QString &message) {
        showError(tr("Could not take the call: %1").arg(message));
        scheduleConversation();
    });
    connect(m_callTakeover, &CallTakeover::pendingChanged, this, [this](const QString &threadId) {
        if (threadId == m_currentThreadId)
            scheduleConversation();
    });
    m_missedCalls = new MissedCallModel(engine.database(), this);
    m_missedCalls->setLimit(100); // a page; more as the view scrolls
    m_threads = new ThreadListModel(engine.database(), this);
    m_messages = new MessageListModel(engine.database(), this);
    m_notifier = new AlertNotifier(parent ? parent->window() : this);
    // A click on the desktop notification opens the conversation it is about.
    connect(m_notifier, &AlertNotifier::activated, this, [this] {
        if (!m_alertThreadId.isEmpty())
            selectThread(m_alertThreadId);
    });

    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(500); // the figures of the whole store: twice a second at most
    connect(&m_countsTimer, &QTimer::timeout, this, &DeskPane::updateCounts);
    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(80); // a pause in the typing, not every key
    m_conversationTimer.setSingleShot(true);
    m_conversationTimer.setInterval(0);
    connect(&m_conversationTimer, &QTimer::timeout, this, &DeskPane::showConversation);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(buildMissedCallsPane());
    m_splitter->addWidget(buildThreadsPane());
    m_splitter->addWidget(buildConversationPane());
    auto *cardScroll = new QScrollArea(this);
    cardScroll->setObjectName(u"callerCardScroll"_s);
    cardScroll->setWidgetResizable(true);
    cardScroll->setFrameShape(QFrame::NoFrame);
    cardScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_callerCard = new CallerCard(presentation, engine.profile(), cardScroll);
    connect(m_callerCard, &CallerCard::callBackRequested, this, &DeskPane::callBack);
    connect(&engine, &Engine::profileChanged, m_callerCard, [this] { m_callerCard->setProfile(m_engine.profile()); });
    cardScroll->setWidget(m_callerCard);
    cardScroll->setMinimumWidth(200);
    m_splitter->addWidget(cardScroll);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setStretchFactor(2, 1);
    m_splitter->setStretchFactor(3, 0);
    m_splitter->setSizes({270, 330, 580, 250});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    buildShortcuts();
    connectEngine();
    m_missedCalls->refresh();
    m_threads->refresh();
    if (m_threads->rowCount() > 0) {
        m_autoSelected = true;
        m_threadListView->setCurrentIndex(m_threads->index(0));
    }
    showConversation();
    updateCounts();
    m_threadListView->setFocus();
}

DeskPane::~DeskPane() = default;

QWidget *DeskPane::buildMissedCallsPane()
{
    auto *pane = new QWidget(this);
    pane->setObjectName(u"missedCallsPane"_s);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(6, 4, 3, 6);
    layout->setSpacing(4);
    auto *header = new QHBoxLayout;
    header->addWidget(paneHeader(tr("Missed calls"), u"missedCallsHeader"_s, pane), 1);
    m_missedBadge = new QLabel(pane);
    m_missedBadge->setObjectName(u"needsPersonBadge"_s);
    m_missedBadge->setStyleSheet(u"QLabel { background: #b91c1c; color: white; border-radius: 9px; padding: 1px 7px;"
                                 " font-weight: 600; }"_s);
    m_missedBadge->setVisible(false);
    header->addWidget(m_missedBadge, 0, Qt::AlignVCenter);
    layout->addLayout(header);

    m_missedCallsView = cardList(u"missedCallsView"_s, tr("Missed calls"), pane);
    m_missedCallsView->setModel(m_missedCalls);
    ListCardDelegate::Roles roles;
    roles.name = MissedCallModel::NameRole;
    roles.phone = MissedCallModel::PhoneRole;
    roles.at = MissedCallModel::AtRole;
    roles.status = MissedCallModel::StatusRole;
    roles.needsAttention = MissedCallModel::NeedsAttentionRole;
    roles.live = MissedCallModel::LiveCallRole;
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
    auto activate = [this](const QModelIndex &index) {
        if (index.isValid())
            selectThread(index.data(MissedCallModel::ThreadIdRole).toString());
    };
    connect(m_missedCallsView->selectionModel(), &QItemSelectionModel::currentChanged, this, activate);
    connect(m_missedCallsView, &QListView::clicked, this, activate);
    connect(m_missedCalls, &QAbstractItemModel::rowsInserted, this, &DeskPane::scheduleCounts);
    return pane;
}

QWidget *DeskPane::buildThreadsPane()
{
    auto *pane = new QWidget(this);
    pane->setObjectName(u"threadsPane"_s);
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(3, 4, 3, 6);
    layout->setSpacing(4);
    layout->addWidget(paneHeader(tr("Conversations"), u"threadsHeader"_s, pane));

    m_searchEdit = new QLineEdit(pane);
    m_searchEdit->setObjectName(u"threadSearchEdit"_s);
    m_searchEdit->setPlaceholderText(tr("Search name, number or text (Ctrl+F)"));
    m_searchEdit->setAccessibleName(tr("Search conversations"));
    m_searchEdit->setClearButtonEnabled(true);
    layout->addWidget(m_searchEdit);
    connect(m_searchEdit, &QLineEdit::textChanged, this, [this] { m_searchTimer.start(); });
    connect(&m_searchTimer, &QTimer::timeout, this, [this] { m_threads->setSearch(m_searchEdit->text()); });
    connect(m_searchEdit, &QLineEdit::returnPressed, this, [this] {
        m_searchTimer.stop();
        m_threads->setSearch(m_searchEdit->text());
        m_threadListView->setFocus(Qt::ShortcutFocusReason);
        if (m_threads->rowCount() > 0 && !m_threadListView->currentIndex().isValid())
            m_threadListView->setCurrentIndex(m_threads->index(0));
    });

    auto *filterRow = new QHBoxLayout;
    auto *filterLabel = new QLabel(tr("Sho&w:"), pane);
    m_filterCombo = new QComboBox(pane);
    m_filterCombo->setObjectName(u"threadFilterCombo"_s);
    m_filterCombo->setAccessibleName(tr("Show conversations"));
    filterLabel->setBuddy(m_filterCombo);
    m_filterCombo->addItem(tr("All conversations"), int(ThreadFilter::All));
    m_filterCombo->addItem(tr("Needs attention"), int(ThreadFilter::NeedsAttention));
    m_filterCombo->addItem(tr("Agent handling"), int(ThreadFilter::Agent));
    m_filterCombo->addItem(tr("Staff handling"), int(ThreadFilter::Staff));
    m_filterCombo->addItem(tr("Booked"), int(ThreadFilter::Booked));
    m_filterCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filterCombo, 1);
    layout->addLayout(filterRow);
    connect(m_filterCombo, &QComboBox::currentIndexChanged, this,
        [this] { m_threads->setFilter(ThreadFilter(m_filterCombo->currentData().toInt())); });

    m_alertLabel = new QLabel(pane);
    m_alertLabel->setObjectName(u"alertLabel"_s);
    m_alertLabel->setWordWrap(true);
    m_alertLabel->setTextFormat(Qt::RichText);
    m_alertLabel->setVisible(false);
    m_alertLabel->setAccessibleName(tr("Conversations that need a person"));
    connect(m_alertLabel, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == u"thread"_s && !m_alertThreadId.isEmpty()) {
            selectThread(m_alertThreadId);
        } else if (link == u"filter"_s) {
            m_filterCombo->setCurrentIndex(m_filterCombo->findData(int(ThreadFilter::NeedsAttention)));
            m_threadListView->setFocus(Qt::ShortcutFocusReason);
        }
    });
    layout->addWidget(m_alertLabel);

    m_threadListView = cardList(u"threadListView"_s, tr("Conversations"), pane);
    // Connected before the view's selection model is: it moves the current index on removal.
    connect(m_threads, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { m_threadRowsLeaving = true; });
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
        &DeskPane::handleThreadSelected);
    connect(m_threads, &QAbstractItemModel::modelReset, this, &DeskPane::handleThreadListReset);
    // A conversation that leaves the list (it no longer matches the filter) stays open; the list
    // must not move the selection to its neighbour and open that one instead.
    connect(m_threads, &QAbstractItemModel::rowsRemoved, this, [this] {
        m_threadRowsLeaving = false;
        const QModelIndex current = m_threadListView->currentIndex();
        if (current.isValid() && current.data(ThreadListModel::ThreadIdRole).toString() != m_currentThreadId)
            m_threadListView->selectionModel()->clear();
    });
    connect(m_threads, &QAbstractItemModel::rowsInserted, this, [this] {
        // Open the first conversation once, so that the desk never starts on an empty pane.
        if (!m_autoSelected && m_currentThreadId.isEmpty() && m_threads->rowCount() > 0) {
            m_autoSelected = true;
            m_threadListView->setCurrentIndex(m_threads->index(0));
        }
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_threads, signal, this, &DeskPane::scheduleCounts);
    connect(m_threads, &QAbstractItemModel::dataChanged, this, &DeskPane::scheduleCounts);
    return pane;
}

QWidget *DeskPane::buildConversationPane()
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
    m_takeOverButton->setToolTip(tr("Take this conversation over from the agent (Ctrl+T). The agent stops at once, "
                                    "texts it had queued are cancelled, and it stays silent until you hand it back."));
    m_takeOverButton->setAccessibleName(tr("Take over the conversation"));
    connect(m_takeOverButton, &QPushButton::clicked, this, &DeskPane::takeOver);
    m_handBackButton = new QPushButton(tr("&Hand back"), pane);
    m_handBackButton->setObjectName(u"handBackButton"_s);
    m_handBackButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_handBackButton->setToolTip(tr("Give this conversation back to the agent (Ctrl+Shift+T)."));
    m_handBackButton->setAccessibleName(tr("Hand the conversation back to the agent"));
    connect(m_handBackButton, &QPushButton::clicked, this, &DeskPane::handBack);
    m_acknowledgeButton = new QPushButton(tr("Ac&knowledge"), pane);
    m_acknowledgeButton->setObjectName(u"acknowledgeButton"_s);
    m_acknowledgeButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_acknowledgeButton->setToolTip(tr("Mark the alert on this conversation as seen, on every desk (Ctrl+K)."));
    m_acknowledgeButton->setAccessibleName(tr("Acknowledge the alert"));
    connect(m_acknowledgeButton, &QPushButton::clicked, this, &DeskPane::acknowledge);
    m_callBackButton = new QPushButton(tr("Call &back"), pane);
    m_callBackButton->setObjectName(u"callBackButton"_s);
    m_callBackButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    m_callBackButton->setToolTip(tr("Call this customer (Ctrl+Shift+B): through the phone line when it can place "
                                    "calls, otherwise the number is copied for a desk phone. Either way the call "
                                    "back is recorded and the customer's request is done."));
    m_callBackButton->setAccessibleName(tr("Call the customer back"));
    connect(m_callBackButton, &QPushButton::clicked, this, &DeskPane::callBack);
    m_languageCombo = new QComboBox(pane);
    m_languageCombo->setObjectName(u"threadLanguageCombo"_s);
    m_languageCombo->addItem(tr("EN English"), u"en"_s);
    m_languageCombo->addItem(tr("ES Español"), u"es"_s);
    m_languageCombo->setToolTip(tr("The language the agent writes to this caller in: found from their texts, "
                                   "remembered for their next call. Change it here."));
    m_languageCombo->setAccessibleName(tr("Conversation language"));
    connect(m_languageCombo, &QComboBox::activated, this, &DeskPane::changeLanguage);
    header->addWidget(m_languageCombo, 0, Qt::AlignTop);
    header->addWidget(m_acknowledgeButton, 0, Qt::AlignTop);
    header->addWidget(m_callBackButton, 0, Qt::AlignTop);
    m_takeCallButton = new QPushButton(tr("Take &call"), pane);
    m_takeCallButton->setObjectName(u"takeCallButton"_s);
    m_takeCallButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_takeCallButton->setToolTip(tr("The agent is on the phone with this caller: put the call through to the desk "
                                    "phone (Ctrl+Shift+C). The agent leaves the call and the conversation is yours."));
    m_takeCallButton->setAccessibleName(tr("Take the live call on the desk phone"));
    m_takeCallButton->setEnabled(false);
    m_takeCallButton->setVisible(false); // in Call back's place while the agent is on a call with the caller
    connect(m_takeCallButton, &QPushButton::clicked, this, &DeskPane::takeCall);
    header->addWidget(m_takeCallButton, 0, Qt::AlignTop);
    header->addWidget(m_takeOverButton, 0, Qt::AlignTop);
    header->addWidget(m_handBackButton, 0, Qt::AlignTop);
    layout->addLayout(header);

    m_messageListView = new QListView(pane);
    m_messageListView->setObjectName(u"messageListView"_s);
    m_messageListView->setAccessibleName(tr("Messages"));
    m_messageListView->setModel(m_messages);
    m_messageListView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_messageListView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_messageListView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messageListView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_messageListView->setResizeMode(QListView::Adjust);
    m_messageListView->setUniformItemSizes(false);
    m_messageListView->setWordWrap(true);
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

    m_composer = new Composer(pane);
    connect(m_composer, &Composer::sendRequested, this, &DeskPane::send);
    layout->addWidget(m_composer);

    m_errorLabel = new QLabel(pane);
    m_errorLabel->setObjectName(u"composerErrorLabel"_s);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(u"QLabel { color: #b91c1c; }"_s);
    m_errorLabel->setVisible(false);
    layout->addWidget(m_errorLabel);

    m_noticeLabel = new QLabel(pane);
    m_noticeLabel->setObjectName(u"deskNoticeLabel"_s);
    m_noticeLabel->setWordWrap(true);
    m_noticeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_noticeLabel->setVisible(false);
    layout->addWidget(m_noticeLabel);

    m_conversationStack->addWidget(pane);
    return m_conversationStack;
}

void DeskPane::buildShortcuts()
{
    auto add = [this](const QKeySequence &keys, const QString &name, auto slot) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setObjectName(name);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    add(QKeySequence(Qt::CTRL | Qt::Key_F), u"searchShortcut"_s, [this] {
        m_searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_searchEdit->selectAll();
    });
    add(QKeySequence(Qt::CTRL | Qt::Key_L), u"composeShortcut"_s, [this] { m_composer->focusEditor(); });
    add(QKeySequence(Qt::CTRL | Qt::Key_1), u"missedCallsShortcut"_s,
        [this] { m_missedCallsView->setFocus(Qt::ShortcutFocusReason); });
    add(QKeySequence(Qt::CTRL | Qt::Key_2), u"threadsShortcut"_s,
        [this] { m_threadListView->setFocus(Qt::ShortcutFocusReason); });
    add(QKeySequence(Qt::CTRL | Qt::Key_3), u"messagesShortcut"_s,
        [this] { m_messageListView->setFocus(Qt::ShortcutFocusReason); });
    // Escape in the search field empties it and shows every conversation again.
    auto *clearSearch = new QShortcut(QKeySequence(Qt::Key_Escape), m_searchEdit);
    clearSearch->setContext(Qt::WidgetShortcut);
    connect(clearSearch, &QShortcut::activated, this, [this] {
        m_searchEdit->clear();
        m_searchTimer.stop();
        m_threads->setSearch(QString());
    });
}

void DeskPane::connectEngine()
{
    connect(&m_engine, &Engine::callRecorded, m_missedCalls, &MissedCallModel::handleCallRecorded);
    connect(&m_engine, &Engine::threadUpdated, m_missedCalls, &MissedCallModel::handleThreadUpdated);
    connect(&m_engine, &Engine::threadUpdated, m_threads, &ThreadListModel::handleThreadUpdated);
    connect(&m_engine, &Engine::messageAdded, m_threads, &ThreadListModel::handleMessageAdded);
    connect(&m_engine, &Engine::messageAdded, m_messages, &MessageListModel::handleMessageAdded);
    connect(&m_engine, &Engine::messageStatusChanged, m_messages, &MessageListModel::handleMessageStatusChanged);
    connect(&m_engine, &Engine::alertRaised, this, &DeskPane::handleAlert);
    connect(&m_engine, &Engine::threadUpdated, this, &DeskPane::handleThreadChanged);
    connect(&m_engine, &Engine::messageAdded, this, [this](const QString &threadId) { handleThreadChanged(threadId); });
    connect(&m_engine, &Engine::appointmentBooked, this, &DeskPane::scheduleConversation);
    connect(&m_engine, &Engine::callRecorded, this, &DeskPane::scheduleCounts);
    connect(&m_engine, &Engine::threadUpdated, this, &DeskPane::scheduleCounts);
}

void DeskPane::selectThread(const QString &threadId)
{
    if (threadId.isEmpty())
        return;
    m_threads->flushPending();
    const QModelIndex index = m_threads->indexOfThread(threadId);
    if (index.isValid()) {
        m_threadListView->setCurrentIndex(index);
        m_threadListView->scrollTo(index);
    } else {
        // Not in the list as filtered (or not loaded yet): open it all the same.
        m_threadListView->selectionModel()->clearCurrentIndex();
        openThread(threadId);
    }
}

void DeskPane::openThread(const QString &threadId)
{
    if (threadId == m_currentThreadId)
        return;
    m_currentThreadId = threadId;
    m_summary.reset();
    m_messagesAtBottom = true;
    m_messages->setThreadId(threadId);
    m_errorLabel->setVisible(false);
    m_noticeLabel->setVisible(false);
    showConversation();
}

void DeskPane::handleThreadSelected()
{
    const QModelIndex index = m_threadListView->currentIndex();
    if (!index.isValid() || m_threadRowsLeaving)
        return; // a conversation that left the list stays open
    openThread(index.data(ThreadListModel::ThreadIdRole).toString());
}

void DeskPane::handleThreadListReset()
{
    // A new filter or search: keep the open conversation selected when the list still shows it.
    const QModelIndex index = m_threads->indexOfThread(m_currentThreadId);
    if (index.isValid()) {
        m_threadListView->setCurrentIndex(index);
        m_threadListView->scrollTo(index);
    }
    scheduleCounts();
}

void DeskPane::handleThreadChanged(const QString &threadId)
{
    if (threadId == m_currentThreadId || threadId == m_alertThreadId)
        scheduleConversation();
}

void DeskPane::scheduleConversation()
{
    if (!m_conversationTimer.isActive())
        m_conversationTimer.start();
}

QString DeskPane::callerLabel(const QString &threadId) const
{
    const QModelIndex index = m_threads->indexOfThread(threadId);
    QString who = index.isValid() ? index.data(ThreadListModel::NameRole).toString() : QString();
    if (who.isEmpty() && index.isValid())
        who = Presentation::phone(index.data(ThreadListModel::PhoneRole).toString());
    if (who.isEmpty() && m_summary && m_summary->thread.id == threadId)
        who = Presentation::phone(m_summary->thread.phone);
    return who.isEmpty() ? tr("A caller") : who;
}

void DeskPane::showConversation()
{
    m_conversationTimer.stop();
    showBanner();
    if (m_currentThreadId.isEmpty()) {
        m_summary.reset();
    } else {
        QString error;
        m_summary = CallerSummary::load(m_engine.database(), m_currentThreadId, &error);
        if (!m_summary && !error.isEmpty())
            showError(tr("Could not read the conversation: %1").arg(error));
    }
    if (!m_summary) {
        m_conversationStack->setCurrentIndex(0);
        m_callerCard->clear();
        m_takeOverButton->setEnabled(false);
        m_handBackButton->setEnabled(false);
        m_acknowledgeButton->setEnabled(false);
        m_callBackButton->setEnabled(false);
        m_takeCallButton->setEnabled(false);
        m_takeCallButton->setVisible(false);
        m_callBackButton->setVisible(true);
        m_languageCombo->setEnabled(false);
        m_composer->setSendingAllowed(false);
        return;
    }
    m_conversationStack->setCurrentIndex(1);
    const Thread &thread = m_summary->thread;
    m_callerCard->showSummary(*m_summary);

    QString name = m_summary->contact ? m_summary->contact->name : QString();
    if (name.isEmpty() && m_summary->lead)
        name = m_summary->lead->name;
    m_bubbles->setCustomerName(name);
    // Staff texts name the person who wrote them (the audit log says who).
    QHash<QString, QString> staffAuthors;
    for (const AuditEntry &e : AuditRepository(m_engine.database()).forSubject(thread.id)) {
        if (e.action == u"staff_message"_s && !e.details.isEmpty()) {
            if (const QString person = m_presentation.knownStaffName(e.actor); !person.isEmpty())
                staffAuthors.insert(e.details, person);
        }
    }
    m_bubbles->setStaffAuthors(staffAuthors);
    const QString phone = Presentation::phone(thread.phone);
    m_threadTitleLabel->setText(name.isEmpty() ? u"<b>%1</b>"_s.arg(phone.toHtmlEscaped())
                                               : u"<b>%1</b>&nbsp;&nbsp;<span style=\"color:%3\">%2</span>"_s.arg(
                                                   name.toHtmlEscaped(), phone.toHtmlEscaped(), mutedColor(this)));

    const QString status = MissedCallModel::statusFor(Call(), thread, m_summary->lead && m_summary->lead->qualified);
    const bool needsPerson = MissedCallModel::needsPerson(thread);
    const bool staff = thread.state == QLatin1String(ThreadState::Staff);
    const bool optedOut = status == QLatin1String(MissedCallModel::StatusOptedOut);
    QStringList parts;
    parts << u"<span style=\"color:%1; font-weight:600\">%2</span>"_s.arg(
        Presentation::statusColor(status).name(), Presentation::statusLabel(status).toHtmlEscaped());
    const QString serviceId = m_summary->lead ? m_summary->lead->service : QString();
    const ServiceDef *service
        = m_engine.profile() && !serviceId.isEmpty() ? m_engine.profile()->service(serviceId) : nullptr;
    if (service)
        parts << service->name.toHtmlEscaped();
    if (m_summary->contact)
        parts << tr("existing customer").toHtmlEscaped();
    // Call back: the customer asked for a call and nobody has called back since.
    const auto callRequest = m_callBacks->openRequest(thread.id);
    if (callRequest) {
        parts << u"<b style=\"color:#92400e\">%1</b>"_s.arg(
            tr("Asked for a call back (%1)").arg(m_presentation.time(callRequest->at)).toHtmlEscaped());
    }
    m_callBackButton->setEnabled(true);
    // Take call: only while the agent is on a call with this caller, and not while asked already.
    const bool liveCall = m_callTakeover->liveCall(thread.id).has_value();
    if (liveCall)
        parts << u"<b style=\"color:#15803d\">%1</b>"_s.arg(
            Presentation::statusLabel(QString::fromLatin1(MissedCallModel::StatusOnCall)).toHtmlEscaped());
    // It takes Call back's place: nobody calls back a caller who is on the line (and the header keeps its width).
    const bool takeable = m_callTakeover->canTakeCalls() && !m_teamSync && liveCall;
    m_takeCallButton->setVisible(takeable);
    m_takeCallButton->setEnabled(takeable && !m_callTakeover->isPending(thread.id));
    m_callBackButton->setVisible(!takeable);
    m_callBackButton->setStyleSheet(callRequest ? u"QPushButton { font-weight: bold; }"_s : QString());
    m_callerCard->showCallBack(true, callRequest ? m_presentation.time(callRequest->at) : QString());
    if (needsPerson) {
        parts << (thread.handoffReason.isEmpty() ? tr("the customer wrote while staff holds it")
                                                 : Presentation::handoffReasonLabel(thread.handoffReason))
                     .toHtmlEscaped();
    }
    QString who;
    if (optedOut)
        who = tr("This number opted out: nothing more can be sent to it.");
    else if (staff && needsPerson)
        who = tr("Waiting for a person: the agent stays silent until someone answers or hands it back.");
    else if (staff && m_summary->lastHandover && m_summary->lastHandover->action == u"takeover"_s
        && !m_presentation.knownStaffName(m_summary->lastHandover->actor).isEmpty())
        who = tr("%1 is handling this conversation; the agent stays silent.")
                  .arg(m_presentation.knownStaffName(m_summary->lastHandover->actor));
    else if (staff)
        who = tr("Staff is handling this conversation; the agent stays silent.");
    else
        who = tr("The agent is handling this conversation.");
    m_threadStateLabel->setText(parts.join(u"&nbsp;&nbsp;·&nbsp;&nbsp;"_s) + u"<br>"_s + who.toHtmlEscaped());

    m_takeOverButton->setEnabled(!staff);
    m_handBackButton->setEnabled(staff && !optedOut);
    {
        const QSignalBlocker blocker(m_languageCombo);
        const auto profile = m_engine.profile();
        const QString language
            = !thread.language.isEmpty() ? thread.language : (profile ? profile->languages.value(0) : u"en"_s);
        m_languageCombo->setCurrentIndex(std::max(0, m_languageCombo->findData(language)));
        m_languageCombo->setEnabled(!m_teamSync); // team mode: no intention carries it yet
    }
    m_acknowledgeButton->setEnabled(needsPerson);
    m_acknowledgeButton->setVisible(needsPerson);
    m_composer->setSendingAllowed(!optedOut);
}

void DeskPane::handleAlert(const QString &threadId, const QString &reason, bool urgent)
{
    m_threads->flushPending();
    const QString who = callerLabel(threadId);
    m_alertThreadId = threadId;
    m_alertUrgent = urgent;
    m_alertText = (urgent ? tr("Urgent: %1 needs a person now (%2).") : tr("%1 needs a person (%2)."))
                      .arg(who, Presentation::handoffReasonLabel(reason));
    m_notifier->notify(urgent ? tr("Urgent — FrontDesk") : tr("A conversation needs a person — FrontDesk"),
        m_alertText, urgent);
    scheduleCounts();
    showBanner();
}

void DeskPane::showBanner()
{
    // The latest alert stays until its conversation is acknowledged (or answered); older ones are
    // summed up. Both come from the store, so every desk and a restarted one show the same.
    const bool latestOpen = !m_alertThreadId.isEmpty()
        && ThreadListQuery(m_engine.database()).contains(m_alertThreadId, ThreadFilter::NeedsAttention, QString());
    if (!latestOpen) {
        m_alertThreadId.clear();
        m_alertText.clear();
        m_alertUrgent = false;
    }
    const int others = m_counts.needsAttention - (latestOpen ? 1 : 0);
    QStringList lines;
    if (latestOpen)
        lines << m_alertText.toHtmlEscaped() + u" <a href=\"thread\">"_s + tr("Open").toHtmlEscaped() + u"</a>"_s;
    if (others > 0) {
        const QString text = latestOpen
            ? (others == 1 ? tr("1 more needs a person.") : tr("%1 more need a person.").arg(others))
            : (others == 1 ? tr("1 conversation needs a person.") : tr("%1 conversations need a person.").arg(others));
        lines << text.toHtmlEscaped() + u" <a href=\"filter\">"_s + tr("Show").toHtmlEscaped() + u"</a>"_s;
    }
    m_alertLabel->setText(lines.join(u"<br>"_s));
    m_alertLabel->setStyleSheet(latestOpen && m_alertUrgent ? kBannerUrgent : kBannerWarning);
    m_alertLabel->setVisible(!lines.isEmpty());
}

void DeskPane::takeOver()
{
    if (m_currentThreadId.isEmpty())
        return;
    if (m_teamSync) { // team mode
        submitToTeam(Intention::takeOver(m_currentThreadId));
        return;
    }
    if (!m_engine.takeOver(m_currentThreadId, m_actor)) {
        showError(tr("Could not take the conversation over: %1").arg(m_engine.lastError()));
        return;
    }
    m_errorLabel->setVisible(false);
    m_threads->flushPending();
    m_messages->flushPending();
    showConversation();
    m_composer->focusEditor();
}

void DeskPane::handBack()
{
    if (m_currentThreadId.isEmpty())
        return;
    if (m_teamSync) { // team mode
        submitToTeam(Intention::handBack(m_currentThreadId));
        return;
    }
    if (!m_engine.handBack(m_currentThreadId, m_actor)) {
        showError(tr("Could not hand the conversation back: %1").arg(m_engine.lastError()));
        return;
    }
    m_errorLabel->setVisible(false);
    m_threads->flushPending();
    showConversation();
}

void DeskPane::acknowledge()
{
    if (m_currentThreadId.isEmpty())
        return;
    if (m_teamSync) { // team mode
        submitToTeam(Intention::acknowledge(m_currentThreadId));
        return;
    }
    if (!m_engine.acknowledge(m_currentThreadId, m_actor)) {
        showError(tr("Could not acknowledge the alert: %1").arg(m_engine.lastError()));
        return;
    }
    m_errorLabel->setVisible(false);
    m_threads->flushPending();
    updateCounts();
    showConversation();
}

void DeskPane::changeLanguage(int index)
{
    if (m_currentThreadId.isEmpty() || index < 0)
        return;
    if (!m_engine.setConversationLanguage(m_currentThreadId, m_languageCombo->itemData(index).toString(), m_actor)) {
        showError(tr("Could not change the conversation's language: %1").arg(m_engine.lastError()));
        return;
    }
    m_errorLabel->setVisible(false);
    m_threads->flushPending();
    showConversation();
}

void DeskPane::send(const QString &text)
{
    if (m_currentThreadId.isEmpty() || text.trimmed().isEmpty())
        return;
    if (m_teamSync) { // team mode
        if (submitToTeam(Intention::staffMessage(m_currentThreadId, text)))
            m_composer->clear();
        return;
    }
    if (!m_engine.sendStaffMessage(m_currentThreadId, text, m_actor)) {
        showError(tr("Not sent: %1").arg(m_engine.lastError()));
        return;
    }
    m_errorLabel->setVisible(false);
    m_composer->clear();
    m_messagesAtBottom = true;
    m_threads->flushPending();
    m_messages->flushPending();
    showConversation();
}

void DeskPane::setCallDialer(CallBacks::Dialer dialer)
{
    m_callBacks = std::make_unique<CallBacks>(m_engine, std::move(dialer));
}

void DeskPane::callBack()
{
    if (m_currentThreadId.isEmpty())
        return;
    if (m_teamSync) { // team mode: this desk's store is a copy; the number is copied, the alert answered
        if (!m_summary)
            return;
        const QString number = Presentation::phone(m_summary->thread.phone);
        if (QClipboard *clipboard = QGuiApplication::clipboard())
            clipboard->setText(number);
        if (m_summary->thread.needsAttention)
            submitToTeam(Intention::acknowledge(m_currentThreadId));
        m_noticeLabel->setText(tr("%1 is copied: call it from a desk phone.").arg(number));
        m_noticeLabel->setVisible(true);
        return;
    }
    const CallBacks::Result result = m_callBacks->callBack(m_actor, m_currentThreadId);
    if (!result.ok) {
        showError(tr("Could not call back: %1").arg(result.error));
        return;
    }
    m_errorLabel->setVisible(false);
    const QString number = Presentation::phone(result.phone);
    if (result.via == CallBacks::Via::Line) {
        m_noticeLabel->setText(tr("Calling %1 through the phone line. The call back is recorded.").arg(number));
    } else {
        if (QClipboard *clipboard = QGuiApplication::clipboard())
            clipboard->setText(number);
        m_noticeLabel->setText(
            tr("This line cannot place calls: %1 is copied, call it from a desk phone. The call back is recorded.")
                .arg(number));
    }
    m_noticeLabel->setVisible(true);
    m_threads->flushPending();
    updateCounts();
    showConversation();
}

void DeskPane::setCallControl(CallControl *control)
{
    m_callTakeover->setCallControl(control);
    scheduleConversation();
}

void DeskPane::takeCall()
{
    if (m_currentThreadId.isEmpty())
        return;
    QString error;
    if (!m_callTakeover->takeCall(m_actor, m_currentThreadId, &error)) {
        showError(tr("Could not take the call: %1").arg(error));
        return;
    }
    m_errorLabel->setVisible(false);
    m_noticeLabel->setText(tr("Putting the call through to %1…").arg(Presentation::phone(m_callTakeover->deskPhone())));
    m_noticeLabel->setVisible(true);
    m_takeCallButton->setEnabled(false);
}

void DeskPane::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setVisible(true);
}

void DeskPane::scheduleCounts()
{
    if (!m_countsTimer.isActive())
        m_countsTimer.start();
}

void DeskPane::updateCounts()
{
    m_countsTimer.stop();
    const auto counts = ThreadListQuery(m_engine.database()).counts();
    if (!counts)
        return; // keep the last figures rather than show wrong ones
    m_counts = *counts;
    const int calls = m_counts.missedCalls;
    const int threads = m_counts.all;
    const int attention = m_counts.needsAttention;
    m_countsText = joinParts({calls == 1 ? tr("1 missed call") : tr("%1 missed calls").arg(calls),
        threads == 1 ? tr("1 conversation") : tr("%1 conversations").arg(threads),
        tr("%1 booked").arg(m_counts.booked),
        attention == 1 ? tr("1 needs a person") : tr("%1 need a person").arg(attention)});
    emit countsChanged(m_countsText);

    m_missedBadge->setText(QString::number(attention));
    m_missedBadge->setToolTip(attention == 1 ? tr("1 conversation needs a person")
                                             : tr("%1 conversations need a person").arg(attention));
    m_missedBadge->setAccessibleName(m_missedBadge->toolTip());
    m_missedBadge->setVisible(attention > 0);
    const int perFilter[] = {m_counts.all, m_counts.needsAttention, m_counts.agent, m_counts.staff, m_counts.booked};
    const QString names[] = {tr("All conversations"), tr("Needs attention"), tr("Agent handling"),
        tr("Staff handling"), tr("Booked")};
    for (int i = 0; i < m_filterCombo->count() && i < 5; ++i)
        m_filterCombo->setItemText(i, u"%1 (%2)"_s.arg(names[i]).arg(perFilter[i]));
    showBanner();
}

} // namespace FrontDesk
