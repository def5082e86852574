#include "drift/Preflight.h"

#include "drift/SqlNormaliser.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace migconsole {

QString stepStatusName(StepStatus status)
{
    switch (status) {
    case StepStatus::Done: return QStringLiteral("done");
    case StepStatus::WillApply: return QStringLiteral("will_apply");
    case StepStatus::WillFail: return QStringLiteral("will_fail");
    }
    return {};
}

namespace {

/// Whether what already exists is what the step would have created: the mark of a
/// migration that ran (in part) by hand or died half way.
bool sameAsExisting(const Schema &schema, const QString &ns, const Operation &op)
{
    const Table *table = schema.table(ns, op.table);
    if (!table)
        return false;
    switch (op.kind) {
    case Operation::Kind::AddColumn: {
        const Column *existing = table->column(op.column.name);
        return existing && existing->type == op.column.type;
    }
    case Operation::Kind::CreateTable:
        for (const Column &c : op.tableDef.columns) {
            const Column *existing = table->column(c.name);
            if (!existing || existing->type != c.type)
                return false;
        }
        return true;
    case Operation::Kind::CreateIndex: {
        const Index *existing = table->index(op.index.name);
        return existing && existing->columns == op.index.columns && existing->unique == op.index.unique;
    }
    case Operation::Kind::CreateUniqueConstraint:
        return std::any_of(table->uniques.cbegin(), table->uniques.cend(), [&](const UniqueConstraint &u) {
            return u.name == op.unique.name && u.columns == op.unique.columns;
        });
    case Operation::Kind::CreateCheckConstraint:
        return std::any_of(table->checks.cbegin(), table->checks.cend(), [&](const CheckConstraint &c) {
            return c.name == op.check.name &&
                   drift::normaliseExpression(c.expression) == drift::normaliseExpression(op.check.expression);
        });
    case Operation::Kind::CreateForeignKey:
        return std::any_of(table->foreignKeys.cbegin(), table->foreignKeys.cend(), [&](const ForeignKey &fk) {
            return fk.name == op.foreignKey.name && fk.columns == op.foreignKey.columns &&
                   fk.referencedTable == op.foreignKey.referencedTable;
        });
    case Operation::Kind::CreatePrimaryKey:
        return table->primaryKey && table->primaryKey->columns == op.primaryKey.columns;
    default:
        return false; // e.g. rename_table onto another table that happens to have the name
    }
}

/// PostgreSQL and SQLite refuse a NOT NULL column without a default on a table that has
/// rows (nothing to fill the existing rows with); identity and serial columns fill themselves.
bool needsRowsFilled(const Operation &op)
{
    const Column &c = op.column;
    return op.kind == Operation::Kind::AddColumn && !c.nullable && c.defaultExpr.isEmpty() &&
           c.identity == Identity::None && !c.autoIncrement && c.generatedExpr.isEmpty();
}

} // namespace

QList<PreflightStep> preflight(const Schema &live, const QHash<QString, RevisionOperations> &operations,
                               const QStringList &pending, const TableHasRows &tableHasRows)
{
    QList<PreflightStep> steps;
    Schema simulated = live;
    for (const QString &revision : pending) {
        for (const Operation &op : operations.value(revision).operations) {
            PreflightStep step;
            step.revision = revision;
            step.op = operationKindName(op.kind);
            step.location = op.location;
            const QString ns = op.schema.isEmpty() ? defaultNamespaceName(live.dialect) : op.schema;
            const Table *now = simulated.table(ns, op.table);
            if (needsRowsFilled(op) && tableHasRows && now && !now->column(op.column.name) &&
                live.table(ns, op.table) && tableHasRows(ns, op.table)) {
                step.schema = ns;
                step.table = op.table;
                step.object = FindingObject::Column;
                step.objectName = op.column.name;
                step.status = StepStatus::WillFail;
                step.conflict = StepConflict::NotNullWithoutDefault;
                step.message = QStringLiteral("column %1.%2 is NOT NULL without a default, and %1 has rows")
                                   .arg(op.table, op.column.name);
                steps.append(step);
                continue;
            }
            const bool inPlace = sameAsExisting(simulated, ns, op);
            const ApplyOutcome outcome = applyOperation(simulated, op);
            step.schema = outcome.schema;
            step.table = outcome.table;
            step.object = outcome.object;
            step.objectName = outcome.objectName;
            if (!outcome.conflict) {
                step.status = StepStatus::WillApply;
            } else if (op.conditional && (isExistsConflict(*outcome.conflict) ||
                                          op.kind == Operation::Kind::DropTable ||
                                          op.kind == Operation::Kind::DropColumn ||
                                          op.kind == Operation::Kind::DropIndex ||
                                          op.kind == Operation::Kind::DropConstraint)) {
                step.status = StepStatus::Done; // guarded: the database skips it
                step.message = outcome.message;
            } else {
                step.status = StepStatus::WillFail;
                step.conflict = outcome.conflict;
                step.alreadyInPlace = isExistsConflict(*outcome.conflict) && inPlace;
                step.message = outcome.message;
            }
            steps.append(step);
        }
    }
    qsizetype failing = 0;
    for (const PreflightStep &s : std::as_const(steps))
        failing += s.status == StepStatus::WillFail ? 1 : 0;
    spdlog::info("preflight: {} pending revisions, {} steps, {} would fail", pending.size(),
                 steps.size(), failing);
    return steps;
}

QJsonObject preflightStepToJson(const PreflightStep &step, bool withStatus)
{
    QJsonObject json;
    json.insert(QStringLiteral("revision"), step.revision);
    json.insert(QStringLiteral("op"), step.op);
    json.insert(QStringLiteral("line"), step.location.line);
    json.insert(QStringLiteral("file"), step.location.file);
    if (withStatus)
        json.insert(QStringLiteral("step"), stepStatusName(step.status));
    if (step.conflict)
        json.insert(QStringLiteral("kind"), stepConflictName(*step.conflict));
    json.insert(QStringLiteral("schema"), step.schema);
    json.insert(QStringLiteral("table"), step.table);
    switch (step.object) {
    case FindingObject::Column: json.insert(QStringLiteral("column"), step.objectName); break;
    case FindingObject::Index: json.insert(QStringLiteral("index"), step.objectName); break;
    case FindingObject::Constraint: json.insert(QStringLiteral("constraint"), step.objectName); break;
    case FindingObject::Table: break;
    }
    if (!step.message.isEmpty())
        json.insert(QStringLiteral("message"), step.message);
    if (step.alreadyInPlace)
        json.insert(QStringLiteral("already_in_place"), true);
    return json;
}

} // namespace migconsole
