#pragma once

#include "db/DbConnection.h"
#include "fix/FixPlan.h"
#include "fix/FixSqlText.h" // statementsFromSqlText: the editable text → statements
#include "util/Expected.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace migconsole {

enum class ExecuteMode {
    DryRun, ///< everything in one transaction, then rolled back
    Apply,  ///< one transaction, committed only when every statement succeeded
};

struct ExecuteOptions
{
    int lockTimeoutMs = 5000;         ///< PG `lock_timeout` (issue 5: default 5 s)
    int statementTimeoutMs = 300000;  ///< PG `statement_timeout` (default 5 min)
    /// How long to wait for another console's apply lock before refusing (0 = refuse at once).
    int applyLockWaitMs = 0;
};

enum class StatementOutcome {
    NotRun,     ///< an earlier statement failed, or dry-run skips it (outside the transaction)
    Succeeded,  ///< ran; committed with the rest (apply) or rolled back (dry-run)
    Failed,
    RolledBack, ///< ran, then undone because a later statement failed
};

QString statementOutcomeName(StatementOutcome outcome); ///< "not_run", "succeeded", …

struct StatementResult
{
    StatementOutcome outcome = StatementOutcome::NotRun;
    QString error;      ///< the database's message for a failed statement (passwords masked)
    QString note;       ///< e.g. "runs outside a transaction: not executed in a dry-run"
    qint64 elapsedMs = 0;
};

struct ExecutionResult
{
    ExecuteMode mode = ExecuteMode::DryRun;
    bool committed = false;           ///< apply only: the transaction was committed
    QList<StatementResult> results;   ///< one per statement, same order
    std::optional<int> failedIndex;   ///< the statement that failed
    QString error;                    ///< readable sentence for the failure (if any)

    bool succeeded() const { return !failedIndex && error.isEmpty(); }
};

/// Called before statement `index` of `count` runs (on the executing thread).
using ExecuteProgress = std::function<void(int index, int count)>;

/// Runs `statements` on `connection` (REFERENCE.md §5.2): the in-transaction ones in one
/// transaction with lock_timeout / statement_timeout set locally, under a session advisory
/// lock (PG) or BEGIN IMMEDIATE (SQLite) so two consoles never apply to one database at once
/// — the second is refused with who holds it. On any error everything is rolled back.
/// Statements with inTransaction=false run after the commit (apply) or are skipped (dry-run).
/// Every statement and outcome goes to the audit log. Connect/Query errors only for failures
/// outside the statements (lock refused, connection lost before BEGIN); a failing statement
/// is reported in the result.
Expected<ExecutionResult> executeStatements(DbConnection &connection,
                                            const QList<FixStatement> &statements,
                                            ExecuteMode mode, const ExecuteOptions &options = {},
                                            const ExecuteProgress &progress = {});

} // namespace migconsole
