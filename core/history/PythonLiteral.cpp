#include "history/PythonLiteral.h"

#include "history/PythonSource.h"

#include <QSet>

namespace migconsole {

namespace {

using Kind = PyToken::Kind;

// Far deeper and longer than any real literal; beyond these a value is simply Unresolved,
// which keeps absurd input (a million brackets) linear.
constexpr int kMaxDepth = 64;
constexpr size_t kMaxTokens = 20000;

bool isOpenBracket(const PyToken &t, QStringView src)
{
    if (t.kind != Kind::Op || t.length != 1)
        return false;
    const QChar c = src.at(t.start);
    return c == u'(' || c == u'[' || c == u'{';
}

bool isCloseBracket(const PyToken &t, QStringView src)
{
    if (t.kind != Kind::Op || t.length != 1)
        return false;
    const QChar c = src.at(t.start);
    return c == u')' || c == u']' || c == u'}';
}

QString sourceText(const std::vector<PyToken> &tokens, size_t begin, size_t end, QStringView src)
{
    if (begin >= end)
        return {};
    const qsizetype length = tokens[end - 1].end() - tokens[begin].start;
    QString text =
        src.mid(tokens[begin].start, std::min<qsizetype>(length, 200)).toString().simplified();
    if (text.size() > 80 || length > 200)
        text = text.left(77) + QStringLiteral("...");
    return text;
}

PyValue unresolved(QString text)
{
    PyValue v;
    v.kind = PyValue::Kind::Unresolved;
    v.text = std::move(text);
    return v;
}

// Splits [begin, end) at commas outside brackets. An empty last part (a trailing comma)
// is dropped; `hadComma` says whether there was any top-level comma at all.
QList<std::pair<size_t, size_t>> splitTopLevel(const std::vector<PyToken> &tokens, size_t begin,
                                               size_t end, QStringView src, QLatin1String sep,
                                               bool *hadComma)
{
    QList<std::pair<size_t, size_t>> parts;
    int depth = 0;
    size_t partStart = begin;
    *hadComma = false;
    for (size_t i = begin; i < end; ++i) {
        const PyToken &t = tokens[i];
        if (isOpenBracket(t, src)) {
            ++depth;
        } else if (isCloseBracket(t, src)) {
            depth = std::max(0, depth - 1);
        } else if (depth == 0 && t.isOp(src, sep)) {
            *hadComma = true;
            parts.append({partStart, i});
            partStart = i + 1;
        }
    }
    if (partStart < end || !*hadComma)
        parts.append({partStart, end});
    return parts;
}

// Index of the bracket closing the one at `open`, or `end` when it is not closed in range.
size_t matchingClose(const std::vector<PyToken> &tokens, size_t open, size_t end, QStringView src)
{
    int depth = 0;
    for (size_t i = open; i < end; ++i) {
        if (isOpenBracket(tokens[i], src))
            ++depth;
        else if (isCloseBracket(tokens[i], src) && --depth == 0)
            return i;
    }
    return end;
}

PyValue evaluate(const std::vector<PyToken> &tokens, size_t begin, size_t end, QStringView src,
                 const QHash<QString, PyValue> *names, int depth);

PyValue evaluateSequence(const std::vector<PyToken> &tokens, size_t begin, size_t end,
                         QStringView src, const QHash<QString, PyValue> *names, int depth,
                         PyValue::Kind kind)
{
    PyValue seq;
    seq.kind = kind;
    if (begin >= end)
        return seq;
    bool hadComma = false;
    const auto parts = splitTopLevel(tokens, begin, end, src, QLatin1String(","), &hadComma);
    for (const auto &[b, e] : parts) {
        if (b >= e)
            return unresolved(sourceText(tokens, begin, end, src)); // `(a,,b)`
        seq.items.append(evaluate(tokens, b, e, src, names, depth + 1));
    }
    return seq;
}

PyValue evaluateAtom(const std::vector<PyToken> &tokens, size_t begin, size_t end, QStringView src,
                     const QHash<QString, PyValue> *names, int depth)
{
    const PyToken &first = tokens[begin];
    bool allStrings = true;
    for (size_t i = begin; i < end && allStrings; ++i)
        allStrings = tokens[i].kind == Kind::String;
    if (allStrings) {
        // Adjacent literals concatenate ("a" "b"); mixing bytes and str is a SyntaxError.
        PyValue v;
        v.kind = (first.flags & PyToken::Bytes) ? PyValue::Kind::Bytes : PyValue::Kind::String;
        for (size_t i = begin; i < end; ++i) {
            const PyToken &t = tokens[i];
            if ((t.flags & PyToken::Formatted) || (t.flags & PyToken::Unterminated) ||
                bool(t.flags & PyToken::Bytes) != (v.kind == PyValue::Kind::Bytes))
                return unresolved(sourceText(tokens, begin, end, src));
            v.text += decodeStringLiteral(t, src);
        }
        return v;
    }
    if (end - begin == 1) {
        if (first.kind == Kind::Number)
            return PyValue{PyValue::Kind::Number, first.text(src).toString(), {}};
        if (first.kind == Kind::Name) {
            const QStringView name = first.text(src);
            if (name == QLatin1String("None"))
                return PyValue{PyValue::Kind::None, {}, {}};
            if (name == QLatin1String("True") || name == QLatin1String("False"))
                return PyValue{PyValue::Kind::Bool, name.toString(), {}};
            if (names) {
                const auto it = names->constFind(name.toString());
                if (it != names->constEnd())
                    return *it;
            }
        }
        return unresolved(sourceText(tokens, begin, end, src));
    }
    if (end - begin == 2 && tokens[begin + 1].kind == Kind::Number &&
        (first.isOp(src, QLatin1String("-")) || first.isOp(src, QLatin1String("+"))))
        return PyValue{PyValue::Kind::Number, sourceText(tokens, begin, end, src).remove(u' '), {}};
    if (isOpenBracket(first, src) && matchingClose(tokens, begin, end, src) == end - 1) {
        const QChar open = src.at(first.start);
        if (open == u'[')
            return evaluateSequence(tokens, begin + 1, end - 1, src, names, depth,
                                    PyValue::Kind::List);
        if (open == u'(') {
            if (begin + 1 == end - 1)
                return PyValue{PyValue::Kind::Tuple, {}, {}};
            return evaluate(tokens, begin + 1, end - 1, src, names, depth + 1);
        }
    }
    return unresolved(sourceText(tokens, begin, end, src));
}

PyValue evaluate(const std::vector<PyToken> &tokens, size_t begin, size_t end, QStringView src,
                 const QHash<QString, PyValue> *names, int depth)
{
    if (begin >= end || depth > kMaxDepth || end - begin > kMaxTokens)
        return unresolved(sourceText(tokens, begin, end, src));
    bool hadComma = false;
    const auto parts = splitTopLevel(tokens, begin, end, src, QLatin1String(","), &hadComma);
    if (hadComma)
        return evaluateSequence(tokens, begin, end, src, names, depth, PyValue::Kind::Tuple);
    return evaluateAtom(tokens, begin, end, src, names, depth);
}

const QSet<QString> &pythonKeywords()
{
    static const QSet<QString> keywords = [] {
        QSet<QString> set;
        for (const char *k :
             {"False",  "None",   "True",    "and",      "as",       "assert", "async",
              "await",  "break",  "class",   "continue", "def",      "del",    "elif",
              "else",   "except", "finally", "for",      "from",     "global", "if",
              "import", "in",     "is",      "lambda",   "nonlocal", "not",    "or",
              "pass",   "raise",  "return",  "try",      "while",    "with",   "yield"})
            set.insert(QString::fromLatin1(k));
        return set;
    }();
    return keywords;
}

bool startsCompoundStatement(const std::vector<PyToken> &tokens, size_t begin, size_t end,
                             QStringView src)
{
    const PyToken &first = tokens[begin];
    if (first.isOp(src, QLatin1String("@")))
        return true; // a decorator line
    if (first.kind != Kind::Name)
        return false;
    const QStringView word = first.text(src);
    for (const char *k : {"if", "elif", "else", "for", "while", "with", "def", "class", "try",
                          "except", "finally", "async"}) {
        if (word == QLatin1String(k))
            return true;
    }
    // Soft keywords: `match x:` / `case y:` always end their line with the colon.
    return (word == QLatin1String("match") || word == QLatin1String("case")) && end - begin > 2 &&
           tokens[end - 1].isOp(src, QLatin1String(":"));
}

class ModuleReader
{
public:
    ModuleReader(PyModuleSummary &summary, QStringView src) : m_s(summary), m_src(src) {}

    void readLine(size_t begin, size_t end, bool firstStatement)
    {
        const auto &t = m_s.tokens;
        if (begin >= end)
            return;
        if (firstStatement) {
            const PyValue v = evaluateLiteral(t, begin, end, m_src);
            if (v.kind == PyValue::Kind::String) {
                m_s.docstring = v.text;
                m_s.docstringLine = t[begin].line;
                return;
            }
        }
        if (startsCompoundStatement(t, begin, end, m_src))
            return;
        bool hadSemicolon = false;
        for (const auto &[b, e] :
             splitTopLevel(t, begin, end, m_src, QLatin1String(";"), &hadSemicolon))
            readStatement(b, e);
    }

private:
    void readStatement(size_t begin, size_t end)
    {
        const auto &t = m_s.tokens;
        QList<size_t> equals;
        int depth = 0;
        for (size_t i = begin; i < end; ++i) {
            if (isOpenBracket(t[i], m_src))
                ++depth;
            else if (isCloseBracket(t[i], m_src))
                depth = std::max(0, depth - 1);
            else if (depth == 0 && t[i].isOp(m_src, QLatin1String("=")))
                equals.append(i);
        }
        if (equals.isEmpty())
            return;
        const PyValue value = evaluateLiteral(t, equals.last() + 1, end, m_src, &m_names);
        size_t targetStart = begin;
        for (size_t eq : std::as_const(equals)) {
            assignTarget(targetStart, eq, value);
            targetStart = eq + 1;
        }
    }

    bool isTargetName(const PyToken &token) const
    {
        return token.kind == Kind::Name && !pythonKeywords().contains(token.text(m_src).toString());
    }

    void assignTarget(size_t begin, size_t end, const PyValue &value)
    {
        const auto &t = m_s.tokens;
        if (begin >= end)
            return;
        // `name` or `name: annotation` — annotations are ignored, the value counts.
        if (isTargetName(t[begin]) &&
            (end - begin == 1 || t[begin + 1].isOp(m_src, QLatin1String(":")))) {
            assign(t[begin], value);
            return;
        }
        // `a, b = x, y` (optionally parenthesised): element-wise when the lengths agree.
        size_t b = begin, e = end;
        if (t[b].isOp(m_src, QLatin1String("(")) && t[e - 1].isOp(m_src, QLatin1String(")"))) {
            ++b;
            --e;
        }
        bool hadComma = false;
        const auto parts = splitTopLevel(t, b, e, m_src, QLatin1String(","), &hadComma);
        if (!hadComma)
            return;
        for (const auto &[pb, pe] : parts) {
            if (pe - pb != 1 || !isTargetName(t[pb]))
                return; // starred, attribute or subscript targets: not ours to model
        }
        const bool matches = value.isSequence() && value.items.size() == parts.size();
        for (qsizetype i = 0; i < parts.size(); ++i)
            assign(t[parts[i].first],
                   matches ? value.items[i]
                           : unresolved(value.text.isEmpty() ? QStringLiteral("...") : value.text));
    }

    void assign(const PyToken &target, const PyValue &value)
    {
        const QString name = target.text(m_src).toString();
        m_s.assignments.append(PyAssignment{name, value, target.line});
        m_names.insert(name, value);
        if (name == QLatin1String("__doc__") && value.kind == PyValue::Kind::String) {
            m_s.docstring = value.text;
            m_s.docstringLine = target.line;
        }
    }

    PyModuleSummary &m_s;
    QStringView m_src;
    QHash<QString, PyValue> m_names;
};

} // namespace

PyValue evaluateLiteral(const std::vector<PyToken> &tokens, size_t begin, size_t end,
                        QStringView source, const QHash<QString, PyValue> *names)
{
    end = std::min(end, tokens.size());
    return evaluate(tokens, begin, end, source, names, 0);
}

QStringList pyValueStrings(const PyValue &value, QStringList *unresolvedItems)
{
    QStringList out;
    auto take = [&](const PyValue &v) {
        if (v.kind == PyValue::Kind::String)
            out.append(v.text);
        else if (unresolvedItems)
            unresolvedItems->append(v.kind == PyValue::Kind::Unresolved ? v.text
                                    : v.kind == PyValue::Kind::None     ? QStringLiteral("None")
                                                                        : v.text);
    };
    switch (value.kind) {
    case PyValue::Kind::None:
        break;
    case PyValue::Kind::Tuple:
    case PyValue::Kind::List:
        for (const PyValue &item : value.items)
            take(item);
        break;
    default:
        take(value);
        break;
    }
    return out;
}

const PyAssignment *PyModuleSummary::lastAssignment(const QString &name) const
{
    for (qsizetype i = assignments.size() - 1; i >= 0; --i) {
        if (assignments[i].name == name)
            return &assignments[i];
    }
    return nullptr;
}

PyModuleSummary summarizePythonModule(const QString &source)
{
    PyModuleSummary summary;
    PythonTokenizer tokenizer(source);
    summary.tokens = tokenizer.tokenizeAll();
    summary.errors = tokenizer.errors();
    ModuleReader reader(summary, source);
    const auto &t = summary.tokens;
    int depth = 0;
    bool first = true;
    size_t i = 0;
    while (i < t.size() && t[i].kind != Kind::EndMarker) {
        if (t[i].kind == Kind::Indent) {
            ++depth;
            ++i;
            continue;
        }
        if (t[i].kind == Kind::Dedent) {
            depth = std::max(0, depth - 1);
            ++i;
            continue;
        }
        size_t lineEnd = i;
        while (lineEnd < t.size() && t[lineEnd].kind != Kind::Newline &&
               t[lineEnd].kind != Kind::EndMarker)
            ++lineEnd;
        if (depth == 0)
            reader.readLine(i, lineEnd, first);
        first = false;
        i = lineEnd < t.size() && t[lineEnd].kind == Kind::Newline ? lineEnd + 1 : lineEnd;
    }
    return summary;
}

} // namespace migconsole
