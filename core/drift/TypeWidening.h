#pragma once

#include <QString>

namespace migconsole::drift {

/// Whether changing a column from `actualType` to `expectedType` (canonical types) keeps
/// every value: smallint → integer → bigint, real → double precision, varchar(n) →
/// varchar(m ≥ n) / varchar / text, numeric(p,s) → numeric with at least as many integer
/// and fraction digits, or unbounded. The rule behind type_mismatch's `fixable`.
bool isTypeWidening(const QString &actualType, const QString &expectedType);

} // namespace migconsole::drift
