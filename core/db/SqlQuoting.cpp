#include "db/SqlQuoting.h"

namespace migconsole {

QString quoteIdentifier(Dialect dialect, const QString &name)
{
    if (dialect == Dialect::MySQL) {
        QString escaped = name;
        escaped.replace(QLatin1Char('`'), QLatin1String("``"));
        return QLatin1Char('`') + escaped + QLatin1Char('`');
    }
    QString escaped = name;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString qualifiedName(Dialect dialect, const QString &schema, const QString &name)
{
    if (schema.isEmpty())
        return quoteIdentifier(dialect, name);
    return quoteIdentifier(dialect, schema) + QLatin1Char('.') + quoteIdentifier(dialect, name);
}

QString quoteLiteral(const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

} // namespace migconsole
