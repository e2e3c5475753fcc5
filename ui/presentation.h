#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QTimeZone>

namespace FrontDesk {

class Clock;

// How the desk shows what the models say: words and colours for status codes and authors, phone
// numbers and times. Presentation only: the codes themselves come from the models.
class Presentation
{
    Q_DECLARE_TR_FUNCTIONS(FrontDesk::Presentation)
public:
    Presentation(const Clock &clock, const QTimeZone &zone)
        : m_clock(clock)
        , m_zone(zone)
    {
    }

    static QString statusLabel(const QString &status);
    static QColor statusColor(const QString &status); // the pill's background; text is white on it
    static QString authorLabel(const QString &author);
    static QColor bubbleColor(const QString &author);
    static QString deliveryLabel(const QString &status); // an outbound text's delivery status
    static QString handoffReasonLabel(const QString &reason);
    static QString channelLabel(const QString &channel); // "voice": a spoken turn of a call; else a text
    // "+17205550142" -> "(720) 555-0142"; other numbers as they are.
    static QString phone(const QString &e164);

    // The business's local time: "2:05 PM" today, "Tue 3/3 2:05 PM" on another day.
    QString time(const QDateTime &utc) const;
    QTimeZone zone() const { return m_zone; }

    // The people behind the desk's logins ("jamie" → "Jamie Ortiz"), so the desk names persons.
    void setStaffNames(const QHash<QString, QString> &namesByLogin) { m_staffNames = namesByLogin; }
    // "staff:jamie" or "jamie" → the person's name, else the login.
    QString staffName(const QString &actor) const;
    // The person's name when the desk knows it; empty for a login without a person (the single desk).
    QString knownStaffName(const QString &actor) const;

private:
    const Clock &m_clock;
    QTimeZone m_zone;
    QHash<QString, QString> m_staffNames;
};

} // namespace FrontDesk
