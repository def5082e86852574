#include "schema/CanonicalType.h"

#include <QHash>

namespace migconsole {

namespace {

/// Every alias spelling → its canonical name. Keys are lower case with single spaces.
const QHash<QString, QString> &aliasTable()
{
    static const QHash<QString, QString> table = {
        {QStringLiteral("int"), QStringLiteral("integer")},
        {QStringLiteral("int4"), QStringLiteral("integer")},
        {QStringLiteral("integer"), QStringLiteral("integer")},
        {QStringLiteral("serial"), QStringLiteral("integer")},
        {QStringLiteral("serial4"), QStringLiteral("integer")},
        {QStringLiteral("int8"), QStringLiteral("bigint")},
        {QStringLiteral("bigint"), QStringLiteral("bigint")},
        {QStringLiteral("bigserial"), QStringLiteral("bigint")},
        {QStringLiteral("serial8"), QStringLiteral("bigint")},
        {QStringLiteral("int2"), QStringLiteral("smallint")},
        {QStringLiteral("smallint"), QStringLiteral("smallint")},
        {QStringLiteral("smallserial"), QStringLiteral("smallint")},
        {QStringLiteral("serial2"), QStringLiteral("smallint")},
        {QStringLiteral("float8"), QStringLiteral("double precision")},
        {QStringLiteral("double"), QStringLiteral("double precision")},
        {QStringLiteral("double precision"), QStringLiteral("double precision")},
        {QStringLiteral("float4"), QStringLiteral("real")},
        {QStringLiteral("real"), QStringLiteral("real")},
        {QStringLiteral("bool"), QStringLiteral("boolean")},
        {QStringLiteral("boolean"), QStringLiteral("boolean")},
        {QStringLiteral("varchar"), QStringLiteral("varchar")},
        {QStringLiteral("character varying"), QStringLiteral("varchar")},
        {QStringLiteral("char"), QStringLiteral("char")},
        {QStringLiteral("character"), QStringLiteral("char")},
        {QStringLiteral("bpchar"), QStringLiteral("char")},
        {QStringLiteral("decimal"), QStringLiteral("numeric")},
        {QStringLiteral("numeric"), QStringLiteral("numeric")},
        {QStringLiteral("timestamptz"), QStringLiteral("timestamptz")},
        {QStringLiteral("timestamp with time zone"), QStringLiteral("timestamptz")},
        {QStringLiteral("timestamp"), QStringLiteral("timestamp")},
        {QStringLiteral("timestamp without time zone"), QStringLiteral("timestamp")},
        {QStringLiteral("datetime"), QStringLiteral("timestamp")},
        {QStringLiteral("timetz"), QStringLiteral("timetz")},
        {QStringLiteral("time with time zone"), QStringLiteral("timetz")},
        {QStringLiteral("time"), QStringLiteral("time")},
        {QStringLiteral("time without time zone"), QStringLiteral("time")},
        {QStringLiteral("varbit"), QStringLiteral("varbit")},
        {QStringLiteral("bit varying"), QStringLiteral("varbit")},
    };
    return table;
}

/// Splits "timestamp(3) with time zone" into name "timestamp with time zone" and
/// modifier "3"; the modifier loses inner spaces ("10, 2" → "10,2").
void splitModifier(const QString &type, QString *name, QString *modifier)
{
    const qsizetype open = type.indexOf(QLatin1Char('('));
    const qsizetype close = open < 0 ? -1 : type.indexOf(QLatin1Char(')'), open);
    if (open < 0 || close < 0) {
        *name = type;
        modifier->clear();
        return;
    }
    *modifier = type.mid(open + 1, close - open - 1).remove(QLatin1Char(' '));
    *name = (type.left(open) + QLatin1Char(' ') + type.mid(close + 1)).simplified();
}

QString canonicalBase(const QString &lowered)
{
    QString name;
    QString modifier;
    splitModifier(lowered, &name, &modifier);
    const auto alias = aliasTable().constFind(name);
    if (alias != aliasTable().constEnd())
        name = *alias;
    return modifier.isEmpty() ? name : name + QLatin1Char('(') + modifier + QLatin1Char(')');
}

} // namespace

QString canonicalType(Dialect dialect, const QString &rawType)
{
    Q_UNUSED(dialect) // one alias table serves every dialect today; MySQL will differ
    if (rawType.contains(QLatin1Char('"')))
        return rawType.trimmed(); // a quoted, case-sensitive user type: verbatim, inner spaces too
    QString type = rawType.simplified();
    if (type.isEmpty())
        return type;

    type = type.toLower();
    int arrayDepth = 0;
    while (type.endsWith(QLatin1String("[]"))) {
        type.chop(2);
        type = type.trimmed();
        ++arrayDepth;
    }
    // PostgreSQL's internal array names: _int4 is integer[].
    if (arrayDepth == 0 && type.startsWith(QLatin1Char('_')) && type.size() > 1) {
        type.remove(0, 1);
        arrayDepth = 1;
    }
    QString result = canonicalBase(type);
    for (int i = 0; i < arrayDepth; ++i)
        result += QLatin1String("[]");
    return result;
}

QString typeWithoutSchema(const QString &type, const QString &schema)
{
    QString quoted = schema;
    quoted = QLatin1Char('"') + quoted.replace(QLatin1Char('"'), QLatin1String("\"\"")) +
             QLatin1Char('"') + QLatin1Char('.');
    if (type.startsWith(quoted))
        return type.mid(quoted.size());
    const QString raw = schema + QLatin1Char('.');
    if (!schema.contains(QLatin1Char('"')) && type.startsWith(raw, Qt::CaseInsensitive))
        return type.mid(raw.size());
    return type;
}

QString unquotedTypeName(const QString &type)
{
    if (type.size() < 2 || !type.startsWith(QLatin1Char('"')) || !type.endsWith(QLatin1Char('"')))
        return type;
    return type.mid(1, type.size() - 2).replace(QLatin1String("\"\""), QLatin1String("\""));
}

} // namespace migconsole
