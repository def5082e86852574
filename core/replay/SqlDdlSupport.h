#pragma once
// Internal to core/replay: the token view and the table-element readers shared by
// SqlDdlReader.cpp (statements) and SqlDdlColumns.cpp (column definitions, constraints).

#include "db/SqliteDdlScanner.h"
#include "schema/Schema.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <optional>
#include <utility>

namespace migconsole::sqlddl {

/// Why a clause could not be read; empty = it was.
using Problem = QString;

/// One statement's tokens (SqliteDdlScanner's tokenizer: quotes, comments and numbers are
/// handled there) with the look-ups the readers share. Every index past the end matches
/// nothing, so a truncated statement reads as "missing", never out of bounds.
class Tokens
{
public:
    Tokens(const QString &sql, Dialect dialect);

    Dialect dialect() const { return m_dialect; }
    qsizetype size() const { return m_tokens.size(); }

    bool keyword(qsizetype i, const char *word) const;
    /// The keywords follow each other from `i` ("IF", "NOT", "EXISTS").
    bool keywords(qsizetype i, std::initializer_list<const char *> words) const;
    bool anyKeyword(qsizetype i, std::initializer_list<const char *> words) const;
    bool symbol(qsizetype i, char c) const;
    bool isWord(qsizetype i) const;
    bool isString(qsizetype i) const;
    /// A bare word or a quoted identifier.
    bool isName(qsizetype i) const;
    /// The name token `i` denotes: quotes removed; a bare word lower-cased on PostgreSQL,
    /// which folds unquoted identifiers (SQLite keeps them as written).
    QString name(qsizetype i) const;
    /// A string literal's value (quotes removed, doubled quotes undone).
    QString stringValue(qsizetype i) const;

    /// Index of the ')' closing the '(' at `open`, or `limit` when it is not closed before.
    qsizetype matchingParen(qsizetype open, qsizetype limit) const;
    /// [from, to) cut at commas outside parentheses.
    QList<std::pair<qsizetype, qsizetype>> splitTopLevel(qsizetype from, qsizetype to) const;
    /// The source text of tokens [from, to), verbatim and trimmed.
    QString slice(qsizetype from, qsizetype to) const;
    /// What makes the statement unreadable as a whole (unbalanced parentheses, an
    /// unterminated quote); empty when nothing does.
    Problem malformation() const;

private:
    QString m_sql; // the tokens' offsets point into it
    QList<SqlToken> m_tokens;
    Dialect m_dialect;
};

struct QualifiedName
{
    QString schema; ///< empty = the default namespace
    QString name;
};

/// `name`, `schema.name` (or `db.schema.name`, the last two kept) at `*i`; advances past it.
std::optional<QualifiedName> readQualifiedName(const Tokens &t, qsizetype *i, qsizetype end);

/// "( a, b )" at `*i`: the name each comma-separated part starts with (SQLite allows
/// `col COLLATE x DESC` in key lists); advances past ')'. nullopt when malformed.
std::optional<QStringList> readNameList(const Tokens &t, qsizetype *i, qsizetype end);

/// A table read from CREATE TABLE (or the one column of ALTER TABLE … ADD COLUMN).
struct TableDraft
{
    Table table;                ///< name set by the caller
    QStringList integerColumns; ///< SQLite: declared exactly INTEGER (rowid alias candidates)
};

/// The canonical type of the type tokens [from, to) (CanonicalType.h); `*serial` set for
/// PostgreSQL's serial pseudo-types, which are integer types with an owned sequence.
QString columnType(const Tokens &t, qsizetype from, qsizetype to, bool *serial = nullptr);

/// Whether the element at `i` is a table constraint rather than a column definition.
bool startsTableConstraint(const Tokens &t, qsizetype i);
/// One column definition [from, to): the column and the constraints it declares.
Problem readColumnDefinition(const Tokens &t, qsizetype from, qsizetype to, TableDraft *draft);
/// One table constraint [from, to) (`[CONSTRAINT n] PRIMARY KEY (…)`, UNIQUE, FOREIGN KEY,
/// CHECK). Unnamed keys get PostgreSQL's derived names; unnamed CHECKs stay unnamed here.
Problem readTableConstraint(const Tokens &t, qsizetype from, qsizetype to, TableDraft *draft);
/// Rules that need every element: key columns NOT NULL, SQLite's rowid alias, and (when
/// `nameChecks`) PostgreSQL's names for unnamed CHECKs.
void finishTable(Dialect dialect, TableDraft *draft, bool nameChecks);

} // namespace migconsole::sqlddl
