#pragma once

#include <QByteArray>
#include <QString>

namespace FrontDesk {

// What the programs carry inside them (resources/frontdesk.qrc): the app icon, and the demo
// business with its existing customers. frontdesk_resources is a static library, so its resources
// are registered here (Q_INIT_RESOURCE) before anything reads a ":/" path.
class BundledResources
{
public:
    static void init(); // idempotent
    static QString appIconPath(); // an SVG
    static QByteArray demoProfileJson(); // FORMAT.md business profile
    static QByteArray demoContactsJson(); // [{phone, name, zip, history: [{service, date, value}]}]

private:
    static QByteArray read(const QString &path);
};

} // namespace FrontDesk
