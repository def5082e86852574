#include "db/DatabaseWorker.h"

#include "db/ConnectionLoss.h"
#include "db/Introspector.h"
#include "demo/DemoDatabase.h"

#include <QElapsedTimer>
#include <QThread>
#include <spdlog/spdlog.h>

namespace migconsole {

DatabaseWorker::DatabaseWorker(QObject *parent) : QObject(parent)
{
    // Queued signals copy their arguments: the types must be known to the meta-type system.
    qRegisterMetaType<migconsole::Schema>();
    qRegisterMetaType<migconsole::Error>();
    qRegisterMetaType<migconsole::MigrationHistory>();
    qRegisterMetaType<migconsole::DriftReport>();
    qRegisterMetaType<migconsole::FixPreparation>();
    qRegisterMetaType<migconsole::ExecutionResult>();
    qRegisterMetaType<migconsole::StampRequest>();
    qRegisterMetaType<QList<migconsole::FixStatement>>();
}

DatabaseWorker::~DatabaseWorker()
{
    if (m_connection && QThread::currentThread() != thread())
        spdlog::warn("database worker destroyed outside its thread; closing its connection "
                     "from the wrong thread");
    m_connection.reset();
}

namespace {

Error notConnected()
{
    return Error{ErrorCode::Connect, QStringLiteral("Not connected to a database: connect first"),
                 {}};
}

} // namespace

DbConnection *DatabaseWorker::liveConnection(Error *error)
{
    if (!m_connection) {
        *error = notConnected();
        return nullptr;
    }
    if (!m_connectionLost)
        return m_connection.get();
    spdlog::info("reconnecting to {}", m_connection->displayUrl().toStdString());
    auto reopened = DbConnection::open(m_connection->settings());
    if (!reopened) {
        *error = reopened.error(); // names the database; the old session stays marked lost
        return nullptr;
    }
    m_connection = std::move(reopened).value();
    m_connectionLost = false;
    spdlog::info("reconnected to {}", m_connection->displayUrl().toStdString());
    return m_connection.get();
}

Error DatabaseWorker::explained(const Error &error, const QString &during)
{
    if (!m_connection || error.code == ErrorCode::Cancelled || !connectionLost(*m_connection))
        return error;
    m_connectionLost = true;
    return connectionLostError(m_connection->displayUrl(), during, error);
}

template <typename Job> void DatabaseWorker::submit(Job job)
{
    const quint64 ticket = ++m_lastSubmitted;
    // `this` as context: the job runs on the worker's thread, and is dropped with the worker.
    QMetaObject::invokeMethod(
        this,
        [this, ticket, job = std::move(job)]() mutable {
            if (!begin(ticket))
                return;
            job();
            end();
        },
        Qt::QueuedConnection);
}

bool DatabaseWorker::begin(quint64 ticket)
{
    // Reset first, then look at the cancel mark: a requestCancel() racing with us either
    // moved the mark past our ticket already (seen below) or sets the flag after the reset.
    m_cancel.store(false);
    if (ticket <= m_cancelledUpTo.load()) {
        m_cancel.store(true);
        return false; // cancelled while still queued: nobody waits for a result
    }
    emit busyChanged(true);
    return true;
}

void DatabaseWorker::end()
{
    emit busyChanged(false);
}

void DatabaseWorker::requestCancel()
{
    m_cancelledUpTo.store(m_lastSubmitted.load());
    m_cancel.store(true);
}

void DatabaseWorker::open(const ConnectionSettings &settings)
{
    submit([this, settings] {
        auto connection = DbConnection::open(settings);
        if (!connection) {
            spdlog::warn("{}", connection.error().toString().toStdString());
            emit failed(connection.error());
            return;
        }
        // A connect attempt cannot be interrupted, but its result can still be dropped.
        if (m_cancel.load()) {
            emit failed(
                Error{ErrorCode::Cancelled, QStringLiteral("Connecting was cancelled"), {}});
            return;
        }
        m_connection = std::move(connection).value();
        m_connectionLost = false;
        emit opened(m_connection->displayUrl(), m_connection->url().toStorableString());
    });
}

void DatabaseWorker::introspect(const QStringList &namespaces)
{
    submit([this, namespaces] {
        Error notOpen;
        if (!liveConnection(&notOpen)) {
            emit failed(notOpen);
            return;
        }
        IntrospectOptions options;
        options.namespaces = namespaces;
        options.cancel = &m_cancel;
        options.sideConnection = true; // the worker runs one job at a time: no transaction open
        QElapsedTimer timer;
        timer.start();
        auto schema = migconsole::introspect(*m_connection, options);
        if (!schema) {
            const Error error = explained(schema.error(), QStringLiteral("reading its schema"));
            if (error.code != ErrorCode::Cancelled)
                spdlog::warn("{}", error.toString().toStdString());
            emit failed(error);
            return;
        }
        spdlog::info("read the schema of {}: {} tables in {} ms",
                     m_connection->displayUrl().toStdString(), schema->tableCount(),
                     timer.elapsed());
        emit schemaReady(*schema);
    });
}

void DatabaseWorker::loadHistory(const QString &migrationsPath, const VersionTableOptions &options)
{
    submit([this, migrationsPath, options] {
        // No connection is fine: the scripts' graph alone, every revision pending.
        Error notOpen;
        if (m_connection && !liveConnection(&notOpen)) {
            emit historyFailed(notOpen);
            return;
        }
        auto history = loadMigrationHistory(m_connection.get(), migrationsPath, options);
        if (!history) {
            const Error error = explained(history.error(), QStringLiteral("reading its version table"));
            spdlog::warn("{}", error.toString().toStdString());
            emit historyFailed(error);
            return;
        }
        emit historyReady(*history);
    });
}

void DatabaseWorker::checkDrift(const DriftRequest &request)
{
    submit([this, request] {
        Error notOpen;
        if (!liveConnection(&notOpen)) {
            emit driftFailed(notOpen);
            return;
        }
        QElapsedTimer timer;
        timer.start();
        auto report = runDriftCheck(*m_connection, request);
        if (!report) {
            const Error error = explained(report.error(), QStringLiteral("checking it for drift"));
            spdlog::warn("{}", error.toString().toStdString());
            emit driftFailed(error);
            return;
        }
        spdlog::info("drift check of {} against {}: {} findings, {} pending steps in {} ms",
                     report->database.toStdString(), report->sourceDisplay.toStdString(),
                     report->drift.size(), report->steps.size(), timer.elapsed());
        emit driftReady(*report);
    });
}

void DatabaseWorker::prepareFix(const FixRequest &request)
{
    submit([this, request] {
        Error notOpen;
        if (!liveConnection(&notOpen)) {
            emit fixFailed(notOpen);
            return;
        }
        QElapsedTimer timer;
        timer.start();
        auto preparation = migconsole::prepareFix(*m_connection, request);
        if (!preparation) {
            const Error error = explained(preparation.error(), QStringLiteral("planning the fix"));
            spdlog::warn("{}", error.toString().toStdString());
            emit fixFailed(error);
            return;
        }
        spdlog::info("fix plan for {}: {} statements, {} findings left unfixed in {} ms",
                     m_connection->displayUrl().toStdString(),
                     preparation->plan.statements.size(), preparation->plan.unfixed.size(),
                     timer.elapsed());
        emit fixPrepared(*preparation);
    });
}

void DatabaseWorker::executeSql(const QList<FixStatement> &statements, ExecuteMode mode,
                                const ExecuteOptions &options)
{
    submit([this, statements, mode, options] {
        Error notOpen;
        if (!liveConnection(&notOpen)) {
            emit executeFailed(notOpen);
            return;
        }
        // Called on this thread between statements; the queued signal moves it to the GUI.
        const ExecuteProgress progress = [this](int index, int count) {
            emit executeProgress(index, count);
        };
        auto result = executeStatements(*m_connection, statements, mode, options, progress);
        if (!result) {
            const Error error = explained(result.error(), QStringLiteral("preparing to run the statements"));
            spdlog::warn("{}", error.toString().toStdString());
            emit executeFailed(error);
            return;
        }
        // The Executor already told the operator; the next job must reconnect.
        if (!result->succeeded() && connectionLost(*m_connection))
            m_connectionLost = true;
        emit executed(*result);
    });
}

void DatabaseWorker::planStamp(const QString &migrationsPath, const VersionTableOptions &options,
                               const StampRequest &request)
{
    submit([this, migrationsPath, options, request] {
        Error notOpen;
        if (!liveConnection(&notOpen)) {
            emit stampFailed(notOpen);
            return;
        }
        RevisionGraph graph;
        const auto history = loadMigrationHistory(m_connection.get(), migrationsPath, options, &graph);
        if (!history) {
            emit stampFailed(history.error());
            return;
        }
        // The rows as stored (the history resolves them to revisions): stamp replaces rows.
        const VersionTableOptions &resolved = history->versionTableResolved;
        const auto rows = readAlembicVersions(*m_connection, resolved.table, resolved.schema);
        if (!rows) {
            emit stampFailed(rows.error());
            return;
        }
        VersionTableLocation location;
        location.dialect = m_connection->dialect();
        location.schema = resolved.schema;
        location.table = resolved.table;
        auto statements = planAlembicStamp(graph, *rows, request, location);
        if (!statements) {
            spdlog::warn("{}", statements.error().toString().toStdString());
            emit stampFailed(statements.error());
            return;
        }
        emit stampPlanned(request, *statements);
    });
}

void DatabaseWorker::writeDemo(const QString &directory)
{
    submit([this, directory] {
        const auto demo = migconsole::writeDemo(directory);
        if (!demo) {
            spdlog::warn("{}", demo.error().toString().toStdString());
            emit failed(demo.error());
            return;
        }
        emit demoWritten(demo->url(), demo->migrationsPath);
    });
}

void DatabaseWorker::close()
{
    submit([this] { m_connection.reset(); });
}

} // namespace migconsole
