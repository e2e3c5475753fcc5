#include "ui/composer.h"

#include "app/messaging/smssegments.h"

#include <QAbstractTextDocumentLayout>
#include <QBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTextBlock>
#include <cmath>

using namespace Qt::StringLiterals;

namespace FrontDesk {

Composer::Composer(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"composer"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *row = new QHBoxLayout;
    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(u"composerEdit"_s);
    m_edit->setPlaceholderText(tr("Write to the customer… (Enter sends, Shift+Enter new line)"));
    m_edit->setToolTip(tr("Write to the customer as staff: Enter sends, Shift+Enter starts a new line. Writing takes "
                          "the conversation over from the agent."));
    m_edit->setAccessibleName(tr("Message to the customer"));
    m_edit->setTabChangesFocus(true);
    m_edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_edit->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_edit->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_edit->installEventFilter(this);
    m_sendButton = new QPushButton(tr("&Send"), this);
    m_sendButton->setObjectName(u"sendButton"_s);
    m_sendButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_sendButton->setToolTip(tr("Send as staff (Ctrl+Return). Writing takes the conversation over from the agent."));
    m_sendButton->setAccessibleName(tr("Send the message"));
    m_sendButton->setDefault(true);
    row->addWidget(m_edit, 1);
    row->addWidget(m_sendButton, 0, Qt::AlignBottom);
    layout->addLayout(row);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(u"segmentCountLabel"_s);
    m_countLabel->setAccessibleName(tr("Message length"));
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);
    m_countLabel->setContentsMargins(2, 0, 2, 0);
    layout->addWidget(m_countLabel);

    auto *enter = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    enter->setContext(Qt::WidgetWithChildrenShortcut);
    connect(enter, &QShortcut::activated, this, &Composer::requestSend);
    connect(m_sendButton, &QPushButton::clicked, this, &Composer::requestSend);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        updateCount();
        emit textChanged(text());
    });
    // Grows with the text: a line more for each line written or wrapped, up to MaxVisibleLines.
    connect(m_edit->document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
        &Composer::fitHeight);
    fitHeight();
    updateCount();
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier) {
                m_edit->insertPlainText(u"\n"_s); // a new line in the same text
            } else {
                requestSend(); // Enter, and Ctrl+Enter, send
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void Composer::fitHeight()
{
    // QPlainTextEdit's layout measures the document in lines (wrapped lines included).
    const qreal lines = m_edit->document()->documentLayout()->documentSize().height();
    const int shown = std::clamp(int(std::ceil(lines)), 1, MaxVisibleLines);
    const QMargins margins = m_edit->contentsMargins();
    const int height = shown * m_edit->fontMetrics().lineSpacing() + int(2 * m_edit->document()->documentMargin())
        + margins.top() + margins.bottom() + 2 * m_edit->frameWidth();
    if (m_edit->height() != height)
        m_edit->setFixedHeight(height);
}

Composer::~Composer() = default;

QString Composer::text() const
{
    return m_edit->toPlainText();
}

void Composer::clear()
{
    m_edit->clear();
}

void Composer::focusEditor()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
}

void Composer::setSendingAllowed(bool allowed)
{
    m_allowed = allowed;
    m_edit->setEnabled(allowed);
    updateCount();
}

void Composer::requestSend()
{
    const QString text = m_edit->toPlainText().trimmed();
    if (m_allowed && !text.isEmpty())
        emit sendRequested(text);
}

void Composer::updateCount()
{
    const QString text = m_edit->toPlainText();
    m_sendButton->setEnabled(m_allowed && !text.trimmed().isEmpty());
    const SmsSegments::Count c = SmsSegments::count(text);
    if (c.segments == 0) {
        m_countLabel->setText(tr("%1 characters per text message").arg(SmsSegments::Gsm7Single));
        return;
    }
    QString line = c.segments == 1 ? tr("%1 left · 1 text message").arg(c.remaining)
                                   : tr("%1 left · %2 text messages").arg(c.remaining).arg(c.segments);
    if (c.encoding == SmsSegments::Encoding::Ucs2) {
        line += u" · "_s
            + tr("%1 use the longer Unicode encoding (%2 characters per message)")
                  .arg(c.nonGsmCharacters, QString::number(c.segments > 1 ? SmsSegments::Ucs2Multi : SmsSegments::Ucs2Single));
    }
    m_countLabel->setText(line);
}

} // namespace FrontDesk
