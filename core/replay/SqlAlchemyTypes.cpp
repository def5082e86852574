#include "replay/SqlAlchemyTypes.h"

#include "schema/CanonicalType.h"

#include <QHash>
#include <QRegularExpression>

namespace migconsole {

namespace {

// Bounds recursion through ARRAY(ARRAY(...)) and with_variant chains on hostile input.
constexpr int kMaxDepth = 16;

QString lastSegment(const QString &dotted)
{
    const qsizetype dot = dotted.lastIndexOf(u'.');
    return dot < 0 ? dotted : dotted.mid(dot + 1);
}

/// Positional argument `pos` or keyword `kw` of a type call; nullptr for a bare class.
const PyExpr *param(const PyExpr *call, qsizetype pos, QLatin1String kw)
{
    if (!call)
        return nullptr;
    if (const PyExpr *k = call->keyword(QString(kw)))
        return k;
    return pos < 0 ? nullptr : call->arg(pos);
}

std::optional<int> intValue(const PyExpr *e)
{
    if (!e || !e->is(PyExpr::Kind::Number))
        return std::nullopt;
    bool ok = false;
    const int v = e->text.toInt(&ok);
    return ok ? std::optional<int>(v) : std::nullopt;
}

bool isTrue(const PyExpr *e)
{
    return e && e->is(PyExpr::Kind::Bool) && e->text == QLatin1String("True");
}

bool isFalse(const PyExpr *e)
{
    return e && e->is(PyExpr::Kind::Bool) && e->text == QLatin1String("False");
}

QString withLength(const QString &base, std::optional<int> n)
{
    return n ? base + u'(' + QString::number(*n) + u')' : base;
}

/// `x.with_variant(T, 'postgresql')`: the variant on its dialect, x elsewhere.
const PyExpr *resolveVariant(const PyExpr &type, Dialect dialect)
{
    const PyExpr *t = &type;
    for (int i = 0; i < kMaxDepth; ++i) {
        if (!t->is(PyExpr::Kind::Call) || t->items.isEmpty() ||
            !t->items[0].is(PyExpr::Kind::Attribute) ||
            t->items[0].text != QLatin1String("with_variant") || t->items[0].items.isEmpty())
            return t;
        const PyExpr *variant = t->arg(0);
        const PyExpr *names = param(t, 1, QLatin1String("dialect_name"));
        bool matches = false;
        if (names && names->isString())
            matches = names->text == dialectName(dialect);
        else if (names) {
            for (const PyExpr &n : names->items)
                matches = matches || (n.isString() && n.text == dialectName(dialect));
        }
        t = (matches && variant) ? variant : &t->items[0].items[0];
    }
    return t;
}

/// PostgreSQL folds unquoted names to lower case; SQLAlchemy quotes any other spelling.
QString pgTypeName(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_$]*$"));
    if (plain.match(name).hasMatch())
        return name;
    QString escaped = name;
    return u'"' + escaped.replace(u'"', QLatin1String("\"\"")) + u'"'; // as format_type() prints it
}

QStringList enumLabels(const PyExpr &call, bool *literal)
{
    QStringList labels;
    *literal = call.argCount() > 0;
    for (qsizetype i = 0; i < call.argCount(); ++i) {
        const PyExpr *a = call.arg(i);
        if (a->isString())
            labels.append(a->text);
        else
            *literal = false;
    }
    return labels;
}

/// Raw SQL the type renders as (before canonicalType); nullopt = not a type.
std::optional<QString> renderRaw(const PyExpr &input, Dialect d, QString *warning,
                                 const QString &file, int depth);

std::optional<QString> renderEnum(const PyExpr *call, Dialect d, QString *warning,
                                  const QString &where)
{
    bool literal = false;
    const QStringList labels = call ? enumLabels(*call, &literal) : QStringList();
    const PyExpr *name = param(call, -1, QLatin1String("name"));
    const bool native = !isFalse(param(call, -1, QLatin1String("native_enum")));
    if (d == Dialect::PostgreSQL && native) {
        if (!name || !name->isString()) {
            *warning = QStringLiteral("enum type without a literal name= at %1 cannot be "
                                      "created on PostgreSQL")
                           .arg(where);
            return std::nullopt;
        }
        const PyExpr *schema = param(call, -1, QLatin1String("schema"));
        const QString type = pgTypeName(name->text);
        return schema && schema->isString() ? pgTypeName(schema->text) + u'.' + type : type;
    }
    // Non-native enums are VARCHAR sized to the longest label (or length=).
    std::optional<int> length = intValue(param(call, -1, QLatin1String("length")));
    if (!length && literal) {
        int longest = 0;
        for (const QString &l : labels)
            longest = std::max(longest, int(l.toUcs4().size())); // Python's len(): characters
        length = longest;
    }
    if (!length)
        *warning = QStringLiteral("enum labels at %1 are not literals; its length is unknown, "
                                  "guessed as varchar")
                       .arg(where);
    return withLength(QStringLiteral("varchar"), length);
}

std::optional<QString> renderRaw(const PyExpr &input, Dialect d, QString *warning,
                                 const QString &file, int depth)
{
    const PyExpr &type = *resolveVariant(input, d);
    const QString where = file + u':' + QString::number(type.line);
    if (depth > kMaxDepth) {
        *warning = QStringLiteral("column type nested too deeply at %1").arg(where);
        return std::nullopt;
    }
    const PyExpr *call = type.is(PyExpr::Kind::Call) ? &type : nullptr;
    const QString dotted = call ? type.calleeName() : type.dottedName();
    if (dotted.isEmpty()) {
        *warning = QStringLiteral("column type %1 at %2 cannot be read").arg(type.toString(), where);
        return std::nullopt;
    }
    const QString cls = lastSegment(dotted);
    const bool pg = d == Dialect::PostgreSQL;
    auto is = [&cls](std::initializer_list<const char *> names) {
        for (const char *n : names) {
            if (cls == QLatin1String(n))
                return true;
        }
        return false;
    };
    const std::optional<int> first = intValue(param(call, 0, QLatin1String("length")));

    if (is({"Integer", "INTEGER", "INT"}))
        return QStringLiteral("integer");
    if (is({"BigInteger", "BIGINT"}))
        return QStringLiteral("bigint");
    if (is({"SmallInteger", "SMALLINT"}))
        return QStringLiteral("smallint");
    if (is({"String", "VARCHAR", "Unicode", "NVARCHAR"}))
        return withLength(QStringLiteral("varchar"), first);
    if (is({"CHAR", "NCHAR"}))
        return withLength(QStringLiteral("char"), first);
    if (is({"Text", "TEXT", "UnicodeText"}))
        return QStringLiteral("text");
    if (is({"Boolean", "BOOLEAN"}))
        return QStringLiteral("boolean");
    if (is({"DateTime", "DATETIME", "TIMESTAMP"})) {
        const bool tz = isTrue(param(call, 0, QLatin1String("timezone")));
        if (!pg) // SQLite stores the declared word; the tz flag is not rendered
            return cls == QLatin1String("TIMESTAMP") ? QStringLiteral("timestamp")
                                                     : QStringLiteral("datetime");
        const std::optional<int> precision = intValue(param(call, -1, QLatin1String("precision")));
        return withLength(tz ? QStringLiteral("timestamptz") : QStringLiteral("timestamp"),
                          precision);
    }
    if (is({"Date", "DATE"}))
        return QStringLiteral("date");
    if (is({"Time", "TIME"})) {
        const bool tz = isTrue(param(call, 0, QLatin1String("timezone")));
        return pg && tz ? QStringLiteral("timetz") : QStringLiteral("time");
    }
    if (is({"Numeric", "NUMERIC", "DECIMAL"})) {
        const std::optional<int> p = intValue(param(call, 0, QLatin1String("precision")));
        const std::optional<int> s = intValue(param(call, 1, QLatin1String("scale")));
        if (p && s)
            return QStringLiteral("numeric(%1,%2)").arg(*p).arg(*s);
        return withLength(QStringLiteral("numeric"), p);
    }
    if (is({"Float", "FLOAT"})) {
        const std::optional<int> p = intValue(param(call, 0, QLatin1String("precision")));
        if (!pg) // SQLAlchemy's SQLite compiler drops the precision
            return QStringLiteral("float");
        // PostgreSQL: FLOAT(1..24) is real, anything else double precision.
        return p && *p <= 24 ? QStringLiteral("real") : QStringLiteral("double precision");
    }
    if (is({"Double", "DOUBLE", "DOUBLE_PRECISION"}))
        return QStringLiteral("double precision");
    if (is({"REAL"}))
        return QStringLiteral("real");
    if (is({"LargeBinary", "Binary", "BLOB", "BYTEA"}))
        return pg ? QStringLiteral("bytea") : QStringLiteral("blob");
    if (is({"JSON"}))
        return QStringLiteral("json");
    if (is({"JSONB"}))
        return QStringLiteral("jsonb");
    if (is({"Uuid"})) {
        const bool native = !isFalse(param(call, -1, QLatin1String("native_uuid")));
        return pg && native ? QStringLiteral("uuid") : QStringLiteral("char(32)");
    }
    if (is({"UUID"}))
        return QStringLiteral("uuid");
    if (is({"Interval", "INTERVAL"}))
        return pg ? QStringLiteral("interval") : QStringLiteral("datetime");
    if (is({"Enum", "ENUM"}))
        return renderEnum(call, d, warning, where);
    if (is({"ARRAY"})) {
        const PyExpr *inner = param(call, 0, QLatin1String("item_type"));
        if (!inner) {
            *warning = QStringLiteral("ARRAY without an item type at %1").arg(where);
            return std::nullopt;
        }
        const std::optional<QString> rendered = renderRaw(*inner, d, warning, file, depth + 1);
        if (!rendered)
            return std::nullopt;
        return canonicalType(d, *rendered) + QLatin1String("[]");
    }
    if (is({"BIT", "VARBIT"}))
        return withLength(cls.toLower(), first);
    static const QStringList plainNames = {
        QStringLiteral("INET"),      QStringLiteral("CIDR"),      QStringLiteral("MACADDR"),
        QStringLiteral("MACADDR8"),  QStringLiteral("CITEXT"),    QStringLiteral("TSVECTOR"),
        QStringLiteral("TSQUERY"),   QStringLiteral("HSTORE"),    QStringLiteral("MONEY"),
        QStringLiteral("OID"),       QStringLiteral("REGCLASS"),  QStringLiteral("INT4RANGE"),
        QStringLiteral("INT8RANGE"), QStringLiteral("NUMRANGE"),  QStringLiteral("DATERANGE"),
        QStringLiteral("TSRANGE"),   QStringLiteral("TSTZRANGE"), QStringLiteral("XML"),
    };
    if (plainNames.contains(cls))
        return cls.toLower();

    // Third-party types (citext.CIText, sqlalchemy_utils.TSVectorType, …): guess from the
    // class name, without a trailing "Type", and say so.
    QString guess = cls.toLower();
    if (guess.endsWith(QLatin1String("type")) && guess.size() > 4)
        guess.chop(4);
    *warning = QStringLiteral("unknown column type %1 at %2; its database type is guessed as %3")
                   .arg(dotted, where, guess);
    return guess;
}

} // namespace

std::optional<QString> renderSqlAlchemyType(const PyExpr &type, Dialect dialect,
                                            QString *warning, const QString &file)
{
    QString local;
    QString *w = warning ? warning : &local;
    w->clear();
    const std::optional<QString> raw = renderRaw(type, dialect, w, file, 0);
    if (!raw)
        return std::nullopt;
    return canonicalType(dialect, *raw);
}

QString sqlAlchemyTypeClass(const PyExpr &type)
{
    // with_variant keeps the base class for the purposes of autoincrement and enums.
    const PyExpr *base = &type;
    for (int i = 0; i < kMaxDepth && base->is(PyExpr::Kind::Call) && !base->items.isEmpty() &&
                    base->items[0].is(PyExpr::Kind::Attribute) &&
                    base->items[0].text == QLatin1String("with_variant") && !base->items[0].items.isEmpty();
         ++i)
        base = &base->items[0].items[0];
    return lastSegment(base->is(PyExpr::Kind::Call) ? base->calleeName() : base->dottedName());
}

bool isSqlAlchemyIntegerType(const PyExpr &type)
{
    static const QStringList names = {
        QStringLiteral("Integer"),      QStringLiteral("INTEGER"), QStringLiteral("INT"),
        QStringLiteral("BigInteger"),   QStringLiteral("BIGINT"),
        QStringLiteral("SmallInteger"), QStringLiteral("SMALLINT"),
    };
    return names.contains(sqlAlchemyTypeClass(type));
}

std::optional<EnumType> sqlAlchemyEnum(const PyExpr &type, bool *createsType)
{
    const PyExpr *t = &type;
    QString cls = sqlAlchemyTypeClass(*t);
    if (cls == QLatin1String("ARRAY") && t->is(PyExpr::Kind::Call)) {
        t = param(t, 0, QLatin1String("item_type"));
        if (!t)
            return std::nullopt;
        cls = sqlAlchemyTypeClass(*t);
    }
    if ((cls != QLatin1String("Enum") && cls != QLatin1String("ENUM")) ||
        !t->is(PyExpr::Kind::Call))
        return std::nullopt;
    const PyExpr *name = t->keyword(u"name");
    if (!name || !name->isString())
        return std::nullopt;
    bool literal = false;
    EnumType e;
    e.name = name->text;
    e.labels = enumLabels(*t, &literal);
    if (!literal)
        e.labels.clear();
    if (createsType)
        *createsType = !isFalse(t->keyword(u"create_type")) && !isFalse(t->keyword(u"native_enum"));
    return e;
}

} // namespace migconsole
