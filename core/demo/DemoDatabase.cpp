#include "demo/DemoDatabase.h"

#include "ResourcePaths.h"
#include "db/DbConnection.h"
#include "util/SqlStatementSplitter.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QStandardPaths>

#include <spdlog/spdlog.h>

namespace migconsole {

namespace {

const QString kDatabaseFile = QStringLiteral("demo.db");
const QString kMigrationsFolder = QStringLiteral("migrations");
const QString kMigrationsResource = QStringLiteral(":/demo/migrations");

Error writeError(const QString &what) { return Error{ErrorCode::BadInput, what, {}}; }

/// Copies the bundled Alembic project (alembic.ini, env.py, versions/…) into `target`.
std::optional<Error> copyMigrations(const QString &target)
{
    QDirIterator it(kMigrationsResource, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString relative = source.mid(kMigrationsResource.size() + 1);
        const QString destination = QDir(target).filePath(relative);
        if (!QDir().mkpath(QFileInfo(destination).absolutePath()))
            return writeError(QStringLiteral("Cannot create folder %1")
                                  .arg(QFileInfo(destination).absolutePath()));
        QFile::remove(destination);
        if (!QFile::copy(source, destination))
            return writeError(QStringLiteral("Cannot write %1").arg(destination));
        // Files copied out of resources are read-only; the operator may want to edit them.
        QFile::setPermissions(destination, QFile::ReadOwner | QFile::WriteOwner |
                                               QFile::ReadGroup | QFile::ReadOther);
    }
    QDir().mkpath(QDir(target).filePath(QStringLiteral("versions")));
    return std::nullopt;
}

std::optional<Error> buildDatabase(const QString &path)
{
    QFile scriptFile(resources::demoSchemaScript());
    if (!scriptFile.open(QIODevice::ReadOnly))
        return Error{ErrorCode::Internal, QStringLiteral("The demo script is not compiled in"), {}};
    const QString script = QString::fromUtf8(scriptFile.readAll());

    ConnectionSettings settings;
    settings.url.dialect = Dialect::SQLite;
    settings.url.database = path;
    settings.createSqliteFile = true;
    auto connection = DbConnection::open(settings);
    if (!connection)
        return connection.error();
    QSqlDatabase db = (*connection)->database();
    // One transaction: a demo is either complete or absent.
    if (!db.transaction())
        return Error{ErrorCode::Query, QStringLiteral("Cannot start a transaction on %1").arg(path), {}};
    for (const SqlStatement &statement : splitSqlStatements(script)) {
        QSqlQuery query(db);
        if (!query.exec(statement.text)) {
            Error error = DbConnection::queryError(
                query, QStringLiteral("demo_schema.sql line %1 failed").arg(statement.line));
            db.rollback();
            return error;
        }
    }
    if (!db.commit())
        return Error{ErrorCode::Query, QStringLiteral("Cannot commit the demo database"), {}};
    return std::nullopt;
}

} // namespace

QString defaultDemoDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("demo"));
}

Expected<DemoLocation> writeDemo(const QString &directory)
{
    QDir dir(directory);
    if (!dir.mkpath(QStringLiteral(".")))
        return writeError(QStringLiteral("Cannot create the demo folder %1").arg(directory));
    DemoLocation location{dir.absoluteFilePath(kDatabaseFile), dir.absoluteFilePath(kMigrationsFolder)};

    // Fresh means fresh: the old file (and any journal) goes, so reruns give the same demo.
    for (const QString &suffix : {QString(), QStringLiteral("-journal"), QStringLiteral("-wal"),
                                  QStringLiteral("-shm")}) {
        const QString file = location.databasePath + suffix;
        if (QFileInfo::exists(file) && !QFile::remove(file))
            return writeError(QStringLiteral("Cannot replace %1").arg(file));
    }
    if (auto error = buildDatabase(location.databasePath)) {
        QFile::remove(location.databasePath);
        return *error;
    }
    if (auto error = copyMigrations(location.migrationsPath))
        return *error;
    spdlog::info("demo written to {}", dir.absolutePath().toStdString());
    return location;
}

} // namespace migconsole
