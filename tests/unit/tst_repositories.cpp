#include "models/database.h"
#include "models/repositories.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>
#include <algorithm>
#include <ctime>
#include <latch>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(int day, int hour, int minute = 0, int second = 0, int ms = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute, second, ms), Qt::UTC);
}

BusinessProfile sharedProfile(const QString &file)
{
    ProfileError error;
    const auto profile
        = BusinessProfile::fromFile(QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/") + file, &error);
    if (!profile)
        qFatal("cannot load the shared profile %s: %s", qPrintable(file), qPrintable(error.toString()));
    return *profile;
}

Thread makeThread(const QString &phone, const QDateTime &createdAt)
{
    Thread t;
    t.id = newId();
    t.phone = phone;
    t.createdAt = createdAt;
    t.updatedAt = createdAt;
    return t;
}

Message makeMessage(
    const QString &threadId, const QString &author, const QString &body, const QDateTime &when, const QString &sid = {})
{
    Message m;
    m.id = newId();
    m.threadId = threadId;
    m.author = author;
    m.direction = author == QLatin1String(Author::Customer) ? u"in"_s : u"out"_s;
    m.body = body;
    m.at = when;
    m.status = m.direction == u"in"_s ? u"received"_s : u"queued"_s;
    m.providerSid = sid;
    return m;
}

Appointment makeAppointment(const QString &technician, const QDateTime &start, int minutes)
{
    Appointment a;
    a.id = newId();
    a.technicianId = technician;
    a.serviceId = u"ac-repair"_s;
    a.phone = u"+14045550001"_s;
    a.start = start;
    a.end = start.addSecs(qint64(minutes) * 60);
    a.createdAt = at(1, 8);
    a.value = 350;
    return a;
}

OutboxItem makeItem(const Message &m, const QDateTime &due)
{
    OutboxItem item;
    item.id = newId();
    item.messageId = m.id;
    item.toPhone = u"+14045550001"_s;
    item.body = m.body;
    item.nextAttemptAt = due;
    item.createdAt = due;
    return item;
}

// The suite runs on SQLite; with FRONTDESK_TEST_PG_DB set (and optionally FRONTDESK_TEST_PG_HOST,
// _PORT, _USER, _PASSWORD) it runs on that PostgreSQL database instead. That database must be a
// scratch one: every test drops FrontDesk's tables in it first.
bool onPostgres()
{
    return qEnvironmentVariableIsSet("FRONTDESK_TEST_PG_DB");
}

std::unique_ptr<Database> openStore(const QString &sqlitePath, QString *error)
{
    if (!onPostgres())
        return Database::openSqlite(sqlitePath, error);
    return Database::openPostgres(qEnvironmentVariable("FRONTDESK_TEST_PG_HOST", u"127.0.0.1"_s),
        qEnvironmentVariableIntValue("FRONTDESK_TEST_PG_PORT"), qEnvironmentVariable("FRONTDESK_TEST_PG_DB"),
        qEnvironmentVariable("FRONTDESK_TEST_PG_USER"), qEnvironmentVariable("FRONTDESK_TEST_PG_PASSWORD"), error);
}

bool dropPostgresTables(QString *error)
{
    auto db = openStore(QString(), error);
    if (!db)
        return false;
    QSqlQuery q(db->connection());
    const bool ok = q.exec(u"DROP TABLE IF EXISTS audit_log, outbox, opt_outs, appointments, leads, messages, threads, "
                           "calls, service_records, contacts, technicians, services, settings, schema_meta CASCADE"_s);
    if (!ok && error)
        *error = q.lastError().text();
    return ok;
}

// CPU time of this thread: what a call costs, whatever else the (shared) machine is doing.
qint64 threadCpuNs()
{
#ifdef Q_OS_LINUX
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
#else
    return 0;
#endif
}

int percentileUs(QList<qint64> ns, double p)
{
    std::sort(ns.begin(), ns.end());
    return int(ns.at(qMin(ns.size() - 1, qsizetype(p * double(ns.size())))) / 1000);
}

} // namespace

class TestRepositories : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_counter = 0;

    Database &db() { return *m_db; }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        if (onPostgres())
            QVERIFY2(dropPostgresTables(&error), qPrintable(error));
        m_db = openStore(m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_counter)), &error);
        QVERIFY2(m_db, qPrintable(error));
        QCOMPARE(m_db->isPostgres(), onPostgres());
    }
    void cleanup() { m_db.reset(); }

    // ---- records ------------------------------------------------------------------------------

    void newIdIsAUuidWithoutBraces()
    {
        const QString a = newId();
        QCOMPARE(a.size(), 36);
        QVERIFY(!a.contains(u'{'));
        QVERIFY(!QUuid::fromString(a).isNull());
        QVERIFY(a != newId());
    }

    void firstName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("first");
        QTest::newRow("plain") << u"Jane Smith"_s << u"Jane"_s;
        QTest::newRow("spaces") << u"  Jane   Smith "_s << u"Jane"_s;
        QTest::newRow("one word") << u"Cher"_s << u"Cher"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("title") << u"Dr. Jane Smith"_s << u"Jane"_s;
        QTest::newRow("mrs") << u"mrs Ann Lee"_s << u"Ann"_s;
        QTest::newRow("last, first") << u"Smith, Jane"_s << u"Jane"_s;
        QTest::newRow("suffix") << u"Jane Smith, Jr."_s << u"Jane"_s;
        QTest::newRow("apostrophe") << u"D'Arcy O'Neil"_s << u"D'Arcy"_s;
        QTest::newRow("hyphen") << u"Jean-Luc Picard"_s << u"Jean-Luc"_s;
        QTest::newRow("accents") << u"José Núñez"_s << u"José"_s;
    }
    void firstName()
    {
        QFETCH(QString, name);
        QFETCH(QString, first);
        Contact c;
        c.name = name;
        QCOMPARE(c.firstName(), first);
    }

    // ---- settings -----------------------------------------------------------------------------

    void settingsValues()
    {
        SettingsRepository settings(db());
        QVERIFY(!settings.value(u"missing"_s));
        QVERIFY(settings.lastError().isEmpty());
        QVERIFY(settings.setValue(u"mode"_s, u"demo"_s));
        QCOMPARE(settings.value(u"mode"_s).value_or(QString()), u"demo"_s);
        QVERIFY(settings.setValue(u"mode"_s, u"team"_s));
        QCOMPARE(settings.value(u"mode"_s).value_or(QString()), u"team"_s);
        QVERIFY(settings.setValue(u"empty"_s, QString()));
        QCOMPARE(settings.value(u"empty"_s), std::optional<QString>(QString()));
    }

    void profileRoundTrip()
    {
        SettingsRepository settings(db());
        QVERIFY(!settings.loadProfile());
        QVERIFY(settings.lastError().isEmpty());

        const BusinessProfile hvac = sharedProfile(u"hvac-atlanta.json"_s);
        QVERIFY2(settings.saveProfile(hvac), qPrintable(settings.lastError()));
        const auto loaded = settings.loadProfile();
        QVERIFY2(loaded, qPrintable(settings.lastError()));
        QCOMPARE(loaded->toJson(), hvac.toJson());
        QCOMPARE(loaded->name, u"Peachtree Heating & Air"_s);

        // Stored as compact JSON under "profile".
        const QString stored = settings.value(u"profile"_s).value_or(QString());
        QVERIFY(!stored.contains(u'\n'));
        QCOMPARE(QJsonDocument::fromJson(stored.toUtf8()).object(), hvac.toJson());

        // The services and technicians tables mirror it, in the profile's order.
        QSqlQuery q(db().connection());
        QVERIFY(q.exec(u"SELECT id, name, duration_min, job_value, keywords FROM services ORDER BY sort_order"_s));
        QList<QString> ids;
        while (q.next()) {
            ids.append(q.value(0).toString());
            const ServiceDef *s = hvac.service(q.value(0).toString());
            QVERIFY(s);
            QCOMPARE(q.value(1).toString(), s->name);
            QCOMPARE(q.value(2).toInt(), s->durationMin);
            QCOMPARE(q.value(3).toDouble(), s->jobValue);
            QCOMPARE(QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array(),
                QJsonArray::fromStringList(s->keywords));
        }
        QCOMPARE(ids.size(), hvac.services.size());
        QCOMPARE(ids.first(), hvac.services.first().id);
        QVERIFY(q.exec(u"SELECT id, services FROM technicians ORDER BY sort_order"_s));
        int technicians = 0;
        while (q.next()) {
            const TechnicianDef *t = hvac.technician(q.value(0).toString());
            QVERIFY(t);
            QCOMPARE(QJsonDocument::fromJson(q.value(1).toString().toUtf8()).array(),
                QJsonArray::fromStringList(t->services));
            ++technicians;
        }
        QCOMPARE(technicians, hvac.technicians.size());

        // Saving another profile replaces the tables.
        const BusinessProfile dental = sharedProfile(u"dental-chicago.json"_s);
        QVERIFY(settings.saveProfile(dental));
        QCOMPARE(settings.loadProfile()->name, dental.name);
        QVERIFY(q.exec(u"SELECT COUNT(*) FROM services"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), dental.services.size());
        QVERIFY(q.exec(u"SELECT COUNT(*) FROM technicians"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), dental.technicians.size());
    }

    void loadProfileValidatesAgain()
    {
        SettingsRepository settings(db());
        QVERIFY(settings.setValue(u"profile"_s, u"{\"name\": \"No timezone\"}"_s));
        QVERIFY(!settings.loadProfile());
        QVERIFY2(settings.lastError().contains(u"timezone"_s), qPrintable(settings.lastError()));
        QVERIFY(settings.setValue(u"profile"_s, u"not json"_s));
        QVERIFY(!settings.loadProfile());
        QVERIFY(!settings.lastError().isEmpty());
    }

    // ---- contacts -----------------------------------------------------------------------------

    void contactUpsertKeepsIdAndMerges()
    {
        ContactRepository contacts(db());
        Contact c;
        c.phone = u"+14045551234"_s;
        c.name = u"Jane Smith"_s;
        c.zip = u"30307"_s;
        c.createdAt = at(1, 9);
        const auto id = contacts.upsert(c);
        QVERIFY2(id, qPrintable(contacts.lastError()));
        QCOMPARE(id->size(), 36);

        Contact again;
        again.id = newId(); // a different id for the same phone: the stored one stays
        again.phone = u"+14045551234"_s;
        again.email = u"jane@example.com"_s;
        again.createdAt = at(5, 9);
        QCOMPARE(contacts.upsert(again).value_or(QString()), *id);
        QCOMPARE(contacts.count(), 1);

        const auto stored = contacts.byId(*id);
        QVERIFY(stored);
        QCOMPARE(stored->name, u"Jane Smith"_s); // not erased by an empty field
        QCOMPARE(stored->zip, u"30307"_s);
        QCOMPARE(stored->email, u"jane@example.com"_s);
        QCOMPARE(stored->createdAt, at(1, 9));

        Contact renamed;
        renamed.phone = u"+14045551234"_s;
        renamed.name = u"Jane Doe"_s;
        QVERIFY(contacts.upsert(renamed));
        QCOMPARE(contacts.findByPhone(u"+14045551234"_s)->name, u"Jane Doe"_s);
        QCOMPARE(contacts.search(u"doe"_s, 10).size(), 1);
        QCOMPARE(contacts.search(u"smith"_s, 10).size(), 0);

        Contact given;
        given.id = u"my-own-id"_s;
        given.phone = u"+14045550002"_s;
        QCOMPARE(contacts.upsert(given).value_or(QString()), u"my-own-id"_s);

        QVERIFY(!contacts.upsert(Contact {}));
        QVERIFY(!contacts.lastError().isEmpty());
        QVERIFY(!contacts.findByPhone(u"+19999999999"_s));
        QVERIFY(contacts.lastError().isEmpty());
        QVERIFY(!contacts.byId(u"nope"_s));
    }

    void contactAndConversationLanguages()
    {
        // A contact's language: kept by an upsert that doesn't know it, remembered by setLanguage.
        ContactRepository contacts(db());
        Contact c;
        c.phone = u"+17135550301"_s;
        c.name = u"María Gómez"_s;
        c.language = u"es"_s;
        QVERIFY(contacts.upsert(c));
        QCOMPARE(contacts.findByPhone(c.phone)->language, u"es"_s);
        Contact again;
        again.phone = c.phone;
        again.zip = u"77008"_s;
        QVERIFY(contacts.upsert(again));
        QCOMPARE(contacts.findByPhone(c.phone)->language, u"es"_s);
        QVERIFY(contacts.setLanguage(c.phone, u"en"_s));
        QCOMPARE(contacts.findByPhone(c.phone)->language, u"en"_s);
        QVERIFY(!contacts.setLanguage(u"+17135550399"_s, u"es"_s)); // no such contact: nothing to remember
        QVERIFY(contacts.lastError().isEmpty());

        // A conversation's language goes with its thread.
        ThreadRepository threads(db());
        Thread t = makeThread(c.phone, at(2, 9));
        t.language = u"es"_s;
        QVERIFY2(threads.insert(t), qPrintable(threads.lastError()));
        QCOMPARE(threads.byId(t.id)->language, u"es"_s);
        t.language = u"en"_s;
        QVERIFY(threads.update(t));
        QCOMPARE(threads.byId(t.id)->language, u"en"_s);
    }

    void contactHistoryNewestFirst()
    {
        ContactRepository contacts(db());
        Contact c;
        c.phone = u"+14045551234"_s;
        c.name = u"Sam Cole"_s;
        const QString id = contacts.upsert(c).value_or(QString());
        QVERIFY(!id.isEmpty());
        QVERIFY(contacts.addServiceRecord({{}, id, u"maintenance"_s, QDate(2025, 4, 2), 129, u"spring tune-up"_s}));
        QVERIFY(contacts.addServiceRecord({{}, id, u"furnace-repair"_s, QDate(2025, 12, 20), 400, {}}));
        QVERIFY(contacts.addServiceRecord({{}, id, u"ac-repair"_s, QDate(2025, 7, 14), 350, {}}));
        QVERIFY(contacts.addServiceRecord({{}, id, u"imported"_s, QDate(), 0, u"undated"_s}));
        QVERIFY(!contacts.addServiceRecord({{}, u"no-such-contact"_s, u"x"_s, QDate(2025, 1, 1), 0, {}})); // FK
        QVERIFY(!contacts.lastError().isEmpty());

        const auto found = contacts.findByPhone(u"+14045551234"_s);
        QVERIFY(found);
        QCOMPARE(found->history.size(), 4);
        QCOMPARE(found->lastService()->serviceId, u"furnace-repair"_s);
        QCOMPARE(found->history.at(1).date, QDate(2025, 7, 14));
        QCOMPARE(found->history.at(2).notes, u"spring tune-up"_s);
        QCOMPARE(found->history.at(2).value, 129.0);
        QVERIFY(!found->history.at(3).date.isValid());
        QCOMPARE(contacts.byId(id)->history.size(), 4);
        QCOMPARE(contacts.history(id).size(), 4);
        QVERIFY(contacts.history(u"nobody"_s).isEmpty());
    }

    void contactSearch_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("phones");
        QTest::newRow("name part") << u"ann"_s << QStringList {u"+14045550002"_s, u"+13125550003"_s}; // by name
        QTest::newRow("case") << u"JOSÉ"_s << QStringList {u"+14045550001"_s};
        QTest::newRow("accents") << u"jose nunez"_s << QStringList {u"+14045550001"_s};
        QTest::newRow("phone digits") << u"(404) 555-0002"_s << QStringList {u"+14045550002"_s};
        QTest::newRow("area code") << u"312"_s << QStringList {u"+13125550003"_s};
        QTest::newRow("wildcards are literal") << u"%"_s << QStringList {};
        QTest::newRow("underscore is literal") << u"_"_s << QStringList {u"+14045550004"_s};
        QTest::newRow("nothing") << u"zebra"_s << QStringList {};
    }
    void contactSearch()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, phones);
        ContactRepository contacts(db());
        for (const auto &[phone, name] :
            {std::pair {u"+14045550001"_s, u"José Núñez"_s}, std::pair {u"+14045550002"_s, u"Ann Lee"_s},
                std::pair {u"+13125550003"_s, u"Joanne Park"_s}, std::pair {u"+14045550004"_s, u"under_score"_s}}) {
            Contact c;
            c.phone = phone;
            c.name = name;
            QVERIFY(contacts.upsert(c));
        }
        QStringList found;
        for (const Contact &c : contacts.search(text, 0))
            found.append(c.phone);
        QCOMPARE(found, phones);
    }

    void contactSearchEmptyListsEveryoneWithALimit()
    {
        ContactRepository contacts(db());
        for (int i = 0; i < 5; ++i) {
            Contact c;
            c.phone = u"+1404555000%1"_s.arg(i);
            c.name = u"Person %1"_s.arg(4 - i);
            QVERIFY(contacts.upsert(c));
        }
        QCOMPARE(contacts.search(QString(), 0).size(), 5);
        const auto three = contacts.search(u"  "_s, 3);
        QCOMPARE(three.size(), 3);
        QCOMPARE(three.first().name, u"Person 0"_s); // by name
        QCOMPARE(contacts.count(), 5);
    }

    // ---- calls --------------------------------------------------------------------------------

    void callsAreIdempotentOnTheProviderSid()
    {
        CallRepository calls(db());
        Call c {newId(), u"CA100"_s, u"+14045551234"_s, at(2, 14), u"missed"_s, {}, false, true};
        bool duplicate = true;
        QVERIFY2(calls.insert(c, &duplicate), qPrintable(calls.lastError()));
        QVERIFY(!duplicate);

        Call retry = c;
        retry.id = newId(); // a retried webhook: new id, same CallSid
        QVERIFY(!calls.insert(retry, &duplicate));
        QVERIFY(duplicate);
        QVERIFY(!calls.insert(retry)); // without the out-parameter too
        QCOMPARE(calls.recent(10).size(), 1);

        // Calls without a sid never collide.
        Call a {newId(), {}, u"+14045551234"_s, at(2, 15), u"missed"_s, {}, true, false};
        Call b {newId(), {}, u"+14045551234"_s, at(2, 16), u"missed"_s, {}, false, false};
        QVERIFY(calls.insert(a, &duplicate));
        QVERIFY(!duplicate);
        QVERIFY(calls.insert(b));
        QCOMPARE(calls.recent(10).size(), 3);

        // The same id twice is an error, not a duplicate.
        QVERIFY(!calls.insert(b, &duplicate));
        QVERIFY(!duplicate);
        QVERIFY(!calls.lastError().isEmpty());

        QVERIFY(!calls.insert(Call {}));
    }

    void callQueries()
    {
        CallRepository calls(db());
        const QString thread = newId();
        QVERIFY(calls.insert({newId(), u"CA1"_s, u"+14045551234"_s, at(2, 9), u"missed"_s, thread, false, false}));
        QVERIFY(calls.insert({newId(), u"CA2"_s, u"+14045559999"_s, at(2, 10), u"answered"_s, {}, false, false}));
        QVERIFY(calls.insert({newId(), u"CA3"_s, u"+14045551234"_s, at(2, 11), u"missed"_s, thread, true, true}));
        QVERIFY(calls.insert({newId(), u"CA4"_s, u"+14045551234"_s, at(1, 11), u"missed"_s, {}, false, false}));

        const auto last = calls.lastFrom(u"+14045551234"_s);
        QVERIFY(last);
        QCOMPARE(last->providerSid, u"CA3"_s);
        QCOMPARE(last->at, at(2, 11));
        QCOMPARE(last->at.timeSpec(), Qt::UTC);
        QCOMPARE(last->threadId, thread);
        QVERIFY(last->deduplicated);
        QVERIFY(last->afterHours);
        QCOMPARE(last->status, u"missed"_s);
        QVERIFY(!calls.lastFrom(u"+10000000000"_s));

        const auto recent = calls.recent(2);
        QCOMPARE(recent.size(), 2);
        QCOMPARE(recent.at(0).providerSid, u"CA3"_s);
        QCOMPARE(recent.at(1).providerSid, u"CA2"_s);
        QCOMPARE(calls.recent(0).size(), 4);

        const auto between = calls.between(at(2, 9), at(2, 11)); // [from, to)
        QCOMPARE(between.size(), 2);
        QCOMPARE(between.at(0).providerSid, u"CA1"_s);
        QCOMPARE(between.at(1).providerSid, u"CA2"_s);
        // Another zone, same instants.
        const QTimeZone newYork("America/New_York");
        QCOMPARE(calls.between(at(2, 9).toTimeZone(newYork), at(2, 11).toTimeZone(newYork)).size(), 2);
        QCOMPARE(calls.between(QDateTime(), at(2, 0)).size(), 1);
    }

    // ---- threads and messages -----------------------------------------------------------------

    void threadRoundTripAndUpdate()
    {
        ThreadRepository threads(db());
        Thread t = makeThread(u"+14045551234"_s, at(2, 14, 0, 0, 123));
        t.contactId = u"c1"_s;
        t.agentState = QJsonObject {{u"offered"_s, QJsonArray {u"2026-03-03T13:00"_s}}, {u"misses"_s, 1}};
        t.needsAttention = true;
        QVERIFY2(threads.insert(t), qPrintable(threads.lastError()));
        QVERIFY(!threads.insert(t)); // same id

        auto stored = threads.byId(t.id);
        QVERIFY(stored);
        QCOMPARE(stored->phone, t.phone);
        QCOMPARE(stored->contactId, u"c1"_s);
        QCOMPARE(stored->state, u"ai"_s);
        QCOMPARE(stored->outcome, u"no_reply"_s);
        QCOMPARE(stored->createdAt, at(2, 14, 0, 0, 123)); // milliseconds kept
        QCOMPARE(stored->agentState, t.agentState);
        QVERIFY(stored->needsAttention);
        QVERIFY(!stored->attentionAcknowledged);
        QVERIFY(!stored->lastMessageAt.isValid());

        stored->state = QString::fromLatin1(ThreadState::Staff);
        stored->outcome = QString::fromLatin1(Outcome::HandedOff);
        stored->handoffReason = u"human_requested"_s;
        stored->awaiting = u"when"_s;
        stored->attentionAcknowledged = true;
        stored->updatedAt = at(2, 15);
        stored->agentState = {};
        stored->createdAt = at(9, 9); // not updated
        QVERIFY(threads.update(*stored));
        const auto updated = threads.byId(t.id);
        QCOMPARE(updated->state, u"staff"_s);
        QCOMPARE(updated->outcome, u"handed_off"_s);
        QCOMPARE(updated->handoffReason, u"human_requested"_s);
        QCOMPARE(updated->awaiting, u"when"_s);
        QVERIFY(updated->attentionAcknowledged);
        QCOMPARE(updated->updatedAt, at(2, 15));
        QCOMPARE(updated->createdAt, at(2, 14, 0, 0, 123));
        QVERIFY(updated->agentState.isEmpty());

        Thread ghost = makeThread(u"+1"_s, at(1, 1));
        QVERIFY(!threads.update(ghost));
        QVERIFY(threads.lastError().contains(ghost.id));
        QVERIFY(!threads.byId(ghost.id));
        QVERIFY(!threads.insert(Thread {}));
    }

    void latestRecentAndAllThreads()
    {
        ThreadRepository threads(db());
        const Thread old = makeThread(u"+14045551234"_s, at(1, 9));
        const Thread other = makeThread(u"+14045559999"_s, at(2, 9));
        const Thread newest = makeThread(u"+14045551234"_s, at(3, 9));
        for (const Thread &t : {old, other, newest})
            QVERIFY(threads.insert(t));
        QCOMPARE(threads.latestFor(u"+14045551234"_s)->id, newest.id);
        QCOMPARE(threads.latestFor(u"+14045559999"_s)->id, other.id);
        QVERIFY(!threads.latestFor(u"+10000000000"_s));

        // recent: by last message, then creation.
        QVERIFY(threads.addMessage(makeMessage(old.id, u"customer"_s, u"still there?"_s, at(4, 9))));
        const auto recent = threads.recent(10);
        QCOMPARE(recent.size(), 3);
        QCOMPARE(recent.at(0).id, old.id);
        QCOMPARE(recent.at(1).id, newest.id);
        QCOMPARE(recent.at(2).id, other.id);
        QCOMPARE(threads.recent(1).size(), 1);

        const auto all = threads.all();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.first().id, old.id);
    }

    void addMessageUpdatesTheThread()
    {
        ThreadRepository threads(db());
        const Thread t = makeThread(u"+14045551234"_s, at(2, 14));
        QVERIFY(threads.insert(t));

        const Message in = makeMessage(t.id, u"customer"_s, u"My AC stopped blowing cold"_s, at(2, 14, 1), u"SM1"_s);
        bool duplicate = true;
        QVERIFY2(threads.addMessage(in, &duplicate), qPrintable(threads.lastError()));
        QVERIFY(!duplicate);
        auto stored = threads.byId(t.id);
        QCOMPARE(stored->lastMessageAt, at(2, 14, 1));
        QCOMPARE(stored->lastMessagePreview, in.body);

        const QString longBody = QString(150, u'x') + u" end"_s;
        QVERIFY(threads.addMessage(makeMessage(t.id, u"ai"_s, longBody, at(2, 14, 2))));
        stored = threads.byId(t.id);
        QCOMPARE(stored->lastMessagePreview.size(), 120);
        QCOMPARE(stored->lastMessagePreview, longBody.left(120));
        QCOMPARE(stored->lastMessageAt, at(2, 14, 2));

        // A late-arriving older message is kept but does not become the preview.
        QVERIFY(threads.addMessage(makeMessage(t.id, u"customer"_s, u"earlier"_s, at(2, 14, 0, 30), u"SM0"_s)));
        QCOMPARE(threads.byId(t.id)->lastMessageAt, at(2, 14, 2));

        // The provider's retry is a duplicate: nothing changes.
        Message retry = in;
        retry.id = newId();
        retry.at = at(2, 15);
        QVERIFY(!threads.addMessage(retry, &duplicate));
        QVERIFY(duplicate);
        QCOMPARE(threads.messageCount(), 3);
        QCOMPARE(threads.byId(t.id)->lastMessageAt, at(2, 14, 2));

        // A message needs its thread.
        QVERIFY(!threads.addMessage(makeMessage(newId(), u"ai"_s, u"orphan"_s, at(2, 16)), &duplicate));
        QVERIFY(!duplicate);
        QVERIFY(!threads.lastError().isEmpty());
        QVERIFY(!threads.addMessage(Message {}));
        QCOMPARE(threads.messageCount(), 3);
    }

    void previewNeverSplitsACharacter()
    {
        ThreadRepository threads(db());
        const Thread t = makeThread(u"+14045551234"_s, at(2, 14));
        QVERIFY(threads.insert(t));
        const QString body = QString(119, u'a') + u"😀 tail"_s; // the emoji's surrogates straddle 120
        QVERIFY(threads.addMessage(makeMessage(t.id, u"ai"_s, body, at(2, 14, 1))));
        QCOMPARE(threads.byId(t.id)->lastMessagePreview, QString(119, u'a'));
    }

    void messagesKeepTheirOrderAndUpdate()
    {
        ThreadRepository threads(db());
        const Thread t = makeThread(u"+14045551234"_s, at(2, 14));
        const Thread other = makeThread(u"+14045559999"_s, at(2, 14));
        QVERIFY(threads.insert(t));
        QVERIFY(threads.insert(other));
        // A simulated clock stands still: three messages at the same instant.
        const Message m1 = makeMessage(t.id, u"customer"_s, u"first"_s, at(2, 14, 5), u"SMa"_s);
        const Message m2 = makeMessage(t.id, u"ai"_s, u"second"_s, at(2, 14, 5));
        const Message m3 = makeMessage(t.id, u"ai"_s, u"third"_s, at(2, 14, 5));
        const Message m0 = makeMessage(t.id, u"system"_s, u"zeroth"_s, at(2, 14, 4));
        for (const Message &m : {m1, m2, m3, m0})
            QVERIFY(threads.addMessage(m));
        QVERIFY(threads.addMessage(makeMessage(other.id, u"ai"_s, u"elsewhere"_s, at(2, 14, 5))));

        QStringList bodies;
        for (const Message &m : threads.messages(t.id))
            bodies.append(m.body);
        QCOMPARE(bodies, (QStringList {u"zeroth"_s, u"first"_s, u"second"_s, u"third"_s}));
        QVERIFY(threads.messages(u"none"_s).isEmpty());

        const auto byId = threads.messageById(m1.id);
        QVERIFY(byId);
        QCOMPARE(byId->threadId, t.id);
        QCOMPARE(byId->direction, u"in"_s);
        QCOMPARE(byId->author, u"customer"_s);
        QCOMPARE(byId->status, u"received"_s);
        QCOMPARE(byId->providerSid, u"SMa"_s);
        QCOMPARE(byId->at, at(2, 14, 5));
        QCOMPARE(threads.messageByProviderSid(u"SMa"_s)->id, m1.id);
        QVERIFY(!threads.messageByProviderSid(QString()));
        QVERIFY(!threads.messageByProviderSid(u"SMzzz"_s));

        Message sent = m2;
        sent.status = u"sent"_s;
        sent.providerSid = u"SMout"_s;
        sent.error = u"none"_s;
        sent.body = u"second (edited)"_s;
        QVERIFY(threads.updateMessage(sent));
        const auto reread = threads.messageByProviderSid(u"SMout"_s);
        QVERIFY(reread);
        QCOMPARE(reread->status, u"sent"_s);
        QCOMPARE(reread->error, u"none"_s);
        QCOMPARE(reread->body, u"second (edited)"_s);
        QVERIFY(!threads.updateMessage(makeMessage(t.id, u"ai"_s, u"ghost"_s, at(2, 1))));
        // A provider sid stays unique across messages.
        Message clash = m3;
        clash.providerSid = u"SMa"_s;
        QVERIFY(!threads.updateMessage(clash));
        QCOMPARE(threads.messageCount(), 5);
    }

    // ---- leads --------------------------------------------------------------------------------

    void leadsSaveAndReplace()
    {
        ThreadRepository threads(db());
        const Thread t = makeThread(u"+14045551234"_s, at(2, 14));
        QVERIFY(threads.insert(t));
        LeadRepository leads(db());
        QVERIFY(!leads.byThread(t.id));
        QVERIFY(leads.lastError().isEmpty());

        Lead lead;
        lead.threadId = t.id;
        lead.service = u"ac-repair"_s;
        lead.zip = u"30307"_s;
        lead.updatedAt = at(2, 14, 1);
        QVERIFY2(leads.save(lead), qPrintable(leads.lastError()));
        auto stored = leads.byThread(t.id);
        QVERIFY(stored);
        QCOMPARE(stored->service, u"ac-repair"_s);
        QCOMPARE(stored->urgency, u"normal"_s);
        QVERIFY(stored->inArea);
        QVERIFY(!stored->qualified);
        QVERIFY(!stored->existingCustomer);

        lead.urgency = u"emergency"_s;
        lead.name = u"Jane"_s;
        lead.when = u"tomorrow morning"_s;
        lead.existingCustomer = true;
        lead.inArea = false;
        lead.qualified = true;
        lead.updatedAt = at(2, 14, 3);
        QVERIFY(leads.save(lead));
        stored = leads.byThread(t.id);
        QCOMPARE(stored->urgency, u"emergency"_s);
        QCOMPARE(stored->name, u"Jane"_s);
        QCOMPARE(stored->when, u"tomorrow morning"_s);
        QVERIFY(stored->existingCustomer);
        QVERIFY(!stored->inArea);
        QVERIFY(stored->qualified);
        QCOMPARE(stored->updatedAt, at(2, 14, 3));

        Lead orphan;
        orphan.threadId = u"no-thread"_s;
        QVERIFY(!leads.save(orphan));
        QVERIFY(!leads.save(Lead {}));
    }

    // ---- appointments -------------------------------------------------------------------------

    void bookingRespectsTheBuffer_data()
    {
        // An existing booking of "marcus", 10:00-12:00; a buffer of 30 minutes.
        QTest::addColumn<QString>("technician");
        QTest::addColumn<QTime>("start");
        QTest::addColumn<int>("minutes");
        QTest::addColumn<int>("buffer");
        QTest::addColumn<bool>("conflict");
        QTest::newRow("same slot") << u"marcus"_s << QTime(10, 0) << 120 << 30 << true;
        QTest::newRow("inside") << u"marcus"_s << QTime(10, 30) << 30 << 30 << true;
        QTest::newRow("right after, no buffer") << u"marcus"_s << QTime(12, 0) << 60 << 0 << false;
        QTest::newRow("right after, in the buffer") << u"marcus"_s << QTime(12, 0) << 60 << 30 << true;
        QTest::newRow("after the buffer") << u"marcus"_s << QTime(12, 30) << 60 << 30 << false;
        QTest::newRow("one minute short") << u"marcus"_s << QTime(12, 29) << 60 << 30 << true;
        QTest::newRow("ends where the buffer starts") << u"marcus"_s << QTime(9, 0) << 30 << 30 << false;
        QTest::newRow("ends in the buffer") << u"marcus"_s << QTime(9, 0) << 31 << 30 << true;
        QTest::newRow("another technician") << u"lena"_s << QTime(10, 0) << 120 << 30 << false;
    }
    void bookingRespectsTheBuffer()
    {
        QFETCH(QString, technician);
        QFETCH(QTime, start);
        QFETCH(int, minutes);
        QFETCH(int, buffer);
        QFETCH(bool, conflict);
        AppointmentRepository appointments(db());
        bool clash = true;
        QVERIFY(appointments.book(makeAppointment(u"marcus"_s, at(3, 10), 120), buffer, &clash));
        QVERIFY(!clash);
        // A cancelled appointment never blocks.
        Appointment cancelled = makeAppointment(technician, QDateTime(QDate(2026, 3, 3), start, Qt::UTC), minutes);
        QVERIFY(appointments.insert(cancelled));
        QVERIFY(appointments.cancel(cancelled.id));

        const Appointment candidate
            = makeAppointment(technician, QDateTime(QDate(2026, 3, 3), start, Qt::UTC), minutes);
        const bool booked = appointments.book(candidate, buffer, &clash);
        QCOMPARE(booked, !conflict);
        QCOMPARE(clash, conflict);
        if (conflict)
            QVERIFY2(appointments.lastError().contains(u"overlaps"_s), qPrintable(appointments.lastError()));
        QCOMPARE(appointments.byId(candidate.id).has_value(), !conflict);
    }

    void bookingConflictLeavesAnEnclosingTransactionUsable()
    {
        AppointmentRepository appointments(db());
        SettingsRepository settings(db());
        QVERIFY(appointments.book(makeAppointment(u"marcus"_s, at(3, 10), 120), 0));
        Transaction tx(db());
        QVERIFY(tx.ok());
        bool conflict = false;
        QVERIFY(!appointments.book(makeAppointment(u"marcus"_s, at(3, 11), 60), 0, &conflict));
        QVERIFY(conflict);
        QVERIFY(!db().isRollbackOnly());
        const Appointment other = makeAppointment(u"marcus"_s, at(3, 13), 60);
        QVERIFY(appointments.book(other, 0, &conflict)); // the agent offers the next slot, same transaction
        QVERIFY(settings.setValue(u"after"_s, u"conflict"_s));
        QVERIFY(tx.commit());
        QVERIFY(appointments.byId(other.id));
        QVERIFY(settings.value(u"after"_s));
    }

    void bookingValidates()
    {
        AppointmentRepository appointments(db());
        bool conflict = true;
        Appointment backwards = makeAppointment(u"marcus"_s, at(3, 10), 60);
        backwards.end = backwards.start;
        QVERIFY(!appointments.book(backwards, 0, &conflict));
        QVERIFY(!conflict);
        QVERIFY(!appointments.lastError().isEmpty());
        Appointment noId = makeAppointment(u"marcus"_s, at(3, 10), 60);
        noId.id.clear();
        QVERIFY(!appointments.book(noId, 0));
        QVERIFY(!appointments.insert(noId));
        QVERIFY(appointments.all().isEmpty());
    }

    void bookingIsAtomicAcrossTwoConnections()
    {
        // Desk a is booking, inside its transaction: desk b (another connection) cannot check the
        // technician's calendar until a is done; with a short timeout it gives up (an error, not a
        // conflict) …
        QString error;
        auto other = openStore(db().path(), &error);
        QVERIFY2(other, qPrintable(error));
        QVERIFY(other->setBusyTimeout(50));
        AppointmentRepository a(db());
        AppointmentRepository b(*other);
        const Appointment first = makeAppointment(u"marcus"_s, at(3, 10), 120);
        const Appointment second = makeAppointment(u"marcus"_s, at(3, 11), 120);
        QVERIFY(db().begin());
        bool conflict = true;
        QVERIFY(a.book(first, 30, &conflict));
        QVERIFY(!conflict);
        QVERIFY(!b.book(second, 30, &conflict));
        QVERIFY(!conflict);
        QVERIFY2(b.lastError().contains(u"lock"_s) || b.lastError().contains(u"busy"_s), qPrintable(b.lastError()));
        QVERIFY(db().commit());
        // … and once a has committed, b sees the booking and reports the conflict.
        QVERIFY(!b.book(second, 30, &conflict));
        QVERIFY(conflict);
        QCOMPARE(b.all().size(), 1);
        // Another technician was never blocked.
        QVERIFY(b.book(makeAppointment(u"lena"_s, at(3, 11), 120), 30, &conflict));
    }

    void bookingRaceBetweenThreads()
    {
        // Two desks (threads, each with its own connection) book the same slots at the same moment:
        // every slot is booked exactly once.
        const QString file = db().path();
        constexpr int slotCount = 25;
        constexpr int desks = 2;
        std::latch start(desks);
        QList<int> booked(desks, 0);
        QList<int> conflicts(desks, 0);
        QList<QString> errors(desks);
        QList<QThread *> threads;
        for (int d = 0; d < desks; ++d) {
            threads.append(QThread::create([&, d] {
                QString error;
                auto mine = openStore(file, &error);
                if (!mine) {
                    errors[d] = error;
                    start.count_down();
                    return;
                }
                AppointmentRepository repo(*mine);
                start.arrive_and_wait();
                for (int i = 0; i < slotCount; ++i) {
                    bool conflict = false;
                    Appointment a = makeAppointment(u"marcus"_s, at(4, 8).addSecs(qint64(i) * 3600), 60);
                    a.title = u"desk %1"_s.arg(d);
                    if (repo.book(a, 0, &conflict))
                        ++booked[d];
                    else if (conflict)
                        ++conflicts[d];
                    else
                        errors[d] = repo.lastError();
                }
            }));
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(120000));
            delete t;
        }
        for (int d = 0; d < desks; ++d)
            QVERIFY2(errors.at(d).isEmpty(), qPrintable(errors.at(d)));
        QCOMPARE(booked.at(0) + booked.at(1), slotCount);
        QCOMPARE(conflicts.at(0) + conflicts.at(1), slotCount);
        const auto all = AppointmentRepository(db()).all();
        QCOMPARE(all.size(), slotCount);
        for (qsizetype i = 1; i < all.size(); ++i)
            QVERIFY(all.at(i - 1).end <= all.at(i).start);
    }

    void appointmentQueries()
    {
        AppointmentRepository appointments(db());
        Appointment a = makeAppointment(u"marcus"_s, at(3, 10), 120);
        a.threadId = u"t1"_s;
        a.contactId = u"c1"_s;
        a.title = u"AC repair — Jane"_s;
        a.createdAt = at(2, 14);
        Appointment b = makeAppointment(u"lena"_s, at(3, 11), 60);
        Appointment c = makeAppointment(u"marcus"_s, at(4, 9), 60);
        c.source = u"calendar"_s;
        c.externalUid = u"uid-42@calendar"_s;
        c.synced = true;
        for (const Appointment &x : {a, b, c})
            QVERIFY2(appointments.insert(x), qPrintable(appointments.lastError()));

        const auto stored = appointments.byId(a.id);
        QVERIFY(stored);
        QCOMPARE(stored->threadId, u"t1"_s);
        QCOMPARE(stored->contactId, u"c1"_s);
        QCOMPARE(stored->technicianId, u"marcus"_s);
        QCOMPARE(stored->serviceId, u"ac-repair"_s);
        QCOMPARE(stored->start, at(3, 10));
        QCOMPARE(stored->end, at(3, 12));
        QCOMPARE(stored->status, u"booked"_s);
        QCOMPARE(stored->title, u"AC repair — Jane"_s);
        QCOMPARE(stored->source, u"agent"_s);
        QCOMPARE(stored->value, 350.0);
        QCOMPARE(stored->createdAt, at(2, 14));
        const auto calendar = appointments.byId(c.id);
        QCOMPARE(calendar->externalUid, u"uid-42@calendar"_s);
        QVERIFY(calendar->synced);
        QCOMPARE(calendar->source, u"calendar"_s);
        QVERIFY(!appointments.byId(u"none"_s));

        QCOMPARE(appointments.activeForThread(u"t1"_s)->id, a.id);
        QVERIFY(!appointments.activeForThread(u"t2"_s));
        QVERIFY(!appointments.activeForThread(QString()));

        const auto day3 = appointments.overlapping(at(3, 0), at(4, 0));
        QCOMPARE(day3.size(), 2);
        QCOMPARE(day3.at(0).id, a.id);
        QCOMPARE(day3.at(1).id, b.id);
        QCOMPARE(appointments.overlapping(at(3, 12), at(3, 13)).size(), 0); // touching is not overlapping
        QCOMPARE(appointments.overlapping(at(3, 11, 59), at(3, 13)).size(), 2);
        QCOMPARE(appointments.forTechnician(u"marcus"_s, at(3, 0), at(5, 0)).size(), 2);
        QCOMPARE(appointments.forTechnician(u"lena"_s, at(3, 0), at(5, 0)).size(), 1);
        QCOMPARE(appointments.all().size(), 3);
        QCOMPARE(appointments.all().first().id, a.id);

        QVERIFY(appointments.cancel(a.id));
        QCOMPARE(appointments.byId(a.id)->status, u"cancelled"_s);
        QVERIFY(!appointments.activeForThread(u"t1"_s));
        QCOMPARE(appointments.overlapping(at(3, 0), at(4, 0)).size(), 1); // booked only
        QCOMPARE(appointments.forTechnician(u"marcus"_s, at(3, 0), at(5, 0)).size(), 2); // every status
        QVERIFY(!appointments.cancel(u"none"_s));

        Appointment moved = *appointments.byId(b.id);
        moved.start = at(5, 15);
        moved.end = at(5, 16);
        moved.technicianId = u"marcus"_s;
        moved.synced = true;
        moved.externalUid = u"uid-7"_s;
        QVERIFY(appointments.update(moved));
        const auto reread = appointments.byId(b.id);
        QCOMPARE(reread->start, at(5, 15));
        QCOMPARE(reread->technicianId, u"marcus"_s);
        QVERIFY(reread->synced);
        QCOMPARE(reread->externalUid, u"uid-7"_s);
        Appointment ghost = makeAppointment(u"x"_s, at(3, 1), 30);
        QVERIFY(!appointments.update(ghost));

        // The latest booking of a thread is its active one.
        Appointment rebooked = makeAppointment(u"lena"_s, at(6, 9), 60);
        rebooked.threadId = u"t3"_s;
        rebooked.createdAt = at(2, 9);
        Appointment later = makeAppointment(u"lena"_s, at(6, 12), 60);
        later.threadId = u"t3"_s;
        later.createdAt = at(2, 10);
        QVERIFY(appointments.book(rebooked, 0));
        QVERIFY(appointments.book(later, 0));
        QCOMPARE(appointments.activeForThread(u"t3"_s)->id, later.id);
    }

    // ---- opt-outs -----------------------------------------------------------------------------

    void optOutAndOptIn()
    {
        OptOutRepository optOuts(db());
        const QString phone = u"+14045551234"_s;
        QVERIFY(!optOuts.isOptedOut(phone));
        QVERIFY(optOuts.optIn(phone, at(2, 9))); // nothing to lift
        QVERIFY(!optOuts.isOptedOut(phone));

        QVERIFY(optOuts.optOut(phone, u"STOP"_s, at(2, 10)));
        QVERIFY(optOuts.isOptedOut(phone));
        QVERIFY(!optOuts.isOptedOut(u"+14045559999"_s));
        QVERIFY(optOuts.optOut(u"+13125550000"_s, u"staff"_s, at(2, 10)));
        QCOMPARE(optOuts.all(), (QStringList {u"+13125550000"_s, phone}));

        // An opt-in older than the STOP never lifts it.
        QVERIFY(!optOuts.optIn(phone, at(2, 9)));
        QVERIFY(optOuts.lastError().contains(u"stands"_s));
        QVERIFY(optOuts.isOptedOut(phone));

        QVERIFY(optOuts.optIn(phone, at(2, 11)));
        QVERIFY(!optOuts.isOptedOut(phone));
        QCOMPARE(optOuts.all(), QStringList {u"+13125550000"_s});

        QVERIFY(optOuts.optOut(phone, u"STOPALL"_s, at(2, 12))); // again
        QVERIFY(optOuts.isOptedOut(phone));
        QCOMPARE(optOuts.all().size(), 2);
        QVERIFY(!optOuts.optOut(QString(), u"STOP"_s, at(2, 12)));
        QVERIFY(!optOuts.optOut(phone, u"STOP"_s, QDateTime()));
    }

    void optOutCheckFailsClosed()
    {
        OptOutRepository optOuts(db());
        QSqlQuery q(db().connection());
        QVERIFY(q.exec(u"DROP TABLE opt_outs"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"reading opt-outs"_s));
        QVERIFY(optOuts.isOptedOut(u"+14045551234"_s)); // cannot read: treat as opted out
        QVERIFY(!optOuts.lastError().isEmpty());
    }

    // ---- outbox -------------------------------------------------------------------------------

    void outboxQueueAndDue()
    {
        ThreadRepository threads(db());
        OutboxRepository outbox(db());
        const Thread t = makeThread(u"+14045551234"_s, at(2, 14));
        QVERIFY(threads.insert(t));
        QList<Message> messages;
        for (int i = 0; i < 4; ++i) {
            messages.append(makeMessage(t.id, u"ai"_s, u"part %1"_s.arg(i), at(2, 14, 1)));
            QVERIFY(threads.addMessage(messages.last()));
        }
        // Parts 0-2 are due at the same instant, enqueued 2, 0, 1; part 3 later.
        const OutboxItem i2 = makeItem(messages.at(2), at(2, 14, 1));
        const OutboxItem i0 = makeItem(messages.at(0), at(2, 14, 1));
        const OutboxItem i1 = makeItem(messages.at(1), at(2, 14, 1));
        OutboxItem i3 = makeItem(messages.at(3), at(2, 14, 10));
        for (const OutboxItem &item : {i2, i0, i1, i3})
            QVERIFY2(outbox.enqueue(item), qPrintable(outbox.lastError()));
        QCOMPARE(outbox.pendingCount(), 4);

        const auto due = outbox.due(at(2, 14, 5), 10);
        QCOMPARE(due.size(), 3);
        QCOMPARE(due.at(0).id, i2.id);
        QCOMPARE(due.at(1).id, i0.id);
        QCOMPARE(due.at(2).id, i1.id);
        QCOMPARE(outbox.due(at(2, 14, 5), 1).size(), 1);
        QCOMPARE(outbox.due(at(2, 14, 10), 0).size(), 4); // <= now
        QCOMPARE(outbox.due(at(2, 14, 0), 10).size(), 0);

        const auto stored = outbox.byId(i3.id);
        QVERIFY(stored);
        QCOMPARE(stored->messageId, messages.at(3).id);
        QCOMPARE(stored->toPhone, u"+14045550001"_s);
        QCOMPARE(stored->body, u"part 3"_s);
        QCOMPARE(stored->status, u"pending"_s);
        QCOMPARE(stored->attempts, 0);
        QCOMPARE(stored->nextAttemptAt, at(2, 14, 10));
        QCOMPARE(stored->createdAt, at(2, 14, 10));
        QCOMPARE(outbox.byMessageId(messages.at(0).id)->id, i0.id);
        QVERIFY(!outbox.byMessageId(u"none"_s));
        QVERIFY(!outbox.byMessageId(QString()));
        QVERIFY(!outbox.byId(u"none"_s));

        // One item per message: a second enqueue of the same message is refused.
        OutboxItem again = makeItem(messages.at(0), at(2, 14, 1));
        QVERIFY(!outbox.enqueue(again));
        QCOMPARE(outbox.pendingCount(), 4);

        // A failed attempt is retried later; a sent item is no longer due.
        OutboxItem retry = *outbox.byId(i2.id);
        retry.attempts = 1;
        retry.lastError = u"503 from provider"_s;
        retry.nextAttemptAt = at(2, 14, 20);
        QVERIFY(outbox.update(retry));
        OutboxItem sent = *outbox.byId(i0.id);
        sent.status = u"sent"_s;
        sent.providerSid = u"SMsent"_s;
        QVERIFY(outbox.update(sent));
        QCOMPARE(outbox.pendingCount(), 3);
        QCOMPARE(outbox.due(at(2, 14, 5), 10).size(), 1);
        QCOMPARE(outbox.due(at(2, 14, 10), 10).first().id, i1.id);
        const auto retried = outbox.byId(i2.id);
        QCOMPARE(retried->attempts, 1);
        QCOMPARE(retried->lastError, u"503 from provider"_s);
        QCOMPARE(outbox.byId(i0.id)->providerSid, u"SMsent"_s);
        QVERIFY(!outbox.update(makeItem(messages.at(0), at(2, 1))));

        // No time at all is refused; a missing nextAttemptAt falls back to createdAt.
        OutboxItem timeless = makeItem(messages.at(0), QDateTime());
        timeless.messageId.clear();
        QVERIFY(!outbox.enqueue(timeless));
        timeless.createdAt = at(2, 13);
        QVERIFY(outbox.enqueue(timeless));
        QCOMPARE(outbox.byId(timeless.id)->nextAttemptAt, at(2, 13));
    }

    void outboxItemAndMessageInOneTransaction()
    {
        // The decision writes the item before its message: the foreign key is checked at commit.
        ThreadRepository threads(db());
        OutboxRepository outbox(db());
        const Thread t = makeThread(u"+14045551234"_s, at(2, 14));
        QVERIFY(threads.insert(t));
        const Message m = makeMessage(t.id, u"ai"_s, u"Hi! Sorry we missed you."_s, at(2, 14, 0, 5));
        {
            Transaction tx(db());
            QVERIFY(outbox.enqueue(makeItem(m, m.at)));
            QVERIFY(threads.addMessage(m));
            QVERIFY(tx.commit());
        }
        QVERIFY(outbox.byMessageId(m.id));
        // Without its message the commit fails and nothing is kept.
        const Message lost = makeMessage(t.id, u"ai"_s, u"never written"_s, at(2, 14, 0, 6));
        {
            Transaction tx(db());
            QVERIFY(outbox.enqueue(makeItem(lost, lost.at)));
            QVERIFY(!tx.commit());
        }
        QVERIFY(!outbox.byMessageId(lost.id));
        QCOMPARE(outbox.pendingCount(), 1);
    }

    void takeoverCancelsOnlyTheAgentsPendingTexts()
    {
        ThreadRepository threads(db());
        OutboxRepository outbox(db());
        const Thread t = makeThread(u"+14045551234"_s, at(2, 14));
        const Thread other = makeThread(u"+14045559999"_s, at(2, 14));
        QVERIFY(threads.insert(t));
        QVERIFY(threads.insert(other));

        struct Case
        {
            QString thread;
            QString author;
            QString itemStatus;
            Message message;
            OutboxItem item;
        };
        QList<Case> cases = {
            {t.id, u"ai"_s, u"pending"_s, {}, {}}, // cancelled
            {t.id, u"ai"_s, u"sending"_s, {}, {}}, // cancelled
            {t.id, u"ai"_s, u"sent"_s, {}, {}}, // already gone
            {t.id, u"ai"_s, u"failed"_s, {}, {}}, // not pending
            {t.id, u"staff"_s, u"pending"_s, {}, {}}, // the staff's own text
            {t.id, u"system"_s, u"pending"_s, {}, {}}, // an automated template text: cancelled
            {t.id, u"system"_s, u"pending"_s, {}, {}}, // the opt-out confirmation: kept
            {other.id, u"ai"_s, u"pending"_s, {}, {}}, // another thread
        };
        for (int i = 0; i < cases.size(); ++i) {
            Case &c = cases[i];
            c.message = makeMessage(c.thread, c.author, u"text %1"_s.arg(i), at(2, 14, i));
            QVERIFY(threads.addMessage(c.message));
            c.item = makeItem(c.message, at(2, 14, i));
            c.item.status = c.itemStatus;
            if (i == 6)
                c.item.kind = u"opt_out_confirmation"_s;
            QVERIFY(outbox.enqueue(c.item));
        }

        QCOMPARE(outbox.cancelPendingForThread(t.id), 3);
        const QStringList expectedItems = {u"cancelled"_s, u"cancelled"_s, u"sent"_s, u"failed"_s,
                                           u"pending"_s,   u"cancelled"_s, u"pending"_s, u"pending"_s};
        for (int i = 0; i < cases.size(); ++i) {
            QCOMPARE(outbox.byId(cases.at(i).item.id)->status, expectedItems.at(i));
            QCOMPARE(outbox.byId(cases.at(i).item.id)->kind, i == 6 ? u"opt_out_confirmation"_s : u"conversation"_s);
            const QString messageStatus = threads.messageById(cases.at(i).message.id)->status;
            QCOMPARE(messageStatus, (i < 2 || i == 5) ? u"cancelled"_s : u"queued"_s);
        }
        QCOMPARE(outbox.cancelPendingForThread(t.id), 0); // nothing left
        QCOMPARE(outbox.cancelPendingForThread(u"no-thread"_s), 0);
        QCOMPARE(outbox.pendingCount(), 3);
    }

    // ---- audit log ----------------------------------------------------------------------------

    void auditLogOrdering()
    {
        AuditRepository audit(db());
        QVERIFY(audit.recent(10).isEmpty());
        const QString thread = newId();
        QVERIFY(audit.append({0, at(2, 10), u"agent"_s, u"booked"_s, thread, u"marcus 2026-03-03 10:00"_s}));
        QVERIFY(audit.append({0, at(2, 9), u"system"_s, u"opt_out"_s, u"+14045551234"_s, {}}));
        QVERIFY(audit.append({0, at(2, 11), u"staff:desk-1"_s, u"takeover"_s, thread, {}}));
        QVERIFY(audit.append({0, at(2, 11), u"staff:desk-1"_s, u"handback"_s, thread, {}})); // same instant
        QVERIFY(!audit.append({0, QDateTime(), u"agent"_s, u"x"_s, {}, {}}));
        QVERIFY(!audit.append({0, at(2, 12), u"agent"_s, QString(), {}, {}}));

        const auto recent = audit.recent(10);
        QCOMPARE(recent.size(), 4);
        QStringList actions;
        for (const AuditEntry &e : recent)
            actions.append(e.action);
        QCOMPARE(actions, (QStringList {u"handback"_s, u"takeover"_s, u"booked"_s, u"opt_out"_s}));
        QVERIFY(recent.at(0).id > recent.at(1).id);
        QCOMPARE(recent.at(2).actor, u"agent"_s);
        QCOMPARE(recent.at(2).details, u"marcus 2026-03-03 10:00"_s);
        QCOMPARE(recent.at(2).at, at(2, 10));
        QCOMPARE(audit.recent(2).size(), 2);

        const auto forThread = audit.forSubject(thread);
        QCOMPARE(forThread.size(), 3);
        QCOMPARE(forThread.at(0).action, u"booked"_s);
        QCOMPARE(forThread.at(1).action, u"takeover"_s);
        QCOMPARE(forThread.at(2).action, u"handback"_s);
        QVERIFY(audit.forSubject(u"nobody"_s).isEmpty());
    }

    // ---- cost ---------------------------------------------------------------------------------

    void costOfTypicalCalls()
    {
        // The agent makes ~10 repository calls per inbound text and must answer in < 2 ms (p99).
        QString error;
        auto memory = Database::openSqlite(u":memory:"_s, &error);
        QVERIFY2(memory, qPrintable(error));
        ThreadRepository threads(*memory);
        ContactRepository contacts(*memory);
        OptOutRepository optOuts(*memory);
        LeadRepository leads(*memory);
        OutboxRepository outbox(*memory);
        CallRepository calls(*memory);
        AppointmentRepository appointments(*memory);
        QVERIFY(SettingsRepository(*memory).saveProfile(sharedProfile(u"hvac-atlanta.json"_s)));

        // Some history so that lookups do not run on empty tables.
        constexpr int phones = 200;
        QList<Thread> open;
        for (int i = 0; i < phones; ++i) {
            const QString phone = u"+1404555%1"_s.arg(i, 4, 10, QLatin1Char('0'));
            Contact c;
            c.phone = phone;
            c.name = u"Caller %1"_s.arg(i);
            QVERIFY(contacts.upsert(c));
            Thread t = makeThread(phone, at(1, 8).addSecs(i));
            QVERIFY(threads.insert(t));
            open.append(t);
            for (int k = 0; k < 10; ++k)
                QVERIFY(threads.addMessage(
                    makeMessage(t.id, k % 2 ? u"ai"_s : u"customer"_s, u"hello"_s, at(1, 9).addSecs(i * 60 + k))));
        }

        QList<qint64> addMessageNs, latestForNs, bundleNs, addMessageCpu, latestForCpu, bundleCpu;
        QElapsedTimer timer;
        constexpr int rounds = 1000;
        for (int r = 0; r < rounds; ++r) {
            const Thread &t = open.at(r % phones);
            const QDateTime now = at(2, 9).addSecs(r);

            qint64 cpu = threadCpuNs();
            timer.start();
            const auto latest = threads.latestFor(t.phone);
            latestForNs.append(timer.nsecsElapsed());
            latestForCpu.append(threadCpuNs() - cpu);
            QVERIFY(latest);

            const Message m = makeMessage(t.id, u"customer"_s, u"Can you come tomorrow morning?"_s, now);
            cpu = threadCpuNs();
            timer.start();
            QVERIFY(threads.addMessage(m));
            addMessageNs.append(timer.nsecsElapsed());
            addMessageCpu.append(threadCpuNs() - cpu);

            // One inbound text as the engine handles it.
            cpu = threadCpuNs();
            timer.start();
            {
                Transaction tx(*memory);
                QVERIFY(!optOuts.isOptedOut(t.phone));
                QVERIFY(contacts.findByPhone(t.phone));
                auto thread = threads.latestFor(t.phone);
                QVERIFY(thread);
                const Message in = makeMessage(thread->id, u"customer"_s, u"Tomorrow 9am works"_s, now);
                QVERIFY(threads.addMessage(in));
                const auto history = threads.messages(thread->id);
                Q_UNUSED(history);
                auto lead = leads.byThread(thread->id).value_or(Lead {thread->id});
                lead.when = u"tomorrow 9am"_s;
                QVERIFY(leads.save(lead));
                const auto busy = appointments.overlapping(now, now.addDays(14));
                Q_UNUSED(busy);
                const Message out = makeMessage(thread->id, u"ai"_s, u"You're booked for 9:00."_s, now);
                QVERIFY(threads.addMessage(out));
                QVERIFY(outbox.enqueue(makeItem(out, now)));
                thread->awaiting = u"confirm"_s;
                thread->updatedAt = now;
                QVERIFY(threads.update(*thread));
                QVERIFY(tx.commit());
            }
            bundleNs.append(timer.nsecsElapsed());
            bundleCpu.append(threadCpuNs() - cpu);
        }
        const auto report = [](const char *what, const QList<qint64> &wall, const QList<qint64> &cpu) {
            qInfo("%s: wall p50 %d us, p99 %d us; cpu p50 %d us, p99 %d us", what, percentileUs(wall, 0.5),
                percentileUs(wall, 0.99), percentileUs(cpu, 0.5), percentileUs(cpu, 0.99));
        };
        report("addMessage", addMessageNs, addMessageCpu);
        report("latestFor", latestForNs, latestForCpu);
        report("one inbound text (10 calls, one transaction)", bundleNs, bundleCpu);
        // Figures only: a unit test times nothing; bench_textback gates what a caller waits for.
        QCOMPARE(bundleNs.size(), qsizetype(rounds));
    }
};

QTEST_GUILESS_MAIN(TestRepositories)
#include "tst_repositories.moc"
