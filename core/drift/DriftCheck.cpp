#include "drift/DriftCheck.h"

#include "db/Introspector.h"
#include "db/SqlQuoting.h"
#include "drift/SchemaDiff.h"
#include "replay/Replayer.h"
#include "schema/SchemaJson.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <QSqlQuery>

#include <spdlog/spdlog.h>

#include <optional>
#include <thread>

namespace migconsole {

QList<PreflightStep> DriftReport::failingSteps() const
{
    QList<PreflightStep> failing;
    for (const PreflightStep &step : steps) {
        if (step.status == StepStatus::WillFail)
            failing.append(step);
    }
    return failing;
}

bool DriftReport::clean() const
{
    return drift.isEmpty() && failingSteps().isEmpty() && history.unknown.isEmpty();
}

namespace {

Error badInput(const QString &message)
{
    return Error{ErrorCode::BadInput, message, {}};
}

Expected<Schema> readSnapshot(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return badInput(QStringLiteral("cannot read snapshot %1: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return badInput(QStringLiteral("snapshot %1 is not a JSON object (offset %2: %3)")
                            .arg(path)
                            .arg(parseError.offset)
                            .arg(parseError.errorString()));
    auto schema = schemaFromJson(document.object());
    if (!schema)
        return badInput(QStringLiteral("snapshot %1: %2").arg(path, schema.error().message));
    return schema;
}

Expected<Schema> readReference(const ConnectionSettings &settings, const QStringList &namespaces)
{
    auto connection = DbConnection::open(settings);
    if (!connection)
        return connection.error();
    return introspect(**connection, IntrospectOptions{namespaces, nullptr, true});
}

/// The revisions --target names: the database's own, every head, or one revision.
Expected<QStringList> targetRevisions(const RevisionGraph &graph, const MigrationHistory &history,
                                      const QString &target)
{
    if (target.isEmpty() || target == QLatin1String("current")) {
        QStringList known;
        for (const QString &id : history.current) {
            if (graph.find(id))
                known.append(id);
        }
        return known;
    }
    if (target == QLatin1String("head") || target == QLatin1String("heads"))
        return graph.heads();
    auto resolved = graph.resolve(target);
    if (!resolved)
        return badInput(QStringLiteral("--target %1: %2").arg(target, resolved.error().message));
    return QStringList{*resolved};
}

/// "Does the table hold a row?" asked of the live database for the NOT NULL check; a
/// failing query counts as "no" (the step is then predicted to apply, as before).
TableHasRows rowsProbe(DbConnection &connection)
{
    return [&connection](const QString &schema, const QString &table) {
        QSqlQuery query(connection.database());
        const QString sql = QStringLiteral("SELECT 1 FROM %1 LIMIT 1")
                                .arg(qualifiedName(connection.dialect(), schema, table));
        if (!query.exec(sql)) {
            spdlog::warn("preflight: cannot tell whether {} has rows", table.toStdString());
            return false;
        }
        return query.next();
    };
}

void addHistoryProblems(const MigrationHistory &history, QList<ReplayWarning> *warnings)
{
    for (const HistoryProblem &problem : history.problems) {
        if (problem.kind != HistoryProblem::Kind::UnknownVersion) // listed under `unknown`
            warnings->append(ReplayWarning{problem.location, problem.message});
    }
}

} // namespace

Expected<DriftReport> runDriftCheck(DbConnection &connection, const DriftRequest &request)
{
    // Phase timings at debug level (`--verbose`): where a slow check spends its time.
    QElapsedTimer clock;
    clock.start();
    const auto phaseDone = [&clock](const char *phase) {
        spdlog::debug("check: {} in {} ms", phase, clock.restart());
    };
    DriftReport report;
    report.database = connection.displayUrl();
    report.source = request.source;

    DiffOptions diffOptions;
    diffOptions.namespaces = request.namespaces;
    RevisionGraph graph;
    QHash<QString, RevisionOperations> operations;
    // A reference database is read on its own connection and thread while this connection
    // reads the checked one: two 10,000-table catalogues at once, not one after the other.
    std::optional<Expected<Schema>> referenceRead;
    std::jthread referenceReader;
    switch (request.source) {
    case ExpectedSource::Migrations: {
        report.sourceDisplay = request.migrationsPath;
        auto history = loadMigrationHistory(&connection, request.migrationsPath,
                                            request.versionTable, &graph);
        if (!history)
            return history.error();
        report.history = std::move(history).value();
        phaseDone("history read");
        auto targets = request.targetIds.isEmpty()
                           ? targetRevisions(graph, report.history, request.target)
                           : Expected<QStringList>(request.targetIds);
        if (!targets)
            return targets.error();
        report.targetRevisions = *targets;
        operations = readRevisionOperations(graph, report.history.projectRoot, connection.dialect());
        phaseDone("scripts read");
        ReplayResult replay = replayMigrations(graph, operations, *targets, connection.dialect());
        phaseDone("replayed");
        report.expected = std::move(replay.schema);
        report.origins = std::move(replay.origins);
        report.warnings = std::move(replay.warnings);
        addHistoryProblems(report.history, &report.warnings);
        // The version table is Alembic's bookkeeping, never the scripts' schema.
        const QString versionTable = report.history.versionTable.section(u'.', -1);
        if (!versionTable.isEmpty() && !diffOptions.ignoreTables.contains(versionTable))
            diffOptions.ignoreTables.append(versionTable);
        break;
    }
    case ExpectedSource::Reference: {
        report.sourceDisplay = request.reference.url.toDisplayString();
        referenceReader = std::jthread([&referenceRead, &request] {
            referenceRead = readReference(request.reference, request.namespaces);
        });
        break;
    }
    case ExpectedSource::Snapshot: {
        report.sourceDisplay = request.snapshotPath;
        auto snapshot = readSnapshot(request.snapshotPath);
        if (!snapshot)
            return snapshot.error();
        report.expected = std::move(snapshot).value();
        break;
    }
    }
    const auto sameDialect = [&report, &connection]() -> std::optional<Error> {
        if (report.expected.dialect != connection.dialect() && !report.expected.namespaces.isEmpty())
            return badInput(QStringLiteral("%1 describes a %2 database, but %3 is %4")
                                .arg(report.sourceDisplay, dialectName(report.expected.dialect),
                                     report.database, dialectName(connection.dialect())));
        report.expected.dialect = connection.dialect();
        return std::nullopt;
    };
    if (!referenceReader.joinable()) {
        if (auto error = sameDialect())
            return *error;
    }

    if (request.actual) {
        report.actual = *request.actual;
    } else {
        // A check starts no transaction of its own before this: the side connection is safe.
        auto actual = introspect(connection, IntrospectOptions{request.namespaces, nullptr, true});
        if (!actual)
            return actual.error();
        report.actual = std::move(actual).value();
        phaseDone("database introspected");
    }
    if (referenceReader.joinable()) {
        referenceReader.join();
        if (!*referenceRead)
            return referenceRead->error();
        report.expected = std::move(*referenceRead).value();
        phaseDone("reference introspected (at the same time)");
        if (auto error = sameDialect())
            return *error;
    }
    report.drift = diffSchemas(report.expected, report.actual,
                               request.source == ExpectedSource::Migrations ? &report.origins : nullptr,
                               diffOptions);
    phaseDone("compared");

    if (request.source == ExpectedSource::Migrations && !report.history.pending.isEmpty()) {
        // Pending revisions in the order `alembic upgrade heads` would run them.
        const QSet<QString> pending(report.history.pending.cbegin(), report.history.pending.cend());
        QStringList order;
        for (const QString &id : upgradeOrder(graph, graph.heads())) {
            if (pending.contains(id))
                order.append(id);
        }
        report.steps = preflight(report.actual, operations, order, rowsProbe(connection));
        phaseDone("preflight");
    }
    spdlog::info("check {}: {} findings, {} failing steps, {} unknown revisions",
                 report.database.toStdString(), report.drift.size(), report.failingSteps().size(),
                 report.history.unknown.size());
    return report;
}

} // namespace migconsole
