#pragma once

#include "history/PythonTokenizer.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace migconsole {

/// The value of a Python expression as far as it can be known without running Python:
/// literals and tuples/lists of them. Anything else (a name we do not know, an attribute
/// such as `cli.EXPAND_BRANCH`, a call, an f-string, arithmetic) is Unresolved and keeps
/// its source text for the message.
struct PyValue
{
    enum class Kind
    {
        None,
        Bool,
        Number,
        String,
        Bytes,
        Tuple,
        List,
        Unresolved
    };
    Kind kind = Kind::Unresolved;
    QString text;         ///< String/Bytes value, Number/Bool spelling, Unresolved source
    QList<PyValue> items; ///< Tuple/List elements

    bool isSequence() const { return kind == Kind::Tuple || kind == Kind::List; }
    bool operator==(const PyValue &) const = default;
};

/// Evaluates tokens [begin, end) as a literal expression: strings (adjacent ones
/// concatenated), None/True/False, numbers, tuples (parenthesised or bare `a, b`), lists,
/// and names found in `names` (earlier module-level assignments). Never recurses deeper
/// than a fixed limit, so absurd nesting gives Unresolved rather than a crash.
PyValue evaluateLiteral(const std::vector<PyToken> &tokens, size_t begin, size_t end,
                        QStringView source, const QHash<QString, PyValue> *names = nullptr);

/// The strings of a value that Alembic would pass through `util.to_tuple`: None → none,
/// a string → itself, a tuple/list → its string elements. Elements that are not strings
/// are described in `unresolved` (source text) and skipped.
QStringList pyValueStrings(const PyValue &value, QStringList *unresolved);

/// One `name = value` (or `name: annotation = value`, chained `a = b = value`, or
/// `a, b = x, y`) statement at module level, i.e. not inside a def, class or any block.
struct PyAssignment
{
    QString name;
    PyValue value;
    int line = 0; ///< line of the target name
};

/// What a module declares at its top level, read statically.
struct PyModuleSummary
{
    std::optional<QString> docstring; ///< the module docstring (or a later `__doc__ = "…"`)
    int docstringLine = 0;
    QList<PyAssignment> assignments; ///< in source order; a name may repeat (last wins)
    QList<PyTokenError> errors;      ///< the tokenizer's syntax errors
    std::vector<PyToken> tokens;     ///< every token, for further readers (env.py)

    /// The last module-level assignment to `name`, if any.
    const PyAssignment *lastAssignment(const QString &name) const;
};

/// Tokenizes `source` and collects the module docstring and module-level assignments.
/// Annotations are skipped (the value counts, not the declared type); statements nested
/// in blocks or after a compound statement's colon (`if x: revision = "a"`) are ignored.
PyModuleSummary summarizePythonModule(const QString &source);

} // namespace migconsole
