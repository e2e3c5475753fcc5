// libFuzzer: a contacts CSV file (untrusted: exported by any other tool) through CsvReader.
#include "app/admin/csvreader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)FrontDesk::CsvReader::parse(bytes);
    (void)FrontDesk::CsvReader::parse(bytes, QLatin1Char(';'));
    return 0;
}
