#pragma once

#include <QString>

namespace migconsole {

/// Which migrations folder goes with which database, kept in the settings file. Keyed by the
/// connection's storable URL, which never holds a password.
class MigrationFolderSettings
{
public:
    /// The folder last opened for `storableUrl`; empty when none was.
    static QString folderFor(const QString &storableUrl);
    static void remember(const QString &storableUrl, const QString &folder);
};

} // namespace migconsole
