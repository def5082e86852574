// PostgreSQL introspection: six set-based pg_catalog queries for the whole database,
// however many tables it has (ARCHITECTURE.md: never one query per table).

#include "db/Introspector.h"
#include "db/PostgresCatalogRows.h"
#include "schema/CanonicalType.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <spdlog/spdlog.h>

#include <functional>
#include <thread>

namespace migconsole {

using namespace pgcatalog;

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
            // E.g. a standby that cannot export one. The failed statement aborted the
            // transaction: end it, and read outside one as usual.
            spdlog::info("introspect: no snapshot to share ({}); reading on one connection",
                         query.lastError().text().toStdString());
            query.finish();
            m_connection.exec(QStringLiteral("ROLLBACK"), QStringLiteral("end the read"));
            m_inTransaction = false;
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
