#pragma once

#include "drift/Finding.h"
#include "fix/FixPlan.h"
#include "schema/Schema.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace migconsole {

struct FixOptions
{
    bool includeDrops = false;      ///< extra_* findings become DROP statements (destructive)
    bool concurrentIndexes = false; ///< PG: CREATE INDEX CONCURRENTLY, outside the transaction
    bool completeRevisions = true;  ///< `fix` completes half-applied pending revisions
};

/// Facts about the live data the planner's hazard notes need. Answers come from the
/// database (LiveFixFacts); nullopt = could not tell (the note then says so).
class FixFacts
{
public:
    virtual ~FixFacts() = default;
    virtual std::optional<qint64> rowCount(const QString &schema, const QString &table) = 0;
    /// Non-null values of `column` that would not convert to `targetType` (canonical).
    virtual std::optional<qint64> unconvertibleRows(const QString &schema, const QString &table,
                                                    const QString &column,
                                                    const QString &targetType) = 0;
    /// SQLite: the CREATE TRIGGER texts of the triggers on `table`, which a table rebuild
    /// drops and must recreate. nullopt = could not tell (the plan then warns).
    virtual std::optional<QStringList> tableTriggers(const QString &schema, const QString &table)
    {
        Q_UNUSED(schema)
        Q_UNUSED(table)
        return std::nullopt;
    }
    /// SQLite: the table's own CREATE TABLE text, for what a Schema has no place for
    /// (AUTOINCREMENT, WITHOUT ROWID, STRICT, COLLATE) and a rebuild would lose.
    /// nullopt = could not tell (the plan then warns).
    virtual std::optional<QString> tableDefinition(const QString &schema, const QString &table)
    {
        Q_UNUSED(schema)
        Q_UNUSED(table)
        return std::nullopt;
    }
};

/// Turns findings (expected vs actual) into idempotent statements for the schema's
/// dialect (REFERENCE.md §5). Findings it cannot repair safely land in `unfixed` with a
/// reason. `facts` may be null (no database: hazard notes without counts).
FixPlan planFixes(const Schema &expected, const Schema &actual, const QList<Finding> &findings,
                  const FixOptions &options, FixFacts *facts);

} // namespace migconsole
