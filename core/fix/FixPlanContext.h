#pragma once

// What the per-dialect planners (PostgresFixSql.cpp, SqliteFixSql.cpp) share with
// FixPlanner.cpp: the inputs, the statements collected per phase, and object look-ups
// that turn a finding back into the schema object it is about. Internal to core/fix.

#include "fix/FixPlan.h"
#include "fix/FixPlanner.h"

#include <QMap>
#include <QSet>

namespace migconsole::fixplan {

/// Where a statement goes: phases run in this order so that whatever a statement needs
/// exists by then (types before the columns that use them, tables before the foreign keys
/// that reference them, foreign keys dropped before the columns they pin change type).
enum class Phase
{
    Types,
    DropDependentKeys,
    ChangeTypes,
    CreateTables,
    AddColumns,
    Rebuilds,
    Defaults,
    Nullability,
    PrimaryKeys,
    Uniques,
    Checks,
    Indexes,
    ForeignKeys,
    DropForeignKeys,
    DropIndexes,
    DropColumns,
    DropTables,
};

struct PlanContext
{
    const Schema &expected;
    const Schema &actual;
    const FixOptions &options;
    FixFacts *facts = nullptr;
    QMap<Phase, QList<FixStatement>> phases;
    QList<UnfixedFinding> unfixed;
    /// "schema.table" of the tables this plan creates: empty, nothing to count or scan.
    QSet<QString> newTables;

    void add(Phase phase, FixStatement statement) { phases[phase].append(std::move(statement)); }
    void leave(const Finding &finding, const QString &reason) { unfixed.append({finding, reason}); }

    const Namespace *expectedNamespace(const QString &schema) const;
    const Namespace *actualNamespace(const QString &schema) const;
    const Table *expectedTable(const Finding &finding) const;
    const Table *actualTable(const Finding &finding) const;

    std::optional<qint64> rowCount(const QString &schema, const QString &table) const;
};

/// A RepairDrift statement for `finding`.
FixStatement statementFor(const Finding &finding, const QString &sql, const QString &summary);

/// "schema.table" / "schema.table.object" for summaries.
QString objectPath(const QString &schema, const QString &table, const QString &object = {});
QString rowsText(qint64 rows); ///< "1 row", "1,204 rows"
/// "scans 1,204 rows" style note, or how the count is unknown.
QString rowsNote(const PlanContext &context, const QString &schema, const QString &table,
                 const QString &what);

/// The key with its target schema and columns filled in as the database means them
/// (same rule as SchemaDiff): schema defaults to the owner's, columns to the target's PK.
ForeignKey resolvedForeignKey(const Schema &side, const QString &ownerSchema, const ForeignKey &fk);

/// The expected (or, for extras, actual) object a finding is about: by name, or for an
/// unnamed constraint by the definition text the finding carries.
const UniqueConstraint *findUnique(const Table &table, const Finding &finding);
const CheckConstraint *findCheck(const Table &table, const Finding &finding);
std::optional<ForeignKey> findForeignKey(const Schema &side, const Table &table,
                                         const Finding &finding, const QString &text);

/// Whether changing `from` → `to` would silently round or truncate values (PostgreSQL
/// casts that succeed but lose information); empty when it would not.
QString lossyConversionReason(const QString &from, const QString &to);

void planPostgres(PlanContext &context, const QList<Finding> &findings);
/// extra_table / extra_column / extra_index / extra_foreign_key → DROP … IF EXISTS.
void planPostgresDrop(PlanContext &context, const Finding &finding, const Table &actualTable);
void planSqlite(PlanContext &context, const QList<Finding> &findings);

} // namespace migconsole::fixplan
