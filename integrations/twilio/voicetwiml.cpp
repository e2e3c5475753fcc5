#include "integrations/twilio/voicetwiml.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

QString VoiceTwiml::escaped(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += u"&amp;"_s;
            break;
        case u'<':
            out += u"&lt;"_s;
            break;
        case u'>':
            out += u"&gt;"_s;
            break;
        case u'"':
            out += u"&quot;"_s;
            break;
        case u'\'':
            out += u"&apos;"_s;
            break;
        default:
            out += c;
        }
    }
    return out;
}

QByteArray VoiceTwiml::ringFirst(const QString &staffNumber, int ringSec, const QString &actionUrl)
{
    return (u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial timeout=\"%1\" action=\"%2\" method=\"POST\">"
            "<Number>%3</Number></Dial></Response>"_s.arg(ringSec)
                .arg(escaped(actionUrl), escaped(staffNumber)))
        .toUtf8();
}

QByteArray VoiceTwiml::putThrough(const QString &number)
{
    return u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial><Number>%1</Number></Dial></Response>"_s
        .arg(escaped(number))
        .toUtf8();
}

QByteArray VoiceTwiml::render(const VoiceStep &step, const Urls &urls, const QStringList &speechHints)
{
    QString xml = u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"_s;
    QString pendingSay; // words said before listening go inside the Gather
    const auto flushSay = [&] {
        if (!pendingSay.isEmpty())
            xml += u"<Say>%1</Say>"_s.arg(escaped(pendingSay));
        pendingSay.clear();
    };
    for (const auto &a : step.actions) {
        switch (a.kind) {
        case VoiceActionKind::Say:
            pendingSay = pendingSay.isEmpty() ? a.text : pendingSay + u' ' + a.text;
            break;
        case VoiceActionKind::Gather:
            xml += u"<Gather input=\"speech dtmf\" numDigits=\"1\" speechTimeout=\"auto\" actionOnEmptyResult=\"true\" "
                   "action=\"%1\" method=\"POST\""_s.arg(escaped(urls.gather));
            if (!speechHints.isEmpty())
                xml += u" hints=\"%1\""_s.arg(escaped(speechHints.join(u", "_s)));
            xml += u'>';
            flushSay();
            xml += u"</Gather>"_s;
            break;
        case VoiceActionKind::Transfer:
            flushSay();
            xml += u"<Dial><Number>%1</Number></Dial>"_s.arg(escaped(a.text));
            break;
        case VoiceActionKind::RecordVoicemail:
            flushSay();
            xml += u"<Record maxLength=\"120\" playBeep=\"true\" action=\"%1\" method=\"POST\"/>"_s.arg(
                escaped(urls.recording));
            break;
        case VoiceActionKind::HangUp:
            flushSay();
            xml += u"<Hangup/>"_s;
            break;
        case VoiceActionKind::StartTextBack:
        case VoiceActionKind::SendConfirmation:
            break; // texts: the engine's outbox
        }
    }
    flushSay();
    xml += u"</Response>"_s;
    return xml.toUtf8();
}

} // namespace FrontDesk
