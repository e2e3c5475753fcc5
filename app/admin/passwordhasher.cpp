#include "app/admin/passwordhasher.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

constexpr int kSaltBytes = 16;
constexpr int kKeyBytes = 32;
const QString kScheme = u"pbkdf2-sha256"_s;

QByteArray derive(const QString &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(
        QCryptographicHash::Sha256, password.toUtf8(), salt, iterations, kKeyBytes);
}

} // namespace

QString PasswordHasher::hash(const QString &password, int iterations)
{
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), kSaltBytes / int(sizeof(quint32)));
    return hashWithSalt(password, salt, iterations);
}

QString PasswordHasher::hashWithSalt(const QString &password, const QByteArray &salt, int iterations)
{
    const QByteArray key = derive(password, salt, iterations);
    return kScheme + u'$' + QString::number(iterations) + u'$' + QString::fromLatin1(salt.toBase64()) + u'$'
        + QString::fromLatin1(key.toBase64());
}

bool PasswordHasher::verify(const QString &password, const QString &encoded)
{
    const QStringList parts = encoded.split(u'$');
    if (parts.size() != 4 || parts.at(0) != kScheme)
        return false;
    bool ok = false;
    const int iterations = parts.at(1).toInt(&ok);
    if (!ok || iterations < 1 || iterations > 10'000'000)
        return false;
    const QByteArray salt = QByteArray::fromBase64(parts.at(2).toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts.at(3).toLatin1());
    if (salt.isEmpty() || expected.size() != kKeyBytes)
        return false;
    return constantTimeEquals(derive(password, salt, iterations), expected);
}

QString PasswordHasher::weakness(const QString &password)
{
    if (password.size() < MinimumPasswordLength)
        return QCoreApplication::translate(
            "FrontDesk::PasswordHasher", "A password needs at least %n characters.", nullptr, MinimumPasswordLength);
    if (password.trimmed().isEmpty())
        return QCoreApplication::translate("FrontDesk::PasswordHasher", "A password cannot be only spaces.");
    return {};
}

bool PasswordHasher::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

} // namespace FrontDesk
