// The table elements of SQL DDL read by SqlDdlReader: column definitions and table
// constraints, typed the way typeOperations types op.create_table (canonical types,
// PostgreSQL's derived names). The token view they read is in SqlDdlTokens.cpp.

#include "replay/OperationSupport.h"
#include "replay/SqlDdlSupport.h"
#include "schema/CanonicalType.h"

#include <QRegularExpression>

#include <algorithm>
#include <utility>

namespace migconsole::sqlddl {

std::optional<QualifiedName> readQualifiedName(const Tokens &t, qsizetype *i, qsizetype end)
{
    QStringList parts;
    qsizetype at = *i;
    while (at < end && t.isName(at)) {
        parts.append(t.name(at++));
        if (!t.symbol(at, '.') || parts.size() == 3)
            break;
        ++at;
    }
    if (parts.isEmpty() || t.symbol(at - 1, '.'))
        return std::nullopt;
    *i = at;
    return QualifiedName{parts.size() > 1 ? parts[parts.size() - 2] : QString(), parts.last()};
}

std::optional<QStringList> readNameList(const Tokens &t, qsizetype *i, qsizetype end)
{
    if (!t.symbol(*i, '('))
        return std::nullopt;
    const qsizetype close = t.matchingParen(*i, end);
    if (close >= end)
        return std::nullopt;
    QStringList names;
    for (const auto &[from, to] : t.splitTopLevel(*i + 1, close)) {
        if (!t.isName(from))
            return std::nullopt;
        names.append(t.name(from));
    }
    *i = close + 1;
    return names;
}

QString columnType(const Tokens &t, qsizetype from, qsizetype to, bool *serial)
{
    static const QRegularExpression arrayBound(QStringLiteral("\\[\\s*\\d*\\s*\\]"));
    static const QStringList serials = {
        QStringLiteral("serial"),  QStringLiteral("serial4"),     QStringLiteral("bigserial"),
        QStringLiteral("serial8"), QStringLiteral("smallserial"), QStringLiteral("serial2"),
    };
    QString raw = t.slice(from, to);
    raw.replace(arrayBound, QStringLiteral("[]")); // PostgreSQL ignores declared array sizes
    if (serial)
        *serial =
            t.dialect() == Dialect::PostgreSQL && serials.contains(raw.simplified().toLower());
    return canonicalType(t.dialect(), raw);
}

namespace {

using opsupport::pgDefaultName;

bool startsColumnConstraint(const Tokens &t, qsizetype i)
{
    return t.anyKeyword(i, {"CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE",
                            "REFERENCES", "CHECK", "GENERATED", "COLLATE", "AS"});
}

/// SQLite's `ON CONFLICT <resolution>` after NOT NULL / UNIQUE / PRIMARY KEY: no schema
/// meaning for the comparison, stepped over.
qsizetype skipConflictClause(const Tokens &t, qsizetype i)
{
    return t.keywords(i, {"ON", "CONFLICT"}) ? i + 3 : i;
}

/// `DEFERRABLE`, `NOT DEFERRABLE`, `INITIALLY DEFERRED|IMMEDIATE` after a key or reference.
qsizetype readDeferral(const Tokens &t, qsizetype i, ForeignKey *fk)
{
    for (;;) {
        if (t.keyword(i, "DEFERRABLE")) {
            if (fk)
                fk->deferrable = true;
            ++i;
        } else if (t.keywords(i, {"NOT", "DEFERRABLE"})) {
            i += 2;
        } else if (t.keyword(i, "INITIALLY") && t.anyKeyword(i + 1, {"DEFERRED", "IMMEDIATE"})) {
            if (fk)
                fk->initiallyDeferred = t.keyword(i + 1, "DEFERRED");
            i += 2;
        } else {
            return i;
        }
    }
}

/// "( expr )" at `*i`: the inside, verbatim; advances past ')'. nullopt when not there.
std::optional<QString> readParenthesised(const Tokens &t, qsizetype *i, qsizetype end)
{
    if (!t.symbol(*i, '('))
        return std::nullopt;
    const qsizetype close = t.matchingParen(*i, end);
    if (close >= end)
        return std::nullopt;
    const QString inside = t.slice(*i + 1, close);
    *i = close + 1;
    return inside;
}

/// `REFERENCES t [(cols)] [MATCH …] [ON DELETE|UPDATE action] [deferral] [NOT VALID]` at
/// `*i` (on REFERENCES) into `fk`; advances past it.
Problem readReferences(const Tokens &t, qsizetype *i, qsizetype end, ForeignKey *fk)
{
    qsizetype at = *i + 1;
    const std::optional<QualifiedName> target = readQualifiedName(t, &at, end);
    if (!target)
        return QStringLiteral("REFERENCES names no table");
    fk->referencedSchema = target->schema;
    fk->referencedTable = target->name;
    if (t.symbol(at, '(')) {
        const std::optional<QStringList> columns = readNameList(t, &at, end);
        if (!columns)
            return QStringLiteral("the referenced columns cannot be read");
        fk->referencedColumns = *columns;
    }
    for (;;) {
        if (t.keyword(at, "MATCH") && t.isWord(at + 1)) {
            at += 2;
        } else if (t.keyword(at, "ON") && t.anyKeyword(at + 1, {"DELETE", "UPDATE"})) {
            const bool onDelete = t.keyword(at + 1, "DELETE");
            at += 2;
            // One or two words: CASCADE, RESTRICT, NO ACTION, SET NULL, SET DEFAULT.
            const qsizetype words = t.anyKeyword(at, {"NO", "SET"}) ? 2 : 1;
            const std::optional<ReferentialAction> action =
                referentialActionFromSql(t.slice(at, at + words));
            if (!action)
                return QStringLiteral("the referential action %1 is not known")
                    .arg(t.slice(at, at + words));
            (onDelete ? fk->onDelete : fk->onUpdate) = *action;
            at += words;
            if (t.symbol(at, '(')) // PostgreSQL 15: SET NULL (col, …)
                at = t.matchingParen(at, end) + 1;
        } else if (t.keywords(at, {"NOT", "VALID"})) {
            fk->validated = false;
            at += 2;
        } else {
            const qsizetype next = readDeferral(t, at, fk);
            if (next == at)
                break;
            at = next;
        }
    }
    *i = at;
    return {};
}

/// `DEFAULT expr` at `*i` (on DEFAULT): the expression as the database prints it.
Problem readDefault(const Tokens &t, qsizetype *i, qsizetype end, QString *expression)
{
    const qsizetype from = *i + 1;
    qsizetype at = from;
    if (t.keyword(at, "NULL")) {
        ++at;
    } else {
        while (at < end && (at == from || !startsColumnConstraint(t, at)))
            at = t.symbol(at, '(') ? t.matchingParen(at, end) + 1 : at + 1;
    }
    if (at == from)
        return QStringLiteral("DEFAULT has no expression");
    *i = at;
    *expression = t.slice(from, at);
    if (t.dialect() == Dialect::PostgreSQL &&
        expression->compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0)
        expression->clear(); // PostgreSQL keeps no pg_attrdef row for a NULL default
    // SQLite's dflt_value prints an expression default without its outer parentheses.
    if (t.dialect() == Dialect::SQLite && t.symbol(from, '(') &&
        t.matchingParen(from, end) == at - 1)
        *expression = t.slice(from + 1, at - 1);
    return {};
}

/// GENERATED … AS IDENTITY [(options)] / GENERATED ALWAYS AS (expr) [STORED|VIRTUAL] /
/// SQLite's bare AS (expr) at `*i`, into `column`.
Problem readGenerated(const Tokens &t, qsizetype *i, qsizetype end, Column *column)
{
    qsizetype at = *i;
    Identity identity = Identity::None;
    if (t.keywords(at, {"GENERATED", "ALWAYS"})) {
        identity = Identity::Always;
        at += 2;
    } else if (t.keywords(at, {"GENERATED", "BY", "DEFAULT"})) {
        identity = Identity::ByDefault;
        at += 3;
    }
    if (!t.keyword(at++, "AS"))
        return QStringLiteral("GENERATED is not followed by AS");
    if (t.keyword(at, "IDENTITY")) {
        if (identity == Identity::None)
            return QStringLiteral("AS IDENTITY needs GENERATED ALWAYS or BY DEFAULT");
        column->identity = identity;
        column->nullable = false; // PostgreSQL forces NOT NULL on identity columns
        ++at;
        if (t.symbol(at, '(')) // sequence options
            at = t.matchingParen(at, end) + 1;
        *i = at;
        return {};
    }
    const std::optional<QString> expression = readParenthesised(t, &at, end);
    if (!expression)
        return QStringLiteral("the generation expression cannot be read");
    column->generatedExpr = *expression;
    column->generatedStored = t.keyword(at, "STORED");
    if (t.anyKeyword(at, {"STORED", "VIRTUAL"}))
        ++at;
    *i = at;
    return {};
}

} // namespace

bool startsTableConstraint(const Tokens &t, qsizetype i)
{
    return t.anyKeyword(i, {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE"});
}

Problem readColumnDefinition(const Tokens &t, qsizetype from, qsizetype to, TableDraft *draft)
{
    const Dialect dialect = t.dialect();
    Table &table = draft->table;
    if (!t.isName(from))
        return QStringLiteral("a column definition does not start with a name");
    Column column;
    column.name = t.name(from);
    qsizetype i = from + 1;
    const qsizetype typeFrom = i;
    while (i < to && !startsColumnConstraint(t, i)) {
        // PostgreSQL's type names of several words are a closed set; a further word is a
        // clause this reader does not know, not part of the type. SQLite takes any words.
        const bool typeWord =
            t.isName(i) &&
            (i == typeFrom || t.symbol(i - 1, '.') || dialect == Dialect::SQLite || !t.isWord(i) ||
             t.anyKeyword(i, {"PRECISION", "VARYING", "WITH", "WITHOUT", "TIME", "ZONE", "YEAR",
                              "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "TO", "ARRAY"}));
        if (t.symbol(i, '('))
            i = t.matchingParen(i, to) + 1;
        else if (typeWord || t.symbol(i, '.')) // "[]" of array types is a quoted token
            ++i;
        else
            return QStringLiteral("the type of column %1 cannot be read").arg(column.name);
    }
    if (i == typeFrom && dialect != Dialect::SQLite) // SQLite alone allows typeless columns
        return QStringLiteral("column %1 has no type").arg(column.name);
    bool serial = false;
    column.type = columnType(t, typeFrom, i, &serial);
    if (serial) {
        // As typeOperations types an integer key that PostgreSQL makes serial: the type,
        // autoIncrement and NOT NULL; the nextval() default is implied (SchemaDiff matches
        // it against the live sequence default whatever its name).
        column.autoIncrement = true;
        column.nullable = false;
    }
    if (dialect == Dialect::SQLite &&
        t.slice(typeFrom, i).compare(QLatin1String("INTEGER"), Qt::CaseInsensitive) == 0)
        draft->integerColumns.append(column.name);

    QString pending; // CONSTRAINT name, owned by the clause that follows it
    while (i < to) {
        if (t.keyword(i, "CONSTRAINT")) {
            if (!t.isName(i + 1))
                return QStringLiteral("CONSTRAINT has no name");
            pending = t.name(i + 1);
            i += 2;
            continue;
        }
        Problem problem;
        if (t.keywords(i, {"NOT", "NULL"})) {
            column.nullable = false;
            i = skipConflictClause(t, i + 2);
        } else if (t.keyword(i, "NULL")) {
            column.nullable = true;
            ++i;
        } else if (t.keyword(i, "DEFAULT")) {
            problem = readDefault(t, &i, to, &column.defaultExpr);
        } else if (t.keywords(i, {"PRIMARY", "KEY"})) {
            if (table.primaryKey)
                return QStringLiteral("the table has two primary keys");
            table.primaryKey = PrimaryKey{
                pending.isEmpty() ? pgDefaultName(dialect, table.name, {}, QStringLiteral("pkey"))
                                  : pending,
                {column.name}};
            i += 2;
            if (t.anyKeyword(i, {"ASC", "DESC"}))
                ++i;
            i = skipConflictClause(t, i);
            if (t.keyword(i, "AUTOINCREMENT"))
                ++i;
            i = readDeferral(t, i, nullptr);
        } else if (t.keyword(i, "UNIQUE")) {
            table.uniques.append(UniqueConstraint{
                pending.isEmpty()
                    ? pgDefaultName(dialect, table.name, {column.name}, QStringLiteral("key"))
                    : pending,
                {column.name}});
            ++i;
            if (t.keywords(i, {"NULLS", "NOT", "DISTINCT"}) || t.keywords(i, {"NULLS", "DISTINCT"}))
                i += t.keyword(i + 1, "NOT") ? 3 : 2;
            i = readDeferral(t, skipConflictClause(t, i), nullptr);
        } else if (t.keyword(i, "REFERENCES")) {
            ForeignKey fk;
            fk.columns = {column.name};
            problem = readReferences(t, &i, to, &fk);
            if (problem.isEmpty() && fk.referencedColumns.size() > 1)
                problem = QStringLiteral("a column references %1 columns")
                              .arg(fk.referencedColumns.size());
            fk.name = pending.isEmpty()
                          ? pgDefaultName(dialect, table.name, fk.columns, QStringLiteral("fkey"))
                          : pending;
            table.foreignKeys.append(fk);
        } else if (t.keyword(i, "CHECK")) {
            ++i;
            const std::optional<QString> expression = readParenthesised(t, &i, to);
            if (!expression)
                return QStringLiteral("the CHECK condition of %1 cannot be read").arg(column.name);
            table.checks.append(CheckConstraint{pending, *expression}); // unnamed: finishTable
            if (t.keywords(i, {"NO", "INHERIT"}))
                i += 2;
        } else if (t.anyKeyword(i, {"GENERATED", "AS"})) {
            problem = readGenerated(t, &i, to, &column);
        } else if (t.keyword(i, "COLLATE") && t.isName(i + 1)) {
            i += 2;
        } else {
            return QStringLiteral("%1 in column %2 is not understood")
                .arg(t.slice(i, i + 1), column.name);
        }
        if (!problem.isEmpty())
            return problem;
        pending.clear();
    }
    table.columns.append(column);
    return {};
}

Problem readTableConstraint(const Tokens &t, qsizetype from, qsizetype to, TableDraft *draft)
{
    const Dialect dialect = t.dialect();
    Table &table = draft->table;
    qsizetype i = from;
    QString name;
    if (t.keyword(i, "CONSTRAINT")) {
        if (!t.isName(i + 1))
            return QStringLiteral("CONSTRAINT has no name");
        name = t.name(i + 1);
        i += 2;
    }
    if (t.keywords(i, {"PRIMARY", "KEY"}) || t.keyword(i, "UNIQUE")) {
        const bool primary = t.keyword(i, "PRIMARY");
        i += primary ? 2 : 1;
        if (t.keywords(i, {"NULLS", "NOT", "DISTINCT"}) || t.keywords(i, {"NULLS", "DISTINCT"}))
            i += t.keyword(i + 1, "NOT") ? 3 : 2;
        const std::optional<QStringList> columns = readNameList(t, &i, to);
        if (!columns || columns->isEmpty())
            return QStringLiteral("the key columns cannot be read");
        if (primary) {
            if (table.primaryKey)
                return QStringLiteral("the table has two primary keys");
            table.primaryKey = PrimaryKey{
                name.isEmpty() ? pgDefaultName(dialect, table.name, {}, QStringLiteral("pkey"))
                               : name,
                *columns};
        } else {
            table.uniques.append(UniqueConstraint{
                name.isEmpty() ? pgDefaultName(dialect, table.name, *columns, QStringLiteral("key"))
                               : name,
                *columns});
        }
        // INCLUDE (…), WITH (…), USING INDEX TABLESPACE x: index storage, not compared.
        for (;;) {
            if (t.keyword(i, "INCLUDE") || t.keyword(i, "WITH"))
                i = t.matchingParen(i + 1, to) + 1;
            else if (t.keywords(i, {"USING", "INDEX", "TABLESPACE"}))
                i += 4;
            else
                break;
        }
        i = readDeferral(t, skipConflictClause(t, i), nullptr);
    } else if (t.keyword(i, "CHECK")) {
        ++i;
        const std::optional<QString> expression = readParenthesised(t, &i, to);
        if (!expression)
            return QStringLiteral("the CHECK condition cannot be read");
        table.checks.append(CheckConstraint{name, *expression});
        while (t.keywords(i, {"NO", "INHERIT"}) || t.keywords(i, {"NOT", "VALID"}))
            i += 2;
    } else if (t.keywords(i, {"FOREIGN", "KEY"})) {
        i += 2;
        ForeignKey fk;
        const std::optional<QStringList> columns = readNameList(t, &i, to);
        if (!columns || columns->isEmpty() || !t.keyword(i, "REFERENCES"))
            return QStringLiteral("FOREIGN KEY has no column list and REFERENCES");
        fk.columns = *columns;
        if (Problem problem = readReferences(t, &i, to, &fk); !problem.isEmpty())
            return problem;
        if (!fk.referencedColumns.isEmpty() && fk.referencedColumns.size() != fk.columns.size())
            return QStringLiteral("the foreign key's column lists differ in length");
        fk.name = name.isEmpty()
                      ? pgDefaultName(dialect, table.name, fk.columns, QStringLiteral("fkey"))
                      : name;
        table.foreignKeys.append(fk);
    } else {
        return QStringLiteral("the constraint %1 is not understood").arg(t.slice(i, i + 1));
    }
    if (i < to)
        return QStringLiteral("%1 after a constraint is not understood").arg(t.slice(i, i + 1));
    return {};
}

namespace {

/// PostgreSQL names an unnamed CHECK `<table>_<col>_check` when its condition mentions
/// exactly one of the table's columns, `<table>_check` otherwise (as typeOperations does).
QString pgCheckName(const Table &table, const QString &expression)
{
    const Tokens e(expression, Dialect::PostgreSQL);
    QStringList mentioned;
    for (qsizetype i = 0; i < e.size(); ++i) {
        const QString name = e.name(i);
        if (!name.isEmpty() && !e.symbol(i + 1, '(') && table.column(name) &&
            !mentioned.contains(name))
            mentioned.append(name);
    }
    return pgDefaultName(Dialect::PostgreSQL, table.name,
                         mentioned.size() == 1 ? mentioned : QStringList(),
                         QStringLiteral("check"));
}

} // namespace

void finishTable(Dialect dialect, TableDraft *draft, bool nameChecks)
{
    Table &table = draft->table;
    if (nameChecks && dialect == Dialect::PostgreSQL) {
        for (CheckConstraint &check : table.checks) {
            if (check.name.isEmpty())
                check.name = pgCheckName(table, check.expression);
        }
    }
    if (!table.primaryKey)
        return;
    for (Column &c : table.columns) {
        if (table.primaryKey->columns.contains(c.name))
            c.nullable = false; // as typeOperations: key columns are NOT NULL
    }
    // SQLite: a lone key column declared exactly INTEGER is the rowid alias.
    if (dialect == Dialect::SQLite && table.primaryKey->columns.size() == 1 &&
        draft->integerColumns.contains(table.primaryKey->columns.first())) {
        for (Column &c : table.columns) {
            if (c.name == table.primaryKey->columns.first())
                c.autoIncrement = true;
        }
    }
}

} // namespace migconsole::sqlddl
