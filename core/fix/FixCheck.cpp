#include "fix/FixCheck.h"

#include "fix/LiveFixFacts.h"
#include "fix/Stamp.h"

#include <QSet>

#include <algorithm>

#include <spdlog/spdlog.h>

namespace migconsole {

namespace {

bool stepIsDone(const PreflightStep &step)
{
    return step.status == StepStatus::Done || (step.status == StepStatus::WillFail && step.alreadyInPlace);
}

/// Pending revisions the console may finish itself ("complete this revision", issue 5): in
/// upgrade order, those with at least one step already in place, no step that would fail,
/// and every parent applied or completed too. A revision with no step done is left to the
/// migration tool — the console is not a migration runner.
QStringList completableRevisions(const DriftReport &report)
{
    QStringList order;                 // pending revisions in upgrade order, as the steps are
    QHash<QString, QList<const PreflightStep *>> stepsOf;
    for (const PreflightStep &step : report.steps) {
        if (!stepsOf.contains(step.revision))
            order.append(step.revision);
        stepsOf[step.revision].append(&step);
    }
    const QSet<QString> pending(report.history.pending.cbegin(), report.history.pending.cend());
    QSet<QString> completed;
    QStringList result;
    for (const QString &id : order) {
        const auto &steps = stepsOf.value(id);
        const bool anyDone = std::any_of(steps.cbegin(), steps.cend(), [](auto *s) { return stepIsDone(*s); });
        const bool anyFails = std::any_of(steps.cbegin(), steps.cend(), [](auto *s) {
            return s->status == StepStatus::WillFail && !s->alreadyInPlace;
        });
        const HistoryEntry *entry = report.history.entry(id);
        if (!entry || !anyDone || anyFails)
            continue;
        QStringList parents = entry->revision.downRevisions + entry->revision.dependsOn;
        const bool parentsReady = std::all_of(parents.cbegin(), parents.cend(), [&](const QString &parent) {
            return !pending.contains(parent) || completed.contains(parent);
        });
        if (!parentsReady)
            continue;
        completed.insert(id);
        result.append(id);
    }
    return result;
}

/// The heads once `completed` are applied: the recorded rows and the completed revisions,
/// without those that are ancestors of another one.
QStringList advancedTargets(const RevisionGraph &graph, const QStringList &current, const QStringList &completed)
{
    QStringList all = current + completed;
    QStringList tips;
    for (const QString &id : all) {
        const bool covered = std::any_of(all.cbegin(), all.cend(), [&](const QString &other) {
            return other != id && graph.ancestors(other).contains(id);
        });
        if (!covered && !tips.contains(id))
            tips.append(id);
    }
    return tips;
}

VersionTableLocation versionTableLocation(const DriftReport &report, Dialect dialect)
{
    VersionTableLocation location;
    location.dialect = dialect;
    location.table = report.history.versionTableResolved.table;
    location.schema = report.history.versionTableResolved.schema;
    return location;
}

} // namespace

Expected<FixPreparation> prepareFix(DbConnection &connection, const FixRequest &request)
{
    auto first = runDriftCheck(connection, request.drift);
    if (!first)
        return first.error();
    FixPreparation preparation{std::move(first).value(), {}};
    DriftReport &report = preparation.report;

    QStringList completed;
    RevisionGraph graph;
    const bool alembic = request.drift.source == ExpectedSource::Migrations &&
                         report.history.tool == QLatin1String("alembic");
    const bool atCurrent = request.drift.targetIds.isEmpty() &&
                           (request.drift.target.isEmpty() || request.drift.target == QLatin1String("current"));
    if (alembic && request.options.completeRevisions && atCurrent && !report.steps.isEmpty()) {
        completed = completableRevisions(report);
        if (!completed.isEmpty() && !report.history.unknown.isEmpty()) {
            spdlog::warn("fix: not completing revisions while the version table records unknown ids");
            completed.clear();
        }
    }
    if (!completed.isEmpty()) {
        auto history = loadMigrationHistory(&connection, request.drift.migrationsPath,
                                            request.drift.versionTable, &graph);
        if (!history)
            return history.error();
        DriftRequest advanced = request.drift;
        advanced.targetIds = advancedTargets(graph, report.targetRevisions, completed);
        advanced.actual = report.actual; // the catalogue was just read: compare the same schema
        auto second = runDriftCheck(connection, advanced);
        if (!second)
            return second.error();
        report = std::move(second).value();
    }

    if (request.drift.source == ExpectedSource::Migrations && !atCurrent)
        preparation.plan.notes.append(
            QStringLiteral("The target is %1, not the database's revision: the version table is left as it is "
                           "(stamp afterwards if the database should record it).")
                .arg(report.targetRevisions.join(QStringLiteral(", "))));

    LiveFixFacts facts(connection);
    const QStringList notes = preparation.plan.notes;
    FixPlan &plan = preparation.plan;
    plan = planFixes(report.expected, report.actual, report.drift, request.options, &facts);
    plan.notes = notes + plan.notes;
    plan.database = connection.displayUrl();
    plan.dialect = connection.dialect();

    if (!completed.isEmpty()) {
        const QSet<QString> completedSet(completed.cbegin(), completed.cend());
        for (FixStatement &statement : plan.statements) {
            if (statement.finding && statement.finding->origin &&
                completedSet.contains(statement.finding->origin->revision)) {
                statement.purpose = FixPurpose::CompleteRevision;
                statement.revision = statement.finding->origin->revision;
            }
        }
        const QStringList rows = report.history.current;
        StampRequest stamp;
        stamp.revisions = advancedTargets(graph, {}, completed);
        auto stampStatements = planAlembicStamp(graph, report.history.hasVersionTable ? std::optional(rows)
                                                                                      : std::nullopt,
                                                stamp, versionTableLocation(report, connection.dialect()));
        if (!stampStatements)
            return stampStatements.error();
        plan.statements += *stampStatements;
        plan.completedRevisions = completed;
        plan.notes.append(QStringLiteral("Completes and stamps %1 (already partly or wholly applied; "
                                         "--no-complete leaves them to the migration tool).")
                              .arg(completed.join(QStringLiteral(", "))));
    }
    return preparation;
}

} // namespace migconsole
