#pragma once

#include "db/DbConnection.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace migconsole::test {

/// The throwaway server's URL from MIGCONSOLE_TEST_PG_URL (scripts/test.sh starts it).
/// Fails the current test when it is not set: PostgreSQL tests never skip silently.
QString postgresUrl();

/// Settings for `url` with every other field at its default.
ConnectionSettings settingsFor(const ConnectionUrl &url);

/// Opens a connection or fails the test with the error text.
std::unique_ptr<DbConnection> connectOrFail(const QString &url);

/// Runs each statement of `sql` (separated by ";\n") or fails the test naming the statement.
bool execScript(DbConnection &connection, const QString &sql);

/// A fresh PostgreSQL schema name for one test, so tests never see each other's objects.
QString uniqueSchemaName(const QString &prefix);

/// Path of the migconsole binary built with the tests.
QString migconsoleBinary();

/// Runs the migconsole binary; returns the exit code and fills stdout/stderr.
int runMigconsole(const QStringList &arguments, QByteArray *out, QByteArray *err,
                  const QStringList &extraEnvironment = {}, int timeoutMs = 60000);

} // namespace migconsole::test
