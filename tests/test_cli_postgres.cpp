// `migconsole schema` against the throwaway PostgreSQL server: password sources, masking,
// exit codes for auth and connect failures, the --schema filter.

#include "TestSupport.h"
#include "schema/SchemaJson.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

using namespace migconsole;
using namespace migconsole::test;

class TestCliPostgres : public QObject
{
    Q_OBJECT

    QString m_url;            ///< with the password, percent-encoded
    QString m_password;       ///< decoded
    QString m_urlNoPassword;
    QString m_schemaName;
    std::unique_ptr<DbConnection> m_db;

    void assertNoSecret(const QByteArray &out, const QByteArray &err)
    {
        const QByteArray secret = m_password.toUtf8();
        QVERIFY2(!out.contains(secret), "password on stdout");
        QVERIFY2(!err.contains(secret), "password on stderr");
        const QByteArray encoded = QUrl::toPercentEncoding(m_password);
        QVERIFY(!out.contains(encoded));
        QVERIFY(!err.contains(encoded));
    }

private slots:
    void initTestCase()
    {
        m_url = postgresUrl();
        QVERIFY(!m_url.isEmpty());
        const auto url = ConnectionUrl::parse(m_url);
        QVERIFY(url.ok());
        m_password = url->password;
        QVERIFY2(!m_password.isEmpty(), "the test server is expected to use a password");
        m_urlNoPassword = url->toStorableString();
        m_db = connectOrFail(m_url);
        QVERIFY(m_db);
        m_schemaName = uniqueSchemaName(QStringLiteral("cli"));
        QVERIFY(execScript(*m_db, QStringLiteral("CREATE SCHEMA %1;\n"
                                                 "CREATE TABLE %1.games (id serial PRIMARY KEY, "
                                                 "external_game_key varchar(64));\n")
                                      .arg(m_schemaName)));
    }

    void cleanupTestCase()
    {
        if (m_db)
            m_db->exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(m_schemaName), {});
    }

    void schemaJsonWithPasswordInUrl()
    {
        QByteArray out, err;
        const int code = runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"), m_url,
                                        QStringLiteral("--format"), QStringLiteral("json"),
                                        QStringLiteral("--schema"), m_schemaName, QStringLiteral("--verbose")},
                                       &out, &err);
        QVERIFY2(code == 0, err.constData());
        assertNoSecret(out, err);
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QVERIFY(json[QStringLiteral("database")].toString().contains(QStringLiteral(":***@")));
        const auto schema = schemaFromJson(json);
        QVERIFY(schema.ok());
        QCOMPARE(schema->namespaces.size(), 1);
        const Table *games = schema->table(m_schemaName, QStringLiteral("games"));
        QVERIFY(games);
        QCOMPARE(games->column(QStringLiteral("external_game_key"))->type, QStringLiteral("varchar(64)"));
    }

    void passwordFromPgpassword()
    {
        QByteArray out, err;
        const int code = runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"), m_urlNoPassword,
                                        QStringLiteral("--schema"), m_schemaName},
                                       &out, &err, {QStringLiteral("PGPASSWORD=") + m_password});
        QVERIFY2(code == 0, err.constData());
        QVERIFY(out.contains("table games"));
        assertNoSecret(out, err);
    }

    void passwordFromNamedEnvironmentVariable()
    {
        QByteArray out, err;
        const int code = runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"), m_urlNoPassword,
                                        QStringLiteral("--password-env"), QStringLiteral("APP_DB_SECRET"),
                                        QStringLiteral("--schema"), m_schemaName},
                                       &out, &err,
                                       {QStringLiteral("APP_DB_SECRET=") + m_password,
                                        QStringLiteral("PGPASSWORD=wrong")});
        QVERIFY2(code == 0, err.constData());
        assertNoSecret(out, err);
    }

    void wrongPasswordExitsThree()
    {
        auto url = *ConnectionUrl::parse(m_url);
        url.password = QStringLiteral("Wr0ng:p@ss");
        QByteArray out, err;
        QString text = url.toStorableString();
        text.replace(QStringLiteral("migtest@"), QStringLiteral("migtest:Wr0ng%3Ap%40ss@"));
        const int code = runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"), text}, &out, &err);
        QCOMPARE(code, 3);
        QVERIFY2(err.contains("authentication failed"), err.constData());
        QVERIFY(!err.contains("Wr0ng"));
        QVERIFY(err.contains(":***@"));
    }

    void unreachableServerExitsThreeWithinTimeout()
    {
        QElapsedTimer timer;
        timer.start();
        QByteArray err;
        const int code = runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"),
                                        QStringLiteral("postgresql://u:SecretX@127.0.0.1:1/db"),
                                        QStringLiteral("--connect-timeout"), QStringLiteral("2")},
                                       nullptr, &err);
        QCOMPARE(code, 3);
        QVERIFY(timer.elapsed() < 15000);
        QVERIFY(!err.contains("SecretX"));
        QVERIFY2(err.contains("no server is listening"), err.constData());
    }

    void unknownHostExitsThree()
    {
        QByteArray err;
        const int code = runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"),
                                        QStringLiteral("postgresql://u@no-such-host.invalid/db")},
                                       nullptr, &err);
        QCOMPARE(code, 3);
        QVERIFY2(err.contains("unknown host"), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliPostgres)
#include "test_cli_postgres.moc"
