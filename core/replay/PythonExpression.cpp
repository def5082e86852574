#include "replay/PythonExpression.h"

namespace migconsole {

namespace {

QString quoted(const QString &value)
{
    QString out = value;
    out.replace(u'\\', QLatin1String("\\\\")).replace(u'\'', QLatin1String("\\'"));
    out.replace(u'\n', QLatin1String("\\n"));
    return u'\'' + out + u'\'';
}

QString joined(const QList<PyExpr> &items, qsizetype from = 0)
{
    QStringList parts;
    for (qsizetype i = from; i < items.size(); ++i)
        parts.append(items[i].toString());
    return parts.join(QLatin1String(", "));
}

} // namespace

PyExpr makeOpaque(QString text, int line)
{
    PyExpr e;
    e.kind = PyExpr::Kind::Opaque;
    e.text = std::move(text);
    e.line = line;
    return e;
}

PyExpr makeString(QString value, int line)
{
    PyExpr e;
    e.kind = PyExpr::Kind::String;
    e.text = std::move(value);
    e.line = line;
    return e;
}

QString PyExpr::dottedName() const
{
    QStringList parts;
    const PyExpr *e = this;
    // Iterative: attribute chains are the one place a tree could be long and thin.
    while (e->kind == Kind::Attribute && !e->items.isEmpty()) {
        parts.prepend(e->text);
        e = &e->items.first();
    }
    if (e->kind != Kind::Name)
        return {};
    parts.prepend(e->text);
    return parts.join(u'.');
}

QString PyExpr::calleeName() const
{
    if (kind != Kind::Call || items.isEmpty())
        return {};
    return items.first().dottedName();
}

const PyExpr *PyExpr::arg(qsizetype index) const
{
    if (kind != Kind::Call || index < 0 || index + 1 >= items.size())
        return nullptr;
    return &items[index + 1];
}

qsizetype PyExpr::argCount() const
{
    return kind == Kind::Call ? std::max<qsizetype>(0, items.size() - 1) : 0;
}

const PyExpr *PyExpr::keyword(QStringView name) const
{
    for (const PyKeywordArg &k : keywords) {
        if (k.name == name)
            return &k.value;
    }
    return nullptr;
}

bool PyExpr::operator==(const PyExpr &other) const
{
    // `line` is left out on purpose: trees parsed from differently laid out text are equal.
    return kind == other.kind && text == other.text && items == other.items &&
           keywords == other.keywords;
}

QString PyExpr::toString() const
{
    switch (kind) {
    case Kind::Name:
    case Kind::Number:
    case Kind::Bool:
        return text;
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Attribute:
        return (items.isEmpty() ? QString() : items.first().toString()) + u'.' + text;
    case Kind::Call: {
        QStringList parts;
        for (qsizetype i = 1; i < items.size(); ++i)
            parts.append(items[i].toString());
        for (const PyKeywordArg &k : keywords)
            parts.append(k.name == QLatin1String("**") ? k.value.toString()
                                                       : k.name + u'=' + k.value.toString());
        return (items.isEmpty() ? QString() : items.first().toString()) + u'(' +
               parts.join(QLatin1String(", ")) + u')';
    }
    case Kind::Subscript:
        return (items.isEmpty() ? QString() : items.first().toString()) + u'[' +
               (items.size() > 1 ? items[1].toString() : QString()) + u']';
    case Kind::String:
        return quoted(text);
    case Kind::Tuple:
        return u'(' + joined(items) +
               (items.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
    case Kind::List:
        return u'[' + joined(items) + u']';
    case Kind::Set:
        return u'{' + joined(items) + u'}';
    case Kind::Dict: {
        QStringList parts;
        for (qsizetype i = 0; i + 1 < items.size(); i += 2)
            parts.append(items[i].toString() + QLatin1String(": ") + items[i + 1].toString());
        return u'{' + parts.join(QLatin1String(", ")) + u'}';
    }
    case Kind::Unary:
        return text + (text == QLatin1String("not") ? QStringLiteral(" ") : QString()) +
               (items.isEmpty() ? QString() : items.first().toString());
    case Kind::Starred:
        return text + (items.isEmpty() ? QString() : items.first().toString());
    case Kind::Opaque:
        return QStringLiteral("<?") + text + u'>';
    }
    return {};
}

PyExpr parsePythonExpression(const QString &text)
{
    PythonTokenizer tokenizer(text);
    const std::vector<PyToken> tokens = tokenizer.tokenizeAll();
    PyExprParser parser(tokens, tokenizer.source());
    size_t pos = 0;
    return parser.parseExpressionList(&pos);
}

PyExpr resolveNames(const PyExpr &expr, const QHash<QString, PyExpr> &names)
{
    if (expr.kind == PyExpr::Kind::Name) {
        const auto it = names.constFind(expr.text);
        if (it != names.constEnd()) {
            PyExpr value = *it;
            value.line = expr.line;
            return value;
        }
        return expr;
    }
    PyExpr out = expr;
    // An attribute's object is a namespace (`sa` in `sa.Column`), never a constant to inline.
    for (qsizetype i = expr.kind == PyExpr::Kind::Attribute ? 1 : 0; i < out.items.size(); ++i)
        out.items[i] = resolveNames(out.items[i], names);
    for (PyKeywordArg &k : out.keywords)
        k.value = resolveNames(k.value, names);
    return out;
}

} // namespace migconsole
