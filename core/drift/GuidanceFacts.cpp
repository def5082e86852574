// The facts and phrases the guidance shares (GuidanceFacts.h): what a report says about a
// revision's pending steps, and how objects, revisions and database errors are named.

#include "drift/GuidanceFacts.h"

#include "replay/ApplyOperation.h"
#include "report/DriftReportFormat.h"

#include <algorithm>

namespace migconsole::guidance {

QString noun(FindingKind kind)
{
    switch (kind) {
    case FindingKind::MissingTable:
    case FindingKind::ExtraTable:
        return QStringLiteral("table");
    case FindingKind::MissingColumn:
    case FindingKind::ExtraColumn:
    case FindingKind::TypeMismatch:
    case FindingKind::NullabilityMismatch:
    case FindingKind::DefaultMismatch:
        return QStringLiteral("column");
    case FindingKind::MissingIndex:
    case FindingKind::ExtraIndex:
        return QStringLiteral("index");
    case FindingKind::MissingForeignKey:
    case FindingKind::ExtraForeignKey:
        return QStringLiteral("foreign key");
    case FindingKind::MissingUnique:
        return QStringLiteral("unique constraint");
    case FindingKind::MissingCheck:
        return QStringLiteral("check constraint");
    case FindingKind::MissingPrimaryKey:
        return QStringLiteral("primary key");
    }
    return {};
}

QString createVerb(FindingKind kind)
{
    return kind == FindingKind::MissingColumn || kind == FindingKind::ExtraColumn
               ? QStringLiteral("adds")
               : QStringLiteral("creates");
}

QString listed(const QStringList &items)
{
    if (items.size() < 2)
        return items.value(0);
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") +
           items.last();
}

QString counted(qsizetype n, const QString &one, const QString &many)
{
    return QString::number(n) + QLatin1Char(' ') + (n == 1 ? one : many);
}

Guidance capitalised(Guidance g)
{
    for (QString *text : {&g.headline, &g.whatHappened, &g.remedyText, &g.incident}) {
        if (!text->isEmpty())
            (*text)[0] = text->at(0).toUpper();
    }
    return g;
}

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

QString markApplied(const QString &revision)
{
    return QStringLiteral("select %1 in the History and use Mark applied… (alembic stamp %1)")
        .arg(revision);
}

QString Facts::table(const QString &schema, const QString &table) const
{
    if (schema.isEmpty() || schema == defaultNamespaceName(report.actual.dialect))
        return table;
    return schema + QLatin1Char('.') + table;
}

QString Facts::object(const Finding &f) const
{
    const QString owner = table(f.schema, f.table);
    const QString kind = noun(f.kind);
    switch (findingObject(f.kind)) {
    case FindingObject::Table:
        return kind + QLatin1Char(' ') + owner;
    case FindingObject::Column:
        return kind + QLatin1Char(' ') + owner + QLatin1Char('.') + f.object;
    case FindingObject::Index:
    case FindingObject::Constraint:
        break;
    }
    const QString name = !f.object.isEmpty()    ? f.object
                         : f.expected.isEmpty() ? f.actual
                                                : f.expected;
    return name.isEmpty() ? kind + QStringLiteral(" on ") + owner
                          : kind + QLatin1Char(' ') + name + QStringLiteral(" on ") + owner;
}

QString Facts::at(const SourceLocation &location)
{
    const QString where = locationText(location);
    return where.isEmpty() ? QString() : QStringLiteral(" at ") + where;
}

std::optional<RevisionStatus> Facts::status(const QString &id) const
{
    const HistoryEntry *entry = report.history.entry(id);
    return entry ? std::optional(entry->status) : std::nullopt;
}

QString Facts::recorded() const
{
    return report.history.current.isEmpty() ? QStringLiteral("no revision")
                                            : report.history.current.join(QStringLiteral(", "));
}

QString Facts::upTo() const
{
    return report.targetRevisions.isEmpty()
               ? QString()
               : QStringLiteral(" up to ") + report.targetRevisions.join(QStringLiteral(", "));
}

QString Facts::versionTable() const
{
    return report.history.versionTable.isEmpty() ? QStringLiteral("the version table")
                                                 : report.history.versionTable;
}

QString Facts::source() const
{
    switch (report.source) {
    case ExpectedSource::Reference:
        return QStringLiteral("the reference database ") + report.sourceDisplay;
    case ExpectedSource::Snapshot:
        return QStringLiteral("the snapshot ") + report.sourceDisplay;
    case ExpectedSource::Migrations:
        break;
    }
    return QStringLiteral("the migrations");
}

QString Facts::sourceKind() const
{
    switch (report.source) {
    case ExpectedSource::Reference:
        return QStringLiteral("the reference database");
    case ExpectedSource::Snapshot:
        return QStringLiteral("the snapshot");
    case ExpectedSource::Migrations:
        break;
    }
    return QStringLiteral("the migrations");
}

bool Facts::atCurrent() const
{
    QStringList known;
    for (const QString &id : report.history.current) {
        if (report.history.entry(id) && !report.history.unknown.contains(id))
            known.append(id);
    }
    QStringList targets = report.targetRevisions;
    known.sort();
    targets.sort();
    return known == targets;
}

QList<const PreflightStep *> Facts::stepsOf(const QString &revision) const
{
    QList<const PreflightStep *> steps;
    for (const PreflightStep &step : report.steps) {
        if (step.revision == revision)
            steps.append(&step);
    }
    return steps;
}

bool Facts::stepIsDone(const PreflightStep &step)
{
    return step.status == StepStatus::Done ||
           (step.status == StepStatus::WillFail && step.alreadyInPlace);
}

bool Facts::stepBlocks(const PreflightStep &step)
{
    return step.status == StepStatus::WillFail && !step.alreadyInPlace;
}

Facts::Progress Facts::progress(const QString &revision) const
{
    Progress p;
    for (const PreflightStep *step : stepsOf(revision)) {
        ++p.steps;
        if (stepIsDone(*step))
            ++p.done;
        else if (stepBlocks(*step))
            p.blocking.append(step);
        else
            ++p.willApply;
    }
    return p;
}

bool Facts::fixCompletes(const QString &revision) const
{
    if (!migrations() || !report.history.unknown.isEmpty() || !atCurrent())
        return false;
    QSet<QString> seen;
    return completable(revision, seen);
}

bool Facts::completable(const QString &revision, QSet<QString> &seen) const
{
    if (seen.contains(revision))
        return false; // a cycle: the scripts' problem, not a completion
    seen.insert(revision);
    const Progress p = progress(revision);
    const HistoryEntry *entry = report.history.entry(revision);
    if (!entry || !p.anyDone() || !p.blocking.isEmpty())
        return false;
    const QStringList parents = entry->revision.downRevisions + entry->revision.dependsOn;
    return std::all_of(parents.cbegin(), parents.cend(), [&](const QString &parent) {
        return !report.history.pending.contains(parent) || completable(parent, seen);
    });
}

QStringList Facts::siblings(const Finding &f) const
{
    QStringList names;
    if (!f.origin)
        return names;
    for (const Finding &other : report.drift) {
        if (other == f || !other.origin || other.origin->revision != f.origin->revision)
            continue;
        if (isMissingKind(other.kind))
            names.append(object(other));
    }
    return names;
}

const PreflightStep *Facts::creatingStep(const Finding &f) const
{
    const FindingObject kind = findingObject(f.kind);
    for (const PreflightStep &step : report.steps) {
        if (step.schema != f.schema || step.table.compare(f.table, Qt::CaseInsensitive) != 0)
            continue;
        if (!step.op.startsWith(QLatin1String("create_")) && step.op != QLatin1String("add_column"))
            continue;
        if (kind == FindingObject::Table) {
            if (step.op == QLatin1String("create_table") && step.object == FindingObject::Table)
                return &step;
            continue;
        }
        if (step.object == kind && step.objectName.compare(f.object, Qt::CaseInsensitive) == 0)
            return &step;
    }
    return nullptr;
}

const Finding *Facts::missingFindingFor(const PreflightStep &step) const
{
    for (const Finding &f : report.drift) {
        if (!isMissingKind(f.kind) || f.schema != step.schema)
            continue;
        if (step.conflict == StepConflict::MissingTable && f.kind == FindingKind::MissingTable &&
            f.table == step.table)
            return &f;
        if (step.conflict == StepConflict::MissingColumn && f.kind == FindingKind::MissingColumn &&
            f.table == step.table && f.object == step.objectName)
            return &f;
        if (step.conflict == StepConflict::MissingIndex && f.kind == FindingKind::MissingIndex &&
            f.object == step.objectName)
            return &f;
    }
    return nullptr;
}

QString duplicateError(const PreflightStep &step)
{
    switch (step.conflict.value_or(StepConflict::TableExists)) {
    case StepConflict::ColumnExists:
        return QStringLiteral("DuplicateColumn: column %1 of relation %2 already exists")
            .arg(quoted(step.objectName), quoted(step.table));
    case StepConflict::TableExists:
        return QStringLiteral("DuplicateTable: relation %1 already exists").arg(quoted(step.table));
    case StepConflict::IndexExists:
        return QStringLiteral("DuplicateTable: relation %1 already exists")
            .arg(quoted(step.objectName));
    case StepConflict::ConstraintExists:
        return QStringLiteral("DuplicateObject: constraint %1 for relation %2 already exists")
            .arg(quoted(step.objectName), quoted(step.table));
    default:
        return step.message;
    }
}

void remedyForInPlace(const PreflightStep &step, const Facts &facts, Guidance &g)
{
    const Facts::Progress p = facts.progress(step.revision);
    if (!p.blocking.isEmpty()) {
        const PreflightStep &block = *p.blocking.first();
        g.remedy = RemedyKind::Fix;
        g.remedyText =
            QStringLiteral(
                "Neither stamping nor upgrading works yet: another step of %1 fails for a "
                "different reason — %2%3. Fix that first (its own guidance says how); then "
                "mark %1 as applied once all of it is in place.")
                .arg(step.revision, block.message, Facts::at(block.location));
        return;
    }
    if (p.whollyInPlace()) {
        g.remedy = RemedyKind::Stamp;
        g.remedyText =
            QStringLiteral(
                "Mark %1 as applied (stamp) — its changes are already in the database: %2. "
                "Check first that what exists really is the migration's work and that no "
                "data step of %1 (op.execute, bulk inserts) is left undone: stamping skips "
                "them.")
                .arg(step.revision, markApplied(step.revision));
        if (facts.fixCompletes(step.revision))
            g.remedyText += QStringLiteral(" Preview fixes plans the same stamp.");
        return;
    }
    g.remedy = RemedyKind::Fix;
    const QString remaining = p.willApply == 1
                                  ? QStringLiteral("the remaining step")
                                  : QStringLiteral("the %1 remaining steps").arg(p.willApply);
    if (facts.fixCompletes(step.revision)) {
        g.remedyText =
            QStringLiteral(
                "Let the fix complete the revision: Preview fixes performs %1 of %2 with "
                "guarded statements and then stamps it; dry-run, then apply. Alternatively "
                "make the step conditional in the script (run it only when its object does "
                "not exist) and run alembic upgrade %2.")
                .arg(remaining, step.revision);
    } else {
        g.remedyText =
            QStringLiteral(
                "Complete the revision, then stamp it: choose %2 under Compare against and "
                "Preview fixes to create %1, then %3. Alternatively make the step "
                "conditional in the script and run alembic upgrade %2.")
                .arg(remaining, step.revision, markApplied(step.revision));
    }
}

QString existsIncident(const PreflightStep &step)
{
    return QStringLiteral(
               "Like a deploy that fails with %1 because someone added it by hand before the "
               "migration ran.")
        .arg(duplicateError(step));
}

} // namespace migconsole::guidance
