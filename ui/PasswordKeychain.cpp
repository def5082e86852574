#include "PasswordKeychain.h"

#include <spdlog/spdlog.h>

#include <QTimer>

#ifdef MIGCONSOLE_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace migconsole {

namespace {

const QString kService = QStringLiteral("migconsole");
bool g_noBackend = false; // a call found no keychain service: stop asking this session

#ifdef MIGCONSOLE_HAVE_KEYCHAIN
/// Remembers "no keychain" and words the error; the key is logged, never the password.
QString jobError(const QKeychain::Job &job)
{
    // OtherError is what libsecret reports with no session bus or no Secret Service: as
    // unusable as no backend. A missing entry or a refusal by the user is not.
    if (job.error() == QKeychain::NoBackendAvailable || job.error() == QKeychain::NotImplemented ||
        job.error() == QKeychain::OtherError)
        g_noBackend = true;
    return job.errorString();
}
#endif

} // namespace

PasswordKeychain::PasswordKeychain(QObject *parent) : QObject(parent) {}

bool PasswordKeychain::mayBeAvailable()
{
#ifdef MIGCONSOLE_HAVE_KEYCHAIN
    return !g_noBackend;
#else
    return false;
#endif
}

QString PasswordKeychain::keyFor(const QString &profileName)
{
    return QStringLiteral("profile/") + profileName;
}

void PasswordKeychain::read(const QString &profileName, ReadCallback done)
{
#ifdef MIGCONSOLE_HAVE_KEYCHAIN
    if (mayBeAvailable()) {
        auto *job = new QKeychain::ReadPasswordJob(kService, this);
        job->setInsecureFallback(false); // plain text in a settings file: never
        job->setAutoDelete(true);
        job->setKey(keyFor(profileName));
        connect(job, &QKeychain::Job::finished, this, [done, profileName](QKeychain::Job *finished) {
            auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finished);
            if (readJob->error() == QKeychain::NoError) {
                done(readJob->textData(), QString());
                return;
            }
            const QString why = jobError(*readJob);
            spdlog::info("keychain: no password for profile {}: {}", profileName.toStdString(),
                         why.toStdString());
            done(std::nullopt, why);
        });
        job->start();
        return;
    }
#endif
    Q_UNUSED(profileName)
    QTimer::singleShot(0, this, [done] { done(std::nullopt, QStringLiteral("no system keychain")); });
}

void PasswordKeychain::write(const QString &profileName, const QString &password, WriteCallback done)
{
#ifdef MIGCONSOLE_HAVE_KEYCHAIN
    if (mayBeAvailable()) {
        auto *job = new QKeychain::WritePasswordJob(kService, this);
        job->setInsecureFallback(false);
        job->setAutoDelete(true);
        job->setKey(keyFor(profileName));
        job->setTextData(password);
        connect(job, &QKeychain::Job::finished, this, [done, profileName](QKeychain::Job *finished) {
            const bool stored = finished->error() == QKeychain::NoError;
            const QString why = stored ? QString() : jobError(*finished);
            spdlog::info("keychain: password for profile {} {}", profileName.toStdString(),
                         stored ? std::string("stored") : "not stored: " + why.toStdString());
            done(stored, why);
        });
        job->start();
        return;
    }
#endif
    Q_UNUSED(profileName)
    Q_UNUSED(password)
    QTimer::singleShot(0, this, [done] { done(false, QStringLiteral("no system keychain")); });
}

void PasswordKeychain::remove(const QString &profileName)
{
#ifdef MIGCONSOLE_HAVE_KEYCHAIN
    if (mayBeAvailable()) {
        auto *job = new QKeychain::DeletePasswordJob(kService, this);
        job->setInsecureFallback(false);
        job->setAutoDelete(true);
        job->setKey(keyFor(profileName));
        job->start();
    }
#else
    Q_UNUSED(profileName)
#endif
}

} // namespace migconsole
