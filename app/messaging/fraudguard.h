#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace FrontDesk {

// What the fraud guard lets through (engine config and the store's settings).
struct FraudGuardSettings
{
    bool enabled = true;
    QStringList allowedCountries; // ISO 3166 codes ("US", "CA"); empty: the business's own country
    int perNumberMax = 1; // text-backs to one number …
    int perNumberWindowSec = 3600; // … per this window
    int perPrefixMax = 10; // text-backs to numbers sharing all but their last four digits …
    int perPrefixWindowSec = 600; // … per this window
    int globalPerMinute = 30; // text-backs in all, per minute
    int breakerPauseSec = 15 * 60; // how long a pumping-like burst pauses every text-back
    QStringList ownNumbers; // the business's own numbers besides the profile's phone (line, office)
};

// The guard against SMS pumping and toll fraud, asked before a missed-call text-back is queued: a
// text goes only to a valid, SMS-capable number (libphonenumber: mobile or fixed-line-or-mobile;
// never premium-rate, shared-cost, UAN, voicemail, anonymous placeholders, SIP or client
// identities, the business's own numbers) in an allowed country, within per-number, per-prefix
// and global rates. A burst over the global rate looks like pumping: the circuit breaker opens and
// pauses every text-back for breakerPauseSec; the engine alerts the desk. Time comes from the
// caller (the engine's clock); the rates live in memory.
class FraudGuard
{
public:
    struct Decision
    {
        bool allowed = true;
        QString code; // why not: "invalid", "type", "anonymous", "identity", "own_number", "country",
                      // "number_rate", "prefix_rate", "global_rate", "paused"
        QString reason; // in words, for the thread and the log
        bool breakerTripped = false; // this decision opened the circuit breaker
    };

    FraudGuard() = default;

    void setSettings(const FraudGuardSettings &settings) { m_settings = settings; }
    const FraudGuardSettings &settings() const { return m_settings; }
    // The business's region ("US"), for the default allowed country and numbers written without one.
    void setHomeRegion(const QString &region) { m_homeRegion = region.toUpper(); }
    void setBusinessNumbers(const QStringList &numbers) { m_businessNumbers = numbers; }

    // Whether a text-back may go to `phone` (E.164 when it could be normalised, else as received) at
    // `now`. Every request counts toward the burst that opens the breaker; an allowed text-back counts
    // toward the per-number and per-prefix rates once recordTextBack() says it was stored.
    Decision checkTextBack(const QString &phone, const QDateTime &now);
    void recordTextBack(const QString &phone, const QDateTime &now);

    // At start, from the store: what the windows held before a restart, so that a restart in the
    // middle of a burst neither texts a number twice nor closes the breaker. A text-back asked for
    // (allowed or refused) at `at`; a text-back stored (recordTextBack); the breaker opened at `at`.
    void clearRates(); // the windows emptied (the pause stays), before restoring them
    void restoreRequest(const QDateTime &at);
    void restoreTextBack(const QString &phone, const QDateTime &at) { recordTextBack(phone, at); }
    void restorePause(const QDateTime &openedAt, const QString &reason);
    // How far back restoring needs to look: the longest of the windows and the pause.
    qint64 memorySeconds() const;

    // The number checks alone (no rates, nothing counted).
    Decision checkNumber(const QString &phone) const;

    bool isPaused(const QDateTime &now) const { return m_pausedUntil.isValid() && now < m_pausedUntil; }
    QDateTime pausedUntil() const { return m_pausedUntil; }
    QString pauseReason() const { return m_pauseReason; }
    void resume() { m_pausedUntil = QDateTime(); }

private:
    static void prune(QList<QDateTime> &times, const QDateTime &since);
    static QString prefixOf(const QString &phone);

    FraudGuardSettings m_settings;
    QString m_homeRegion = QStringLiteral("US");
    QStringList m_businessNumbers;
    QHash<QString, QList<QDateTime>> m_byNumber;
    QHash<QString, QList<QDateTime>> m_byPrefix;
    QList<QDateTime> m_global; // every text-back asked for in the last minute, allowed or not
    QDateTime m_pausedUntil;
    QString m_pauseReason;
};

} // namespace FrontDesk
