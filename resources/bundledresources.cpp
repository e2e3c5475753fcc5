#include "resources/bundledresources.h"

#include <QFile>

using namespace Qt::StringLiterals;

// Q_INIT_RESOURCE declares the generated initializer: it must be used outside any namespace.
static void registerFrontDeskResources()
{
    Q_INIT_RESOURCE(frontdesk);
}

namespace FrontDesk {

void BundledResources::init()
{
    static const bool registered = [] {
        registerFrontDeskResources();
        return true;
    }();
    Q_UNUSED(registered)
}

QString BundledResources::appIconPath()
{
    init();
    return u":/icons/frontdesk.svg"_s;
}

QByteArray BundledResources::demoProfileJson()
{
    return read(u":/demo/brightline-profile.json"_s);
}

QByteArray BundledResources::demoContactsJson()
{
    return read(u":/demo/contacts.json"_s);
}

QByteArray BundledResources::read(const QString &path)
{
    init();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace FrontDesk
