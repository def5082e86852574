#include "RealAlembic.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

namespace migconsole::test {

namespace {

const char *kIni = R"INI([alembic]
script_location = %(here)s

[loggers]
keys = root,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
)INI";

const char *kEnv = R"PY(import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

config = context.config
fileConfig(config.config_file_name)
url = os.environ["MIGCONSOLE_ALEMBIC_URL"]

if context.is_offline_mode():
    context.configure(url=url, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
)PY";

const char *kUntypedTemplate = R"MAKO("""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade():
    pass


def downgrade():
    pass
)MAKO";

const char *kTypedTemplate = R"MAKO("""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = ${repr(up_revision)}
down_revision: Union[str, Sequence[str], None] = ${repr(down_revision)}
branch_labels: Union[str, Sequence[str], None] = ${repr(branch_labels)}
depends_on: Union[str, Sequence[str], None] = ${repr(depends_on)}


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
)MAKO";

void writeFile(const QString &path, const char *text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        QTest::qFail(qPrintable(QStringLiteral("cannot write ") + path), __FILE__, __LINE__);
    file.write(text);
}

} // namespace

RealAlembic::RealAlembic(const QString &directory, const QString &sqlalchemyUrl, bool typedTemplate)
    : m_directory(directory), m_url(sqlalchemyUrl)
{
    QDir().mkpath(QDir(directory).filePath(QStringLiteral("versions")));
    writeFile(QDir(directory).filePath(QStringLiteral("alembic.ini")), kIni);
    writeFile(QDir(directory).filePath(QStringLiteral("env.py")), kEnv);
    writeFile(QDir(directory).filePath(QStringLiteral("script.py.mako")),
              typedTemplate ? kTypedTemplate : kUntypedTemplate);
}

QString RealAlembic::python()
{
    // The python3 first on PATH may be another interpreter without Debian's alembic.
    for (const QString &candidate : {QStringLiteral("/usr/bin/python3"), QStringLiteral("python3")}) {
        QProcess probe;
        probe.start(candidate, {QStringLiteral("-c"), QStringLiteral("import alembic, sqlalchemy")});
        if (probe.waitForFinished(30000) && probe.exitStatus() == QProcess::NormalExit &&
            probe.exitCode() == 0)
            return candidate;
    }
    return {};
}

RealAlembic::Result RealAlembic::run(const QStringList &arguments) const
{
    static const QString interpreter = python();
    Result result;
    if (interpreter.isEmpty()) {
        result.err = QStringLiteral("no python3 that imports alembic (install python3-alembic)");
        return result;
    }
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MIGCONSOLE_ALEMBIC_URL"), m_url);
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(m_directory);
    process.start(interpreter, QStringList{QStringLiteral("-m"), QStringLiteral("alembic"),
                                           QStringLiteral("-c"), QStringLiteral("alembic.ini")} +
                                   arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("alembic timed out");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

bool RealAlembic::revision(const QString &id, const QString &message, const QString &head,
                           bool splice) const
{
    QStringList arguments{QStringLiteral("revision"), QStringLiteral("-m"), message,
                          QStringLiteral("--rev-id"), id};
    if (!head.isEmpty())
        arguments << QStringLiteral("--head") << head;
    if (splice)
        arguments << QStringLiteral("--splice");
    const Result r = run(arguments);
    if (r.exitCode != 0)
        QTest::qFail(qPrintable(QStringLiteral("alembic revision failed: ") + r.err), __FILE__, __LINE__);
    return r.exitCode == 0;
}

bool RealAlembic::merge(const QString &id, const QStringList &parents, const QString &message) const
{
    const Result r = run(QStringList{QStringLiteral("merge"), QStringLiteral("-m"), message,
                                     QStringLiteral("--rev-id"), id} +
                         parents);
    if (r.exitCode != 0)
        QTest::qFail(qPrintable(QStringLiteral("alembic merge failed: ") + r.err), __FILE__, __LINE__);
    return r.exitCode == 0;
}

namespace {

QStringList firstTokens(const QString &out)
{
    QStringList ids;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString token = line.trimmed().section(QLatin1Char(' '), 0, 0);
        if (!token.isEmpty())
            ids.append(token);
    }
    return ids;
}

} // namespace

QStringList RealAlembic::current(Result *raw) const
{
    const Result r = run({QStringLiteral("current")});
    if (raw)
        *raw = r;
    return firstTokens(r.out);
}

QStringList RealAlembic::heads() const { return firstTokens(run({QStringLiteral("heads")}).out); }

QStringList RealAlembic::upgradeHeads(Result *raw) const
{
    const Result r = run({QStringLiteral("upgrade"), QStringLiteral("heads")});
    if (raw)
        *raw = r;
    static const QRegularExpression running(QStringLiteral("Running upgrade .*-> (\\S+?),"));
    QStringList applied;
    auto it = running.globalMatch(r.err);
    while (it.hasNext())
        applied.append(it.next().captured(1));
    return applied;
}

QStringList RealAlembic::offlineSchemaStatements(const QString &offlineSql)
{
    QStringList statements;
    for (const QString &statement : offlineSql.split(QStringLiteral(";\n"), Qt::SkipEmptyParts)) {
        QStringList lines;
        for (const QString &line : statement.split(u'\n')) {
            if (!line.startsWith(QLatin1String("--")))
                lines.append(line);
        }
        const QString sql = lines.join(u'\n').trimmed();
        if (sql.isEmpty() || sql.contains(QLatin1String("alembic_version")) ||
            sql == QLatin1String("BEGIN") || sql == QLatin1String("COMMIT"))
            continue;
        statements.append(sql);
    }
    return statements;
}

} // namespace migconsole::test
