#include "fix/FixSqlText.h"

#include "util/SqlStatementSplitter.h"

#include <QRegularExpression>

namespace migconsole {

namespace {

const QString kOutsideTransaction = QStringLiteral("-- @outside-transaction");
const QString kForeignKeysOff = QStringLiteral("-- @foreign-keys-off");
const QString kSkipIf = QStringLiteral("-- @skip-if: ");

bool isConcurrentIndexStatement(const QString &sql)
{
    static const QRegularExpression concurrently(
        QStringLiteral(R"(^\s*(CREATE\s+(UNIQUE\s+)?INDEX|DROP\s+INDEX|REINDEX\b.*)\s+CONCURRENTLY\b)"),
        QRegularExpression::CaseInsensitiveOption);
    return concurrently.match(sql).hasMatch();
}

} // namespace

QStringList statementDirectives(const FixStatement &statement)
{
    QStringList lines;
    if (!statement.inTransaction)
        lines.append(kOutsideTransaction);
    if (statement.needsForeignKeysOff)
        lines.append(kForeignKeysOff);
    if (!statement.skipIfSql.isEmpty())
        lines.append(kSkipIf + QString(statement.skipIfSql).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    return lines;
}

QList<FixStatement> statementsFromSqlText(const QString &text, Dialect dialect, QList<int> *lines)
{
    QList<FixStatement> statements;
    for (const SqlStatement &piece : splitSqlStatements(text)) {
        FixStatement statement;
        // Leading comment lines belong to the statement: read its directives, keep the code.
        const QStringList pieceLines = piece.text.split(QLatin1Char('\n'));
        int codeLine = 0;
        while (codeLine < pieceLines.size()) {
            const QString line = pieceLines.at(codeLine).trimmed();
            if (!line.isEmpty() && !line.startsWith(QLatin1String("--")))
                break;
            if (line == kOutsideTransaction)
                statement.inTransaction = false;
            else if (line == kForeignKeysOff)
                statement.needsForeignKeysOff = true;
            else if (line.startsWith(kSkipIf))
                statement.skipIfSql = line.mid(kSkipIf.size()).trimmed();
            ++codeLine;
        }
        statement.sql = pieceLines.mid(codeLine).join(QLatin1Char('\n')).trimmed();
        if (statement.sql.isEmpty())
            continue;
        if (dialect == Dialect::PostgreSQL && isConcurrentIndexStatement(statement.sql))
            statement.inTransaction = false;
        statement.summary = statement.sql.section(QLatin1Char('\n'), 0, 0).left(120);
        statements.append(statement);
        if (lines)
            lines->append(piece.line + codeLine);
    }
    return statements;
}

} // namespace migconsole
