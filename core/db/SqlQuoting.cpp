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

QString dollarQuote(const QString &body)
{
    QString tag = QStringLiteral("$$");
    for (int n = 0; body.contains(tag); ++n)
        tag = QStringLiteral("$q%1$").arg(n);
    return tag + body + tag;
}

} // namespace migconsole
