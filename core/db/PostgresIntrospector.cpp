// PostgreSQL introspection: six set-based pg_catalog queries for the whole database,
// however many tables it has (ARCHITECTURE.md: never one query per table).

#include "db/Introspector.h"
#include "db/SqlQuoting.h"
#include "schema/CanonicalType.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <spdlog/spdlog.h>

#include <functional>

namespace migconsole {

namespace {

/// Builds the schema while rows arrive, finding namespaces and tables by name in O(1).
class SchemaBuilder
{
public:
    explicit SchemaBuilder(Schema &schema) : m_schema(schema) {}

    Namespace &ns(const QString &name)
    {
        auto it = m_namespaceIndex.constFind(name);
        if (it == m_namespaceIndex.constEnd()) {
            m_schema.namespaces.append(Namespace{name, {}, {}, {}});
            it = m_namespaceIndex.insert(name, m_schema.namespaces.size() - 1);
        }
        return m_schema.namespaces[*it];
    }

    /// Null when the table was not listed by the columns query (e.g. filtered out).
    Table *table(const QString &nsName, const QString &tableName)
    {
        const auto it = m_tableIndex.constFind(nsName + QLatin1Char('\x1f') + tableName);
        if (it == m_tableIndex.constEnd())
            return nullptr;
        return &ns(nsName).tables[*it];
    }

    Table &addTable(const QString &nsName, const QString &tableName)
    {
        Namespace &n = ns(nsName);
        n.tables.append(Table{});
        n.tables.last().name = tableName;
        m_tableIndex.insert(nsName + QLatin1Char('\x1f') + tableName, n.tables.size() - 1);
        return n.tables.last();
    }

private:
    Schema &m_schema;
    QHash<QString, qsizetype> m_namespaceIndex;
    QHash<QString, qsizetype> m_tableIndex;
};

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

/// pg_get_viewdef's text without its leading blank and trailing ';'.
QString viewBody(const QVariant &definition)
{
    QString body = definition.toString().trimmed();
    if (body.endsWith(QLatin1Char(';')))
        body.chop(1);
    return body;
}

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

class PostgresReader
{
public:
    PostgresReader(DbConnection &connection, const IntrospectOptions &options)
        : m_connection(connection), m_options(options), m_builder(m_schema)
    {
        m_schema.dialect = Dialect::PostgreSQL;
    }

    Expected<Schema> read()
    {
        // Pin search_path (as pg_dump does) so deparsed expressions are fully qualified
        // and do not depend on the session; restored afterwards for later statements.
        if (auto pinned = m_connection.exec(QStringLiteral("SET search_path = ''"),
                                            QStringLiteral("Cannot pin search_path"));
            !pinned)
            return pinned.error();
        std::optional<Error> failure = readAll();
        m_connection.exec(QStringLiteral("RESET search_path"), QStringLiteral("reset"));
        if (failure)
            return *failure;
        m_schema.sortByName();
        return m_schema;
    }

private:
    using RowHandler = std::function<void(const QSqlQuery &)>;

    std::optional<Error> readAll()
    {
        const std::pair<const char *, RowHandler> steps[] = {
            {"namespaces", [this](const QSqlQuery &q) { m_builder.ns(q.value(0).toString()); }},
            {"columns", [this](const QSqlQuery &q) { addColumn(q); }},
            {"constraints", [this](const QSqlQuery &q) { addConstraint(q); }},
            {"indexes", [this](const QSqlQuery &q) { addIndex(q); }},
            {"enums", [this](const QSqlQuery &q) { addEnum(q); }},
            {"views", [this](const QSqlQuery &q) { addView(q); }},
        };
        for (const auto &[name, handler] : steps) {
            if (auto error = run(QString::fromLatin1(name), handler))
                return error;
        }
        return std::nullopt;
    }

    std::optional<Error> run(const QString &name, const RowHandler &handler)
    {
        if (cancelRequested(m_options))
            return cancelledError();
        QElapsedTimer timer;
        timer.start();
        QString sql = catalogQuery(Dialect::PostgreSQL, name);
        sql.replace(QStringLiteral("/*NAMESPACE_FILTER*/"), namespaceFilter(m_options.namespaces));
        QSqlQuery query(m_connection.database());
        query.setForwardOnly(true);
        if (!query.exec(sql))
            return DbConnection::queryError(
                query, QStringLiteral("Reading %1 from the catalogue failed").arg(name));
        int rows = 0;
        while (query.next()) {
            if (++rows % 4096 == 0 && cancelRequested(m_options))
                return cancelledError();
            handler(query);
        }
        spdlog::debug("introspect {}: {} rows in {} ms", name.toStdString(), rows,
                      timer.elapsed());
        return std::nullopt;
    }

    void addColumn(const QSqlQuery &q)
    {
        const QString nsName = q.value(0).toString();
        const QString tableName = q.value(1).toString();
        Table *table = m_builder.table(nsName, tableName);
        if (!table) {
            table = &m_builder.addTable(nsName, tableName);
            table->comment = q.value(2).toString();
        }
        if (q.value(3).isNull())
            return; // a table with no columns
        Column c;
        c.name = q.value(3).toString();
        c.type = canonicalType(Dialect::PostgreSQL, q.value(4).toString());
        c.nullable = !q.value(5).toBool();
        const QString expression = q.value(6).toString();
        const QString identity = q.value(7).toString();
        const QString generated = q.value(8).toString();
        if (identity == QLatin1String("a"))
            c.identity = Identity::Always;
        else if (identity == QLatin1String("d"))
            c.identity = Identity::ByDefault;
        if (!generated.isEmpty()) { // the generation expression lives in pg_attrdef too
            c.generatedExpr = expression;
            c.generatedStored = generated == QLatin1String("s");
        } else {
            c.defaultExpr = expression;
        }
        c.comment = q.value(9).toString();
        c.autoIncrement = q.value(10).toBool();
        table->columns.append(c);
    }

    void addConstraint(const QSqlQuery &q)
    {
        Table *table = m_builder.table(q.value(0).toString(), q.value(1).toString());
        if (!table)
            return;
        const QString name = q.value(2).toString();
        const QString kindText = q.value(3).toString();
        const QChar kind = kindText.isEmpty() ? QChar() : kindText.at(0);
        const QStringList columns = jsonStrings(q.value(4));
        if (kind == QLatin1Char('p')) {
            table->primaryKey = PrimaryKey{name, columns};
        } else if (kind == QLatin1Char('u')) {
            table->uniques.append(UniqueConstraint{name, columns});
        } else if (kind == QLatin1Char('c')) {
            table->checks.append(CheckConstraint{name, q.value(13).toString()});
        } else if (kind == QLatin1Char('f')) {
            ForeignKey fk;
            fk.name = name;
            fk.columns = columns;
            fk.referencedSchema = q.value(5).toString();
            fk.referencedTable = q.value(6).toString();
            fk.referencedColumns = jsonStrings(q.value(7));
            fk.onUpdate = actionFromCode(q.value(8).toString());
            fk.onDelete = actionFromCode(q.value(9).toString());
            fk.deferrable = q.value(10).toBool();
            fk.initiallyDeferred = q.value(11).toBool();
            fk.validated = q.value(12).toBool();
            table->foreignKeys.append(fk);
        }
    }

    void addIndex(const QSqlQuery &q)
    {
        Table *table = m_builder.table(q.value(0).toString(), q.value(1).toString());
        if (!table)
            return;
        Index index;
        index.name = q.value(2).toString();
        index.unique = q.value(3).toBool();
        index.valid = q.value(4).toBool();
        index.method = q.value(5).toString();
        index.predicate = q.value(6).toString();
        index.columns = jsonStrings(q.value(7));
        index.include = jsonStrings(q.value(8));
        table->indexes.append(index);
    }

    void addEnum(const QSqlQuery &q)
    {
        m_builder.ns(q.value(0).toString())
            .enums.append(EnumType{q.value(1).toString(), jsonStrings(q.value(2))});
    }

    void addView(const QSqlQuery &q)
    {
        m_builder.ns(q.value(0).toString())
            .views.append(View{q.value(1).toString(), q.value(2).toBool(), viewBody(q.value(3))});
    }

    DbConnection &m_connection;
    const IntrospectOptions &m_options;
    Schema m_schema;
    SchemaBuilder m_builder;
};

} // namespace

Expected<Schema> introspectPostgres(DbConnection &connection, const IntrospectOptions &options)
{
    return PostgresReader(connection, options).read();
}

} // namespace migconsole
