#include "fix/Executor.h"

#include "db/ConnectionLoss.h"
#include "fix/AuditLog.h"
#include "fix/ExecutionLock.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

#include <spdlog/spdlog.h>

namespace migconsole {

QString statementOutcomeName(StatementOutcome outcome)
{
    switch (outcome) {
    case StatementOutcome::NotRun:
        return QStringLiteral("not_run");
    case StatementOutcome::Succeeded:
        return QStringLiteral("succeeded");
    case StatementOutcome::Failed:
        return QStringLiteral("failed");
    case StatementOutcome::RolledBack:
        return QStringLiteral("rolled_back");
    }
    return {};
}

namespace {

QString modeName(ExecuteMode mode)
{
    return mode == ExecuteMode::Apply ? QStringLiteral("apply") : QStringLiteral("dry-run");
}

/// SQLSTATEs the operator needs told in words rather than as the server's one-liner.
const QString kLockNotAvailable = QStringLiteral("55P03"); // lock_timeout fired
const QString kQueryCanceled = QStringLiteral("57014");    // statement_timeout fired (or a cancel)

/// Why statement `number` failed, in words, for the failures with a known remedy; empty for
/// the others (the server's message is then the explanation).
QString failureReason(const QString &sqlState, const ExecuteOptions &options)
{
    if (sqlState == kLockNotAvailable)
        return QStringLiteral("it waited longer than the lock timeout (%1 ms) for a lock that "
                              "another session holds on a table it changes — a long transaction "
                              "or query is using that table. Apply again when it has finished, "
                              "or allow a longer wait (--lock-timeout)")
            .arg(options.lockTimeoutMs);
    if (sqlState == kQueryCanceled)
        return QStringLiteral("it ran longer than the statement timeout (%1 ms), or was "
                              "cancelled (--statement-timeout)")
            .arg(options.statementTimeoutMs);
    return {};
}

/// One run of a statement list: the transaction, the results and the audit trail.
class Run
{
public:
    Run(DbConnection &connection, const QList<FixStatement> &statements, ExecuteMode mode,
        const ExecuteOptions &options, const ExecuteProgress &progress)
        : m_connection(connection), m_statements(statements), m_mode(mode), m_options(options),
          m_progress(progress)
    {
        m_result.mode = mode;
        m_result.results.resize(statements.size());
    }

    Expected<ExecutionResult> execute()
    {
        if (!audit(QStringLiteral("%1 begin").arg(modeName(m_mode)),
                   QStringLiteral("%1 statement(s)").arg(m_statements.size())) &&
            m_mode == ExecuteMode::Apply) {
            // A write that cannot be audited must not happen: refused before anything ran.
            return Error{ErrorCode::BadInput,
                         QStringLiteral("The audit log cannot be written, so nothing was applied to %1 "
                                        "(every write must be recorded): %2. Free space there or "
                                        "point MIGCONSOLE_AUDIT_LOG at a writable file")
                             .arg(m_connection.displayUrl(), m_auditError),
                         {}};
        }
        const bool foreignKeysOff = std::any_of(m_statements.cbegin(), m_statements.cend(),
                                                [](const FixStatement &s) { return s.needsForeignKeysOff; });
        std::optional<bool> foreignKeysBefore;
        if (foreignKeysOff && m_connection.dialect() == Dialect::SQLite)
            foreignKeysBefore = switchSqliteForeignKeysOff(); // only outside a transaction

        if (!begin()) {
            // Nothing ran: like a refused lock, an error of the run, not of a statement.
            restoreSqliteForeignKeys(foreignKeysBefore);
            finish();
            return Error{ErrorCode::Query, m_result.error, {}};
        }
        bool ok = true;
        for (int i = 0; i < m_statements.size() && ok; ++i) {
            if (!m_statements.at(i).inTransaction)
                continue;
            ok = runStatement(i) && auditedSoFar();
        }
        if (ok && foreignKeysBefore && !sqliteForeignKeysConsistent())
            ok = false;
        if (!ok || m_mode == ExecuteMode::DryRun) {
            rollback(ok);
        } else if (!commit()) {
            ok = false;
        }
        if (!ok && m_lostConnection.isEmpty() && connectionLost(m_connection))
            reportLostConnection(QStringLiteral("the %1 ran").arg(modeName(m_mode)));
        restoreSqliteForeignKeys(foreignKeysBefore);
        if (ok)
            runOutsideTransaction();
        return finish();
    }

private:
    Dialect dialect() const { return m_connection.dialect(); }

    /// False when the record could not be written (the reason is kept in m_auditError).
    bool audit(const QString &event, const QString &detail = {})
    {
        QString error;
        if (auditRecord(m_connection.displayUrl(), event, detail, &error))
            return true;
        if (m_auditError.isEmpty())
            m_auditError = error;
        return false;
    }

    /// An apply goes on only while every record so far reached the audit log: a statement
    /// that could not be recorded is undone with the rest.
    bool auditedSoFar()
    {
        if (m_auditError.isEmpty() || m_mode != ExecuteMode::Apply)
            return true;
        failRun(QStringLiteral("The audit log stopped accepting records (%1): everything was rolled "
                               "back, nothing was applied")
                    .arg(m_auditError));
        return false;
    }

    bool sql(const QString &text, QString *error = nullptr, QString *sqlState = nullptr)
    {
        QSqlQuery query(m_connection.database());
        if (query.exec(text))
            return true;
        if (error)
            *error = DbConnection::queryError(query, {}).detail;
        if (sqlState)
            *sqlState = query.lastError().nativeErrorCode();
        return false;
    }

    /// The session is gone: the server rolled back whatever this run had open. Replaces the
    /// run's error by one that says so (the statement's own error stays in its result).
    void reportLostConnection(const QString &during)
    {
        const QString outcome =
            m_result.committed ? QStringLiteral("the transaction had been committed before")
                               : QStringLiteral("the server rolled back the open transaction, so "
                                                "nothing of it was applied");
        m_lostConnection = connectionLostError(m_connection.displayUrl(), during, Error{}).message +
                           QStringLiteral(" (%1)").arg(outcome);
        m_result.error = m_lostConnection;
        audit(QStringLiteral("error"), m_lostConnection);
    }

    void failRun(const QString &message)
    {
        if (m_result.error.isEmpty())
            m_result.error = message;
        audit(QStringLiteral("error"), message);
    }

    bool begin()
    {
        QString error;
        if (dialect() == Dialect::SQLite) {
            // IMMEDIATE takes the write lock now: a second writer waits (busy timeout) and is
            // then refused, instead of both running half their statements.
            if (!sql(QStringLiteral("BEGIN IMMEDIATE"), &error)) {
                failRun(error.contains(QLatin1String("locked"), Qt::CaseInsensitive)
                            ? QStringLiteral("Another session is writing to this SQLite database "
                                             "(it stayed locked); nothing was run: %1").arg(error)
                            : QStringLiteral("Cannot begin a transaction: %1").arg(error));
                return false;
            }
            return true;
        }
        if (!sql(QStringLiteral("BEGIN"), &error)) {
            failRun(QStringLiteral("Cannot begin a transaction: %1").arg(error));
            return false;
        }
        // SET LOCAL: the limits end with the transaction and never leak into the session.
        if (!sql(QStringLiteral("SET LOCAL lock_timeout = %1").arg(m_options.lockTimeoutMs), &error) ||
            !sql(QStringLiteral("SET LOCAL statement_timeout = %1").arg(m_options.statementTimeoutMs),
                 &error)) {
            sql(QStringLiteral("ROLLBACK"));
            failRun(QStringLiteral("Cannot set the lock and statement timeouts: %1").arg(error));
            return false;
        }
        return true;
    }

    /// Whether statement `index` should be skipped as already in place (its skip guard).
    std::optional<bool> alreadyInPlace(int index, QString *error)
    {
        const QString &guard = m_statements.at(index).skipIfSql;
        if (guard.isEmpty())
            return false;
        QSqlQuery query(m_connection.database());
        if (!query.exec(guard)) {
            *error = QStringLiteral("the skip guard failed: ") + DbConnection::queryError(query, {}).detail;
            return std::nullopt;
        }
        return query.next();
    }

    bool runStatement(int index)
    {
        if (m_progress)
            m_progress(index, int(m_statements.size()));
        StatementResult &result = m_result.results[index];
        const FixStatement &statement = m_statements.at(index);
        QElapsedTimer timer;
        timer.start();
        QString error;
        QString sqlState;
        const auto skip = alreadyInPlace(index, &error);
        bool ok = skip.has_value();
        if (skip && *skip) {
            result.note = QStringLiteral("already in place: skipped");
        } else if (skip) {
            ok = sql(statement.sql, &error, &sqlState);
        }
        result.elapsedMs = timer.elapsed();
        result.outcome = ok ? StatementOutcome::Succeeded : StatementOutcome::Failed;
        if (!ok) {
            result.error = error;
            m_result.failedIndex = index;
            const QString reason = failureReason(sqlState, m_options);
            m_result.error = QStringLiteral("Statement %1 (%2) failed: %3")
                                 .arg(index + 1)
                                 .arg(statement.summary.isEmpty() ? statement.sql.left(80) : statement.summary,
                                      reason.isEmpty() ? error : reason); // the raw text stays in result.error
        }
        audit(QStringLiteral("statement %1").arg(ok ? (result.note.isEmpty() ? QStringLiteral("ok")
                                                                              : QStringLiteral("skipped"))
                                                     : QStringLiteral("failed")),
              statement.sql + (ok ? QString() : QStringLiteral("\n-- error: ") + error));
        return ok;
    }

    /// Undoes the transaction. `allSucceeded` = a dry-run's normal end, not a failure.
    void rollback(bool allSucceeded)
    {
        QString error;
        if (!sql(QStringLiteral("ROLLBACK"), &error)) {
            // A dead connection rolled back on the server already; say so rather than fail.
            spdlog::warn("rollback reported: {}", error.toStdString());
        }
        for (StatementResult &result : m_result.results) {
            if (result.outcome == StatementOutcome::Succeeded) {
                result.outcome = allSucceeded ? StatementOutcome::Succeeded : StatementOutcome::RolledBack;
                if (allSucceeded)
                    result.note = result.note.isEmpty() ? QStringLiteral("rolled back (dry-run)")
                                                        : result.note + QStringLiteral("; rolled back (dry-run)");
            }
        }
        audit(QStringLiteral("rollback"), allSucceeded ? QStringLiteral("dry-run") : m_result.error);
    }

    bool commit()
    {
        QString error;
        if (!sql(QStringLiteral("COMMIT"), &error)) {
            if (connectionLost(m_connection)) {
                // The COMMIT may have reached the server before the session went: unknowable here.
                failRun(connectionLostError(m_connection.displayUrl(), QStringLiteral("committing"), Error{})
                            .message +
                        QStringLiteral(" (whether the server committed before the session ended is "
                                       "unknown: run a check before applying again)"));
                m_lostConnection = m_result.error;
                return false;
            }
            failRun(QStringLiteral("The commit failed; nothing was applied: %1").arg(error));
            for (StatementResult &result : m_result.results) {
                if (result.outcome == StatementOutcome::Succeeded)
                    result.outcome = StatementOutcome::RolledBack;
            }
            return false;
        }
        m_result.committed = true;
        audit(QStringLiteral("commit"));
        return true;
    }

    /// CREATE INDEX CONCURRENTLY & co. cannot run in a transaction block: after the commit
    /// in apply, one at a time; a dry-run cannot try them without building the index.
    void runOutsideTransaction()
    {
        for (int i = 0; i < m_statements.size(); ++i) {
            if (m_statements.at(i).inTransaction)
                continue;
            if (m_mode == ExecuteMode::DryRun) {
                m_result.results[i].note =
                    QStringLiteral("runs outside a transaction: not executed in a dry-run");
                continue;
            }
            if (dialect() == Dialect::PostgreSQL)
                sql(QStringLiteral("SET statement_timeout = %1").arg(m_options.statementTimeoutMs));
            const bool ok = runStatement(i);
            if (dialect() == Dialect::PostgreSQL)
                sql(QStringLiteral("RESET statement_timeout"));
            if (!ok) {
                m_result.error += QStringLiteral(
                    " (the transaction before it was committed; a failed CREATE INDEX "
                    "CONCURRENTLY leaves an INVALID index to drop before running it again)");
                break;
            }
        }
    }

    std::optional<bool> switchSqliteForeignKeysOff()
    {
        QSqlQuery query(m_connection.database());
        if (!query.exec(QStringLiteral("PRAGMA foreign_keys")) || !query.next())
            return std::nullopt;
        const bool before = query.value(0).toInt() != 0;
        sql(QStringLiteral("PRAGMA foreign_keys = OFF"));
        return before;
    }

    void restoreSqliteForeignKeys(const std::optional<bool> &before)
    {
        if (before && *before)
            sql(QStringLiteral("PRAGMA foreign_keys = ON"));
    }

    /// After a rebuild with foreign keys off, the references must still hold (§5.4).
    bool sqliteForeignKeysConsistent()
    {
        QSqlQuery query(m_connection.database());
        if (!query.exec(QStringLiteral("PRAGMA foreign_key_check")))
            return true;
        if (!query.next())
            return true;
        failRun(QStringLiteral("After the table rebuild, rows of %1 reference missing rows of %2: "
                               "nothing was applied")
                    .arg(query.value(0).toString(), query.value(2).toString()));
        return false;
    }

    ExecutionResult finish()
    {
        if (m_result.failedIndex) {
            for (int i = *m_result.failedIndex + 1; i < m_result.results.size(); ++i) {
                if (m_result.results[i].outcome == StatementOutcome::NotRun && m_result.results[i].note.isEmpty())
                    m_result.results[i].note = QStringLiteral("not run: an earlier statement failed");
            }
        }
        audit(QStringLiteral("%1 end").arg(modeName(m_mode)),
              m_result.succeeded() ? (m_result.committed ? QStringLiteral("committed")
                                                         : QStringLiteral("rolled back"))
                                   : QStringLiteral("failed: ") + m_result.error);
        return m_result;
    }

    DbConnection &m_connection;
    const QList<FixStatement> &m_statements;
    ExecuteMode m_mode;
    ExecuteOptions m_options;
    ExecuteProgress m_progress;
    ExecutionResult m_result;
    QString m_auditError;     ///< the first record that could not be written, why
    QString m_lostConnection; ///< set once the session was found gone
};

} // namespace

Expected<ExecutionResult> executeStatements(DbConnection &connection, const QList<FixStatement> &statements,
                                            ExecuteMode mode, const ExecuteOptions &options,
                                            const ExecuteProgress &progress)
{
    if (connection.isReadOnly())
        return Error{ErrorCode::BadInput,
                     QStringLiteral("%1 is open read-only: %2 refused (a dry-run also executes the "
                                    "statements and takes their locks before rolling back)")
                         .arg(connection.displayUrl(), modeName(mode)),
                     {}};
    if (statements.isEmpty()) {
        ExecutionResult nothing;
        nothing.mode = mode;
        return nothing;
    }
    auto lock = ExecutionLock::acquire(connection, options.applyLockWaitMs);
    if (!lock)
        return explainConnectionLoss(connection, QStringLiteral("taking the apply lock (nothing was run)"),
                                     lock.error());
    return Run(connection, statements, mode, options, progress).execute();
}

} // namespace migconsole
