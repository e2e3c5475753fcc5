#include "app/agent/lexicon.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

using namespace Qt::StringLiterals;

// Q_INIT_RESOURCE declares the generated initializer: it must be used outside any namespace.
static void registerLexiconResources()
{
    Q_INIT_RESOURCE(lexicon);
}

namespace FrontDesk {

namespace {

constexpr std::pair<Cue, const char16_t *> kCueNames[] = {
    {Cue::NotUrgent, u"not_urgent"},
    {Cue::SomewhatUrgent, u"somewhat_urgent"},
    {Cue::WrongNumberStated, u"wrong_number_stated"},
    {Cue::TimeLeftToUs, u"time_left_to_us"},
    {Cue::Greeting, u"greeting"},
    {Cue::Thanks, u"thanks"},
    {Cue::Closing, u"closing"},
    {Cue::SomethingElse, u"something_else"},
    {Cue::AffirmStart, u"affirm_start"},
    {Cue::Recurring, u"recurring"},
    {Cue::WeekdaysOnly, u"weekdays_only"},
    {Cue::HoursQuestion, u"hours_question"},
    {Cue::AreaQuestion, u"area_question"},
    {Cue::ServicesQuestion, u"services_question"},
    {Cue::Reschedule, u"reschedule"},
    {Cue::Cancel, u"cancel"},
    {Cue::SameTime, u"same_time"},
    {Cue::ForeignEs, u"foreign_es"},
    {Cue::ForeignFr, u"foreign_fr"},
    {Cue::ForeignPt, u"foreign_pt"},
    {Cue::CallRequest, u"call_request"},
};

constexpr std::pair<Pattern, const char16_t *> kPatternNames[] = {
    {Pattern::OptOutAlone, u"opt_out_alone"},
    {Pattern::OptOutPhrase, u"opt_out_phrase"},
    {Pattern::OptInAlone, u"opt_in_alone"},
    {Pattern::HelpAlone, u"help_alone"},
    {Pattern::Human, u"human"},
    {Pattern::ComplaintStrong, u"complaint_strong"},
    {Pattern::ComplaintWeak, u"complaint_weak"},
    {Pattern::ExperienceCue, u"experience_cue"},
    {Pattern::WrongNumber, u"wrong_number"},
    {Pattern::Cancel, u"cancel"},
    {Pattern::Reschedule, u"reschedule"},
    {Pattern::DifferentTime, u"different_time"},
    {Pattern::RejectTime, u"reject_time"},
    {Pattern::Affirm, u"affirm"},
    {Pattern::Deny, u"deny"},
    {Pattern::NotUrgent, u"not_urgent"},
    {Pattern::UrgentWords, u"urgent_words"},
    {Pattern::Booking, u"booking"},
    {Pattern::QuestionStart, u"question_start"},
    {Pattern::PickEarliest, u"pick_earliest"},
    {Pattern::PickAny, u"pick_any"},
    {Pattern::AskShift, u"ask_shift"},
    {Pattern::PickShifted, u"pick_shifted"},
    {Pattern::TooEarly, u"too_early"},
    {Pattern::TooLate, u"too_late"},
    {Pattern::StreetAfter, u"street_after"},
    {Pattern::AskForPerson, u"ask_for_person"},
    {Pattern::CantMakeIt, u"cant_make_it"},
    {Pattern::RescheduleWord, u"reschedule_word"},
    {Pattern::NotADenial, u"not_a_denial"},
    {Pattern::CancelAlone, u"cancel_alone"},
    {Pattern::RescheduleAlone, u"reschedule_alone"},
    {Pattern::YesAlone, u"yes_alone"},
};

constexpr std::pair<WordClass, const char16_t *> kWordClassNames[] = {
    {WordClass::NameTitle, u"name_title"},
    {WordClass::NameClauseEnd, u"name_clause_end"},
    {WordClass::SentenceOpener, u"sentence_opener"},
    {WordClass::NameIs, u"name_is"},
    {WordClass::NameOpens, u"name_opens"},
    {WordClass::SelfIntro, u"self_intro"},
    {WordClass::IAm, u"i_am"},
    {WordClass::CallMe, u"call_me"},
    {WordClass::NameHere, u"name_here"},
    {WordClass::SignOff, u"sign_off"},
    {WordClass::PlaceBefore, u"place_before"},
    {WordClass::PlaceAfter, u"place_after"},
    {WordClass::CapitalPronoun, u"capital_pronoun"},
    {WordClass::ChoiceNoun, u"choice_noun"},
    {WordClass::ChoiceLabel, u"choice_label"},
    {WordClass::NumberSign, u"number_sign"},
    {WordClass::TimePreposition, u"time_preposition"},
    {WordClass::ChoiceTrailer, u"choice_trailer"},
    {WordClass::ChoiceVerb, u"choice_verb"},
    {WordClass::OrdinalSuffix, u"ordinal_suffix"},
    {WordClass::LatestAfterArticle, u"latest_after_article"},
    {WordClass::LatestWhenAsked, u"latest_when_asked"},
    {WordClass::Latest, u"latest"},
    {WordClass::NotChoiceAfterOrdinal, u"not_choice_after_ordinal"},
    {WordClass::TimeNoun, u"time_noun"},
    {WordClass::EarliestAfterFirst, u"earliest_after_first"},
    {WordClass::Negation, u"negation"},
    {WordClass::NounMarker, u"noun_marker"},
    {WordClass::ClauseJoiner, u"clause_joiner"},
    {WordClass::OptOutWord, u"opt_out_word"},
    {WordClass::Politeness, u"politeness"},
    {WordClass::Hesitation, u"hesitation"},
    {WordClass::DenyWord, u"deny_word"},
    {WordClass::AfterDeny, u"after_deny"},
    {WordClass::CountedUnit, u"counted_unit"},
    {WordClass::AddressWord, u"address_word"},
    {WordClass::NotAfterClock, u"not_after_clock"},
    {WordClass::TimeJoiner, u"time_joiner"},
    {WordClass::NextOpening, u"next_opening"},
    {WordClass::Asap, u"asap"},
    {WordClass::AsapAfterNow, u"asap_after_now"},
    {WordClass::RightNow, u"right_now"},
    {WordClass::NotAsap, u"not_asap"},
    {WordClass::PieceStart, u"piece_start"},
    {WordClass::TodaySignOff, u"today_sign_off"},
    {WordClass::ForMe, u"for_me"},
    {WordClass::DoneForToday, u"done_for_today"},
    {WordClass::ListJoiner, u"list_joiner"},
    {WordClass::ExcludeBefore, u"exclude_before"},
    {WordClass::NoBefore, u"no_before"},
    {WordClass::FillerBefore, u"filler_before"},
    {WordClass::Except, u"except"},
    {WordClass::AnyBut, u"any_but"},
    {WordClass::CantDo, u"cant_do"},
    {WordClass::BoundWord, u"bound_word"},
    {WordClass::BusyBefore, u"busy_before"},
    {WordClass::RuledOutAfter, u"ruled_out_after"},
    {WordClass::TimeLead, u"time_lead"},
    {WordClass::DateArticle, u"date_article"},
    {WordClass::BoundSkip, u"bound_skip"},
    {WordClass::UntilWord, u"until_word"},
    {WordClass::DayAround, u"day_around"},
    {WordClass::AfterWord, u"after_word"},
    {WordClass::BeforeWord, u"before_word"},
    {WordClass::NotWord, u"not_word"},
    {WordClass::UpTo, u"up_to"},
    {WordClass::FromOn, u"from_on"},
    {WordClass::Ago, u"ago"},
    {WordClass::Since, u"since"},
    {WordClass::PluralDays, u"plural_days"},
    {WordClass::AnyTimeLead, u"any_time_lead"},
    {WordClass::BoundAfterWord, u"bound_after"},
    {WordClass::PastWord, u"past_word"},
    {WordClass::ClockFraction, u"clock_fraction"},
    {WordClass::BoundBeforeWord, u"bound_before"},
    {WordClass::BoundBeforeGlued, u"bound_before_glued"},
    {WordClass::FromWord, u"from_word"},
    {WordClass::Lunch, u"lunch"},
    {WordClass::WorkEnd, u"work_end"},
    {WordClass::SchoolEnd, u"school_end"},
    {WordClass::Dinner, u"dinner"},
    {WordClass::AfterWordHour, u"after_word_hour"},
    {WordClass::RangeTo, u"range_to"},
    {WordClass::AtTheLatest, u"at_the_latest"},
    {WordClass::BusyUntil, u"busy_until"},
    {WordClass::Till, u"till"},
    {WordClass::AfterThat, u"after_that"},
    {WordClass::FreeFiller, u"free_filler"},
    {WordClass::PastAlone, u"past_alone"},
    {WordClass::LastPast, u"last_past"},
    {WordClass::PastPeriod, u"past_period"},
    {WordClass::HabitLead, u"habit_lead"},
    {WordClass::HabitPeriod, u"habit_period"},
    {WordClass::TimeTrigger, u"time_trigger"},
    {WordClass::NotTriggerPart, u"not_trigger_part"},
    {WordClass::NotTriggerWeekday, u"not_trigger_weekday"},
    {WordClass::ThisWord, u"this_word"},
    {WordClass::TimeApproval, u"time_approval"},
    {WordClass::WordlikeWeekday, u"wordlike_weekday"},
    {WordClass::NotBeforeWeekday, u"not_before_weekday"},
    {WordClass::BeforeWeekday, u"before_weekday"},
    {WordClass::AfterWeekday, u"after_weekday"},
};

constexpr std::pair<Lexicon::Table, const char16_t *> kTableNames[] = {
    {Lexicon::Table::Number, u"numbers"},
    {Lexicon::Table::HourWord, u"hour_words"},
    {Lexicon::Table::Ordinal, u"ordinals"},
    {Lexicon::Table::Weekday, u"weekdays"},
    {Lexicon::Table::WeekdayAbbreviation, u"weekday_abbreviations"},
    {Lexicon::Table::Month, u"months"},
    {Lexicon::Table::MonthAbbreviation, u"month_abbreviations"},
};

static_assert(std::size(kWordClassNames) == std::size_t(WordClass::Count), "every word class has its name");

QDate easterSunday(int year)
{
    // the anonymous Gregorian algorithm (Meeus/Jones/Butcher)
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return QDate(year, month, day);
}

QStringList phraseWords(const QString &text)
{
    QStringList words;
    for (const Token &t : Tokenizer::tokenize(text)) {
        if (t.isPunct() && (t.text == u"*" || t.text == u"#"))
            words << t.text; // any one word; any one number (rewrites)
        else if (!t.isPunct())
            words << t.text;
    }
    return words;
}

} // namespace

QDate HolidayRule::dateIn(int year) const
{
    QDate d;
    switch (kind) {
    case Kind::Fixed:
        d = QDate(year, month, day);
        break;
    case Kind::Easter:
        d = easterSunday(year);
        break;
    case Kind::NthWeekday:
        if (n > 0) {
            d = QDate(year, month, 1);
            d = d.addDays((weekday - d.dayOfWeek() + 7) % 7 + 7 * (n - 1));
        } else {
            d = QDate(year, month, 1).addMonths(1).addDays(-1);
            d = d.addDays(-((d.dayOfWeek() - weekday + 7) % 7));
        }
        break;
    }
    return d.isValid() ? d.addDays(offset) : d;
}

void Lexicon::PhraseIndex::add(const QString &text, int tag)
{
    QString body = text.trimmed();
    Phrase p;
    p.tag = tag;
    if (body.startsWith(u'^')) {
        p.anchorStart = true;
        body.remove(0, 1);
    }
    if (body.endsWith(u'$')) {
        p.anchorEnd = true;
        body.chop(1);
    }
    p.words = phraseWords(body);
    if (p.words.isEmpty())
        return;
    const int index = int(phrases.size());
    phrases.append(p);
    if (p.words.first() == u"*")
        wildFirst.append(index);
    else
        byFirst[p.words.first()].append(index);
}

template <typename F>
void Lexicon::PhraseIndex::matchAt(const QList<Token> &tokens, const QList<int> &words, int k, F &&found) const
{
    const auto tryPhrase = [&](int index) {
        const Phrase &p = phrases.at(index);
        if (p.anchorStart && k != 0)
            return;
        const int n = int(p.words.size());
        if (k + n > words.size())
            return;
        for (int w = 0; w < n; ++w)
            if (p.words.at(w) != u"*" && tokens.at(words.at(k + w)).text != p.words.at(w))
                return;
        if (p.anchorEnd && k + n != words.size())
            return;
        found(p.tag, words.at(k), words.at(k + n - 1) + 1);
    };
    const auto it = byFirst.constFind(tokens.at(words.at(k)).text);
    if (it != byFirst.cend())
        for (int index : *it)
            tryPhrase(index);
    for (int index : wildFirst)
        tryPhrase(index);
}

std::shared_ptr<const Lexicon> Lexicon::forLanguage(const QString &code)
{
    static QMutex mutex;
    static QHash<QString, std::shared_ptr<const Lexicon>> loaded;
    QMutexLocker lock(&mutex);
    if (const auto it = loaded.constFind(code); it != loaded.cend())
        return *it;
    static const bool registered = [] {
        registerLexiconResources();
        return true;
    }();
    Q_UNUSED(registered)
    std::shared_ptr<const Lexicon> lexicon;
    QFile file(u":/lexicon/"_s + code + u".json"_s);
    if (file.open(QIODevice::ReadOnly)) {
        QString error;
        lexicon = fromJson(file.readAll(), &error);
        if (!lexicon)
            qWarning("lexicon %s: %s", qPrintable(code), qPrintable(error));
    }
    loaded.insert(code, lexicon);
    return lexicon;
}

std::shared_ptr<const Lexicon> Lexicon::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = parseError.errorString();
        return nullptr;
    }
    const QJsonObject o = doc.object();
    auto lex = std::make_shared<Lexicon>();
    lex->m_language = o.value(u"language"_s).toString();
    if (lex->m_language.isEmpty()) {
        if (error)
            *error = u"the lexicon names no language"_s;
        return nullptr;
    }
    for (const auto &[table, name] : kTableNames) {
        const QJsonObject words = o.value(QString::fromUtf16(name)).toObject();
        auto &target = lex->m_tables[std::size_t(table)];
        for (auto it = words.begin(); it != words.end(); ++it)
            target.insert(it.key(), it.value().toInt());
    }
    const auto strings = [](const QJsonValue &v) {
        QStringList list;
        for (const auto &item : v.toArray())
            list << item.toString();
        return list;
    };
    const auto stringMap = [](const QJsonValue &v) {
        QHash<QString, QString> map;
        const QJsonObject obj = v.toObject();
        for (auto it = obj.begin(); it != obj.end(); ++it)
            map.insert(it.key(), it.value().toString());
        return map;
    };
    lex->m_parts = stringMap(o.value(u"parts_of_day"_s));
    lex->m_units = stringMap(o.value(u"units"_s));
    lex->m_zones = stringMap(o.value(u"zones"_s));
    for (const QString &w : strings(o.value(u"zone_fillers"_s)))
        lex->m_zoneFillers.insert(w);
    for (const QString &w : strings(o.value(u"today"_s)))
        lex->m_today.insert(w);
    for (const QString &w : strings(o.value(u"tomorrow"_s)))
        lex->m_tomorrow.insert(w);
    for (const QString &w : strings(o.value(u"trades"_s).toObject().value(u"words"_s)))
        lex->m_tradeWords.insert(w);

    const QJsonObject cues = o.value(u"cues"_s).toObject();
    for (const auto &[cue, name] : kCueNames)
        for (const QString &phrase : strings(cues.value(QString::fromUtf16(name))))
            lex->m_cues.add(phrase, int(cue));

    for (const auto &v : o.value(u"holidays"_s).toArray()) {
        const QJsonObject h = v.toObject();
        HolidayRule rule;
        rule.name = h.value(u"name"_s).toString();
        const QString kind = h.value(u"rule"_s).toString();
        rule.kind = kind == u"easter" ? HolidayRule::Kind::Easter
            : kind == u"nth"          ? HolidayRule::Kind::NthWeekday
                                      : HolidayRule::Kind::Fixed;
        rule.month = h.value(u"month"_s).toInt();
        rule.day = h.value(u"day"_s).toInt();
        rule.weekday = h.value(u"weekday"_s).toInt();
        rule.n = h.value(u"n"_s).toInt();
        rule.offset = h.value(u"offset"_s).toInt();
        const int index = int(lex->m_holidays.size());
        lex->m_holidays.append(rule);
        for (const QString &name : strings(h.value(u"words"_s)))
            lex->m_holidayNames.add(name, index);
    }
    const QJsonObject patterns = o.value(u"patterns"_s).toObject();
    for (const auto &[which, name] : kPatternNames) {
        const QString key = QString::fromUtf16(name);
        QRegularExpression re(patterns.contains(key) ? patterns.value(key).toString() : u"(?!)"_s);
        if (!re.isValid()) {
            if (error)
                *error = u"patterns.%1: %2"_s.arg(key, re.errorString());
            return nullptr;
        }
        re.optimize();
        lex->m_patterns[std::size_t(which)] = re;
    }
    const QJsonObject classes = o.value(u"word_classes"_s).toObject();
    QHash<QString, int> classIndex;
    for (const auto &[which, name] : kWordClassNames)
        classIndex.insert(QString::fromUtf16(name), int(which));
    for (auto it = classes.begin(); it != classes.end(); ++it)
        if (it.value().isArray() && !classIndex.contains(it.key()))
            classIndex.insert(it.key(), int(classIndex.size())); // a helper class
    lex->m_wordClasses.resize(classIndex.size());
    lex->m_classPhrases.resize(classIndex.size());
    for (auto it = classIndex.cbegin(); it != classIndex.cend(); ++it) {
        const int which = it.value();
        const QString &name = it.key();
        for (const QString &entry : strings(classes.value(name))) {
            const QStringList words = entry.split(u' ', Qt::SkipEmptyParts);
            if (words.size() == 1 && !words.first().startsWith(u'<')) {
                lex->m_wordClasses[which].insert(words.first());
                continue;
            }
            QList<Element> elements;
            for (QString w : words) {
                Element e;
                e.optional = w.size() > 1 && w.endsWith(u'?');
                if (e.optional)
                    w.chop(1);
                if (w.startsWith(u'<') && w.endsWith(u'>')) {
                    const QString ref = w.mid(1, w.size() - 2);
                    e.trade = ref == u"trade";
                    e.ref = classIndex.value(ref, -1);
                    if (e.ref < 0 && !e.trade) {
                        if (error)
                            *error = u"word_classes.%1: no class '%2'"_s.arg(name, ref);
                        return nullptr;
                    }
                } else {
                    e.text = w;
                }
                elements.append(e);
            }
            if (!elements.isEmpty())
                lex->m_classPhrases[which].append(elements);
        }
    }
    lex->m_classFirsts.resize(lex->m_wordClasses.size());
    lex->m_classAnyFirst.resize(lex->m_wordClasses.size());
    for (int c = 0; c < lex->m_wordClasses.size(); ++c) {
        bool any = false;
        lex->collectFirsts(c, &lex->m_classFirsts[c], &any, 0);
        lex->m_classAnyFirst[c] = any;
    }
    const QJsonObject around = o.value(u"around_holiday"_s).toObject();
    for (auto it = around.begin(); it != around.end(); ++it)
        lex->m_around.add(it.key(), it.value().toInt());

    // Language detection, SMS shortcuts, rewrites into the resolver's words, the agent's replies.
    const QJsonObject detect = o.value(u"detect"_s).toObject();
    const QJsonObject markers = detect.value(u"words"_s).toObject();
    for (auto it = markers.begin(); it != markers.end(); ++it)
        lex->m_markers.insert(fold(it.key()), it.value().toDouble(1));
    lex->m_markerLetters = detect.value(u"letters"_s).toString();
    const QJsonObject shortcuts = o.value(u"shortcuts"_s).toObject();
    for (auto it = shortcuts.begin(); it != shortcuts.end(); ++it)
        lex->m_shortcuts.insert(fold(it.key()), it.value().toString());
    const QJsonObject rewrites = o.value(u"rewrites"_s).toObject();
    for (auto it = rewrites.begin(); it != rewrites.end(); ++it) {
        if (it.key().startsWith(u'_'))
            continue; // a comment
        Rewrite r;
        r.atStart = it.key().startsWith(u'^');
        for (const QString &w : phraseWords(it.key()))
            r.words << (w == u"*" || w == u"#" ? w : fold(w));
        if (r.words.isEmpty()) {
            if (error)
                *error = u"rewrites: '%1' has no words"_s.arg(it.key());
            return nullptr;
        }
        r.output = it.value().toString();
        lex->m_rewrites.append(r);
    }
    lex->m_replies = stringMap(o.value(u"replies"_s));
    const QJsonObject everyday = o.value(u"everyday_words"_s).toObject();
    for (const QString &w : strings(everyday.value(u"function_words"_s)))
        lex->m_functionWords.insert(w);
    for (const QString &w : strings(everyday.value(u"common_words"_s)))
        lex->m_commonWords.insert(w);
    lex->m_nonNameEndings = strings(everyday.value(u"non_name_endings"_s));
    lex->m_pastEnding = everyday.value(u"past_ending"_s).toString();
    lex->m_pastMinLength = everyday.value(u"past_min_length"_s).toInt();
    lex->m_pastNotAfter = strings(everyday.value(u"past_not_after"_s));
    lex->m_locale = o.value(u"locale"_s).toString(u"en_US"_s);
    return lex;
}

bool Lexicon::looksLikeNonName(QStringView word) const
{
    if (word.size() < 4)
        return false;
    for (const QString &ending : m_nonNameEndings)
        if (word.size() > ending.size() + 2 && word.endsWith(ending))
            return true;
    if (m_pastEnding.isEmpty() || word.size() < m_pastMinLength || !word.endsWith(m_pastEnding))
        return false;
    return std::none_of(m_pastNotAfter.cbegin(), m_pastNotAfter.cend(),
        [&](const QString &e) { return word.endsWith(e); }); // "busted", not "alfred"
}

QString Lexicon::fold(QStringView word)
{
    QString out;
    out.reserve(word.size());
    bool plain = true;
    for (const QChar c : word)
        if (c.unicode() >= 0x80 || c.isUpper())
            plain = false;
    if (plain)
        return word.toString();
    const QString decomposed = word.toString().normalized(QString::NormalizationForm_D);
    for (const QChar c : decomposed)
        if (c.category() != QChar::Mark_NonSpacing)
            out.append(c.toLower());
    return out;
}

QList<CueHit> Lexicon::findCues(const QList<Token> &tokens) const
{
    QList<int> words;
    words.reserve(tokens.size());
    for (int i = 0; i < tokens.size(); ++i)
        if (!tokens.at(i).isPunct())
            words.append(i);
    QList<CueHit> hits;
    for (int k = 0; k < words.size(); ++k)
        m_cues.matchAt(tokens, words, k, [&](int tag, int first, int last) { hits.append({Cue(tag), first, last}); });
    return hits;
}

std::optional<Lexicon::HolidayMatch> Lexicon::holidayAt(const QList<Token> &tokens, int i) const
{
    if (i < 0 || i >= tokens.size() || tokens.at(i).isPunct() || !m_holidayNames.byFirst.contains(tokens.at(i).text))
        return std::nullopt;
    // the words from i on to the first punctuation but a full stop ("St. Patrick's Day"), at most six
    QList<int> words;
    for (int k = i; k < tokens.size() && words.size() < 6; ++k) {
        if (tokens.at(k).isPunct() && tokens.at(k).text != u".")
            break;
        if (!tokens.at(k).isPunct())
            words.append(k);
    }
    std::optional<HolidayMatch> best;
    m_holidayNames.matchAt(tokens, words, 0, [&](int tag, int, int last) {
        if (!best || last > best->end)
            best = HolidayMatch {tag, last};
    });
    return best;
}

std::optional<std::pair<int, int>> Lexicon::aroundHolidayAt(const QList<Token> &tokens, int i) const
{
    if (i < 0 || i >= tokens.size() || tokens.at(i).isPunct() || !m_around.byFirst.contains(tokens.at(i).text))
        return std::nullopt;
    QList<int> words;
    for (int k = i; k < tokens.size() && words.size() < 4 && !tokens.at(k).isPunct(); ++k)
        words.append(k);
    std::optional<std::pair<int, int>> best;
    m_around.matchAt(tokens, words, 0, [&](int tag, int, int last) {
        if (!best || last > best->second)
            best = std::pair<int, int> {tag, last};
    });
    return best;
}

int Lexicon::phraseAt(WordClass c, const QList<Token> &tokens, int i) const
{
    return phraseAt(int(c), tokens, i, 0);
}

void Lexicon::collectFirsts(int c, QSet<QString> *firsts, bool *any, int depth) const
{
    if (depth > 4) {
        *any = true; // nested too deep to tell: try every token
        return;
    }
    *firsts += m_wordClasses.at(c);
    for (const QList<Element> &phrase : m_classPhrases.at(c)) {
        for (const Element &e : phrase) {
            if (e.trade)
                *firsts += m_tradeWords;
            else if (e.ref >= 0)
                collectFirsts(e.ref, firsts, any, depth + 1);
            else
                firsts->insert(e.text);
            if (!e.optional)
                break;
        }
    }
}

int Lexicon::phraseEndingAt(WordClass c, const QList<Token> &tokens, int end) const
{
    for (int start = std::max(0, end - 6); start < end; ++start)
        if (phraseAt(int(c), tokens, start, 0) == end - start)
            return start;
    return -1;
}

int Lexicon::phraseAt(int c, const QList<Token> &tokens, int i, int depth) const
{
    if (i < 0 || i >= tokens.size())
        return 0;
    if (c < 0 || c >= m_wordClasses.size()
        || (!m_classAnyFirst.at(c) && !m_classFirsts.at(c).contains(tokens.at(i).text)))
        return 0;
    int best = tokens.at(i).isWord() && m_wordClasses.at(c).contains(tokens.at(i).text) ? 1 : 0;
    for (const QList<Element> &phrase : m_classPhrases.at(c)) {
        const int end = matchFrom(phrase, 0, tokens, i, depth);
        best = std::max(best, end - i);
    }
    return best;
}

int Lexicon::matchFrom(const QList<Element> &elements, int e, const QList<Token> &tokens, int i, int depth) const
{
    if (e == elements.size())
        return i;
    const Element &x = elements.at(e);
    int length = 0;
    if (i < tokens.size()) {
        const Token &t = tokens.at(i);
        if (x.trade)
            length = t.isWord() && m_tradeWords.contains(t.text) ? 1 : 0;
        else if (x.ref >= 0)
            length = depth < 4 ? phraseAt(x.ref, tokens, i, depth + 1) : 0; // no endless nesting
        else
            length = t.text == x.text ? 1 : 0;
    }
    int end = length > 0 ? matchFrom(elements, e + 1, tokens, i + length, depth) : -1;
    if (end < 0 && x.optional)
        end = matchFrom(elements, e + 1, tokens, i, depth);
    return end;
}

bool Lexicon::startsPhrase(const QString &word) const
{
    return m_holidayNames.byFirst.contains(word) || m_around.byFirst.contains(word);
}

} // namespace FrontDesk
