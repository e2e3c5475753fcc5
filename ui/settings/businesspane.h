#pragma once

#include "models/businessprofile.h"

#include <QWidget>
#include <array>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace FrontDesk {

class AdminService;
class Engine;

// The business profile, field by field: who the business is, hours and holidays, service area,
// services, technicians, emergency and urgent words, the FAQ, qualification and booking rules.
// Every edit is checked as it is typed (ProfileFields); the first problem is shown with the field
// it concerns and Save stays disabled until it is fixed, so an invalid profile is never saved half
// way. Import and export of the FORMAT.md JSON.
class BusinessPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BusinessPane)
public:
    BusinessPane(Engine &engine, AdminService &admin, const QString &actor, QWidget *parent = nullptr);

    // The profile the fields describe now (not yet saved), and the first problem with it.
    BusinessProfile draft() const;
    QString problem() const { return m_problem; }
    void load(const BusinessProfile &profile);
    bool save();
    // Import and export without a file dialog (the buttons ask for the file, then call these).
    bool importFile(const QString &path);
    bool exportFile(const QString &path);

signals:
    void profileSaved();

private:
    static QString normalizedPhone(const QString &typed);
    void revalidate();
    void setStatus(const QString &text, bool error);
    QTableWidget *makeTable(const QStringList &headers, const QString &objectName);
    static QStringList splitList(const QString &text);

    Engine &m_engine;
    AdminService &m_admin;
    QString m_actor;
    BusinessProfile m_base; // what was loaded: fields without a widget (templates) come from it
    QString m_problem;
    bool m_loading = false;

    QLineEdit *m_name = nullptr;
    QLineEdit *m_timezone = nullptr;
    QLineEdit *m_phone = nullptr;
    std::array<QCheckBox *, 7> m_open {};
    std::array<QLineEdit *, 7> m_openAt {};
    std::array<QLineEdit *, 7> m_closeAt {};
    QLineEdit *m_holidays = nullptr;
    QLineEdit *m_zips = nullptr;
    QLineEdit *m_emergency = nullptr;
    QLineEdit *m_urgent = nullptr;
    QLineEdit *m_notOffered = nullptr;
    QTableWidget *m_services = nullptr;
    QTableWidget *m_technicians = nullptr;
    QTableWidget *m_faq = nullptr;
    QList<QCheckBox *> m_ask;
    QList<QCheckBox *> m_askNew;
    QSpinBox *m_slotStep = nullptr;
    QSpinBox *m_minLead = nullptr;
    QSpinBox *m_horizon = nullptr;
    QSpinBox *m_offers = nullptr;
    QSpinBox *m_buffer = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_revertButton = nullptr;
};

} // namespace FrontDesk
