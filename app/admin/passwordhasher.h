#pragma once

#include <QByteArray>
#include <QString>

namespace FrontDesk {

// Password hashes for sign-in: PBKDF2-HMAC-SHA256 (QPasswordDigestor) with a random 16-byte salt per
// user, encoded as "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>". Verification recomputes
// with the stored salt and iteration count and compares in constant time.
class PasswordHasher
{
public:
    static constexpr int DefaultIterations = 120000;
    static constexpr int MinimumPasswordLength = 8;

    static QString hash(const QString &password, int iterations = DefaultIterations);
    // The same, with a given salt (tests; never reuse a salt for real users).
    static QString hashWithSalt(const QString &password, const QByteArray &salt, int iterations);
    static bool verify(const QString &password, const QString &encoded);
    // Why a new password is not acceptable, or empty when it is.
    static QString weakness(const QString &password);
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
};

} // namespace FrontDesk
