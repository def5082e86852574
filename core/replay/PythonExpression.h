#pragma once

#include "history/PythonTokenizer.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringView>

#include <vector>

namespace migconsole {

struct PyKeywordArg;

/// A Python expression as far as a migration reader needs it, read without running Python.
/// What the reader does not model (arithmetic, comparisons, comprehensions, lambdas,
/// f-strings, bytes, conditional expressions) is an Opaque node carrying its source text,
/// never an error.
struct PyExpr
{
    enum class Kind : quint8
    {
        Name,      ///< `text` = identifier (keywords True/False/None have their own kinds)
        Attribute, ///< `text` = attribute name, items[0] = the object (`sa.Column`)
        Call,      ///< items[0] = callee, items[1..] = positional arguments; `keywords`
        Subscript, ///< items[0] = the object, items[1] = the index (a Tuple for `a[x, y]`)
        String,    ///< `text` = decoded value, adjacent literals joined
        Number,    ///< `text` = the spelling (`-1` after folding a unary minus is Unary)
        Bool,      ///< `text` = "True" or "False"
        None,
        Tuple, ///< items = elements
        List,
        Set,
        Dict,    ///< items = key, value, key, value, …
        Unary,   ///< `text` = "-", "+", "~" or "not"; items[0] = operand
        Starred, ///< `text` = "*" or "**"; items[0] = operand (`*cols`, `**kw`)
        Opaque,  ///< `text` = source text, whitespace simplified
    };

    Kind kind = Kind::Opaque;
    QString text;
    QList<PyExpr> items;
    QList<PyKeywordArg> keywords; ///< Call only, in source order; `**kw` has name "**"
    int line = 0;                 ///< line of the first token

    bool is(Kind k) const { return kind == k; }
    bool isString() const { return kind == Kind::String; }
    /// `a.b.c` for a Name/Attribute chain, empty for anything else.
    QString dottedName() const;
    /// For a Call: the callee's dotted name (`sa.Column`), empty when the callee is not one.
    QString calleeName() const;
    /// For a Call: positional argument `index` (0-based, callee excluded) or nullptr.
    const PyExpr *arg(qsizetype index) const;
    qsizetype argCount() const;
    /// For a Call: the value of keyword `name`, or nullptr.
    const PyExpr *keyword(QStringView name) const;
    /// A compact Python-like rendering (`sa.Column('id', sa.Integer(), nullable=False)`), for
    /// messages and tests. Strings use single quotes with `\` and `'` escaped.
    QString toString() const;

    bool operator==(const PyExpr &) const;
};

struct PyKeywordArg
{
    QString name; ///< "**" for a `**mapping` argument
    PyExpr value;

    bool operator==(const PyKeywordArg &) const = default;
};

PyExpr makeOpaque(QString text, int line);
PyExpr makeString(QString value, int line);

/// A recursive-descent parser for Python expressions over a token vector from
/// PythonTokenizer. Nesting deeper than a fixed limit, unbalanced brackets and tokens that
/// fit no rule become Opaque nodes; every call advances, nothing loops or recurses without
/// bound, so hostile input costs time linear in its size.
class PyExprParser
{
public:
    /// `tokens` and `source` must outlive the parser. Bracket pairs are matched once here.
    PyExprParser(const std::vector<PyToken> &tokens, QStringView source);

    /// One expression (`test` in Python's grammar) starting at `*pos`; `*pos` moves past it.
    /// Stops before a top-level `,` `=` `:` `)` `]` `}`, a Newline, `;`, `as` or EndMarker.
    PyExpr parseExpression(size_t *pos) const;
    /// A comma-separated list as a bare Tuple (one item without a comma is returned as is).
    PyExpr parseExpressionList(size_t *pos) const;

    /// Index of the bracket closing the one at `open`, or 0 when there is none.
    size_t matchingClose(size_t open) const;
    /// Source text of tokens [begin, end), simplified and capped for messages.
    QString sourceText(size_t begin, size_t end) const;
    const PyToken &token(size_t index) const;
    bool isOp(size_t index, QLatin1String op) const;
    bool isName(size_t index, QLatin1String name) const;
    /// True at a token that ends a simple statement (Newline, `;`, EndMarker, Indent/Dedent).
    bool atStatementEnd(size_t index) const;

private:
    PyExpr parseTest(size_t *pos, int depth) const;
    PyExpr parseUnary(size_t *pos, int depth) const;
    PyExpr parsePostfix(size_t *pos, int depth) const;
    PyExpr parseAtom(size_t *pos, int depth) const;
    PyExpr parseBracket(size_t *pos, int depth) const;
    bool parseCallArguments(size_t open, size_t close, PyExpr *call, int depth) const;
    PyExpr parseList(size_t *pos, int depth) const;
    bool parseItems(size_t begin, size_t end, int *mode, QList<PyExpr> *items, bool *hadComma,
                    int depth) const;
    size_t skipExpression(size_t pos) const;
    PyExpr opaqueFrom(size_t begin, size_t end) const;

    const std::vector<PyToken> &m_tokens;
    QStringView m_src;
    std::vector<size_t> m_match; ///< open bracket index → close index (0 = unmatched)
};

/// Tokenizes and parses one expression (for tests and small callers).
PyExpr parsePythonExpression(const QString &text);

/// `expr` with every Name found in `names` replaced by its value (one level: values are
/// not themselves resolved again), e.g. module constants of a migration script.
PyExpr resolveNames(const PyExpr &expr, const QHash<QString, PyExpr> &names);

} // namespace migconsole
