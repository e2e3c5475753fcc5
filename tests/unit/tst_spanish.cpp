// Spanish: the grammar over the one resolver (a table of dates and times), the offline language
// detector over our own conversations' first messages, the rewrites, the opt-out words, the
// profile's Spanish fields and the templates' Spanish defaults. No window, no store.
#include "app/agent/agent.h"
#include "app/agent/languagedetector.h"
#include "app/agent/lexicon.h"
#include "app/agent/messageparser.h"
#include "app/agent/rewriter.h"
#include "models/businessprofile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

const QString kHouston = QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-houston.json");

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestSpanish : public QObject
{
    Q_OBJECT

private:
    std::optional<BusinessProfile> m_houston;
    std::unique_ptr<MessageParser> m_parser;

    QDateTime monday10() const { return QDateTime(QDate(2026, 6, 8), QTime(10, 0), m_houston->timeZone()); }
    ParsedMessage parse(const QString &text, const QString &awaiting = {}, const QString &language = {}) const
    {
        ParseContext context;
        context.awaiting = awaiting;
        context.language = language;
        return m_parser->parse(text, monday10(), context);
    }

private slots:
    void initTestCase()
    {
        ProfileError error;
        m_houston = BusinessProfile::fromFile(kHouston, &error);
        QVERIFY2(m_houston, qPrintable(error.toString()));
        m_parser = std::make_unique<MessageParser>(*m_houston);
        QVERIFY(Lexicon::forLanguage(u"es"_s));
    }

    // The table: each Spanish (or mixed) phrasing and the first time it names, said on Monday
    // 2026-06-08 at 10:00 in Houston, the language detected from the words alone.
    void dates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("end");
        QFile f(QStringLiteral(FRONTDESK_SOURCE_DIR "/tests/fixtures/spanish-dates.tsv"));
        QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
        int rows = 0;
        while (!f.atEnd()) {
            const QString line = QString::fromUtf8(f.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith(u'#'))
                continue;
            const QStringList cols = line.split(u'\t');
            QCOMPARE(cols.size(), 3);
            QTest::newRow(qPrintable(cols.at(0))) << cols.at(0) << cols.at(1) << cols.at(2);
            ++rows;
        }
        QVERIFY2(rows >= 150, "the Spanish date table has at least 150 rows");
    }

    void dates()
    {
        QFETCH(QString, text);
        QFETCH(QString, start);
        QFETCH(QString, end);
        const ParsedMessage p = parse(text);
        QVERIFY2(!p.when.isEmpty(), "a time is understood");
        const QTimeZone zone = m_houston->timeZone();
        QCOMPARE(p.when.first().start.toTimeZone(zone).toString(u"yyyy-MM-ddTHH:mm"_s), start);
        QCOMPARE(p.when.first().end.toTimeZone(zone).toString(u"yyyy-MM-ddTHH:mm"_s), end);
    }

    // Detection from the first words: the first customer text of every conversation fixture whose
    // language is known (its expectation says it, or it is one of our English ones).
    void detection()
    {
        int right = 0;
        int total = 0;
        QStringList wrong;
        const QStringList folders = {QStringLiteral(FRONTDESK_SOURCE_DIR "/tests/fixtures/scenarios"),
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/public"),
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/spanish")};
        for (const QString &folder : folders) {
            for (const QFileInfo &file : QDir(folder).entryInfoList({u"*.json"_s}, QDir::Files, QDir::Name)) {
                const QJsonObject scenario = readJson(file.filePath());
                QString first;
                for (const auto &step : scenario.value(u"steps"_s).toArray()) {
                    first = step.toObject().value(u"customer"_s).toString();
                    if (first.isEmpty()) {
                        const QJsonObject persona = step.toObject().value(u"persona"_s).toObject();
                        first = persona.value(u"service"_s).toString();
                    }
                    if (!first.isEmpty())
                        break;
                }
                if (first.isEmpty())
                    continue;
                QString truth = scenario.value(u"expect"_s).toObject().value(u"language"_s).toString();
                const bool ours = file.fileName().startsWith(u"es-"_s) || folder.endsWith(u"spanish"_s);
                const bool otherLanguage = file.fileName().contains(u"french"_s)
                    || file.fileName().contains(u"portuguese"_s) || file.fileName().contains(u"language"_s);
                if (truth.isEmpty() && file.fileName().contains(u"spanish"_s))
                    truth = u"es"_s; // our English business's fixtures of a caller who writes Spanish
                if (truth.isEmpty() && !ours && !otherLanguage)
                    truth = u"en"_s;
                if (truth.isEmpty())
                    continue; // opt-out words, a mixed text: no one language to be right about
                ++total;
                const QString got = parse(first).language;
                if (got == truth)
                    ++right;
                else
                    wrong << u"%1: \"%2\" read as %3"_s.arg(file.fileName(), first, got);
            }
        }
        const double rate = total ? 100.0 * right / total : 0;
        qInfo().noquote() << u"language detection on first messages: %1 of %2 right (%3 %)"_s.arg(right).arg(total).arg(
            rate, 0, 'f', 1);
        for (const QString &w : std::as_const(wrong))
            qInfo().noquote() << u"  wrong: "_s + w;
        QVERIFY(total >= 150);
        QVERIFY2(rate >= 98.0, "the language is right for at least 98 % of first messages");
    }

    void detectorDecidesOnlyOnEvidence_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("language"); // empty: undecided
        QTest::newRow("spanish") << u"hola, necesito que vengan a revisar el aire"_s << u"es"_s;
        QTest::newRow("no accents") << u"necesito plomero xq se tapo el bano"_s << u"es"_s;
        QTest::newRow("accented letters") << u"¿mañana está bien?"_s << u"es"_s;
        QTest::newRow("english") << u"can you come out tomorrow morning to fix my furnace"_s << u"en"_s;
        QTest::newRow("zip") << u"77005"_s << QString();
        QTest::newRow("a number") << u"2"_s << QString();
        QTest::newRow("ok") << u"ok"_s << QString();
        QTest::newRow("one word") << u"hola"_s << QString();
        QTest::newRow("a name") << u"Dale Cooper"_s << QString();
    }

    void detectorDecidesOnlyOnEvidence()
    {
        QFETCH(QString, text);
        QFETCH(QString, language);
        QCOMPARE(LanguageDetector::builtIn().detect(text).language, language);
    }

    void conversationLanguageDecidesShortTexts()
    {
        QCOMPARE(parse(u"77005"_s, u"zip"_s, u"es"_s).language, u"es"_s);
        QCOMPARE(parse(u"77005"_s, u"zip"_s, u"en"_s).language, u"en"_s);
        QCOMPARE(parse(u"sí"_s, u"confirm"_s, u"es"_s).intent, Intent::Affirm);
        QCOMPARE(parse(u"claro"_s, u"confirm"_s, u"es"_s).intent, Intent::Affirm);
        QCOMPARE(parse(u"dale"_s, u"confirm"_s, u"es"_s).intent, Intent::Affirm);
        QCOMPARE(parse(u"no, gracias"_s, u"confirm"_s, u"es"_s).intent, Intent::Deny);
        QCOMPARE(parse(u"el primero"_s, u"choice"_s, u"es"_s).choice, std::optional<int>(1));
        QCOMPARE(parse(u"la segunda"_s, u"choice"_s, u"es"_s).choice, std::optional<int>(2));
        QCOMPARE(parse(u"me llamo Luis Hernández"_s, u"name"_s, u"es"_s).name, u"Luis Hernández"_s);
        QCOMPARE(parse(u"soy Ana Ruiz"_s, u"name"_s, u"es"_s).name, u"Ana Ruiz"_s);
        // a name that is also a Spanish word, given when the name was asked
        QCOMPARE(parse(u"Dale Cooper"_s, u"name"_s, u"es"_s).name, u"Dale Cooper"_s);
        QCOMPARE(parse(u"Rafael Cano"_s, u"name"_s, u"es"_s).name, u"Rafael Cano"_s);
        QCOMPARE(parse(u"mi código postal es 77006"_s, u"zip"_s, u"es"_s).zip, u"77006"_s);
    }

    void intents_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Intent>("intent");
        QTest::newRow("book") << u"quiero hacer una cita para mantenimiento"_s << Intent::Book;
        QTest::newRow("reschedule") << u"necesito cambiar la cita para el jueves"_s << Intent::Reschedule;
        QTest::newRow("cancel") << u"quiero cancelar mi cita"_s << Intent::Cancel;
        QTest::newRow("question") << u"cuánto cuesta la visita?"_s << Intent::Question;
        QTest::newRow("human") << u"quiero hablar con una persona"_s << Intent::Human;
        QTest::newRow("complaint") << u"el técnico nunca llegó, pésimo servicio"_s << Intent::Complaint;
        QTest::newRow("emergency") << u"huele a gas en la cocina"_s << Intent::Emergency;
        QTest::newRow("wrong number") << u"número equivocado"_s << Intent::WrongNumber;
        QTest::newRow("opt out ALTO") << u"ALTO"_s << Intent::OptOut;
        QTest::newRow("opt out PARAR") << u"parar"_s << Intent::OptOut;
        QTest::newRow("opt out PARA") << u"PARA"_s << Intent::OptOut;
        QTest::newRow("opt out BAJA") << u"Baja"_s << Intent::OptOut;
        QTest::newRow("opt out DETENER") << u"DETENER"_s << Intent::OptOut;
        QTest::newRow("opt out phrase") << u"no me escriban más"_s << Intent::OptOut;
        QTest::newRow("opt out phrase no accents") << u"por favor ya no me manden mas mensajes"_s << Intent::OptOut;
        QTest::newRow("help") << u"AYUDA"_s << Intent::Help;
        QTest::newRow("para is not alone") << u"para mañana en la tarde"_s << Intent::Book;
        QTest::newRow("alto in a sentence") << u"el ruido es muy alto y el aire no enfría"_s << Intent::Book;
    }

    void intents()
    {
        QFETCH(QString, text);
        QFETCH(Intent, intent);
        QCOMPARE(parse(text, {}, u"es"_s).intent, intent);
    }

    void tradeWordsWithoutProfileKeywords()
    {
        // The profile lists no "calefacción" for heating-repair's English twin words; the Spanish
        // trade words are read as the resolver's own and meet the profile's English keywords.
        QCOMPARE(parse(u"la calefacción no calienta"_s).service, u"heating-repair"_s);
        QCOMPARE(parse(u"el minisplit tira aire caliente"_s).service, u"ac-repair"_s);
        QCOMPARE(parse(u"necesito un mantenimiento del clima"_s).service, u"maintenance"_s);
        // the plumbing the business doesn't do, named in Spanish
        QCOMPARE(parse(u"hacen trabajos de plomería?"_s).notOfferedKeyword, u"plumbing"_s);
        // mixed English and Spanish in one text
        const ParsedMessage mixed = parse(u"my AC no enfría, pueden venir mañana a las 3?"_s);
        QCOMPARE(mixed.service, u"ac-repair"_s);
        QVERIFY(!mixed.when.isEmpty());
        QCOMPARE(mixed.when.first().start.toTimeZone(m_houston->timeZone()),
            QDateTime(QDate(2026, 6, 9), QTime(15, 0), m_houston->timeZone()));
    }

    void rewriterKeepsProfileWordsAndNames()
    {
        Rewriter rewriter(Lexicon::forLanguage(u"es"_s));
        rewriter.protect(u"no enfría"_s);
        const QString text = u"Hola, me llamo Rafael Cano y el aire no enfria mñn x la tarde"_s;
        const QString out = rewriter.rewrite(text, Tokenizer::tokenize(text));
        QVERIFY2(out.contains(u"Rafael Cano"_s), qPrintable(out));
        QVERIFY2(out.contains(u"no enfria"_s), qPrintable(out));
        QVERIFY2(out.contains(u"tomorrow afternoon"_s), qPrintable(out));
        QVERIFY2(out.contains(u"my name is"_s), qPrintable(out));
    }

    void profileSpanishFields()
    {
        QCOMPARE(m_houston->languages, (QStringList {u"en"_s, u"es"_s}));
        QCOMPARE(m_houston->services.first().nameEs, u"Reparación de aire acondicionado"_s);
        QVERIFY(m_houston->services.first().keywordsEs.contains(u"no enfría"_s));
        QCOMPARE(m_houston->faq.first().answerEs, u"La visita de diagnóstico cuesta $79."_s);
        // exported and read back the same
        ProfileError error;
        const auto again = BusinessProfile::fromJsonObject(m_houston->toJson(), &error);
        QVERIFY2(again, qPrintable(error.toString()));
        QCOMPARE(again->languages, m_houston->languages);
        QCOMPARE(again->templatesEs, m_houston->templatesEs);
        QCOMPARE(again->services.first().keywordsEs, m_houston->services.first().keywordsEs);
        QCOMPARE(again->faq.first().keywordsEs, m_houston->faq.first().keywordsEs);
        // a profile without them is English only
        QJsonObject plain = m_houston->toJson();
        plain.remove(u"languages"_s);
        QCOMPARE(BusinessProfile::fromJsonObject(plain, &error)->languages, QStringList {u"en"_s});
    }

    void profileErrorsNameTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("languages not a list") << u"languages"_s << QJsonValue(u"es"_s) << u"languages"_s;
        QTest::newRow("unknown language")
            << u"languages"_s << QJsonValue(QJsonArray {u"en"_s, u"fr"_s}) << u"languages[1]"_s;
        QTest::newRow("empty languages") << u"languages"_s << QJsonValue(QJsonArray {}) << u"languages"_s;
        QTest::newRow("templates_es not an object") << u"templates_es"_s << QJsonValue(u"hola"_s) << u"templates_es"_s;
        QTest::newRow("empty Spanish template")
            << u"templates_es"_s << QJsonValue(QJsonObject {{u"help"_s, u" "_s}}) << u"templates_es.help"_s;
    }

    void profileErrorsNameTheField()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, named);
        QJsonObject o = m_houston->toJson();
        o.insert(field, value);
        ProfileError error;
        QVERIFY(!BusinessProfile::fromJsonObject(o, &error));
        QCOMPARE(error.field, named);
    }

    void spanishFieldErrorsNameTheField()
    {
        QJsonObject o = m_houston->toJson();
        QJsonArray services = o.value(u"services"_s).toArray();
        QJsonObject first = services.first().toObject();
        first.insert(u"keywords_es"_s, QJsonArray {u"aire"_s, 3});
        services.replace(0, first);
        o.insert(u"services"_s, services);
        ProfileError error;
        QVERIFY(!BusinessProfile::fromJsonObject(o, &error));
        QCOMPARE(error.field, u"services[0].keywords_es[1]"_s);

        QJsonObject p = m_houston->toJson();
        QJsonArray faq = p.value(u"faq"_s).toArray();
        QJsonObject entry = faq.first().toObject();
        entry.remove(u"answer_es"_s);
        faq.replace(0, entry);
        p.insert(u"faq"_s, faq);
        QVERIFY(!BusinessProfile::fromJsonObject(p, &error));
        QCOMPARE(error.field, u"faq[0].answer_es"_s);
    }

    void everyTemplateHasASpanishDefault()
    {
        for (const QString &key : BusinessProfile::templateKeys()) {
            const QString es = BusinessProfile::defaultTemplate(key, u"es"_s);
            QVERIFY2(!es.isEmpty(), qPrintable(key));
            QVERIFY2(es != BusinessProfile::defaultTemplate(key), qPrintable(key));
        }
        // the business's own Spanish wording first, then the app's
        QVERIFY(m_houston->templateText(u"missed_call"_s, u"es"_s).startsWith(u"Hola, habla {business}"_s));
        QCOMPARE(
            m_houston->templateText(u"handoff"_s, u"es"_s), BusinessProfile::defaultTemplate(u"handoff"_s, u"es"_s));
        QVERIFY(BusinessProfile::defaultTemplate(u"handoff"_s, u"es"_s)
                    .contains(u"Un miembro de nuestro equipo le escribirá pronto"_s));
    }

    void agentPhrasesComeFromTheLexicon()
    {
        // every phrase the agent writes has its Spanish wording in es.json
        QFile f(QStringLiteral(FRONTDESK_SOURCE_DIR "/app/agent/agent.cpp"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString source = QString::fromUtf8(f.readAll());
        static const QRegularExpression phrase(u"tr\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)"_s);
        const auto es = Lexicon::forLanguage(u"es"_s);
        int count = 0;
        for (auto it = phrase.globalMatch(source); it.hasNext();) {
            const QString english = it.next().captured(1);
            ++count;
            QVERIFY2(es->reply(english) != english || english == u"%1-%2"_s, qPrintable(english));
        }
        QVERIFY(count >= 40);
        Agent spanish = Agent(*m_houston).inLanguage(u"es"_s);
        QCOMPARE(spanish.language(), u"es"_s);
        QCOMPARE(spanish.serviceName(u"ac-repair"_s), u"Reparación de aire acondicionado"_s);
        QVERIFY(spanish.render(u"help"_s, spanish.baseValues()).contains(u"responda con su pregunta"_s));
        QCOMPARE(Agent(*m_houston).inLanguage(u"fr"_s).language(), u"en"_s);
    }
};

QTEST_GUILESS_MAIN(TestSpanish)
#include "tst_spanish.moc"
