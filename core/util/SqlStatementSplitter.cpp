#include "util/SqlStatementSplitter.h"

#include <QRegularExpression>

namespace migconsole {

namespace {

/// A PostgreSQL dollar-quote tag starting at `pos` ("$$" or "$name$"), or empty.
QString dollarTagAt(const QString &text, qsizetype pos)
{
    qsizetype end = pos + 1;
    while (end < text.size() && (text.at(end).isLetterOrNumber() || text.at(end) == QLatin1Char('_')))
        ++end;
    if (end < text.size() && text.at(end) == QLatin1Char('$')) {
        // "$1" is a parameter, not a tag: a tag does not start with a digit.
        if (end > pos + 1 && text.at(pos + 1).isDigit())
            return {};
        return text.mid(pos, end - pos + 1);
    }
    return {};
}

bool hasCode(const QString &statement)
{
    // Whether anything but comments and whitespace remains.
    qsizetype i = 0;
    while (i < statement.size()) {
        const QChar c = statement.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (statement.mid(i, 2) == QLatin1String("--")) {
            const qsizetype nl = statement.indexOf(QLatin1Char('\n'), i);
            i = nl < 0 ? statement.size() : nl + 1;
        } else if (statement.mid(i, 2) == QLatin1String("/*")) {
            const qsizetype close = statement.indexOf(QLatin1String("*/"), i + 2);
            i = close < 0 ? statement.size() : close + 2;
        } else {
            return true;
        }
    }
    return false;
}

/// The statement's text without its leading comments and whitespace.
QString codeStart(const QString &statement)
{
    qsizetype i = 0;
    while (i < statement.size()) {
        if (statement.at(i).isSpace()) {
            ++i;
        } else if (statement.mid(i, 2) == QLatin1String("--")) {
            const qsizetype nl = statement.indexOf(QLatin1Char('\n'), i);
            i = nl < 0 ? statement.size() : nl + 1;
        } else {
            break;
        }
    }
    return statement.mid(i);
}

/// A `;` inside a trigger's BEGIN … END body (SQLite, or PostgreSQL's BEGIN ATOMIC) ends a
/// statement of the body, not the CREATE: the CREATE ends at the `;` right after END.
bool insideBeginEndBody(const QString &statementSoFar)
{
    // A function's usual $$ … $$ body is a quote the splitter skips already; only an
    // unquoted body counts: a trigger's BEGIN, or a SQL-standard function's BEGIN ATOMIC.
    static const QRegularExpression createTrigger(
        QStringLiteral(R"(^CREATE\s+(OR\s+REPLACE\s+)?(TEMP\s+|TEMPORARY\s+)?TRIGGER\b[^$']*\bBEGIN\b)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression createAtomicRoutine(
        QStringLiteral(R"(^CREATE\s+(OR\s+REPLACE\s+)?(FUNCTION|PROCEDURE)\b.*\bBEGIN\s+ATOMIC\b)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression endsWithEnd(QStringLiteral(R"(\bEND\s*$)"),
                                                QRegularExpression::CaseInsensitiveOption);
    const QString code = codeStart(statementSoFar);
    return (createTrigger.match(code).hasMatch() || createAtomicRoutine.match(code).hasMatch()) &&
           !endsWithEnd.match(code).hasMatch();
}

} // namespace

QList<SqlStatement> splitSqlStatements(const QString &script)
{
    QList<SqlStatement> statements;
    qsizetype start = 0;
    int line = 1;
    int startLine = 1;
    qsizetype i = 0;

    auto finish = [&](qsizetype end) {
        const QString text = script.mid(start, end - start);
        if (hasCode(text)) {
            // Report the line of the first real character, not of the leading blank lines.
            int offsetLines = 0;
            qsizetype k = 0;
            while (k < text.size() && text.at(k).isSpace()) {
                if (text.at(k) == QLatin1Char('\n'))
                    ++offsetLines;
                ++k;
            }
            statements.append(SqlStatement{text.trimmed(), startLine + offsetLines});
        }
    };
    auto skipTo = [&](qsizetype to) { // advances i to `to`, counting newlines
        for (; i < to && i < script.size(); ++i) {
            if (script.at(i) == QLatin1Char('\n'))
                ++line;
        }
    };

    while (i < script.size()) {
        const QChar c = script.at(i);
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            qsizetype j = i + 1;
            while (j < script.size()) {
                if (script.at(j) == c) {
                    if (j + 1 < script.size() && script.at(j + 1) == c) { // doubled = escaped
                        j += 2;
                        continue;
                    }
                    break;
                }
                ++j;
            }
            skipTo(j + 1);
        } else if (c == QLatin1Char('-') && script.mid(i, 2) == QLatin1String("--")) {
            const qsizetype nl = script.indexOf(QLatin1Char('\n'), i);
            skipTo(nl < 0 ? script.size() : nl);
        } else if (c == QLatin1Char('/') && script.mid(i, 2) == QLatin1String("/*")) {
            const qsizetype close = script.indexOf(QLatin1String("*/"), i + 2);
            skipTo(close < 0 ? script.size() : close + 2);
        } else if (c == QLatin1Char('$')) {
            const QString tag = dollarTagAt(script, i);
            if (tag.isEmpty()) {
                skipTo(i + 1);
            } else {
                const qsizetype close = script.indexOf(tag, i + tag.size());
                skipTo(close < 0 ? script.size() : close + tag.size());
            }
        } else if (c == QLatin1Char(';') && insideBeginEndBody(script.mid(start, i - start))) {
            skipTo(i + 1);
        } else if (c == QLatin1Char(';')) {
            finish(i);
            skipTo(i + 1);
            start = i;
            startLine = line;
        } else {
            skipTo(i + 1);
        }
    }
    finish(script.size());
    return statements;
}

} // namespace migconsole
