#include "app/messaging/fraudguard.h"

#include <QCoreApplication>
#include <algorithm>
#include <iterator>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

using namespace Qt::StringLiterals;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::FraudGuard", text);
}

FraudGuard::Decision refused(const QString &code, const QString &reason)
{
    FraudGuard::Decision d;
    d.allowed = false;
    d.code = code;
    d.reason = reason;
    return d;
}

QString typeName(PhoneNumberUtil::PhoneNumberType type)
{
    switch (type) {
    case PhoneNumberUtil::FIXED_LINE:
        return tr("a landline");
    case PhoneNumberUtil::TOLL_FREE:
        return tr("a toll-free number");
    case PhoneNumberUtil::PREMIUM_RATE:
        return tr("a premium-rate number");
    case PhoneNumberUtil::SHARED_COST:
        return tr("a shared-cost number");
    case PhoneNumberUtil::VOIP:
        return tr("a VoIP number");
    case PhoneNumberUtil::PERSONAL_NUMBER:
        return tr("a personal-routing number");
    case PhoneNumberUtil::PAGER:
        return tr("a pager");
    case PhoneNumberUtil::UAN:
        return tr("a universal access number (UAN)");
    case PhoneNumberUtil::VOICEMAIL:
        return tr("a voicemail access number");
    default:
        return tr("a number of unknown type");
    }
}

// Twilio and other carriers report a withheld caller ID with these placeholders.
bool isAnonymousPlaceholder(const QString &phone)
{
    static const QStringList placeholders {u"anonymous"_s, u"restricted"_s, u"unknown"_s, u"private"_s,
        u"unavailable"_s, u"+266696687"_s, u"266696687"_s, u"+7378742833"_s, u"+2562533"_s, u"+8656696"_s};
    const QString p = phone.trimmed().toLower();
    return p.isEmpty() || placeholders.contains(p);
}

QString digitsOf(const QString &phone)
{
    QString out;
    for (const QChar c : phone)
        if (c.isDigit())
            out += c;
    return out;
}

} // namespace

void FraudGuard::prune(QList<QDateTime> &times, const QDateTime &since)
{
    while (!times.isEmpty() && times.first() <= since)
        times.removeFirst();
}

QString FraudGuard::prefixOf(const QString &phone)
{
    return phone.left(std::max<qsizetype>(4, phone.size() - 4));
}

void FraudGuard::clearRates()
{
    m_byNumber.clear();
    m_byPrefix.clear();
    m_global.clear();
}

void FraudGuard::restoreRequest(const QDateTime &at)
{
    if (!at.isValid())
        return;
    // Kept in order: the burst window is pruned from its front.
    auto it = std::upper_bound(m_global.begin(), m_global.end(), at);
    m_global.insert(it, at);
}

void FraudGuard::restorePause(const QDateTime &openedAt, const QString &reason)
{
    if (!openedAt.isValid())
        return;
    const QDateTime until = openedAt.addSecs(std::max(60, m_settings.breakerPauseSec));
    if (!m_pausedUntil.isValid() || until > m_pausedUntil) {
        m_pausedUntil = until;
        m_pauseReason = reason;
    }
}

qint64 FraudGuard::memorySeconds() const
{
    return std::max({qint64(60), qint64(m_settings.perNumberWindowSec), qint64(m_settings.perPrefixWindowSec),
        qint64(std::max(60, m_settings.breakerPauseSec))});
}

FraudGuard::Decision FraudGuard::checkNumber(const QString &phoneIn) const
{
    const QString phone = phoneIn.trimmed();
    if (isAnonymousPlaceholder(phone))
        return refused(u"anonymous"_s, tr("the caller withheld their number (\"%1\")").arg(phone));
    const QString lower = phone.toLower();
    if (lower.startsWith(u"client:"_s) || lower.startsWith(u"sip:"_s) || lower.startsWith(u"sips:"_s)
        || lower.contains(u'@'))
        return refused(u"identity"_s, tr("\"%1\" is an app or SIP identity, not a phone number").arg(phone));
    const QString digits = digitsOf(phone);
    for (const QString &own : m_businessNumbers + m_settings.ownNumbers) {
        if (!own.isEmpty() && digitsOf(own) == digits)
            return refused(u"own_number"_s, tr("%1 is one of the business's own numbers").arg(phone));
    }
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse(phone.toStdString(), m_homeRegion.toStdString(), &number) != PhoneNumberUtil::NO_PARSING_ERROR
        || !util->IsValidNumber(number))
        return refused(u"invalid"_s, tr("%1 is not a valid phone number").arg(phone));
    const auto type = util->GetNumberType(number);
    if (type != PhoneNumberUtil::MOBILE && type != PhoneNumberUtil::FIXED_LINE_OR_MOBILE)
        return refused(u"type"_s, tr("%1 is %2, which cannot take a text").arg(phone, typeName(type)));
    std::string regionCode;
    util->GetRegionCodeForNumber(number, &regionCode);
    const QString region = QString::fromStdString(regionCode).toUpper();
    const QStringList allowed
        = m_settings.allowedCountries.isEmpty() ? QStringList {m_homeRegion} : m_settings.allowedCountries;
    if (!allowed.contains(region, Qt::CaseInsensitive))
        return refused(
            u"country"_s, tr("%1 is in %2; text-backs go to %3 only").arg(phone, region, allowed.join(u", "_s)));
    return {};
}

FraudGuard::Decision FraudGuard::checkTextBack(const QString &phoneIn, const QDateTime &now)
{
    if (!m_settings.enabled)
        return {};
    const QString phone = phoneIn.trimmed();
    // Every text-back asked for counts toward the burst, whether or not it would go: a pumping run
    // mixes numbers of every kind.
    prune(m_global, now.addSecs(-60));
    m_global.append(now);
    if (isPaused(now))
        return refused(u"paused"_s,
            tr("text-backs are paused until %1: %2")
                .arg(m_pausedUntil.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s), m_pauseReason));
    if (m_settings.globalPerMinute > 0 && m_global.size() > m_settings.globalPerMinute) {
        m_pausedUntil = now.addSecs(std::max(60, m_settings.breakerPauseSec));
        m_pauseReason = tr("%1 missed calls asked for a text within a minute (more than %2): this looks like SMS "
                           "pumping")
                            .arg(m_global.size())
                            .arg(m_settings.globalPerMinute);
        Decision d = refused(u"global_rate"_s, m_pauseReason);
        d.breakerTripped = true;
        return d;
    }
    Decision number = checkNumber(phone);
    if (!number.allowed)
        return number;

    auto &perNumber = m_byNumber[phone];
    prune(perNumber, now.addSecs(-std::max(1, m_settings.perNumberWindowSec)));
    if (m_settings.perNumberMax > 0 && perNumber.size() >= m_settings.perNumberMax)
        return refused(u"number_rate"_s,
            tr("%1 already had %2 text-back(s) in the last %3 minutes")
                .arg(phone)
                .arg(perNumber.size())
                .arg(m_settings.perNumberWindowSec / 60));
    const QString prefix = prefixOf(phone);
    auto &perPrefix = m_byPrefix[prefix];
    prune(perPrefix, now.addSecs(-std::max(1, m_settings.perPrefixWindowSec)));
    if (m_settings.perPrefixMax > 0 && perPrefix.size() >= m_settings.perPrefixMax)
        return refused(u"prefix_rate"_s,
            tr("%1 numbers starting %2 had a text-back in the last %3 minutes")
                .arg(perPrefix.size())
                .arg(prefix)
                .arg(m_settings.perPrefixWindowSec / 60));
    return {};
}

void FraudGuard::recordTextBack(const QString &phoneIn, const QDateTime &now)
{
    if (!m_settings.enabled)
        return;
    const QString phone = phoneIn.trimmed();
    m_byNumber[phone].append(now);
    m_byPrefix[prefixOf(phone)].append(now);
    // Old entries of numbers not seen again: keep the tables small.
    if (m_byNumber.size() > 10000) {
        for (auto it = m_byNumber.begin(); it != m_byNumber.end();) {
            prune(*it, now.addSecs(-std::max(1, m_settings.perNumberWindowSec)));
            it = it->isEmpty() ? m_byNumber.erase(it) : std::next(it);
        }
        for (auto it = m_byPrefix.begin(); it != m_byPrefix.end();) {
            prune(*it, now.addSecs(-std::max(1, m_settings.perPrefixWindowSec)));
            it = it->isEmpty() ? m_byPrefix.erase(it) : std::next(it);
        }
    }
}

} // namespace FrontDesk
