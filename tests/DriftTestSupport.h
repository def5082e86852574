#pragma once

// Shared by test_drift_check_postgres.cpp and test_drift_check_sqlite.cpp: the Alembic
// projects of tests/data/drift/<dialect>/versions copied into a REAL Alembic project, the
// `migconsole check` / `history` runs, and the assertions of CLI.md's `check` contract.

#include "RealAlembic.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <memory>

/// QVERIFY2 whose context (the whole CLI output) is printed in full on failure: QTest cuts
/// its own failure message at 1024 characters, which hides most of a JSON report.
#define DRIFT_VERIFY2(condition, what, context)                                              \
    do {                                                                                     \
        if (!(condition))                                                                    \
            qWarning().noquote() << (context);                                               \
        QVERIFY2(condition, qPrintable(QString(what)));                                      \
    } while (false)

namespace migconsole::test::drift {

/// The revisions of both drift projects (tests/data/drift/{postgresql,sqlite}/versions).
inline const QString kRev1 = QStringLiteral("1a2b3c4d5e01");  // accounts, users
inline const QString kRev2 = QStringLiteral("2b3c4d5e6f02");  // orders, audit_log
inline const QString kRev3 = QStringLiteral("3c4d5e6f7a03");  // branch A: user contact details
inline const QString kRev4 = QStringLiteral("4d5e6f7a8b04");  // branch B: tickets
inline const QString kRev5 = QStringLiteral("5e6f7a8b9c05");  // merge
inline const QString kRev6 = QStringLiteral("6f7a8b9c0d06");  // raw SQL notes, guard, cleanup
inline const QString kRev7 = QStringLiteral("7a8b9c0d1e07");  // shipments
inline const QString kRev8 = QStringLiteral("8b9c0d1e2f08");  // ticket references (head)
/// The pending revision the preflight tests write into a copy of the project.
inline const QString kProbe = QStringLiteral("9c0d1e2f3a09");

inline QString dataVersions(const QString &dialect)
{
    return QStringLiteral(MIGCONSOLE_TEST_DATA_DIR "/drift/") + dialect + QStringLiteral("/versions");
}

/// Makes `directory` a real Alembic project (alembic.ini, env.py reading
/// MIGCONSOLE_ALEMBIC_URL) holding a copy of the dialect's revision files.
inline std::unique_ptr<RealAlembic> makeProject(const QString &dialect, const QString &directory,
                                                const QString &alembicUrl)
{
    auto alembic = std::make_unique<RealAlembic>(directory, alembicUrl);
    const QDir source(dataVersions(dialect));
    const QStringList files = source.entryList({QStringLiteral("*.py")}, QDir::Files);
    if (files.size() != 8) {
        QTest::qFail(qPrintable(QStringLiteral("expected 8 revision files in ") + source.path()),
                     __FILE__, __LINE__);
        return nullptr;
    }
    for (const QString &file : files) {
        const QString target = QDir(directory).filePath(QStringLiteral("versions/") + file);
        QFile::remove(target);
        if (!QFile::copy(source.filePath(file), target)) {
            QTest::qFail(qPrintable(QStringLiteral("cannot copy ") + file), __FILE__, __LINE__);
            return nullptr;
        }
    }
    return alembic;
}

inline bool writeText(const QString &path, const QString &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        QTest::qFail(qPrintable(QStringLiteral("cannot write ") + path), __FILE__, __LINE__);
        return false;
    }
    file.write(text.toUtf8());
    return true;
}

inline QString readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

/// Writes the pending probe revision (down_revision = head) whose upgrade() first creates a
/// harmless table `audit_trail` (a step that will apply) and then runs `conflictingOp`.
/// Returns the file's path relative to the project ("versions/…").
inline QString writeProbeRevision(const QString &project, const QString &conflictingOp)
{
    const QString relative = QStringLiteral("versions/%1_preflight_probe.py").arg(kProbe);
    const QString text = QStringLiteral(R"PY("""preflight probe

Revision ID: %1
Revises: %2
Create Date: 2026-04-10 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "%1"
down_revision = "%2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("audit_trail", sa.Column("id", sa.Integer(), primary_key=True))
    %3


def downgrade():
    pass
)PY")
                             .arg(kProbe, kRev8, conflictingOp);
    writeText(QDir(project).filePath(relative), text);
    return relative;
}

/// "versions/<file>.py" of a revision, relative to the project root (CLI.md origin.file).
inline QString revisionFile(const QString &project, const QString &revision)
{
    const QStringList files = QDir(QDir(project).filePath(QStringLiteral("versions")))
                                  .entryList({revision + QStringLiteral("_*.py")}, QDir::Files);
    return files.size() == 1 ? QStringLiteral("versions/") + files.first() : QString();
}

/// The 1-based line where `pattern` (a regular expression) matches inside the upgrade()
/// function of the project file `relativeFile`; 0 when it does not match there exactly once
/// (downgrade() often repeats the same op).
inline int lineOf(const QString &project, const QString &relativeFile, const QString &pattern)
{
    const QString whole = readText(QDir(project).filePath(relativeFile));
    const qsizetype begin = whole.indexOf(QLatin1String("\ndef upgrade("));
    if (begin < 0)
        return 0;
    const qsizetype end = whole.indexOf(QLatin1String("\ndef downgrade("), begin);
    const QString text = whole.left(end < 0 ? whole.size() : end);
    const QRegularExpression re(pattern);
    auto it = re.globalMatch(text, begin);
    if (!it.hasNext())
        return 0;
    const auto match = it.next();
    if (it.hasNext())
        return 0; // ambiguous pattern: a test bug, not a finding
    return int(text.left(match.capturedStart()).count(QLatin1Char('\n'))) + 1;
}

struct CliRun
{
    int exitCode = -1;
    QJsonObject json;
    QByteArray out;
    QByteArray err;
    bool parsed = false;

    QString describe() const
    {
        return QStringLiteral("exit %1\n--- stdout ---\n%2\n--- stderr ---\n%3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
};

inline CliRun runCli(const QStringList &arguments)
{
    CliRun run;
    run.exitCode = runMigconsole(arguments, &run.out, &run.err, {}, 120000);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
    run.parsed = error.error == QJsonParseError::NoError && document.isObject();
    run.json = document.object();
    return run;
}

/// `migconsole check --db URL --migrations PROJECT [extra…] --format json`.
inline CliRun runCheck(const QString &dbUrl, const QString &project, const QStringList &extra = {})
{
    return runCli(QStringList{QStringLiteral("check"), QStringLiteral("--db"), dbUrl,
                              QStringLiteral("--migrations"), project} +
                  extra + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
}

inline CliRun runHistory(const QString &dbUrl, const QString &project)
{
    return runCli({QStringLiteral("history"), QStringLiteral("--db"), dbUrl,
                   QStringLiteral("--migrations"), project, QStringLiteral("--format"),
                   QStringLiteral("json")});
}

inline QList<QJsonObject> objects(const QJsonValue &array)
{
    QList<QJsonObject> list;
    for (const QJsonValue &value : array.toArray())
        list.append(value.toObject());
    return list;
}

inline QList<QJsonObject> findingsOfKind(const QJsonObject &report, const QString &kind)
{
    QList<QJsonObject> list;
    for (const QJsonObject &finding : objects(report.value(QStringLiteral("drift")))) {
        if (finding.value(QStringLiteral("kind")).toString() == kind)
            list.append(finding);
    }
    return list;
}

inline QStringList sortedStrings(const QJsonValue &array)
{
    QStringList list;
    for (const QJsonValue &value : array.toArray())
        list.append(value.toString());
    list.sort();
    return list;
}

/// The JSON key CLI.md uses for the object of a finding kind.
inline QString objectKeyOf(const QString &kind)
{
    if (kind.endsWith(QLatin1String("_table")))
        return {};
    if (kind.endsWith(QLatin1String("_column")) || kind.endsWith(QLatin1String("_mismatch")))
        return QStringLiteral("column");
    if (kind.endsWith(QLatin1String("_index")))
        return QStringLiteral("index");
    return QStringLiteral("constraint");
}

} // namespace migconsole::test::drift
