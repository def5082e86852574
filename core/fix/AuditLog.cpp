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

#include <spdlog/spdlog.h>

#include <algorithm>

#include <cerrno>

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

namespace migconsole {

namespace {

/// Appends `line` to the file at `path` and says whether all of it got there. Opened per
/// record and written with one unbuffered write(2): its own result is the check (spdlog's
/// file sink buffers, and reports a failed flush to an error handler only, after the caller
/// has moved on). O_APPEND also works on a device such as /dev/full, which QFile would seek.
bool appendLine(const QString &path, const QByteArray &line, QString *error)
{
    // One writer at a time in this process; O_APPEND keeps other processes' lines whole.
    static QMutex mutex;
    QMutexLocker lock(&mutex);
    QDir().mkpath(QFileInfo(path).absolutePath());
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot open the audit log %1: %2").arg(path, qt_error_string(errno));
        return false;
    }
    const ssize_t written = ::write(fd, line.constData(), size_t(line.size()));
    const int writeErrno = errno;
    ::close(fd);
    if (written != line.size()) {
        *error = QStringLiteral("cannot write to the audit log %1: %2")
                     .arg(path, written < 0 ? qt_error_string(writeErrno)
                                            : QStringLiteral("only %1 of %2 bytes written (disk full?)")
                                                  .arg(written).arg(line.size()));
        return false;
    }
    return true;
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

bool auditRecord(const QString &database, const QString &event, const QString &detail, QString *error)
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
    QString why;
    if (appendLine(auditLogPath(), QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n', &why))
        return true;
    spdlog::error("audit log: {}", why.toStdString());
    if (error)
        *error = why;
    return false;
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
