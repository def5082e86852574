#pragma once

#include "db/DbConnection.h"
#include "util/Expected.h"

#include <memory>

namespace migconsole {

/// Makes sure two consoles never write to one database at once (issue 5). PostgreSQL: a
/// session advisory lock on a key of our own, held from before BEGIN until after the last
/// statement; the second console is told who holds it (user, application, client, since
/// when) from pg_locks / pg_stat_activity. SQLite: nothing here — BEGIN IMMEDIATE takes the
/// database's write lock. Released when the object is destroyed.
class ExecutionLock
{
public:
    /// Waits up to `waitMs` (0 = one try) for the lock; a Query error names the holder.
    static Expected<std::shared_ptr<ExecutionLock>> acquire(DbConnection &connection, int waitMs);
    ~ExecutionLock();

    ExecutionLock(const ExecutionLock &) = delete;
    ExecutionLock &operator=(const ExecutionLock &) = delete;

    /// The advisory lock key ("migcons" in ASCII): visible in pg_locks as classid/objid.
    static constexpr qint64 kAdvisoryKey = 0x6d6967636f6e73;

private:
    explicit ExecutionLock(DbConnection *connection) : m_connection(connection) {}
    DbConnection *m_connection; ///< null when there is nothing to release (SQLite)
};

} // namespace migconsole
