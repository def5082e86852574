#include "fix/PostgresGuards.h"

#include "db/SqlQuoting.h"
#include "fix/FixDdl.h"

#include <QCryptographicHash>

namespace migconsole::fixplan::guards {

namespace {

constexpr Dialect kPg = Dialect::PostgreSQL;

QString textArray(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted.append(quoteLiteral(item));
    return QStringLiteral("ARRAY[") + quoted.join(QStringLiteral(", ")) +
           QStringLiteral("]::text[]");
}

/// The names of an attnum array's columns, in order.
QString attributeNames(const QString &attnums, const QString &relation)
{
    return QStringLiteral("ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(%1) WITH "
                          "ORDINALITY AS k(n, i) JOIN pg_catalog.pg_attribute a ON a.attrelid = "
                          "%2 AND a.attnum = k.n ORDER BY k.i)")
        .arg(attnums, relation);
}

QChar actionCode(ReferentialAction action)
{
    switch (action) {
    case ReferentialAction::NoAction:
        return QLatin1Char('a');
    case ReferentialAction::Restrict:
        return QLatin1Char('r');
    case ReferentialAction::Cascade:
        return QLatin1Char('c');
    case ReferentialAction::SetNull:
        return QLatin1Char('n');
    case ReferentialAction::SetDefault:
        return QLatin1Char('d');
    }
    return QLatin1Char('a');
}

QString boolSql(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

} // namespace

QString regclass(const QString &schema, const QString &table)
{
    return quoteLiteral(qualifiedName(kPg, schema, table)) + QStringLiteral("::regclass");
}

QString uniqueMatches(const UniqueConstraint &unique, const QString &contype)
{
    return QStringLiteral("c.contype = %1 AND %2 = %3")
        .arg(quoteLiteral(contype),
             attributeNames(QStringLiteral("c.conkey"), QStringLiteral("c.conrelid")),
             textArray(unique.columns));
}

QString checkMatches(const CheckConstraint &check)
{
    return QStringLiteral(
               "c.contype = 'c' AND pg_catalog.pg_get_expr(c.conbin, c.conrelid, true) = ") +
           quoteLiteral(check.expression);
}

QString foreignKeyMatches(const ForeignKey &fk)
{
    QString sql =
        QStringLiteral("c.contype = 'f' AND %1 = %2 AND c.confrelid = %3")
            .arg(attributeNames(QStringLiteral("c.conkey"), QStringLiteral("c.conrelid")),
                 textArray(fk.columns), regclass(fk.referencedSchema, fk.referencedTable));
    if (!fk.referencedColumns.isEmpty())
        sql += QStringLiteral(" AND %1 = %2")
                   .arg(attributeNames(QStringLiteral("c.confkey"), QStringLiteral("c.confrelid")),
                        textArray(fk.referencedColumns));
    return sql + QStringLiteral(" AND c.confdeltype = '%1' AND c.confupdtype = '%2' AND "
                                "c.condeferrable = %3 AND c.condeferred = %4")
                     .arg(actionCode(fk.onDelete))
                     .arg(actionCode(fk.onUpdate))
                     .arg(boolSql(fk.deferrable), boolSql(fk.initiallyDeferred));
}

QString generatedCheckName(const QString &table, const QString &expression)
{
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(expression.toUtf8(), QCryptographicHash::Md5).toHex().left(8));
    // 63 bytes is PostgreSQL's limit; the hash must survive it.
    QString prefix = table;
    while (prefix.toUtf8().size() > 63 - 7 - 8) // whole characters: never half an emoji
        prefix.chop(prefix.size() > 1 && prefix.back().isLowSurrogate() ? 2 : 1);
    return prefix + QStringLiteral("_check_") + hash;
}

QString columnHasType(const QString &schema, const QString &table, const QString &column,
                      const QString &canonicalType, const QString &typeSql)
{
    const QString spelled = fixddl::pgFormatTypeSpelling(canonicalType);
    const QString test =
        spelled.isEmpty() ? QStringLiteral("a.atttypid = %1::regtype AND a.atttypmod = -1")
                                .arg(quoteLiteral(typeSql))
                          : QStringLiteral("pg_catalog.format_type(a.atttypid, a.atttypmod) = ") +
                                quoteLiteral(spelled);
    return QStringLiteral("EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = %1 "
                          "AND a.attname = %2 AND NOT a.attisdropped AND %3)")
        .arg(regclass(schema, table), quoteLiteral(column), test);
}

QString indexNamedButDifferent(const QString &schema, const QString &table, const Index &index)
{
    // Key parts spelled exactly as the introspector reads them (indexes.sql).
    const QString keyParts = QStringLiteral(
        "ARRAY(SELECT CASE WHEN k.attnum <> 0 THEN a.attname::text "
        "ELSE pg_catalog.pg_get_indexdef(x.indexrelid, k.ord::int, true) END "
        "|| CASE WHEN k.opt & 1 = 1 AND k.opt & 2 = 0 THEN ' DESC NULLS LAST' "
        "WHEN k.opt & 1 = 1 THEN ' DESC' WHEN k.opt & 2 = 2 THEN ' NULLS FIRST' ELSE '' END "
        "FROM ROWS FROM (pg_catalog.unnest(x.indkey::pg_catalog.int2[]), "
        "pg_catalog.unnest(x.indoption::pg_catalog.int2[])) WITH ORDINALITY AS k(attnum, opt, ord) "
        "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum "
        "WHERE k.ord <= x.indnkeyatts ORDER BY k.ord)");
    const QString include = QStringLiteral(
        "ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(x.indkey::pg_catalog.int2[]) WITH "
        "ORDINALITY AS k(attnum, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid "
        "AND a.attnum = k.attnum WHERE k.ord > x.indnkeyatts ORDER BY k.ord)");
    const QString method = index.method.isEmpty() ? QStringLiteral("btree") : index.method;
    return QStringLiteral(
               "SELECT 1 FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = "
               "x.indexrelid JOIN pg_catalog.pg_am am ON am.oid = i.relam WHERE i.relnamespace = "
               "%1::regnamespace AND i.relname = %2 AND NOT (x.indrelid = %3 AND x.indisunique = "
               "%4 "
               "AND am.amname = %5 AND %6 = %7 AND %8 = %9 AND "
               "coalesce(pg_catalog.pg_get_expr(x.indpred, x.indrelid, true), '') = %10)")
        .arg(quoteLiteral(quoteIdentifier(kPg, schema)), quoteLiteral(index.name),
             regclass(schema, table), boolSql(index.unique), quoteLiteral(method), keyParts,
             textArray(index.columns), include, textArray(index.include))
        .arg(quoteLiteral(index.predicate));
}

} // namespace migconsole::fixplan::guards
