#pragma once
// Internal to core/replay: pieces shared by Operation.cpp and OperationElements.cpp.

#include "replay/Operation.h"

#include <QStringList>

#include <optional>

namespace migconsole::opsupport {

/// Where warnings go while one script function is typed.
struct Context
{
    Dialect dialect = Dialect::PostgreSQL;
    QString file;
    QList<ReplayWarning> *warnings = nullptr;

    void warn(int line, const QString &message) const;
    QString where(int line) const; ///< "file:line"
};

QString lastSegment(const QString &dotted);
bool isTrue(const PyExpr *e);
bool isFalse(const PyExpr *e);
/// A string, or a list/tuple of strings (op.f() allowed); nullopt for anything else.
std::optional<QStringList> nameList(const PyExpr &e);
/// A string or sa.text('…') / sa.literal_column('…'): its SQL.
std::optional<QString> sqlText(const PyExpr &e);
/// Index key parts: names, "col DESC" (keywords upper-cased), sa.text(expr), sa.desc(col).
std::optional<QString> indexPart(const PyExpr &e);
/// "CASCADE", "set null", … ; nullptr → NoAction; nullopt for an unknown spelling.
std::optional<ReferentialAction> actionOf(const PyExpr *e);
/// `<table>_<cols…>_<suffix>` on PostgreSQL, shortened to 63 bytes as PostgreSQL's
/// makeObjectName() does; empty elsewhere (the database keeps no name).
QString pgDefaultName(Dialect dialect, const QString &table, const QStringList &columns,
                      const QString &suffix);
/// `ix_<table>_<col>` of index=True, shortened as SQLAlchemy does past 63 chars on PG.
QString indexTrueName(Dialect dialect, const QString &table, const QString &column);

/// PostgreSQL keeps at most 63 bytes of a name (NAMEDATALEN - 1) and cuts a longer one
/// with only a NOTICE: every name `op` gives (tables, columns, indexes, constraints, types,
/// schemas) is cut the same way, so the expected schema holds what the database will hold,
/// and each cut name gets a warning at the op's file:line. No-op on other dialects.
void clipPostgresNames(Dialect dialect, Operation &op, QList<ReplayWarning> *warnings);

/// The elements of create_table (columns, constraints, sa.Index) or add_column's one column
/// into `table` (whose name is set); PG enum types created by its columns into `enums`.
/// Elements that cannot be typed are warned about and left out; false when a column could
/// not be typed at all (then the whole op should be skipped).
bool readTableElements(const QList<PyExpr> &elements, Context &ctx, Table *table,
                       QList<EnumType> *enums);

/// The postgresql_* / sqlite_* index options of `call` for ctx.dialect into `index`;
/// false (warned) when the predicate is not literal SQL.
bool readIndexOptions(const QList<PyKeywordArg> &keywords, Context &ctx, int line, Index *index);

} // namespace migconsole::opsupport
