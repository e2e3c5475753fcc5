#include "app/admin/contactimport.h"

#include "models/contactrepository.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::ContactImporter", text);
}

QString normalisedHeader(const QString &h)
{
    QString out;
    for (const QChar c : h.toLower())
        if (c.isLetterOrNumber())
            out += c;
    return out;
}

QString field(const CsvReader::Row &row, int column)
{
    return column >= 0 && column < row.fields.size() ? row.fields.at(column).trimmed() : QString();
}

QString joinNotes(const QString &a, const QString &b)
{
    if (a.isEmpty() || a == b)
        return b.isEmpty() ? a : b;
    if (b.isEmpty() || a.contains(b))
        return a;
    return a + u'\n' + b;
}

// vCard text values: \n, \, \; and \\ escapes.
QString unescapeVCard(const QString &v)
{
    QString out;
    for (qsizetype i = 0; i < v.size(); ++i) {
        if (v.at(i) == u'\\' && i + 1 < v.size()) {
            const QChar n = v.at(++i);
            out += (n == u'n' || n == u'N') ? QChar(u'\n') : n;
        } else {
            out += v.at(i);
        }
    }
    return out;
}

// Splits a structured vCard value on unescaped semicolons.
QStringList splitStructured(const QString &v)
{
    QStringList parts;
    QString cur;
    for (qsizetype i = 0; i < v.size(); ++i) {
        if (v.at(i) == u'\\' && i + 1 < v.size()) {
            cur += v.at(i);
            cur += v.at(++i);
        } else if (v.at(i) == u';') {
            parts << unescapeVCard(cur);
            cur.clear();
        } else {
            cur += v.at(i);
        }
    }
    parts << unescapeVCard(cur);
    return parts;
}

} // namespace

QStringList ContactColumns::fieldNames()
{
    return {u"phone"_s, u"name"_s, u"first_name"_s, u"last_name"_s, u"zip"_s, u"email"_s, u"notes"_s, u"service"_s,
        u"service_date"_s, u"service_value"_s};
}

int ContactColumns::column(const QString &f) const
{
    const int *members[]
        = {&phone, &name, &firstName, &lastName, &zip, &email, &notes, &service, &serviceDate, &serviceValue};
    const qsizetype i = fieldNames().indexOf(f);
    return i < 0 ? -1 : *members[i];
}

void ContactColumns::setColumn(const QString &f, int c)
{
    int *members[]
        = {&phone, &name, &firstName, &lastName, &zip, &email, &notes, &service, &serviceDate, &serviceValue};
    const qsizetype i = fieldNames().indexOf(f);
    if (i >= 0)
        *members[i] = c;
}

ContactColumns ContactColumns::guess(const QStringList &header)
{
    ContactColumns c;
    const QList<QPair<QStringList, int ContactColumns::*>> rules = {
        {{u"phone"_s, u"phonenumber"_s, u"mobile"_s, u"cell"_s, u"cellphone"_s, u"tel"_s, u"telephone"_s, u"number"_s,
             u"mobilephone"_s},
            &ContactColumns::phone},
        {{u"name"_s, u"fullname"_s, u"customer"_s, u"customername"_s, u"contact"_s, u"contactname"_s},
            &ContactColumns::name},
        {{u"firstname"_s, u"first"_s, u"givenname"_s}, &ContactColumns::firstName},
        {{u"lastname"_s, u"last"_s, u"surname"_s, u"familyname"_s}, &ContactColumns::lastName},
        {{u"zip"_s, u"zipcode"_s, u"postcode"_s, u"postalcode"_s, u"postal"_s}, &ContactColumns::zip},
        {{u"email"_s, u"emailaddress"_s, u"mail"_s}, &ContactColumns::email},
        {{u"notes"_s, u"note"_s, u"comments"_s, u"comment"_s}, &ContactColumns::notes},
        {{u"service"_s, u"lastservice"_s, u"job"_s, u"servicetype"_s}, &ContactColumns::service},
        {{u"date"_s, u"servicedate"_s, u"lastservicedate"_s, u"jobdate"_s, u"lastvisit"_s},
            &ContactColumns::serviceDate},
        {{u"value"_s, u"amount"_s, u"jobvalue"_s, u"price"_s, u"total"_s, u"servicevalue"_s},
            &ContactColumns::serviceValue},
    };
    for (int i = 0; i < header.size(); ++i) {
        const QString h = normalisedHeader(header.at(i));
        for (const auto &[names, member] : rules) {
            if (c.*member < 0 && names.contains(h)) {
                c.*member = i;
                break;
            }
        }
    }
    return c;
}

std::optional<QDate> parseLooseDate(const QString &text)
{
    const QString t = text.trimmed();
    for (const QString &format : {u"yyyy-MM-dd"_s, u"M/d/yyyy"_s, u"M/d/yy"_s, u"d.M.yyyy"_s, u"yyyy/M/d"_s}) {
        QDate d = QDate::fromString(t, format);
        if (d.isValid()) {
            if (format == u"M/d/yy"_s && d.year() < 1970)
                d = d.addYears(100);
            return d;
        }
    }
    return std::nullopt;
}

std::optional<double> parseLooseAmount(const QString &text)
{
    QString t = text.trimmed();
    t.remove(u'$').remove(u',').remove(u' ');
    if (t.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok || v < 0 || !std::isfinite(v))
        return std::nullopt;
    return v;
}

void ContactImporter::add(ContactImportPlan &plan, ImportedContact item, QHash<QString, qsizetype> &byPhone) const
{
    const auto found = byPhone.constFind(item.contact.phone);
    if (found == byPhone.cend()) {
        byPhone.insert(item.contact.phone, plan.contacts.size());
        plan.contacts << item;
        return;
    }
    ImportedContact &existing = plan.contacts[*found];
    Contact &c = existing.contact;
    const Contact &n = item.contact;
    if (c.name.isEmpty())
        c.name = n.name;
    if (c.zip.isEmpty())
        c.zip = n.zip;
    if (c.email.isEmpty())
        c.email = n.email;
    c.notes = joinNotes(c.notes, n.notes);
    for (const ServiceRecord &r : n.history) {
        const bool known = std::any_of(c.history.cbegin(), c.history.cend(),
            [&r](const ServiceRecord &h) { return h.serviceId == r.serviceId && h.date == r.date; });
        if (!known)
            c.history << r;
    }
    existing.lines << item.lines;
    ++plan.duplicatesMerged;
}

ContactImportPlan ContactImporter::planCsv(
    const CsvReader::Table &table, const ContactColumns &columns, bool firstRowIsHeader) const
{
    ContactImportPlan plan;
    QHash<QString, qsizetype> byPhone;
    plan.fileError = table.error;
    if (columns.phone < 0) {
        plan.fileError = tr("choose the column that holds the phone number");
        return plan;
    }
    static const QRegularExpression zipPattern(u"^[0-9]{5}(-[0-9]{4})?$"_s);
    for (qsizetype i = firstRowIsHeader ? 1 : 0; i < table.rows.size(); ++i) {
        const CsvReader::Row &row = table.rows.at(i);
        ++plan.rowsRead;
        QString why;
        const auto phone = m_phones.toE164(field(row, columns.phone), &why);
        if (!phone) {
            plan.problems << ImportProblem {row.line, why};
            continue;
        }
        ImportedContact item;
        item.lines << row.line;
        Contact &c = item.contact;
        c.phone = *phone;
        c.name = field(row, columns.name);
        if (c.name.isEmpty())
            c.name = QString(field(row, columns.firstName) + u' ' + field(row, columns.lastName)).trimmed();
        c.zip = field(row, columns.zip);
        if (!c.zip.isEmpty() && !zipPattern.match(c.zip).hasMatch()) {
            plan.problems << ImportProblem {row.line, tr("\"%1\" is not a ZIP code").arg(c.zip)};
            continue;
        }
        c.zip = c.zip.left(5);
        c.email = field(row, columns.email);
        if (!c.email.isEmpty() && !c.email.contains(u'@')) {
            plan.problems << ImportProblem {row.line, tr("\"%1\" is not an e-mail address").arg(c.email)};
            continue;
        }
        c.notes = field(row, columns.notes);
        const QString service = field(row, columns.service);
        const QString dateText = field(row, columns.serviceDate);
        const QString valueText = field(row, columns.serviceValue);
        if (!service.isEmpty() || !dateText.isEmpty()) {
            ServiceRecord r;
            r.serviceId = service;
            if (!dateText.isEmpty()) {
                const auto date = parseLooseDate(dateText);
                if (!date) {
                    plan.problems << ImportProblem {
                        row.line, tr("\"%1\" is not a date (use 2025-11-20)").arg(dateText)};
                    continue;
                }
                r.date = *date;
            }
            if (!valueText.isEmpty()) {
                const auto value = parseLooseAmount(valueText);
                if (!value) {
                    plan.problems << ImportProblem {row.line, tr("\"%1\" is not an amount").arg(valueText)};
                    continue;
                }
                r.value = *value;
            }
            c.history << r;
        }
        add(plan, item, byPhone);
    }
    return plan;
}

ContactImportPlan ContactImporter::planVCard(const QString &input) const
{
    ContactImportPlan plan;
    QHash<QString, qsizetype> byPhone;
    // Unfold: a line that starts with a space or tab continues the previous one.
    QStringList lines;
    QList<int> lineNumbers;
    const QStringList raw = QString(input).replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n').split(u'\n');
    for (int i = 0; i < raw.size(); ++i) {
        const QString &l = raw.at(i);
        if ((l.startsWith(u' ') || l.startsWith(u'\t')) && !lines.isEmpty())
            lines.last() += l.mid(1);
        else {
            lines << l;
            lineNumbers << i + 1;
        }
    }
    bool inCard = false;
    int cardLine = 0;
    QString fn, structuredName, tel, cellTel, email, zip, note;
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(u':');
        const QString head = colon < 0 ? line : line.left(colon);
        const QString value = colon < 0 ? QString() : line.mid(colon + 1);
        QStringList params = head.split(u';');
        QString property = params.takeFirst().toUpper();
        if (const qsizetype dot = property.indexOf(u'.'); dot >= 0)
            property = property.mid(dot + 1); // "item1.TEL"
        const QString paramText = params.join(u';').toUpper();
        if (property == u"BEGIN"_s && value.compare(u"VCARD"_s, Qt::CaseInsensitive) == 0) {
            inCard = true;
            cardLine = lineNumbers.at(i);
            fn.clear(), structuredName.clear(), tel.clear(), cellTel.clear(), email.clear(), zip.clear(), note.clear();
            continue;
        }
        if (!inCard)
            continue;
        if (property == u"END"_s) {
            inCard = false;
            ++plan.rowsRead;
            const QString number = cellTel.isEmpty() ? tel : cellTel;
            QString why;
            const auto phone = m_phones.toE164(number, &why);
            if (!phone) {
                plan.problems << ImportProblem {cardLine, number.isEmpty() ? tr("the card has no phone number") : why};
                continue;
            }
            ImportedContact item;
            item.lines << cardLine;
            item.contact.phone = *phone;
            item.contact.name = fn.isEmpty() ? structuredName : fn;
            item.contact.email = email;
            item.contact.zip = zip.left(5);
            item.contact.notes = note;
            add(plan, item, byPhone);
        } else if (property == u"FN"_s) {
            fn = unescapeVCard(value).trimmed();
        } else if (property == u"N"_s) {
            const QStringList n = splitStructured(value); // family; given; additional; prefix; suffix
            structuredName = QString(n.value(1) + u' ' + n.value(0)).trimmed();
        } else if (property == u"TEL"_s) {
            QString number = value;
            if (number.startsWith(u"tel:"_s, Qt::CaseInsensitive))
                number = number.mid(4);
            if (tel.isEmpty())
                tel = number;
            if (cellTel.isEmpty() && paramText.contains(u"CELL"_s))
                cellTel = number;
        } else if (property == u"EMAIL"_s) {
            if (email.isEmpty())
                email = value.trimmed();
        } else if (property == u"ADR"_s) {
            if (zip.isEmpty())
                zip = splitStructured(value).value(5).trimmed(); // po box; ext; street; city; region; code; country
        } else if (property == u"NOTE"_s) {
            note = unescapeVCard(value);
        }
    }
    if (inCard)
        plan.fileError = tr("line %1: the card is never closed (END:VCARD)").arg(cardLine);
    return plan;
}

ContactImportResult ContactImporter::apply(Database &db, const ContactImportPlan &plan, const QDateTime &now)
{
    ContactImportResult result;
    Transaction tx(db);
    if (!tx.ok()) {
        result.error = db.lastError();
        return result;
    }
    ContactRepository contacts(db);
    for (const ImportedContact &item : plan.contacts) {
        Contact c = item.contact;
        const auto existing = contacts.findByPhone(c.phone);
        if (!contacts.lastError().isEmpty()) {
            result.error = contacts.lastError();
            return result;
        }
        if (existing) {
            // What the CRM already knows wins; the import only fills gaps.
            c.id = existing->id;
            if (!existing->name.isEmpty())
                c.name = existing->name;
            if (!existing->zip.isEmpty())
                c.zip = existing->zip;
            if (!existing->email.isEmpty())
                c.email = existing->email;
            c.notes = joinNotes(existing->notes, c.notes);
            c.createdAt = existing->createdAt;
        } else
            c.createdAt = now;
        const auto id = contacts.upsert(c);
        if (!id) {
            result.error = contacts.lastError();
            return result;
        }
        ++(existing ? result.updated : result.created);
        for (ServiceRecord r : c.history) {
            r.contactId = *id;
            const int before = contacts.history(*id).size();
            if (!contacts.addServiceRecordOnce(r)) {
                result.error = contacts.lastError();
                return result;
            }
            if (contacts.history(*id).size() > before)
                ++result.serviceRecordsAdded;
        }
    }
    if (!tx.commit()) {
        result = ContactImportResult();
        result.error = db.lastError();
    }
    return result;
}

} // namespace FrontDesk
