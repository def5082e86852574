// PostgreSQL drops for extra_* findings (only with include drops): DROP … IF EXISTS,
// marked destructive, never CASCADE — what depends on the object makes the drop fail
// instead of vanishing with it.

#include "db/SqlQuoting.h"
#include "fix/FixPlanContext.h"

namespace migconsole::fixplan {

namespace {

constexpr Dialect kPg = Dialect::PostgreSQL;

} // namespace

void planPostgresDrop(PlanContext &context, const Finding &f, const Table &have)
{
    FixStatement s = statementFor(f, {}, {});
    s.destructive = true;
    s.lockLevel = QStringLiteral("ACCESS EXCLUSIVE");
    const QString table = qualifiedName(kPg, f.schema, f.table);
    Phase phase = Phase::DropTables;
    switch (f.kind) {
    case FindingKind::ExtraTable:
        s.sql = QStringLiteral("DROP TABLE IF EXISTS ") + table;
        s.summary = QStringLiteral("drop table ") + objectPath(f.schema, f.table);
        s.hazards.append(rowsNote(context, f.schema, f.table, QStringLiteral("deletes")) +
                         QStringLiteral("; fails if other objects depend on it (no CASCADE)"));
        break;
    case FindingKind::ExtraColumn:
        phase = Phase::DropColumns;
        s.sql = QStringLiteral("ALTER TABLE %1 DROP COLUMN IF EXISTS %2")
                    .arg(table, quoteIdentifier(kPg, f.object));
        s.summary = QStringLiteral("drop column ") + objectPath(f.schema, f.table, f.object);
        s.hazards.append(
            rowsNote(context, f.schema, f.table, QStringLiteral("loses the column's values in")));
        break;
    case FindingKind::ExtraIndex:
        phase = Phase::DropIndexes;
        s.inTransaction = !context.options.concurrentIndexes;
        s.sql = QStringLiteral("DROP INDEX %1IF EXISTS %2")
                    .arg(context.options.concurrentIndexes ? QStringLiteral("CONCURRENTLY ")
                                                           : QString(),
                         qualifiedName(kPg, f.schema, f.object));
        s.summary = QStringLiteral("drop index ") + objectPath(f.schema, f.table, f.object);
        break;
    default: {
        phase = Phase::DropForeignKeys;
        const auto fk = findForeignKey(context.actual, have, f, f.actual);
        if (!fk || fk->name.isEmpty())
            return context.leave(f, QStringLiteral("the foreign key has no name to drop it by"));
        s.sql = QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT IF EXISTS %2")
                    .arg(table, quoteIdentifier(kPg, fk->name));
        s.summary = QStringLiteral("drop foreign key ") + objectPath(f.schema, f.table, fk->name);
    }
    }
    context.add(phase, s);
}

} // namespace migconsole::fixplan
