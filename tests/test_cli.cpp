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
        QTest::newRow("unbuilt command") << QStringList{QStringLiteral("check")} << "check";
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
