#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace FrontDesk {

// Tells the receptionist that a conversation needs a person even when the window is behind others:
// a desktop notification through the system tray (where there is one) and a sound. The mark on the
// conversation itself lives in the store until someone acknowledges it; this only rings.
class AlertNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertNotifier)
public:
    explicit AlertNotifier(QWidget *window);
    ~AlertNotifier() override;

    void setSoundEnabled(bool enabled) { m_sound = enabled; }
    bool hasTrayIcon() const { return m_tray != nullptr; }
    int notificationCount() const { return m_count; }

    void notify(const QString &title, const QString &text, bool urgent);

signals:
    // Emitted for every notification, whether or not a tray shows it (tests and the status bar).
    void notified(const QString &title, const QString &text, bool urgent);
    // The user clicked the desktop notification.
    void activated();

private:
    QPointer<QWidget> m_window;
    QSystemTrayIcon *m_tray = nullptr;
    bool m_sound = true;
    int m_count = 0;
};

} // namespace FrontDesk
