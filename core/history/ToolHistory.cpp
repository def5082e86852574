#include "history/ToolHistory.h"

#include "db/SqlQuoting.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <functional>

namespace migconsole {

namespace {

/// Every table name a known tool uses, lower case.
const QStringList kCandidateTables = {
    QStringLiteral("flyway_schema_history"), QStringLiteral("schema_version"),
    QStringLiteral("schema_migrations"),     QStringLiteral("ar_internal_metadata"),
    QStringLiteral("django_migrations"),     QStringLiteral("_prisma_migrations"),
    QStringLiteral("databasechangelog"),     QStringLiteral("_sqlx_migrations"),
    QStringLiteral("knex_migrations"),
};

/// lower-case table name → (actual name, lower-case column names)
struct FoundTable
{
    QString name;
    QSet<QString> columns;
};
using FoundTables = QHash<QString, FoundTable>;

Expected<FoundTables> findCandidateTables(DbConnection &connection)
{
    QStringList literals;
    for (const QString &name : kCandidateTables)
        literals.append(quoteLiteral(name));
    const QString list = literals.join(QLatin1Char(','));
    const QString sql =
        connection.dialect() == Dialect::PostgreSQL
            ? QStringLiteral("SELECT c.relname, a.attname FROM pg_catalog.pg_class c "
                             "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid "
                             "AND a.attnum > 0 AND NOT a.attisdropped "
                             "WHERE c.relkind IN ('r', 'p') AND pg_catalog.pg_table_is_visible(c.oid) "
                             "AND lower(c.relname) IN (%1)")
                  .arg(list)
            : QStringLiteral("SELECT m.name, p.name FROM sqlite_schema m "
                             "JOIN pragma_table_info(m.name) p "
                             "WHERE m.type = 'table' AND lower(m.name) IN (%1)")
                  .arg(list);
    QSqlQuery query(connection.database());
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return DbConnection::queryError(query, QStringLiteral("Looking for migration tables failed"));
    FoundTables found;
    while (query.next()) {
        const QString name = query.value(0).toString();
        FoundTable &table = found[name.toLower()];
        table.name = name;
        table.columns.insert(query.value(1).toString().toLower());
    }
    return found;
}

QString text(const QVariant &value)
{
    if (value.isNull())
        return {};
    if (value.metaType().id() == QMetaType::QDateTime)
        return value.toDateTime().toString(Qt::ISODate);
    return value.toString();
}

bool truthy(const QVariant &value)
{
    const QString t = value.toString().toLower();
    return t == QLatin1String("true") || t == QLatin1String("t") || t == QLatin1String("1");
}

/// How one tool's rows become ToolMigrations: the SELECT list (unquoted columns, which
/// both dialects fold the same way) and the mapping of a row.
struct ToolReader
{
    const char *tool;
    const char *table;
    std::function<bool(const FoundTables &)> matches;
    const char *select; ///< "SELECT … FROM %1 ORDER BY …"
    std::function<ToolMigration(const QSqlQuery &)> row;
};

bool has(const FoundTables &found, const char *table, std::initializer_list<const char *> columns)
{
    const auto it = found.constFind(QLatin1String(table));
    if (it == found.constEnd())
        return false;
    for (const char *column : columns) {
        if (!it->columns.contains(QLatin1String(column)))
            return false;
    }
    return true;
}

const QList<ToolReader> &readers()
{
    static const QList<ToolReader> list = {
        {"flyway", "flyway_schema_history",
         [](const FoundTables &f) { return has(f, "flyway_schema_history", {"installed_rank", "success"}); },
         "SELECT version, description, installed_on, success, type FROM %1 ORDER BY installed_rank",
         [](const QSqlQuery &q) {
             return ToolMigration{text(q.value(0)), text(q.value(1)), text(q.value(2)), !truthy(q.value(3))};
         }},
        {"flyway", "schema_version", // Flyway 4 and older
         [](const FoundTables &f) { return has(f, "schema_version", {"installed_rank", "success"}); },
         "SELECT version, description, installed_on, success, type FROM %1 ORDER BY installed_rank",
         [](const QSqlQuery &q) {
             return ToolMigration{text(q.value(0)), text(q.value(1)), text(q.value(2)), !truthy(q.value(3))};
         }},
        {"liquibase", "databasechangelog",
         [](const FoundTables &f) { return has(f, "databasechangelog", {"id", "author", "exectype"}); },
         "SELECT id, author, filename, dateexecuted, exectype, description FROM %1 ORDER BY orderexecuted",
         [](const QSqlQuery &q) {
             const QString exectype = text(q.value(4));
             return ToolMigration{text(q.value(0)) + QLatin1Char(':') + text(q.value(1)),
                                  text(q.value(2)) + QStringLiteral(" — ") + text(q.value(5)) +
                                      QStringLiteral(" (") + exectype + QLatin1Char(')'),
                                  text(q.value(3)), exectype.compare(QLatin1String("FAILED"), Qt::CaseInsensitive) == 0};
         }},
        {"prisma", "_prisma_migrations",
         [](const FoundTables &f) { return has(f, "_prisma_migrations", {"migration_name", "finished_at"}); },
         "SELECT migration_name, finished_at, rolled_back_at, started_at FROM %1 ORDER BY started_at",
         [](const QSqlQuery &q) {
             const bool finished = !q.value(1).isNull();
             const bool rolledBack = !q.value(2).isNull();
             return ToolMigration{text(q.value(0)),
                                  rolledBack ? QStringLiteral("rolled back")
                                             : finished ? QString() : QStringLiteral("failed (P3009)"),
                                  text(finished ? q.value(1) : q.value(3)), !finished && !rolledBack};
         }},
        {"django", "django_migrations",
         [](const FoundTables &f) { return has(f, "django_migrations", {"app", "name", "applied"}); },
         "SELECT app, name, applied FROM %1 ORDER BY id",
         [](const QSqlQuery &q) {
             return ToolMigration{text(q.value(0)) + QLatin1Char('.') + text(q.value(1)), {},
                                  text(q.value(2)), false};
         }},
        {"sqlx", "_sqlx_migrations",
         [](const FoundTables &f) { return has(f, "_sqlx_migrations", {"version", "success"}); },
         "SELECT version, description, installed_on, success FROM %1 ORDER BY version",
         [](const QSqlQuery &q) {
             return ToolMigration{text(q.value(0)), text(q.value(1)), text(q.value(2)), !truthy(q.value(3))};
         }},
        {"knex", "knex_migrations",
         [](const FoundTables &f) { return has(f, "knex_migrations", {"name", "batch"}); },
         "SELECT name, batch, migration_time FROM %1 ORDER BY id",
         [](const QSqlQuery &q) {
             return ToolMigration{text(q.value(0)), QStringLiteral("batch ") + text(q.value(1)),
                                  text(q.value(2)), false};
         }},
        {"golang-migrate", "schema_migrations",
         [](const FoundTables &f) { return has(f, "schema_migrations", {"version", "dirty"}); },
         "SELECT version, dirty FROM %1",
         [](const QSqlQuery &q) {
             const bool dirty = truthy(q.value(1));
             return ToolMigration{text(q.value(0)), dirty ? QStringLiteral("dirty: started, never finished") : QString(),
                                  {}, dirty};
         }},
        {"rails", "schema_migrations",
         [](const FoundTables &f) {
             return has(f, "schema_migrations", {"version"}) && f.contains(QStringLiteral("ar_internal_metadata"));
         },
         "SELECT version FROM %1 ORDER BY version",
         [](const QSqlQuery &q) { return ToolMigration{text(q.value(0)), {}, {}, false}; }},
        {"dbmate", "schema_migrations",
         [](const FoundTables &f) { return has(f, "schema_migrations", {"version"}); },
         "SELECT version FROM %1 ORDER BY version",
         [](const QSqlQuery &q) { return ToolMigration{text(q.value(0)), {}, {}, false}; }},
    };
    return list;
}

} // namespace

Expected<std::optional<ToolHistory>> readToolHistory(DbConnection &connection)
{
    if (connection.dialect() == Dialect::MySQL)
        return std::optional<ToolHistory>();
    const auto found = findCandidateTables(connection);
    if (!found)
        return found.error();
    for (const ToolReader &reader : readers()) {
        if (!reader.matches(*found))
            continue;
        const QString table = found->value(QLatin1String(reader.table)).name;
        QSqlQuery query(connection.database());
        query.setForwardOnly(true);
        const QString sql = QString::fromLatin1(reader.select)
                                .arg(quoteIdentifier(connection.dialect(), table));
        if (!query.exec(sql))
            return DbConnection::queryError(
                query, QStringLiteral("Reading the %1 history table %2 failed")
                           .arg(QLatin1String(reader.tool), table));
        ToolHistory history{QString::fromLatin1(reader.tool), table, {}};
        while (query.next())
            history.migrations.append(reader.row(query));
        return std::optional<ToolHistory>(history);
    }
    return std::optional<ToolHistory>();
}

} // namespace migconsole
