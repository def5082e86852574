#pragma once

#include "fix/FixPlan.h"

#include <QList>
#include <QString>

namespace migconsole {

// The preview text is also what the operator edits and runs (the console's Fix SQL tab), so
// what the statement list knows beyond the SQL travels in directive comments that
// statementsFromSqlText reads back:
//   -- @outside-transaction        FixStatement::inTransaction == false
//   -- @foreign-keys-off           FixStatement::needsForeignKeysOff
//   -- @skip-if: <one-line query>  FixStatement::skipIfSql

/// The directive lines for `statement` (each "-- @…", no trailing newline); empty when it
/// needs none. FixPlan::toSql writes them right above the statement.
QStringList statementDirectives(const FixStatement &statement);

/// Statements from SQL text: split on `;` outside strings, comments and dollar quotes; the
/// directives in each statement's leading comments restored; CONCURRENTLY statements
/// marked outside-transaction even without a directive. `lines` (if given) receives each
/// statement's first code line (1-based), for marking it in the editor.
QList<FixStatement> statementsFromSqlText(const QString &text, Dialect dialect,
                                          QList<int> *lines = nullptr);

} // namespace migconsole
