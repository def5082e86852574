#include "history/PythonSource.h"
#include "replay/PythonExpression.h"

namespace migconsole {

namespace {

using Kind = PyToken::Kind;

// Far deeper than any real migration expression (sa.Column(… sa.ForeignKey(…)) is ~5);
// beyond it a subtree is Opaque, which bounds recursion here and in every tree walk.
constexpr int kMaxDepth = 100;
// Opaque text is for messages and for a later SQL reader; a megabyte of it helps nobody.
constexpr qsizetype kMaxOpaqueText = 8000;

// How parseItems reads a bracket's contents.
enum ItemsMode
{
    kSequence,
    kBraceUnknown,
    kDict,
    kSet,
};

bool isOpenBracketChar(QChar c)
{
    return c == u'(' || c == u'[' || c == u'{';
}

QChar closerOf(QChar open)
{
    return open == u'(' ? u')' : open == u'[' ? u']' : u'}';
}

} // namespace

PyExprParser::PyExprParser(const std::vector<PyToken> &tokens, QStringView source)
    : m_tokens(tokens), m_src(source), m_match(tokens.size(), 0)
{
    // The same stack discipline as the tokenizer (a mismatched closer still pops), so a pair
    // never spans a Newline token.
    std::vector<size_t> stack;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const PyToken &t = tokens[i];
        if (t.kind != Kind::Op || t.length != 1)
            continue;
        const QChar c = source.at(t.start);
        if (isOpenBracketChar(c)) {
            stack.push_back(i);
        } else if ((c == u')' || c == u']' || c == u'}') && !stack.empty()) {
            if (closerOf(source.at(tokens[stack.back()].start)) == c)
                m_match[stack.back()] = i;
            stack.pop_back();
        }
    }
}

const PyToken &PyExprParser::token(size_t index) const
{
    return m_tokens[std::min(index, m_tokens.size() - 1)];
}

bool PyExprParser::isOp(size_t index, QLatin1String op) const
{
    return index < m_tokens.size() && m_tokens[index].isOp(m_src, op);
}

bool PyExprParser::isName(size_t index, QLatin1String name) const
{
    return index < m_tokens.size() && m_tokens[index].isName(m_src, name);
}

bool PyExprParser::atStatementEnd(size_t index) const
{
    if (index >= m_tokens.size())
        return true;
    const Kind k = m_tokens[index].kind;
    return k == Kind::Newline || k == Kind::EndMarker || k == Kind::Indent || k == Kind::Dedent ||
           isOp(index, QLatin1String(";"));
}

size_t PyExprParser::matchingClose(size_t open) const
{
    return open < m_match.size() ? m_match[open] : 0;
}

QString PyExprParser::sourceText(size_t begin, size_t end) const
{
    end = std::min(end, m_tokens.size());
    if (begin >= end)
        return {};
    const qsizetype from = m_tokens[begin].start;
    const qsizetype length = std::max<qsizetype>(0, m_tokens[end - 1].end() - from);
    QString text = m_src.mid(from, std::min(length, kMaxOpaqueText)).toString().simplified();
    if (length > kMaxOpaqueText)
        text += QStringLiteral("...");
    return text;
}

PyExpr PyExprParser::opaqueFrom(size_t begin, size_t end) const
{
    return makeOpaque(sourceText(begin, end), token(begin).line);
}

namespace {

bool isStopOp(QStringView op)
{
    static const QLatin1String stops[] = {
        QLatin1String(","), QLatin1String("="), QLatin1String(":"), QLatin1String(")"),
        QLatin1String("]"), QLatin1String("}"), QLatin1String(";")};
    for (QLatin1String s : stops) {
        if (op == s)
            return true;
    }
    return false;
}

} // namespace

// Past one expression whose structure we do not model: brackets are jumped over whole,
// `lambda …:` keeps its colon. Ends where parseExpression would stop.
size_t PyExprParser::skipExpression(size_t pos) const
{
    while (!atStatementEnd(pos)) {
        const PyToken &t = m_tokens[pos];
        if (t.kind == Kind::Op) {
            const QStringView op = t.text(m_src);
            if (isStopOp(op))
                return pos;
            if (op.size() == 1 && isOpenBracketChar(op.at(0))) {
                const size_t close = matchingClose(pos);
                if (!close) {
                    while (!atStatementEnd(pos))
                        ++pos; // unclosed: the tokenizer swallowed the rest of the line
                    return pos;
                }
                pos = close + 1;
                continue;
            }
        } else if (t.kind == Kind::Name) {
            if (isName(pos, QLatin1String("as")) || isName(pos, QLatin1String("for")))
                return pos;
            if (isName(pos, QLatin1String("lambda"))) {
                ++pos;
                while (!atStatementEnd(pos) && !isOp(pos, QLatin1String(":")))
                    pos = isOp(pos, QLatin1String("(")) && matchingClose(pos)
                              ? matchingClose(pos) + 1
                              : pos + 1;
                if (isOp(pos, QLatin1String(":")))
                    ++pos;
                continue;
            }
        }
        ++pos;
    }
    return pos;
}

PyExpr PyExprParser::parseExpression(size_t *pos) const
{
    return parseTest(pos, 0);
}

PyExpr PyExprParser::parseExpressionList(size_t *pos) const
{
    return parseList(pos, 0);
}

PyExpr PyExprParser::parseList(size_t *pos, int depth) const
{
    const size_t start = *pos;
    PyExpr first = parseTest(pos, depth);
    if (!isOp(*pos, QLatin1String(",")))
        return first;
    PyExpr tuple;
    tuple.kind = PyExpr::Kind::Tuple;
    tuple.line = token(start).line;
    tuple.items.append(std::move(first));
    while (isOp(*pos, QLatin1String(","))) {
        ++*pos;
        const size_t before = *pos;
        if (atStatementEnd(*pos) || isOp(*pos, QLatin1String("=")) ||
            isOp(*pos, QLatin1String(":")) || isOp(*pos, QLatin1String("]")) ||
            isName(*pos, QLatin1String("as")))
            break; // trailing comma
        tuple.items.append(parseTest(pos, depth + 1));
        if (*pos == before)
            break;
    }
    return tuple;
}

PyExpr PyExprParser::parseTest(size_t *pos, int depth) const
{
    const size_t start = *pos;
    if (depth > kMaxDepth || isName(start, QLatin1String("lambda")) ||
        isName(start, QLatin1String("yield")) || isName(start, QLatin1String("await"))) {
        *pos = std::max(skipExpression(start), start + (atStatementEnd(start) ? 0 : 1));
        return opaqueFrom(start, *pos);
    }
    PyExpr e = parseUnary(pos, depth + 1);
    if (atStatementEnd(*pos) || isName(*pos, QLatin1String("as")) ||
        isName(*pos, QLatin1String("for")))
        return e;
    const PyToken &next = m_tokens[*pos];
    if (next.kind == Kind::Op && isStopOp(next.text(m_src)))
        return e;
    // An operator follows (arithmetic, comparison, `if … else`, `%` formatting …): the whole
    // expression is Opaque rather than half-modelled.
    *pos = std::max(skipExpression(*pos), *pos + 1);
    return opaqueFrom(start, *pos);
}

PyExpr PyExprParser::parseUnary(size_t *pos, int depth) const
{
    const size_t start = *pos;
    QString op;
    if (isOp(start, QLatin1String("-")) || isOp(start, QLatin1String("+")) ||
        isOp(start, QLatin1String("~")))
        op = m_tokens[start].text(m_src).toString();
    else if (isName(start, QLatin1String("not")))
        op = QStringLiteral("not");
    if (op.isEmpty())
        return parsePostfix(pos, depth);
    if (depth > kMaxDepth) {
        *pos = std::max(skipExpression(start), start + 1);
        return opaqueFrom(start, *pos);
    }
    ++*pos;
    PyExpr e;
    e.kind = PyExpr::Kind::Unary;
    e.text = op;
    e.line = m_tokens[start].line;
    e.items.append(parseUnary(pos, depth + 1));
    return e;
}

PyExpr PyExprParser::parsePostfix(size_t *pos, int depth) const
{
    const size_t start = *pos;
    PyExpr e = parseAtom(pos, depth);
    if (*pos == start)
        return e;
    for (;;) {
        const size_t at = *pos;
        const bool dot = isOp(at, QLatin1String(".")) && token(at + 1).kind == Kind::Name;
        const bool call = isOp(at, QLatin1String("("));
        const bool subscript = isOp(at, QLatin1String("["));
        if (!dot && !call && !subscript)
            return e;
        ++depth; // each postfix step nests the tree one level deeper
        const size_t close = dot ? at + 1 : matchingClose(at);
        if (depth > kMaxDepth || !close || e.kind == PyExpr::Kind::Opaque) {
            *pos = close ? close + 1 : std::max(skipExpression(at), at + 1);
            if (!close)
                *pos = std::max(skipExpression(*pos), *pos);
            e = opaqueFrom(start, *pos);
            continue;
        }
        *pos = close + 1;
        PyExpr outer;
        outer.line = e.line;
        if (dot) {
            outer.kind = PyExpr::Kind::Attribute;
            outer.text = m_tokens[at + 1].text(m_src).toString();
            outer.items.append(std::move(e));
        } else if (call) {
            outer.kind = PyExpr::Kind::Call;
            outer.items.append(std::move(e));
            if (!parseCallArguments(at, close, &outer, depth)) {
                e = opaqueFrom(start, *pos);
                continue;
            }
        } else {
            outer.kind = PyExpr::Kind::Subscript;
            outer.items.append(std::move(e));
            size_t p = at + 1;
            PyExpr index = parseList(&p, depth + 1);
            if (p != close || at + 1 == close) {
                e = opaqueFrom(start, *pos); // slices `a[1:2]` and the like
                continue;
            }
            outer.items.append(std::move(index));
        }
        e = std::move(outer);
    }
}

PyExpr PyExprParser::parseAtom(size_t *pos, int depth) const
{
    const size_t start = *pos;
    if (atStatementEnd(start))
        return makeOpaque(QString(), token(start).line);
    const PyToken &t = m_tokens[start];
    PyExpr e;
    e.line = t.line;
    switch (t.kind) {
    case Kind::Name: {
        const QStringView name = t.text(m_src);
        if (name == QLatin1String("as") || name == QLatin1String("for"))
            return makeOpaque(QString(), t.line); // a stop word: the caller decides
        ++*pos;
        if (name == QLatin1String("None")) {
            e.kind = PyExpr::Kind::None;
        } else if (name == QLatin1String("True") || name == QLatin1String("False")) {
            e.kind = PyExpr::Kind::Bool;
            e.text = name.toString();
        } else {
            e.kind = PyExpr::Kind::Name;
            e.text = name.toString();
        }
        return e;
    }
    case Kind::Number:
        ++*pos;
        e.kind = PyExpr::Kind::Number;
        e.text = t.text(m_src).toString();
        return e;
    case Kind::String: {
        // Adjacent literals concatenate; one f-string or bytes literal makes the lot opaque.
        size_t end = start;
        bool plain = true;
        while (end < m_tokens.size() && m_tokens[end].kind == Kind::String) {
            if (m_tokens[end].flags & (PyToken::Formatted | PyToken::Bytes))
                plain = false;
            ++end;
        }
        *pos = end;
        if (!plain)
            return opaqueFrom(start, end);
        e.kind = PyExpr::Kind::String;
        for (size_t i = start; i < end; ++i)
            e.text += decodeStringLiteral(m_tokens[i], m_src);
        return e;
    }
    case Kind::Op:
        if (t.length == 1 && isOpenBracketChar(m_src.at(t.start)))
            return parseBracket(pos, depth);
        if (isStopOp(t.text(m_src)))
            return makeOpaque(QString(), t.line);
        break;
    default:
        break;
    }
    ++*pos; // a token that starts no expression we know: consumed, so callers advance
    return opaqueFrom(start, *pos);
}

PyExpr PyExprParser::parseBracket(size_t *pos, int depth) const
{
    const size_t open = *pos;
    const size_t close = matchingClose(open);
    if (!close) {
        *pos = open + 1;
        while (!atStatementEnd(*pos))
            ++*pos;
        return opaqueFrom(open, *pos);
    }
    *pos = close + 1;
    if (depth > kMaxDepth)
        return opaqueFrom(open, close + 1);
    const QChar bracket = m_src.at(m_tokens[open].start);
    PyExpr e;
    e.line = m_tokens[open].line;
    bool hadComma = false;
    // A brace holds a dict when its first item is followed by `:` (or starts with `**`);
    // parseItems decides after that first item, so nothing is parsed twice.
    int mode = bracket == u'{' ? (open + 1 == close ? kDict : kBraceUnknown) : kSequence;
    if (!parseItems(open + 1, close, &mode, &e.items, &hadComma, depth + 1))
        return opaqueFrom(open, close + 1); // comprehensions, slices, anything unusual
    const bool dict = mode == kDict;
    if (bracket == u'(') {
        if (e.items.size() == 1 && !hadComma)
            return e.items.takeFirst(); // just parentheses
        e.kind = PyExpr::Kind::Tuple;
    } else if (bracket == u'[') {
        e.kind = PyExpr::Kind::List;
    } else {
        e.kind = dict ? PyExpr::Kind::Dict : PyExpr::Kind::Set;
    }
    return e;
}

bool PyExprParser::parseItems(size_t begin, size_t end, int *mode, QList<PyExpr> *items,
                              bool *hadComma, int depth) const
{
    size_t p = begin;
    while (p < end) {
        const size_t before = p;
        if (*mode != kSequence && isOp(p, QLatin1String("**"))) {
            return false; // `{**a, …}`: opaque
        } else if (*mode != kSequence && *mode != kSet && !isOp(p, QLatin1String("*"))) {
            items->append(parseTest(&p, depth));
            if (*mode == kBraceUnknown)
                *mode = isOp(p, QLatin1String(":")) ? kDict : kSet;
            if (*mode == kDict) {
                if (p == before || !isOp(p, QLatin1String(":")))
                    return false;
                ++p;
                const size_t valueStart = p;
                items->append(parseTest(&p, depth));
                if (p == valueStart)
                    return false;
            }
        } else if (isOp(p, QLatin1String("*"))) {
            if (*mode == kDict)
                return false;
            if (*mode == kBraceUnknown)
                *mode = kSet;
            ++p;
            PyExpr star;
            star.kind = PyExpr::Kind::Starred;
            star.text = QStringLiteral("*");
            star.line = m_tokens[before].line;
            star.items.append(parseTest(&p, depth));
            items->append(std::move(star));
        } else {
            items->append(parseTest(&p, depth));
        }
        if (p == before || p > end)
            return false;
        if (p == end)
            return true;
        if (!isOp(p, QLatin1String(",")))
            return false;
        *hadComma = true;
        ++p;
    }
    return true;
}

bool PyExprParser::parseCallArguments(size_t open, size_t close, PyExpr *call, int depth) const
{
    size_t p = open + 1;
    while (p < close) {
        const size_t before = p;
        if (isOp(p, QLatin1String("*")) || isOp(p, QLatin1String("**"))) {
            const QString star = m_tokens[p].text(m_src).toString();
            ++p;
            PyExpr value;
            value.kind = PyExpr::Kind::Starred;
            value.text = star;
            value.line = m_tokens[before].line;
            value.items.append(parseTest(&p, depth + 1));
            if (star == QLatin1String("**"))
                call->keywords.append(PyKeywordArg{star, std::move(value)});
            else
                call->items.append(std::move(value));
        } else if (m_tokens[p].kind == Kind::Name && isOp(p + 1, QLatin1String("="))) {
            const QString name = m_tokens[p].text(m_src).toString();
            p += 2;
            const size_t valueStart = p;
            PyExpr value = parseTest(&p, depth + 1);
            if (p == valueStart)
                return false;
            call->keywords.append(PyKeywordArg{name, std::move(value)});
        } else {
            call->items.append(parseTest(&p, depth + 1));
        }
        if (p == before || p > close)
            return false;
        if (p == close)
            return true;
        if (!isOp(p, QLatin1String(",")))
            return false; // a generator argument `f(x for x in y)` or a stray token
        ++p;
    }
    return true;
}

} // namespace migconsole
