#include "fix/ToolStamp.h"

#include "db/SqlQuoting.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QUuid>

#include <array>

namespace migconsole {

namespace {

Error badInput(const QString &message)
{
    return Error{ErrorCode::BadInput, message, {}};
}

FixStatement stampStatement(const QString &sql, const QString &version, const QString &summary)
{
    FixStatement statement;
    statement.sql = sql;
    statement.purpose = FixPurpose::Stamp;
    statement.revision = version;
    statement.summary = summary;
    return statement;
}

Expected<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return badInput(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    return file.readAll();
}

/// Files under `root` (sub-folders too, as both tools scan them) whose name matches.
QList<QRegularExpressionMatch> matchingFiles(const QString &root, const QRegularExpression &pattern,
                                             QStringList *relativePaths)
{
    QList<QRegularExpressionMatch> out;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext())
        paths.append(it.next());
    paths.sort();
    for (const QString &path : std::as_const(paths)) {
        const auto match = pattern.match(QFileInfo(path).fileName());
        if (match.hasMatch()) {
            out.append(match);
            relativePaths->append(QDir(root).relativeFilePath(path));
        }
    }
    return out;
}

QStringList versionsOf(const ToolHistory &history)
{
    QStringList out;
    for (const ToolMigration &migration : history.migrations)
        out.append(migration.version);
    return out;
}

// ---- Flyway ------------------------------------------------------------------------------

/// Flyway compares versions part by part as numbers, so 1.01 = 1.1 and 1.0 = 1.
QString flywayVersionKey(const QString &version)
{
    QStringList parts = QString(version).replace(u'_', u'.').split(u'.');
    for (QString &part : parts) {
        while (part.size() > 1 && part.startsWith(u'0'))
            part.remove(0, 1);
    }
    while (parts.size() > 1 && parts.constLast() == QLatin1String("0"))
        parts.removeLast();
    return parts.join(u'.');
}

Expected<ToolStampPlan> planFlyway(DbConnection &connection, const ToolHistory &history,
                                   const QString &migrationsPath, const QStringList &versions)
{
    static const QRegularExpression pattern(QStringLiteral("^V([0-9][0-9._]*)__(.*)\\.sql$"));
    QStringList scripts;
    const auto files = matchingFiles(migrationsPath, pattern, &scripts);
    const Dialect dialect = connection.dialect();
    const QString table = quoteIdentifier(dialect, history.table);
    // Flyway records the database user that ran the migration.
    const QString installedBy =
        dialect == Dialect::PostgreSQL
            ? QStringLiteral("CURRENT_USER")
            : quoteLiteral(qEnvironmentVariable("USER", QStringLiteral("migconsole")));

    ToolStampPlan plan;
    plan.rowsBefore = versionsOf(history);
    plan.rowsAfter = plan.rowsBefore;
    QSet<QString> applied;
    for (const ToolMigration &migration : history.migrations) {
        if (!migration.failed && !migration.version.isEmpty())
            applied.insert(flywayVersionKey(migration.version));
    }
    for (const QString &requested : versions) {
        qsizetype found = -1;
        for (qsizetype i = 0; i < files.size(); ++i) {
            if (flywayVersionKey(files[i].captured(1)) == flywayVersionKey(requested))
                found = i;
        }
        if (found < 0)
            return badInput(QStringLiteral("No Flyway migration V%1__*.sql in %2")
                                .arg(requested, migrationsPath));
        const QString key = flywayVersionKey(requested);
        if (applied.contains(key))
            continue;
        const QString version = files[found].captured(1).replace(u'_', u'.');
        const QString description = files[found].captured(2).replace(u'_', u' ');
        const auto contents = readFile(QDir(migrationsPath).filePath(scripts[found]));
        if (!contents)
            return contents.error();
        const QString column = quoteIdentifier(dialect, QStringLiteral("version"));
        const QString success = quoteIdentifier(dialect, QStringLiteral("success"));
        // A failed row of this version blocks `flyway migrate`; `flyway repair` deletes it.
        plan.statements.append(stampStatement(
            QStringLiteral("DELETE FROM %1 WHERE %2 = %3 AND NOT %4")
                .arg(table, column, quoteLiteral(version), success),
            version,
            QStringLiteral("flyway: delete failed rows of version %1 (as flyway repair)")
                .arg(version)));
        QStringList columns;
        for (const char *name : {"installed_rank", "version", "description", "type", "script",
                                 "checksum", "installed_by", "execution_time", "success"})
            columns.append(quoteIdentifier(dialect, QLatin1String(name)));
        plan.statements.append(stampStatement(
            QStringLiteral(
                "INSERT INTO %1 (%2) SELECT (SELECT COALESCE(MAX(%3), 0) + 1 FROM %1), %4, %5, "
                "'SQL', %6, %7, %8, 0, TRUE WHERE NOT EXISTS (SELECT 1 FROM %1 WHERE %9 = %4 AND "
                "%10)")
                .arg(table, columns.join(QStringLiteral(", ")), columns.constFirst(),
                     quoteLiteral(version), quoteLiteral(description), quoteLiteral(scripts[found]))
                .arg(flywayChecksum(*contents))
                .arg(installedBy, column, success),
            version,
            QStringLiteral("flyway: record V%1 (%2) as applied successfully")
                .arg(version, scripts[found])));
        applied.insert(key);
        plan.rowsAfter.append(version);
    }
    return plan;
}

// ---- golang-migrate ------------------------------------------------------------------------

Expected<ToolStampPlan> planGolangMigrate(DbConnection &connection, const ToolHistory &history,
                                          const QString &migrationsPath,
                                          const QStringList &versions)
{
    if (versions.size() != 1)
        return badInput(
            QStringLiteral("golang-migrate records one version only: name exactly one"));
    bool ok = false;
    const qulonglong version = versions.constFirst().toULongLong(&ok);
    if (!ok)
        return badInput(QStringLiteral("golang-migrate versions are whole numbers, not '%1'")
                            .arg(versions.constFirst()));
    static const QRegularExpression pattern(QStringLiteral("^([0-9]+)_(.*)\\.(up|down)\\.(.*)$"));
    QStringList scripts;
    bool defined = false;
    for (const auto &match : matchingFiles(migrationsPath, pattern, &scripts))
        defined = defined || match.captured(1).toULongLong() == version;
    if (!defined)
        return badInput(QStringLiteral("No golang-migrate migration %1_*.up.* in %2")
                            .arg(version)
                            .arg(migrationsPath));

    const Dialect dialect = connection.dialect();
    const QString table = quoteIdentifier(dialect, history.table);
    const QString column = quoteIdentifier(dialect, QStringLiteral("version"));
    const QString dirty = quoteIdentifier(dialect, QStringLiteral("dirty"));
    ToolStampPlan plan;
    plan.rowsBefore = versionsOf(history);
    plan.rowsAfter = QStringList{QString::number(version)};
    // `migrate force V`: the table's one row becomes (V, false). Said as "remove any other
    // row, add this one when absent" so that each statement may run again.
    plan.statements.append(stampStatement(
        QStringLiteral("DELETE FROM %1 WHERE %2 <> %3 OR %4")
            .arg(table, column)
            .arg(version)
            .arg(dirty),
        QString::number(version),
        QStringLiteral("golang-migrate force %1: remove every other (or dirty) row").arg(version)));
    plan.statements.append(stampStatement(
        QStringLiteral(
            "INSERT INTO %1 (%2, %3) SELECT %4, FALSE WHERE NOT EXISTS (SELECT 1 FROM %1)")
            .arg(table, column, dirty)
            .arg(version),
        QString::number(version),
        QStringLiteral("golang-migrate force %1: record it, clean").arg(version)));
    return plan;
}

// ---- Prisma --------------------------------------------------------------------------------

Expected<ToolStampPlan> planPrisma(DbConnection &connection, const ToolHistory &history,
                                   const QString &migrationsPath, const QStringList &names)
{
    const Dialect dialect = connection.dialect();
    const QString table = quoteIdentifier(dialect, history.table);
    const auto column = [dialect](const char *name) {
        return quoteIdentifier(dialect, QLatin1String(name));
    };
    ToolStampPlan plan;
    plan.rowsBefore = versionsOf(history);
    plan.rowsAfter = plan.rowsBefore;
    for (const QString &name : names) {
        const QString file = QDir(migrationsPath).filePath(name + QStringLiteral("/migration.sql"));
        if (name.contains(u'/') || !QFileInfo::exists(file))
            return badInput(QStringLiteral("No Prisma migration %1/migration.sql in %2")
                                .arg(name, migrationsPath));
        // `prisma migrate resolve --applied` refuses a migration that finished once.
        QSqlQuery query(connection.database());
        if (!query.exec(QStringLiteral("SELECT count(*) FROM %1 WHERE %2 = %3 AND %4 IS NOT NULL")
                            .arg(table, column("migration_name"), quoteLiteral(name),
                                 column("finished_at"))) ||
            !query.next())
            return DbConnection::queryError(query,
                                            QStringLiteral("Reading %1 failed").arg(history.table));
        if (query.value(0).toLongLong() > 0)
            return badInput(
                QStringLiteral("Prisma migration %1 is already recorded as applied").arg(name));
        const auto contents = readFile(file);
        if (!contents)
            return contents.error();
        const QString unfinished = QStringLiteral("%1 = %2 AND %3 IS NULL AND %4 IS NULL")
                                       .arg(column("migration_name"), quoteLiteral(name),
                                            column("finished_at"), column("rolled_back_at"));
        plan.statements.append(stampStatement(
            QStringLiteral("UPDATE %1 SET %2 = CURRENT_TIMESTAMP WHERE %3")
                .arg(table, column("rolled_back_at"), unfinished),
            name, QStringLiteral("prisma: mark failed attempts of %1 rolled back").arg(name)));
        const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        plan.statements.append(stampStatement(
            QStringLiteral(
                "INSERT INTO %1 (%2, %3, %4, %5, %6, %7, %8) SELECT %9, %10, %11, '', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0 WHERE NOT EXISTS (SELECT 1 FROM %1 "
                "WHERE %3 = %10 AND %7 IS NOT NULL)")
                .arg(table, column("id"), column("migration_name"), column("checksum"),
                     column("logs"), column("started_at"), column("finished_at"),
                     column("applied_steps_count"), quoteLiteral(uuid))
                .arg(quoteLiteral(name), quoteLiteral(prismaChecksum(*contents))),
            name,
            QStringLiteral("prisma: record %1 as applied (migrate resolve --applied)").arg(name)));
        plan.rowsAfter.append(name);
    }
    return plan;
}

} // namespace

qint32 flywayChecksum(const QByteArray &fileContents)
{
    static const auto table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    QByteArray bytes = fileContents;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    // Flyway feeds the CRC line by line without terminators: the same as leaving every
    // CR and LF out of one run over the file.
    quint32 crc = 0xFFFFFFFFu;
    for (const char ch : std::as_const(bytes)) {
        if (ch == '\r' || ch == '\n')
            continue;
        crc = table[(crc ^ quint8(ch)) & 0xFFu] ^ (crc >> 8);
    }
    return qint32(crc ^ 0xFFFFFFFFu);
}

QString prismaChecksum(const QByteArray &fileContents)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(fileContents, QCryptographicHash::Sha256).toHex());
}

Expected<ToolStampPlan> planToolStamp(DbConnection &connection, const ToolHistory &history,
                                      const QString &migrationsPath, const QStringList &versions)
{
    if (versions.isEmpty())
        return badInput(QStringLiteral("Name the migration(s) to mark as applied"));
    if (history.tool == QLatin1String("flyway"))
        return planFlyway(connection, history, migrationsPath, versions);
    if (history.tool == QLatin1String("golang-migrate"))
        return planGolangMigrate(connection, history, migrationsPath, versions);
    if (history.tool == QLatin1String("prisma"))
        return planPrisma(connection, history, migrationsPath, versions);
    return badInput(
        QStringLiteral("stamp cannot mark migrations applied for %1 (table %2): it writes "
                       "Alembic, Flyway, golang-migrate and Prisma history only")
            .arg(history.tool, history.table));
}

} // namespace migconsole
