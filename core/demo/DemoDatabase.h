#pragma once

#include "util/Expected.h"

#include <QString>

namespace migconsole {

/// Where a written demo lives.
struct DemoLocation
{
    QString databasePath;   ///< absolute path of the SQLite file
    QString migrationsPath; ///< absolute path of the demo's Alembic project folder

    QString url() const { return QStringLiteral("sqlite:///") + databasePath; }
};

/// The default demo folder: "<user data dir>/demo" (e.g. ~/.local/share/migconsole/demo).
QString defaultDemoDirectory();

/// Writes a fresh demo into `directory` (created if missing): the SQLite database built
/// from the bundled script (an existing demo.db is replaced) and its migrations folder.
Expected<DemoLocation> writeDemo(const QString &directory);

} // namespace migconsole
