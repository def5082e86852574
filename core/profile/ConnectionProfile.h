#pragma once

#include "db/ConnectionUrl.h"
#include "history/MigrationHistory.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace migconsole {

/// The colour tag of a profile: what kind of database it is. Production is always red and
/// always asks for the database's name before a write (SCREENS.md).
enum class ProfileTag { None, Development, Test, Staging, Production };

QString profileTagName(ProfileTag tag);                 ///< "none", "development", … "production"
std::optional<ProfileTag> profileTagFromName(const QString &name);
QList<ProfileTag> allProfileTags();

/// A named connection the operator comes back to ("prod-eu", "staging"). Never holds a
/// password: that lives in the system keychain, or is asked for each time.
struct ConnectionProfile
{
    QString name;
    ConnectionUrl url;             ///< password always empty (the store drops it)
    ProfileTag tag = ProfileTag::None;
    bool readOnly = false;
    QString migrationsPath;        ///< empty = none remembered
    VersionTableOptions versionTable;
    /// The operator asked to keep the password in the system keychain (when there is one).
    bool passwordInKeychain = false;

    bool isProduction() const { return tag == ProfileTag::Production; }
};

/// The saved profiles, in the application's settings file (QSettings). Every write strips
/// the URL's password first, so no code path can put one into the file.
class ProfileStore
{
public:
    /// Every saved profile, sorted by name (case-insensitive).
    static QList<ConnectionProfile> all();
    static std::optional<ConnectionProfile> find(const QString &name);
    /// The profile whose URL (without password) is `storableUrl`, if one is.
    static std::optional<ConnectionProfile> findByUrl(const QString &storableUrl);
    /// Adds or replaces the profile called `profile.name` (which must not be empty).
    static void save(const ConnectionProfile &profile);
    static void remove(const QString &name);
};

/// Recently opened migrations folders, newest first (at most ten), in the settings file.
class RecentFolders
{
public:
    static QStringList all();
    static void remember(const QString &folder);
};

} // namespace migconsole
