#pragma once

#include "app/core/clock.h"
#include "integrations/twilio/twiliosession.h"
#include "tests/support/twilioemulator.h"

#include <QFile>
#include <QString>
#include <QUrl>

#include <memory>

namespace FrontDesk::TestSupport {

// The account the suites on the emulated phone line share: the provider's account, the business's
// number, the office phone that rings first, and the public address webhooks are signed for (never
// connected to: the emulator delivers them to the engine's loopback port).
namespace EmulatedAccount {
inline const QString kSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
inline const QByteArray kToken = QByteArrayLiteral("test-auth-token-5f1e2d3c4b5a6978");
inline const QString kNumber = QStringLiteral("+13105550100");
inline const QString kOffice = QStringLiteral("+13105550999");
inline const QString kPublic = QStringLiteral("https://frontdesk.test");
} // namespace EmulatedAccount

// A business profile of tests/fixtures/profiles, by file name; empty when it can't be read.
inline QByteArray fixtureProfile(const QString &fileName)
{
    QFile file(QStringLiteral(FRONTDESK_SOURCE_DIR "/tests/fixtures/profiles/") + fileName);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The provider emulator on `clock`, started, with the shared account; nullptr when it can't listen.
inline std::unique_ptr<TwilioEmulator> startEmulator(Clock &clock)
{
    using namespace EmulatedAccount;
    auto emulator = std::make_unique<TwilioEmulator>(clock);
    if (!emulator->start())
        return nullptr;
    emulator->setAccount(kSid, kToken, kNumber);
    emulator->setForwardNumber(kOffice);
    return emulator;
}

// An engine's options on that emulator: the shared account, webhooks signed for kPublic, quick
// retries and outbox rounds so a suite never waits on the wall clock. Suites adjust what they test.
inline TwilioSession::Options emulatedLineOptions(
    const TwilioEmulator &emulator, Clock &clock, const QString &storePath, const QByteArray &profileJson)
{
    using namespace EmulatedAccount;
    TwilioSession::Options o;
    o.storePath = storePath;
    o.profileJson = profileJson;
    o.twilio.accountSid = kSid;
    o.twilio.authToken = kToken;
    o.twilio.number = kNumber;
    o.twilio.apiBaseUrl = QUrl(emulator.baseUrl());
    o.twilio.publicUrl = kPublic;
    o.twilio.forwardTo = kOffice;
    o.twilio.requestTimeoutMs = 3000;
    o.outboxIntervalMs = 20;
    o.clock = &clock;
    return o;
}

// Opens and starts the session, and points the emulator's webhooks at its loopback port (when it
// serves webhooks). nullptr with *error when it can't.
inline std::unique_ptr<TwilioSession> startEmulatedLine(
    TwilioEmulator &emulator, const TwilioSession::Options &options, QString *error)
{
    auto session = TwilioSession::open(options, error);
    if (!session || !session->start(error))
        return nullptr;
    if (options.listen && !options.twilio.publicUrl.isEmpty())
        emulator.setWebhookTarget(options.twilio.publicUrl, QStringLiteral("http://127.0.0.1:%1").arg(session->port()));
    else
        emulator.setWebhookTarget(QString(), QString());
    return session;
}

} // namespace FrontDesk::TestSupport
