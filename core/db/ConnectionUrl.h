#pragma once

#include "schema/Schema.h"
#include "util/Expected.h"

#include <QList>
#include <QPair>
#include <QString>

namespace migconsole {

/// A parsed database URL:
///   postgresql://user:pass@host:port/dbname?sslmode=require   (also postgres://, +driver)
///   sqlite:///relative/path.db   sqlite:////absolute/path.db   sqlite:///:memory:
///   mysql://user:pass@host:port/dbname
/// The password is held here only to hand it to the driver: every printed form masks it.
struct ConnectionUrl
{
    Dialect dialect = Dialect::PostgreSQL;
    QString user;
    QString password;       ///< never print; see toDisplayString()
    QString host;
    int port = 0;           ///< 0 = the dialect's default
    QString database;       ///< database name, or the file path for SQLite
    QList<QPair<QString, QString>> parameters; ///< libpq keywords from the query string

    /// Parses `text`; a BadInput error says which part is wrong and never echoes a password.
    static Expected<ConnectionUrl> parse(const QString &text);

    int effectivePort() const;
    QString parameter(const QString &key) const;

    /// The URL with the password replaced by `***` (when there is one): safe for logs,
    /// the screen, reports and settings files.
    QString toDisplayString() const;
    /// The URL without any password at all: what recent-connection lists store.
    QString toStorableString() const;
};

/// Where the password comes from when the URL has none: the environment variable named by
/// `--password-env`, else PGPASSWORD (PostgreSQL). Fails when a named variable is unset.
Expected<QString> resolvePassword(const ConnectionUrl &url, const QString &passwordEnvName);

/// Replaces `://user:secret@` with `://user:***@` in any text (driver messages, echoes).
QString maskUrlPasswords(const QString &text);

} // namespace migconsole
