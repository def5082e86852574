#pragma once

#include "CommandLine.h"
#include "db/DbConnection.h"
#include "util/Expected.h"

#include <QString>
#include <QStringList>

namespace migconsole {

/// Whether `word` names a headless sub-command (schema, history, check, fix, stamp, demo).
bool isCliCommand(const QString &word);

/// Runs one sub-command with the arguments after its name and returns the exit code
/// (0 done, 1 drift found, 2 bad usage or input, 3 database error — ARCHITECTURE.md).
int runCliCommand(const QString &command, const QStringList &arguments);

/// The connection options every command that opens a database accepts.
inline const QString kDb = QStringLiteral("--db");
inline const QString kPasswordEnv = QStringLiteral("--password-env");
inline const QString kConnectTimeout = QStringLiteral("--connect-timeout");

/// --db, --password-env and --connect-timeout → settings, or a BadInput error.
Expected<ConnectionSettings> connectionSettings(const CommandLine &line);

/// The usage text printed by `--help`.
QString usageText();

} // namespace migconsole
