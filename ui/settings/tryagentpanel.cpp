#include "ui/settings/tryagentpanel.h"

#include "app/messaging/engine.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
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
    const BusinessProfile *profile = m_engine.profile();
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
                                      : tr("(no reply: the conversation ended as %1)").arg(turn.outcome),
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

void TryAgentPanel::showUnderstanding(const SandboxTurn &turn)
{
    m_understood->clear();
    auto add = [this](const QString &label, const QString &value, const QString &key) {
        auto *item = new QTreeWidgetItem(m_understood, {label, value});
        item->setToolTip(1, value);
        item->setData(0, Qt::UserRole, key);
    };
    const QJsonObject &p = turn.parsed;
    add(tr("Intent"), p.value(u"intent"_s).toString(), u"intent"_s);
    add(tr("Service"), orDash(p.value(u"service"_s).toString()), u"service"_s);
    add(tr("ZIP code"), orDash(p.value(u"zip"_s).toString()), u"zip"_s);
    add(tr("Urgency"), p.value(u"urgency"_s).toString(), u"urgency"_s);
    QStringList when;
    for (const QJsonValue &w : p.value(u"when"_s).toArray()) {
        const QJsonObject o = w.toObject();
        const QDateTime start = QDateTime::fromString(o.value(u"start"_s).toString(), Qt::ISODate);
        const QDateTime end = QDateTime::fromString(o.value(u"end"_s).toString(), Qt::ISODate);
        when << u"\"%1\": %2 – %3"_s.arg(o.value(u"text"_s).toString(), start.toString(u"ddd MMM d, h:mm AP"_s),
            end.toString(u"ddd MMM d, h:mm AP"_s));
    }
    add(tr("When"), when.isEmpty() ? u"—"_s : when.join(u"; "_s), u"when"_s);
    add(tr("Name"), orDash(p.value(u"name"_s).toString()), u"name"_s);
    add(tr("Opt-out"), p.value(u"opt_out"_s).toBool() ? tr("yes") : tr("no"), u"opt_out"_s);
    add(tr("Agent now waits for"), orDash(turn.awaiting), u"awaiting"_s);
    add(tr("Conversation"), turn.outcome, u"outcome"_s);
    const QJsonObject &lead = turn.lead;
    if (!lead.isEmpty()) {
        add(tr("Lead: service"), orDash(lead.value(u"service"_s).toString()), u"lead.service"_s);
        add(tr("Lead: ZIP"), orDash(lead.value(u"zip"_s).toString()), u"lead.zip"_s);
        add(tr("Lead: in the area"), lead.value(u"in_area"_s).toBool() ? tr("yes") : tr("no"), u"lead.in_area"_s);
        add(tr("Lead: qualified"), lead.value(u"qualified"_s).toBool() ? tr("yes") : tr("no"), u"lead.qualified"_s);
    }
    if (!turn.appointment.isEmpty())
        add(tr("Booked"), turn.appointment, u"appointment"_s);
}

} // namespace FrontDesk
