// The token view of SQL DDL shared by SqlDdlReader.cpp and SqlDdlColumns.cpp: keyword and
// name tests, parenthesis matching, top-level splitting, and the check for malformed text.

#include "replay/SqlDdlSupport.h"

#include <algorithm>
#include <utility>

namespace migconsole::sqlddl {
Tokens::Tokens(const QString &sql, Dialect dialect)
    : m_sql(sql), m_tokens(SqliteDdlScanner::tokenize(sql)), m_dialect(dialect)
{
}

bool Tokens::keyword(qsizetype i, const char *word) const
{
    return i >= 0 && i < size() && m_tokens.at(i).isKeyword(QLatin1String(word));
}

bool Tokens::keywords(qsizetype i, std::initializer_list<const char *> words) const
{
    for (const char *word : words) {
        if (!keyword(i++, word))
            return false;
    }
    return true;
}

bool Tokens::anyKeyword(qsizetype i, std::initializer_list<const char *> words) const
{
    return std::any_of(words.begin(), words.end(), [&](const char *w) { return keyword(i, w); });
}

bool Tokens::symbol(qsizetype i, char c) const
{
    return i >= 0 && i < size() && m_tokens.at(i).isSymbol(c);
}

bool Tokens::isWord(qsizetype i) const
{
    return i >= 0 && i < size() && m_tokens.at(i).kind == SqlToken::Kind::Word;
}

bool Tokens::isString(qsizetype i) const
{
    return i >= 0 && i < size() && m_tokens.at(i).kind == SqlToken::Kind::String;
}

bool Tokens::isName(qsizetype i) const
{
    return isWord(i) ||
           (i >= 0 && i < size() && m_tokens.at(i).kind == SqlToken::Kind::QuotedIdentifier);
}

QString Tokens::name(qsizetype i) const
{
    if (!isName(i))
        return {};
    const SqlToken &token = m_tokens.at(i);
    if (token.kind == SqlToken::Kind::Word && m_dialect == Dialect::PostgreSQL)
        return token.text.toLower();
    return token.identifier();
}

QString Tokens::stringValue(qsizetype i) const
{
    return isString(i) ? m_tokens.at(i).identifier() : QString();
}

qsizetype Tokens::matchingParen(qsizetype open, qsizetype limit) const
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

QList<std::pair<qsizetype, qsizetype>> Tokens::splitTopLevel(qsizetype from, qsizetype to) const
{
    QList<std::pair<qsizetype, qsizetype>> parts;
    int depth = 0;
    qsizetype start = from;
    for (qsizetype i = from; i < to; ++i) {
        if (symbol(i, '('))
            ++depth;
        else if (symbol(i, ')'))
            depth = std::max(0, depth - 1);
        else if (depth == 0 && symbol(i, ',')) {
            parts.append({start, i});
            start = i + 1;
        }
    }
    parts.append({start, to}); // an empty last part (a trailing comma) is the caller's error
    return parts;
}

QString Tokens::slice(qsizetype from, qsizetype to) const
{
    to = std::min(to, size());
    if (from < 0 || from >= to)
        return {};
    const qsizetype begin = m_tokens.at(from).begin;
    return m_sql.mid(begin, m_tokens.at(to - 1).end - begin).trimmed();
}

namespace {

/// Whether a quoted token ends with its closing quote (the tokenizer runs an unterminated
/// one to the end of the text).
bool closedQuote(const SqlToken &token)
{
    const QString &text = token.text;
    const QChar close = text.startsWith(u'[') ? QLatin1Char(']') : text.at(0);
    for (qsizetype pos = 1;;) {
        const qsizetype at = text.indexOf(close, pos);
        if (at < 0)
            return false;
        if (close != u']' && at + 1 < text.size() && text.at(at + 1) == close) {
            pos = at + 2; // a doubled quote is an escaped one
            continue;
        }
        return at == text.size() - 1;
    }
}

} // namespace

Problem Tokens::malformation() const
{
    int depth = 0;
    for (const SqlToken &token : m_tokens) {
        if (token.isSymbol('('))
            ++depth;
        else if (token.isSymbol(')') && --depth < 0)
            return QStringLiteral("a ')' has no '('");
        else if ((token.kind == SqlToken::Kind::String ||
                  token.kind == SqlToken::Kind::QuotedIdentifier) &&
                 !closedQuote(token))
            return QStringLiteral("a quote is not closed");
    }
    return depth > 0 ? QStringLiteral("a '(' is not closed") : Problem();
}

} // namespace migconsole::sqlddl
