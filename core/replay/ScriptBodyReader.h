#pragma once

// Internal to core/replay: the statement walker behind parseMigrationScript().

#include "replay/MigrationScriptParser.h"

#include <QHash>
#include <QSet>

#include <initializer_list>

namespace migconsole::replay_detail {

/// What the module around a function body declares that the body reader needs.
struct ModuleContext
{
    QString file;
    QSet<QString> opAliases;          ///< names bound to alembic's `op` ("op" by default)
    QHash<QString, int> functions;    ///< module-level def name → line (helper functions)
    QHash<QString, PyExpr> constants; ///< module-level literal constants
};

/// Walks the statements of one function body (tokens after the `def` header's colon) and
/// turns op calls into OpCalls and everything it cannot follow into warnings.
class ScriptBodyReader
{
public:
    ScriptBodyReader(const PyExprParser &parser, const ModuleContext &module,
                     MigrationFunction *out);

    /// Reads the body that follows the header colon at `colon`; returns the index of the
    /// first token after the body.
    size_t readFunctionBody(size_t colon);

    /// The index of the first token after the body of the compound statement whose header
    /// colon is at `colon`, without reading it (iterative, so any nesting depth is fine).
    static size_t skipBody(const PyExprParser &parser, size_t colon);
    /// The index after the Dedent closing the block opened by the Indent at `indent`.
    static size_t skipBlock(const PyExprParser &parser, size_t indent);
    /// Index of the header's closing `:` at bracket depth 0 from `pos`, or 0 when the line
    /// has none.
    static size_t headerColon(const PyExprParser &parser, size_t pos);
    /// The index after the end of the simple statement starting at `pos` (past `;` or the
    /// Newline).
    static size_t simpleStatementEnd(const PyExprParser &parser, size_t pos);

    struct Batch
    {
        PyExpr table;
        QString tableText;
        PyExpr schema;
        bool hasSchema = false;
    };
    struct Scope
    {
        QHash<QString, Batch> batches;
        bool conditional = false;
        bool autocommit = false;
    };

private:
    size_t readBody(size_t colon, const Scope &scope, int depth, bool topLevel);
    size_t readStatement(size_t pos, const Scope &scope, int depth, bool topLevel, bool *stop);
    size_t readBlock(size_t indent, const Scope &scope, int depth, bool topLevel);
    size_t readCompound(size_t pos, const Scope &scope, int depth);
    size_t readWith(size_t pos, size_t colon, const Scope &scope, int depth);
    void readSimple(size_t begin, size_t end, const Scope &scope, bool topLevel, bool *stop);
    void readAssignment(const QList<PyExpr> &targets, const PyExpr &value, const Scope &scope);
    void readCall(const PyExpr &call, const Scope &scope);
    void emitOp(const QString &name, const PyExpr &call, const Scope &scope, const Batch *batch);
    bool isEarlyReturnGuard(size_t colon) const;
    bool isConnection(const PyExpr &expr) const;
    bool mentionsConnection(const PyExpr &expr, int depth = 0) const;
    bool isEnumType(const PyExpr &expr) const;
    PyExpr resolveLocals(const PyExpr &expr) const;
    void warn(int line, const QString &message);

    const PyExprParser &m_parser;
    const ModuleContext &m_module;
    MigrationFunction *m_out;
    QHash<QString, PyExpr> m_locals;      ///< `name = <declarative value>` seen so far
    QSet<QString> m_connections;          ///< names bound to op.get_bind() and the like
    QHash<QString, int> m_localFunctions; ///< nested defs: calls to them are helper calls
};

inline bool oneOf(const QString &word, std::initializer_list<const char *> words)
{
    for (const char *w : words) {
        if (word == QLatin1String(w))
            return true;
    }
    return false;
}

/// `c` of `a.b.c`.
inline QString lastSegment(const QString &dotted)
{
    return dotted.mid(dotted.lastIndexOf(u'.') + 1);
}

/// `a` of `a.b.c`.
inline QString rootSegment(const QString &dotted)
{
    const qsizetype dot = dotted.indexOf(u'.');
    return dot < 0 ? dotted : dotted.left(dot);
}

/// An expression rendered for a message, capped at 80 characters.
inline QString shortText(const PyExpr &expr)
{
    QString text = expr.toString();
    if (text.size() > 80)
        text = text.left(77) + QStringLiteral("...");
    return text;
}

/// True when `expr` is a literal tree (strings, numbers, bools, None, tuples/lists/sets/
/// dicts of them, negative numbers): what a module constant may hold.
bool isLiteralTree(const PyExpr &expr);

/// The SQL text of `op.execute`'s argument when it is a literal str, `text(str)` or
/// `DDL(str)`.
bool literalSql(const PyExpr &expr, QString *sql);

} // namespace migconsole::replay_detail
