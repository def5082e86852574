// `migconsole stamp --db URL --migrations DIR REVISION... [--preview] [--purge] [--yes]`:
// records revisions as applied without running them — Alembic's version table, or the
// history table of Flyway, golang-migrate or Prisma when DIR holds that tool's files.

#include "CliCommands.h"
#include "CliSupport.h"
#include "fix/Executor.h"
#include "fix/Stamp.h"
#include "fix/ToolStamp.h"
#include "history/AlembicProject.h"
#include "history/MigrationHistory.h"
#include "history/ToolHistory.h"

#include <QJsonArray>
#include <QJsonObject>

namespace migconsole::cli {

namespace {

const QString kCommand = QStringLiteral("stamp");

/// What a stamp will write, whichever tool's table it is.
struct StampWork
{
    QString tool;  ///< "alembic", "flyway", …
    QString table; ///< the table written, for messages
    QList<FixStatement> statements;
    QStringList before; ///< the table's rows (versions / names) now
    QStringList after;  ///< … and once the statements ran
};

Expected<StampWork> planAlembic(DbConnection &connection, const AlembicProject &project,
                                const CommandLine &line)
{
    QList<HistoryProblem> problems;
    const RevisionGraph graph = RevisionGraph::build(project.revisions, &problems);
    const VersionTableOptions resolved =
        resolveVersionTable(project, VersionTableOptions{line.value(kVersionTable), line.value(kVersionTableSchema)});
    VersionTableLocation location;
    location.dialect = connection.dialect();
    location.table = resolved.table;
    location.schema = resolved.schema;
    const auto rows = readAlembicVersions(connection, location.table, location.schema);
    if (!rows)
        return rows.error();
    StampRequest request;
    request.revisions = line.positionals();
    request.purge = line.has(kPurge);
    const auto plan = planAlembicStampWithRows(graph, *rows, request, location);
    if (!plan)
        return plan.error();
    return StampWork{QStringLiteral("alembic"),
                     location.schema.isEmpty() ? location.table
                                               : location.schema + u'.' + location.table,
                     plan->statements, rows->value_or(QStringList()), plan->rowsAfter};
}

Expected<StampWork> planOtherTool(DbConnection &connection, const CommandLine &line)
{
    const auto history = readToolHistory(connection);
    if (!history)
        return history.error();
    if (!*history)
        return Error{ErrorCode::BadInput,
                     QStringLiteral("%1 holds no Alembic scripts and the database has no migration "
                                    "tool's history table to write")
                         .arg(line.value(kMigrations)),
                     {}};
    if (line.has(kPurge))
        return Error{ErrorCode::BadInput,
                     QStringLiteral("--purge applies to Alembic's version table only"),
                     {}};
    const auto plan =
        planToolStamp(connection, **history, line.value(kMigrations), line.positionals());
    if (!plan)
        return plan.error();
    return StampWork{(*history)->tool, (*history)->table, plan->statements, plan->rowsBefore,
                     plan->rowsAfter};
}

QString joined(const QStringList &rows)
{
    return rows.isEmpty() ? QStringLiteral("(none)") : rows.join(QStringLiteral(", "));
}

QString workToSql(const StampWork &work, const QString &database)
{
    QString text =
        QStringLiteral("-- stamp %1: %2 table %3\n-- rows before: %4\n-- rows after:  %5\n")
            .arg(database, work.tool, work.table, joined(work.before), joined(work.after));
    if (work.statements.isEmpty())
        text += QStringLiteral("-- nothing to write: the table already records this\n");
    for (const FixStatement &statement : work.statements)
        text += QStringLiteral("\n-- %1\n%2;\n").arg(statement.summary, statement.sql);
    return text;
}

QJsonObject workToJson(const StampWork &work, const QString &database)
{
    QJsonArray statements;
    for (const FixStatement &statement : work.statements)
        statements.append(QJsonObject{{QStringLiteral("sql"), statement.sql},
                                      {QStringLiteral("summary"), statement.summary},
                                      {QStringLiteral("revision"), statement.revision}});
    return QJsonObject{{QStringLiteral("database"), database},
                       {QStringLiteral("tool"), work.tool},
                       {QStringLiteral("table"), work.table},
                       {QStringLiteral("statements"), statements},
                       {QStringLiteral("before"), QJsonArray::fromStringList(work.before)},
                       {QStringLiteral("after"), QJsonArray::fromStringList(work.after)}};
}

} // namespace

int runStamp(const CommandLine &line)
{
    int exitCode = 0;
    const auto json = wantsJson(kCommand, line, &exitCode);
    if (!json)
        return exitCode;
    if (line.positionals().isEmpty())
        return usageError(kCommand, QStringLiteral("name the revision(s) to stamp"));
    if (!line.has(kMigrations))
        return usageError(kCommand,
                          QStringLiteral("--migrations DIR is required: stamp only writes "
                                         "revisions the scripts define"));
    const auto settings = connectionSettings(line);
    if (!settings)
        return fail(kCommand, settings.error());
    const QString database = settings->url.toDisplayString();
    if (wantsReadOnly(*settings))
        return fail(kCommand,
                    Error{ErrorCode::BadInput,
                          QStringLiteral("%1 is opened read-only: stamp writes to the version "
                                         "table; connect without read-only mode to stamp")
                              .arg(database),
                          {}});

    auto connection = DbConnection::open(*settings);
    if (!connection)
        return fail(kCommand, connection.error());

    // An Alembic project in DIR decides; otherwise the tool whose table the database has.
    const auto project = loadAlembicProject(line.value(kMigrations));
    const bool alembic = project && (!project->revisions.isEmpty() || !project->iniPath.isEmpty());
    const auto work =
        alembic ? planAlembic(**connection, *project, line) : planOtherTool(**connection, line);
    if (!work)
        return fail(kCommand, work.error());

    if (line.has(kPreview)) {
        if (*json)
            printJson(workToJson(*work, database));
        else
            writeOut(workToSql(*work, database));
        return 0;
    }
    if (work->statements.isEmpty()) {
        if (*json)
            printJson(workToJson(*work, database));
        else
            writeOut(QStringLiteral("Nothing to write: %1 on %2 already records %3\n")
                         .arg(work->table, database, joined(work->after)));
        return 0;
    }
    if (!confirmWrite(kCommand, line,
                      QStringLiteral("Stamp %1: %2 statement(s) on %3 table %4, rows %5 → %6?")
                          .arg(database)
                          .arg(work->statements.size())
                          .arg(work->tool, work->table, joined(work->before), joined(work->after))))
        return 2;

    const auto result = executeStatements(**connection, work->statements, ExecuteMode::Apply);
    if (!result)
        return fail(kCommand, result.error());
    if (!result->succeeded()) {
        QString detail;
        if (result->failedIndex)
            detail = result->results.value(*result->failedIndex).error;
        return fail(kCommand,
                    Error{ErrorCode::Query,
                          QStringLiteral("stamp failed and was rolled back: %1")
                              .arg(result->error.isEmpty() ? QStringLiteral("a statement failed")
                                                           : result->error),
                          detail});
    }
    if (*json) {
        QJsonObject body = workToJson(*work, database);
        body.insert(QStringLiteral("applied"), true);
        printJson(body);
    } else {
        writeOut(QStringLiteral("Stamped %1: %2 now records %3\n")
                     .arg(database, work->table, joined(work->after)));
    }
    return 0;
}

} // namespace migconsole::cli
