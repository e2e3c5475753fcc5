#include "app/admin/savedline.h"

#include "app/core/secretstore.h"
#include "models/database.h"
#include "models/settingsrepository.h"

#include <QCoreApplication>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::SavedLine", text);
}

} // namespace

std::optional<SavedLine> SavedLine::load(const QString &storePath, SecretStore *secrets)
{
    if (!QFileInfo::exists(storePath))
        return std::nullopt; // a first run: nothing saved yet
    QString error;
    const auto db = Database::openSqlite(storePath, &error);
    if (!db)
        return std::nullopt; // the session that opens the store next says what is wrong with it
    const SettingsRepository settings(*db);
    SavedLine line;
    line.account.accountSid = settings.value(QString::fromLatin1(AdminService::TwilioSidKey)).value_or(QString());
    line.account.number = settings.value(QString::fromLatin1(AdminService::TwilioNumberKey)).value_or(QString());
    line.account.baseUrl
        = settings.value(QString::fromLatin1(AdminService::TwilioBaseUrlKey)).value_or(u"https://api.twilio.com"_s);
    if (line.account.accountSid.isEmpty() && line.account.number.isEmpty())
        return std::nullopt;
    if (const QString e = AdminService::validateTwilio(line.account); !e.isEmpty()) {
        line.problem = tr("the saved phone line doesn't fit: %1").arg(e);
        return line;
    }
    QString secretError;
    if (secrets) {
        line.authToken
            = secrets->read(QString::fromLatin1(AdminService::TwilioTokenSecret), &secretError).value_or(QByteArray());
    }
    if (line.authToken.isEmpty()) {
        line.problem = secretError.isEmpty()
            ? tr("the phone line's auth token is not saved on this computer: enter it again in Settings › Integrations")
            : tr("the phone line's auth token could not be read (%1): enter it again in Settings › Integrations")
                  .arg(secretError);
    }
    return line;
}

} // namespace FrontDesk
