#pragma once

// Shared by test_fix_planner_postgres.cpp and test_fix_planner_sqlite.cpp: running a plan
// through the Executor (and its preview text read back), introspection, and data
// checksums that prove every row survives.

#include "TestSupport.h"
#include "db/DbConnection.h"
#include "db/Introspector.h"
#include "drift/SchemaDiff.h"
#include "fix/Executor.h"
#include "fix/FixPlan.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace migconsole::test::fix {

struct RunResult
{
    bool ok = false;
    QString error;    ///< the failing statement's error and text
    int executed = 0; ///< statements run (not skipped by their guard)
    int skipped = 0;
};

/// Runs `statements` through the real Executor (apply: one transaction, skip guards,
/// foreign keys off around SQLite rebuilds, outside-transaction statements after the commit).
inline RunResult runStatements(DbConnection &connection, const QList<FixStatement> &statements)
{
    RunResult result;
    const auto run = executeStatements(connection, statements, ExecuteMode::Apply);
    if (!run) {
        result.error = run.error().toString();
        return result;
    }
    for (const StatementResult &r : run->results) {
        if (r.note.contains(QLatin1String("skipped")))
            ++result.skipped;
        else if (r.outcome == StatementOutcome::Succeeded)
            ++result.executed;
    }
    if (!run->succeeded()) {
        result.error = run->error;
        if (run->failedIndex)
            result.error +=
                QStringLiteral("\n--- in statement:\n") + statements.at(*run->failedIndex).sql;
        return result;
    }
    result.ok = run->committed;
    return result;
}

/// The plan's preview text read back as the console's editor would run it.
inline QList<FixStatement> statementsFromPreview(const FixPlan &plan)
{
    return statementsFromSqlText(plan.toSql(), plan.dialect);
}

inline Schema introspectOrFail(DbConnection &connection, const QStringList &namespaces)
{
    IntrospectOptions options;
    options.namespaces = namespaces;
    auto schema = introspect(connection, options);
    if (!schema) {
        QTest::qFail(qPrintable(schema.error().toString()), __FILE__, __LINE__);
        return {};
    }
    return *schema;
}

/// "count|md5": every row of `columns` as text, ordered by `order`, so a type change that
/// keeps each value's text (uuid ↔ varchar(36), integer → bigint) keeps the checksum.
inline QString checksum(DbConnection &connection, const QString &table, const QStringList &columns,
                        const QString &order)
{
    const bool pg = connection.dialect() == Dialect::PostgreSQL;
    QStringList parts;
    for (const QString &column : columns)
        parts.append(QStringLiteral("coalesce(CAST(%1 AS TEXT), '<null>')").arg(column));
    const QString row = parts.join(QStringLiteral(" || '|' || "));
    const QString sql =
        pg ? QStringLiteral("SELECT count(*) || '|' || coalesce(md5(string_agg(%1, ';' ORDER BY "
                            "%2)), '') FROM %3")
                 .arg(row, order, table)
           : QStringLiteral("SELECT count(*) || '|' || coalesce(group_concat(r, ';'), '') FROM "
                            "(SELECT %1 AS r FROM %3 ORDER BY %2)")
                 .arg(row, order, table);
    QSqlQuery query(connection.database());
    if (!query.exec(sql) || !query.next()) {
        QTest::qFail(
            qPrintable(QStringLiteral("checksum of %1: %2").arg(table, query.lastError().text())),
            __FILE__, __LINE__);
        return {};
    }
    return query.value(0).toString();
}

inline QStringList kindsOf(const QList<Finding> &findings)
{
    QStringList kinds;
    for (const Finding &f : findings) {
        const QString name = findingKindName(f.kind);
        if (!kinds.contains(name))
            kinds.append(name);
    }
    kinds.sort();
    return kinds;
}

inline QString describeFindings(const QList<Finding> &findings)
{
    QStringList lines;
    for (const Finding &f : findings)
        lines.append(
            QStringLiteral("%1 %2.%3 %4 [%5 | %6]")
                .arg(findingKindName(f.kind), f.schema, f.table, f.object, f.expected, f.actual));
    return lines.join(QLatin1Char('\n'));
}

} // namespace migconsole::test::fix
