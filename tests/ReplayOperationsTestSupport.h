#pragma once
// Shared by the typed-operation tests: an inline upgrade() body becomes a parsed script
// (its first line at kFirstBodyLine) and then typed Operations for one dialect.

#include "ReplayTestSupport.h"
#include "replay/Operation.h"
#include "replay/SqlAlchemyTypes.h"

namespace migconsole::replaytest {

constexpr int kFirstBodyLine = 6;

inline MigrationScript scriptOf(const QString &body)
{
    QString source = QStringLiteral("from alembic import op\n"
                                    "import sqlalchemy as sa\n"
                                    "from sqlalchemy.dialects import postgresql\n"
                                    "NAME = 'named_table'\n"
                                    "def upgrade():\n");
    for (const QString &line : body.split(u'\n'))
        source += QLatin1String("    ") + line + u'\n';
    return parseMigrationScript(source, QStringLiteral("versions/x.py"));
}

inline TypedOperations typed(const QString &body, Dialect dialect)
{
    const MigrationScript script = scriptOf(body);
    return typeOperations(script.upgrade, script, dialect);
}

inline QString rendered(const char *type, Dialect dialect, QString *warning = nullptr)
{
    QString local;
    const std::optional<QString> t = renderSqlAlchemyType(
        parsePythonExpression(QString::fromUtf8(type)), dialect, warning ? warning : &local,
        QStringLiteral("f.py"));
    return t.value_or(QStringLiteral("<none>"));
}


} // namespace migconsole::replaytest
