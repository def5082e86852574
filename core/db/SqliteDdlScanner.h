#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace migconsole {

/// One token of SQLite DDL. Comments and whitespace are not tokens; `begin`/`end` are
/// offsets into the scanned text so callers can cut verbatim slices (expressions).
struct SqlToken
{
    enum class Kind
    {
        Word,             ///< bare identifier or keyword: CREATE, my_table
        QuotedIdentifier, ///< "x", `x`, [x]
        String,           ///< 'text' (also the quote part of X'…' blobs)
        Number,           ///< 12, 3.5e2, 0x1F
        Symbol,           ///< any other single character: ( ) , . ; + …
    };

    Kind kind = Kind::Symbol;
    qsizetype begin = 0;
    qsizetype end = 0; ///< one past the last character
    QString text;      ///< the source slice, quotes included

    /// Case-insensitive keyword test; true only for bare words.
    bool isKeyword(QLatin1String keyword) const;
    bool isSymbol(char symbol) const;
    /// The name a Word/QuotedIdentifier/String denotes: quotes removed, doubled quotes
    /// undone. SQLite accepts 'x' where a name is expected, so strings count too.
    QString identifier() const;
};

/// What the CREATE TABLE text says that SQLite keeps no catalogue of.
struct SqliteTableDdl
{
    struct Generated
    {
        QString column;
        QString expression; ///< inside AS ( … ), verbatim and trimmed
        bool stored = false;
    };
    struct Named
    {
        QString name; ///< from CONSTRAINT name; empty when unnamed
        QStringList columns;
    };
    struct Check
    {
        QString name;
        QString expression;
    };
    struct ForeignKey
    {
        QString name;
        QStringList columns;
        QString referencedTable;
        QStringList referencedColumns; ///< empty = the referenced table's primary key
        bool deferrable = false;
        bool initiallyDeferred = false;
    };

    QString primaryKeyName; ///< CONSTRAINT name PRIMARY KEY …; empty when unnamed
    QList<Generated> generated;
    QList<Named> uniques; ///< column- and table-level, in text order
    QList<Check> checks;  ///< column- and table-level, in text order
    QList<ForeignKey> foreignKeys;
    bool withoutRowid = false;
};

/// What the CREATE INDEX text says beyond pragma_index_xinfo.
struct SqliteIndexDdl
{
    /// Each key part verbatim (trimmed), without a trailing ASC/DESC keyword.
    QStringList parts;
    QString predicate; ///< text after the top-level WHERE; empty = whole table
};

/// A small, forgiving tokenizer and reader for the CREATE statements SQLite stores in
/// sqlite_schema.sql. SQLite has no catalogue for CHECKs, constraint names or generation
/// expressions, so the introspector reads them from the original text. Malformed text
/// never fails: an unterminated string, quote, comment or parenthesis simply runs to the
/// end, and the readers return whatever they could recognise.
class SqliteDdlScanner
{
public:
    static QList<SqlToken> tokenize(const QString &sql);

    static SqliteTableDdl scanCreateTable(const QString &sql);
    static SqliteIndexDdl scanCreateIndex(const QString &sql);
    /// The SELECT after the top-level AS of CREATE VIEW, verbatim and trimmed.
    static QString scanViewDefinition(const QString &sql);
};

} // namespace migconsole
