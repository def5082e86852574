#pragma once

#include "db/ConnectionUrl.h"
#include "util/Expected.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

class QSqlQuery;

namespace migconsole {

/// How to reach a database: the URL plus what is not part of it.
struct ConnectionSettings
{
    ConnectionUrl url;
    QString passwordEnv;          ///< name of an environment variable holding the password
    int connectTimeoutSeconds = 10;
    bool createSqliteFile = false; ///< only the demo writer may create a new SQLite file
    /// Open the session read-only (PG `default_transaction_read_only`, SQLite read-only
    /// open): set by the operator or by `?mode=ro` in the URL. Writes are refused by the
    /// database itself, and the console disables Apply and Stamp.
    bool readOnly = false;
    /// Tagged production: writes ask the operator to type the database's name.
    bool production = false;
};

/// Whether the settings ask for a read-only session (the flag, or `?mode=ro` in the URL).
bool wantsReadOnly(const ConnectionSettings &settings);

/// One open database connection with a name of its own. Qt connections belong to the
/// thread that opened them: open, use and destroy a DbConnection on one thread.
class DbConnection
{
public:
    static Expected<std::unique_ptr<DbConnection>> open(const ConnectionSettings &settings);
    ~DbConnection();

    DbConnection(const DbConnection &) = delete;
    DbConnection &operator=(const DbConnection &) = delete;

    QSqlDatabase database() const;
    Dialect dialect() const { return m_url.dialect; }
    const ConnectionUrl &url() const { return m_url; }
    QString displayUrl() const { return m_url.toDisplayString(); }
    /// The session refuses writes (ConnectionSettings::readOnly or `?mode=ro`).
    bool isReadOnly() const { return m_readOnly; }
    bool isProduction() const { return m_production; }
    /// What this connection was opened with, to open another one like it (introspection
    /// reads on a second connection at the same time).
    const ConnectionSettings &settings() const { return m_settings; }

    /// Runs one statement; on failure a Query error names `what` and carries the driver text.
    Expected<Done> exec(const QString &sql, const QString &what);

    /// Turns a failed query into a typed error (driver text with any URL password masked).
    static Error queryError(const QSqlQuery &query, const QString &what);

private:
    DbConnection(QString name, ConnectionSettings settings, bool readOnly);

    QString m_name;
    ConnectionSettings m_settings;
    ConnectionUrl m_url;
    bool m_readOnly = false;
    bool m_production = false;
};

} // namespace migconsole
