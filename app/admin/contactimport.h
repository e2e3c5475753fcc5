#pragma once

#include "app/admin/csvreader.h"
#include "app/admin/phonenormalizer.h"
#include "models/database.h"
#include "models/records.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace FrontDesk {

// Which CSV column holds what (-1: none). Only the phone is required.
struct ContactColumns
{
    int phone = -1;
    int name = -1;
    int firstName = -1; // joined with lastName when there is no name column
    int lastName = -1;
    int zip = -1;
    int email = -1;
    int notes = -1;
    int service = -1; // one service record per row when service or date is mapped
    int serviceDate = -1;
    int serviceValue = -1;

    // Guesses from a header row ("Phone", "Mobile", "Full name", "Zip code", "Last service", …).
    static ContactColumns guess(const QStringList &header);
    static QStringList fieldNames(); // "phone", "name", … in the order of the members
    int column(const QString &fieldName) const;
    void setColumn(const QString &fieldName, int column);
};

// One contact of an import, after normalising and merging; `lines` are the source rows it came from.
struct ImportedContact
{
    Contact contact; // phone in E.164; history holds the service records of its rows
    QList<int> lines;
};

struct ImportProblem
{
    int line = 0; // 1-based line of the file (the vCard's BEGIN line)
    QString message;
};

// What an import would do, shown as a preview before anything is written.
struct ContactImportPlan
{
    QList<ImportedContact> contacts; // duplicates (same E.164 number) merged into one
    QList<ImportProblem> problems; // rows that are left out, each with its reason
    int rowsRead = 0;
    int duplicatesMerged = 0; // rows folded into an earlier row of the same number
    QString fileError; // the file could not be read at all (or only up to a point)
};

struct ContactImportResult
{
    int created = 0;
    int updated = 0; // the number was already in the CRM: merged into that contact
    int serviceRecordsAdded = 0;
    QString error; // set when nothing was written (the import is one transaction)
};

// The built-in CRM's importer: CSV (with a column mapping) and vCard 3/4; numbers go to E.164 in the
// business's region, the rows of one number become one contact, and an existing contact with that
// number is filled in rather than duplicated (a name or ZIP it has is kept).
class ContactImporter
{
public:
    explicit ContactImporter(const PhoneNormalizer &phones)
        : m_phones(phones)
    {
    }

    ContactImportPlan planCsv(
        const CsvReader::Table &table, const ContactColumns &columns, bool firstRowIsHeader) const;
    ContactImportPlan planVCard(const QString &text) const;
    // Writes the plan in one transaction: all of it or, on a store error, nothing.
    static ContactImportResult apply(Database &db, const ContactImportPlan &plan, const QDateTime &now);

private:
    void add(ContactImportPlan &plan, ImportedContact item, QHash<QString, qsizetype> &byPhone) const;
    const PhoneNormalizer &m_phones;
};

// Dates and amounts as spreadsheets write them: 2025-11-20, 11/20/2025, 20.11.2025; $1,250.50.
std::optional<QDate> parseLooseDate(const QString &text);
std::optional<double> parseLooseAmount(const QString &text);

} // namespace FrontDesk
