// libFuzzer: a vCard 3/4 file (untrusted: exported by any phone or address book) through the contact
// importer's plan: unfolding, properties and parameters, escapes, structured names, numbers to E.164
// and duplicates merged.
#include "app/admin/contactimport.h"
#include "app/admin/phonenormalizer.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const FrontDesk::PhoneNormalizer phones(QStringLiteral("US"));
    static const FrontDesk::ContactImporter importer(phones);
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const FrontDesk::ContactImportPlan plan = importer.planVCard(text);
    (void)plan;
    return 0;
}
