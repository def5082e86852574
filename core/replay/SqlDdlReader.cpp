// op.execute("…") text → typed Operations. Deliberately not an SQL parser: each statement
// is recognised by its leading keywords and read clause by clause; what does not fit is
// one warning naming the statement, so the replay says what it left out instead of
// guessing. Statements that cannot change the compared schema pass silently.

#include "replay/SqlDdlReader.h"

#include "replay/OperationSupport.h"
#include "replay/SqlDdlSupport.h"
#include "util/SqlStatementSplitter.h"

namespace migconsole {

namespace {

using namespace sqlddl;
using K = Operation::Kind;

/// First words of statements that change no table, index or enum: data, transactions,
/// session settings, privileges, maintenance, anonymous code blocks.
bool silentStatement(const Tokens &t)
{
    return t.anyKeyword(
        0, {"INSERT",    "UPDATE",   "DELETE",  "SELECT",     "WITH",    "VALUES",   "MERGE",
            "REPLACE",   "GRANT",    "REVOKE",  "SET",        "RESET",   "SHOW",     "ANALYZE",
            "ANALYSE",   "VACUUM",   "BEGIN",   "COMMIT",     "END",     "ROLLBACK", "START",
            "SAVEPOINT", "RELEASE",  "ABORT",   "DO",         "LOCK",    "NOTIFY",   "LISTEN",
            "UNLISTEN",  "TRUNCATE", "COPY",    "EXPLAIN",    "CALL",    "PRAGMA",   "REINDEX",
            "CLUSTER",   "REFRESH",  "DISCARD", "CHECKPOINT", "PREPARE", "EXECUTE",  "DEALLOCATE",
            "DECLARE",   "FETCH",    "CLOSE",   "MOVE",       "LOAD",    "ATTACH",   "DETACH",
            "SECURITY"});
}

/// Objects of CREATE / DROP / ALTER that are no table, index or enum: the replay leaves
/// them alone (views included, whose definitions it does not rebuild).
bool silentObject(const Tokens &t, qsizetype i)
{
    return t.anyKeyword(i, {"VIEW",     "MATERIALIZED", "RECURSIVE",    "FUNCTION",  "PROCEDURE",
                            "TRIGGER",  "EXTENSION",    "SEQUENCE",     "RULE",      "POLICY",
                            "ROLE",     "USER",         "GROUP",        "AGGREGATE", "EVENT",
                            "LANGUAGE", "PUBLICATION",  "SUBSCRIPTION", "DEFAULT",   "DATABASE",
                            "SYSTEM",   "CONSTRAINT",   "TRUSTED",      "PROCEDURAL"});
}

class StatementReader
{
public:
    StatementReader(const SqlStatement &statement, const SourceLocation &location, Dialect dialect,
                    TypedOperations *out)
        : m_t(statement.text, dialect), m_statement(statement), m_location(location), m_out(out)
    {
    }

    void read();

private:
    using Handler = bool (StatementReader::*)(qsizetype);

    void run(Handler handler, qsizetype i);
    void warn(const QString &why);
    bool fail(const QString &why)
    {
        m_why = why;
        return false;
    }
    /// IF [NOT] EXISTS at `*i`: steps over it and marks what follows conditional.
    bool ifExists(qsizetype *i, bool *conditional);
    Operation make(K kind, const QualifiedName &name, bool conditional) const;

    bool createTable(qsizetype i);
    bool createIndex(qsizetype i);
    bool createType(qsizetype i);
    bool dropTables(qsizetype i) { return dropObjects(i, K::DropTable); }
    bool dropIndexes(qsizetype i) { return dropObjects(i, K::DropIndex); }
    bool dropTypes(qsizetype i) { return dropObjects(i, K::DropEnum); }
    bool dropObjects(qsizetype i, K kind);
    bool alterTable(qsizetype i);
    bool alterAction(qsizetype from, qsizetype to, const QualifiedName &table, bool conditional);
    bool alterColumn(qsizetype i, qsizetype to, Operation op);
    bool addConstraint(qsizetype i, qsizetype to, const QualifiedName &table, bool conditional);
    bool commentOn(qsizetype i);

    Tokens m_t;
    SqlStatement m_statement;
    SourceLocation m_location;
    TypedOperations *m_out;
    QList<Operation> m_ops; // this statement's, kept only when it reads through
    QString m_why;
    bool m_unique = false; // CREATE UNIQUE INDEX
};

void StatementReader::read()
{
    if (m_t.size() == 0 || silentStatement(m_t))
        return;
    if (m_t.keyword(0, "CREATE")) {
        qsizetype i = 1;
        if (m_t.keywords(i, {"OR", "REPLACE"}))
            i += 2;
        bool temporary = false;
        for (; m_t.anyKeyword(i, {"TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "UNIQUE"});
             ++i) {
            temporary = temporary || m_t.anyKeyword(i, {"TEMP", "TEMPORARY"});
            m_unique = m_unique || m_t.keyword(i, "UNIQUE");
        }
        if (m_t.keyword(i, "TABLE") && !temporary)
            return run(&StatementReader::createTable, i + 1);
        if (m_t.keyword(i, "INDEX"))
            return run(&StatementReader::createIndex, i + 1);
        if (m_t.keyword(i, "TYPE"))
            return run(&StatementReader::createType, i + 1);
        // Temporary tables vanish with the session; a schema is a namespace, whose tables
        // come with their own statements.
        if (temporary || silentObject(m_t, i) || m_t.keyword(i, "SCHEMA"))
            return;
        return warn(QStringLiteral("CREATE %1 is not replayed").arg(m_t.slice(i, i + 1).toUpper()));
    }
    if (m_t.keyword(0, "DROP")) {
        if (m_t.keyword(1, "TABLE"))
            return run(&StatementReader::dropTables, 2);
        if (m_t.keyword(1, "INDEX"))
            return run(&StatementReader::dropIndexes, 2);
        if (m_t.keyword(1, "TYPE"))
            return run(&StatementReader::dropTypes, 2);
        if (silentObject(m_t, 1))
            return;
        return warn(QStringLiteral("DROP %1 is not replayed").arg(m_t.slice(1, 2).toUpper()));
    }
    if (m_t.keyword(0, "ALTER")) {
        if (m_t.keyword(1, "TABLE"))
            return run(&StatementReader::alterTable, 2);
        if (silentObject(m_t, 1))
            return;
        return warn(QStringLiteral("ALTER %1 is not replayed").arg(m_t.slice(1, 2).toUpper()));
    }
    if (m_t.keyword(0, "COMMENT"))
        return run(&StatementReader::commentOn, 1);
    warn(QStringLiteral("the statement is not understood"));
}

void StatementReader::run(Handler handler, qsizetype i)
{
    if (const Problem problem = m_t.malformation(); !problem.isEmpty())
        return warn(problem);
    if ((this->*handler)(i))
        m_out->operations += m_ops;
    else
        warn(m_why);
}

void StatementReader::warn(const QString &why)
{
    QString excerpt = m_t.slice(0, m_t.size()).simplified();
    if (excerpt.size() > 60) {
        excerpt.truncate(60);
        if (const qsizetype space = excerpt.lastIndexOf(u' '); space > 40)
            excerpt.truncate(space); // whole words read better in a message
        excerpt += QStringLiteral(" …");
    }
    QString message = QStringLiteral("op.execute at %1:%2: \"%3\" is not replayed")
                          .arg(m_location.file, QString::number(m_location.line), excerpt);
    if (m_statement.line > 1)
        message += QStringLiteral(" (line %1 of its SQL)").arg(m_statement.line);
    m_out->warnings.append(ReplayWarning{m_location, message + QStringLiteral(": ") + why});
}

bool StatementReader::ifExists(qsizetype *i, bool *conditional)
{
    const qsizetype words = m_t.keywords(*i, {"IF", "NOT", "EXISTS"}) ? 3
                            : m_t.keywords(*i, {"IF", "EXISTS"})      ? 2
                                                                      : 0;
    *i += words;
    *conditional = *conditional || words > 0;
    return words > 0;
}

Operation StatementReader::make(K kind, const QualifiedName &name, bool conditional) const
{
    Operation op;
    op.kind = kind;
    op.location = m_location;
    op.schema = name.schema;
    op.table = name.name;
    op.conditional = conditional;
    return op;
}

bool StatementReader::createTable(qsizetype i)
{
    bool conditional = false;
    ifExists(&i, &conditional);
    const std::optional<QualifiedName> name = readQualifiedName(m_t, &i, m_t.size());
    if (!name)
        return fail(QStringLiteral("it names no table"));
    if (!m_t.symbol(i, '('))
        return fail(QStringLiteral("only a table with a column list is replayed (not AS, OF, "
                                   "PARTITION OF)"));
    const qsizetype close = m_t.matchingParen(i, m_t.size());
    TableDraft draft;
    draft.table.name = name->name;
    for (const auto &[from, to] : m_t.splitTopLevel(i + 1, close)) {
        if (from == to && close == i + 1)
            break; // CREATE TABLE t (): PostgreSQL allows a table without columns
        if (from == to)
            return fail(QStringLiteral("an element of the column list is empty"));
        if (m_t.keyword(from, "LIKE"))
            return fail(QStringLiteral("LIKE copies columns this reader cannot see"));
        const Problem problem = startsTableConstraint(m_t, from)
                                    ? readTableConstraint(m_t, from, to, &draft)
                                    : readColumnDefinition(m_t, from, to, &draft);
        if (!problem.isEmpty())
            return fail(problem);
    }
    // After the list: WITHOUT ROWID, STRICT, PARTITION BY, WITH (…), TABLESPACE … change no
    // compared fact; INHERITS adds columns from elsewhere.
    for (qsizetype after = close + 1; after < m_t.size(); ++after) {
        if (m_t.keyword(after, "INHERITS"))
            return fail(QStringLiteral("INHERITS copies columns this reader cannot see"));
    }
    finishTable(m_t.dialect(), &draft, true);
    Operation op = make(K::CreateTable, *name, conditional);
    op.tableDef = draft.table;
    m_ops.append(op);
    return true;
}

bool StatementReader::createIndex(qsizetype i)
{
    const qsizetype end = m_t.size();
    bool conditional = false;
    if (m_t.keyword(i, "CONCURRENTLY"))
        ++i;
    ifExists(&i, &conditional);
    std::optional<QualifiedName> indexName;
    if (!m_t.keyword(i, "ON") && !(indexName = readQualifiedName(m_t, &i, end)))
        return fail(QStringLiteral("the index name cannot be read"));
    if (!m_t.keyword(i++, "ON"))
        return fail(QStringLiteral("ON <table> is missing"));
    if (m_t.keyword(i, "ONLY"))
        ++i;
    const std::optional<QualifiedName> table = readQualifiedName(m_t, &i, end);
    if (!table)
        return fail(QStringLiteral("it names no table"));
    Operation op = make(K::CreateIndex, *table, conditional);
    Index &index = op.index;
    index.unique = m_unique;
    if (m_t.keyword(i, "USING") && m_t.isName(i + 1)) {
        index.method = m_t.name(i + 1).toLower();
        i += 2;
    }
    const qsizetype close = m_t.matchingParen(i, end);
    if (!m_t.symbol(i, '(') || close >= end)
        return fail(QStringLiteral("the key column list cannot be read"));
    QStringList nameParts; // for PostgreSQL's name of an unnamed index
    for (const auto &[from, to] : m_t.splitTopLevel(i + 1, close)) {
        // The key itself: a column, a function call or a parenthesised expression; then
        // COLLATE / operator class, then ordering, kept as PostgreSQL prints them.
        qsizetype keyEnd = from + 1;
        QString key;
        if (m_t.symbol(from, '(')) {
            keyEnd = m_t.matchingParen(from, to) + 1;
            key = m_t.slice(from + 1, keyEnd - 1);
            nameParts.append(QStringLiteral("expr"));
        } else if (m_t.isName(from) && m_t.symbol(from + 1, '(')) {
            keyEnd = m_t.matchingParen(from + 1, to) + 1;
            key = m_t.slice(from, keyEnd);
            nameParts.append(m_t.name(from));
        } else if (m_t.isName(from)) {
            key = m_t.name(from);
            nameParts.append(key);
        } else {
            return fail(QStringLiteral("index key %1 cannot be read").arg(m_t.slice(from, to)));
        }
        if (keyEnd < to)
            key += u' ' + m_t.slice(keyEnd, to);
        const std::optional<QString> part = opsupport::indexPart(makeString(key, 0));
        index.columns.append(part.value_or(key));
    }
    if (index.columns.isEmpty())
        return fail(QStringLiteral("the index has no key columns"));
    for (i = close + 1; i < end;) {
        if (m_t.keyword(i, "INCLUDE")) {
            ++i;
            const std::optional<QStringList> include = readNameList(m_t, &i, end);
            if (!include)
                return fail(QStringLiteral("INCLUDE cannot be read"));
            index.include = *include;
        } else if (m_t.keyword(i, "WHERE")) {
            index.predicate = m_t.slice(i + 1, end);
            i = end;
        } else if (m_t.keyword(i, "WITH") && m_t.symbol(i + 1, '(')) {
            i = m_t.matchingParen(i + 1, end) + 1; // storage parameters
        } else if (m_t.keyword(i, "TABLESPACE") && m_t.isName(i + 1)) {
            i += 2;
        } else if (m_t.keywords(i, {"NULLS", "DISTINCT"}) ||
                   m_t.keywords(i, {"NULLS", "NOT", "DISTINCT"})) {
            i += m_t.keyword(i + 1, "NOT") ? 3 : 2;
        } else {
            return fail(QStringLiteral("%1 after the key columns is not understood")
                            .arg(m_t.slice(i, i + 1)));
        }
    }
    if (indexName) {
        index.name = indexName->name;
    } else if (m_t.dialect() == Dialect::PostgreSQL) {
        index.name =
            opsupport::pgDefaultName(m_t.dialect(), table->name, nameParts, QStringLiteral("idx"));
    } else {
        return fail(QStringLiteral("the index has no name"));
    }
    m_ops.append(op);
    return true;
}

bool StatementReader::createType(qsizetype i)
{
    const std::optional<QualifiedName> name = readQualifiedName(m_t, &i, m_t.size());
    if (!name || !m_t.keywords(i, {"AS", "ENUM"}) || !m_t.symbol(i + 2, '('))
        return fail(QStringLiteral("only CREATE TYPE … AS ENUM (…) is replayed"));
    i += 2;
    const qsizetype close = m_t.matchingParen(i, m_t.size());
    Operation op = make(K::CreateEnum, *name, false);
    op.table.clear();
    op.enumType.name = name->name;
    if (close > i + 1) {
        for (const auto &[from, to] : m_t.splitTopLevel(i + 1, close)) {
            if (to != from + 1 || !m_t.isString(from))
                return fail(QStringLiteral("an enum label is not a string literal"));
            op.enumType.labels.append(m_t.stringValue(from));
        }
    }
    if (close + 1 < m_t.size())
        return fail(QStringLiteral("text follows the label list"));
    m_ops.append(op);
    return true;
}

bool StatementReader::dropObjects(qsizetype i, K kind)
{
    bool conditional = false;
    if (kind == K::DropIndex && m_t.keyword(i, "CONCURRENTLY"))
        ++i;
    ifExists(&i, &conditional);
    const qsizetype end = m_t.size();
    for (;;) {
        const std::optional<QualifiedName> name = readQualifiedName(m_t, &i, end);
        if (!name)
            return fail(QStringLiteral("it names no object to drop"));
        Operation op = make(kind, *name, conditional);
        if (kind == K::DropIndex) {
            op.name = name->name;
            op.table.clear(); // DROP INDEX does not say which table
        } else if (kind == K::DropEnum) {
            op.enumType.name = name->name;
            op.table.clear();
        }
        m_ops.append(op);
        if (!m_t.symbol(i, ','))
            break;
        ++i;
    }
    if (m_t.anyKeyword(i, {"CASCADE", "RESTRICT"}))
        ++i;
    return i == end || fail(QStringLiteral("%1 is not understood").arg(m_t.slice(i, i + 1)));
}

bool StatementReader::alterTable(qsizetype i)
{
    bool conditional = false;
    ifExists(&i, &conditional);
    if (m_t.keyword(i, "ONLY"))
        ++i;
    const std::optional<QualifiedName> table = readQualifiedName(m_t, &i, m_t.size());
    if (!table)
        return fail(QStringLiteral("it names no table"));
    if (m_t.symbol(i, '*')) // inheritance children included: the same table for us
        ++i;
    const QList<std::pair<qsizetype, qsizetype>> actions = m_t.splitTopLevel(i, m_t.size());
    if (actions.size() == 1 && actions.first().first == actions.first().second)
        return fail(QStringLiteral("it has no action"));
    // Each action stands alone: the ones read still apply when another is warned about.
    for (const auto &[from, to] : actions) {
        if (!alterAction(from, to, *table, conditional)) {
            const QString action = m_t.slice(from, to).simplified();
            warn(QStringLiteral("%1 (action \"%2\")").arg(m_why, action.left(60)));
        }
    }
    return true;
}

bool StatementReader::alterAction(qsizetype i, qsizetype to, const QualifiedName &table,
                                  bool conditional)
{
    if (i == to)
        return fail(QStringLiteral("an action is empty"));
    if (m_t.keyword(i, "ADD")) {
        ++i;
        if (startsTableConstraint(m_t, i))
            return addConstraint(i, to, table, conditional);
        if (m_t.keyword(i, "COLUMN"))
            ++i;
        ifExists(&i, &conditional);
        TableDraft draft;
        draft.table.name = table.name;
        if (const Problem problem = readColumnDefinition(m_t, i, to, &draft); !problem.isEmpty())
            return fail(problem);
        finishTable(m_t.dialect(), &draft, true);
        Operation op = make(K::AddColumn, table, conditional);
        op.tableDef = draft.table;
        op.column = draft.table.columns.value(0);
        m_ops.append(op);
        return true;
    }
    if (m_t.keyword(i, "DROP")) {
        const bool constraint = m_t.keyword(i + 1, "CONSTRAINT");
        i += (constraint || m_t.keyword(i + 1, "COLUMN")) ? 2 : 1;
        ifExists(&i, &conditional);
        if (!m_t.isName(i))
            return fail(QStringLiteral("DROP names nothing"));
        Operation op = make(constraint ? K::DropConstraint : K::DropColumn, table, conditional);
        op.name = m_t.name(i++);
        if (m_t.anyKeyword(i, {"CASCADE", "RESTRICT"}))
            ++i;
        if (i != to)
            return fail(QStringLiteral("%1 is not understood").arg(m_t.slice(i, i + 1)));
        m_ops.append(op);
        return true;
    }
    if (m_t.keyword(i, "ALTER")) {
        i += m_t.keyword(i + 1, "COLUMN") ? 2 : 1;
        if (!m_t.isName(i))
            return fail(QStringLiteral("ALTER names no column"));
        Operation op = make(K::AlterColumn, table, conditional);
        op.name = m_t.name(i++);
        return alterColumn(i, to, op);
    }
    if (m_t.keyword(i, "RENAME")) {
        if (m_t.keyword(i + 1, "TO") && m_t.isName(i + 2) && i + 3 == to) {
            Operation op = make(K::RenameTable, table, conditional);
            op.newName = m_t.name(i + 2);
            m_ops.append(op);
            return true;
        }
        i += m_t.keyword(i + 1, "COLUMN") ? 2 : 1;
        if (!m_t.isName(i) || m_t.keyword(i, "CONSTRAINT") || !m_t.keyword(i + 1, "TO") ||
            !m_t.isName(i + 2) || i + 3 != to)
            return fail(QStringLiteral("only RENAME TO and RENAME COLUMN are replayed"));
        Operation op = make(K::AlterColumn, table, conditional);
        op.name = m_t.name(i);
        op.newName = m_t.name(i + 2);
        m_ops.append(op);
        return true;
    }
    // Ownership, storage, triggers, row security, clustering, replica identity: nothing
    // the comparison looks at.
    if (m_t.anyKeyword(i, {"OWNER", "ENABLE", "DISABLE", "FORCE", "CLUSTER", "REPLICA", "RESET"}) ||
        m_t.keywords(i, {"NO", "FORCE"}) ||
        (m_t.keyword(i, "SET") &&
         (m_t.anyKeyword(i + 1, {"TABLESPACE", "LOGGED", "UNLOGGED", "WITHOUT", "ACCESS"}) ||
          m_t.symbol(i + 1, '('))))
        return true;
    return fail(QStringLiteral("%1 is not understood").arg(m_t.slice(i, std::min(i + 2, to))));
}

bool StatementReader::alterColumn(qsizetype i, qsizetype to, Operation op)
{
    if (m_t.keyword(i, "TYPE") || m_t.keywords(i, {"SET", "DATA", "TYPE"})) {
        i += m_t.keyword(i, "TYPE") ? 1 : 3;
        qsizetype typeEnd = i;
        while (typeEnd < to && !m_t.anyKeyword(typeEnd, {"COLLATE", "USING"}))
            ++typeEnd;
        if (typeEnd == i)
            return fail(QStringLiteral("TYPE names no type"));
        op.newType = columnType(m_t, i, typeEnd);
        i = typeEnd;
        if (m_t.keyword(i, "COLLATE"))
            i += 2;
        if (m_t.keyword(i, "USING")) {
            op.usingExpr = m_t.slice(i + 1, to);
            i = to;
        }
    } else if (m_t.keywords(i, {"SET", "NOT", "NULL"}) ||
               m_t.keywords(i, {"DROP", "NOT", "NULL"})) {
        op.newNullable = m_t.keyword(i, "DROP");
        i += 3;
    } else if (m_t.keywords(i, {"SET", "DEFAULT"})) {
        if (i + 2 >= to)
            return fail(QStringLiteral("SET DEFAULT has no expression"));
        QString expression = m_t.slice(i + 2, to);
        if (m_t.dialect() == Dialect::PostgreSQL &&
            expression.compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0)
            expression.clear(); // the same as DROP DEFAULT there
        op.newDefault = expression;
        i = to;
    } else if (m_t.keywords(i, {"DROP", "DEFAULT"})) {
        op.newDefault = QString();
        i += 2;
    } else if (m_t.keyword(i, "SET") &&
               (m_t.anyKeyword(i + 1, {"STATISTICS", "STORAGE", "COMPRESSION"}) ||
                m_t.symbol(i + 1, '('))) {
        return true; // planner and storage settings, not compared
    } else if (m_t.keyword(i, "RESET")) {
        return true;
    } else {
        return fail(QStringLiteral("ALTER COLUMN %1 is not understood")
                        .arg(m_t.slice(i, std::min(i + 2, to))));
    }
    if (i != to)
        return fail(QStringLiteral("%1 is not understood").arg(m_t.slice(i, i + 1)));
    m_ops.append(op);
    return true;
}

bool StatementReader::addConstraint(qsizetype i, qsizetype to, const QualifiedName &table,
                                    bool conditional)
{
    TableDraft draft;
    draft.table.name = table.name;
    if (const Problem problem = readTableConstraint(m_t, i, to, &draft); !problem.isEmpty())
        return fail(problem);
    // One constraint was read; which list it went to says which operation it is. An unnamed
    // CHECK keeps an empty name, as create_check_constraint(None, …) does: the table's
    // columns, which PostgreSQL's name depends on, are not known here.
    Operation op = make(K::CreatePrimaryKey, table, conditional);
    if (draft.table.primaryKey) {
        op.primaryKey = *draft.table.primaryKey;
    } else if (!draft.table.uniques.isEmpty()) {
        op.kind = K::CreateUniqueConstraint;
        op.unique = draft.table.uniques.first();
    } else if (!draft.table.foreignKeys.isEmpty()) {
        op.kind = K::CreateForeignKey;
        op.foreignKey = draft.table.foreignKeys.first();
    } else if (!draft.table.checks.isEmpty()) {
        op.kind = K::CreateCheckConstraint;
        op.check = draft.table.checks.first();
    } else {
        return fail(QStringLiteral("the constraint cannot be read"));
    }
    m_ops.append(op);
    return true;
}

bool StatementReader::commentOn(qsizetype i)
{
    if (!m_t.keywords(i, {"ON", "TABLE"}))
        return true; // comments on columns, types, … : no operation carries them
    i += 2;
    const std::optional<QualifiedName> table = readQualifiedName(m_t, &i, m_t.size());
    if (!table || !m_t.keyword(i, "IS") || i + 2 != m_t.size())
        return fail(QStringLiteral("COMMENT ON TABLE cannot be read"));
    if (!m_t.isString(i + 1) && !m_t.keyword(i + 1, "NULL"))
        return fail(QStringLiteral("the comment is not a string literal"));
    Operation op = make(K::SetTableComment, *table, false);
    op.comment = m_t.stringValue(i + 1); // NULL drops it: empty
    m_ops.append(op);
    return true;
}

} // namespace

TypedOperations readSqlDdl(const QString &sql, const SourceLocation &location, Dialect dialect)
{
    TypedOperations result;
    for (const SqlStatement &statement : splitSqlStatements(sql))
        StatementReader(statement, location, dialect, &result).read();
    return result;
}

} // namespace migconsole
