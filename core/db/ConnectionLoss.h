#pragma once

#include "db/DbConnection.h"
#include "util/Error.h"

#include <QString>

namespace migconsole {

/// Whether the session of `connection` is gone (server restarted or shut down, backend
/// terminated, network dropped) rather than a statement having failed: a trivial query is
/// sent, and only a failure the server did not answer itself counts (an aborted transaction
/// answers with an SQL error and so is not a lost session). Asked after a failure only.
bool connectionLost(DbConnection &connection);

/// `cause` told as a lost connection: names the database by `displayUrl` (password masked),
/// says what was going on (`during`, e.g. "reading its schema") and what to do next. The
/// driver's text stays the detail. Code Connect (exit status 3).
Error connectionLostError(const QString &displayUrl, const QString &during, const Error &cause);

/// `cause` unchanged, unless the session of `connection` is gone: then connectionLostError.
Error explainConnectionLoss(DbConnection &connection, const QString &during, const Error &cause);

} // namespace migconsole
