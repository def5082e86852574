// SQLite introspection: five set-based queries over sqlite_schema joined with the
// table-valued pragmas (ARCHITECTURE.md: never one query per table). What SQLite keeps
// no catalogue of — CHECKs, constraint names, generation expressions, DEFERRABLE,
// index expressions — is read from the stored CREATE text by SqliteDdlScanner.

#include "db/Introspector.h"
#include "db/SqliteDdlScanner.h"
#include "schema/CanonicalType.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlQuery>
#include <QVariant>

#include <spdlog/spdlog.h>

#include <functional>
#include <map>
#include <utility>

namespace migconsole {

namespace {

const QString kMain = QStringLiteral("main");

/// SQLite compares identifiers case-insensitively, but only for ASCII letters.
QString fold(const QString &name)
{
    QString out = name;
    for (QChar &c : out) {
        if (c.unicode() < 0x80)
            c = c.toLower();
    }
    return out;
}

QStringList fold(const QStringList &names)
{
    QStringList out;
    out.reserve(names.size());
    for (const QString &name : names)
        out.append(fold(name));
    return out;
}

struct IndexPart
{
    QString column; ///< empty for an expression (cid -2) or rowid (cid -1) part
    bool desc = false;
};

/// One index as its pragma rows arrive (rows come ordered by table, index, seqno).
struct PendingIndex
{
    QString name;
    QString origin;
    bool unique = false;
    QString sql;
    QList<IndexPart> parts;
};

/// One foreign key as its pragma rows arrive (ordered by table, id, seq).
struct PendingForeignKey
{
    int id = -1;
    QString referencedTable; ///< as written in the DDL
    QStringList columns;
    QStringList referencedColumns; ///< as written; empty when "to" was NULL
    QString onUpdate;
    QString onDelete;
};

/// What we remember per table until every query has run.
struct TableState
{
    qsizetype index = -1; ///< position in the "main" namespace's table list
    SqliteTableDdl ddl;
    std::map<int, QString> pkColumns; ///< pk position → column name
    QString pkDeclaredType;           ///< declared type of the (first) PK column
    bool hasPkIndex = false;          ///< an origin 'pk' index: WITHOUT ROWID or not an alias
    QList<PendingIndex> indexes;
    QList<PendingForeignKey> foreignKeys;
};

class SqliteReader
{
public:
    SqliteReader(DbConnection &connection, const IntrospectOptions &options)
        : m_connection(connection), m_options(options)
    {
        m_schema.dialect = Dialect::SQLite;
    }

    Expected<Schema> read()
    {
        if (cancelRequested(m_options))
            return cancelledError();
        // SQLite has one namespace we read, "main"; a filter without it selects nothing.
        if (!m_options.namespaces.isEmpty() && !m_options.namespaces.contains(kMain))
            return m_schema;
        m_schema.namespaces.append(Namespace{kMain, {}, {}, {}});

        const std::pair<const char *, RowHandler> steps[] = {
            {"tables", [this](const QSqlQuery &q) { addTable(q); }},
            {"columns", [this](const QSqlQuery &q) { addColumn(q); }},
            {"indexes", [this](const QSqlQuery &q) { addIndexRow(q); }},
            {"foreign_keys", [this](const QSqlQuery &q) { addForeignKeyRow(q); }},
            {"views", [this](const QSqlQuery &q) { addView(q); }},
        };
        // One read transaction, so the five queries see one snapshot even while another
        // process changes the schema. If the caller already has a transaction open, BEGIN
        // fails and we simply read inside theirs.
        QSqlDatabase db = m_connection.database();
        const bool ownTransaction = db.transaction();
        std::optional<Error> failure;
        for (const auto &[name, handler] : steps) {
            if ((failure = run(QString::fromLatin1(name), handler)))
                break;
        }
        if (ownTransaction)
            db.rollback(); // nothing was written; ending the read releases the shared lock
        if (failure)
            return *failure;
        if (cancelRequested(m_options))
            return cancelledError();
        finish();
        m_schema.sortByName();
        return m_schema;
    }

private:
    using RowHandler = std::function<void(const QSqlQuery &)>;

    Namespace &ns() { return m_schema.namespaces.first(); }

    std::optional<Error> run(const QString &name, const RowHandler &handler)
    {
        if (cancelRequested(m_options))
            return cancelledError();
        QElapsedTimer timer;
        timer.start();
        QSqlQuery query(m_connection.database());
        query.setForwardOnly(true);
        if (!query.exec(catalogQuery(Dialect::SQLite, name)))
            return DbConnection::queryError(
                query, QStringLiteral("Reading %1 from the SQLite schema failed").arg(name));
        int rows = 0;
        while (query.next()) {
            if (++rows % 4096 == 0 && cancelRequested(m_options))
                return cancelledError();
            handler(query);
        }
        spdlog::debug("introspect sqlite {}: {} rows in {} ms", name.toStdString(), rows,
                      timer.elapsed());
        return std::nullopt;
    }

    /// Null for a table the tables query did not list (it cannot happen unless the
    /// schema changes between queries; such rows are dropped rather than guessed at).
    TableState *state(const QString &tableName)
    {
        const auto it = m_tables.find(tableName);
        return it == m_tables.end() ? nullptr : &*it;
    }

    void addTable(const QSqlQuery &q)
    {
        const QString name = q.value(0).toString();
        ns().tables.append(Table{});
        ns().tables.last().name = name;
        TableState &s = m_tables[name];
        s.index = ns().tables.size() - 1;
        s.ddl = SqliteDdlScanner::scanCreateTable(q.value(1).toString());
        m_tableByFoldedName.insert(fold(name), name);
    }

    void addColumn(const QSqlQuery &q)
    {
        TableState *s = state(q.value(0).toString());
        const int hidden = q.value(7).toInt();
        if (!s || hidden == 1) // hidden 1: a virtual table's hidden column, not user data
            return;
        Column c;
        c.name = q.value(2).toString();
        const QString declared = q.value(3).toString();
        c.type = canonicalType(Dialect::SQLite, declared);
        c.nullable = !q.value(4).toBool();
        c.defaultExpr = q.value(5).toString();
        if (hidden == 2 || hidden == 3) {
            c.generatedStored = hidden == 3;
            const QString key = fold(c.name);
            for (const SqliteTableDdl::Generated &g : std::as_const(s->ddl.generated)) {
                if (fold(g.column) == key)
                    c.generatedExpr = g.expression;
            }
        }
        if (const int pkPosition = q.value(6).toInt(); pkPosition > 0) {
            s->pkColumns[pkPosition] = c.name;
            if (pkPosition == 1)
                s->pkDeclaredType = declared.trimmed();
        }
        ns().tables[s->index].columns.append(c);
    }

    void addIndexRow(const QSqlQuery &q)
    {
        TableState *s = state(q.value(0).toString());
        if (!s)
            return;
        const QString name = q.value(1).toString();
        if (s->indexes.isEmpty() || s->indexes.last().name != name) {
            PendingIndex index;
            index.name = name;
            index.unique = q.value(2).toBool();
            index.origin = q.value(3).toString();
            index.sql = q.value(9).toString();
            s->indexes.append(index);
            s->hasPkIndex |= index.origin == QLatin1String("pk");
        }
        s->indexes.last().parts.append(IndexPart{q.value(7).toString(), q.value(8).toBool()});
    }

    void addForeignKeyRow(const QSqlQuery &q)
    {
        TableState *s = state(q.value(0).toString());
        if (!s)
            return;
        const int id = q.value(1).toInt();
        if (s->foreignKeys.isEmpty() || s->foreignKeys.last().id != id) {
            PendingForeignKey fk;
            fk.id = id;
            fk.referencedTable = q.value(3).toString();
            fk.onUpdate = q.value(6).toString();
            fk.onDelete = q.value(7).toString();
            s->foreignKeys.append(fk);
        }
        PendingForeignKey &fk = s->foreignKeys.last();
        fk.columns.append(q.value(4).toString());
        if (!q.value(5).isNull()) // NULL "to": the referenced table's primary key
            fk.referencedColumns.append(q.value(5).toString());
    }

    void addView(const QSqlQuery &q)
    {
        ns().views.append(View{q.value(0).toString(), false,
                               SqliteDdlScanner::scanViewDefinition(q.value(1).toString())});
    }

    /// Builds what needs every table read first: keys, constraints, foreign keys.
    void finish()
    {
        for (TableState &s : m_tables)
            finishKeysAndIndexes(s, ns().tables[s.index]);
        // Foreign keys last: a key naming no columns means the other table's primary key.
        for (TableState &s : m_tables) {
            QList<SqliteTableDdl::ForeignKey> unmatched = s.ddl.foreignKeys;
            for (const PendingForeignKey &pending : std::as_const(s.foreignKeys))
                ns().tables[s.index].foreignKeys.append(foreignKey(pending, unmatched));
        }
    }

    void finishKeysAndIndexes(TableState &s, Table &table)
    {
        if (!s.pkColumns.empty()) {
            PrimaryKey pk{s.ddl.primaryKeyName, {}};
            for (const auto &[position, column] : s.pkColumns)
                pk.columns.append(column);
            // INTEGER PRIMARY KEY is the rowid itself, unless SQLite had to build a separate
            // PK index (WITHOUT ROWID, or the "INTEGER PRIMARY KEY DESC" quirk). The rowid
            // can never hold NULL (a NULL insert assigns the next id) although the pragma
            // says notnull = 0: report what the column really allows.
            if (pk.columns.size() == 1 && !s.hasPkIndex &&
                s.pkDeclaredType.compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0) {
                for (Column &c : table.columns) {
                    if (c.name == pk.columns.first()) {
                        c.autoIncrement = true;
                        c.nullable = false;
                    }
                }
            }
            table.primaryKey = pk;
        }
        for (const SqliteTableDdl::Check &check : std::as_const(s.ddl.checks))
            table.checks.append(CheckConstraint{check.name, check.expression});

        QList<SqliteTableDdl::Named> namedUniques;
        for (const SqliteTableDdl::Named &u : std::as_const(s.ddl.uniques)) {
            if (!u.name.isEmpty())
                namedUniques.append(u);
        }
        for (const PendingIndex &pending : std::as_const(s.indexes)) {
            if (pending.origin == QLatin1String("c"))
                table.indexes.append(index(pending));
            else if (pending.origin == QLatin1String("u"))
                table.uniques.append(unique(pending, namedUniques));
        }
    }

    static Index index(const PendingIndex &pending)
    {
        const SqliteIndexDdl ddl = SqliteDdlScanner::scanCreateIndex(pending.sql);
        Index index;
        index.name = pending.name;
        index.unique = pending.unique;
        index.predicate = ddl.predicate;
        for (qsizetype i = 0; i < pending.parts.size(); ++i) {
            const IndexPart &part = pending.parts.at(i);
            // Expression parts (and an explicit rowid) have no column name in the pragma.
            QString text = part.column.isEmpty() ? ddl.parts.value(i) : part.column;
            if (part.desc)
                text += QLatin1String(" DESC");
            index.columns.append(text);
        }
        return index;
    }

    static UniqueConstraint unique(const PendingIndex &pending,
                                   QList<SqliteTableDdl::Named> &namedUniques)
    {
        UniqueConstraint u{pending.name, {}};
        for (const IndexPart &part : pending.parts)
            u.columns.append(part.column);
        const QStringList key = fold(u.columns);
        for (qsizetype i = 0; i < namedUniques.size(); ++i) {
            if (fold(namedUniques.at(i).columns) == key) {
                u.name = namedUniques.takeAt(i).name;
                break;
            }
        }
        return u;
    }

    ForeignKey foreignKey(const PendingForeignKey &pending,
                          QList<SqliteTableDdl::ForeignKey> &unmatched) const
    {
        ForeignKey fk;
        fk.columns = pending.columns;
        fk.onDelete =
            referentialActionFromSql(pending.onDelete).value_or(ReferentialAction::NoAction);
        fk.onUpdate =
            referentialActionFromSql(pending.onUpdate).value_or(ReferentialAction::NoAction);

        // The DDL clause with the same columns, target and target columns carries the
        // name and DEFERRABLE; "table" and "to" are spelled as in that text.
        const QStringList key = fold(pending.columns);
        for (qsizetype i = 0; i < unmatched.size(); ++i) {
            const SqliteTableDdl::ForeignKey &ddl = unmatched.at(i);
            if (fold(ddl.columns) == key &&
                fold(ddl.referencedTable) == fold(pending.referencedTable) &&
                fold(ddl.referencedColumns) == fold(pending.referencedColumns)) {
                fk.name = ddl.name;
                fk.deferrable = ddl.deferrable;
                fk.initiallyDeferred = ddl.initiallyDeferred;
                unmatched.removeAt(i);
                break;
            }
        }

        // Name the referenced table and columns as they are declared, not as the
        // REFERENCES clause happened to spell them.
        fk.referencedTable =
            m_tableByFoldedName.value(fold(pending.referencedTable), pending.referencedTable);
        const auto target = m_tables.constFind(fk.referencedTable);
        const Table *referenced = target == m_tables.constEnd()
                                      ? nullptr
                                      : &m_schema.namespaces.first().tables[target->index];
        if (pending.referencedColumns.isEmpty()) {
            if (referenced && referenced->primaryKey)
                fk.referencedColumns = referenced->primaryKey->columns;
            return fk;
        }
        for (const QString &column : pending.referencedColumns) {
            QString declared = column;
            if (referenced) {
                for (const Column &c : referenced->columns) {
                    if (fold(c.name) == fold(column))
                        declared = c.name;
                }
            }
            fk.referencedColumns.append(declared);
        }
        return fk;
    }

    DbConnection &m_connection;
    const IntrospectOptions &m_options;
    Schema m_schema;
    QHash<QString, TableState> m_tables;
    QHash<QString, QString> m_tableByFoldedName; ///< fold(name) → declared name
};

} // namespace

Expected<Schema> introspectSqlite(DbConnection &connection, const IntrospectOptions &options)
{
    return SqliteReader(connection, options).read();
}

} // namespace migconsole
