#pragma once

#include "replay/MigrationScriptParser.h"
#include "schema/Schema.h"

#include <QList>
#include <QString>

#include <optional>

namespace migconsole {

/// One op.* directive typed for a dialect: names, types and defaults as SQLAlchemy and the
/// database render them (REFERENCE.md §2), ready for a replayer to apply to a Schema.
///
/// Default names (when the script gives None and PostgreSQL derives one): primary key
/// `<table>_pkey`; unique `<table>_<col>[_<col>…]_key`; foreign key
/// `<table>_<col>[_<col>…]_fkey`; check: `<table>_<col>_check` when the condition mentions
/// exactly one of the table's columns (known in create_table only), `<table>_check`
/// otherwise — PostgreSQL's own rule; create_check_constraint with None keeps an empty name
/// (the columns are not known there). `index=True` is `ix_<table>_<col>` on every dialect
/// (SQLAlchemy's naming convention). On SQLite unnamed constraints stay unnamed (empty).
/// Long names are shortened as the namer does: PostgreSQL's makeObjectName() (63 bytes,
/// the longer of table and column part loses bytes first) for derived constraint names,
/// SQLAlchemy's `<first 55>_<md5[-4:]>` for index=True names on PostgreSQL. PostgreSQL's
/// de-duplication suffixes (`…_key1` when a name is taken) are not applied.
struct Operation
{
    enum class Kind {
        CreateTable,
        DropTable,
        AddColumn,
        DropColumn,
        AlterColumn,
        CreateIndex,
        DropIndex,
        CreateForeignKey,
        CreateUniqueConstraint,
        CreateCheckConstraint,
        CreatePrimaryKey,
        DropConstraint,
        RenameTable,
        CreateEnum,
        DropEnum,
        Execute,
        SetTableComment, ///< create_table_comment / drop_table_comment (comment empty)
    };

    Kind kind = Kind::Execute;
    SourceLocation location;
    QString schema;       ///< schema= of the call; empty = the default namespace
    QString table;        ///< the table acted on (old name for RenameTable)

    /// CreateTable: the whole table (columns, key, constraints, index=True / sa.Index
    /// indexes). AddColumn: one column plus the constraints and index it implies.
    Table tableDef;
    /// CreateTable (PostgreSQL): named enum types its columns create (CREATE TYPE).
    QList<EnumType> enums;
    Column column;        ///< AddColumn: the column (same as tableDef.columns[0])
    Index index;          ///< CreateIndex
    ForeignKey foreignKey;         ///< CreateForeignKey
    UniqueConstraint unique;       ///< CreateUniqueConstraint
    CheckConstraint check;         ///< CreateCheckConstraint
    PrimaryKey primaryKey;         ///< CreatePrimaryKey
    EnumType enumType;    ///< CreateEnum / DropEnum (labels empty for drop)

    /// DropColumn / AlterColumn: the column; DropIndex / DropConstraint: the object's name.
    QString name;
    QString newName;      ///< RenameTable: new table; AlterColumn: new_column_name=
    QString constraintType; ///< DropConstraint: type_= ("foreignkey", "unique", …) or empty
    QString sql;          ///< Execute: the SQL text, unparsed
    QString comment;      ///< SetTableComment: the new comment; empty = dropped

    // AlterColumn aspects; an unset optional means "left untouched".
    std::optional<QString> newType;   ///< canonical type
    std::optional<bool> newNullable;
    std::optional<QString> newDefault; ///< SQL text; an empty string = DROP DEFAULT
    QString usingExpr;                 ///< postgresql_using=

    bool conditional = false; ///< the call sat under if/try/loop (OpCall::conditional)
};

QString operationKindName(Operation::Kind kind); ///< "create_table", "add_column", …

struct TypedOperations
{
    QList<Operation> operations;
    QList<ReplayWarning> warnings; ///< one per skipped op or guessed type, with file:line
};

/// Types `fn`'s op calls for `dialect`; module constants of `script` resolve bare names.
/// Calls that cannot be typed (opaque arguments, no table name, unknown directives) are
/// skipped with a warning; nothing throws.
TypedOperations typeOperations(const MigrationFunction &fn, const MigrationScript &script,
                               Dialect dialect);

/// The SQL a server_default= expression emits: a plain string is a quoted literal (`'x'`,
/// quotes doubled), `sa.text('now()')` / `sa.literal_column` raw SQL, `sa.func.now()`
/// `now()`, numbers as written, sa.true()/sa.false() per dialect; nullopt otherwise. On
/// SQLite func.now() is CURRENT_TIMESTAMP as SQLAlchemy's SQLite compiler writes it; the
/// parentheses it puts around expression defaults are left out, as SQLite's dflt_value
/// (pragma_table_xinfo) prints them without.
std::optional<QString> serverDefaultSql(const PyExpr &value, Dialect dialect);

/// A name argument: a string, `op.f('x')` (verbatim), `sa.text`-free; None → empty string;
/// nullopt for anything else.
std::optional<QString> literalName(const PyExpr &value);

} // namespace migconsole
