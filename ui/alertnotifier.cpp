#include "ui/alertnotifier.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace FrontDesk {

AlertNotifier::AlertNotifier(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    setObjectName(u"alertNotifier"_s);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(window->windowIcon(), this);
        m_tray->setToolTip(window->windowTitle());
        auto bringUp = [this] {
            if (m_window) {
                m_window->showNormal();
                m_window->raise();
                m_window->activateWindow();
            }
        };
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this, bringUp] {
            bringUp();
            emit activated();
        });
        // A click on the tray icon itself brings the desk up.
        connect(m_tray, &QSystemTrayIcon::activated, this, [bringUp](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                bringUp();
        });
        m_tray->show();
    }
}

AlertNotifier::~AlertNotifier() = default;

void AlertNotifier::notify(const QString &title, const QString &text, bool urgent)
{
    ++m_count;
    if (m_tray) {
        m_tray->showMessage(title, text,
            urgent ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning, urgent ? 0 : 15000);
    }
    if (m_sound)
        QApplication::beep();
    if (m_window)
        QApplication::alert(m_window, 0); // the taskbar entry asks for attention until the window is used
    emit notified(title, text, urgent);
}

} // namespace FrontDesk
