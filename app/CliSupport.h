#pragma once

// What every headless sub-command shares: option names, output, error reporting and the
// operator's confirmation. Each command family lives in its own file (CliCommands.cpp,
// FixCommand.cpp, StampCommand.cpp); CliCommands.cpp holds the table that names them.

#include "CommandLine.h"
#include "db/DbConnection.h"
#include "drift/DriftCheck.h"
#include "util/Error.h"
#include "util/JsonWriter.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace migconsole::cli {

inline const QString kFormat = QStringLiteral("--format");
inline const QString kVerbose = QStringLiteral("--verbose");
inline const QString kSchema = QStringLiteral("--schema");
inline const QString kMigrations = QStringLiteral("--migrations");
inline const QString kVersionTable = QStringLiteral("--version-table");
inline const QString kVersionTableSchema = QStringLiteral("--version-table-schema");
inline const QString kReference = QStringLiteral("--reference");
inline const QString kReferencePasswordEnv = QStringLiteral("--reference-password-env");
inline const QString kSnapshot = QStringLiteral("--snapshot");
inline const QString kTarget = QStringLiteral("--target");
inline const QString kYes = QStringLiteral("--yes");
// fix
inline const QString kPreview = QStringLiteral("--preview");
inline const QString kDryRun = QStringLiteral("--dry-run");
inline const QString kApply = QStringLiteral("--apply");
inline const QString kIncludeDrops = QStringLiteral("--include-drops");
inline const QString kConcurrently = QStringLiteral("--concurrently");
inline const QString kNoComplete = QStringLiteral("--no-complete");
inline const QString kLockTimeout = QStringLiteral("--lock-timeout");
inline const QString kStatementTimeout = QStringLiteral("--statement-timeout");
// stamp
inline const QString kPurge = QStringLiteral("--purge");

/// Writes `text` to stdout as UTF-8 and flushes.
void writeOut(const QString &text);

/// Prints "migconsole <command>: <message>" (and the driver's detail) on stderr, passwords
/// masked; returns the exit code for the error's kind.
int fail(const QString &command, const Error &error);

int usageError(const QString &command, const QString &message);

/// --format's value when it is one of `allowed` (the first is the default); nullopt after
/// reporting a bad value, with every allowed one named, in `exitCode`.
std::optional<QString> outputFormat(const QString &command, const CommandLine &line,
                                    const QStringList &allowed, int *exitCode);

/// --format text|json → false|true; nullopt after reporting a bad value in `exitCode`.
std::optional<bool> wantsJson(const QString &command, const CommandLine &line, int *exitCode);

void printJson(const QJsonObject &object);
/// A large JSON object written as it is made (a 10,000-table schema, 5,000 revisions):
/// `members` writes the top-level members, in ascending key order.
void printJsonStreamed(const std::function<void(JsonWriter &)> &members);

/// Asks the operator to confirm a write: `--yes` confirms; otherwise, on a terminal, the
/// question is shown and the answer must be "yes"; with no terminal it is refused (a CI job
/// must say --yes explicitly). Returns true when the write may go ahead; when not, the
/// reason has been printed on stderr.
bool confirmWrite(const QString &command, const CommandLine &line, const QString &question);

/// --migrations | --reference | --snapshot (exactly one), --target, --schema, the version
/// table options → the request `check` and `fix` share; nullopt after reporting bad usage.
std::optional<DriftRequest> driftRequestFromLine(const QString &command, const CommandLine &line,
                                                 const ConnectionSettings &settings, int *exitCode);

/// The sub-commands with files of their own.
int runFix(const CommandLine &line);   ///< FixCommand.cpp
int runStamp(const CommandLine &line); ///< StampCommand.cpp

} // namespace migconsole::cli
