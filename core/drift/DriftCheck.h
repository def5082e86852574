#pragma once

#include "db/DbConnection.h"
#include "drift/Finding.h"
#include "drift/OriginMap.h"
#include "drift/Preflight.h"
#include "history/MigrationHistory.h"
#include "schema/Schema.h"
#include "util/Expected.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace migconsole {

/// Where the expected schema comes from (CLI.md: exactly one of the three).
enum class ExpectedSource { Migrations, Reference, Snapshot };

struct DriftRequest
{
    ExpectedSource source = ExpectedSource::Migrations;
    QString migrationsPath;          ///< Migrations: versions/ folder or alembic.ini folder
    ConnectionSettings reference;    ///< Reference: the other database
    QString snapshotPath;            ///< Snapshot: a `schema --format json` file
    /// Migrations only: "current" (the revisions the database records), "head"/"heads"
    /// (every head), or a revision identifier as Alembic resolves it.
    QString target = QStringLiteral("current");
    /// Migrations only: replay to exactly these revision ids instead of `target` (the fix
    /// planner's "current plus the revisions it completes").
    QStringList targetIds;
    VersionTableOptions versionTable;
    QStringList namespaces;          ///< compare only these; empty = the expected schema's
    /// The live schema when the caller has just read it (the console's tree), so the check
    /// compares what is on screen and the catalogue is not read twice; empty = read it.
    std::optional<Schema> actual;
};

/// Everything `check` prints and the console highlights, as data.
struct DriftReport
{
    QString database;          ///< display URL of the checked database (password masked)
    ExpectedSource source = ExpectedSource::Migrations;
    QString sourceDisplay;     ///< folder, masked reference URL or snapshot file
    MigrationHistory history;  ///< Migrations only (tool, current, heads, pending, unknown)
    QStringList targetRevisions; ///< the revisions the expected schema was replayed to
    Schema expected;
    Schema actual;
    OriginMap origins;
    QList<Finding> drift;
    QList<PreflightStep> steps; ///< every step of every pending revision, oldest first
    QList<ReplayWarning> warnings;

    QList<PreflightStep> failingSteps() const;
    /// CLI.md: 0 when drift, failing preflight steps and unknown revisions are all empty.
    bool clean() const;
};

/// Reads the live schema of `connection`, builds the expected schema from the request's
/// source, compares them and — for migrations — runs the preflight of pending revisions.
/// BadInput for an unusable request (no such folder, unknown revision, bad snapshot);
/// Connect/Query for database errors.
Expected<DriftReport> runDriftCheck(DbConnection &connection, const DriftRequest &request);

} // namespace migconsole

Q_DECLARE_METATYPE(migconsole::DriftReport) // crosses threads in queued signals
