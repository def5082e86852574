#pragma once

#include "db/DbConnection.h"
#include "fix/FixPlanner.h"

#include <QHash>

namespace migconsole {

/// FixFacts answered by the database itself: row counts (exact below a million rows by
/// the planner's statistics, the statistics' estimate above), the exact number of values
/// a type change would refuse, and SQLite trigger texts. Every query only reads, so it
/// works on a read-only session (`default_transaction_read_only`). Use on the
/// connection's own thread.
class LiveFixFacts : public FixFacts
{
public:
    explicit LiveFixFacts(DbConnection &connection) : m_connection(connection) {}

    std::optional<qint64> rowCount(const QString &schema, const QString &table) override;
    /// PostgreSQL: values the ALTER … TYPE … USING cast would reject (pg_input_is_valid
    /// on PostgreSQL 16+ for text sources; otherwise every value is cast in a DO block,
    /// one savepoint per failing row, and the count handed back through a session
    /// setting). A varchar(n)/char(n) target counts values longer than n. SQLite: text
    /// values that are no well-formed number when the target has numeric affinity (they
    /// would stay text).
    std::optional<qint64> unconvertibleRows(const QString &schema, const QString &table,
                                            const QString &column,
                                            const QString &targetType) override;
    std::optional<QStringList> tableTriggers(const QString &schema, const QString &table) override;
    std::optional<QString> tableDefinition(const QString &schema, const QString &table) override;

private:
    std::optional<qint64> scalar(const QString &sql);
    std::optional<qint64> postgresUnconvertible(const QString &schema, const QString &table,
                                                const QString &column, const QString &targetType);
    std::optional<qint64> sqliteUnconvertible(const QString &table, const QString &column,
                                              const QString &targetType);

    DbConnection &m_connection;
    QHash<QString, qint64> m_rowCounts;
};

} // namespace migconsole
