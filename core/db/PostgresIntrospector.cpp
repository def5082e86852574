// PostgreSQL introspection: six set-based pg_catalog queries for the whole database,
// however many tables it has (ARCHITECTURE.md: never one query per table).

#include "db/Introspector.h"
#include "db/SqlQuoting.h"
#include "schema/CanonicalType.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <spdlog/spdlog.h>

#include <functional>
#include <thread>

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

    /// A table's place, stable while tables are added (a pointer into the lists is not).
    struct Position
    {
        qsizetype ns = -1;
        qsizetype table = -1;
    };
    Position positionOf(const QString &nsName, const QString &tableName)
    {
        const qsizetype t = m_tableIndex.value(nsName + QLatin1Char('\x1f') + tableName, -1);
        return Position{t < 0 ? -1 : m_namespaceIndex.value(nsName, -1), t};
    }
    Table &at(Position p) { return m_schema.namespaces[p.ns].tables[p.table]; }

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

/// The numbers of an attnum list as PostgreSQL prints it: "{2,1}" (int2[]) or "2 1"
/// (int2vector); empty for NULL.
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

/// An index key's order as PostgreSQL prints it after the column (indoption bits: 1 DESC,
/// 2 NULLS FIRST; DESC implies NULLS FIRST).
QLatin1String keyOrderSuffix(int option)
{
    const bool desc = option & 1;
    const bool nullsFirst = option & 2;
    if (desc)
        return nullsFirst ? QLatin1String(" DESC") : QLatin1String(" DESC NULLS LAST");
    return nullsFirst ? QLatin1String(" NULLS FIRST") : QLatin1String("");
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

/// A constraints row, parsed where it is read (possibly on the side connection's thread)
/// and applied once the columns are known.
struct ConstraintRow
{
    qint64 tableOid = 0;
    QString name;
    QChar kind;
    QList<int> columns;
    qint64 referencedTableOid = 0;
    QList<int> referencedColumns;
    ReferentialAction onUpdate = ReferentialAction::NoAction;
    ReferentialAction onDelete = ReferentialAction::NoAction;
    bool deferrable = false;
    bool initiallyDeferred = false;
    bool validated = true;
    QString checkExpression;
};

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

/// An indexes row: the Index without its column names, and what names them.
struct IndexRow
{
    qint64 tableOid = 0;
    Index index;
    QList<int> attnums;
    QList<int> options;
    int keyCount = 0;
    QStringList deparsedKeys;
};

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

/// The constraint and index rows, from whichever connection read them.
struct KeyRows
{
    std::vector<ConstraintRow> constraints;
    std::vector<IndexRow> indexes;
};

using RowHandler = std::function<void(const QSqlQuery &)>;

/// Runs one catalogue query on `connection`, handing each row to `handler`.
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

/// The constraint and index queries on a second connection, in a transaction on the
/// snapshot the main connection exported: both see exactly the same catalogue.
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
        if (m_inTransaction) // read only: nothing to keep, and a failed one must end too
            m_connection.exec(QStringLiteral("ROLLBACK"), QStringLiteral("end the read"));
        m_connection.exec(QStringLiteral("RESET search_path"), QStringLiteral("reset"));
        if (failure)
            return *failure;
        m_schema.sortByName();
        return m_schema;
    }

private:
    std::optional<Error> readAll()
    {
        if (auto error = run(QStringLiteral("namespaces"),
                             [this](const QSqlQuery &q) { m_builder.ns(q.value(0).toString()); }))
            return error;
        KeyRows keyRows;
        std::optional<Error> sideFailure;
        bool onSide = false;
        {
            std::jthread side;
            if (const QString snapshot = m_options.sideConnection ? exportSnapshot() : QString();
                !snapshot.isEmpty()) {
                onSide = true;
                side = std::jthread(readKeyRowsOnSide, m_connection.settings(), snapshot,
                                    std::cref(m_options), &keyRows, &sideFailure);
            }
            if (auto error = run(QStringLiteral("columns"),
                                 [this](const QSqlQuery &q) { addColumn(q); }))
                return error; // the jthread joins before returning
        }
        if (onSide && sideFailure) {
            if (sideFailure->code == cancelledError().code && cancelRequested(m_options))
                return sideFailure;
            spdlog::info("introspect: the second connection failed ({}); reading on one",
                         sideFailure->message.toStdString());
            keyRows = KeyRows{};
            onSide = false;
        }
        if (!onSide) {
            if (auto error = readKeyRows(m_connection, m_options, &keyRows))
                return error;
        }
        for (const ConstraintRow &row : keyRows.constraints)
            addConstraint(row);
        for (IndexRow &row : keyRows.indexes)
            addIndex(row);
        if (auto error = run(QStringLiteral("enums"), [this](const QSqlQuery &q) { addEnum(q); }))
            return error;
        if (auto error = run(QStringLiteral("views"), [this](const QSqlQuery &q) { addView(q); }))
            return error;
        return resolveReferences();
    }

    /// Opens the read's transaction and exports its snapshot for the side connection; empty
    /// when that is not possible (the read then runs on this connection alone).
    QString exportSnapshot()
    {
        if (!m_connection.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
                               QStringLiteral("begin")))
            return {};
        m_inTransaction = true;
        QSqlQuery query(m_connection.database());
        if (!query.exec(QStringLiteral("SELECT pg_catalog.pg_export_snapshot()")) || !query.next()) {
            spdlog::info("introspect: no snapshot to share ({}); reading on one connection",
                         query.lastError().text().toStdString());
            return {};
        }
        return query.value(0).toString();
    }

    std::optional<Error> run(const QString &name, const RowHandler &handler)
    {
        return runCatalogQuery(m_connection, m_options, name, handler);
    }

    /// One shared copy of each repeated text (column names, types, defaults): 100,000
    /// columns hold a few thousand distinct strings, and implicit sharing makes the rest free.
    QString intern(const QString &text)
    {
        if (text.isEmpty())
            return {};
        const auto it = m_strings.constFind(text);
        if (it != m_strings.constEnd())
            return *it;
        m_strings.insert(text);
        return text;
    }

    QString canonicalPostgresType(const QString &formatted)
    {
        auto it = m_canonicalTypes.constFind(formatted);
        if (it == m_canonicalTypes.constEnd())
            it = m_canonicalTypes.insert(formatted, intern(canonicalType(Dialect::PostgreSQL, formatted)));
        return *it;
    }

    void addColumn(const QSqlQuery &q)
    {
        // Rows come ordered by table oid: a table's columns arrive together.
        const qint64 oid = q.value(11).toLongLong();
        if (oid != m_currentTableOid) {
            if (m_currentTable) // its columns are complete: give back the list's growth room
                m_builder.at(m_currentTable->position).columns.squeeze();
            const QString nsName = q.value(0).toString();
            const QString tableName = q.value(1).toString();
            Table *table = m_builder.table(nsName, tableName);
            if (!table) {
                table = &m_builder.addTable(nsName, tableName);
                table->comment = q.value(2).toString();
                m_tablesByOid.insert(oid, KnownTable{nsName, tableName,
                                                     m_builder.positionOf(nsName, tableName), {}});
            }
            m_currentTableOid = oid;
            m_currentTable = &m_tablesByOid[oid];
        }
        if (q.value(3).isNull())
            return; // a table with no columns
        Table *table = &m_builder.at(m_currentTable->position);
        Column c;
        c.name = intern(q.value(3).toString());
        setColumnName(*m_currentTable, q.value(12).toInt(), c.name);
        c.type = canonicalPostgresType(q.value(4).toString());
        c.nullable = !q.value(5).toBool();
        const QString expression = intern(q.value(6).toString());
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

    /// A table read by the columns query (or looked up for a foreign key): where it is and
    /// its column names by attnum (dropped columns leave empty slots).
    struct KnownTable
    {
        QString schema;
        QString name;
        SchemaBuilder::Position position; ///< ns = -1 for a table looked up, not read
        QStringList columnsByAttnum;
    };

    QStringList columnNames(const KnownTable &table, const QList<int> &attnums) const
    {
        QStringList names;
        names.reserve(attnums.size());
        for (int attnum : attnums)
            names.append(attnum > 0 && attnum < table.columnsByAttnum.size()
                             ? table.columnsByAttnum[attnum]
                             : QString());
        return names;
    }

    void addConstraint(const ConstraintRow &row)
    {
        const auto known = m_tablesByOid.constFind(row.tableOid);
        if (known == m_tablesByOid.constEnd())
            return;
        Table &table = m_builder.at(known->position);
        const QStringList columns = columnNames(*known, row.columns);
        if (row.kind == QLatin1Char('p')) {
            table.primaryKey = PrimaryKey{row.name, columns};
        } else if (row.kind == QLatin1Char('u')) {
            table.uniques.append(UniqueConstraint{row.name, columns});
        } else if (row.kind == QLatin1Char('c')) {
            table.checks.append(CheckConstraint{row.name, intern(row.checkExpression)});
        } else if (row.kind == QLatin1Char('f')) {
            ForeignKey fk;
            fk.name = row.name;
            fk.columns = columns;
            fk.onUpdate = row.onUpdate;
            fk.onDelete = row.onDelete;
            fk.deferrable = row.deferrable;
            fk.initiallyDeferred = row.initiallyDeferred;
            fk.validated = row.validated;
            table.foreignKeys.append(fk);
            // The referenced side is named once every table is known (it may live in a
            // schema left out by --schema).
            m_pendingReferences.append(PendingReference{known->position, table.foreignKeys.size() - 1,
                                                        row.referencedTableOid, row.referencedColumns});
        }
    }

    void addIndex(IndexRow &row)
    {
        const auto known = m_tablesByOid.constFind(row.tableOid);
        if (known == m_tablesByOid.constEnd())
            return;
        Index &index = row.index;
        index.method = intern(index.method);
        const qsizetype keyCount = std::min<qsizetype>(row.keyCount, row.attnums.size());
        for (qsizetype k = 0; k < row.attnums.size(); ++k) {
            const int attnum = row.attnums[k];
            const QString part = attnum == 0 ? row.deparsedKeys.value(k)
                                             : columnNames(*known, {attnum}).first();
            if (k < keyCount)
                index.columns.append(part + keyOrderSuffix(row.options.value(k)));
            else
                index.include.append(part);
        }
        m_builder.at(known->position).indexes.append(std::move(index));
    }

    /// Names the referenced table and columns of every foreign key; tables not read (another
    /// schema under --schema) are looked up in one query.
    std::optional<Error> resolveReferences()
    {
        QStringList missing;
        for (const PendingReference &ref : std::as_const(m_pendingReferences)) {
            if (!m_tablesByOid.contains(ref.tableOid))
                missing.append(QString::number(ref.tableOid));
        }
        if (!missing.isEmpty()) {
            missing.removeDuplicates();
            QString sql = catalogQuery(Dialect::PostgreSQL, QStringLiteral("relations"));
            sql.replace(QStringLiteral("/*TABLE_OIDS*/"), missing.join(QLatin1Char(',')));
            QSqlQuery query(m_connection.database());
            query.setForwardOnly(true);
            if (!query.exec(sql))
                return DbConnection::queryError(
                    query, QStringLiteral("Reading referenced tables from the catalogue failed"));
            while (query.next()) {
                KnownTable &t = m_tablesByOid[query.value(0).toLongLong()];
                t.schema = query.value(1).toString();
                t.name = query.value(2).toString();
                setColumnName(t, query.value(3).toInt(), query.value(4).toString());
            }
        }
        for (const PendingReference &ref : std::as_const(m_pendingReferences)) {
            const auto referenced = m_tablesByOid.constFind(ref.tableOid);
            if (referenced == m_tablesByOid.constEnd())
                continue; // dropped meanwhile: the names stay empty, as a join would leave them
            ForeignKey &fk = m_builder.at(ref.owner).foreignKeys[ref.foreignKey];
            fk.referencedSchema = referenced->schema;
            fk.referencedTable = referenced->name;
            fk.referencedColumns = columnNames(*referenced, ref.attnums);
        }
        return std::nullopt;
    }

    static void setColumnName(KnownTable &table, int attnum, const QString &name)
    {
        if (attnum <= 0)
            return;
        if (table.columnsByAttnum.size() <= attnum)
            table.columnsByAttnum.resize(attnum + 1);
        table.columnsByAttnum[attnum] = name;
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

    struct PendingReference
    {
        SchemaBuilder::Position owner;
        qsizetype foreignKey = 0;
        qint64 tableOid = 0;
        QList<int> attnums;
    };

    DbConnection &m_connection;
    const IntrospectOptions &m_options;
    Schema m_schema;
    SchemaBuilder m_builder;
    QHash<qint64, KnownTable> m_tablesByOid;
    qint64 m_currentTableOid = -1;
    KnownTable *m_currentTable = nullptr; ///< m_tablesByOid's entry for m_currentTableOid
    QSet<QString> m_strings;
    QHash<QString, QString> m_canonicalTypes;
    bool m_inTransaction = false;
    QList<PendingReference> m_pendingReferences;
};

} // namespace

Expected<Schema> introspectPostgres(DbConnection &connection, const IntrospectOptions &options)
{
    return PostgresReader(connection, options).read();
}

} // namespace migconsole
