#include "integrations/keychain/keychainsecretstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QTimer>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcKeychain, "frontdesk.keychain")

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::KeychainSecretStore", text);
}

// Runs a job to its end (or the timeout); true when it finished, *timedOut otherwise.
bool run(QKeychain::Job &job, int timeoutMs)
{
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    return finished;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, int timeoutMs)
    : m_service(std::move(service))
    , m_timeoutMs(timeoutMs)
{
}

QString KeychainSecretStore::description() const
{
    return tr("the system keychain");
}

bool KeychainSecretStore::write(const QString &key, const QByteArray &secret, QString *error)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setBinaryData(secret);
    const std::unique_ptr<QKeychain::Job> owner(job);
    if (!run(*job, m_timeoutMs)) {
        if (error)
            *error = tr("the keychain did not answer within %1 s").arg(m_timeoutMs / 1000);
        return false;
    }
    if (job->error() != QKeychain::NoError) {
        if (error)
            *error = job->errorString();
        qCWarning(lcKeychain) << "keychain write failed for" << key << ":" << job->errorString(); // never the secret
        return false;
    }
    return true;
}

std::optional<QByteArray> KeychainSecretStore::read(const QString &key, QString *error)
{
    if (error)
        error->clear();
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    job->setKey(key);
    const std::unique_ptr<QKeychain::Job> owner(job);
    if (!run(*job, m_timeoutMs)) {
        if (error)
            *error = tr("the keychain did not answer within %1 s").arg(m_timeoutMs / 1000);
        return std::nullopt;
    }
    if (job->error() == QKeychain::EntryNotFound)
        return std::nullopt;
    if (job->error() != QKeychain::NoError) {
        if (error)
            *error = job->errorString();
        return std::nullopt;
    }
    return job->binaryData();
}

bool KeychainSecretStore::remove(const QString &key, QString *error)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    job->setKey(key);
    const std::unique_ptr<QKeychain::Job> owner(job);
    if (!run(*job, m_timeoutMs)) {
        if (error)
            *error = tr("the keychain did not answer within %1 s").arg(m_timeoutMs / 1000);
        return false;
    }
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
        if (error)
            *error = job->errorString();
        return false;
    }
    return true;
}

std::unique_ptr<SecretStore> KeychainSecretStore::openBest(const QString &service, QString *warning, int timeoutMs)
{
    // No session bus means no Secret Service: do not even try (QtKeychain would wait for D-Bus).
#if defined(Q_OS_LINUX)
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        const QString why = tr("No keychain: this session has no D-Bus session bus, so no Secret Service. "
                               "Secrets are kept for this session only and must be entered again after a restart.");
        if (warning)
            *warning = why;
        return std::make_unique<MemorySecretStore>(why);
    }
#endif
    auto store = std::make_unique<KeychainSecretStore>(service, timeoutMs);
    QString error;
    const QString probeKey = u"frontdesk-probe"_s;
    if (store->write(probeKey, "probe", &error) && store->read(probeKey, &error) && store->remove(probeKey, &error)) {
        if (warning)
            warning->clear();
        return store;
    }
    const QString why = tr("No keychain: %1. Secrets are kept for this session only and must be entered again after "
                           "a restart.")
                            .arg(error.isEmpty() ? tr("the keychain did not answer") : error);
    if (warning)
        *warning = why;
    return std::make_unique<MemorySecretStore>(why);
}

} // namespace FrontDesk
