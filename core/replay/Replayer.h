#pragma once

#include "drift/OriginMap.h"
#include "history/AlembicProject.h"
#include "history/RevisionGraph.h"
#include "replay/Operation.h"
#include "schema/Schema.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace migconsole {

/// The typed upgrade() operations of one revision, op.execute DDL already expanded into the
/// operations its SQL performs.
struct RevisionOperations
{
    QString revision;
    QList<Operation> operations;
    QList<ReplayWarning> warnings; ///< what could not be replayed, with file:line
};

/// Reads every revision script of `graph` once and types its upgrade() for `dialect`.
/// Unreadable scripts become a warning, never an error.
QHash<QString, RevisionOperations> readRevisionOperations(const RevisionGraph &graph,
                                                          const QString &projectRoot,
                                                          Dialect dialect);

/// The revisions `targets` imply (themselves and everything they depend on), oldest first:
/// the order `alembic upgrade` runs them.
QStringList upgradeOrder(const RevisionGraph &graph, const QStringList &targets);

struct ReplayResult
{
    Schema schema;              ///< the expected schema, sorted by name
    OriginMap origins;          ///< revision and file:line of every expected object
    QStringList applied;        ///< revisions replayed, oldest first
    QList<ReplayWarning> warnings;
};

/// Replays the revisions `targets` imply onto an empty schema of `dialect`. A step that
/// conflicts with the replayed schema (creating what exists, dropping what does not) is
/// left out with a warning — unless it sits under a guard or IF [NOT] EXISTS, which is
/// exactly what guards are for.
ReplayResult replayMigrations(const RevisionGraph &graph,
                              const QHash<QString, RevisionOperations> &operations,
                              const QStringList &targets, Dialect dialect);

} // namespace migconsole
