#include "db/DbConnection.h"

#include <QAtomicInt>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <optional>

#include <spdlog/spdlog.h>

namespace migconsole {

namespace {

/// `?mode=ro` in a URL asks for a read-only session (as SQLite's own URI parameter does).
const QString kModeParameter = QStringLiteral("mode");

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("migconsole-%1").arg(counter.fetchAndAddRelaxed(1));
}

/// QPSQL turns every ';' of its connect options into a space (its separator) before libpq
/// sees them, so a value with one would silently reach the server as a different value.
std::optional<Error> unpassableParameter(const ConnectionUrl &url)
{
    for (const auto &[key, value] : url.parameters) {
        if (value.contains(QLatin1Char(';')))
            return Error{ErrorCode::BadInput,
                         QStringLiteral("The value of URL parameter '%1' contains ';', which Qt's "
                                        "PostgreSQL driver cannot pass on (rename the file or "
                                        "value)")
                             .arg(key),
                         {}};
    }
    return std::nullopt;
}

/// libpq keyword=value pairs for QPSQL's connect options (it joins them with spaces):
/// sslmode, sslrootcert & co. reach libpq exactly as the URL spelled them.
QString postgresOptions(const ConnectionSettings &settings)
{
    QStringList options;
    bool hasTimeout = false;
    for (const auto &[key, value] : settings.url.parameters) {
        if (key == kModeParameter)
            continue; // ours (read-only), not a libpq keyword
        hasTimeout |= key == QLatin1String("connect_timeout");
        QString quoted = value;
        quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('\''), QLatin1String("\\'"));
        options.append(key + QLatin1String("='") + quoted + QLatin1Char('\''));
    }
    if (!hasTimeout)
        options.append(QStringLiteral("connect_timeout=%1").arg(settings.connectTimeoutSeconds));
    if (settings.url.parameter(QStringLiteral("application_name")).isEmpty())
        options.append(QStringLiteral("application_name=migconsole"));
    return options.join(QLatin1Char(';'));
}

/// A plain-language first sentence for the usual ways a connect fails.
QString connectFailureHint(const QString &driverText)
{
    const QString t = driverText.toLower();
    // TLS first: libpq's "root certificate file … does not exist" is not a missing database.
    if (t.contains(QLatin1String("root certificate file")))
        return QStringLiteral("TLS: the root certificate file (sslrootcert) cannot be read");
    if (t.contains(QLatin1String("certificate verify failed")))
        return QStringLiteral("TLS: the server's certificate is not signed by a trusted "
                              "authority (check sslrootcert)");
    if (t.contains(QLatin1String("does not match host name")))
        return QStringLiteral("TLS: the server's certificate does not name this host "
                              "(sslmode=verify-full checks it)");
    if (t.contains(QLatin1String("server does not support ssl")))
        return QStringLiteral("TLS: the server does not accept TLS connections, but sslmode "
                              "requires TLS");
    if (t.contains(QLatin1String("ssl error")) || t.contains(QLatin1String("ssl syscall")))
        return QStringLiteral("TLS: the encrypted connection could not be set up");
    if (t.contains(QLatin1String("password authentication failed")) ||
        t.contains(QLatin1String("no password supplied")))
        return QStringLiteral("authentication failed (wrong user or password)");
    if (t.contains(QLatin1String("could not translate host name")))
        return QStringLiteral("unknown host");
    if (t.contains(QLatin1String("timeout expired")))
        return QStringLiteral("the server did not answer within the connect timeout");
    if (t.contains(QLatin1String("connection refused")))
        return QStringLiteral("no server is listening at that host and port");
    if (t.contains(QLatin1String("does not exist")))
        return QStringLiteral("the database or role does not exist");
    return QStringLiteral("the connection failed");
}

} // namespace

DbConnection::DbConnection(QString name, ConnectionSettings settings, bool readOnly)
    : m_name(std::move(name)), m_settings(std::move(settings)), m_url(m_settings.url),
      m_readOnly(readOnly), m_production(m_settings.production)
{
}

bool wantsReadOnly(const ConnectionSettings &settings)
{
    return settings.readOnly || settings.url.parameter(QStringLiteral("mode")) == QLatin1String("ro");
}

DbConnection::~DbConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isOpen())
            db.close();
    } // the handle must be gone before the connection is removed
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase DbConnection::database() const { return QSqlDatabase::database(m_name, false); }

Expected<std::unique_ptr<DbConnection>> DbConnection::open(const ConnectionSettings &settings)
{
    const ConnectionUrl &url = settings.url;
    QString driver;
    switch (url.dialect) {
    case Dialect::PostgreSQL:
        driver = QStringLiteral("QPSQL");
        break;
    case Dialect::SQLite:
        driver = QStringLiteral("QSQLITE");
        if (url.database != QLatin1String(":memory:") && !settings.createSqliteFile &&
            !QFileInfo::exists(url.database))
            return Error{ErrorCode::Connect,
                         QStringLiteral("No SQLite database file at '%1'").arg(url.database), {}};
        break;
    case Dialect::MySQL:
        return Error{ErrorCode::Connect,
                     QStringLiteral("MySQL/MariaDB connections are not supported yet"), {}};
    }
    if (url.dialect == Dialect::PostgreSQL) {
        if (const auto refused = unpassableParameter(url))
            return *refused;
    }
    if (!QSqlDatabase::isDriverAvailable(driver))
        return Error{ErrorCode::Connect,
                     QStringLiteral("The Qt SQL driver %1 is not installed (Debian: %2)")
                         .arg(driver, url.dialect == Dialect::SQLite
                                          ? QStringLiteral("libqt6sql6-sqlite")
                                          : QStringLiteral("libqt6sql6-psql")),
                     {}};

    const auto password = resolvePassword(url, settings.passwordEnv);
    if (!password)
        return password.error();

    const QString name = nextConnectionName();
    const bool readOnly = wantsReadOnly(settings);
    std::unique_ptr<DbConnection> connection(new DbConnection(name, settings, readOnly));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
        db.setDatabaseName(url.database);
        if (url.dialect == Dialect::PostgreSQL) {
            db.setHostName(url.host);
            db.setPort(url.effectivePort());
            db.setUserName(url.user);
            db.setPassword(*password);
            db.setConnectOptions(postgresOptions(settings));
        } else {
            QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(settings.connectTimeoutSeconds * 1000);
            if (readOnly)
                options += QStringLiteral(";QSQLITE_OPEN_READONLY");
            db.setConnectOptions(options);
        }
        spdlog::info("connecting to {}", url.toDisplayString().toStdString());
        if (!db.open()) {
            const QString driverText = maskUrlPasswords(db.lastError().text().trimmed());
            return Error{ErrorCode::Connect,
                         QStringLiteral("Cannot connect to %1: %2")
                             .arg(url.toDisplayString(), connectFailureHint(driverText)),
                         driverText};
        }
        if (readOnly && url.dialect == Dialect::PostgreSQL) {
            // The server then refuses every write in this session, whatever SQL is run.
            QSqlQuery setReadOnly(db);
            if (!setReadOnly.exec(QStringLiteral("SET default_transaction_read_only = on")))
                return queryError(setReadOnly, QStringLiteral("Cannot make the session read-only"));
        }
    }
    if (readOnly)
        spdlog::info("session on {} is read-only", url.toDisplayString().toStdString());
    return connection;
}

Expected<Done> DbConnection::exec(const QString &sql, const QString &what)
{
    QSqlQuery query(database());
    if (!query.exec(sql))
        return queryError(query, what);
    return Done{};
}

Error DbConnection::queryError(const QSqlQuery &query, const QString &what)
{
    return Error{ErrorCode::Query, what, maskUrlPasswords(query.lastError().text().trimmed())};
}

} // namespace migconsole
