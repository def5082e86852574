// The headless CLI as scripts use it (CLI.md): demo, schema, exit codes, errors.

#include "TestSupport.h"
#include "schema/SchemaJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::test;

class TestCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_demoUrl;

private slots:
    void demoPrintsJson()
    {
        QByteArray out, err;
        const int code = runMigconsole({QStringLiteral("demo"), m_dir.path(), QStringLiteral("--format"),
                                        QStringLiteral("json")},
                                       &out, &err);
        QVERIFY2(code == 0, err.constData());
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QCOMPARE(json.keys(), (QStringList{QStringLiteral("db"), QStringLiteral("migrations")}));
        m_demoUrl = json[QStringLiteral("db")].toString();
        QVERIFY(m_demoUrl.startsWith(QStringLiteral("sqlite:///")));
        QVERIFY(json[QStringLiteral("migrations")].toString().startsWith(m_dir.path()));
    }

    void demoPrintsTextLines()
    {
        QTemporaryDir dir;
        QByteArray out;
        QCOMPARE(runMigconsole({QStringLiteral("demo"), dir.path()}, &out, nullptr), 0);
        const QStringList lines = QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(QStringLiteral("sqlite:///")));
    }

    void schemaJsonOnDemo()
    {
        QVERIFY(!m_demoUrl.isEmpty());
        QByteArray out, err;
        const int code = runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"), m_demoUrl,
                                        QStringLiteral("--format=json")},
                                       &out, &err);
        QVERIFY2(code == 0, err.constData());
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QCOMPARE(json[QStringLiteral("database")].toString(), m_demoUrl);
        const auto schema = schemaFromJson(json); // the output is a valid snapshot
        QVERIFY2(schema.ok(), schema.ok() ? "" : qPrintable(schema.error().toString()));
        QCOMPARE(schema->dialect, Dialect::SQLite);
        const Table *games = schema->table(QStringLiteral("main"), QStringLiteral("games"));
        QVERIFY(games);
        QVERIFY(games->column(QStringLiteral("home_team_id")));
    }

    void schemaTextOnDemo()
    {
        QByteArray out;
        QCOMPARE(runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"), m_demoUrl}, &out,
                               nullptr),
                 0);
        const QString text = QString::fromUtf8(out);
        QVERIFY(text.startsWith(m_demoUrl + QStringLiteral("  (sqlite, ")));
        QVERIFY(text.contains(QStringLiteral("\n  table games\n")));
        QVERIFY(text.contains(QStringLiteral("home_team_id")));
    }

    void historyOnDemo()
    {
        const QString migrations = m_dir.filePath(QStringLiteral("migrations"));
        QByteArray out, err;
        int code = runMigconsole({QStringLiteral("history"), QStringLiteral("--db"), m_demoUrl,
                                  QStringLiteral("--migrations"), migrations, QStringLiteral("--format"),
                                  QStringLiteral("json")},
                                 &out, &err);
        QVERIFY2(code == 0, err.constData());
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QCOMPARE(json[QStringLiteral("database")].toString(), m_demoUrl);
        QCOMPARE(json[QStringLiteral("tool")].toString(), QStringLiteral("alembic"));
        const auto list = [&](const char *key) {
            return json[QLatin1String(key)].toVariant().toStringList();
        };
        QCOMPARE(list("current"), QStringList{QStringLiteral("8b2c6d5e3f06")});
        QCOMPARE(list("heads"), QStringList{QStringLiteral("9e3f06a4d7b8")});
        QCOMPARE(list("pending"), QStringList{QStringLiteral("9e3f06a4d7b8")});
        QVERIFY(list("unknown").isEmpty());
        QVERIFY(json[QStringLiteral("warnings")].toArray().isEmpty());
        const QJsonArray revisions = json[QStringLiteral("revisions")].toArray();
        QCOMPARE(revisions.size(), 8);
        const QJsonObject head = revisions[0].toObject();
        QCOMPARE(head[QStringLiteral("id")].toString(), QStringLiteral("9e3f06a4d7b8"));
        QCOMPARE(head[QStringLiteral("status")].toString(), QStringLiteral("pending"));
        QCOMPARE(head[QStringLiteral("file")].toString(),
                 QStringLiteral("versions/9e3f06a4d7b8_create_system_heartbeats.py"));
        QCOMPARE(head[QStringLiteral("message")].toString(),
                 QStringLiteral("create system heartbeats and reporting views"));
        QCOMPARE(revisions[1].toObject()[QStringLiteral("status")].toString(), QStringLiteral("current"));
        QCOMPARE(revisions[2].toObject()[QStringLiteral("down_revisions")].toArray().size(), 2);
        for (qsizetype i = 2; i < revisions.size(); ++i)
            QCOMPARE(revisions[i].toObject()[QStringLiteral("status")].toString(), QStringLiteral("applied"));

        code = runMigconsole({QStringLiteral("history"), QStringLiteral("--db"), m_demoUrl,
                              QStringLiteral("--migrations"), migrations},
                             &out, &err);
        QCOMPARE(code, 0);
        const QString text = QString::fromUtf8(out);
        QVERIFY2(text.contains(QStringLiteral("pending   1: 9e3f06a4d7b8")), out.constData());
        QVERIFY(text.contains(QStringLiteral("○ 9e3f06a4d7b8")));
        QVERIFY(text.contains(QStringLiteral("◉ 8b2c6d5e3f06")));
        QVERIFY2(text.contains(QStringLiteral("✗ line 26  add_column player_wellness_state.updated_at  "
                                              "WILL FAIL: column_exists")),
                 out.constData());
    }

    // The pending head's steps, simulated on the demo: both would fail on what exists.
    void historyStepsOnDemo()
    {
        QByteArray out, err;
        const int code = runMigconsole({QStringLiteral("history"), QStringLiteral("--db"), m_demoUrl,
                                        QStringLiteral("--migrations"), m_dir.filePath(QStringLiteral("migrations")),
                                        QStringLiteral("--format"), QStringLiteral("json")},
                                       &out, &err);
        QVERIFY2(code == 0, err.constData());
        const QJsonArray revisions = QJsonDocument::fromJson(out).object()[QStringLiteral("revisions")].toArray();
        const QJsonArray steps = revisions[0].toObject()[QStringLiteral("steps")].toArray();
        QCOMPARE(steps.size(), 2);
        const QJsonObject create = steps[0].toObject();
        QCOMPARE(create[QStringLiteral("op")].toString(), QStringLiteral("create_table"));
        QCOMPARE(create[QStringLiteral("step")].toString(), QStringLiteral("will_fail"));
        QCOMPARE(create[QStringLiteral("kind")].toString(), QStringLiteral("table_exists"));
        QCOMPARE(create[QStringLiteral("table")].toString(), QStringLiteral("system_heartbeats"));
        const QJsonObject add = steps[1].toObject();
        QCOMPARE(add[QStringLiteral("op")].toString(), QStringLiteral("add_column"));
        QCOMPARE(add[QStringLiteral("line")].toInt(), 26);
        QCOMPARE(add[QStringLiteral("kind")].toString(), QStringLiteral("column_exists"));
        QCOMPARE(add[QStringLiteral("column")].toString(), QStringLiteral("updated_at"));
        // Applied revisions carry no steps: only pending ones are simulated.
        QVERIFY(!revisions[1].toObject().contains(QStringLiteral("steps")));
    }

    // The demo's deliberate drift (demo_schema.sql says which), as CLI.md's check JSON.
    void checkOnDemo()
    {
        QByteArray out, err;
        const QString migrations = m_dir.filePath(QStringLiteral("migrations"));
        int code = runMigconsole({QStringLiteral("check"), QStringLiteral("--db"), m_demoUrl,
                                  QStringLiteral("--migrations"), migrations, QStringLiteral("--format"),
                                  QStringLiteral("json")},
                                 &out, &err);
        QVERIFY2(code == 1, err.constData());
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QCOMPARE(json[QStringLiteral("database")].toString(), m_demoUrl);
        QCOMPARE(json[QStringLiteral("tool")].toString(), QStringLiteral("alembic"));
        QCOMPARE(json[QStringLiteral("current")].toVariant().toStringList(), QStringList{QStringLiteral("8b2c6d5e3f06")});
        QVERIFY(json[QStringLiteral("unknown")].toArray().isEmpty());
        QVERIFY2(json[QStringLiteral("warnings")].toArray().isEmpty(), out.constData());
        QStringList drift;
        for (const QJsonValue &v : json[QStringLiteral("drift")].toArray()) {
            const QJsonObject f = v.toObject();
            QString key = f[QStringLiteral("column")].toString() + f[QStringLiteral("index")].toString();
            drift << f[QStringLiteral("kind")].toString() + u' ' + f[QStringLiteral("table")].toString() +
                         (key.isEmpty() ? QString() : u'.' + key) + u' ' + f[QStringLiteral("severity")].toString();
            QVERIFY(f.contains(QStringLiteral("fixable")));
            if (f[QStringLiteral("severity")].toString() != QLatin1String("info")) {
                const QJsonObject origin = f[QStringLiteral("origin")].toObject();
                QCOMPARE(origin[QStringLiteral("revision")].toString(), QStringLiteral("8b2c6d5e3f06"));
                QCOMPARE(origin[QStringLiteral("file")].toString(),
                         QStringLiteral("versions/8b2c6d5e3f06_create_player_wellness_state.py"));
                QVERIFY(origin[QStringLiteral("line")].toInt() > 0);
            }
        }
        QCOMPARE(drift, (QStringList{QStringLiteral("missing_column games.external_game_key error"),
                                     QStringLiteral("missing_index games.ix_games_external_game_key error"),
                                     QStringLiteral("type_mismatch player_wellness_state.mood error"),
                                     QStringLiteral("extra_column player_wellness_state.updated_at info"),
                                     QStringLiteral("missing_table score_feed_sources error"),
                                     QStringLiteral("extra_table system_heartbeats info")}));
        const QJsonArray preflight = json[QStringLiteral("preflight")].toArray();
        QCOMPARE(preflight.size(), 2);
        QCOMPARE(preflight[1].toObject()[QStringLiteral("revision")].toString(), QStringLiteral("9e3f06a4d7b8"));
        QCOMPARE(preflight[1].toObject()[QStringLiteral("kind")].toString(), QStringLiteral("column_exists"));
        QVERIFY(!preflight[1].toObject().contains(QStringLiteral("step"))); // check lists will_fail only

        code = runMigconsole({QStringLiteral("check"), QStringLiteral("--db"), m_demoUrl,
                              QStringLiteral("--migrations"), migrations},
                             &out, &err);
        QCOMPARE(code, 1);
        const QString text = QString::fromUtf8(out);
        QVERIFY2(text.contains(QStringLiteral("missing_column       main.games.external_game_key  varchar(64)  "
                                              "[fixable]  <- 8b2c6d5e3f06 "
                                              "versions/8b2c6d5e3f06_create_player_wellness_state.py:27")),
                 out.constData());

        // Against its own snapshot the demo is clean: exit 0, nothing listed.
        QByteArray snapshot;
        QCOMPARE(runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"), m_demoUrl,
                                QStringLiteral("--format"), QStringLiteral("json")},
                               &snapshot, nullptr),
                 0);
        const QString snapshotPath = m_dir.filePath(QStringLiteral("snapshot.json"));
        QFile file(snapshotPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(snapshot);
        file.close();
        code = runMigconsole({QStringLiteral("check"), QStringLiteral("--db"), m_demoUrl,
                              QStringLiteral("--snapshot"), snapshotPath, QStringLiteral("--format"),
                              QStringLiteral("json")},
                             &out, &err);
        QVERIFY2(code == 0, out.constData());
        QVERIFY(QJsonDocument::fromJson(out).object()[QStringLiteral("drift")].toArray().isEmpty());
        // --target head: the pending head's objects are expected too; system_heartbeats is then
        // no extra any more.
        code = runMigconsole({QStringLiteral("check"), QStringLiteral("--db"), m_demoUrl,
                              QStringLiteral("--migrations"), migrations, QStringLiteral("--target"),
                              QStringLiteral("head"), QStringLiteral("--format"), QStringLiteral("json")},
                             &out, &err);
        QCOMPARE(code, 1);
        QStringList kinds;
        for (const QJsonValue &v : QJsonDocument::fromJson(out).object()[QStringLiteral("drift")].toArray())
            kinds << v.toObject()[QStringLiteral("kind")].toString();
        QVERIFY2(!kinds.contains(QStringLiteral("extra_table")) && !kinds.contains(QStringLiteral("extra_column")),
                 out.constData());
        QVERIFY(kinds.contains(QStringLiteral("missing_table")));
    }

    void checkWithBadSnapshotExitsTwo()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"dialect\": ");
        file.close();
        QByteArray err;
        QCOMPARE(runMigconsole({QStringLiteral("check"), QStringLiteral("--db"), m_demoUrl,
                                QStringLiteral("--snapshot"), path},
                               nullptr, &err),
                 2);
        QVERIFY2(err.contains("broken.json"), err.constData());
        QCOMPARE(runMigconsole({QStringLiteral("check"), QStringLiteral("--db"), m_demoUrl,
                                QStringLiteral("--migrations"), m_dir.filePath(QStringLiteral("migrations")),
                                QStringLiteral("--target"), QStringLiteral("nosuchrev")},
                               nullptr, &err),
                 2);
        QVERIFY2(err.contains("nosuchrev"), err.constData());
    }

    void historyOfScriptsAlone()
    {
        QByteArray out, err;
        const int code = runMigconsole({QStringLiteral("history"), QStringLiteral("--migrations"),
                                        m_dir.filePath(QStringLiteral("migrations")),
                                        QStringLiteral("--format"), QStringLiteral("json")},
                                       &out, &err);
        QVERIFY2(code == 0, err.constData());
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QVERIFY(json[QStringLiteral("database")].isNull());
        QVERIFY(json[QStringLiteral("current")].toArray().isEmpty());
        QCOMPARE(json[QStringLiteral("pending")].toArray().size(), 8);
    }

    void historyOfABrokenFolderExitsTwo()
    {
        QTemporaryDir dir;
        QFile broken(dir.filePath(QStringLiteral("0001_broken.py")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("revision = (\n  'unterminated\n");
        broken.close();
        QByteArray out, err;
        const int code = runMigconsole({QStringLiteral("history"), QStringLiteral("--migrations"),
                                        dir.path(), QStringLiteral("--format"), QStringLiteral("json")},
                                       &out, &err);
        QCOMPARE(code, 2);
        const QJsonArray warnings = QJsonDocument::fromJson(out).object()[QStringLiteral("warnings")].toArray();
        QVERIFY(!warnings.isEmpty());
        QCOMPARE(warnings[0].toObject()[QStringLiteral("file")].toString(), QStringLiteral("0001_broken.py"));
        QVERIFY(warnings[0].toObject()[QStringLiteral("line")].toInt() >= 1);

        QCOMPARE(runMigconsole({QStringLiteral("history"), QStringLiteral("--migrations"),
                                dir.filePath(QStringLiteral("does-not-exist"))},
                               nullptr, &err),
                 2);
    }

    void badUsageExitsTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("malformed url") << QStringList{QStringLiteral("schema"), QStringLiteral("--db"),
                                                      QStringLiteral("postgresql://u:pw@h:notaport/d")}
                                       << "port 'notaport'";
        QTest::newRow("unknown scheme") << QStringList{QStringLiteral("schema"), QStringLiteral("--db"),
                                                       QStringLiteral("oracle://h/d")}
                                        << "unknown scheme";
        QTest::newRow("missing --db") << QStringList{QStringLiteral("schema")} << "--db URL is required";
        QTest::newRow("bad format") << QStringList{QStringLiteral("schema"), QStringLiteral("--db"),
                                                   QStringLiteral("sqlite:///x.db"),
                                                   QStringLiteral("--format"), QStringLiteral("xml")}
                                    << "--format must be text or json";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("schema"), QStringLiteral("--bogus")}
                                        << "unknown option '--bogus'";
        QTest::newRow("value missing") << QStringList{QStringLiteral("schema"), QStringLiteral("--db")}
                                       << "--db needs a value";
        QTest::newRow("bad timeout") << QStringList{QStringLiteral("schema"), QStringLiteral("--db"),
                                                    QStringLiteral("sqlite:///x.db"),
                                                    QStringLiteral("--connect-timeout"), QStringLiteral("0")}
                                     << "--connect-timeout";
        QTest::newRow("fix without a mode") << QStringList{QStringLiteral("fix")}
                                            << "give exactly one of --preview, --dry-run or --apply";
        QTest::newRow("check without source")
            << QStringList{QStringLiteral("check"), QStringLiteral("--db"), QStringLiteral("sqlite:///x.db")}
            << "exactly one of --migrations DIR, --reference URL or --snapshot FILE";
        QTest::newRow("check with two sources")
            << QStringList{QStringLiteral("check"), QStringLiteral("--db"), QStringLiteral("sqlite:///x.db"),
                           QStringLiteral("--migrations"), QStringLiteral("m"), QStringLiteral("--snapshot"),
                           QStringLiteral("s.json")}
            << "exactly one of";
        QTest::newRow("target without migrations")
            << QStringList{QStringLiteral("check"), QStringLiteral("--db"), QStringLiteral("sqlite:///x.db"),
                           QStringLiteral("--snapshot"), QStringLiteral("s.json"), QStringLiteral("--target"),
                           QStringLiteral("head")}
            << "--target applies to --migrations only";
        QTest::newRow("history without folder") << QStringList{QStringLiteral("history")} << "--migrations DIR is required";
    }
    void badUsageExitsTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QByteArray out, err;
        QCOMPARE(runMigconsole(arguments, &out, &err), 2);
        QVERIFY(out.isEmpty());
        QVERIFY2(QString::fromUtf8(err).contains(mentions), err.constData());
        QVERIFY(!err.contains("pw@"));
    }

    void missingSqliteFileExitsThree()
    {
        QByteArray err;
        const int code = runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"),
                                        QStringLiteral("sqlite:///") + m_dir.filePath(QStringLiteral("none.db"))},
                                       nullptr, &err);
        QCOMPARE(code, 3);
        QVERIFY(err.contains("No SQLite database file"));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.db")))); // not created either
    }

    void consoleRejectsBadArgumentsBeforeOpening()
    {
        QByteArray err;
        QCOMPARE(runMigconsole({QStringLiteral("--db"), QStringLiteral("oracle://u:Hidden1@h/d")},
                               nullptr, &err, {QStringLiteral("QT_QPA_PLATFORM=offscreen")}),
                 2);
        QVERIFY2(err.contains("unknown scheme 'oracle'"), err.constData());
        QVERIFY(!err.contains("Hidden1"));
        QCOMPARE(runMigconsole({QStringLiteral("--frobnicate")}, nullptr, &err,
                               {QStringLiteral("QT_QPA_PLATFORM=offscreen")}),
                 2);
        QVERIFY2(err.contains("unknown option '--frobnicate'"), err.constData());
    }

    void versionAndHelp()
    {
        QByteArray out;
        QCOMPARE(runMigconsole({QStringLiteral("--version")}, &out, nullptr), 0);
        QVERIFY(out.startsWith("migconsole " MIGCONSOLE_VERSION));
        QCOMPARE(runMigconsole({QStringLiteral("--help")}, &out, nullptr), 0);
        QVERIFY(out.contains("migconsole schema --db URL"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
