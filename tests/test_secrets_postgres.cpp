// A password with every awkward character (URL delimiters, quotes, backslash, non-ASCII, an
// emoji) never shows: every CLI command — and its error paths — runs against the throwaway
// PostgreSQL server as a role with that password, given in the URL (percent-encoded), through
// PGPASSWORD or through --password-env, each run with a private HOME / XDG dirs / TMPDIR /
// working folder. Then stdout, stderr and every file the run left behind (settings, audit
// log, demo files, caches) are searched for the password, whole or in part (SecretScan.h).

#include "SecretScan.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace migconsole;
using namespace migconsole::test;

namespace {

const QString kPassword = secretPassword();
const QString kPasswordVariable = QStringLiteral("MIGCONSOLE_SECRET_TEST_PW");

/// How a run is given the password.
enum class Source { Url, PgPassword, PasswordEnv, WrongInUrl, None };

} // namespace

Q_DECLARE_METATYPE(Source)

class TestSecretsPostgres : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<DbConnection> m_admin;
    SecretScan m_scan{kPassword};
    SecretRole m_role;
    QString m_migrations;
    int m_runs = 0;

    QString encodedPassword() const { return QString::fromUtf8(QUrl::toPercentEncoding(kPassword)); }

    /// A private HOME with XDG dirs and TMPDIR inside it; the environment that points at them.
    QStringList privateHome(const QString &home) const
    {
        QStringList env;
        for (const auto &[name, sub] : {std::pair{"HOME", ""}, std::pair{"XDG_CONFIG_HOME", "/.config"},
                                        std::pair{"XDG_DATA_HOME", "/.local/share"},
                                        std::pair{"XDG_CACHE_HOME", "/.cache"},
                                        std::pair{"XDG_STATE_HOME", "/.local/state"},
                                        std::pair{"XDG_RUNTIME_DIR", "/run"}, std::pair{"TMPDIR", "/tmp"}}) {
            const QString path = home + QLatin1String(sub);
            QDir().mkpath(path);
            env << QStringLiteral("%1=%2").arg(QLatin1String(name), path);
        }
        QFile::setPermissions(home + QStringLiteral("/run"), QFileDevice::ReadOwner |
                                                                 QFileDevice::WriteOwner |
                                                                 QFileDevice::ExeOwner);
        // The audit log in its default place (inside HOME), whatever the caller's shell says.
        env << QStringLiteral("MIGCONSOLE_AUDIT_LOG=");
        return env;
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<Source>();
        QVERIFY(m_dir.isValid());
        const QString adminUrl = postgresUrl();
        QVERIFY(!adminUrl.isEmpty());
        m_admin = connectOrFail(adminUrl);
        QVERIFY(m_admin);
        QVERIFY(m_role.create(*m_admin));

        m_migrations = m_dir.filePath(QStringLiteral("migrations/versions"));
        QVERIFY(m_role.setUpDrift(m_migrations));
    }

    void cleanupTestCase()
    {
        if (m_admin)
            m_role.drop(*m_admin);
    }

    void everyCommandKeepsThePasswordSecret_data()
    {
        QTest::addColumn<QStringList>("arguments"); // "DB" stands for the URL, "MIG" for the folder
        QTest::addColumn<Source>("source");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("mustShow"); // on stdout or stderr: the run did its work

        const QStringList db{QStringLiteral("--db"), QStringLiteral("DB")};
        const QStringList mig{QStringLiteral("--migrations"), QStringLiteral("MIG")};
        auto row = [](const char *name, const QStringList &args, Source source, int code, const char *show) {
            QTest::newRow(name) << args << source << code << QString::fromUtf8(show);
        };
        auto words = [](const char *text) { return QString::fromLatin1(text).split(QLatin1Char(' ')); };

        row("--version", words("--version"), Source::PgPassword, 0, "migconsole");
        row("--help", words("--help"), Source::PgPassword, 0, "migconsole");
        row("demo json (default folder, in HOME)", words("demo --format json"), Source::PgPassword, 0, "sqlite:");
        row("demo text", words("demo HOME/demo"), Source::PgPassword, 0, "sqlite:");
        row("schema text, URL", words("schema") + db, Source::Url, 0, "items");
        row("schema json, URL, --verbose", words("schema --format json --verbose") + db, Source::Url, 0, "items");
        row("schema json, PGPASSWORD", words("schema --format json") + db, Source::PgPassword, 0, "items");
        row("schema json, --password-env", words("schema --format json") + db,
            Source::PasswordEnv, 0, "items");
        row("history text", words("history") + db + mig, Source::Url, 0, "0002");
        row("history json", words("history --format json --verbose") + db + mig, Source::PgPassword, 0, "0002");
        row("check text", words("check") + db + mig, Source::Url, 1, "note");
        row("check json", words("check --format json") + db + mig, Source::PasswordEnv, 1, "note");
        row("check html", words("check --format html") + db + mig, Source::Url, 1, "note");
        row("check markdown", words("check --format markdown") + db + mig, Source::PgPassword, 1, "note");
        row("check --reference (password in both URLs)",
            words("check --format json --reference DB") + db, Source::Url, 0, "database");
        row("fix --preview", words("fix --preview") + db + mig, Source::Url, 0, "note");
        row("fix --dry-run", words("fix --dry-run --verbose") + db + mig, Source::PgPassword, 0, "rolled back");
        row("fix --apply without --yes (no terminal)", words("fix --apply") + db + mig, Source::Url, 2, "--yes");
        row("fix --apply --yes", words("fix --apply --yes --format json --verbose") + db + mig,
            Source::PasswordEnv, 0, "apply");
        row("check after the fix", words("check") + db + mig, Source::Url, 0, "");
        row("stamp --preview", words("stamp 0001 --preview") + db + mig, Source::Url, 0, "0001");
        row("stamp", words("stamp 0001 --yes --verbose") + db + mig, Source::PgPassword, 0, "0001");
        row("stamp back", words("stamp 0002 --yes --format json") + db + mig, Source::PasswordEnv, 0, "0002");

        // Error paths.
        row("wrong password in the URL", words("schema --verbose") + db, Source::WrongInUrl, 3, "authentication");
        row("wrong password, json", words("check --format json") + db + mig, Source::WrongInUrl, 3, "authentication");
        row("no password at all", words("schema") + db, Source::None, 3, "migconsole schema");
        row("--password-env names an unset variable",
            words("schema --password-env MIGCONSOLE_NO_SUCH_VARIABLE") + db, Source::None, 2,
            "MIGCONSOLE_NO_SUCH_VARIABLE");
        row("bad --format", words("schema --format yaml") + db, Source::Url, 2, "yaml");
        row("bad --format on check", words("check --format pdf") + db + mig, Source::Url, 2, "pdf");
        row("bad URL: unknown sslmode", words("schema --db BADSSL"), Source::Url, 2, "sslmode");
        row("bad URL: password not percent-encoded", words("schema --db RAW"), Source::None, 2, "Malformed");
        row("bad URL: unknown parameter", words("schema --db BADPARAM"), Source::Url, 2, "unknown parameter");
        row("URL without --db, encoded", words("schema DB"), Source::Url, 2, "unexpected argument");
        row("URL without --db, password not percent-encoded", words("schema RAW"), Source::None, 2,
            "unexpected argument");
        row("unreachable: nothing listens", words("schema --db CLOSED"), Source::Url, 3, "no server");
        row("unreachable: no route, 1 s timeout", words("schema --connect-timeout 1 --db NOROUTE"),
            Source::Url, 3, "Cannot connect");
    }

    void everyCommandKeepsThePasswordSecret()
    {
        QFETCH(QStringList, arguments);
        QFETCH(Source, source);
        QFETCH(int, exitCode);
        QFETCH(QString, mustShow);

        const QString home = m_dir.filePath(QStringLiteral("home%1").arg(++m_runs));
        QStringList env = privateHome(home);
        env << QStringLiteral("PGPASSWORD=") << QStringLiteral("%1=").arg(kPasswordVariable);
        QString url = m_role.urlWithoutPassword();
        switch (source) {
        case Source::Url:
            url = m_role.url(kPassword);
            break;
        case Source::WrongInUrl:
            url = m_role.url(kPassword + QStringLiteral("x"));
            break;
        case Source::PgPassword:
            env << QStringLiteral("PGPASSWORD=") + kPassword;
            break;
        case Source::PasswordEnv:
            env << QStringLiteral("%1=%2").arg(kPasswordVariable, kPassword);
            arguments << QStringLiteral("--password-env") << kPasswordVariable;
            break;
        case Source::None:
            break;
        }
        const QString encoded = encodedPassword();
        for (QString &argument : arguments) {
            if (argument == QLatin1String("DB"))
                argument = url;
            else if (argument == QLatin1String("MIG"))
                argument = m_migrations;
            else if (argument == QLatin1String("BADSSL"))
                argument = m_role.url(kPassword) + QStringLiteral("?sslmode=sometimes");
            else if (argument == QLatin1String("BADPARAM"))
                argument = m_role.url(kPassword) + QStringLiteral("?sslmod=require");
            else if (argument == QLatin1String("RAW")) // as an operator might paste it
                argument = QStringLiteral("postgresql://%1:%2@%3/%4").arg(m_role.role, kPassword, m_role.server(), m_role.database);
            else if (argument == QLatin1String("CLOSED"))
                argument = QStringLiteral("postgresql://%1:%2@127.0.0.1:1/%3").arg(m_role.role, encoded, m_role.database);
            else if (argument == QLatin1String("NOROUTE")) // TEST-NET-1: never answers
                argument = QStringLiteral("postgresql://%1:%2@192.0.2.1:5432/%3").arg(m_role.role, encoded, m_role.database);
            else if (argument.startsWith(QLatin1String("HOME/")))
                argument.replace(0, 4, home);
        }

        // Files a run writes next to itself land in its HOME too.
        const QString previous = QDir::currentPath();
        QVERIFY(QDir::setCurrent(home));
        QByteArray out, err;
        const int code = runMigconsole(arguments, &out, &err, env);
        QDir::setCurrent(previous);

        // Failure messages quote the run's stderr only when it holds no secret.
        const QString leakOut = m_scan.findIn(out);
        const QString leakErr = m_scan.findIn(err);
        QVERIFY2(leakOut.isEmpty(), qPrintable(QStringLiteral("stdout holds %1").arg(leakOut)));
        QVERIFY2(leakErr.isEmpty(), qPrintable(QStringLiteral("stderr holds %1").arg(leakErr)));
        QStringList scanned;
        const QStringList leaks = m_scan.findInTree(home, &scanned);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));

        QVERIFY2(code == exitCode, qPrintable(QStringLiteral("exit %1, expected %2; stderr:\n%3")
                                                  .arg(code)
                                                  .arg(exitCode)
                                                  .arg(QString::fromUtf8(err))));
        QVERIFY2(QString::fromUtf8(out + err).contains(mustShow, Qt::CaseInsensitive),
                 qPrintable(QStringLiteral("'%1' not in the output:\n%2%3")
                                .arg(mustShow, QString::fromUtf8(out), QString::fromUtf8(err))));
        // What was scanned was really there: the audit log of a write, the demo's files.
        if (arguments.contains(QStringLiteral("--apply")) && code == 0) {
            const bool audited = std::any_of(scanned.cbegin(), scanned.cend(), [](const QString &path) {
                return path.endsWith(QLatin1String("/audit.log")) && QFileInfo(path).size() > 0;
            });
            QVERIFY2(audited, "the apply left no audit log in the private HOME");
        }
        if (arguments.constFirst() == QLatin1String("demo"))
            QVERIFY2(scanned.size() >= 2, qPrintable(scanned.join(QLatin1Char('\n'))));
    }

    void theScanFindsWhatItLooksFor()
    {
        // The scanner itself: each form of a fragment is found, and ordinary text is not.
        const QString fragment = kPassword.mid(10, 6); // #%&"'\  (six characters)
        QVERIFY(!m_scan.findIn(fragment).isEmpty());
        QVERIFY(!m_scan.findIn(QUrl::toPercentEncoding(kPassword)).isEmpty());
        QVERIFY(!m_scan.findIn(kPassword.toHtmlEscaped()).isEmpty());
        QVERIFY(!m_scan.findIn(QStringLiteral("{\"db\": \"x\\\"'\\\\ \\u00fc y\"}")).isEmpty());
        QVERIFY(m_scan.findIn(QStringLiteral("postgresql://role:***@127.0.0.1:5432/db?sslmode=require"))
                    .isEmpty());
        QVERIFY(m_scan.findIn(kPassword.left(SecretScan::kMinFragment - 1)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSecretsPostgres)
#include "test_secrets_postgres.moc"
