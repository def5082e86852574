#pragma once

#include "db/DbConnection.h"
#include "drift/DriftCheck.h"
#include "fix/Executor.h"
#include "fix/FixCheck.h"
#include "fix/Stamp.h"
#include "history/MigrationHistory.h"
#include "schema/Schema.h"
#include "util/Error.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>

namespace migconsole {

/// Does all database work of one window off the GUI thread. Lives in a QThread of its own
/// and keeps one DbConnection there (Qt connections belong to the thread that opened them).
///
/// The request methods (open, introspect, loadHistory, writeDemo, close, requestCancel) may be
/// called from any thread: they only queue the job, which then runs on the worker's thread in
/// order.
/// Results come back as signals; connect to them with queued (or auto) connections.
///
/// Shutdown: call requestCancel(), then quit() and wait() the thread; destroy the worker on
/// its own thread (connect QThread::finished to deleteLater), which closes the connection.
class DatabaseWorker : public QObject
{
    Q_OBJECT
public:
    explicit DatabaseWorker(QObject *parent = nullptr);
    ~DatabaseWorker() override;

    /// Connects with `settings`. On success the new connection replaces the kept one and
    /// opened() is emitted; on failure the previous connection (if any) stays usable.
    void open(const ConnectionSettings &settings);
    /// Reads the kept connection's schema (only `namespaces`, or all user schemas).
    void introspect(const QStringList &namespaces = {});
    /// Reads the Alembic project at `migrationsPath` (empty: none) and, when connected, the
    /// database's version table; emits historyReady or historyFailed.
    void loadHistory(const QString &migrationsPath, const VersionTableOptions &options = {});
    /// Compares the kept connection's schema with the expected one `request` describes
    /// (runDriftCheck); emits driftReady or driftFailed.
    void checkDrift(const migconsole::DriftRequest &request);
    /// Runs the drift check and plans its repair (core's prepareFix); emits fixPrepared or
    /// fixFailed.
    void prepareFix(const migconsole::FixRequest &request);
    /// Runs `statements` on the kept connection (executeStatements): executeProgress before
    /// each one, then executed (a failing statement is part of the result) or executeFailed
    /// (nothing ran: not connected, the apply lock is held elsewhere, …).
    void executeSql(const QList<migconsole::FixStatement> &statements, migconsole::ExecuteMode mode,
                    const migconsole::ExecuteOptions &options = {});
    /// Plans Alembic's `stamp` of `request` on the kept connection's version table (the
    /// migrations at `migrationsPath`, the version table `options` or the project names);
    /// emits stampPlanned or stampFailed. Nothing is written: run the statements with
    /// executeSql.
    void planStamp(const QString &migrationsPath, const VersionTableOptions &options,
                   const migconsole::StampRequest &request);
    /// Writes a fresh demo database into `directory` (see DemoDatabase.h); emits demoWritten.
    void writeDemo(const QString &directory);
    /// Drops the kept connection.
    void close();

    /// Cancels the running job and every job queued before this call. Thread-safe.
    void requestCancel();

signals:
    /// A connection is open: its URL with the password masked, and without any password.
    void opened(const QString &displayUrl, const QString &storableUrl);
    void schemaReady(const migconsole::Schema &schema);
    void historyReady(const migconsole::MigrationHistory &history);
    /// Reading the migrations or the version table failed. Separate from failed(): the
    /// connection and the schema are fine.
    void historyFailed(const migconsole::Error &error);
    void driftReady(const migconsole::DriftReport &report);
    /// The drift check could not run (bad request, database error). Separate from failed():
    /// the connection and the schema are fine.
    void driftFailed(const migconsole::Error &error);
    void fixPrepared(const migconsole::FixPreparation &preparation);
    void fixFailed(const migconsole::Error &error);
    /// Statement `index` (0-based) of `count` is about to run.
    void executeProgress(int index, int count);
    void executed(const migconsole::ExecutionResult &result);
    void executeFailed(const migconsole::Error &error);
    /// The statements that stamp `request` (the exact SQL the confirmation shows).
    void stampPlanned(const migconsole::StampRequest &request,
                      const QList<migconsole::FixStatement> &statements);
    void stampFailed(const migconsole::Error &error);
    /// A demo written by writeDemo(): its SQLite URL and its Alembic project folder.
    void demoWritten(const QString &url, const QString &migrationsPath);
    void failed(const migconsole::Error &error);
    /// True while a job runs on the worker thread.
    void busyChanged(bool busy);

private:
    /// Queues `job` on the worker's thread with the cancellation bookkeeping around it.
    template <typename Job> void submit(Job job);
    /// Called on the worker thread at the start of job `ticket`: false if already cancelled.
    bool begin(quint64 ticket);
    void end();
    /// The kept connection for a job, opened again first when an earlier job found its
    /// session gone (server restarted, backend terminated): Refresh then simply works. Null,
    /// with `error` set, when not connected or reconnecting failed.
    DbConnection *liveConnection(Error *error);
    /// `error` of a job that ran on the kept connection, told as a lost connection (naming
    /// the database) when its session is gone; the next job then reconnects.
    Error explained(const Error &error, const QString &during);

    std::unique_ptr<DbConnection> m_connection; // worker thread only
    bool m_connectionLost = false;              // worker thread only: reopen before the next job
    std::atomic<bool> m_cancel{false};          // read by the introspector between queries
    std::atomic<quint64> m_lastSubmitted{0};
    std::atomic<quint64> m_cancelledUpTo{0};
};

} // namespace migconsole
