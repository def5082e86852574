#include "fix/LiveFixFacts.h"

#include "db/SqlQuoting.h"

#include <QSqlQuery>
#include <QVariant>

#include <spdlog/spdlog.h>

namespace migconsole {

namespace {

/// Below this many rows (by the statistics) count(*) is cheap enough to be exact.
constexpr qint64 kExactCountLimit = 1000000;

/// SQLite's column affinity from a declared type (datatype3.html §3.1, rules in order).
QString sqliteAffinity(const QString &type)
{
    const QString t = type.toUpper();
    if (t.contains(QLatin1String("INT")))
        return QStringLiteral("INTEGER");
    if (t.contains(QLatin1String("CHAR")) || t.contains(QLatin1String("CLOB")) ||
        t.contains(QLatin1String("TEXT")))
        return QStringLiteral("TEXT");
    if (t.contains(QLatin1String("BLOB")) || t.isEmpty())
        return QStringLiteral("BLOB");
    if (t.contains(QLatin1String("REAL")) || t.contains(QLatin1String("FLOA")) ||
        t.contains(QLatin1String("DOUB")))
        return QStringLiteral("REAL");
    return QStringLiteral("NUMERIC");
}

} // namespace

std::optional<qint64> LiveFixFacts::scalar(const QString &sql)
{
    QSqlQuery query(m_connection.database());
    if (!query.exec(sql) || !query.next()) {
        spdlog::warn("fix facts: {}",
                     DbConnection::queryError(query, QStringLiteral("query failed"))
                         .toString()
                         .toStdString());
        return std::nullopt;
    }
    bool ok = false;
    const qint64 value = query.value(0).toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

std::optional<qint64> LiveFixFacts::rowCount(const QString &schema, const QString &table)
{
    const QString key = schema + QLatin1Char('\n') + table;
    if (const auto cached = m_rowCounts.constFind(key); cached != m_rowCounts.constEnd())
        return *cached;
    std::optional<qint64> rows;
    if (m_connection.dialect() == Dialect::PostgreSQL) {
        // A failing query would abort the caller's transaction: ask to_regclass first
        // (-2 = no such table), and count only below the limit (-1 = never analysed).
        const QString relation = qualifiedName(Dialect::PostgreSQL, schema, table);
        const std::optional<qint64> estimate = scalar(
            QStringLiteral("SELECT coalesce((SELECT reltuples::bigint FROM pg_catalog.pg_class "
                           "WHERE oid = pg_catalog.to_regclass(%1)), -2)")
                .arg(quoteLiteral(relation)));
        if (estimate && *estimate >= kExactCountLimit)
            rows = estimate;
        else if (estimate && *estimate != -2)
            rows = scalar(QStringLiteral("SELECT count(*) FROM ") + relation);
    } else {
        const std::optional<qint64> exists = scalar(
            QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = %1")
                .arg(quoteLiteral(table)));
        if (exists && *exists > 0)
            rows = scalar(QStringLiteral("SELECT count(*) FROM ") +
                          quoteIdentifier(m_connection.dialect(), table));
    }
    if (rows)
        m_rowCounts.insert(key, *rows);
    return rows;
}

std::optional<qint64> LiveFixFacts::unconvertibleRows(const QString &schema, const QString &table,
                                                      const QString &column,
                                                      const QString &targetType)
{
    if (m_connection.dialect() == Dialect::PostgreSQL)
        return postgresUnconvertible(schema, table, column, targetType);
    if (m_connection.dialect() == Dialect::SQLite)
        return sqliteUnconvertible(table, column, targetType);
    return std::nullopt;
}

std::optional<qint64> LiveFixFacts::postgresUnconvertible(const QString &schema,
                                                          const QString &table,
                                                          const QString &column,
                                                          const QString &targetType)
{
    constexpr Dialect pg = Dialect::PostgreSQL;
    const QString relation = qualifiedName(pg, schema, table);
    const QString col = quoteIdentifier(pg, column);
    const QString base = targetType.section(QLatin1Char('('), 0, 0);
    if ((base == QLatin1String("varchar") || base == QLatin1String("char")) &&
        targetType.contains(QLatin1Char('('))) {
        // The fix casts through text, so only length can fail (an explicit cast to
        // varchar(n) would cut values; the assignment refuses them instead).
        const QString length =
            targetType.section(QLatin1Char('('), 1).section(QLatin1Char(')'), 0, 0);
        return scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE %2 IS NOT NULL AND "
                                     "pg_catalog.char_length(%2::text) > %3")
                          .arg(relation, col, QString::number(length.toInt())));
    }
    // A user type (enum) named bare resolves in the table's schema, as the plan writes it.
    QString target = targetType;
    if (!scalar(QStringLiteral("SELECT 1 WHERE pg_catalog.to_regtype(%1) IS NOT NULL")
                    .arg(quoteLiteral(target))))
        target = quoteIdentifier(pg, schema) + QLatin1Char('.') + targetType;

    QSqlQuery source(m_connection.database());
    const QString sourceSql =
        QStringLiteral(
            "SELECT pg_catalog.format_type(a.atttypid, a.atttypmod), "
            "pg_catalog.current_setting('server_version_num')::int "
            "FROM pg_catalog.pg_attribute a WHERE a.attrelid = %1::regclass AND a.attname = %2")
            .arg(quoteLiteral(relation), quoteLiteral(column));
    if (!source.exec(sourceSql) || !source.next())
        return std::nullopt;
    const QString sourceType = source.value(0).toString();
    const bool textual =
        sourceType == QLatin1String("text") || sourceType.startsWith(QLatin1String("character"));
    if (source.value(1).toInt() >= 160000 && textual)
        return scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE %2 IS NOT NULL AND NOT "
                                     "pg_catalog.pg_input_is_valid(%2::text, %3)")
                          .arg(relation, col, quoteLiteral(target)));

    // Before 16 (or from a non-text type) the cast itself is the only exact judge. A DO
    // block may run in a read-only transaction and cannot return rows, so it leaves the
    // count in a session setting. The first attempt casts all rows at once; only when
    // that fails is each value tried alone.
    const QString block =
        QStringLiteral("\nDECLARE\n    bad bigint := 0;\n    v record;\nBEGIN\n"
                       "    BEGIN\n        PERFORM count((%1)::%3) FROM %2;\n"
                       "    EXCEPTION WHEN others THEN\n"
                       "        FOR v IN SELECT %1 AS value FROM %2 WHERE %1 IS NOT NULL LOOP\n"
                       "            BEGIN\n                PERFORM (v.value)::%3;\n"
                       "            EXCEPTION WHEN others THEN\n                bad := bad + 1;\n  "
                       "          END;\n"
                       "        END LOOP;\n    END;\n"
                       "    PERFORM pg_catalog.set_config('migconsole.unconvertible', bad::text, "
                       "false);\nEND ")
            .arg(col, relation, target);
    if (!m_connection.exec(QStringLiteral("DO ") + dollarQuote(block), QStringLiteral("Counting unconvertible values")))
        return std::nullopt;
    return scalar(
        QStringLiteral("SELECT pg_catalog.current_setting('migconsole.unconvertible')::bigint"));
}

std::optional<qint64> LiveFixFacts::sqliteUnconvertible(const QString &table, const QString &column,
                                                        const QString &targetType)
{
    const QString affinity = sqliteAffinity(targetType);
    if (affinity == QLatin1String("TEXT") || affinity == QLatin1String("BLOB"))
        return 0; // every value is stored as it is
    // Numeric affinity converts text that is a well-formed number; the rest stays text.
    // JSON's number grammar is the closest exact test SQL offers for that.
    const QString col = quoteIdentifier(Dialect::SQLite, column);
    return scalar(
        QStringLiteral("SELECT count(*) FROM %1 WHERE typeof(%2) = 'text' AND "
                       "coalesce(CASE WHEN json_valid(trim(%2)) THEN json_type(trim(%2)) END, '') "
                       "NOT IN ('integer', 'real')")
            .arg(quoteIdentifier(Dialect::SQLite, table), col));
}

std::optional<QStringList> LiveFixFacts::tableTriggers(const QString &schema, const QString &table)
{
    Q_UNUSED(schema)
    if (m_connection.dialect() != Dialect::SQLite)
        return QStringList(); // only SQLite rebuilds tables
    QSqlQuery query(m_connection.database());
    query.prepare(QStringLiteral("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND "
                                 "tbl_name = ? COLLATE NOCASE AND sql IS NOT NULL ORDER BY name"));
    query.addBindValue(table);
    if (!query.exec())
        return std::nullopt;
    QStringList out;
    while (query.next())
        out.append(query.value(0).toString());
    return out;
}

std::optional<QString> LiveFixFacts::tableDefinition(const QString &schema, const QString &table)
{
    Q_UNUSED(schema)
    if (m_connection.dialect() != Dialect::SQLite)
        return std::nullopt;
    QSqlQuery query(m_connection.database());
    query.prepare(QStringLiteral("SELECT sql FROM sqlite_schema WHERE type = 'table' AND "
                                 "name = ? COLLATE NOCASE"));
    query.addBindValue(table);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

} // namespace migconsole
