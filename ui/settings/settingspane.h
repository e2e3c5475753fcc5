#pragma once

#include "app/admin/connectioncheck.h"

#include <QWidget>

class QTabWidget;

namespace FrontDesk {

class AdminService;
class AuditLogView;
class BusinessPane;
class ContactsPane;
class Engine;
class IntegrationsPane;
class PhoneLinePane;
class TemplateEditor;
class TryAgentPanel;
class UsersPane;

// The admin's settings: one tab per area. The signed-in actor goes with every change; the engine
// side (AdminService) refuses what the actor's role does not allow.
class SettingsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPane)
public:
    struct Checkers
    {
        TwilioConnectionChecker twilio;
        CalDavConnectionChecker calDav;
    };

    SettingsPane(
        Engine &engine, AdminService &admin, const QString &actor, const Checkers &checkers, QWidget *parent = nullptr);

    // Shows a page by its name: business, templates, try-agent, contacts, integrations, users, audit.
    bool showPage(const QString &name);
    static QStringList pageNames();

    BusinessPane *businessPane() const { return m_business; }
    TemplateEditor *templateEditor() const { return m_templates; }
    TryAgentPanel *tryAgentPanel() const { return m_tryAgent; }
    PhoneLinePane *phoneLinePane() const { return m_phoneLine; }

private:
    QTabWidget *m_tabs = nullptr;
    BusinessPane *m_business = nullptr;
    TemplateEditor *m_templates = nullptr;
    TryAgentPanel *m_tryAgent = nullptr;
    ContactsPane *m_contacts = nullptr;
    IntegrationsPane *m_integrations = nullptr;
    UsersPane *m_users = nullptr;
    AuditLogView *m_audit = nullptr;
    PhoneLinePane *m_phoneLine = nullptr; // the voice receptionist (issue 18)
};

} // namespace FrontDesk
