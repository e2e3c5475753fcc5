// libFuzzer: a business profile JSON (untrusted: written by hand, imported, or received from a team
// server) through BusinessProfile::fromJson, then, when it loads, what the engine reads from it first:
// its zone, hours, services, templates and its JSON again (which must load back).
#include "models/businessprofile.h"

#include <QJsonDocument>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    FrontDesk::ProfileError error;
    const auto profile = FrontDesk::BusinessProfile::fromJson(bytes, &error);
    if (!profile) {
        (void)error.toString();
        return 0;
    }
    (void)profile->timeZone();
    for (const QString &key : FrontDesk::BusinessProfile::templateKeys())
        (void)profile->templateText(key);
    // What loads must write itself out in a form that loads again.
    const QByteArray again = QJsonDocument(profile->toJson()).toJson(QJsonDocument::Compact);
    FrontDesk::ProfileError againError;
    if (!FrontDesk::BusinessProfile::fromJson(again, &againError))
        std::abort();
    return 0;
}
