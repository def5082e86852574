#include "db/PostgresCatalogRows.h"

#include "db/SqlQuoting.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

#include <spdlog/spdlog.h>

namespace migconsole::pgcatalog {

QStringList jsonStrings(const QVariant &value)
{
    QStringList out;
    if (value.isNull())
        return out;
    const QJsonArray array = QJsonDocument::fromJson(value.toString().toUtf8()).array();
    out.reserve(array.size());
    for (const QJsonValue &v : array)
        out.append(v.toString());
    return out;
}

QList<int> attnumList(const QVariant &value)
{
    QList<int> numbers;
    if (value.isNull())
        return numbers;
    const QString text = value.toString();
    int current = 0;
    bool inNumber = false;
    bool negative = false;
    for (QChar ch : text) {
        if (ch.isDigit()) {
            current = current * 10 + ch.digitValue();
            inNumber = true;
        } else {
            if (inNumber)
                numbers.append(negative ? -current : current);
            negative = ch == QLatin1Char('-');
            current = 0;
            inNumber = false;
        }
    }
    if (inNumber)
        numbers.append(negative ? -current : current);
    return numbers;
}

QLatin1String keyOrderSuffix(int option)
{
    const bool desc = option & 1;
    const bool nullsFirst = option & 2;
    if (desc)
        return nullsFirst ? QLatin1String(" DESC") : QLatin1String(" DESC NULLS LAST");
    return nullsFirst ? QLatin1String(" NULLS FIRST") : QLatin1String("");
}

QString viewBody(const QVariant &definition)
{
    QString body = definition.toString().trimmed();
    if (body.endsWith(QLatin1Char(';')))
        body.chop(1);
    return body;
}

namespace {

ReferentialAction actionFromCode(const QString &code)
{
    switch (code.isEmpty() ? 'a' : code.at(0).toLatin1()) {
    case 'r':
        return ReferentialAction::Restrict;
    case 'c':
        return ReferentialAction::Cascade;
    case 'n':
        return ReferentialAction::SetNull;
    case 'd':
        return ReferentialAction::SetDefault;
    default:
        return ReferentialAction::NoAction;
    }
}

/// `n.nspname = ANY (ARRAY['a','b'])` with every name quoted as an SQL literal, or `true`.
QString namespaceFilter(const QStringList &namespaces)
{
    if (namespaces.isEmpty())
        return QStringLiteral("true");
    QStringList literals;
    for (const QString &name : namespaces)
        literals.append(quoteLiteral(name));
    return QStringLiteral("n.nspname = ANY (ARRAY[%1]::text[])").arg(literals.join(QLatin1Char(',')));
}

} // namespace

ConstraintRow parseConstraint(const QSqlQuery &q)
{
    ConstraintRow row;
    row.tableOid = q.value(0).toLongLong();
    row.name = q.value(1).toString();
    const QString kind = q.value(2).toString();
    row.kind = kind.isEmpty() ? QChar() : kind.at(0);
    row.columns = attnumList(q.value(3));
    row.referencedTableOid = q.value(4).toLongLong();
    row.referencedColumns = attnumList(q.value(5));
    row.onUpdate = actionFromCode(q.value(6).toString());
    row.onDelete = actionFromCode(q.value(7).toString());
    row.deferrable = q.value(8).toBool();
    row.initiallyDeferred = q.value(9).toBool();
    row.validated = q.value(10).toBool();
    row.checkExpression = q.value(11).toString();
    return row;
}

IndexRow parseIndex(const QSqlQuery &q)
{
    IndexRow row;
    row.tableOid = q.value(0).toLongLong();
    row.index.name = q.value(1).toString();
    row.index.unique = q.value(2).toBool();
    row.index.valid = q.value(3).toBool();
    row.index.method = q.value(4).toString();
    row.index.predicate = q.value(5).toString();
    row.attnums = attnumList(q.value(6));
    row.options = attnumList(q.value(7));
    row.keyCount = q.value(8).toInt();
    row.deparsedKeys = jsonStrings(q.value(9));
    return row;
}

std::optional<Error> runCatalogQuery(DbConnection &connection, const IntrospectOptions &options,
                                     const QString &name, const RowHandler &handler)
{
    if (cancelRequested(options))
        return cancelledError();
    QElapsedTimer timer;
    timer.start();
    QString sql = catalogQuery(Dialect::PostgreSQL, name);
    sql.replace(QStringLiteral("/*NAMESPACE_FILTER*/"), namespaceFilter(options.namespaces));
    QSqlQuery query(connection.database());
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return DbConnection::queryError(
            query, QStringLiteral("Reading %1 from the catalogue failed").arg(name));
    int rows = 0;
    while (query.next()) {
        if (++rows % 4096 == 0 && cancelRequested(options))
            return cancelledError();
        handler(query);
    }
    spdlog::debug("introspect {}: {} rows in {} ms", name.toStdString(), rows, timer.elapsed());
    return std::nullopt;
}

std::optional<Error> readKeyRows(DbConnection &connection, const IntrospectOptions &options,
                                 KeyRows *rows)
{
    if (auto error = runCatalogQuery(connection, options, QStringLiteral("constraints"),
                                     [rows](const QSqlQuery &q) {
                                         rows->constraints.push_back(parseConstraint(q));
                                     }))
        return error;
    return runCatalogQuery(connection, options, QStringLiteral("indexes"),
                           [rows](const QSqlQuery &q) { rows->indexes.push_back(parseIndex(q)); });
}

void readKeyRowsOnSide(const ConnectionSettings &settings, const QString &snapshot,
                       const IntrospectOptions &options, KeyRows *rows, std::optional<Error> *failure)
{
    auto opened = DbConnection::open(settings);
    if (!opened) {
        *failure = opened.error();
        return;
    }
    DbConnection &side = **opened;
    for (const QString &sql :
         {QStringLiteral("SET search_path = ''"),
          QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
          QStringLiteral("SET TRANSACTION SNAPSHOT %1").arg(quoteLiteral(snapshot))}) {
        if (auto done = side.exec(sql, QStringLiteral("Cannot share the catalogue snapshot")); !done) {
            *failure = done.error();
            return;
        }
    }
    *failure = readKeyRows(side, options, rows);
    side.exec(QStringLiteral("COMMIT"), QStringLiteral("end the side read"));
}

} // namespace migconsole::pgcatalog
