#pragma once

#include <QList>
#include <QString>

namespace migconsole {

/// The append-only record of every write this program makes to a database (issue 5):
/// time, OS user, database (display URL, password masked), each statement and its outcome.
/// One JSON line per record in the user data dir (`audit.log`); MIGCONSOLE_AUDIT_LOG
/// overrides the path (tests).
QString auditLogPath();

/// Who is at the keyboard: the OS user name (the audit log's "user", and what another
/// console is told when this one holds the apply lock).
QString operatingSystemUser();

/// Appends one record; `database` must already be masked. Each record is written and
/// checked at once (a full disk, /dev/full, a read-only folder): false when it did not reach
/// the file, with the reason (naming the path) in `error`. Writers must not write to a
/// database unaudited: the Executor refuses an apply whose records cannot be written.
bool auditRecord(const QString &database, const QString &event, const QString &detail = {},
                 QString *error = nullptr);

/// One record of the audit log as read back (the console's Audit tab).
struct AuditEntry
{
    QString time;     ///< ISO 8601, UTC
    QString user;     ///< OS user
    QString database; ///< display URL (masked)
    QString event;    ///< "apply begin", "statement ok", "commit", "rollback", …
    QString detail;   ///< the statement, the error, …
};

/// The last `maximum` records of the audit log at `path`, oldest first; lines that are not
/// records (a torn last line after a crash) are skipped.
QList<AuditEntry> readAuditLog(const QString &path, int maximum = 2000);

} // namespace migconsole
