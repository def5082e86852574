#include "history/MigrationHistory.h"

#include "db/SqlQuoting.h"
#include "history/ToolHistory.h"

#include <QSet>
#include <QSqlQuery>

#include <spdlog/spdlog.h>

namespace migconsole {

namespace {

const QString kDefaultVersionTable = QStringLiteral("alembic_version");

HistoryProblem versionProblem(const QString &message)
{
    return HistoryProblem{HistoryProblem::Kind::UnknownVersion, {}, message};
}

/// Does the version table exist? PostgreSQL resolves an unqualified name through the
/// search_path exactly as Alembic's own connection would.
Expected<bool> versionTableExists(DbConnection &connection, const QString &table, const QString &schema)
{
    QString sql;
    if (connection.dialect() == Dialect::PostgreSQL) {
        sql = QStringLiteral("SELECT pg_catalog.to_regclass(%1) IS NOT NULL")
                  .arg(quoteLiteral(qualifiedName(Dialect::PostgreSQL, schema, table)));
    } else {
        const QString catalog = schema.isEmpty() ? QStringLiteral("sqlite_schema")
                                                 : quoteIdentifier(Dialect::SQLite, schema) +
                                                       QStringLiteral(".sqlite_schema");
        sql = QStringLiteral("SELECT count(*) > 0 FROM %1 WHERE type = 'table' AND name = %2")
                  .arg(catalog, quoteLiteral(table));
    }
    QSqlQuery query(connection.database());
    if (!query.exec(sql) || !query.next())
        return DbConnection::queryError(query, QStringLiteral("Looking for the version table failed"));
    return query.value(0).toBool();
}

} // namespace

QString revisionStatusName(RevisionStatus status)
{
    switch (status) {
    case RevisionStatus::Applied:
        return QStringLiteral("applied");
    case RevisionStatus::Current:
        return QStringLiteral("current");
    case RevisionStatus::Pending:
        return QStringLiteral("pending");
    case RevisionStatus::Unknown:
        return QStringLiteral("unknown");
    }
    return {};
}

const HistoryEntry *MigrationHistory::entry(const QString &id) const
{
    for (const HistoryEntry &e : entries) {
        if (e.revision.id == id)
            return &e;
    }
    return nullptr;
}

MigrationHistory computeHistory(const AlembicProject &project, const RevisionGraph &graph,
                                const std::optional<QStringList> &versionRows)
{
    MigrationHistory history;
    history.projectRoot = project.root;
    history.problems = project.problems;
    history.heads = graph.heads();
    history.hasVersionTable = versionRows.has_value();
    if (history.hasVersionTable)
        history.tool = QStringLiteral("alembic");

    if (history.heads.size() > 1)
        history.problems.append(HistoryProblem{
            HistoryProblem::Kind::MultipleHeads, {},
            QStringLiteral("The scripts have %1 heads (%2): `alembic upgrade head` refuses; merge "
                           "them or upgrade to `heads`")
                .arg(history.heads.size())
                .arg(history.heads.join(QStringLiteral(", ")))});

    // Each row is a head of an applied lineage; everything it descends from is applied.
    // Rows resolve like Alembic resolves them (exact id, then a unique prefix).
    QSet<QString> current;
    QSet<QString> applied;
    for (const QString &row : versionRows.value_or(QStringList())) {
        const auto resolved = graph.resolve(row);
        if (!resolved) {
            history.unknown.append(row);
            history.problems.append(versionProblem(
                QStringLiteral("The version table records '%1', which is not in any version "
                               "location; the scripts' heads are %2. Restore the script, or stamp "
                               "the database at a revision the scripts know")
                    .arg(row, history.heads.isEmpty() ? QStringLiteral("(none)")
                                                      : history.heads.join(QStringLiteral(", ")))));
            continue;
        }
        current.insert(*resolved);
        history.current.append(*resolved);
        applied.unite(graph.ancestors(*resolved));
    }

    for (const QString &id : std::as_const(history.unknown)) {
        HistoryEntry entry;
        entry.revision.id = id;
        entry.status = RevisionStatus::Unknown;
        history.entries.append(entry);
    }
    for (const Revision &revision : graph.revisions()) {
        RevisionStatus status = RevisionStatus::Pending;
        if (current.contains(revision.id))
            status = RevisionStatus::Current;
        else if (applied.contains(revision.id))
            status = RevisionStatus::Applied;
        else
            history.pending.append(revision.id);
        history.entries.append(HistoryEntry{revision, status});
    }
    return history;
}

Expected<std::optional<QStringList>> readAlembicVersions(DbConnection &connection,
                                                        const QString &table,
                                                        const QString &schema)
{
    const auto exists = versionTableExists(connection, table, schema);
    if (!exists)
        return exists.error();
    if (!*exists)
        return std::optional<QStringList>();
    QSqlQuery query(connection.database());
    query.setForwardOnly(true);
    const QString sql = QStringLiteral("SELECT version_num FROM %1")
                            .arg(qualifiedName(connection.dialect(), schema, table));
    if (!query.exec(sql))
        return DbConnection::queryError(
            query, QStringLiteral("Reading the version table %1 failed").arg(table));
    QStringList rows;
    while (query.next())
        rows.append(query.value(0).toString());
    return std::optional<QStringList>(rows);
}

VersionTableOptions resolveVersionTable(const AlembicProject &project, const VersionTableOptions &options)
{
    return VersionTableOptions{!options.table.isEmpty()            ? options.table
                               : !project.versionTable.isEmpty() ? project.versionTable
                                                                 : kDefaultVersionTable,
                               !options.schema.isEmpty() ? options.schema : project.versionTableSchema};
}

Expected<MigrationHistory> loadMigrationHistory(DbConnection *connection,
                                                const QString &migrationsPath,
                                                const VersionTableOptions &options,
                                                RevisionGraph *graphOut)
{
    AlembicProject project;
    if (!migrationsPath.isEmpty()) {
        auto loaded = loadAlembicProject(migrationsPath);
        if (!loaded)
            return loaded.error();
        project = std::move(loaded).value();
    }
    QList<HistoryProblem> graphProblems;
    const RevisionGraph graph = RevisionGraph::build(project.revisions, &graphProblems);
    project.problems += graphProblems;

    const VersionTableOptions resolved = resolveVersionTable(project, options);
    const QString &table = resolved.table;
    const QString &schema = resolved.schema;

    std::optional<QStringList> rows;
    std::optional<ToolHistory> otherTool;
    if (connection) {
        const auto read = readAlembicVersions(*connection, table, schema);
        if (!read)
            return read.error();
        rows = *read;
        if (!rows) {
            const auto tool = readToolHistory(*connection);
            if (!tool)
                return tool.error();
            otherTool = *tool;
        }
    }

    MigrationHistory history;
    if (migrationsPath.isEmpty()) {
        // The database's own record only: without scripts no row can be judged unknown.
        history.hasVersionTable = rows.has_value();
        history.current = rows.value_or(QStringList());
        if (rows)
            history.tool = QStringLiteral("alembic");
    } else {
        history = computeHistory(project, graph, rows);
    }
    history.hasDatabase = connection != nullptr;
    history.versionTable = schema.isEmpty() ? table : schema + QLatin1Char('.') + table;
    history.versionTableResolved = resolved;
    if (otherTool) {
        history.tool = otherTool->tool;
        history.toolMigrations = otherTool->migrations;
    }
    if (graphOut)
        *graphOut = graph;
    spdlog::info("history: {} revisions, current [{}], {} pending", graph.size(),
                 history.current.join(QStringLiteral(", ")).toStdString(), history.pending.size());
    return history;
}

} // namespace migconsole
