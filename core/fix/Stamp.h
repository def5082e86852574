#pragma once

#include "fix/FixPlan.h"
#include "history/MigrationHistory.h"
#include "history/RevisionGraph.h"
#include "util/Expected.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace migconsole {

struct StampRequest
{
    QStringList revisions;          ///< ids, unique prefixes, labels, "heads", "base"
    bool purge = false;             ///< DELETE every row first (Alembic --purge)
};

/// Where and in which dialect the version table lives.
struct VersionTableLocation
{
    Dialect dialect = Dialect::PostgreSQL;
    QString schema;                 ///< empty = search_path / main
    QString table = QStringLiteral("alembic_version");
};

/// Alembic's `stamp` (REFERENCE.md §1.4): statements that create the table when absent,
/// then per target replace the row of its lineage (keep other branches' rows). `rows` are
/// the table's current rows (nullopt: no table). BadInput for a revision the scripts do
/// not define or a row that no script defines (unless purge). The statements run through
/// the Executor like any plan (one transaction).
Expected<QList<FixStatement>> planAlembicStamp(const RevisionGraph &graph,
                                               const std::optional<QStringList> &rows,
                                               const StampRequest &request,
                                               const VersionTableLocation &table);

/// A stamp plan with the version table's rows it leaves behind (what `stamp --preview`
/// shows as "after").
struct AlembicStampPlan
{
    QList<FixStatement> statements;
    QStringList rowsAfter;          ///< the table's rows once the statements ran
};

/// planAlembicStamp, plus the rows the table holds afterwards.
Expected<AlembicStampPlan> planAlembicStampWithRows(const RevisionGraph &graph,
                                                    const std::optional<QStringList> &rows,
                                                    const StampRequest &request,
                                                    const VersionTableLocation &table);

} // namespace migconsole
