#include "ui/settings/settingspane.h"

#include "app/messaging/engine.h"
#include "ui/settings/businesspane.h"
#include "ui/settings/contactspane.h"
#include "ui/settings/integrationspane.h"
#include "ui/settings/phonelinepane.h"
#include "ui/settings/templateeditor.h"
#include "ui/settings/tryagentpanel.h"
#include "ui/settings/userspane.h"

#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

QStringList SettingsPane::pageNames()
{
    return {u"business"_s, u"templates"_s, u"try-agent"_s, u"contacts"_s, u"integrations"_s, u"users"_s, u"audit"_s};
}

SettingsPane::SettingsPane(
    Engine &engine, AdminService &admin, const QString &actor, const Checkers &checkers, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"settingsPane"_s);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"settingsTabs"_s);
    m_business = new BusinessPane(engine, admin, actor, m_tabs);
    m_templates = new TemplateEditor(engine, admin, actor, m_tabs);
    m_tryAgent = new TryAgentPanel(engine, m_tabs);
    m_contacts = new ContactsPane(engine, admin, actor, m_tabs);
    m_integrations = new IntegrationsPane(admin, actor, checkers.twilio, checkers.calDav, m_tabs);
    m_users = new UsersPane(admin, actor, m_tabs);
    m_audit = new AuditLogView(admin, actor, m_tabs);
    m_tabs->addTab(m_business, tr("Business"));
    m_tabs->addTab(m_templates, tr("Templates"));
    m_tabs->addTab(m_tryAgent, tr("Try the agent"));
    m_tabs->addTab(m_contacts, tr("Contacts"));
    m_tabs->addTab(m_integrations, tr("Integrations"));
    m_tabs->addTab(m_users, tr("Users"));
    m_tabs->addTab(m_audit, tr("Audit log"));
    m_phoneLine = new PhoneLinePane(engine, admin, actor, m_tabs);
    m_tabs->addTab(m_phoneLine, tr("Phone line"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    // What the agent says follows what was saved; the audit log shows it.
    connect(m_business, &BusinessPane::profileSaved, m_tryAgent, &TryAgentPanel::restart);
    connect(m_business, &BusinessPane::profileSaved, m_contacts, &ContactsPane::reload);
    // The voice settings and the rest of the profile are one profile: each pane shows what the other saved.
    connect(m_business, &BusinessPane::profileSaved, m_phoneLine, &PhoneLinePane::reload);
    connect(m_phoneLine, &PhoneLinePane::phoneLineSaved, m_business, [this, enginePointer = &engine] {
        if (const auto p = enginePointer->profile())
            m_business->load(*p);
    });
    connect(m_templates, &TemplateEditor::templatesSaved, m_tryAgent, &TryAgentPanel::restart);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_audit)
            m_audit->reload();
        else if (m_tabs->widget(index) == m_users)
            m_users->reload();
    });
}

bool SettingsPane::showPage(const QString &name)
{
    const qsizetype index = pageNames().indexOf(name);
    if (index < 0)
        return false;
    m_tabs->setCurrentIndex(int(index));
    return true;
}

} // namespace FrontDesk
