// libFuzzer: an inbound text (untrusted: anyone can text the business) through the whole message
// parser over a business profile: normalisation, tokens, dates and times, ZIP codes, service words,
// intents, names, opt-out. The first byte picks the slot the conversation awaits and whether the
// number is opted out; the next two pick the moment of "now" (so relative dates meet month and year
// ends, daylight-saving changes and holidays); the rest is the text.
#include "app/agent/messageparser.h"
#include "tests/fuzz/fuzzprofile.h"

#include <QTimeZone>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

const FrontDesk::MessageParser &parser()
{
    static const FrontDesk::BusinessProfile profile = [] {
        FrontDesk::ProfileError error;
        auto p = FrontDesk::BusinessProfile::fromJson(FrontDeskFuzz::plumberProfileJson(), &error);
        if (!p)
            std::abort(); // the target's own profile must load
        return *p;
    }();
    static const FrontDesk::MessageParser instance(profile);
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    static const std::array<const char *, 8> awaited
        = {"", "service", "zip", "when", "choice", "confirm", "name", "urgency"};
    FrontDesk::ParseContext context;
    context.awaiting = QString::fromLatin1(awaited[data[0] % awaited.size()]);
    context.optedOut = (data[0] & 0x80) != 0;
    // From 2026-01-01 00:00 UTC, about two years in steps of 17 minutes and 11 hours.
    const int step = data[1] | (data[2] << 8);
    const QDateTime now = QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc())
                              .addSecs(qint64(step % 4096) * 17 * 60 + qint64(step / 4096) * 11 * 3600);
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data + 3), qsizetype(size - 3));
    const FrontDesk::ParsedMessage parsed = parser().parse(text, now, context);
    (void)parsed;
    return 0;
}
