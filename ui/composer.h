#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace FrontDesk {

// Where staff write to the customer: the text, a live count of what it will cost (characters left
// in the segment, segments, and the characters that force the longer Unicode encoding), and Send.
// It only emits sendRequested; the desk passes the text to the engine.
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
    QLineEdit *editor() const { return m_edit; }

signals:
    void sendRequested(const QString &text);
    void textChanged(const QString &text);

private:
    void updateCount();
    void requestSend();

    QLineEdit *m_edit = nullptr;
    QLabel *m_countLabel = nullptr;
    QPushButton *m_sendButton = nullptr;
    bool m_allowed = true;
};

} // namespace FrontDesk
