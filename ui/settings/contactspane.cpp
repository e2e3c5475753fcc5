#include "ui/settings/contactspane.h"

#include "app/admin/adminservice.h"
#include "app/messaging/engine.h"
#include "models/contactrepository.h"
#include "ui/presentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString fieldLabel(const QString &field)
{
    static const QMap<QString, const char *> labels = {
        {u"phone"_s, QT_TRANSLATE_NOOP("FrontDesk::ContactImportDialog", "Phone (required)")},
        {u"name"_s, QT_TRANSLATE_NOOP("FrontDesk::ContactImportDialog", "Full name")},
        {u"first_name"_s, QT_TRANSLATE_NOOP("FrontDesk::ContactImportDialog", "First name")},
        {u"last_name"_s, QT_TRANSLATE_NOOP("FrontDesk::ContactImportDialog", "Last name")},
        {u"zip"_s, QT_TRANSLATE_NOOP("FrontDesk::ContactImportDialog", "ZIP code")},
        {u"email"_s, QT_TRANSLATE_NOOP("FrontDesk::ContactImportDialog", "E-mail")},
        {u"notes"_s, QT_TRANSLATE_NOOP("FrontDesk::ContactImportDialog", "Notes")},
        {u"service"_s, QT_TRANSLATE_NOOP("FrontDesk::ContactImportDialog", "Past service")},
        {u"service_date"_s, QT_TRANSLATE_NOOP("FrontDesk::ContactImportDialog", "Service date")},
        {u"service_value"_s, QT_TRANSLATE_NOOP("FrontDesk::ContactImportDialog", "Service value")},
    };
    return QCoreApplication::translate("FrontDesk::ContactImportDialog", labels.value(field));
}

} // namespace

ContactImportDialog::ContactImportDialog(
    AdminService &admin, const QString &actor, const QString &defaultRegion, QWidget *parent)
    : QDialog(parent)
    , m_admin(admin)
    , m_actor(actor)
    , m_phones(defaultRegion)
{
    setObjectName(u"contactImportDialog"_s);
    setWindowTitle(tr("Import contacts"));
    resize(900, 640);
    auto *mapping
        = new QGroupBox(tr("Columns (numbers without a country code are read as %1)").arg(defaultRegion), this);
    auto *grid = new QGridLayout(mapping);
    const QStringList fields = ContactColumns::fieldNames();
    for (int i = 0; i < fields.size(); ++i) {
        auto *combo = new QComboBox(mapping);
        combo->setObjectName(u"column_"_s + fields.at(i));
        m_columns.insert(fields.at(i), combo);
        grid->addWidget(new QLabel(fieldLabel(fields.at(i)), mapping), i / 2, (i % 2) * 2);
        grid->addWidget(combo, i / 2, (i % 2) * 2 + 1);
        connect(combo, &QComboBox::activated, this, &ContactImportDialog::replan);
    }
    m_header = new QCheckBox(tr("The first row holds column names"), mapping);
    m_header->setObjectName(u"firstRowIsHeaderCheck"_s);
    m_header->setChecked(true);
    grid->addWidget(m_header, int(fields.size() + 1) / 2, 0, 1, 4);
    connect(m_header, &QCheckBox::toggled, this, &ContactImportDialog::replan);

    m_preview = new QTableWidget(0, 5, this);
    m_preview->setObjectName(u"importPreviewTable"_s);
    m_preview->setHorizontalHeaderLabels(
        {tr("Phone (E.164)"), tr("Name"), tr("ZIP"), tr("Service history"), tr("From lines")});
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_preview->verticalHeader()->hide();
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems = new QListWidget(this);
    m_problems->setObjectName(u"importProblemsList"_s);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"importSummaryLabel"_s);
    m_summary->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(this);
    m_importButton = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setObjectName(u"confirmImportButton"_s);
    buttons->addButton(QDialogButtonBox::Close);
    connect(m_importButton, &QPushButton::clicked, this, [this] {
        if (import())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(mapping);
    layout->addWidget(new QLabel(tr("Contacts to import (the rows of one number are merged):"), this));
    layout->addWidget(m_preview, 3);
    layout->addWidget(new QLabel(tr("Rows left out:"), this));
    layout->addWidget(m_problems, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
}

bool ContactImportDialog::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_summary->setText(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    loadBytes(file.readAll(), suffix == u"vcf"_s || suffix == u"vcard"_s);
    return true;
}

void ContactImportDialog::loadBytes(const QByteArray &bytes, bool vcard)
{
    m_vcard = vcard;
    for (QComboBox *c : std::as_const(m_columns))
        c->setEnabled(!vcard);
    m_header->setEnabled(!vcard);
    if (vcard) {
        QByteArray data = bytes;
        if (data.startsWith("\xEF\xBB\xBF"))
            data.remove(0, 3);
        m_vcardText = QString::fromUtf8(data);
    } else {
        m_table = CsvReader::parse(bytes);
        const QStringList header = m_table.rows.isEmpty() ? QStringList() : m_table.rows.first().fields;
        const ContactColumns guess = ContactColumns::guess(header);
        for (auto it = m_columns.begin(); it != m_columns.end(); ++it) {
            QComboBox *combo = it.value();
            combo->clear();
            combo->addItem(tr("(none)"), -1);
            for (int i = 0; i < header.size(); ++i)
                combo->addItem(tr("Column %1: %2").arg(i + 1).arg(header.at(i).left(30)), i);
            combo->setCurrentIndex(combo->findData(guess.column(it.key())));
        }
    }
    replan();
}

void ContactImportDialog::replan()
{
    if (m_vcard) {
        m_plan = ContactImporter(m_phones).planVCard(m_vcardText);
    } else {
        ContactColumns columns;
        for (auto it = m_columns.cbegin(); it != m_columns.cend(); ++it)
            columns.setColumn(it.key(), it.value()->currentData().isValid() ? it.value()->currentData().toInt() : -1);
        m_plan = ContactImporter(m_phones).planCsv(m_table, columns, m_header->isChecked());
    }
    m_preview->setRowCount(int(m_plan.contacts.size()));
    for (int i = 0; i < m_plan.contacts.size(); ++i) {
        const ImportedContact &c = m_plan.contacts.at(i);
        QStringList history;
        for (const ServiceRecord &r : c.contact.history)
            history << QString(r.serviceId + u' ' + r.date.toString(Qt::ISODate)).trimmed();
        QStringList lines;
        for (int l : c.lines)
            lines << QString::number(l);
        const QStringList cells
            = {c.contact.phone, c.contact.name, c.contact.zip, history.join(u", "_s), lines.join(u", "_s)};
        for (int col = 0; col < cells.size(); ++col)
            m_preview->setItem(i, col, new QTableWidgetItem(cells.at(col)));
    }
    m_problems->clear();
    for (const ImportProblem &p : m_plan.problems)
        m_problems->addItem(tr("Line %1: %2").arg(p.line).arg(p.message));
    QString summary = tr("%1 row(s) read: %2 contact(s) to import, %3 duplicate row(s) merged, %4 row(s) left out.")
                          .arg(m_plan.rowsRead)
                          .arg(m_plan.contacts.size())
                          .arg(m_plan.duplicatesMerged)
                          .arg(m_plan.problems.size());
    if (!m_plan.fileError.isEmpty())
        summary = m_plan.fileError + u"\n"_s + summary;
    m_summary->setText(summary);
    m_importButton->setEnabled(!m_plan.contacts.isEmpty());
}

bool ContactImportDialog::import()
{
    const AdminResult r = m_admin.importContacts(m_actor, m_plan, &m_result);
    if (!r.ok) {
        m_summary->setText(r.error);
        return false;
    }
    m_summary->setText(tr("Imported: %1 new, %2 updated, %3 service record(s).")
                           .arg(m_result.created)
                           .arg(m_result.updated)
                           .arg(m_result.serviceRecordsAdded));
    return true;
}

ContactsPane::ContactsPane(Engine &engine, AdminService &admin, const QString &actor, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_admin(admin)
    , m_actor(actor)
{
    setObjectName(u"contactsPane"_s);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"contactSearchEdit"_s);
    m_search->setPlaceholderText(tr("Search by name or number"));
    m_list = new QListWidget(this);
    m_list->setObjectName(u"contactList"_s);
    auto *importCsv = new QPushButton(tr("Import CSV…"), this);
    importCsv->setObjectName(u"importCsvButton"_s);
    auto *importVcf = new QPushButton(tr("Import vCard…"), this);
    importVcf->setObjectName(u"importVCardButton"_s);
    auto *left = new QVBoxLayout;
    left->addWidget(m_search);
    left->addWidget(m_list, 1);
    auto *importRow = new QHBoxLayout;
    importRow->addWidget(importCsv);
    importRow->addWidget(importVcf);
    left->addLayout(importRow);

    // The contact itself, by hand: new, change, delete.
    auto *details = new QGroupBox(tr("Contact"), this);
    auto *detailsForm = new QFormLayout(details);
    auto edit = [details](const QString &name, const QString &placeholder) {
        auto *e = new QLineEdit(details);
        e->setObjectName(name);
        e->setPlaceholderText(placeholder);
        return e;
    };
    m_contactName = edit(u"contactNameEdit"_s, tr("Name"));
    m_contactPhone = edit(u"contactPhoneEdit"_s, tr("(404) 555-0100"));
    m_contactEmail = edit(u"contactEmailEdit"_s, tr("name@example.com"));
    m_contactZip = edit(u"contactZipEdit"_s, tr("30307"));
    m_contactNotes = edit(u"contactNotesEdit"_s, tr("Gate code, dog, preferred technician…"));
    detailsForm->addRow(tr("Name"), m_contactName);
    detailsForm->addRow(tr("Phone"), m_contactPhone);
    detailsForm->addRow(tr("E-mail"), m_contactEmail);
    detailsForm->addRow(tr("ZIP code"), m_contactZip);
    detailsForm->addRow(tr("Notes"), m_contactNotes);
    auto *newButton = new QPushButton(tr("New contact"), details);
    newButton->setObjectName(u"newContactButton"_s);
    auto *saveButton = new QPushButton(tr("Save contact"), details);
    saveButton->setObjectName(u"saveContactButton"_s);
    m_deleteContact = new QPushButton(tr("Delete contact"), details);
    m_deleteContact->setObjectName(u"deleteContactButton"_s);
    auto *detailButtons = new QHBoxLayout;
    detailButtons->addWidget(newButton);
    detailButtons->addStretch();
    detailButtons->addWidget(m_deleteContact);
    detailButtons->addWidget(saveButton);
    detailsForm->addRow(detailButtons);
    connect(newButton, &QPushButton::clicked, this, &ContactsPane::newContact);
    connect(saveButton, &QPushButton::clicked, this, &ContactsPane::saveContact);
    connect(m_deleteContact, &QPushButton::clicked, this, &ContactsPane::deleteContact);

    m_history = new QTableWidget(0, 3, this);
    m_history->setObjectName(u"serviceHistoryTable"_s);
    m_history->setHorizontalHeaderLabels({tr("Date"), tr("Service"), tr("Value")});
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->verticalHeader()->hide();
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_service = new QComboBox(this);
    m_service->setObjectName(u"historyServiceCombo"_s);
    m_service->setEditable(true);
    m_date = new QLineEdit(this);
    m_date->setObjectName(u"historyDateEdit"_s);
    m_date->setPlaceholderText(u"2026-01-15"_s);
    m_value = new QLineEdit(this);
    m_value->setObjectName(u"historyValueEdit"_s);
    m_value->setPlaceholderText(u"0"_s);
    auto *add = new QPushButton(tr("Add job"), this);
    add->setObjectName(u"addHistoryButton"_s);
    auto *remove = new QPushButton(tr("Remove selected job"), this);
    remove->setObjectName(u"removeHistoryButton"_s);
    m_status = new QLabel(this);
    m_status->setObjectName(u"contactsStatusLabel"_s);
    m_status->setWordWrap(true);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_service, 2);
    addRow->addWidget(m_date, 1);
    addRow->addWidget(m_value, 1);
    addRow->addWidget(add);
    auto *right = new QVBoxLayout;
    right->addWidget(details);
    right->addWidget(new QLabel(tr("Service history"), this));
    right->addWidget(m_history, 1);
    right->addLayout(addRow);
    right->addWidget(remove, 0, Qt::AlignRight);
    right->addWidget(m_status);

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 1);
    layout->addLayout(right, 2);

    connect(m_search, &QLineEdit::textChanged, this, &ContactsPane::reload);
    connect(m_list, &QListWidget::currentRowChanged, this, &ContactsPane::showContact);
    connect(importCsv, &QPushButton::clicked, this, [this] { openImport(false); });
    connect(importVcf, &QPushButton::clicked, this, [this] { openImport(true); });
    auto report = [this](const AdminResult &r, const QString &ok) {
        m_status->setText(r.ok ? ok : r.error);
        m_status->setStyleSheet(r.ok ? u"color: #2e7d32;"_s : u"color: #b3261e;"_s);
        if (r.ok)
            showContact();
    };
    connect(add, &QPushButton::clicked, this, [this, report] {
        const QListWidgetItem *item = m_list->currentItem();
        if (!item)
            return report(AdminResult::failure(tr("Select a contact first.")), {});
        ServiceRecord r;
        r.contactId = item->data(Qt::UserRole).toString();
        r.serviceId = m_service->currentData().isValid()
                && m_service->currentText() == m_service->itemText(m_service->currentIndex())
            ? m_service->currentData().toString()
            : m_service->currentText().trimmed();
        r.date = QDate::fromString(m_date->text().trimmed(), Qt::ISODate);
        bool ok = true;
        r.value = m_value->text().trimmed().isEmpty() ? 0 : m_value->text().trimmed().toDouble(&ok);
        if (!ok)
            return report(AdminResult::failure(tr("The value must be a number.")), {});
        report(m_admin.addServiceRecord(m_actor, r), tr("Job added."));
    });
    connect(remove, &QPushButton::clicked, this, [this, report] {
        const QListWidgetItem *item = m_list->currentItem();
        const int row = m_history->currentRow();
        if (!item || row < 0)
            return report(AdminResult::failure(tr("Select a job first.")), {});
        report(m_admin.removeServiceRecord(m_actor, item->data(Qt::UserRole).toString(),
                   m_history->item(row, 0)->data(Qt::UserRole).toString()),
            tr("Job removed."));
    });
    reload();
}

void ContactsPane::reload()
{
    m_service->clear();
    if (const auto p = m_engine.profile())
        for (const ServiceDef &s : p->services)
            m_service->addItem(s.name, s.id);
    m_list->clear();
    for (const Contact &c : ContactRepository(m_engine.database()).search(m_search->text(), 500)) {
        QString text
            = c.name.isEmpty() ? Presentation::phone(c.phone) : c.name + u"  ·  "_s + Presentation::phone(c.phone);
        if (!c.zip.isEmpty())
            text += u"  ·  "_s + c.zip;
        if (!c.email.isEmpty())
            text += u"  ·  "_s + c.email;
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, c.id);
    }
}

void ContactsPane::newContact()
{
    m_list->setCurrentRow(-1);
    m_contactId.clear();
    for (QLineEdit *e : {m_contactName, m_contactPhone, m_contactEmail, m_contactZip, m_contactNotes})
        e->clear();
    m_history->setRowCount(0);
    m_deleteContact->setEnabled(false);
    m_contactName->setFocus();
}

void ContactsPane::selectContact(const QString &id)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == id)
            m_list->setCurrentRow(i);
}

void ContactsPane::saveContact()
{
    Contact c;
    c.id = m_contactId;
    c.name = m_contactName->text().trimmed();
    c.phone = m_contactPhone->text().trimmed();
    c.email = m_contactEmail->text().trimmed();
    c.zip = m_contactZip->text().trimmed();
    c.notes = m_contactNotes->text().trimmed();
    QString id;
    const AdminResult r = m_admin.saveContact(m_actor, c, &id);
    m_status->setText(r.ok ? (c.id.isEmpty() ? tr("Contact added.") : tr("Contact saved.")) : r.error);
    m_status->setStyleSheet(r.ok ? u"color: #2e7d32;"_s : u"color: #b3261e;"_s);
    if (!r.ok)
        return;
    reload();
    selectContact(id);
}

void ContactsPane::deleteContact()
{
    if (m_contactId.isEmpty())
        return;
    if (!m_deleteArmed) { // it takes the service history with it: ask once more, inline
        m_deleteArmed = true;
        m_deleteContact->setText(tr("Click again to delete"));
        return;
    }
    m_deleteArmed = false;
    m_deleteContact->setText(tr("Delete contact"));
    const AdminResult r = m_admin.removeContact(m_actor, m_contactId);
    m_status->setText(r.ok ? tr("Contact deleted.") : r.error);
    m_status->setStyleSheet(r.ok ? u"color: #2e7d32;"_s : u"color: #b3261e;"_s);
    if (r.ok) {
        reload();
        newContact();
    }
}

void ContactsPane::showContact()
{
    m_history->setRowCount(0);
    m_deleteArmed = false;
    m_deleteContact->setText(tr("Delete contact"));
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    if (const auto c = ContactRepository(m_engine.database()).byId(item->data(Qt::UserRole).toString())) {
        m_contactId = c->id;
        m_contactName->setText(c->name);
        m_contactPhone->setText(Presentation::phone(c->phone));
        m_contactEmail->setText(c->email);
        m_contactZip->setText(c->zip);
        m_contactNotes->setText(c->notes);
        m_deleteContact->setEnabled(true);
    }
    const QList<ServiceRecord> history
        = ContactRepository(m_engine.database()).history(item->data(Qt::UserRole).toString());
    m_history->setRowCount(int(history.size()));
    for (int i = 0; i < history.size(); ++i) {
        const ServiceRecord &r = history.at(i);
        auto *date = new QTableWidgetItem(r.date.toString(Qt::ISODate));
        date->setData(Qt::UserRole, r.id);
        m_history->setItem(i, 0, date);
        const ServiceDef *s = m_engine.profile() ? m_engine.profile()->service(r.serviceId) : nullptr;
        m_history->setItem(i, 1, new QTableWidgetItem(s ? s->name : r.serviceId));
        m_history->setItem(i, 2, new QTableWidgetItem(QString::number(r.value, 'f', 2)));
    }
}

void ContactsPane::openImport(bool vcard)
{
    const QString path = QFileDialog::getOpenFileName(this, vcard ? tr("Import a vCard file") : tr("Import a CSV file"),
        QString(), vcard ? tr("vCard (*.vcf *.vcard)") : tr("CSV (*.csv *.txt)"));
    if (path.isEmpty())
        return;
    const QString region = m_engine.profile() ? PhoneNormalizer::regionOf(m_engine.profile()->phone) : u"US"_s;
    auto *dialog = new ContactImportDialog(m_admin, m_actor, region, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->loadFile(path);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        reload();
        // What the import did, in the pane once the dialog is gone: an existing contact updated is said.
        const ContactImportResult result = dialog->result();
        m_status->setText(tr("Imported: %1 new contact(s), %2 existing contact(s) updated, %3 past job(s) added.")
                              .arg(result.created)
                              .arg(result.updated)
                              .arg(result.serviceRecordsAdded));
        m_status->setStyleSheet(u"color: #2e7d32;"_s);
    });
    dialog->open();
}

} // namespace FrontDesk
