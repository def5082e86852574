// `migconsole fix` on the bundled demo (SQLite), as a newcomer would run it: preview,
// dry-run (nothing changes), --apply refused without confirmation, --apply --yes repairs the
// drift and completes the half-applied pending head, after which `check` is clean, every
// row is still there and a second apply has nothing to do. Plus the usage errors.

#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::test;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QString describe() const
    {
        return QStringLiteral("exit %1\n%2\n%3").arg(code).arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
};

} // namespace

class TestCliFix : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_url;
    QString m_migrations;

    Run run(const QStringList &arguments)
    {
        Run r;
        r.code = runMigconsole(arguments, &r.out, &r.err, {QStringLiteral("MIGCONSOLE_AUDIT_LOG=") +
                                                           m_dir.filePath(QStringLiteral("audit.log"))});
        return r;
    }
    Run fix(const QStringList &extra)
    {
        return run(QStringList{QStringLiteral("fix"), QStringLiteral("--db"), m_url, QStringLiteral("--migrations"),
                               m_migrations} +
                   extra);
    }
    Run check()
    {
        return run({QStringLiteral("check"), QStringLiteral("--db"), m_url, QStringLiteral("--migrations"), m_migrations,
                    QStringLiteral("--format"), QStringLiteral("json")});
    }

    /// Every table's columns (the fingerprint reads these, so added columns do not count).
    QMap<QString, QStringList> columns()
    {
        auto db = connectOrFail(m_url);
        QMap<QString, QStringList> result;
        if (!db)
            return result;
        QSqlQuery tables(db->database());
        tables.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                   "AND name <> 'alembic_version' ORDER BY name"));
        while (tables.next()) {
            QSqlQuery info(db->database());
            info.exec(QStringLiteral("SELECT name FROM pragma_table_info('%1') ORDER BY cid").arg(tables.value(0).toString()));
            while (info.next())
                result[tables.value(0).toString()].append(QLatin1Char('"') + info.value(0).toString() + QLatin1Char('"'));
        }
        return result;
    }

    /// Row count and a checksum of the values of `tableColumns` per table: "all rows survive".
    QString rowsFingerprint(const QMap<QString, QStringList> &tableColumns)
    {
        auto db = connectOrFail(m_url);
        if (!db)
            return {};
        QStringList parts;
        for (auto it = tableColumns.cbegin(); it != tableColumns.cend(); ++it) {
            QSqlQuery rows(db->database());
            if (!rows.exec(QStringLiteral("SELECT %1 FROM \"%2\" ORDER BY 1").arg(it.value().join(QLatin1Char(',')), it.key())))
                return QStringLiteral("cannot read ") + it.key();
            QStringList values;
            int count = 0;
            while (rows.next()) {
                ++count;
                for (int i = 0; i < it.value().size(); ++i)
                    values.append(rows.value(i).toString());
            }
            parts.append(it.key() + QLatin1Char(':') + QString::number(count) + QLatin1Char(':') +
                         QString::fromLatin1(QCryptographicHash::hash(values.join(QLatin1Char('|')).toUtf8(),
                                                                      QCryptographicHash::Md5).toHex()));
        }
        return parts.join(QLatin1Char(' '));
    }

private slots:
    void initTestCase()
    {
        Run demo = run({QStringLiteral("demo"), m_dir.path(), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(demo.code == 0, qPrintable(demo.describe()));
        m_url = demo.json().value(QStringLiteral("db")).toString();
        m_migrations = demo.json().value(QStringLiteral("migrations")).toString();
        QCOMPARE(check().code, 1);
    }

    void usageErrors()
    {
        QCOMPARE(fix({QStringLiteral("--preview"), QStringLiteral("--apply")}).code, 2);
        QCOMPARE(fix({}).code, 2);
        QCOMPARE(fix({QStringLiteral("--preview"), QStringLiteral("--yes")}).code, 2);
        QCOMPARE(fix({QStringLiteral("--dry-run"), QStringLiteral("--lock-timeout"), QStringLiteral("soon")}).code, 2);
        QCOMPARE(run({QStringLiteral("fix"), QStringLiteral("--db"), m_url, QStringLiteral("--preview")}).code, 2);
    }

    void previewShowsEveryFixAndTheCompletion()
    {
        const Run preview = fix({QStringLiteral("--preview"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(preview.code == 0, qPrintable(preview.describe()));
        const QJsonObject plan = preview.json();
        QCOMPARE(plan.value(QStringLiteral("completed_revisions")).toArray(), QJsonArray{QStringLiteral("9e3f06a4d7b8")});
        QStringList fixedKinds;
        bool stamps = false;
        for (const QJsonValue &value : plan.value(QStringLiteral("statements")).toArray()) {
            const QJsonObject statement = value.toObject();
            fixedKinds.append(statement.value(QStringLiteral("finding")).toObject().value(QStringLiteral("kind")).toString());
            stamps |= statement.value(QStringLiteral("purpose")).toString() == QLatin1String("stamp");
        }
        for (const QString &kind : {QStringLiteral("missing_column"), QStringLiteral("missing_index"),
                                    QStringLiteral("missing_table"), QStringLiteral("type_mismatch")})
            QVERIFY2(fixedKinds.contains(kind), qPrintable(kind + QStringLiteral(" not fixed:\n") + preview.describe()));
        QVERIFY(stamps);

        const Run text = fix({QStringLiteral("--preview")});
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.contains("external_game_key"));
        QVERIFY(text.out.contains("score_feed_sources"));
    }

    void dryRunAndUnconfirmedApplyChangeNothing()
    {
        const auto tables = columns();
        const QString rows = rowsFingerprint(tables);
        const QJsonObject before = check().json();
        const Run dry = fix({QStringLiteral("--dry-run")});
        QVERIFY2(dry.code == 0, qPrintable(dry.describe()));
        QVERIFY(dry.out.contains("rolled back"));
        const Run unconfirmed = fix({QStringLiteral("--apply")}); // stdin is not a terminal
        QCOMPARE(unconfirmed.code, 2);
        QVERIFY(unconfirmed.err.contains("--yes"));
        QCOMPARE(check().json(), before);
        QCOMPARE(rowsFingerprint(tables), rows);
        QCOMPARE(columns(), tables);
    }

    void applyRepairsCompletesAndIsIdempotent()
    {
        const auto tables = columns();
        const QString rows = rowsFingerprint(tables);
        QVERIFY(rows.contains(QStringLiteral("games:")));
        const Run applied = fix({QStringLiteral("--apply"), QStringLiteral("--yes")});
        QVERIFY2(applied.code == 0, qPrintable(applied.describe()));
        QVERIFY(applied.out.contains("check is now clean"));
        const Run after = check();
        QVERIFY2(after.code == 0, qPrintable(after.describe()));
        QCOMPARE(after.json().value(QStringLiteral("current")).toArray(), QJsonArray{QStringLiteral("9e3f06a4d7b8")});
        QCOMPARE(rowsFingerprint(tables), rows);

        const Run again = fix({QStringLiteral("--apply"), QStringLiteral("--yes"), QStringLiteral("--format"),
                               QStringLiteral("json")});
        QVERIFY2(again.code == 0, qPrintable(again.describe()));
        QVERIFY(again.json().value(QStringLiteral("statements")).toArray().isEmpty());

        QFile audit(m_dir.filePath(QStringLiteral("audit.log")));
        QVERIFY(audit.open(QIODevice::ReadOnly));
        const QByteArray log = audit.readAll();
        QVERIFY(log.contains("\"event\":\"commit\""));
        QVERIFY(log.contains("external_game_key"));
    }
};

QTEST_GUILESS_MAIN(TestCliFix)
#include "test_cli_fix.moc"
