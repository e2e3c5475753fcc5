#include "ui/settings/tryagentpanel.h"

#include "app/messaging/engine.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString orDash(const QString &s)
{
    return s.isEmpty() ? u"—"_s : s;
}

} // namespace

TryAgentPanel::TryAgentPanel(Engine &engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
{
    setObjectName(u"tryAgentPanel"_s);
    m_sample = new QComboBox(this);
    m_sample->setObjectName(u"tryAgentCallerCombo"_s);
    m_sample->addItem(tr("A new caller"), false);
    m_sample->addItem(tr("An existing customer (Dana, one past job)"), true);
    auto *restartButton = new QPushButton(tr("Start over"), this);
    restartButton->setObjectName(u"tryAgentRestartButton"_s);
    m_status = new QLabel(this);
    m_status->setObjectName(u"tryAgentStatusLabel"_s);
    m_status->setWordWrap(true);

    m_transcript = new QTextBrowser(this);
    m_transcript->setObjectName(u"tryAgentTranscript"_s);
    m_transcript->setOpenLinks(false);
    m_input = new QLineEdit(this);
    m_input->setObjectName(u"tryAgentInput"_s);
    m_input->setPlaceholderText(tr("Text as the caller, e.g. \"my AC stopped working, can someone come tomorrow?\""));
    m_send = new QPushButton(tr("Send"), this);
    m_send->setObjectName(u"tryAgentSendButton"_s);
    m_send->setDefault(true);

    m_understood = new QTreeWidget(this);
    m_understood->setObjectName(u"tryAgentUnderstood"_s);
    m_understood->setColumnCount(2);
    m_understood->setHeaderLabels({tr("What the agent understood"), tr("Value")});
    m_understood->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_understood->setRootIsDecorated(false);
    m_understood->setMinimumWidth(330);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Caller:"), this));
    top->addWidget(m_sample);
    top->addWidget(restartButton);
    top->addStretch();
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_send);
    auto *chat = new QVBoxLayout;
    chat->addLayout(top);
    chat->addWidget(m_status);
    chat->addWidget(m_transcript, 1);
    chat->addLayout(inputRow);
    auto *note = new QLabel(tr("A private rehearsal with the current settings: nothing is sent, and no real "
                               "conversation is created."),
        this);
    note->setWordWrap(true);
    note->setStyleSheet(u"color: #5f6368;"_s);
    chat->addWidget(note);

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(chat, 3);
    layout->addWidget(m_understood, 2);

    connect(restartButton, &QPushButton::clicked, this, &TryAgentPanel::restart);
    connect(m_sample, &QComboBox::currentIndexChanged, this, &TryAgentPanel::restart);
    auto send = [this] {
        const QString text = m_input->text().trimmed();
        if (text.isEmpty())
            return;
        m_input->clear();
        sendCallerText(text);
    };
    connect(m_send, &QPushButton::clicked, this, send);
    connect(m_input, &QLineEdit::returnPressed, this, send);
    restart();
}

void TryAgentPanel::restart()
{
    m_html.clear();
    m_transcript->clear();
    m_understood->clear();
    const auto profile = m_engine.profile();
    if (!profile) {
        m_status->setText(tr("Import a business profile first."));
        m_input->setEnabled(false);
        m_send->setEnabled(false);
        return;
    }
    QString error;
    if (!m_sandbox.start(
            *profile, m_engine.autoReplies(), m_engine.clock().now(), m_sample->currentData().toBool(), &error)) {
        m_status->setText(tr("The agent could not start: %1").arg(error));
        m_input->setEnabled(false);
        m_send->setEnabled(false);
        return;
    }
    m_input->setEnabled(true);
    m_send->setEnabled(true);
    m_status->setText(tr("A call from %1 just went unanswered. The agent texted:")
                          .arg(QString::fromLatin1(AgentSandbox::CallerPhone)));
    for (const SandboxReply &r : m_sandbox.openingTexts())
        appendBubble(r.author == u"ai"_s ? tr("Agent") : tr("Template"), r.text, false);
}

void TryAgentPanel::sendCallerText(const QString &text)
{
    if (!m_sandbox.isRunning())
        return;
    appendBubble(tr("Caller"), text, true);
    const SandboxTurn turn = m_sandbox.send(text);
    for (const SandboxReply &r : turn.replies)
        appendBubble(r.author == u"ai"_s ? tr("Agent") : tr("Auto-reply / template"), r.text, false);
    if (turn.replies.isEmpty())
        appendBubble(tr("Agent"),
            turn.outcome == u"open"_s ? tr("(no reply)")
                                      : tr("(no reply: the conversation is %1)").arg(outcomeText(turn.outcome)),
            false);
    showUnderstanding(turn);
}

void TryAgentPanel::appendBubble(const QString &who, const QString &text, bool fromCaller)
{
    const QString align = fromCaller ? u"right"_s : u"left"_s;
    const QString colour = fromCaller ? u"#d3e3fd"_s : u"#eceff1"_s;
    m_html += u"<table width='100%' cellspacing='0' cellpadding='2'><tr><td align='%1'>"
              "<div style='color:#5f6368; font-size:small'>%2</div>"
              "<table cellpadding='8' style='background:%3'><tr><td>%4</td></tr></table></td></tr></table>"_s.arg(
                  align, who.toHtmlEscaped(), colour, text.toHtmlEscaped().replace(u'\n', u"<br>"_s));
    m_transcript->setHtml(m_html);
    m_transcript->verticalScrollBar()->setValue(m_transcript->verticalScrollBar()->maximum());
}

QString TryAgentPanel::intentText(const QString &intent)
{
    static const QHash<QString, const char *> words = {
        {u"book"_s, QT_TR_NOOP("wants a visit")},
        {u"reschedule"_s, QT_TR_NOOP("wants another time")},
        {u"cancel"_s, QT_TR_NOOP("wants to cancel")},
        {u"question"_s, QT_TR_NOOP("asks a question")},
        {u"human"_s, QT_TR_NOOP("asks for a person")},
        {u"affirm"_s, QT_TR_NOOP("says yes")},
        {u"deny"_s, QT_TR_NOOP("says no")},
        {u"opt_out"_s, QT_TR_NOOP("asks us to stop texting")},
        {u"opt_in"_s, QT_TR_NOOP("asks us to text again")},
        {u"help"_s, QT_TR_NOOP("asks for help with the texts")},
        {u"wrong_number"_s, QT_TR_NOOP("says it's the wrong number")},
        {u"complaint"_s, QT_TR_NOOP("complains")},
        {u"emergency"_s, QT_TR_NOOP("an emergency")},
        {u"other"_s, QT_TR_NOOP("something else")},
    };
    const char *w = words.value(intent);
    return w ? tr(w) : tr("something else");
}

QString TryAgentPanel::awaitingText(const QString &slot)
{
    static const QHash<QString, const char *> words = {
        {u"service"_s, QT_TR_NOOP("what the job is")},
        {u"zip"_s, QT_TR_NOOP("the ZIP code")},
        {u"when"_s, QT_TR_NOOP("a day and time")},
        {u"choice"_s, QT_TR_NOOP("a pick from the times offered")},
        {u"confirm"_s, QT_TR_NOOP("a yes to the time offered")},
        {u"name"_s, QT_TR_NOOP("the caller's name")},
        {u"urgency"_s, QT_TR_NOOP("how urgent it is")},
    };
    if (slot.isEmpty())
        return tr("nothing");
    const char *w = words.value(slot);
    return w ? tr(w) : tr("an answer");
}

QString TryAgentPanel::outcomeText(const QString &outcome)
{
    static const QHash<QString, const char *> words = {
        {u"open"_s, QT_TR_NOOP("still going")},
        {u"no_reply"_s, QT_TR_NOOP("waiting for the caller")},
        {u"booked"_s, QT_TR_NOOP("booked")},
        {u"declined"_s, QT_TR_NOOP("ended: not a job we take")},
        {u"opted_out"_s, QT_TR_NOOP("ended: the caller asked us to stop texting")},
        {u"handed_off"_s, QT_TR_NOOP("handed to a person")},
    };
    const char *w = words.value(outcome);
    return w ? tr(w) : tr("still going");
}

void TryAgentPanel::showUnderstanding(const SandboxTurn &turn)
{
    m_understood->clear();
    auto add = [this](const QString &label, const QString &value, const QString &key) {
        auto *item = new QTreeWidgetItem(m_understood, {label, value});
        item->setToolTip(1, value);
        item->setData(0, Qt::UserRole, key);
    };
    const auto profile = m_engine.profile();
    auto serviceName = [&profile](const QString &id) {
        if (id.isEmpty())
            return u"—"_s;
        const ServiceDef *s = profile ? profile->service(id) : nullptr;
        return s ? s->name : id;
    };
    const QJsonObject &p = turn.parsed;
    add(tr("The caller"), intentText(p.value(u"intent"_s).toString()), u"intent"_s);
    add(tr("Job"), serviceName(p.value(u"service"_s).toString()), u"service"_s);
    add(tr("ZIP code"), orDash(p.value(u"zip"_s).toString()), u"zip"_s);
    const QString urgency = p.value(u"urgency"_s).toString();
    add(tr("Urgency"),
        urgency == u"emergency"_s ? tr("emergency") : (urgency == u"urgent"_s ? tr("urgent") : tr("not urgent")),
        u"urgency"_s);
    QStringList when;
    for (const QJsonValue &w : p.value(u"when"_s).toArray()) {
        const QJsonObject o = w.toObject();
        const QDateTime start = QDateTime::fromString(o.value(u"start"_s).toString(), Qt::ISODate);
        const QDateTime end = QDateTime::fromString(o.value(u"end"_s).toString(), Qt::ISODate);
        const QString format = u"ddd MMM d, h:mm AP"_s;
        when << (start == end ? u"\"%1\": %2"_s.arg(o.value(u"text"_s).toString(), start.toString(format))
                              : u"\"%1\": %2 – %3"_s.arg(o.value(u"text"_s).toString(), start.toString(format),
                                  start.date() == end.date() ? end.toString(u"h:mm AP"_s) : end.toString(format)));
    }
    add(tr("When"), when.isEmpty() ? u"—"_s : when.join(u"; "_s), u"when"_s);
    add(tr("Name"), orDash(p.value(u"name"_s).toString()), u"name"_s);
    if (p.value(u"opt_out"_s).toBool())
        add(tr("Stop texting"), tr("yes"), u"opt_out"_s);
    add(tr("The agent now asks for"), awaitingText(turn.awaiting), u"awaiting"_s);
    add(tr("Conversation"), outcomeText(turn.outcome), u"outcome"_s);
    const QJsonObject &lead = turn.lead;
    if (!lead.isEmpty()) {
        add(tr("So far: job"), serviceName(lead.value(u"service"_s).toString()), u"lead.service"_s);
        const QString zip = lead.value(u"zip"_s).toString();
        add(tr("So far: ZIP code"), orDash(zip), u"lead.zip"_s);
        if (!zip.isEmpty()) // "in the area" means nothing before a ZIP code
            add(tr("So far: in the service area"), lead.value(u"in_area"_s).toBool() ? tr("yes") : tr("no"),
                u"lead.in_area"_s);
        add(tr("So far: ready to book"), lead.value(u"qualified"_s).toBool() ? tr("yes") : tr("not yet"),
            u"lead.qualified"_s);
    }
    if (!turn.appointment.isEmpty())
        add(tr("Booked"), turn.appointment, u"appointment"_s);
}

} // namespace FrontDesk
