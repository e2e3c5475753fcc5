// libFuzzer: iCalendar data (untrusted: a CalDAV server's events, an imported .ics file) through
// IcsCodec: occurrences over a month, with recurrences expanded, and the UIDs.
#include "integrations/caldav/icscodec.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray ics(reinterpret_cast<const char *>(data), qsizetype(size));
    static const QTimeZone zone("America/New_York");
    const QDateTime from(QDate(2026, 3, 1), QTime(0, 0), QTimeZone::utc());
    QList<FrontDesk::CalendarOccurrence> out;
    QString error;
    (void)FrontDesk::IcsCodec::occurrences(ics, from, from.addDays(31), zone, &out, &error);
    (void)FrontDesk::IcsCodec::uids(ics);
    return 0;
}
