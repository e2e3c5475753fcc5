// libFuzzer: an inbound text (untrusted: anyone can text the business) through the parser's first
// steps: Unicode normalisation (NFKC), the tokenizer, flattening and the spelled-out keyword join
// that the opt-out check reads.
#include "app/agent/tokenizer.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString normalized = FrontDesk::Tokenizer::normalized(text);
    const QList<FrontDesk::Token> tokens = FrontDesk::Tokenizer::tokenize(normalized);
    for (const FrontDesk::Token &t : tokens) {
        if (t.start < 0 || t.end > normalized.size() || t.start > t.end)
            __builtin_trap(); // a token's span must lie inside the text
        (void)t.number();
    }
    (void)FrontDesk::Tokenizer::joinSpelledLetters(FrontDesk::Tokenizer::flatten(tokens));
    return 0;
}
