#include "app/agent/spokenforms.h"

#include "app/agent/lexicon.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMutex>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QHash<QString, int> intTable(const QJsonObject &o)
{
    QHash<QString, int> table;
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.value().isDouble())
            table.insert(it.key(), it.value().toInt());
    return table;
}

// The shortest word for each value, leaving out `skip` ("oh" is no way to say zero on its own).
QMap<int, QString> inverse(const QHash<QString, int> &table, const QStringList &skip = {})
{
    QMap<int, QString> words;
    for (auto it = table.cbegin(); it != table.cend(); ++it) {
        if (skip.contains(it.key()))
            continue;
        const QString current = words.value(it.value());
        if (current.isEmpty() || it.key().size() < current.size()
            || (it.key().size() == current.size() && it.key() < current))
            words.insert(it.value(), it.key());
    }
    return words;
}

QString stripped(const QString &raw)
{
    qsizetype first = 0;
    qsizetype last = raw.size();
    while (first < last && !raw.at(first).isLetterOrNumber())
        ++first;
    while (last > first && !raw.at(last - 1).isLetterOrNumber())
        --last;
    return raw.mid(first, last - first).toLower();
}

bool allDigits(const QString &word)
{
    if (word.isEmpty())
        return false;
    for (const QChar c : word)
        if (!c.isDigit())
            return false;
    return true;
}

// What follows the last word of a rewritten run (a comma, a full stop) is kept.
QString trailing(const QString &raw)
{
    qsizetype last = raw.size();
    while (last > 0 && !raw.at(last - 1).isLetterOrNumber())
        --last;
    return raw.mid(last);
}

QString leading(const QString &raw)
{
    qsizetype first = 0;
    while (first < raw.size() && !raw.at(first).isLetterOrNumber())
        ++first;
    return raw.left(first);
}

} // namespace

std::shared_ptr<const SpokenForms> SpokenForms::forLanguage(const QString &code)
{
    static QMutex mutex;
    static QHash<QString, std::shared_ptr<const SpokenForms>> loaded;
    QMutexLocker lock(&mutex);
    if (const auto it = loaded.constFind(code); it != loaded.cend())
        return *it;
    Lexicon::forLanguage(code); // registers the compiled-in lexicons
    std::shared_ptr<const SpokenForms> forms;
    QFile file(u":/lexicon/"_s + code + u".json"_s);
    if (file.open(QIODevice::ReadOnly)) {
        QString error;
        forms = fromJson(file.readAll(), &error);
        if (!forms)
            qWarning("spoken forms %s: %s", qPrintable(code), qPrintable(error));
    }
    loaded.insert(code, forms);
    return forms;
}

std::shared_ptr<const SpokenForms> SpokenForms::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = u"not a JSON object: %1"_s.arg(parseError.errorString());
        return nullptr;
    }
    const QJsonObject root = doc.object();
    const QJsonValue spokenValue = root.value(u"spoken"_s);
    if (!spokenValue.isObject()) {
        if (error)
            *error = u"spoken: missing"_s;
        return nullptr;
    }
    const QJsonObject spoken = spokenValue.toObject();
    auto forms = std::make_shared<SpokenForms>();
    forms->m_digits = intTable(spoken.value(u"digits"_s).toObject());
    forms->m_teens = intTable(spoken.value(u"teens"_s).toObject());
    forms->m_tens = intTable(spoken.value(u"tens"_s).toObject());
    forms->m_repeat = intTable(spoken.value(u"repeat"_s).toObject());
    forms->m_hours = intTable(root.value(u"hour_words"_s).toObject());
    const QHash<QString, int> ordinals = intTable(root.value(u"ordinals"_s).toObject());
    forms->m_ordinalWords = inverse(ordinals);
    forms->m_ordinals = ordinals;
    const QJsonObject dates = spoken.value(u"ordinal_dates"_s).toObject();
    for (const auto &v : dates.value(u"before"_s).toArray())
        forms->m_dateBefore << v.toString();
    for (const auto &v : dates.value(u"after"_s).toArray())
        forms->m_dateAfter << v.toString();
    const QJsonObject suffixes = dates.value(u"suffixes"_s).toObject();
    for (auto it = suffixes.begin(); it != suffixes.end(); ++it)
        forms->m_ordinalSuffixes.insert(it.key().toInt(), it.value().toString());
    forms->m_ordinalSuffix = dates.value(u"suffix"_s).toString();
    for (const auto &v : spoken.value(u"minute_zero"_s).toArray())
        forms->m_minuteZero << v.toString();
    const QJsonObject phrases = spoken.value(u"phrases"_s).toObject();
    for (auto it = phrases.begin(); it != phrases.end(); ++it) {
        QStringList parts;
        for (const QString &word : it.key().split(u' ', Qt::SkipEmptyParts))
            parts << QRegularExpression::escape(word);
        const QRegularExpression re(u"(?<![\\w.])"_s + parts.join(u"[\\s.]+"_s) + u"\\.?(?!\\w)"_s,
            QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
        forms->m_phrases.append({re, it.value().toString()});
    }
    forms->m_minDigitRun = spoken.value(u"min_digit_run"_s).toInt(5);
    forms->m_noon = spoken.value(u"noon"_s).toString();
    forms->m_midnight = spoken.value(u"midnight"_s).toString();
    if (forms->m_digits.isEmpty() || forms->m_hours.isEmpty()) {
        if (error)
            *error = u"spoken.digits and hour_words must not be empty"_s;
        return nullptr;
    }
    return forms;
}

bool SpokenForms::digitRunAt(const QList<Token> &tokens, int i, QString *digits, int *end) const
{
    if (m_minuteZero.contains(tokens.at(i).word))
        return false; // "oh, nine thirty": an interjection, not a zero
    QString run;
    int spoken = 0;
    int k = i;
    while (k < tokens.size()) {
        const QString &w = tokens.at(k).word;
        const bool hasNext = k + 1 < tokens.size();
        if (m_repeat.contains(w) && hasNext && m_digits.contains(tokens.at(k + 1).word)) {
            run += QString(m_repeat.value(w), QChar(u'0' + m_digits.value(tokens.at(k + 1).word)));
            k += 2;
            ++spoken;
        } else if (m_tens.contains(w)) {
            const int tens = m_tens.value(w) / 10;
            const int unit = hasNext ? m_digits.value(tokens.at(k + 1).word, -1) : -1;
            if (unit >= 1 && !m_minuteZero.contains(tokens.at(k + 1).word)) {
                run += QString::number(tens * 10 + unit);
                k += 2;
            } else {
                run += QString::number(tens * 10);
                k += 1;
            }
            ++spoken;
        } else if (m_teens.contains(w)) {
            run += QString::number(m_teens.value(w));
            ++k;
            ++spoken;
        } else if (m_digits.contains(w)) {
            run += QString::number(m_digits.value(w));
            ++k;
            ++spoken;
        } else if (allDigits(w) && w.size() <= 5 && k > i) {
            run += w;
            ++k;
        } else {
            break;
        }
        // A full stop or a question mark ends the run; commas and dashes between digits don't.
        const QString after = trailing(tokens.at(k - 1).raw);
        if (after.contains(u'.') || after.contains(u'?') || after.contains(u'!'))
            break;
    }
    if (spoken == 0 || k - i < 2 || run.size() < m_minDigitRun)
        return false;
    *digits = run;
    *end = k;
    return true;
}

bool SpokenForms::clockAt(const QList<Token> &tokens, int i, QString *clock, int *end) const
{
    const int hour = m_hours.value(tokens.at(i).word);
    if (hour < 1 || hour > 12 || i + 1 >= tokens.size() || !trailing(tokens.at(i).raw).isEmpty())
        return false;
    const QString &next = tokens.at(i + 1).word;
    int minute = -1;
    int k = i + 2;
    if (m_tens.contains(next) && m_tens.value(next) < 60) {
        minute = m_tens.value(next);
        if (k < tokens.size() && trailing(tokens.at(i + 1).raw).isEmpty()) {
            const int unit = m_digits.value(tokens.at(k).word, -1);
            if (unit >= 1 && !m_minuteZero.contains(tokens.at(k).word)) {
                minute += unit;
                ++k;
            }
        }
    } else if (m_teens.contains(next)) {
        minute = m_teens.value(next);
    } else if (m_minuteZero.contains(next) && k < tokens.size()) {
        const int unit = m_digits.value(tokens.at(k).word, -1);
        if (unit >= 1 && !m_minuteZero.contains(tokens.at(k).word)) {
            minute = unit;
            ++k;
        }
    } else if (next == u"am"_s || next == u"pm"_s) {
        *clock = QString::number(hour);
        *end = i + 1;
        return true;
    }
    if (minute < 0 || minute > 59)
        return false;
    *clock = u"%1:%2"_s.arg(hour).arg(minute, 2, 10, QChar(u'0'));
    *end = k;
    return true;
}

QString SpokenForms::rewrite(const QString &speech) const
{
    QString text = speech;
    for (const auto &[re, replacement] : m_phrases)
        text.replace(re, replacement);
    bool changed = text != speech; // nothing said the spoken way: the text stays exactly as written
    QList<Token> tokens;
    for (const QString &raw : text.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts)) {
        // "forty-five", "seven-seven-oh": number words joined by dashes are said apart
        const QStringList parts = raw.split(u'-', Qt::SkipEmptyParts);
        const bool numberParts = parts.size() > 1 && std::all_of(parts.cbegin(), parts.cend(), [&](const QString &p) {
            const QString w = stripped(p);
            return m_digits.contains(w) || m_tens.contains(w) || m_teens.contains(w);
        });
        if (numberParts) {
            for (qsizetype k = 0; k < parts.size(); ++k)
                tokens.append({stripped(parts.at(k)), parts.at(k)});
        } else {
            tokens.append({stripped(raw), raw});
        }
    }
    QStringList out;
    for (int i = 0; i < tokens.size();) {
        QString replacement;
        int end = i;
        if (digitRunAt(tokens, i, &replacement, &end) || clockAt(tokens, i, &replacement, &end)) {
            out << leading(tokens.at(i).raw) + replacement + trailing(tokens.at(end - 1).raw);
            i = end;
            changed = true;
            continue;
        }
        out << tokens.at(i).raw;
        ++i;
    }
    // "the fifth at 2:30", "on the twenty third at 9": a day of the month, written as a date
    for (qsizetype k = 1; k + 1 < out.size(); ++k) {
        if (!m_dateBefore.contains(stripped(out.at(k - 1))))
            continue;
        int day = m_ordinals.value(stripped(out.at(k)));
        qsizetype last = k;
        if (day == 0 && m_tens.contains(stripped(out.at(k))) && k + 2 < out.size()) {
            const int unit = m_ordinals.value(stripped(out.at(k + 1)));
            if (unit >= 1 && unit <= 9) {
                day = m_tens.value(stripped(out.at(k))) + unit;
                last = k + 1;
            }
        }
        if (day < 1 || day > 31 || last + 1 >= out.size() || !m_dateAfter.contains(stripped(out.at(last + 1))))
            continue;
        out[k] = QString::number(day) + m_ordinalSuffixes.value(day, m_ordinalSuffix) + trailing(out.at(last));
        out.remove(k + 1, last - k);
        changed = true;
    }
    return changed ? out.join(u' ') : speech;
}

QString SpokenForms::number(int n) const
{
    if (n < 0 || n > 99)
        return QString::number(n);
    const QMap<int, QString> digits = inverse(m_digits, m_minuteZero);
    if (n < 10)
        return digits.value(n, QString::number(n));
    const QMap<int, QString> teens = inverse(m_teens);
    if (n < 20)
        return teens.value(n, QString::number(n));
    const QMap<int, QString> tens = inverse(m_tens);
    const QString ten = tens.value(n / 10 * 10, QString::number(n / 10 * 10));
    return n % 10 == 0 ? ten : ten + u' ' + digits.value(n % 10);
}

QString SpokenForms::time(const QTime &t) const
{
    if (t.hour() == 12 && t.minute() == 0 && !m_noon.isEmpty())
        return m_noon;
    if (t.hour() == 0 && t.minute() == 0 && !m_midnight.isEmpty())
        return m_midnight;
    const int h12 = (t.hour() + 11) % 12 + 1;
    QString s = number(h12);
    if (t.minute() > 0) {
        s += u' ';
        if (t.minute() < 10)
            s += (m_minuteZero.isEmpty() ? number(0) : m_minuteZero.first()) + u' ';
        s += number(t.minute());
    }
    if (t.hour() >= 12)
        s += QCoreApplication::translate("FrontDesk::SpokenForms", " p m");
    return s;
}

QString SpokenForms::day(const QDate &date, const QDate &today) const
{
    const qint64 ahead = today.daysTo(date);
    if (ahead == 0)
        return QCoreApplication::translate("FrontDesk::SpokenForms", "today");
    if (ahead == 1)
        return QCoreApplication::translate("FrontDesk::SpokenForms", "tomorrow");
    const QString weekday = QLocale(QLocale::English, QLocale::UnitedStates).dayName(date.dayOfWeek());
    if (ahead > 1 && ahead < 7)
        return weekday;
    const int d = date.day();
    QString ordinal = m_ordinalWords.value(d);
    if (ordinal.isEmpty() && d > 20)
        ordinal = number(d / 10 * 10) + u' ' + m_ordinalWords.value(d % 10);
    return QCoreApplication::translate("FrontDesk::SpokenForms", "%1 the %2").arg(weekday, ordinal);
}

QString SpokenForms::forSpeech(const QString &text) const
{
    static const QRegularExpression sentenceEnd(u"(?<=[.!?])\\s+"_s);
    static const QRegularExpression link(u"https?://|www\\.|\\S+\\.(com|net|org|io)\\b"_s);
    static const QRegularExpression replyKeyword(u"\\b(Reply|Text|Respond)( with)? ([A-Z]{1,8}|\\d)\\b"_s);
    static const QRegularExpression clock(u"\\b(\\d{1,2})(?::(\\d{2}))?\\s*([AaPp])\\.?[Mm]\\b\\.?"_s);
    QStringList kept;
    for (const QString &sentence : text.split(sentenceEnd, Qt::SkipEmptyParts)) {
        if (link.match(sentence).hasMatch() || replyKeyword.match(sentence).hasMatch())
            continue;
        QString s = sentence;
        QString spokenText;
        qsizetype from = 0;
        for (auto it = clock.globalMatch(s); it.hasNext();) {
            const auto m = it.next();
            int hour = m.captured(1).toInt() % 12;
            if (m.captured(3).compare(u"p"_s, Qt::CaseInsensitive) == 0)
                hour += 12;
            const int minute = m.captured(2).toInt();
            spokenText += s.mid(from, m.capturedStart() - from) + time(QTime(hour, minute));
            if (m.captured(0).endsWith(u'.'))
                spokenText += u'.';
            from = m.capturedEnd();
        }
        spokenText += s.mid(from);
        kept << spokenText;
    }
    return kept.join(u' ');
}

} // namespace FrontDesk
