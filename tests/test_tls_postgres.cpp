// TLS to PostgreSQL: sslmode (disable / require / verify-full) and sslrootcert in the URL reach
// libpq as written, through the core connection API and through the CLI. A throwaway server
// of its own runs with a certificate made here (a test CA, a server certificate for
// localhost / 127.0.0.1); it also listens on 127.0.0.2, which the certificate does not name.
// The shared test server (MIGCONSOLE_TEST_PG_URL) has TLS off: sslmode=require must fail there.

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace migconsole;
using namespace migconsole::test;

namespace {

const QString kScript = QStringLiteral(MIGCONSOLE_TEST_DATA_DIR "/../../scripts/pg-test-cluster.sh");

/// Runs `program` with `arguments` in `workDir`; the combined output when it fails.
QString run(const QString &program, const QStringList &arguments, const QString &workDir,
            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
            QByteArray *out = nullptr)
{
    QProcess process;
    process.setWorkingDirectory(workDir);
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    if (!process.waitForFinished(120000))
        return program + QStringLiteral(" did not finish");
    if (out)
        *out = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return QStringLiteral("%1 %2 failed: %3")
            .arg(program, arguments.join(QLatin1Char(' ')),
                 QString::fromUtf8(process.readAllStandardError()));
    return {};
}

/// A self-signed CA `name` (name.crt, name.key) in `dir`.
QString makeCa(const QString &dir, const QString &name)
{
    return run(QStringLiteral("openssl"),
               {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                QStringLiteral("2"), QStringLiteral("-subj"),
                QStringLiteral("/CN=migconsole test %1").arg(name), QStringLiteral("-keyout"),
                name + QStringLiteral(".key"), QStringLiteral("-out"), name + QStringLiteral(".crt")},
               dir);
}

/// server.crt / server.key for localhost and 127.0.0.1, signed by the CA `ca`.
QString makeServerCertificate(const QString &dir, const QString &ca)
{
    QFile san(dir + QStringLiteral("/san.ext"));
    if (!san.open(QIODevice::WriteOnly) ||
        san.write("subjectAltName=DNS:localhost,IP:127.0.0.1\n") < 0)
        return QStringLiteral("cannot write san.ext");
    san.close();
    if (const QString failed = run(QStringLiteral("openssl"),
                                   {QStringLiteral("req"), QStringLiteral("-newkey"),
                                    QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                                    QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                                    QStringLiteral("-keyout"), QStringLiteral("server.key"),
                                    QStringLiteral("-out"), QStringLiteral("server.csr")},
                                   dir);
        !failed.isEmpty())
        return failed;
    return run(QStringLiteral("openssl"),
               {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                QStringLiteral("server.csr"), QStringLiteral("-CA"), ca + QStringLiteral(".crt"),
                QStringLiteral("-CAkey"), ca + QStringLiteral(".key"), QStringLiteral("-CAcreateserial"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                QStringLiteral("san.ext"), QStringLiteral("-out"), QStringLiteral("server.crt")},
               dir);
}

/// Whether the session of `connection` is encrypted, as the server sees it (pg_stat_ssl).
std::optional<bool> sessionUsesTls(DbConnection &connection)
{
    QSqlQuery query(connection.database());
    if (!query.exec(QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) ||
        !query.next())
        return std::nullopt;
    return query.value(0).toBool();
}

} // namespace

class TestTlsPostgres : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_certs;    ///< CA, wrong CA, server certificate
    QString m_cluster;  ///< the TLS server's folder (data, server.log, port)
    QString m_credentials; ///< "user:percent-encoded-password" of both servers
    QString m_plainUrl; ///< the shared server, TLS off
    int m_port = 0;
    int m_runs = 0;

    /// Our URL of the TLS server at `host` with `query` (sslmode=…&sslrootcert=…).
    QString tlsUrl(const QString &host, const QString &query) const
    {
        // One arg() call: the credentials hold %-escapes a second call would take for markers.
        return QStringLiteral("postgresql://%1@%2:%3/postgres?%4")
            .arg(m_credentials, host, QString::number(m_port), query);
    }
    QString rootCert(const QString &ca) const
    {
        return QStringLiteral("sslrootcert=") +
               QString::fromUtf8(QUrl::toPercentEncoding(m_certs + QLatin1Char('/') + ca +
                                                         QStringLiteral(".crt")));
    }

    static Expected<std::unique_ptr<DbConnection>> open(const QString &url)
    {
        const auto parsed = ConnectionUrl::parse(url);
        if (!parsed)
            return parsed.error();
        return DbConnection::open(settingsFor(*parsed));
    }

    /// The connection opens, and the server says whether it is encrypted.
    void expectSession(const QString &url, bool tls)
    {
        const auto connection = open(url);
        QVERIFY2(connection.ok(), connection ? "" : qPrintable(connection.error().toString()));
        QCOMPARE(sessionUsesTls(**connection), std::optional<bool>(tls));
    }

    /// The connection fails with a Connect error whose message says `reason` and names TLS.
    void expectRefusal(const QString &url, const QString &reason, const QString &driverWords)
    {
        const auto connection = open(url);
        QVERIFY(!connection.ok());
        const Error &error = connection.error();
        QCOMPARE(error.code, ErrorCode::Connect);
        QVERIFY2(error.message.contains(QStringLiteral("TLS")), qPrintable(error.message));
        QVERIFY2(error.message.contains(reason), qPrintable(error.message));
        QVERIFY2(error.detail.contains(driverWords, Qt::CaseInsensitive), qPrintable(error.detail));
    }

    /// `migconsole schema` on `url`, with an application_name of its own so the server log
    /// tells its session apart; returns the exit code and the outputs.
    int runSchema(const QString &url, QString *applicationName, QByteArray *out, QByteArray *err)
    {
        *applicationName = QStringLiteral("tls_cli_%1").arg(++m_runs);
        return runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"),
                              url + QStringLiteral("&application_name=") + *applicationName,
                              QStringLiteral("--format"), QStringLiteral("json"),
                              QStringLiteral("--schema"), QStringLiteral("public")},
                             out, err);
    }

    /// What the TLS server logged when the session named `applicationName` was authorised.
    QString connectionLogLine(const QString &applicationName) const
    {
        QFile log(m_cluster + QStringLiteral("/server.log"));
        if (!log.open(QIODevice::ReadOnly))
            return {};
        const QString needle = QStringLiteral("application_name=") + applicationName;
        for (const QByteArray &line : log.readAll().split('\n')) {
            const QString text = QString::fromUtf8(line);
            if (text.contains(QLatin1String("connection authorized")) &&
                (text.contains(needle + QLatin1Char(' ')) || text.endsWith(needle)))
                return text;
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        m_plainUrl = postgresUrl();
        QVERIFY(!m_plainUrl.isEmpty());
        const auto plain = ConnectionUrl::parse(m_plainUrl);
        QVERIFY(plain.ok());
        // pg-test-cluster.sh gives every cluster the same user and password.
        m_credentials = QStringLiteral("%1:%2").arg(
            QString::fromUtf8(QUrl::toPercentEncoding(plain->user)),
            QString::fromUtf8(QUrl::toPercentEncoding(plain->password)));

        QVERIFY(m_dir.isValid());
        // The server runs as an unprivileged user (the script): it must reach the folder.
        QVERIFY(QFile::setPermissions(m_dir.path(), QFile::permissions(m_dir.path()) |
                                                        QFileDevice::ReadOther | QFileDevice::ExeOther |
                                                        QFileDevice::ReadGroup | QFileDevice::ExeGroup));
        m_certs = m_dir.filePath(QStringLiteral("certs"));
        m_cluster = m_dir.filePath(QStringLiteral("cluster"));
        QVERIFY(QDir().mkpath(m_certs));
        for (const QString &failed : {makeCa(m_certs, QStringLiteral("ca")),
                                      makeCa(m_certs, QStringLiteral("wrong-ca")),
                                      makeServerCertificate(m_certs, QStringLiteral("ca"))})
            QVERIFY2(failed.isEmpty(), qPrintable(failed));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PG_TEST_SSL_DIR"), m_certs);
        QByteArray printed;
        const QString failed = run(QStringLiteral("bash"), {kScript, QStringLiteral("start"), m_cluster},
                                   m_dir.path(), env, &printed);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        const auto tls = ConnectionUrl::parse(QString::fromUtf8(printed).trimmed());
        QVERIFY(tls.ok());
        m_port = tls->port;
        QVERIFY(m_port > 0);
    }

    void cleanupTestCase()
    {
        if (m_port > 0)
            run(QStringLiteral("bash"), {kScript, QStringLiteral("stop"), m_cluster}, m_dir.path());
    }

    void requireEncrypts()
    {
        expectSession(tlsUrl(QStringLiteral("127.0.0.1"), QStringLiteral("sslmode=require")), true);
    }

    void disableStaysPlain()
    {
        expectSession(tlsUrl(QStringLiteral("127.0.0.1"), QStringLiteral("sslmode=disable")), false);
    }

    void verifyFullTrustsTheRightCa()
    {
        const QString query = QStringLiteral("sslmode=verify-full&") + rootCert(QStringLiteral("ca"));
        expectSession(tlsUrl(QStringLiteral("localhost"), query), true);
        expectSession(tlsUrl(QStringLiteral("127.0.0.1"), query), true);
    }

    void verifyFullRefusesAWrongCa()
    {
        expectRefusal(tlsUrl(QStringLiteral("127.0.0.1"),
                             QStringLiteral("sslmode=verify-full&") + rootCert(QStringLiteral("wrong-ca"))),
                      QStringLiteral("certificate is not signed by a trusted authority"),
                      QStringLiteral("certificate verify failed"));
    }

    void verifyFullRefusesAHostTheCertificateDoesNotName()
    {
        // The same server and CA at 127.0.0.2: the chain is fine (verify-ca connects), only
        // the name is wrong.
        expectSession(tlsUrl(QStringLiteral("127.0.0.2"),
                             QStringLiteral("sslmode=verify-ca&") + rootCert(QStringLiteral("ca"))),
                      true);
        expectRefusal(tlsUrl(QStringLiteral("127.0.0.2"),
                             QStringLiteral("sslmode=verify-full&") + rootCert(QStringLiteral("ca"))),
                      QStringLiteral("certificate does not name this host"),
                      QStringLiteral("does not match host name"));
    }

    void verifyFullWithAMissingRootCertificateSaysSo()
    {
        expectRefusal(tlsUrl(QStringLiteral("127.0.0.1"),
                             QStringLiteral("sslmode=verify-full&") + rootCert(QStringLiteral("absent"))),
                      QStringLiteral("root certificate file"), QStringLiteral("root certificate file"));
    }

    void requireFailsOnAServerWithoutTls()
    {
        expectRefusal(m_plainUrl + QStringLiteral("?sslmode=require"),
                      QStringLiteral("does not accept TLS"), QStringLiteral("does not support SSL"));
    }

    void aValueTheDriverWouldGarbleIsRefused()
    {
        // QPSQL turns ';' into ' ': the file below would silently become "a b.crt".
        const auto connection = open(tlsUrl(QStringLiteral("127.0.0.1"),
                                            QStringLiteral("sslmode=verify-full&sslrootcert=") +
                                                m_certs + QStringLiteral("/a%3Bb.crt")));
        QVERIFY(!connection.ok());
        QCOMPARE(connection.error().code, ErrorCode::BadInput);
        QVERIFY(connection.error().message.contains(QStringLiteral("sslrootcert")));
    }

    void cliVerifyFullConnectsOverTls()
    {
        QString name;
        QByteArray out, err;
        const QString url = tlsUrl(QStringLiteral("localhost"),
                                   QStringLiteral("sslmode=verify-full&") + rootCert(QStringLiteral("ca")));
        QCOMPARE(runSchema(url, &name, &out, &err), 0);
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QVERIFY2(json[QStringLiteral("database")].toString().contains(QStringLiteral("sslmode=verify-full")),
                 out.constData());
        // The CLI's session is gone by now: the server's log says how it was made.
        const QString line = connectionLogLine(name);
        QVERIFY2(line.contains(QLatin1String("SSL enabled")), qPrintable(line));
    }

    void cliDisableConnectsInPlainText()
    {
        QString name;
        QByteArray out, err;
        QCOMPARE(runSchema(tlsUrl(QStringLiteral("127.0.0.1"), QStringLiteral("sslmode=disable")), &name,
                           &out, &err),
                 0);
        const QString line = connectionLogLine(name);
        QVERIFY2(!line.isEmpty(), qPrintable(name));
        QVERIFY2(!line.contains(QLatin1String("SSL enabled")), qPrintable(line));
    }

    void cliFailuresNameTlsAndExit3_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("reason");
        QTest::newRow("wrong CA") << tlsUrl(QStringLiteral("127.0.0.1"),
                                            QStringLiteral("sslmode=verify-full&") + rootCert(QStringLiteral("wrong-ca")))
                                  << QStringLiteral("certificate is not signed by a trusted authority");
        QTest::newRow("host not in certificate")
            << tlsUrl(QStringLiteral("127.0.0.2"), QStringLiteral("sslmode=verify-full&") + rootCert(QStringLiteral("ca")))
            << QStringLiteral("certificate does not name this host");
        QTest::newRow("server without TLS") << m_plainUrl + QStringLiteral("?sslmode=require")
                                            << QStringLiteral("does not accept TLS");
    }

    void cliFailuresNameTlsAndExit3()
    {
        QFETCH(QString, url);
        QFETCH(QString, reason);
        QString name;
        QByteArray out, err;
        QCOMPARE(runSchema(url, &name, &out, &err), 3);
        QVERIFY(out.isEmpty());
        const QString text = QString::fromUtf8(err);
        QVERIFY2(text.contains(QStringLiteral("TLS: ")) && text.contains(reason), err.constData());
        QVERIFY2(text.contains(QStringLiteral(":***@")), err.constData()); // masked, as always
    }
};

QTEST_GUILESS_MAIN(TestTlsPostgres)
#include "test_tls_postgres.moc"
