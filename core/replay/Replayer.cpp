#include "replay/Replayer.h"

#include "replay/ApplyOperation.h"
#include "replay/OperationSupport.h"
#include "replay/SqlDdlReader.h"
#include "util/ParallelMap.h"

#include <QDir>
#include <QSet>

#include <spdlog/spdlog.h>

namespace migconsole {

namespace {

/// op.execute's SQL becomes the operations it performs; the call's guard (an `if` around
/// it) carries over to each of them.
QList<Operation> expandExecute(const Operation &execute, Dialect dialect, QList<ReplayWarning> *warnings)
{
    if (execute.sql.isEmpty())
        return {};
    TypedOperations ddl = readSqlDdl(execute.sql, execute.location, dialect);
    warnings->append(ddl.warnings);
    for (Operation &op : ddl.operations) {
        op.conditional = op.conditional || execute.conditional;
        if (op.schema.isEmpty())
            op.schema = execute.schema;
    }
    return ddl.operations;
}

} // namespace

QHash<QString, RevisionOperations> readRevisionOperations(const RevisionGraph &graph,
                                                          const QString &projectRoot,
                                                          Dialect dialect)
{
    const QDir root(projectRoot);
    struct ScriptFile
    {
        const Revision *revision;
        QString display; // made here: QDir caches lazily and is not shared between threads
    };
    std::vector<ScriptFile> files;
    for (const Revision &revision : graph.revisions())
        files.push_back({&revision, revision.location.file.isEmpty()
                                        ? root.relativeFilePath(revision.filePath)
                                        : revision.location.file});
    // Every script is read and typed on its own, on all cores.
    std::vector<RevisionOperations> read = parallelMap(files, [dialect](const ScriptFile &file) {
        RevisionOperations entry;
        entry.revision = file.revision->id;
        auto script = readMigrationScript(file.revision->filePath, file.display);
        if (!script) {
            entry.warnings.append(ReplayWarning{SourceLocation{file.display, 0}, script.error().message});
            return entry;
        }
        entry.warnings += script->allWarnings(true);
        TypedOperations typed = typeOperations(script->upgrade, *script, dialect);
        entry.warnings += typed.warnings;
        for (const Operation &op : std::as_const(typed.operations)) {
            if (op.kind == Operation::Kind::Execute)
                entry.operations += expandExecute(op, dialect, &entry.warnings);
            else
                entry.operations.append(op);
        }
        for (Operation &op : entry.operations)
            opsupport::clipPostgresNames(dialect, op, &entry.warnings);
        return entry;
    });
    QHash<QString, RevisionOperations> result;
    result.reserve(qsizetype(read.size()));
    for (RevisionOperations &entry : read)
        result.insert(entry.revision, std::move(entry));
    return result;
}

QStringList upgradeOrder(const RevisionGraph &graph, const QStringList &targets)
{
    QSet<QString> wanted;
    for (const QString &target : targets) {
        if (!graph.find(target))
            continue;
        wanted.insert(target);
        wanted.unite(graph.ancestors(target));
    }
    // revisions() is `alembic history` order, newest first: reversed, every revision comes
    // after everything it depends on.
    QStringList order;
    const QList<Revision> &all = graph.revisions();
    for (auto it = all.crbegin(); it != all.crend(); ++it) {
        if (wanted.contains(it->id))
            order.append(it->id);
    }
    return order;
}

ReplayResult replayMigrations(const RevisionGraph &graph,
                              const QHash<QString, RevisionOperations> &operations,
                              const QStringList &targets, Dialect dialect)
{
    ReplayResult result;
    result.schema.dialect = dialect;
    result.applied = upgradeOrder(graph, targets);
    for (const QString &id : std::as_const(result.applied)) {
        const RevisionOperations ops = operations.value(id);
        result.warnings += ops.warnings;
        for (const Operation &op : ops.operations) {
            const ApplyOutcome outcome =
                applyOperation(result.schema, op, &result.origins, FindingOrigin{id, op.location});
            // A guarded step meeting what it guards against is the script working as meant.
            if (outcome.conflict && !op.conditional)
                result.warnings.append(ReplayWarning{
                    op.location, QStringLiteral("%1 not replayed: %2")
                                     .arg(operationKindName(op.kind), outcome.message)});
        }
    }
    result.schema.sortByName();
    spdlog::info("replay: {} revisions to [{}], {} tables, {} warnings", result.applied.size(),
                 targets.join(QStringLiteral(", ")).toStdString(), result.schema.tableCount(),
                 result.warnings.size());
    return result;
}

} // namespace migconsole
