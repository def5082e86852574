#include "fix/AuditLog.h"

#include "db/ConnectionUrl.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QStandardPaths>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include <pwd.h>
#include <unistd.h>

namespace migconsole {

namespace {

/// One logger per path, created on first use; recreated when the path changes (tests).
std::shared_ptr<spdlog::logger> auditLogger(const QString &path)
{
    static QMutex mutex;
    static std::shared_ptr<spdlog::logger> logger;
    static QString loggerPath;
    QMutexLocker lock(&mutex);
    if (logger && loggerPath == path)
        return logger;
    QDir().mkpath(QFileInfo(path).absolutePath());
    try {
        auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(path.toStdString());
        // Not registered globally: the audit record must not mix with the normal log.
        logger = std::make_shared<spdlog::logger>("audit", sink);
        logger->set_pattern("%v"); // each record is one JSON object with its own time
        logger->flush_on(spdlog::level::trace);
        logger->set_error_handler([](const std::string &message) {
            spdlog::error("audit log: cannot write a record: {}", message);
        });
        loggerPath = path;
    } catch (const spdlog::spdlog_ex &error) {
        spdlog::error("audit log: cannot open {}: {}", path.toStdString(), error.what());
        logger.reset();
        loggerPath.clear();
    }
    return logger;
}

} // namespace

QString operatingSystemUser()
{
    if (const passwd *entry = getpwuid(getuid()); entry && entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
    return qEnvironmentVariable("USER", QStringLiteral("uid %1").arg(getuid()));
}

QString auditLogPath()
{
    const QString overridden = qEnvironmentVariable("MIGCONSOLE_AUDIT_LOG");
    if (!overridden.isEmpty())
        return overridden;
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/audit.log");
}

void auditRecord(const QString &database, const QString &event, const QString &detail)
{
    QJsonObject record{
        {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("user"), operatingSystemUser()},
        // The caller passes a display URL already; masking again costs nothing and makes
        // sure no password reaches the file even from a careless caller.
        {QStringLiteral("database"), maskUrlPasswords(database)},
        {QStringLiteral("event"), event},
    };
    if (!detail.isEmpty())
        record.insert(QStringLiteral("detail"), maskUrlPasswords(detail));
    const auto logger = auditLogger(auditLogPath());
    if (!logger)
        return;
    logger->info(QJsonDocument(record).toJson(QJsonDocument::Compact).toStdString());
}

QList<AuditEntry> readAuditLog(const QString &path, int maximum)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<AuditEntry> entries;
    while (!file.atEnd()) {
        const QJsonObject record = QJsonDocument::fromJson(file.readLine()).object();
        if (record.isEmpty())
            continue;
        entries.append(AuditEntry{record.value(QStringLiteral("time")).toString(),
                                  record.value(QStringLiteral("user")).toString(),
                                  record.value(QStringLiteral("database")).toString(),
                                  record.value(QStringLiteral("event")).toString(),
                                  record.value(QStringLiteral("detail")).toString()});
    }
    return entries.mid(std::max<qsizetype>(0, entries.size() - maximum));
}

} // namespace migconsole
