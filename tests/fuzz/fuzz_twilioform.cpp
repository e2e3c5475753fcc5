// libFuzzer: a webhook's form body (untrusted: anyone can POST to the webhook URL before the
// signature is checked) through TwilioForm::decode and the signature check over what it decoded.
#include "integrations/twilio/twilioform.h"
#include "integrations/twilio/twiliosignature.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    if (const auto params = FrontDesk::TwilioForm::decode(body, &error)) {
        // Whatever decoded must encode again and be signable.
        const QByteArray again = FrontDesk::TwilioForm::encode(*params);
        const QByteArray signature
            = FrontDesk::TwilioSignature::compute("token", QStringLiteral("https://x.test/twilio/sms"), *params);
        (void)FrontDesk::TwilioSignature::validate(
            "token", QStringLiteral("https://x.test/twilio/sms"), *params, signature);
        (void)FrontDesk::TwilioForm::decode(again, &error);
    }
    (void)FrontDesk::TwilioSignature::validateJson("token", QStringLiteral("https://x.test/twilio/sms"), body, "sig");
    return 0;
}
