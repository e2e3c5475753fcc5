#include "app/admin/phonenormalizer.h"

#include <QCoreApplication>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <string>

using namespace Qt::StringLiterals;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::PhoneNormalizer", text);
}

} // namespace

PhoneNormalizer::PhoneNormalizer(QString defaultRegion)
    : m_region(defaultRegion.isEmpty() ? u"US"_s : defaultRegion.toUpper())
{
}

QString PhoneNormalizer::regionOf(const QString &e164, const QString &fallback)
{
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse(e164.toStdString(), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return fallback;
    std::string region;
    util->GetRegionCodeForNumber(number, &region);
    if (region.empty() || region == "ZZ")
        return fallback;
    return QString::fromStdString(region);
}

std::optional<QString> PhoneNormalizer::toE164(const QString &raw, QString *why) const
{
    const QString text = raw.trimmed();
    if (text.isEmpty()) {
        if (why)
            *why = tr("no phone number");
        return std::nullopt;
    }
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const auto result = util->Parse(text.toStdString(), m_region.toStdString(), &number);
    if (result != PhoneNumberUtil::NO_PARSING_ERROR) {
        if (why) {
            switch (result) {
            case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
                *why = tr("\"%1\" has no valid country code").arg(text);
                break;
            case PhoneNumberUtil::TOO_SHORT_NSN:
            case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
                *why = tr("\"%1\" is too short for a phone number").arg(text);
                break;
            case PhoneNumberUtil::TOO_LONG_NSN:
                *why = tr("\"%1\" is too long for a phone number").arg(text);
                break;
            default:
                *why = tr("\"%1\" is not a phone number").arg(text);
            }
        }
        return std::nullopt;
    }
    if (!util->IsValidNumber(number)) {
        if (why)
            *why = tr("\"%1\" is not a valid number in %2").arg(text, m_region);
        return std::nullopt;
    }
    std::string formatted;
    util->Format(number, PhoneNumberUtil::E164, &formatted);
    return QString::fromStdString(formatted);
}

} // namespace FrontDesk
