#include "ui/settings/signindialog.h"

#include "app/admin/adminservice.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

SignInDialog::SignInDialog(AdminService &admin, QWidget *parent)
    : QDialog(parent)
    , m_admin(admin)
    , m_firstRun(admin.needsFirstAdmin())
{
    setObjectName(u"signInDialog"_s);
    setWindowTitle(m_firstRun ? tr("FrontDesk — create the first admin") : tr("FrontDesk — sign in"));
    auto *intro = new QLabel(m_firstRun
            ? tr("Welcome. Create the administrator account: it manages settings, templates and the other users.")
            : tr("Sign in to the desk."),
        this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    if (m_firstRun) { // who you are first, then how you sign in: Tab goes down the form
        m_displayName = new QLineEdit(this);
        m_displayName->setObjectName(u"signInDisplayNameEdit"_s);
        m_displayName->setPlaceholderText(tr("e.g. Ada Lovelace"));
        form->addRow(tr("Your name"), m_displayName);
    }
    m_username = new QLineEdit(this);
    m_username->setObjectName(u"signInUsernameEdit"_s);
    if (m_firstRun)
        m_username->setPlaceholderText(tr("what you type to sign in, e.g. ada"));
    form->addRow(tr("User name"), m_username);
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"signInPasswordEdit"_s);
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Password"), m_password);
    if (m_firstRun) {
        m_confirm = new QLineEdit(this);
        m_confirm->setObjectName(u"signInConfirmEdit"_s);
        m_confirm->setEchoMode(QLineEdit::Password);
        form->addRow(tr("Password again"), m_confirm);
        setTabOrder(m_displayName, m_username);
        setTabOrder(m_username, m_password);
        setTabOrder(m_password, m_confirm);
    }
    m_error = new QLabel(this);
    m_error->setObjectName(u"signInErrorLabel"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b3261e;"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setObjectName(u"signInButton"_s);
    buttons->button(QDialogButtonBox::Ok)->setText(m_firstRun ? tr("Create and sign in") : tr("Sign in"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (attempt())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

bool SignInDialog::attempt()
{
    const QString username = m_username->text().trimmed().toLower();
    if (m_firstRun) {
        if (m_password->text() != m_confirm->text()) {
            m_error->setText(tr("The two passwords differ."));
            return false;
        }
        const AdminResult created = m_admin.createFirstAdmin(username, m_displayName->text(), m_password->text());
        if (!created.ok) {
            m_error->setText(created.error);
            return false;
        }
    }
    QString error;
    m_user = m_admin.signIn(username, m_password->text(), &error);
    if (!m_user) {
        m_error->setText(error);
        m_password->clear();
        return false;
    }
    return true;
}

} // namespace FrontDesk
