#pragma once

#include <QList>
#include <QString>

namespace migconsole {

/// One statement of a script, with the 1-based line it starts on (for error messages).
struct SqlStatement
{
    QString text;
    int line = 1;
};

/// Splits an SQL script at top-level ';'. Semicolons inside '…' and "…" quotes, `--` and
/// `/* */` comments and PostgreSQL $tag$…$tag$ bodies do not split. Statements that are
/// only whitespace or comments are dropped. Malformed input (an unterminated quote) ends
/// the last statement at the end of the text rather than failing.
QList<SqlStatement> splitSqlStatements(const QString &script);

} // namespace migconsole
