#include "history/PythonTokenizer.h"

namespace migconsole {

namespace {

bool isAsciiNameStart(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

// Non-ASCII identifier characters: CPython accepts XID_Start/XID_Continue; letters, digits,
// marks and connector punctuation are a close, cheap approximation.
bool isUnicodeNameChar(char32_t ucs4)
{
    if (QChar::isLetterOrNumber(ucs4))
        return true;
    switch (QChar::category(ucs4)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Punctuation_Connector:
        return true;
    default:
        return false;
    }
}

// The prefixes CPython accepts before a quote (case-insensitive), t-strings included.
quint8 stringPrefixFlags(QStringView word, bool *valid)
{
    *valid = false;
    if (word.isEmpty() || word.size() > 2)
        return 0;
    quint8 flags = 0;
    int seenR = 0, seenB = 0, seenU = 0, seenF = 0;
    for (QChar ch : word) {
        switch (ch.toLower().unicode()) {
        case u'r':
            ++seenR;
            flags |= PyToken::Raw;
            break;
        case u'b':
            ++seenB;
            flags |= PyToken::Bytes;
            break;
        case u'u':
            ++seenU;
            break;
        case u'f':
        case u't':
            ++seenF;
            flags |= PyToken::Formatted;
            break;
        default:
            return 0;
        }
    }
    if (seenR > 1 || seenB > 1 || seenF > 1 || (seenU && word.size() > 1) || (seenB && seenF))
        return 0;
    *valid = true;
    return flags;
}

} // namespace

PythonTokenizer::PythonTokenizer(QString source) : m_source(std::move(source))
{
    if (!m_source.isEmpty() && m_source.at(0) == QChar(0xFEFF))
        m_pos = m_lineStart = 1;
}

char16_t PythonTokenizer::peek(qsizetype ahead) const
{
    const qsizetype at = m_pos + ahead;
    return at < m_source.size() ? m_source.at(at).unicode() : u'\0';
}

bool PythonTokenizer::isNewlineAt(qsizetype pos) const
{
    if (pos >= m_source.size())
        return false;
    const char16_t c = m_source.at(pos).unicode();
    return c == u'\n' || c == u'\r';
}

// Universal newlines, like Python reading a source file: \n, \r\n and a lone \r.
void PythonTokenizer::consumeNewline()
{
    if (peek() == u'\r' && peek(1) == u'\n')
        ++m_pos;
    ++m_pos;
    ++m_line;
    m_lineStart = m_pos;
}

void PythonTokenizer::error(int line, int column, const QString &message)
{
    ++m_errorCount;
    if (m_errors.size() < kMaxErrors)
        m_errors.append(PyTokenError{line, column, message});
}

void PythonTokenizer::errorHere(const QString &message)
{
    error(m_line, int(m_pos - m_lineStart), message);
}

PyToken PythonTokenizer::make(PyToken::Kind kind, qsizetype start, int line, int column) const
{
    PyToken token;
    token.kind = kind;
    token.start = start;
    token.length = m_pos - start;
    token.line = line;
    token.column = column;
    token.endLine = m_line;
    return token;
}

std::vector<PyToken> PythonTokenizer::tokenizeAll()
{
    std::vector<PyToken> tokens;
    tokens.reserve(size_t(m_source.size() / 4) + 1);
    for (;;) {
        tokens.push_back(next());
        if (tokens.back().kind == PyToken::Kind::EndMarker)
            return tokens;
    }
}

// At the start of a physical line outside brackets: skips blank and comment-only lines and
// measures the indentation. Returns true with an INDENT/DEDENT in `out` when the level
// changes.
bool PythonTokenizer::handleLineStart(PyToken *out)
{
    for (;;) {
        int column = 0, altColumn = 0;
        while (!atEnd()) {
            const char16_t c = peek();
            if (c == u' ') {
                ++column;
                ++altColumn;
            } else if (c == u'\t') {
                column = (column / 8 + 1) * 8;
                ++altColumn;
            } else if (c == u'\f') {
                column = altColumn = 0;
            } else {
                break;
            }
            ++m_pos;
        }
        if (atEnd())
            return false; // end of input: the caller emits the closing tokens
        const char16_t c = peek();
        if (c == u'#') {
            while (!atEnd() && !isNewlineAt(m_pos))
                ++m_pos;
        }
        if (isNewlineAt(m_pos)) {
            consumeNewline(); // a blank or comment-only line: no tokens, no indentation
            continue;
        }
        if (c == u'#')
            continue; // comment at the very end of the input
        m_atLineStart = false;
        const int start = int(m_pos - m_lineStart);
        if (column > m_indents.back()) {
            if (altColumn <= m_altIndents.back())
                errorHere(QStringLiteral("inconsistent use of tabs and spaces in indentation"));
            // CPython's MAXINDENT: Python refuses a 100th nested block, so Alembic could not
            // load the file (reading on costs nothing: the stack is a vector).
            if (m_indents.size() == kMaxIndentLevels + 1)
                errorHere(QStringLiteral("too many levels of indentation"));
            m_indents.push_back(column);
            m_altIndents.push_back(altColumn);
            *out = make(PyToken::Kind::Indent, m_pos, m_line, start);
            out->length = 0;
            return true;
        }
        if (column < m_indents.back()) {
            int dedents = 0;
            while (m_indents.size() > 1 && column < m_indents.back()) {
                m_indents.pop_back();
                m_altIndents.pop_back();
                ++dedents;
            }
            if (column != m_indents.back())
                errorHere(QStringLiteral("unindent does not match any outer indentation level"));
            else if (altColumn != m_altIndents.back())
                errorHere(QStringLiteral("inconsistent use of tabs and spaces in indentation"));
            m_pendingDedents = dedents - 1;
            *out = make(PyToken::Kind::Dedent, m_pos, m_line, start);
            out->length = 0;
            return true;
        }
        if (altColumn != m_altIndents.back())
            errorHere(QStringLiteral("inconsistent use of tabs and spaces in indentation"));
        return false;
    }
}

PyToken PythonTokenizer::next()
{
    if (m_pendingDedents > 0) {
        --m_pendingDedents;
        PyToken dedent = make(PyToken::Kind::Dedent, m_pos, m_line, int(m_pos - m_lineStart));
        dedent.length = 0;
        return dedent;
    }
    for (;;) {
        if (m_atLineStart && m_brackets.empty()) {
            PyToken indent;
            if (handleLineStart(&indent))
                return indent;
        }
        while (!atEnd() && (peek() == u' ' || peek() == u'\t' || peek() == u'\f'))
            ++m_pos;
        const qsizetype start = m_pos;
        const int column = int(m_pos - m_lineStart);
        if (atEnd()) {
            PyToken token = make(PyToken::Kind::EndMarker, start, m_line, column);
            if (m_lineHasContent) {
                m_lineHasContent = false;
                token.kind = PyToken::Kind::Newline;
                return token;
            }
            if (!m_finished && !m_brackets.empty()) {
                error(m_bracketLines.back(), 0,
                      QStringLiteral("'%1' was never closed").arg(QChar(m_brackets.back())));
                m_brackets.clear();
                m_bracketLines.clear();
            }
            if (m_indents.size() > 1) {
                m_indents.pop_back();
                m_altIndents.pop_back();
                token.kind = PyToken::Kind::Dedent;
                return token;
            }
            m_finished = true;
            return token;
        }
        const char16_t c = peek();
        if (c == u'#') {
            while (!atEnd() && !isNewlineAt(m_pos))
                ++m_pos;
            continue;
        }
        if (c == u'\n' || c == u'\r') {
            PyToken token = make(PyToken::Kind::Newline, start, m_line, column);
            consumeNewline();
            if (!m_brackets.empty())
                continue; // implicit line joining inside brackets
            m_atLineStart = true;
            if (!m_lineHasContent)
                continue;
            m_lineHasContent = false;
            token.length = m_pos - start;
            return token;
        }
        if (c == u'\\') {
            ++m_pos;
            if (isNewlineAt(m_pos))
                consumeNewline(); // explicit line joining
            else if (atEnd())
                errorHere(QStringLiteral("unexpected EOF after line continuation character"));
            else
                errorHere(QStringLiteral("unexpected character after line continuation character"));
            continue;
        }
        m_lineHasContent = true;
        if (isAsciiNameStart(c) || c >= 0x80) {
            PyToken name = scanName();
            if (name.length > 0) {
                bool prefix = false;
                const quint8 flags = stringPrefixFlags(name.text(m_source), &prefix);
                if (prefix && (peek() == u'\'' || peek() == u'"'))
                    return scanString(name.start, int(name.length), flags);
                return name;
            }
            // Not an identifier character: reported below as an invalid character.
        } else if (isDigit(c) || (c == u'.' && isDigit(peek(1)))) {
            return scanNumber();
        } else if (c == u'\'' || c == u'"') {
            return scanString(start, 0, 0);
        } else {
            PyToken op;
            if (scanOperator(&op))
                return op;
        }
        // Anything else is a character Python does not allow outside strings and comments.
        char32_t ucs4 = c;
        if (QChar::isHighSurrogate(c) && QChar::isLowSurrogate(peek(1))) {
            ucs4 = QChar::surrogateToUcs4(c, peek(1));
            ++m_pos;
        }
        ++m_pos;
        if (ucs4 < 0x20 || ucs4 == 0x7f)
            error(m_line, column,
                  QStringLiteral("invalid non-printable character U+%1")
                      .arg(uint(ucs4), 4, 16, QLatin1Char('0'))
                      .toUpper());
        else
            error(m_line, column,
                  QStringLiteral("invalid character '%1' (U+%2)")
                      .arg(QString::fromUcs4(&ucs4, 1))
                      .arg(QString::number(uint(ucs4), 16).toUpper().rightJustified(4, u'0')));
    }
}

PyToken PythonTokenizer::scanName()
{
    const qsizetype start = m_pos;
    const int column = int(m_pos - m_lineStart);
    while (!atEnd()) {
        const char16_t c = peek();
        if (isAsciiNameStart(c) || isDigit(c)) {
            ++m_pos;
            continue;
        }
        if (c < 0x80)
            break;
        char32_t ucs4 = c;
        int width = 1;
        if (QChar::isHighSurrogate(c) && QChar::isLowSurrogate(peek(1))) {
            ucs4 = QChar::surrogateToUcs4(c, peek(1));
            width = 2;
        }
        if (!isUnicodeNameChar(ucs4))
            break;
        m_pos += width;
    }
    return make(PyToken::Kind::Name, start, m_line, column);
}

// Lenient on purpose: digits, letters, underscores and dots, plus an exponent sign, so
// `1_000`, `0xFF`, `1.5e-3j` and even malformed numbers stay one token.
PyToken PythonTokenizer::scanNumber()
{
    const qsizetype start = m_pos;
    const int column = int(m_pos - m_lineStart);
    const bool hex = peek() == u'0' && (peek(1) == u'x' || peek(1) == u'X');
    while (!atEnd()) {
        const char16_t c = peek();
        if (isAsciiNameStart(c) || isDigit(c) || c == u'.') {
            ++m_pos;
            if (!hex && (c == u'e' || c == u'E') && (peek() == u'+' || peek() == u'-') &&
                isDigit(peek(1)))
                ++m_pos;
            continue;
        }
        break;
    }
    return make(PyToken::Kind::Number, start, m_line, column);
}

PyToken PythonTokenizer::scanString(qsizetype tokenStart, int prefixLength, quint8 flags)
{
    const int line = m_line;
    const int column = int(tokenStart - m_lineStart);
    const char16_t quote = peek();
    const bool triple = peek(1) == quote && peek(2) == quote;
    if (triple)
        flags |= PyToken::Triple;
    m_pos += triple ? 3 : 1;
    scanQuotedBody(quote, triple, flags & PyToken::Formatted, &flags, line, column);
    PyToken token = make(PyToken::Kind::String, tokenStart, line, column);
    token.flags = flags;
    token.prefixLength = quint8(prefixLength);
    return token;
}

// The body of a string after its opening quote. In an f-string, replacement fields may
// hold nested strings with any quotes (Python 3.12), so braces are tracked there; a
// single-quoted string always ends at an unescaped line break, which bounds the damage
// an unterminated literal can do to one line.
void PythonTokenizer::scanQuotedBody(char16_t quote, bool triple, bool formatted, quint8 *flags,
                                     int startLine, int startColumn)
{
    int braces = 0;
    while (!atEnd()) {
        const char16_t c = peek();
        if (c == u'\\') {
            ++m_pos;
            if (isNewlineAt(m_pos))
                consumeNewline();
            else if (!atEnd())
                ++m_pos;
            continue;
        }
        if (c == u'\n' || c == u'\r') {
            if (!triple)
                break;
            consumeNewline();
            continue;
        }
        if (formatted && braces > 0) {
            if (c == u'{') {
                ++braces;
            } else if (c == u'}') {
                --braces;
            } else if (c == u'\'' || c == u'"') {
                const bool nestedTriple = peek(1) == c && peek(2) == c;
                if (!(c == quote && (!triple || nestedTriple))) {
                    // A nested literal inside a replacement field (plain rules, no recursion).
                    m_pos += nestedTriple ? 3 : 1;
                    quint8 nestedFlags = 0;
                    scanQuotedBody(c, nestedTriple, false, &nestedFlags, m_line,
                                   int(m_pos - m_lineStart));
                    continue;
                }
                // The enclosing quote closes the f-string even inside a field (Python < 3.12
                // semantics, and what an unbalanced field most likely means).
                braces = 0;
                continue;
            }
            ++m_pos;
            continue;
        }
        if (formatted && c == u'{') {
            if (peek(1) == u'{')
                ++m_pos;
            else
                braces = 1;
            ++m_pos;
            continue;
        }
        if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
            m_pos += triple ? 3 : 1;
            return;
        }
        ++m_pos;
    }
    *flags |= PyToken::Unterminated;
    if (triple)
        error(startLine, startColumn,
              QStringLiteral("unterminated triple-quoted string literal (detected at line %1)")
                  .arg(m_line));
    else
        error(startLine, startColumn,
              QStringLiteral("unterminated string literal (detected at line %1)").arg(m_line));
}

bool PythonTokenizer::scanOperator(PyToken *out)
{
    const qsizetype start = m_pos;
    const int column = int(m_pos - m_lineStart);
    const char16_t c = peek(), c1 = peek(1), c2 = peek(2);
    // Longest match, by hand: this runs for every operator of every file.
    int width = 0;
    switch (c) {
    case u'*':
    case u'/':
    case u'<':
    case u'>':
        width = c1 == c ? (c2 == u'=' ? 3 : 2) : c1 == u'=' ? 2 : 1; // ** **= *= < << <<= <=
        break;
    case u'-':
        width = (c1 == u'>' || c1 == u'=') ? 2 : 1;
        break;
    case u'+':
    case u'%':
    case u'&':
    case u'|':
    case u'^':
    case u'@':
    case u'=':
    case u':':
        width = c1 == u'=' ? 2 : 1;
        break;
    case u'!':
        width = c1 == u'=' ? 2 : 0;
        break;
    case u'.':
        width = (c1 == u'.' && c2 == u'.') ? 3 : 1;
        break;
    case u'~':
    case u'(':
    case u')':
    case u'[':
    case u']':
    case u'{':
    case u'}':
    case u',':
    case u';':
        width = 1;
        break;
    default:
        return false;
    }
    if (!width)
        return false;
    m_pos += width;
    if (width == 1) {
        if (c == u'(' || c == u'[' || c == u'{') {
            if (m_brackets.size() == 200)
                errorHere(QStringLiteral("too many nested parentheses"));
            m_brackets.push_back(c);
            m_bracketLines.push_back(m_line);
        } else if (c == u')' || c == u']' || c == u'}') {
            const char16_t open = c == u')' ? u'(' : c == u']' ? u'[' : u'{';
            if (m_brackets.empty()) {
                error(m_line, column, QStringLiteral("unmatched '%1'").arg(QChar(c)));
            } else {
                if (m_brackets.back() != open)
                    error(m_line, column,
                          QStringLiteral("closing parenthesis '%1' does not match opening "
                                         "parenthesis '%2'")
                              .arg(QChar(c), QChar(m_brackets.back())));
                // Pop even on a mismatch so one typo does not swallow the rest of the file.
                m_brackets.pop_back();
                m_bracketLines.pop_back();
            }
        }
    }
    *out = make(PyToken::Kind::Op, start, m_line, column);
    return true;
}

} // namespace migconsole
