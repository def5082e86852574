#pragma once

#include <QString>
#include <QStringList>

namespace migconsole {

/// Whether `word` names a headless sub-command (schema, history, check, fix, stamp, demo).
bool isCliCommand(const QString &word);

/// Runs one sub-command with the arguments after its name and returns the exit code
/// (0 done, 1 drift found, 2 bad usage or input, 3 database error — ARCHITECTURE.md).
int runCliCommand(const QString &command, const QStringList &arguments);

/// The usage text printed by `--help`.
QString usageText();

} // namespace migconsole
