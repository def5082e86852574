#include "MigrationFolderSettings.h"

#include <QSettings>
#include <QVariantMap>

namespace migconsole {

namespace {

// One map value rather than a key per URL: URLs are full of '/' and ':', which QSettings
// would turn into groups and escapes.
const QString kFoldersKey = QStringLiteral("history/migrationFolders");

} // namespace

QString MigrationFolderSettings::folderFor(const QString &storableUrl)
{
    if (storableUrl.isEmpty())
        return {};
    return QSettings().value(kFoldersKey).toMap().value(storableUrl).toString();
}

void MigrationFolderSettings::remember(const QString &storableUrl, const QString &folder)
{
    if (storableUrl.isEmpty() || folder.isEmpty())
        return;
    QSettings settings;
    QVariantMap folders = settings.value(kFoldersKey).toMap();
    folders.insert(storableUrl, folder);
    settings.setValue(kFoldersKey, folders);
}

} // namespace migconsole
