#pragma once

#include "db/DbConnection.h"
#include "history/AlembicProject.h"
#include "history/RevisionGraph.h"
#include "util/Expected.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace migconsole {

/// A revision's state on the database (CLI.md `status`).
enum class RevisionStatus {
    Applied, ///< an ancestor of a recorded head
    Current, ///< recorded in the version table
    Pending, ///< not applied yet
    Unknown, ///< recorded in the version table, but no script defines it
};
QString revisionStatusName(RevisionStatus status); ///< "applied", "current", …

struct HistoryEntry
{
    Revision revision; ///< for an Unknown entry only `id` is set
    RevisionStatus status = RevisionStatus::Pending;
};

/// One applied migration as another tool records it (Flyway, Django, Prisma, …): shown
/// read-only with the tool's name.
struct ToolMigration
{
    QString version;     ///< the tool's version/name column
    QString description;
    QString appliedAt;   ///< as the table stores it
    bool failed = false; ///< a failed or dirty row (Flyway success=false, golang-migrate dirty, …)
};

/// Where the version table is (`--version-table`, `--version-table-schema`).
struct VersionTableOptions
{
    QString table;  ///< empty = the project's (env.py) or "alembic_version"
    QString schema; ///< empty = the project's, or the search_path
};

/// Everything the history pane and `migconsole history` show.
struct MigrationHistory
{
    QString tool;              ///< "alembic", "flyway", …; empty when no version table
    bool hasDatabase = false;  ///< a database was read (else: the scripts' graph alone)
    bool hasVersionTable = false;
    QString versionTable;      ///< qualified name that was read, for messages
    /// The version table that was read, resolved (options, else env.py, else Alembic's
    /// default): where a stamp writes.
    VersionTableOptions versionTableResolved;
    QStringList current;       ///< rows of the version table
    QStringList heads;         ///< heads of the scripts
    QStringList pending;       ///< revisions not applied, newest first
    QStringList unknown;       ///< recorded ids no script defines
    QList<HistoryEntry> entries; ///< newest first (topological); unknown ids first
    QList<ToolMigration> toolMigrations; ///< non-Alembic tools' applied rows
    QList<HistoryProblem> problems;      ///< scripts' and version table's problems
    QString projectRoot;       ///< for relative file names

    const HistoryEntry *entry(const QString &id) const;
};

/// Where the version table is: the options (--version-table[-schema]), else the project's
/// env.py, else Alembic's default — the one rule `history`, `check`, `fix` and `stamp` share.
VersionTableOptions resolveVersionTable(const AlembicProject &project, const VersionTableOptions &options);

/// Statuses from the graph and the version table's rows (`rows` = nullopt: no table).
MigrationHistory computeHistory(const AlembicProject &project, const RevisionGraph &graph,
                                const std::optional<QStringList> &versionRows);

/// Reads the Alembic version table; nullopt when it does not exist (not under Alembic).
Expected<std::optional<QStringList>> readAlembicVersions(DbConnection &connection,
                                                        const QString &table,
                                                        const QString &schema);

/// Loads the project at `migrationsPath` (may be empty: the database's own history only)
/// and, when `connection` is given, the database's version table or another tool's
/// history table. BadInput when the folder is unusable; Query on database errors. `graph`
/// (may be null) receives the scripts' revision graph, for callers that replay them.
Expected<MigrationHistory> loadMigrationHistory(DbConnection *connection,
                                                const QString &migrationsPath,
                                                const VersionTableOptions &options,
                                                RevisionGraph *graph = nullptr);

} // namespace migconsole

Q_DECLARE_METATYPE(migconsole::MigrationHistory) // crosses threads in queued signals
