#pragma once

#include "app/admin/connectioncheck.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QLineEdit;
class QPushButton;

namespace FrontDesk {

class AdminService;

// The phone line (Twilio-compatible: SID, auth token, number, API address) and the calendar (CalDAV:
// URL, user, password, and which calendar is each technician's: typed, or picked from the calendars
// a successful test found), each with "Test connection" and Save; and the text-back fraud guard
// (on/off, allowed countries, rates, the pause after a pumping-like burst). The token and password go to the
// SecretStore only; the pane says where that is, and warns when it is the session-only fallback.
class IntegrationsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IntegrationsPane)
public:
    IntegrationsPane(AdminService &admin, const QString &actor, TwilioConnectionChecker twilioChecker,
        CalDavConnectionChecker calDavChecker, QWidget *parent = nullptr);

private:
    void load();
    void testTwilio();
    void testCalDav();
    void saveTwilio();
    void saveCalDav();
    void saveFraudGuard();
    void validate();
    CalDavAccount calDavAccount() const;

    AdminService &m_admin;
    QString m_actor;
    TwilioConnectionChecker m_twilioChecker;
    CalDavConnectionChecker m_calDavChecker;
    QLineEdit *m_sid = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_number = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLabel *m_twilioStatus = nullptr;
    QPushButton *m_twilioTest = nullptr;
    QPushButton *m_twilioSave = nullptr;
    QLineEdit *m_calUrl = nullptr;
    QLineEdit *m_calUser = nullptr;
    QLineEdit *m_calPassword = nullptr;
    QLabel *m_calStatus = nullptr;
    QPushButton *m_calTest = nullptr;
    QPushButton *m_calSave = nullptr;
    QMap<QString, QComboBox *> m_calendarCombos; // technician id → which calendar is theirs
    QLabel *m_secretsLabel = nullptr;
    // The text-back fraud guard (issue 19).
    QCheckBox *m_fraudEnabled = nullptr;
    QLineEdit *m_fraudCountries = nullptr;
    QSpinBox *m_fraudPerNumber = nullptr;
    QSpinBox *m_fraudPerMinute = nullptr;
    QSpinBox *m_fraudPause = nullptr;
    QLabel *m_fraudStatus = nullptr;
    QPushButton *m_fraudSave = nullptr;
};

} // namespace FrontDesk
