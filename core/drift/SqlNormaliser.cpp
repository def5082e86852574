#include "drift/SqlNormaliser.h"

#include "schema/CanonicalType.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QSet>

namespace migconsole::drift {

namespace {

struct Node
{
    enum Type { Word, Quoted, String, Number, Op, Punct, Group };
    Type type = Word;
    QString text;         ///< Word lower-cased; Quoted/String without their quotes
    QList<Node> children; ///< a parenthesised group's content
};

using Nodes = QList<Node>;

bool isWordStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isOperatorChar(QChar c)
{
    return QStringLiteral("+-*/<>=~!@#%^&|:").contains(c);
}

/// Reads a quoted run starting at `i` (the opening quote); doubled quotes are one.
QString readQuoted(const QString &sql, qsizetype &i, QChar quote)
{
    QString text;
    for (++i; i < sql.size(); ++i) {
        if (sql.at(i) == quote) {
            if (i + 1 < sql.size() && sql.at(i + 1) == quote) {
                text += quote;
                ++i;
                continue;
            }
            ++i;
            break;
        }
        text += sql.at(i);
    }
    return text;
}

Nodes tokenize(const QString &sql)
{
    Nodes out;
    qsizetype i = 0;
    while (i < sql.size()) {
        const QChar c = sql.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('\'')) {
            out.append({Node::String, readQuoted(sql, i, c), {}});
        } else if (c == QLatin1Char('"')) {
            out.append({Node::Quoted, readQuoted(sql, i, c), {}});
        } else if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < sql.size() && sql.at(i + 1).isDigit())) {
            const qsizetype start = i;
            while (i < sql.size() && (sql.at(i).isDigit() || sql.at(i) == QLatin1Char('.')))
                ++i;
            out.append({Node::Number, sql.mid(start, i - start), {}});
        } else if (isWordStart(c)) {
            const qsizetype start = i;
            while (i < sql.size() && (isWordStart(sql.at(i)) || sql.at(i).isDigit() ||
                                      sql.at(i) == QLatin1Char('$')))
                ++i;
            out.append({Node::Word, sql.mid(start, i - start).toLower(), {}});
        } else if (isOperatorChar(c)) {
            const qsizetype start = i;
            while (i < sql.size() && isOperatorChar(sql.at(i)))
                ++i;
            QString op = sql.mid(start, i - start);
            if (op == QLatin1String("!="))
                op = QStringLiteral("<>");
            // PostgreSQL deparses LIKE / ILIKE as their operators.
            static const QHash<QString, QStringList> likeOperators = {
                {QStringLiteral("~~"), {QStringLiteral("like")}},
                {QStringLiteral("!~~"), {QStringLiteral("not"), QStringLiteral("like")}},
                {QStringLiteral("~~*"), {QStringLiteral("ilike")}},
                {QStringLiteral("!~~*"), {QStringLiteral("not"), QStringLiteral("ilike")}}};
            if (const auto like = likeOperators.constFind(op); like != likeOperators.constEnd()) {
                for (const QString &word : *like)
                    out.append({Node::Word, word, {}});
                continue;
            }
            out.append({Node::Op, op, {}});
        } else {
            out.append({Node::Punct, QString(c), {}});
            ++i;
        }
    }
    return out;
}

bool is(const Node &n, Node::Type type, const char *text)
{
    return n.type == type && n.text == QLatin1String(text);
}

/// Folds "(" … ")" runs into Group nodes; a stray ")" stays punctuation.
Nodes buildTree(const Nodes &flat, qsizetype &i, bool nested)
{
    Nodes out;
    while (i < flat.size()) {
        const Node &n = flat.at(i++);
        if (is(n, Node::Punct, "(")) {
            Node group{Node::Group, {}, buildTree(flat, i, true)};
            out.append(group);
        } else if (nested && is(n, Node::Punct, ")")) {
            return out;
        } else {
            out.append(n);
        }
    }
    return out;
}

bool isName(const Node &n)
{
    return n.type == Node::Word || n.type == Node::Quoted;
}

const QSet<QString> &typeTailWords()
{
    static const QSet<QString> words = {QStringLiteral("varying"), QStringLiteral("precision"),
                                        QStringLiteral("with"), QStringLiteral("without"),
                                        QStringLiteral("time"), QStringLiteral("zone")};
    return words;
}

/// Skips the type after "::" starting at `i`; returns the index after it.
qsizetype skipType(const Nodes &nodes, qsizetype i)
{
    while (i < nodes.size() && isName(nodes.at(i))) {
        ++i;
        if (i + 1 < nodes.size() && is(nodes.at(i), Node::Punct, ".") && isName(nodes.at(i + 1)))
            ++i;
        else
            break;
    }
    while (i < nodes.size() && nodes.at(i).type == Node::Word &&
           typeTailWords().contains(nodes.at(i).text))
        ++i;
    if (i < nodes.size() && nodes.at(i).type == Node::Group)
        ++i;
    while (i + 1 < nodes.size() && is(nodes.at(i), Node::Punct, "[")) {
        qsizetype close = i + 1;
        while (close < nodes.size() && !is(nodes.at(close), Node::Punct, "]"))
            ++close;
        i = close + 1;
    }
    return i;
}

const QSet<QString> &booleanWords()
{
    static const QSet<QString> words = {QStringLiteral("and"), QStringLiteral("or"),
                                        QStringLiteral("not"), QStringLiteral("when"),
                                        QStringLiteral("then"), QStringLiteral("else")};
    return words;
}

bool isCall(const Nodes &nodes, qsizetype groupIndex)
{
    if (groupIndex == 0)
        return false;
    const Node &prev = nodes.at(groupIndex - 1);
    return prev.type == Node::Quoted ||
           (prev.type == Node::Word && !booleanWords().contains(prev.text));
}

/// The AND / OR words at the top level of a node list.
QSet<QString> connectives(const Nodes &nodes)
{
    QSet<QString> found;
    for (const Node &n : nodes) {
        if (is(n, Node::Word, "and") || is(n, Node::Word, "or"))
            found.insert(n.text);
    }
    return found;
}

bool isSeparator(const Nodes &nodes, qsizetype i)
{
    return i < 0 || i >= nodes.size() || is(nodes.at(i), Node::Punct, ",");
}

bool canUnwrap(const Nodes &nodes, qsizetype i)
{
    const Nodes &content = nodes.at(i).children;
    if (content.isEmpty() || isCall(nodes, i))
        return false;
    if (content.size() == 1 || (content.size() == 2 && isName(content.at(0)) &&
                                content.at(1).type == Node::Group))
        return true; // a single operand or a function call
    if (isSeparator(nodes, i - 1) && isSeparator(nodes, i + 1))
        return true; // the whole expression or a whole argument
    // Between AND / OR: safe unless the content mixes in a different connective.
    const QSet<QString> inner = connectives(content);
    QSet<QString> outer;
    for (const qsizetype j : {i - 1, i + 1}) {
        if (isSeparator(nodes, j))
            continue;
        const Node &n = nodes.at(j);
        if (is(n, Node::Word, "and") || is(n, Node::Word, "or"))
            outer.insert(n.text);
        else if (!(j == i - 1 && is(n, Node::Word, "not")))
            return false; // an operand beside the group: precedence matters
    }
    if (inner.isEmpty())
        return true;
    return !(i > 0 && is(nodes.at(i - 1), Node::Word, "not")) && inner.size() == 1 &&
           (outer.isEmpty() || outer == inner);
}

bool looksNumeric(const QString &text)
{
    static const QRegularExpression number(QStringLiteral("^[+-]?[0-9]+(\\.[0-9]+)?$"));
    return number.match(text).hasMatch();
}

Nodes simplify(const Nodes &input);

/// CAST(x AS type) → (x).
Node castOperand(const Node &group)
{
    Nodes operand;
    for (const Node &n : group.children) {
        if (is(n, Node::Word, "as"))
            break;
        operand.append(n);
    }
    return Node{Node::Group, {}, operand};
}

Nodes rewriteTokens(const Nodes &input)
{
    static const QSet<QString> typedLiteralWords = {
        QStringLiteral("interval"), QStringLiteral("date"), QStringLiteral("timestamp"),
        QStringLiteral("timestamptz"), QStringLiteral("time")};
    static const QSet<QString> nowSynonyms = {QStringLiteral("now"),
                                              QStringLiteral("current_timestamp"),
                                              QStringLiteral("transaction_timestamp")};
    Nodes out;
    for (qsizetype i = 0; i < input.size(); ++i) {
        Node n = input.at(i);
        const Node *next = i + 1 < input.size() ? &input.at(i + 1) : nullptr;
        if (is(n, Node::Op, "::")) {
            i = skipType(input, i + 1) - 1;
            continue;
        }
        if (is(n, Node::Word, "cast") && next && next->type == Node::Group) {
            out.append(castOperand(*next));
            ++i;
            continue;
        }
        if (n.type == Node::Word && typedLiteralWords.contains(n.text) && next &&
            next->type == Node::String)
            continue;
        // public.fn(…) → fn(…): qualifiers depend on the session's search_path.
        if (isName(n) && next && i + 3 < input.size() && is(*next, Node::Punct, ".") &&
            isName(input.at(i + 2)) && input.at(i + 3).type == Node::Group) {
            ++i;
            continue;
        }
        const bool emptyCall = next && next->type == Node::Group && next->children.isEmpty();
        if (n.type == Node::Word && nowSynonyms.contains(n.text) &&
            (emptyCall || n.text != QLatin1String("now"))) {
            if (emptyCall)
                ++i;
            n.text = QStringLiteral("current_timestamp");
        }
        if (n.type == Node::String && looksNumeric(n.text)) {
            n.type = Node::Number;
            if (n.text.startsWith(QLatin1Char('+')))
                n.text.remove(0, 1);
        }
        // A minus sign in operand position belongs to the number: -1 ≡ '-1'.
        if (is(n, Node::Op, "-") && next && next->type == Node::Number &&
            (out.isEmpty() || out.last().type == Node::Op || is(out.last(), Node::Punct, ","))) {
            out.append({Node::Number, QLatin1Char('-') + next->text, {}});
            ++i;
            continue;
        }
        out.append(n);
    }
    return out;
}

/// x = ANY (ARRAY[a, b]) → x IN (a, b); x <> ALL (ARRAY[…]) → x NOT IN (…).
Nodes rewriteAnyArray(const Nodes &input)
{
    Nodes out;
    for (qsizetype i = 0; i < input.size(); ++i) {
        const Node &n = input.at(i);
        const bool any = is(n, Node::Op, "=") && i + 2 < input.size() &&
                         is(input.at(i + 1), Node::Word, "any");
        const bool all = is(n, Node::Op, "<>") && i + 2 < input.size() &&
                         is(input.at(i + 1), Node::Word, "all");
        if (any || all) {
            const Node &group = input.at(i + 2);
            const Nodes &c = group.children;
            if (group.type == Node::Group && c.size() >= 3 && is(c.first(), Node::Word, "array") &&
                is(c.at(1), Node::Punct, "[") && is(c.last(), Node::Punct, "]")) {
                if (all)
                    out.append({Node::Word, QStringLiteral("not"), {}});
                out.append({Node::Word, QStringLiteral("in"), {}});
                out.append({Node::Group, {}, c.mid(2, c.size() - 3)});
                i += 2;
                continue;
            }
        }
        out.append(n);
    }
    return out;
}

/// x BETWEEN a AND b → x >= a AND x <= b, as PostgreSQL deparses it (single-node operands
/// standing alone between AND / OR only, where the rewrite cannot change precedence).
Nodes rewriteBetween(Nodes nodes)
{
    for (qsizetype i = 1; i + 3 < nodes.size(); ++i) {
        if (!is(nodes.at(i), Node::Word, "between") || !is(nodes.at(i + 2), Node::Word, "and"))
            continue;
        const bool bounded = i == 1 || is(nodes.at(i - 2), Node::Word, "and") ||
                             is(nodes.at(i - 2), Node::Word, "or") ||
                             is(nodes.at(i - 2), Node::Punct, ",");
        const bool ends = i + 4 == nodes.size() || is(nodes.at(i + 4), Node::Word, "and") ||
                          is(nodes.at(i + 4), Node::Word, "or") ||
                          is(nodes.at(i + 4), Node::Punct, ",");
        if (!bounded || !ends)
            continue;
        const Node operand = nodes.at(i - 1);
        nodes[i] = Node{Node::Op, QStringLiteral(">="), {}};
        nodes.insert(i + 3, operand);
        nodes.insert(i + 4, Node{Node::Op, QStringLiteral("<="), {}});
    }
    return nodes;
}

Nodes simplify(const Nodes &input)
{
    Nodes nodes;
    for (Node n : input) {
        if (n.type == Node::Group)
            n.children = simplify(n.children);
        nodes.append(n);
    }
    nodes = rewriteBetween(rewriteAnyArray(rewriteTokens(nodes)));
    for (Node &n : nodes) { // rewrites may have made new groups (CAST operands)
        if (n.type == Node::Group)
            n.children = simplify(n.children);
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            if (nodes.at(i).type == Node::Group && canUnwrap(nodes, i)) {
                const Nodes content = nodes.at(i).children;
                nodes.remove(i);
                for (qsizetype k = 0; k < content.size(); ++k)
                    nodes.insert(i + k, content.at(k));
                changed = true;
                break;
            }
        }
    }
    return nodes;
}

QString render(const Nodes &nodes)
{
    QStringList parts;
    for (const Node &n : nodes) {
        switch (n.type) {
        case Node::Group:
            parts.append(QLatin1Char('(') + render(n.children) + QLatin1Char(')'));
            break;
        case Node::String:
            parts.append(QLatin1Char('\'') +
                         QString(n.text).replace(QLatin1Char('\''), QStringLiteral("''")) +
                         QLatin1Char('\''));
            break;
        default:
            parts.append(n.text);
        }
    }
    return parts.join(QLatin1Char(' '));
}

Nodes normalisedNodes(const QString &sql)
{
    qsizetype i = 0;
    return simplify(buildTree(tokenize(sql), i, false));
}

/// ('now'::text)::date and friends: how PostgreSQL ≤ 9.6 prints CURRENT_DATE & co.
QString nowCast(const QString &sql)
{
    static const QRegularExpression pattern(
        QStringLiteral("^\\(*'now'(::text)?\\)*::(.+)$"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(sql.simplified());
    if (!match.hasMatch())
        return {};
    const QString type = canonicalType(Dialect::PostgreSQL, match.captured(2));
    if (type == QLatin1String("date"))
        return QStringLiteral("current_date");
    if (type == QLatin1String("timestamptz"))
        return QStringLiteral("current_timestamp");
    if (type == QLatin1String("timestamp"))
        return QStringLiteral("localtimestamp");
    if (type == QLatin1String("timetz"))
        return QStringLiteral("current_time");
    if (type == QLatin1String("time"))
        return QStringLiteral("localtime");
    return {};
}

} // namespace

QString normaliseExpression(const QString &sql)
{
    return render(normalisedNodes(sql));
}

QString normaliseDefault(const QString &sql, const QString &canonicalType)
{
    if (const QString now = nowCast(sql); !now.isEmpty())
        return now;
    const QString text = normaliseExpression(sql);
    if (text == QLatin1String("null"))
        return {};
    if (canonicalType == QLatin1String("boolean")) {
        static const QSet<QString> truthy = {
            QStringLiteral("true"), QStringLiteral("'t'"), QStringLiteral("'true'"),
            QStringLiteral("1"), QStringLiteral("'y'"), QStringLiteral("'yes'"),
            QStringLiteral("'on'")};
        static const QSet<QString> falsy = {
            QStringLiteral("false"), QStringLiteral("'f'"), QStringLiteral("'false'"),
            QStringLiteral("0"), QStringLiteral("'n'"), QStringLiteral("'no'"),
            QStringLiteral("'off'")};
        if (truthy.contains(text.toLower()))
            return QStringLiteral("true");
        if (falsy.contains(text.toLower()))
            return QStringLiteral("false");
    }
    return text;
}

QString normaliseIndexPart(const QString &part)
{
    Nodes nodes = normalisedNodes(part);
    auto endsWith = [&nodes](std::initializer_list<const char *> words) {
        if (nodes.size() <= qsizetype(words.size()))
            return false;
        qsizetype i = nodes.size() - qsizetype(words.size());
        for (const char *w : words) {
            if (!is(nodes.at(i++), Node::Word, w))
                return false;
        }
        return true;
    };
    if (endsWith({"desc", "nulls", "first"}))
        nodes.resize(nodes.size() - 2); // NULLS FIRST is DESC's default
    else if (endsWith({"asc", "nulls", "last"}))
        nodes.resize(nodes.size() - 3);
    else if (endsWith({"asc", "nulls", "first"}))
        nodes.removeAt(nodes.size() - 3);
    else if (endsWith({"asc"}))
        nodes.resize(nodes.size() - 1);
    else if (endsWith({"nulls", "last"}) && !endsWith({"desc", "nulls", "last"}))
        nodes.resize(nodes.size() - 2);
    return render(nodes);
}

} // namespace migconsole::drift
