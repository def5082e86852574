#pragma once

#include "replay/PythonExpression.h"
#include "schema/Schema.h"

#include <QString>

#include <optional>

namespace migconsole {

/// The column type a SQLAlchemy type expression (`sa.String(36)`, `postgresql.JSONB`,
/// `sa.Enum('a', 'b', name='status')`) renders as on `dialect`, in canonical form
/// (CanonicalType.h), per REFERENCE.md §2.3. A type we do not know (third-party, plugin)
/// is guessed from its lower-cased class name and `*warning` says so: "unknown column type
/// X at file:line; its database type is guessed as y". std::nullopt (with a warning) only
/// when the expression is not a type at all (opaque text, a number, a string).
/// `file` only goes into the warning.
std::optional<QString> renderSqlAlchemyType(const PyExpr &type, Dialect dialect,
                                            QString *warning, const QString &file = {});

/// The enum a type expression declares (`sa.Enum(...)`, `postgresql.ENUM(...)`, also inside
/// `ARRAY(...)`), when it is one with a name; labels are empty when they are not literals
/// (a Python enum class). `*createsType` is false for `create_type=False` and
/// `native_enum=False` (no CREATE TYPE on PostgreSQL).
std::optional<EnumType> sqlAlchemyEnum(const PyExpr &type, bool *createsType = nullptr);

/// True for the integer types SQLAlchemy makes autoincrement (Integer, BigInteger,
/// SmallInteger and their upper-case spellings).
bool isSqlAlchemyIntegerType(const PyExpr &type);

/// `sa.Integer()` and `sa.Integer` both name the class "Integer"; `x.with_variant(…)` names
/// x's class. Empty for anything else.
QString sqlAlchemyTypeClass(const PyExpr &type);

} // namespace migconsole
