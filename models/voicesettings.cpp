#include "models/voicesettings.h"

#include "models/businessprofile.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QStringList &modeNames()
{
    static const QStringList names = {u"off"_s, u"after_ring"_s, u"after_hours"_s, u"always"_s};
    return names;
}

bool fail(ProfileError *error, const QString &field, const QString &problem)
{
    if (error)
        *error = {field, problem};
    return false;
}

// E.164 or a plain dialable number: digits with an optional leading '+', and the usual separators.
bool dialable(const QString &number)
{
    int digits = 0;
    for (qsizetype i = 0; i < number.size(); ++i) {
        const QChar c = number.at(i);
        if (c.isDigit())
            ++digits;
        else if (!(c == u'+' && i == 0) && c != u' ' && c != u'-' && c != u'(' && c != u')' && c != u'.')
            return false;
    }
    return digits >= 3 && digits <= 15;
}

} // namespace

QString voiceModeName(VoiceMode mode)
{
    return modeNames().at(static_cast<int>(mode));
}

QString VoiceSettings::defaultGreeting()
{
    return u"Thanks for calling {business}. I'm the virtual assistant. How can I help you today?"_s;
}

bool VoiceSettings::fromJson(const QJsonValue &value, VoiceSettings *out, ProfileError *error)
{
    *out = VoiceSettings();
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isObject())
        return fail(error, u"voice"_s, u"must be an object with mode, ring_s, transfer_to, greeting"_s);
    const QJsonObject o = value.toObject();

    const QJsonValue mode = o.value(u"mode"_s);
    if (!mode.isUndefined() && !mode.isNull()) {
        const qsizetype index = mode.isString() ? modeNames().indexOf(mode.toString().trimmed()) : -1;
        if (index < 0)
            return fail(error, u"voice.mode"_s, u"must be one of %1"_s.arg(modeNames().join(u", "_s)));
        out->mode = static_cast<VoiceMode>(index);
    }

    const QJsonValue ring = o.value(u"ring_s"_s);
    if (!ring.isUndefined() && !ring.isNull()) {
        const double d = ring.toDouble(-1);
        if (!ring.isDouble() || d != static_cast<double>(static_cast<int>(d)))
            return fail(error, u"voice.ring_s"_s, u"must be a whole number of seconds"_s);
        if (d < 0 || d > 120)
            return fail(error, u"voice.ring_s"_s, u"must be between 0 and 120"_s);
        out->ringSec = static_cast<int>(d);
    }

    const QJsonValue transfer = o.value(u"transfer_to"_s);
    if (!transfer.isUndefined() && !transfer.isNull()) {
        if (!transfer.isString())
            return fail(error, u"voice.transfer_to"_s, u"must be a phone number (a string)"_s);
        out->transferTo = transfer.toString().trimmed();
        if (!out->transferTo.isEmpty() && !dialable(out->transferTo))
            return fail(error, u"voice.transfer_to"_s, u"'%1' is not a phone number"_s.arg(out->transferTo));
    }

    const QJsonValue greeting = o.value(u"greeting"_s);
    if (!greeting.isUndefined() && !greeting.isNull()) {
        if (!greeting.isString())
            return fail(error, u"voice.greeting"_s, u"must be a string"_s);
        out->greeting = greeting.toString().trimmed();
    }
    return true;
}

QJsonObject VoiceSettings::toJson() const
{
    QJsonObject o {{u"mode"_s, voiceModeName(mode)}, {u"ring_s"_s, ringSec}};
    if (!transferTo.isEmpty())
        o.insert(u"transfer_to"_s, transferTo);
    if (!greeting.isEmpty())
        o.insert(u"greeting"_s, greeting);
    return o;
}

} // namespace FrontDesk
