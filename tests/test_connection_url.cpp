// Connection URLs: parsing, bad input with readable errors, and password masking.

#include "db/ConnectionUrl.h"

#include <QTest>

using namespace migconsole;

class TestConnectionUrl : public QObject
{
    Q_OBJECT

private slots:
    void parsesPostgres_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("sslmode");

        QTest::newRow("full") << "postgresql://app:secret@db.example:6432/app?sslmode=require"
                              << "app" << "secret" << "db.example" << 6432 << "app" << "require";
        QTest::newRow("postgres scheme, no port")
            << "postgres://app@db/app" << "app" << "" << "db" << 0 << "app" << "";
        QTest::newRow("sqlalchemy driver suffix")
            << "postgresql+psycopg2://u:p@h/d" << "u" << "p" << "h" << 0 << "d" << "";
        QTest::newRow("percent-encoded password")
            << "postgresql://u:t3st%3Ap%40ss%2Fw0rd@127.0.0.1:5433/postgres" << "u"
            << "t3st:p@ss/w0rd" << "127.0.0.1" << 5433 << "postgres" << "";
        QTest::newRow("unescaped @ in password")
            << "postgresql://u:p@ss@h/d" << "u" << "p@ss" << "h" << 0 << "d" << "";
        QTest::newRow("ipv6") << "postgresql://u@[::1]:5432/d" << "u" << "" << "::1" << 5432
                              << "d" << "";
        QTest::newRow("password as parameter")
            << "postgresql://u@h/d?password=hidden&sslmode=disable" << "u" << "hidden" << "h" << 0
            << "d" << "disable";
    }
    void parsesPostgres()
    {
        QFETCH(QString, text);
        const auto url = ConnectionUrl::parse(text);
        QVERIFY2(url.ok(), url.ok() ? "" : qPrintable(url.error().toString()));
        QCOMPARE(url->dialect, Dialect::PostgreSQL);
        QTEST(url->user, "user");
        QTEST(url->password, "password");
        QTEST(url->host, "host");
        QTEST(url->port, "port");
        QTEST(url->database, "database");
        QTEST(url->parameter(QStringLiteral("sslmode")), "sslmode");
    }

    void parsesSqlite()
    {
        const auto relative = ConnectionUrl::parse(QStringLiteral("sqlite:///data/demo.db"));
        QVERIFY(relative.ok());
        QCOMPARE(relative->dialect, Dialect::SQLite);
        QCOMPARE(relative->database, QStringLiteral("data/demo.db"));
        const auto absolute = ConnectionUrl::parse(QStringLiteral("sqlite:////tmp/x y.db"));
        QVERIFY(absolute.ok());
        QCOMPARE(absolute->database, QStringLiteral("/tmp/x y.db"));
        QCOMPARE(absolute->toDisplayString(), QStringLiteral("sqlite:////tmp/x y.db"));
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << "" << "empty";
        QTest::newRow("no scheme") << "localhost/db" << "scheme";
        QTest::newRow("unknown scheme") << "ftp://h/d" << "unknown scheme 'ftp'";
        QTest::newRow("port not a number") << "postgresql://u:pw@h:abc/d" << "port 'abc'";
        QTest::newRow("port out of range") << "postgresql://h:70000/d" << "port '70000'";
        QTest::newRow("empty port") << "postgresql://h:/d" << "port ''";
        QTest::newRow("no host") << "postgresql://u:pw@:5432/d" << "host name is missing";
        QTest::newRow("broken escape") << "postgresql://u:p%zz@h/d" << "password has a broken";
        QTest::newRow("unknown parameter") << "postgresql://h/d?sslmod=require" << "sslmod";
        QTest::newRow("bad sslmode") << "postgresql://h/d?sslmode=maybe" << "sslmode 'maybe'";
        QTest::newRow("sqlite without path") << "sqlite://" << "sqlite:///";
        QTest::newRow("unterminated ipv6") << "postgresql://[::1/d" << "IPv6";
    }
    void rejectsBadInput()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        const auto url = ConnectionUrl::parse(text);
        QVERIFY(!url.ok());
        QCOMPARE(url.error().code, ErrorCode::BadInput);
        QVERIFY2(url.error().message.contains(mentions), qPrintable(url.error().message));
    }

    void errorsNeverEchoThePassword()
    {
        const auto url = ConnectionUrl::parse(QStringLiteral("postgresql://u:SuperSecret@h:99999/d"));
        QVERIFY(!url.ok());
        QVERIFY(!url.error().toString().contains(QStringLiteral("SuperSecret")));
    }

    void displayMasksPassword()
    {
        const auto url = ConnectionUrl::parse(
            QStringLiteral("postgresql://app:s3cr%40t@db.example:5432/app?sslmode=require"));
        QVERIFY(url.ok());
        QCOMPARE(url->toDisplayString(),
                 QStringLiteral("postgresql://app:***@db.example:5432/app?sslmode=require"));
        QCOMPARE(url->toStorableString(),
                 QStringLiteral("postgresql://app@db.example:5432/app?sslmode=require"));
        const auto noPassword = ConnectionUrl::parse(QStringLiteral("postgresql://app@db/app"));
        QCOMPARE(noPassword->toDisplayString(), QStringLiteral("postgresql://app@db/app"));
        // A password given as a parameter is masked too and never reappears as a parameter.
        const auto param = ConnectionUrl::parse(QStringLiteral("postgresql://u@h/d?password=zz9"));
        QVERIFY(!param->toDisplayString().contains(QStringLiteral("zz9")));
        QVERIFY(!param->toStorableString().contains(QStringLiteral("zz9")));
    }

    void displayRoundTrips()
    {
        const QString text = QStringLiteral("postgresql://app@[::1]:5433/my%20db?sslmode=verify-full");
        const auto url = ConnectionUrl::parse(text);
        QVERIFY(url.ok());
        QCOMPARE(url->database, QStringLiteral("my db"));
        const auto again = ConnectionUrl::parse(url->toStorableString());
        QVERIFY(again.ok());
        QCOMPARE(again->host, url->host);
        QCOMPARE(again->database, url->database);
        QCOMPARE(again->port, url->port);
    }

    void masksPasswordsInFreeText()
    {
        QCOMPARE(maskUrlPasswords(QStringLiteral("failed: postgresql://app:hunter2@db:5432/x")),
                 QStringLiteral("failed: postgresql://app:***@db:5432/x"));
        QCOMPARE(maskUrlPasswords(QStringLiteral("host=db password=hunter2 user=x")),
                 QStringLiteral("host=db password=*** user=x"));
        QCOMPARE(maskUrlPasswords(QStringLiteral("sqlite:///tmp/a.db")),
                 QStringLiteral("sqlite:///tmp/a.db"));
        // Typed without percent-encoding, the password holds '@', '/', ':' and spaces: all
        // of it up to the host's '@' is masked, for each of two URLs in one message.
        QCOMPARE(maskUrlPasswords(QStringLiteral(
                     "unexpected 'postgresql://r:p@ss:w/rd? x@h:5432/d' and mysql://u:a@b@m/y")),
                 QStringLiteral("unexpected 'postgresql://r:***@h:5432/d' and mysql://u:***@m/y"));
        QCOMPARE(maskUrlPasswords(QStringLiteral("postgresql://db:5432/x refused")),
                 QStringLiteral("postgresql://db:5432/x refused"));
    }

    void passwordSources()
    {
        auto url = ConnectionUrl::parse(QStringLiteral("postgresql://u@h/d"));
        QVERIFY(url.ok());
        qputenv("PGPASSWORD", "from-pgpassword");
        qputenv("MIGCONSOLE_TEST_SECRET", "from-named-env");
        QCOMPARE(*resolvePassword(*url, QString()), QStringLiteral("from-pgpassword"));
        QCOMPARE(*resolvePassword(*url, QStringLiteral("MIGCONSOLE_TEST_SECRET")),
                 QStringLiteral("from-named-env"));
        const auto missing = resolvePassword(*url, QStringLiteral("MIGCONSOLE_NOT_SET_ANYWHERE"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QStringLiteral("MIGCONSOLE_NOT_SET_ANYWHERE")));
        auto withPassword = ConnectionUrl::parse(QStringLiteral("postgresql://u:inurl@h/d"));
        QCOMPARE(*resolvePassword(*withPassword, QStringLiteral("MIGCONSOLE_TEST_SECRET")),
                 QStringLiteral("inurl"));
        qunsetenv("PGPASSWORD");
        qunsetenv("MIGCONSOLE_TEST_SECRET");
    }
};

QTEST_APPLESS_MAIN(TestConnectionUrl)
#include "test_connection_url.moc"
