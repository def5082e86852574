#pragma once

#include "history/Revision.h"
#include "replay/PythonExpression.h"
#include "util/Expected.h"

#include <QHash>
#include <QList>
#include <QString>

namespace migconsole {

/// One `op.<name>(...)` call of an upgrade()/downgrade() body, as written (not yet typed).
///
/// Inside `with op.batch_alter_table("t", schema="s") as batch_op:` a call
/// `batch_op.<name>(...)` becomes the equivalent `op.<name>` call: the batch's table is
/// inserted where the op directive takes it (REFERENCE.md §2.1: first for add_column /
/// drop_column / alter_column, second for create_index, drop_index, drop_constraint,
/// create_foreign_key, create_*_constraint, create_primary_key; as `table_name=` /
/// `source_table=` when the call has too few positional arguments), the batch's `schema=`
/// (unless None) is added unless the call has one, and `batch_op.f(...)` is spelled
/// `op.f(...)`; `batchTable`/`batchSchema` keep the batch's values.
///
/// Enum types created or dropped through their object (`postgresql.ENUM(...).create(bind,
/// checkfirst=True)`, `sa.Enum(...).drop(bind)`, or a local variable holding one) become
/// the pseudo-directives `create_enum` / `drop_enum` with the type expression as args[0].
struct OpCall
{
    QString name;                 ///< directive: "create_table", "add_column", "execute", …
    QList<PyExpr> args;           ///< positional arguments (locals resolved, see below)
    QList<PyKeywordArg> keywords; ///< keyword arguments in source order
    SourceLocation location;      ///< file and line of the call
    bool inBatch = false;         ///< came from a batch_op alias
    QString batchTable;           ///< the batch's table (literal or constant), when inBatch
    QString batchSchema;          ///< the batch's schema=, when given as a literal
    bool conditional = false;     ///< inside if/elif/else/try/except/finally/for/while/match
    bool autocommit = false;      ///< inside `with op.get_context().autocommit_block():`
    /// `execute` only: the SQL when it is a literal (str or sa.text(str)), implicit
    /// concatenations joined and triple-quoted text verbatim; `hasSql` false otherwise.
    QString sql;
    bool hasSql = false;

    const PyExpr *arg(qsizetype index) const;
    const PyExpr *keyword(QStringView keywordName) const;
    /// The whole call rendered like Python (`op.add_column('t', sa.Column(...))`), for tests
    /// and messages.
    QString toString() const;
};

/// Something in a script the reader could not turn into operations: a loop, a helper call,
/// a connection query, an unknown op plugin, a syntax error. Never dropped silently.
struct ReplayWarning
{
    SourceLocation location;
    QString message;

    bool operator==(const ReplayWarning &) const = default;
};

/// The statically read body of `def upgrade(...)` or `def downgrade(...)`.
struct MigrationFunction
{
    bool found = false;
    int line = 0; ///< line of the `def`
    QList<OpCall> ops;
    QList<ReplayWarning> warnings;
};

/// What a revision script does, read without running Python.
struct MigrationScript
{
    QString file; ///< as given to the parser (relative to the project root by convention)
    MigrationFunction upgrade;
    MigrationFunction downgrade;
    /// Module-level `NAME = <literal>` assignments (strings, numbers, bools, None, tuples
    /// and lists of them); op arguments naming them can be resolved with resolveNames().
    QHash<QString, PyExpr> constants;
    /// Problems of the file as a whole: syntax errors, no upgrade(), module-level oddities.
    QList<ReplayWarning> warnings;

    /// Module warnings followed by the upgrade's (or downgrade's) own.
    QList<ReplayWarning> allWarnings(bool upgradeSide = true) const;
};

/// Parses revision script `source`; `file` is only used for locations. Never fails: what
/// cannot be read becomes a ReplayWarning with its line.
MigrationScript parseMigrationScript(const QString &source, const QString &file);

/// Reads and decodes `path` (PEP 263 coding, BOM) and parses it; `displayFile` goes into the
/// locations. An unreadable file is an Error (BadInput); undecodable bytes are a warning.
Expected<MigrationScript> readMigrationScript(const QString &path, const QString &displayFile);

} // namespace migconsole
