#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace migconsole {

enum class Dialect { PostgreSQL, SQLite, MySQL };

QString dialectName(Dialect dialect);                 ///< "postgresql", "sqlite", "mysql"
std::optional<Dialect> dialectFromName(const QString &name);

enum class Identity { None, Always, ByDefault };      ///< GENERATED … AS IDENTITY

struct Column
{
    QString name;
    QString type;           ///< canonical (see CanonicalType.h): "integer", "varchar(64)"
    bool nullable = true;
    QString defaultExpr;    ///< SQL text as the database prints it; empty = no default
    Identity identity = Identity::None;
    bool autoIncrement = false; ///< serial / owned sequence (PG), rowid alias (SQLite)
    QString generatedExpr;  ///< generation expression; empty = not generated
    bool generatedStored = false;
    QString comment;

    bool operator==(const Column &) const = default;
};

struct PrimaryKey
{
    QString name;
    QStringList columns;

    bool operator==(const PrimaryKey &) const = default;
};

struct Index
{
    QString name;
    /// Key parts in order: a column name, or an expression, optionally followed by
    /// " DESC" / " NULLS FIRST" / " NULLS LAST" as PostgreSQL prints them.
    QStringList columns;
    QStringList include;    ///< INCLUDE (…) columns
    bool unique = false;
    QString method;         ///< "btree", "gin", …; empty where the dialect has none
    QString predicate;      ///< partial-index WHERE expression; empty = whole table
    bool valid = true;      ///< false after a failed CREATE INDEX CONCURRENTLY

    bool operator==(const Index &) const = default;
};

/// An index key part taken apart: the column it names (empty for an expression), or the
/// expression, and its order suffix as written (" DESC", " NULLS FIRST", …; empty = ASC).
struct IndexKeyPart
{
    QString column;
    QString expression;
    QString order;
};

/// Reads a key part of Index::columns. A column is named raw (as the catalogue prints it),
/// so `say "hi" DESC` or `a b` are columns, not expressions, when the table has such a
/// column: `isColumn` says whether a name is one. A single quoted identifier (`"a b"`, as
/// scripts write it in sa.text()) names a column too.
IndexKeyPart splitIndexPart(const QString &part, const std::function<bool(const QString &)> &isColumn);
struct UniqueConstraint
{
    QString name;
    QStringList columns;

    bool operator==(const UniqueConstraint &) const = default;
};

struct CheckConstraint
{
    QString name;
    QString expression;     ///< the condition without the CHECK keyword

    bool operator==(const CheckConstraint &) const = default;
};

enum class ReferentialAction { NoAction, Restrict, Cascade, SetNull, SetDefault };

QString referentialActionSql(ReferentialAction action); ///< "NO ACTION", "CASCADE", …
std::optional<ReferentialAction> referentialActionFromSql(const QString &text);

struct ForeignKey
{
    QString name;
    QStringList columns;
    QString referencedSchema;
    QString referencedTable;
    QStringList referencedColumns;
    ReferentialAction onDelete = ReferentialAction::NoAction;
    ReferentialAction onUpdate = ReferentialAction::NoAction;
    bool deferrable = false;
    bool initiallyDeferred = false;
    bool validated = true;  ///< false for NOT VALID constraints

    bool operator==(const ForeignKey &) const = default;
};

struct Table
{
    QString name;
    QList<Column> columns;
    std::optional<PrimaryKey> primaryKey;
    QList<Index> indexes;   ///< indexes not backing a PK/UNIQUE constraint
    QList<UniqueConstraint> uniques;
    QList<CheckConstraint> checks;
    QList<ForeignKey> foreignKeys;
    QString comment;

    const Column *column(const QString &name) const;
    const Index *index(const QString &name) const;
    const ForeignKey *foreignKey(const QString &name) const;

    bool operator==(const Table &) const = default;
};

IndexKeyPart splitIndexPart(const QString &part, const Table &table);

struct EnumType
{
    QString name;
    QStringList labels;

    bool operator==(const EnumType &) const = default;
};

struct View
{
    QString name;
    bool materialized = false;
    QString definition;     ///< the SELECT as the database normalises it

    bool operator==(const View &) const = default;
};

/// A namespace of the database: a PostgreSQL schema, SQLite's "main".
struct Namespace
{
    QString name;
    QList<Table> tables;
    QList<EnumType> enums;
    QList<View> views;

    const Table *table(const QString &name) const;

    bool operator==(const Namespace &) const = default;
};

/// The whole structure of one database (or of what the migrations say it should be).
/// A plain value: copyable, comparable, serialisable (SchemaJson.h).
struct Schema
{
    Dialect dialect = Dialect::PostgreSQL;
    QList<Namespace> namespaces;

    const Namespace *findNamespace(const QString &name) const;
    const Table *table(const QString &namespaceName, const QString &tableName) const;
    int tableCount() const;

    /// Sorts every list by name so two schemas read in different orders compare equal.
    void sortByName();

    bool operator==(const Schema &) const = default;
};

} // namespace migconsole

Q_DECLARE_METATYPE(migconsole::Schema) // schemas cross threads in queued signals
