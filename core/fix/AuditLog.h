#pragma once

#include <QString>

namespace migconsole {

/// The append-only record of every write this program makes to a database (issue 5):
/// time, OS user, database (display URL, password masked), each statement and its outcome.
/// A spdlog file sink in the user data dir (`audit.log`); MIGCONSOLE_AUDIT_LOG overrides
/// the path (tests).
QString auditLogPath();

/// Appends one record; `database` must already be masked. Never throws: a log that cannot
/// be written is reported on the normal log, the write itself is not blocked by it.
void auditRecord(const QString &database, const QString &event, const QString &detail = {});

} // namespace migconsole
