#include "app/simulation/scenario.h"

#include "app/core/timeformat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

bool fail(QString *error, const QString &field, const QString &problem)
{
    if (error)
        *error = field.isEmpty() ? problem : field + u": "_s + problem;
    return false;
}

bool readString(const QJsonObject &o, const QString &key, const QString &field, QString *out, QString *error)
{
    const auto v = o.value(key);
    if (!v.isString() || v.toString().trimmed().isEmpty())
        return fail(error, field, v.isUndefined() ? u"is required"_s : u"must be a non-empty string"_s);
    *out = v.toString();
    return true;
}

bool readLocal(const QJsonValue &v, const QString &field, const QTimeZone &zone, QDateTime *out, QString *error)
{
    if (!v.isString())
        return fail(error, field, u"must be a local date-time such as \"2026-03-02T14:05\""_s);
    const QDateTime dt = TimeFormat::parseLocal(v.toString(), zone);
    if (!dt.isValid())
        return fail(error, field, u"'%1' is not a date-time such as \"2026-03-02T14:05\""_s.arg(v.toString()));
    *out = dt;
    return true;
}

} // namespace

std::optional<Scenario> Scenario::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error, QString(), u"cannot read %1: %2"_s.arg(path, file.errorString()));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        fail(error, QString(),
             u"%1 is not a JSON object (%2 at offset %3)"_s.arg(path, parseError.errorString()).arg(parseError.offset));
        return std::nullopt;
    }
    auto scenario = fromJson(doc.object(), QFileInfo(path).absolutePath(), error);
    if (scenario)
        scenario->path = path;
    return scenario;
}

std::optional<Scenario> Scenario::fromJson(const QJsonObject &o, const QString &baseDir, QString *error)
{
    Scenario s;
    const auto nameValue = o.value(u"name"_s);
    if (!nameValue.isUndefined() && !nameValue.isString()) {
        fail(error, u"name"_s, u"must be a string"_s);
        return std::nullopt;
    }
    s.name = nameValue.toString();

    QString profilePath;
    if (!readString(o, u"profile"_s, u"profile"_s, &profilePath, error))
        return std::nullopt;
    const QString resolved = QDir(baseDir).filePath(profilePath);
    ProfileError profileError;
    auto profile = BusinessProfile::fromFile(resolved, &profileError);
    if (!profile) {
        fail(error, u"profile"_s, u"%1: %2"_s.arg(profilePath, profileError.toString()));
        return std::nullopt;
    }
    s.profile = *profile;
    const QTimeZone zone = s.profile.timeZone();
    if (!readLocal(o.value(u"now"_s), u"now"_s, zone, &s.now, error))
        return std::nullopt;

    const auto contacts = o.value(u"contacts"_s);
    if (!contacts.isUndefined() && !contacts.isNull()) {
        if (!contacts.isArray()) {
            fail(error, u"contacts"_s, u"must be a list"_s);
            return std::nullopt;
        }
        const auto arr = contacts.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            const QString field = u"contacts[%1]"_s.arg(i);
            const auto co = arr.at(i).toObject();
            Contact c;
            c.id = newId();
            if (!readString(co, u"phone"_s, field + u".phone"_s, &c.phone, error))
                return std::nullopt;
            c.name = co.value(u"name"_s).toString();
            c.zip = co.value(u"zip"_s).toString();
            c.email = co.value(u"email"_s).toString();
            if (co.contains(u"language"_s)) {
                c.language = co.value(u"language"_s).toString().toLower();
                if (!BusinessProfile::supportedLanguages().contains(c.language)) {
                    fail(error, field + u".language"_s,
                        u"must be one of %1"_s.arg(BusinessProfile::supportedLanguages().join(u", "_s)));
                    return std::nullopt;
                }
            }
            const auto history = co.value(u"history"_s).toArray();
            for (qsizetype k = 0; k < history.size(); ++k) {
                const auto ho = history.at(k).toObject();
                ServiceRecord r;
                r.id = newId();
                r.contactId = c.id;
                if (!readString(ho, u"service"_s, u"%1.history[%2].service"_s.arg(field).arg(k), &r.serviceId, error))
                    return std::nullopt;
                r.date = QDate::fromString(ho.value(u"date"_s).toString(), Qt::ISODate);
                if (!r.date.isValid()) {
                    fail(error, u"%1.history[%2].date"_s.arg(field).arg(k), u"must be a date such as \"2025-11-20\""_s);
                    return std::nullopt;
                }
                r.value = ho.value(u"value"_s).toDouble();
                c.history.append(r);
            }
            std::sort(c.history.begin(), c.history.end(),
                      [](const ServiceRecord &a, const ServiceRecord &b) { return a.date > b.date; });
            s.contacts.append(c);
        }
    }

    const auto optedOut = o.value(u"opted_out"_s);
    if (!optedOut.isUndefined() && !optedOut.isNull()) {
        if (!optedOut.isArray()) {
            fail(error, u"opted_out"_s, u"must be a list of phone numbers"_s);
            return std::nullopt;
        }
        for (const auto &v : optedOut.toArray())
            s.optedOut << v.toString();
    }

    const auto calendar = o.value(u"calendar"_s);
    if (!calendar.isUndefined() && !calendar.isNull()) {
        if (!calendar.isArray()) {
            fail(error, u"calendar"_s, u"must be a list"_s);
            return std::nullopt;
        }
        const auto arr = calendar.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            const QString field = u"calendar[%1]"_s.arg(i);
            const auto jo = arr.at(i).toObject();
            CalendarJob job;
            if (!readString(jo, u"technician"_s, field + u".technician"_s, &job.technicianId, error))
                return std::nullopt;
            if (!s.profile.technician(job.technicianId)) {
                fail(error, field + u".technician"_s, u"'%1' is not a technician of the profile"_s.arg(job.technicianId));
                return std::nullopt;
            }
            if (!readLocal(jo.value(u"start"_s), field + u".start"_s, zone, &job.start, error)
                || !readLocal(jo.value(u"end"_s), field + u".end"_s, zone, &job.end, error))
                return std::nullopt;
            if (job.end <= job.start) {
                fail(error, field + u".end"_s, u"must be after start"_s);
                return std::nullopt;
            }
            job.title = jo.value(u"title"_s).toString();
            s.calendar.append(job);
        }
    }

    const auto steps = o.value(u"steps"_s);
    if (!steps.isArray() || steps.toArray().isEmpty()) {
        fail(error, u"steps"_s, steps.isUndefined() ? u"is required"_s : u"must be a non-empty list"_s);
        return std::nullopt;
    }
    const auto arr = steps.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString field = u"steps[%1]"_s.arg(i);
        if (!arr.at(i).isObject()) {
            fail(error, field, u"must be an object"_s);
            return std::nullopt;
        }
        const auto so = arr.at(i).toObject();
        ScenarioStep step;
        if (so.contains(u"missed_call"_s)) {
            step.kind = ScenarioStep::Kind::MissedCall;
            if (!readString(so, u"missed_call"_s, field + u".missed_call"_s, &step.phone, error))
                return std::nullopt;
        } else if (so.contains(u"customer"_s)) {
            step.kind = ScenarioStep::Kind::Customer;
            if (!so.value(u"customer"_s).isString()) {
                fail(error, field + u".customer"_s, u"must be the text of an SMS"_s);
                return std::nullopt;
            }
            step.text = so.value(u"customer"_s).toString();
            if (so.contains(u"from"_s) && !readString(so, u"from"_s, field + u".from"_s, &step.phone, error))
                return std::nullopt;
        } else if (so.contains(u"persona"_s)) {
            step.kind = ScenarioStep::Kind::Persona;
            if (!so.value(u"persona"_s).isObject()) {
                fail(error, field + u".persona"_s, u"must be an object of slot: text"_s);
                return std::nullopt;
            }
            const auto po = so.value(u"persona"_s).toObject();
            for (auto it = po.begin(); it != po.end(); ++it) {
                if (!it.value().isString()) {
                    fail(error, field + u".persona."_s + it.key(), u"must be a string"_s);
                    return std::nullopt;
                }
                step.persona.insert(it.key(), it.value().toString());
            }
            const auto maxTurns = so.value(u"max_turns"_s);
            if (!maxTurns.isUndefined()) {
                if (!maxTurns.isDouble() || maxTurns.toInt() < 1) {
                    fail(error, field + u".max_turns"_s, u"must be a whole number of at least 1"_s);
                    return std::nullopt;
                }
                step.maxTurns = maxTurns.toInt();
            }
            if (so.contains(u"from"_s) && !readString(so, u"from"_s, field + u".from"_s, &step.phone, error))
                return std::nullopt;
        } else if (so.contains(u"staff_takeover"_s)) {
            step.kind = ScenarioStep::Kind::StaffTakeover;
            if (!readString(so, u"staff_takeover"_s, field + u".staff_takeover"_s, &step.phone, error))
                return std::nullopt;
        } else if (so.contains(u"staff_handback"_s)) {
            step.kind = ScenarioStep::Kind::StaffHandback;
            if (!readString(so, u"staff_handback"_s, field + u".staff_handback"_s, &step.phone, error))
                return std::nullopt;
        } else if (so.contains(u"staff"_s)) {
            step.kind = ScenarioStep::Kind::Staff;
            if (!readString(so, u"staff"_s, field + u".staff"_s, &step.text, error))
                return std::nullopt;
            if (so.contains(u"to"_s) && !readString(so, u"to"_s, field + u".to"_s, &step.phone, error))
                return std::nullopt;
        } else if (so.contains(u"voice_call"_s)) {
            step.kind = ScenarioStep::Kind::VoiceCall;
            if (!readString(so, u"voice_call"_s, field + u".voice_call"_s, &step.phone, error))
                return std::nullopt;
        } else if (so.contains(u"caller_says"_s)) {
            step.kind = ScenarioStep::Kind::CallerSays;
            if (!so.value(u"caller_says"_s).isString()) {
                fail(error, field + u".caller_says"_s, u"must be the words the caller said"_s);
                return std::nullopt;
            }
            step.text = so.value(u"caller_says"_s).toString();
        } else if (so.contains(u"caller_presses"_s)) {
            step.kind = ScenarioStep::Kind::CallerPresses;
            const auto keys = so.value(u"caller_presses"_s);
            step.text = keys.isDouble() ? QString::number(keys.toInt()) : keys.toString().trimmed();
            static const QRegularExpression keypad(u"^[0-9*#]+$"_s);
            if (!keypad.match(step.text).hasMatch()) {
                fail(error, field + u".caller_presses"_s, u"must be keypad digits (0-9, * or #)"_s);
                return std::nullopt;
            }
        } else if (so.contains(u"hang_up"_s)) {
            step.kind = ScenarioStep::Kind::HangUp;
            if (!so.value(u"hang_up"_s).isBool()) {
                fail(error, field + u".hang_up"_s, u"must be true"_s);
                return std::nullopt;
            }
        } else {
            fail(error, field,
                u"unknown step (expected missed_call, customer, persona, staff_takeover, staff, staff_handback, voice_call, caller_says, caller_presses or hang_up)"_s);
            return std::nullopt;
        }
        if (so.contains(u"after_s"_s)) {
            const auto v = so.value(u"after_s"_s);
            // Bounded before it becomes an integer: a larger double has no qint64 (found by fuzzing).
            constexpr double kMaxAfterSec = 10.0 * 366 * 24 * 3600;
            if (!v.isDouble() || !(v.toDouble() >= 0 && v.toDouble() <= kMaxAfterSec)) {
                fail(error, field + u".after_s"_s, u"must be a number of seconds from 0 to ten years"_s);
                return std::nullopt;
            }
            step.afterSec = static_cast<qint64>(v.toDouble());
        }
        if (so.contains(u"at"_s)) {
            QDateTime at;
            if (!readLocal(so.value(u"at"_s), field + u".at"_s, zone, &at, error))
                return std::nullopt;
            step.at = at;
        }
        s.steps.append(step);
    }

    const auto expect = o.value(u"expect"_s);
    if (!expect.isUndefined() && !expect.isNull() && !expect.isObject()) {
        fail(error, u"expect"_s, u"must be an object"_s);
        return std::nullopt;
    }
    s.expect = expect.toObject();
    const auto byPhone = o.value(u"expect_by_phone"_s);
    if (!byPhone.isUndefined() && !byPhone.isNull()) {
        if (!byPhone.isObject()) {
            fail(error, u"expect_by_phone"_s, u"must be an object mapping phone numbers to expectations"_s);
            return std::nullopt;
        }
        const auto bo = byPhone.toObject();
        for (auto it = bo.begin(); it != bo.end(); ++it) {
            if (!it.value().isObject()) {
                fail(error, u"expect_by_phone."_s + it.key(), u"must be an object"_s);
                return std::nullopt;
            }
            s.expectByPhone.insert(it.key(), it.value().toObject());
        }
    }
    return s;
}

} // namespace FrontDesk
