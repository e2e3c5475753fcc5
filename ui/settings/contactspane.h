#pragma once

#include "app/admin/contactimport.h"

#include <QDialog>
#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace FrontDesk {

class AdminService;
class Engine;

// Importing contacts from a CSV or vCard file: which column holds what (guessed from the header,
// changeable), a preview of the contacts after normalising and merging, and every row that will be
// left out with its reason, before anything is written.
class ContactImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactImportDialog)
public:
    ContactImportDialog(
        AdminService &admin, const QString &actor, const QString &defaultRegion, QWidget *parent = nullptr);

    // Loads a file's bytes: a vCard when `vcard`, otherwise CSV.
    void loadBytes(const QByteArray &bytes, bool vcard);
    bool loadFile(const QString &path);
    const ContactImportPlan &plan() const { return m_plan; }
    bool import();
    ContactImportResult result() const { return m_result; }

private:
    void replan();

    AdminService &m_admin;
    QString m_actor;
    PhoneNormalizer m_phones;
    CsvReader::Table m_table;
    QString m_vcardText;
    bool m_vcard = false;
    ContactImportPlan m_plan;
    ContactImportResult m_result;
    QMap<QString, QComboBox *> m_columns;
    QCheckBox *m_header = nullptr;
    QTableWidget *m_preview = nullptr;
    QListWidget *m_problems = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_importButton = nullptr;
};

// The built-in CRM: find a contact, see and edit their service history, import contacts.
class ContactsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContactsPane)
public:
    ContactsPane(Engine &engine, AdminService &admin, const QString &actor, QWidget *parent = nullptr);
    void reload();

private:
    void showContact();
    void newContact();
    void saveContact();
    void deleteContact();
    void selectContact(const QString &id);
    void openImport(bool vcard);

    Engine &m_engine;
    AdminService &m_admin;
    QString m_actor;
    QLineEdit *m_search = nullptr;
    QListWidget *m_list = nullptr;
    QTableWidget *m_history = nullptr;
    QComboBox *m_service = nullptr;
    QLineEdit *m_date = nullptr;
    QLineEdit *m_value = nullptr;
    QLabel *m_status = nullptr;
    QLineEdit *m_contactName = nullptr;
    QLineEdit *m_contactPhone = nullptr;
    QLineEdit *m_contactEmail = nullptr;
    QLineEdit *m_contactZip = nullptr;
    QLineEdit *m_contactNotes = nullptr;
    QPushButton *m_deleteContact = nullptr;
    QString m_contactId; // the contact in the form; empty: a new one
    bool m_deleteArmed = false;
};

} // namespace FrontDesk
