#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace FrontDesk {

// Where staff write to the customer: the text, a live count of what it will cost (characters left
// in the segment, segments, and the characters that force the longer Unicode encoding), and Send.
// The text grows from one line to several as it gets longer (then scrolls); Enter sends and
// Shift+Enter starts a new line. It only emits sendRequested; the desk passes the text to the engine.
class Composer final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Composer)
public:
    explicit Composer(QWidget *parent = nullptr);
    ~Composer() override;

    QString text() const;
    void clear();
    void focusEditor();
    // Whether anything may be sent at all (an opted-out number may not); Send also needs text.
    void setSendingAllowed(bool allowed);
    QPlainTextEdit *editor() const { return m_edit; }
    static constexpr int MaxVisibleLines = 8; // beyond that the text scrolls

signals:
    void sendRequested(const QString &text);
    void textChanged(const QString &text);

private:
    void updateCount();
    void requestSend();
    void fitHeight();
    bool eventFilter(QObject *watched, QEvent *event) override;

    QPlainTextEdit *m_edit = nullptr;
    QLabel *m_countLabel = nullptr;
    QPushButton *m_sendButton = nullptr;
    bool m_allowed = true;
};

} // namespace FrontDesk
