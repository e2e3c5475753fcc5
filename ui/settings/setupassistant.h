#pragma once

#include "app/admin/adminservice.h"
#include "models/businessprofile.h"

#include <QWizard>
#include <array>
#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QTableWidget;
class QTimeEdit;

namespace FrontDesk {

class Engine;

// The first run of an owner: the business, its hours, services, technicians, the phone line and the
// calendar, page by page, starting from a trade's sane defaults (HVAC, plumbing, dental, law …).
// Finish checks everything at once and lists every problem in plain words; a valid setup is saved
// through AdminService (the signed-in admin's role checked there) and the window follows at once.
class SetupAssistant final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SetupAssistant)
public:
    SetupAssistant(Engine &engine, AdminService &admin, const QString &actor, QWidget *parent = nullptr);

    // A sample caller's missed call after a successful setup (the practice line), when the owner
    // ticks it; unset: the choice is not offered.
    void setTestCall(std::function<void()> placeTestCall);

    void applyTrade(const QString &tradeId); // the trade's defaults into every page
    BusinessProfile draft() const;
    QStringList problems() const; // every problem of what is entered, in plain words; empty: ready
    bool save(); // false: the problems are listed on the last page and nothing is stored

    bool validateCurrentPage() override;

signals:
    void setupSaved();

private:
    QWizardPage *businessPage();
    QWizardPage *hoursPage();
    QWizardPage *servicesPage();
    QWizardPage *techniciansPage();
    QWizardPage *linePage();
    QWizardPage *calendarPage();
    QWizardPage *finishPage();
    void updateSummary();

    Engine &m_engine;
    AdminService &m_admin;
    QString m_actor;
    std::function<void()> m_placeTestCall;

    QComboBox *m_trade = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_phone = nullptr;
    QComboBox *m_timezone = nullptr;
    QLineEdit *m_zips = nullptr;
    std::array<QCheckBox *, 7> m_open {};
    std::array<QTimeEdit *, 7> m_openAt {};
    std::array<QTimeEdit *, 7> m_closeAt {};
    QTableWidget *m_services = nullptr;
    QTableWidget *m_technicians = nullptr;
    QRadioButton *m_realLine = nullptr;
    QLineEdit *m_lineSid = nullptr;
    QLineEdit *m_lineToken = nullptr;
    QLineEdit *m_lineNumber = nullptr;
    QRadioButton *m_calDav = nullptr;
    QLineEdit *m_calDavUrl = nullptr;
    QLineEdit *m_calDavUser = nullptr;
    QLineEdit *m_calDavPassword = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_errors = nullptr;
    QCheckBox *m_testCall = nullptr;
    BusinessProfile m_base; // the trade's rules for what the pages don't show (keywords, booking rules)
};

} // namespace FrontDesk
