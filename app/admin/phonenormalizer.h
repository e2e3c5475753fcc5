#pragma once

#include <QString>
#include <optional>

namespace FrontDesk {

// Phone numbers to E.164 with libphonenumber. A number written without a country code is read in
// the business's own region (the region of its phone number in the profile, e.g. "US" for +1 404…).
class PhoneNormalizer
{
public:
    explicit PhoneNormalizer(QString defaultRegion = QStringLiteral("US"));

    // The region (ISO 3166 code) of an E.164 number, e.g. "US" for "+14045550100"; `fallback` when
    // the number is not valid.
    static QString regionOf(const QString &e164, const QString &fallback = QStringLiteral("US"));

    QString defaultRegion() const { return m_region; }
    // E.164, or std::nullopt with *why saying what is wrong with the number.
    std::optional<QString> toE164(const QString &raw, QString *why = nullptr) const;

private:
    QString m_region;
};

} // namespace FrontDesk
