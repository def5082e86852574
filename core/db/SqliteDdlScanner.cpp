// A tokenizer for the CREATE statements kept in sqlite_schema.sql, and readers that pick
// out what SQLite's pragmas do not report. It is deliberately not a parser: it recognises
// the few clause shapes it needs and steps over everything else, so odd or malformed
// text degrades to "less information", never to an error, a crash or a loop.

#include "db/SqliteDdlScanner.h"

#include <algorithm>
#include <utility>

namespace migconsole {

namespace {

/// SQLite's own notion of whitespace: ASCII only. Everything from U+0080 up, even a
/// no-break space, is identifier text to SQLite, so it is to us.
bool isSpace(QChar c)
{
    return c == QLatin1Char(' ') || (c.unicode() >= 0x09 && c.unicode() <= 0x0d);
}

bool isWordStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c.unicode() >= 0x80;
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$') ||
           c.unicode() >= 0x80;
}

/// Index one past the quote that closes the one at `open` (doubled quotes are escapes),
/// or the end of the text when it never closes.
qsizetype skipQuoted(const QString &sql, qsizetype open, QChar quote)
{
    qsizetype from = open + 1;
    for (;;) {
        const qsizetype close = sql.indexOf(quote, from);
        if (close < 0)
            return sql.size();
        if (close + 1 < sql.size() && sql.at(close + 1) == quote) {
            from = close + 2;
            continue;
        }
        return close + 1;
    }
}

qsizetype skipNumber(const QString &sql, qsizetype i)
{
    const bool hex = sql.at(i) == QLatin1Char('0') && i + 1 < sql.size() &&
                     sql.at(i + 1).toLower() == QLatin1Char('x');
    for (++i; i < sql.size(); ++i) {
        const QChar c = sql.at(i);
        const bool exponentSign = !hex && (c == QLatin1Char('+') || c == QLatin1Char('-')) &&
                                  sql.at(i - 1).toLower() == QLatin1Char('e');
        if (!c.isLetterOrNumber() && c != QLatin1Char('_') && c != QLatin1Char('.') &&
            !exponentSign)
            break;
    }
    return i;
}

/// Token-level view of one statement with the helpers the readers share.
class Tokens
{
public:
    explicit Tokens(const QString &sql) : m_sql(sql), m_tokens(SqliteDdlScanner::tokenize(sql)) {}

    qsizetype size() const { return m_tokens.size(); }

    bool keyword(qsizetype i, const char *word) const
    {
        return i >= 0 && i < size() && m_tokens.at(i).isKeyword(QLatin1String(word));
    }
    bool symbol(qsizetype i, char c) const
    {
        return i >= 0 && i < size() && m_tokens.at(i).isSymbol(c);
    }
    QString identifier(qsizetype i) const
    {
        return i < size() ? m_tokens.at(i).identifier() : QString();
    }

    /// Index of the ')' closing the '(' at `open`, or `limit` when it is not closed before.
    qsizetype matchingParen(qsizetype open, qsizetype limit) const
    {
        int depth = 0;
        for (qsizetype i = open; i < limit; ++i) {
            if (symbol(i, '('))
                ++depth;
            else if (symbol(i, ')') && --depth == 0)
                return i;
        }
        return limit;
    }

    /// [from, to) cut at commas that are not inside parentheses.
    QList<std::pair<qsizetype, qsizetype>> splitTopLevel(qsizetype from, qsizetype to) const
    {
        QList<std::pair<qsizetype, qsizetype>> parts;
        int depth = 0;
        qsizetype start = from;
        for (qsizetype i = from; i < to; ++i) {
            if (symbol(i, '('))
                ++depth;
            else if (symbol(i, ')'))
                depth = std::max(0, depth - 1); // a stray ')' must not hide later commas
            else if (depth == 0 && symbol(i, ',')) {
                parts.append({start, i});
                start = i + 1;
            }
        }
        if (start < to)
            parts.append({start, to});
        return parts;
    }

    /// The source text from token `from` to token `to` (exclusive), verbatim and trimmed.
    QString slice(qsizetype from, qsizetype to) const
    {
        to = std::min(to, size());
        if (from < 0 || from >= to)
            return {};
        const qsizetype begin = m_tokens.at(from).begin;
        return m_sql.mid(begin, m_tokens.at(to - 1).end - begin).trimmed();
    }

    /// First token at parenthesis depth 0 in [from, size()) that is the keyword, or -1.
    qsizetype findTopLevelKeyword(qsizetype from, const char *word) const
    {
        int depth = 0;
        for (qsizetype i = from; i < size(); ++i) {
            if (symbol(i, '('))
                ++depth;
            else if (symbol(i, ')'))
                depth = std::max(0, depth - 1);
            else if (depth == 0 && keyword(i, word))
                return i;
        }
        return -1;
    }

    /// The name each comma-separated part of "( … )" at `open` starts with.
    QStringList namesInParens(qsizetype open, qsizetype limit) const
    {
        QStringList names;
        if (!symbol(open, '('))
            return names;
        const qsizetype close = matchingParen(open, limit);
        for (const auto &[from, to] : splitTopLevel(open + 1, close))
            names.append(identifier(from));
        return names;
    }

private:
    QString m_sql; // a shared copy: the tokens' offsets point into it
    QList<SqlToken> m_tokens;
};

/// Reads the column definitions and table constraints of one CREATE TABLE.
class TableReader
{
public:
    explicit TableReader(const QString &sql) : m_t(sql) {}

    SqliteTableDdl read()
    {
        qsizetype open = 0;
        for (; open < m_t.size() && !m_t.symbol(open, '('); ++open) {
            if (m_t.keyword(open, "AS"))
                return m_ddl; // CREATE TABLE … AS SELECT: no definitions to read
        }
        if (open >= m_t.size())
            return m_ddl;
        const qsizetype close = m_t.matchingParen(open, m_t.size());
        for (const auto &[from, to] : m_t.splitTopLevel(open + 1, close)) {
            if (isTableConstraint(from))
                scanConstraints(from, to, QString());
            else
                scanConstraints(from + 1, to, m_t.identifier(from));
        }
        for (qsizetype i = close + 1; i + 1 < m_t.size(); ++i)
            m_ddl.withoutRowid |= m_t.keyword(i, "WITHOUT") && m_t.keyword(i + 1, "ROWID");
        return m_ddl;
    }

private:
    bool isTableConstraint(qsizetype i) const
    {
        for (const char *word : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"}) {
            if (m_t.keyword(i, word))
                return true;
        }
        return false;
    }

    /// Walks the constraints of a column definition (`column` set; the type name is
    /// stepped over like any unknown word) or of a table-constraint item (`column`
    /// empty). SQLite lets table constraints follow each other without commas, hence
    /// the loop in both cases.
    void scanConstraints(qsizetype i, qsizetype end, const QString &column)
    {
        QString pending; // CONSTRAINT name, owned by the constraint that follows it
        while (i < end) {
            if (m_t.keyword(i, "CONSTRAINT")) {
                pending = i + 1 < end ? m_t.identifier(i + 1) : QString();
                i += 2;
            } else if (m_t.keyword(i, "PRIMARY")) {
                m_ddl.primaryKeyName = std::exchange(pending, QString());
                ++i;
            } else if (m_t.keyword(i, "UNIQUE")) {
                const QStringList columns =
                    column.isEmpty() ? m_t.namesInParens(i + 1, end) : QStringList{column};
                m_ddl.uniques.append({std::exchange(pending, QString()), columns});
                ++i;
            } else if (m_t.keyword(i, "CHECK")) {
                QString expression;
                i = readParenthesised(i + 1, end, &expression);
                m_ddl.checks.append({std::exchange(pending, QString()), expression});
            } else if (m_t.keyword(i, "FOREIGN") && m_t.keyword(i + 1, "KEY")) {
                SqliteTableDdl::ForeignKey fk;
                fk.name = std::exchange(pending, QString());
                fk.columns = m_t.namesInParens(i + 2, end);
                i = m_t.symbol(i + 2, '(') ? m_t.matchingParen(i + 2, end) + 1 : i + 2;
                if (i < end && m_t.keyword(i, "REFERENCES"))
                    i = readReferences(i + 1, end, &fk);
                m_ddl.foreignKeys.append(fk);
            } else if (m_t.keyword(i, "REFERENCES")) {
                SqliteTableDdl::ForeignKey fk;
                fk.name = std::exchange(pending, QString());
                fk.columns = QStringList{column};
                i = readReferences(i + 1, end, &fk);
                m_ddl.foreignKeys.append(fk);
            } else if (m_t.keyword(i, "AS") && !column.isEmpty()) {
                SqliteTableDdl::Generated generated{column, {}, false};
                i = readParenthesised(i + 1, end, &generated.expression);
                generated.stored = m_t.keyword(i, "STORED");
                m_ddl.generated.append(generated);
            } else if (m_t.symbol(i, '(')) {
                i = m_t.matchingParen(i, end) + 1; // type modifiers, DEFAULT (expr), key lists
            } else {
                // NOT NULL, DEFAULT, COLLATE, GENERATED … start constraints whose name
                // nobody reads; a pending CONSTRAINT name belongs to them, not to a later one.
                for (const char *word : {"NOT", "NULL", "DEFAULT", "COLLATE", "GENERATED"}) {
                    if (m_t.keyword(i, word))
                        pending.clear();
                }
                ++i;
            }
        }
    }

    /// At `i` expects "( … )"; stores the inside and returns the index after ')'.
    qsizetype readParenthesised(qsizetype i, qsizetype end, QString *inside) const
    {
        if (!m_t.symbol(i, '('))
            return i;
        const qsizetype close = m_t.matchingParen(i, end);
        *inside = m_t.slice(i + 1, close);
        return std::min(close + 1, end);
    }

    /// The foreign-key clause after REFERENCES; returns the first index not part of it.
    qsizetype readReferences(qsizetype i, qsizetype end, SqliteTableDdl::ForeignKey *fk) const
    {
        if (i >= end)
            return end;
        fk->referencedTable = m_t.identifier(i++);
        if (m_t.symbol(i, '(')) {
            fk->referencedColumns = m_t.namesInParens(i, end);
            i = m_t.matchingParen(i, end) + 1;
        }
        while (i < end) {
            if (m_t.keyword(i, "ON")) {
                // ON DELETE|UPDATE SET NULL|SET DEFAULT|NO ACTION|CASCADE|RESTRICT; the
                // actions themselves come from pragma_foreign_key_list.
                i += m_t.keyword(i + 2, "SET") || m_t.keyword(i + 2, "NO") ? 4 : 3;
            } else if (m_t.keyword(i, "MATCH")) {
                i += 2;
            } else if (m_t.keyword(i, "NOT") && m_t.keyword(i + 1, "DEFERRABLE")) {
                fk->deferrable = false;
                i += 2;
            } else if (m_t.keyword(i, "DEFERRABLE")) {
                fk->deferrable = true;
                ++i;
            } else if (m_t.keyword(i, "INITIALLY")) {
                // SQLite defers only "DEFERRABLE INITIALLY DEFERRED".
                fk->initiallyDeferred = fk->deferrable && m_t.keyword(i + 1, "DEFERRED");
                i += 2;
            } else {
                break;
            }
        }
        return std::min(i, end);
    }

    Tokens m_t;
    SqliteTableDdl m_ddl;
};

/// Drops a trailing ';' token so a statement copied with its terminator reads the same.
qsizetype endWithoutSemicolon(const Tokens &t)
{
    return t.symbol(t.size() - 1, ';') ? t.size() - 1 : t.size();
}

} // namespace

bool SqlToken::isKeyword(QLatin1String keyword) const
{
    return kind == Kind::Word && text.compare(keyword, Qt::CaseInsensitive) == 0;
}

bool SqlToken::isSymbol(char symbol) const
{
    return kind == Kind::Symbol && text.size() == 1 && text.at(0) == QLatin1Char(symbol);
}

QString SqlToken::identifier() const
{
    if (kind == Kind::Word || kind == Kind::Number || kind == Kind::Symbol || text.isEmpty())
        return text;
    const QChar open = text.at(0);
    const QChar close = open == QLatin1Char('[') ? QLatin1Char(']') : open;
    const bool closed = text.size() >= 2 && text.endsWith(close);
    QString inner = text.mid(1, text.size() - (closed ? 2 : 1));
    if (open != QLatin1Char('['))
        inner.replace(QString(2, open), QString(open));
    return inner;
}

QList<SqlToken> SqliteDdlScanner::tokenize(const QString &sql)
{
    QList<SqlToken> tokens;
    const qsizetype n = sql.size();
    qsizetype i = 0;
    // Every branch below advances i by at least one character, so this always ends.
    while (i < n) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();
        if (isSpace(c)) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            const qsizetype eol = sql.indexOf(QLatin1Char('\n'), i);
            i = eol < 0 ? n : eol + 1;
            continue;
        }
        if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            const qsizetype close = sql.indexOf(QLatin1String("*/"), i + 2);
            i = close < 0 ? n : close + 2;
            continue;
        }
        SqlToken token;
        token.begin = i;
        if (c == QLatin1Char('\'')) {
            token.kind = SqlToken::Kind::String;
            i = skipQuoted(sql, i, c);
        } else if (c == QLatin1Char('"') || c == QLatin1Char('`')) {
            token.kind = SqlToken::Kind::QuotedIdentifier;
            i = skipQuoted(sql, i, c);
        } else if (c == QLatin1Char('[')) {
            token.kind = SqlToken::Kind::QuotedIdentifier;
            const qsizetype close = sql.indexOf(QLatin1Char(']'), i + 1);
            i = close < 0 ? n : close + 1;
        } else if (c.isDigit() || (c == QLatin1Char('.') && next.isDigit())) {
            token.kind = SqlToken::Kind::Number;
            i = skipNumber(sql, i);
        } else if (isWordStart(c)) {
            token.kind = SqlToken::Kind::Word;
            while (++i < n && isWordChar(sql.at(i))) {
            }
        } else {
            token.kind = SqlToken::Kind::Symbol;
            ++i;
        }
        token.end = i;
        token.text = sql.mid(token.begin, token.end - token.begin);
        tokens.append(token);
    }
    return tokens;
}

SqliteTableDdl SqliteDdlScanner::scanCreateTable(const QString &sql)
{
    return TableReader(sql).read();
}

SqliteIndexDdl SqliteDdlScanner::scanCreateIndex(const QString &sql)
{
    SqliteIndexDdl ddl;
    const Tokens t(sql);
    const qsizetype on = t.findTopLevelKeyword(0, "ON");
    qsizetype open = on < 0 ? t.size() : on + 1;
    while (open < t.size() && !t.symbol(open, '(')) // past "table" or "schema"."table"
        ++open;
    if (open >= t.size())
        return ddl;
    const qsizetype close = t.matchingParen(open, t.size());
    for (auto [from, to] : t.splitTopLevel(open + 1, close)) {
        if (to - from > 1 && (t.keyword(to - 1, "ASC") || t.keyword(to - 1, "DESC")))
            --to; // the direction comes from pragma_index_xinfo.desc
        ddl.parts.append(t.slice(from, to));
    }
    if (t.keyword(close + 1, "WHERE"))
        ddl.predicate = t.slice(close + 2, endWithoutSemicolon(t));
    return ddl;
}

QString SqliteDdlScanner::scanViewDefinition(const QString &sql)
{
    const Tokens t(sql);
    const qsizetype as = t.findTopLevelKeyword(0, "AS");
    return as < 0 ? QString() : t.slice(as + 1, endWithoutSemicolon(t));
}

} // namespace migconsole
