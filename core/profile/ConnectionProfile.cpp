#include "profile/ConnectionProfile.h"

#include <QSettings>

#include <algorithm>

namespace migconsole {

namespace {

// One array of groups: profile names are free text ("prod / eu"), which QSettings would
// split into groups if they were keys.
const QString kProfilesArray = QStringLiteral("profiles");
const QString kRecentFoldersKey = QStringLiteral("history/recentFolders");
constexpr int kMaxRecentFolders = 10;

struct TagName
{
    ProfileTag tag;
    const char *name;
};
constexpr TagName kTagNames[] = {
    {ProfileTag::None, "none"},       {ProfileTag::Development, "development"},
    {ProfileTag::Test, "test"},       {ProfileTag::Staging, "staging"},
    {ProfileTag::Production, "production"},
};

ConnectionProfile readProfile(const QSettings &settings)
{
    ConnectionProfile profile;
    profile.name = settings.value(QStringLiteral("name")).toString();
    if (const auto url = ConnectionUrl::parse(settings.value(QStringLiteral("url")).toString()))
        profile.url = *url;
    profile.url.password.clear(); // a file edited by hand must not smuggle one in
    profile.tag = profileTagFromName(settings.value(QStringLiteral("tag")).toString())
                      .value_or(ProfileTag::None);
    profile.readOnly = settings.value(QStringLiteral("readOnly")).toBool();
    profile.migrationsPath = settings.value(QStringLiteral("migrations")).toString();
    profile.versionTable.table = settings.value(QStringLiteral("versionTable")).toString();
    profile.versionTable.schema = settings.value(QStringLiteral("versionTableSchema")).toString();
    profile.passwordInKeychain = settings.value(QStringLiteral("passwordInKeychain")).toBool();
    return profile;
}

void writeAll(const QList<ConnectionProfile> &profiles)
{
    QSettings settings;
    settings.remove(kProfilesArray);
    settings.beginWriteArray(kProfilesArray, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile &p = profiles.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), p.name);
        settings.setValue(QStringLiteral("url"), p.url.toStorableString()); // never the password
        settings.setValue(QStringLiteral("tag"), profileTagName(p.tag));
        settings.setValue(QStringLiteral("readOnly"), p.readOnly);
        settings.setValue(QStringLiteral("migrations"), p.migrationsPath);
        settings.setValue(QStringLiteral("versionTable"), p.versionTable.table);
        settings.setValue(QStringLiteral("versionTableSchema"), p.versionTable.schema);
        settings.setValue(QStringLiteral("passwordInKeychain"), p.passwordInKeychain);
    }
    settings.endArray();
}

} // namespace

QString profileTagName(ProfileTag tag)
{
    for (const TagName &entry : kTagNames)
        if (entry.tag == tag)
            return QString::fromLatin1(entry.name);
    return QStringLiteral("none");
}

std::optional<ProfileTag> profileTagFromName(const QString &name)
{
    for (const TagName &entry : kTagNames)
        if (name.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0)
            return entry.tag;
    return std::nullopt;
}

QList<ProfileTag> allProfileTags()
{
    QList<ProfileTag> tags;
    for (const TagName &entry : kTagNames)
        tags.append(entry.tag);
    return tags;
}

QList<ConnectionProfile> ProfileStore::all()
{
    QSettings settings;
    QList<ConnectionProfile> profiles;
    const int count = settings.beginReadArray(kProfilesArray);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile profile = readProfile(settings);
        if (!profile.name.isEmpty())
            profiles.append(profile);
    }
    settings.endArray();
    std::sort(profiles.begin(), profiles.end(), [](const auto &a, const auto &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return profiles;
}

std::optional<ConnectionProfile> ProfileStore::find(const QString &name)
{
    for (const ConnectionProfile &profile : all())
        if (profile.name == name)
            return profile;
    return std::nullopt;
}

std::optional<ConnectionProfile> ProfileStore::findByUrl(const QString &storableUrl)
{
    for (const ConnectionProfile &profile : all())
        if (profile.url.toStorableString() == storableUrl)
            return profile;
    return std::nullopt;
}

void ProfileStore::save(const ConnectionProfile &profile)
{
    if (profile.name.trimmed().isEmpty())
        return;
    QList<ConnectionProfile> profiles = all();
    ConnectionProfile stored = profile;
    stored.name = profile.name.trimmed();
    stored.url.password.clear();
    const auto same = [&](const ConnectionProfile &p) { return p.name == stored.name; };
    profiles.erase(std::remove_if(profiles.begin(), profiles.end(), same), profiles.end());
    profiles.append(stored);
    writeAll(profiles);
}

void ProfileStore::remove(const QString &name)
{
    QList<ConnectionProfile> profiles = all();
    const auto same = [&](const ConnectionProfile &p) { return p.name == name; };
    profiles.erase(std::remove_if(profiles.begin(), profiles.end(), same), profiles.end());
    writeAll(profiles);
}

QStringList RecentFolders::all()
{
    return QSettings().value(kRecentFoldersKey).toStringList();
}

void RecentFolders::remember(const QString &folder)
{
    if (folder.isEmpty())
        return;
    QStringList folders = all();
    folders.removeAll(folder);
    folders.prepend(folder);
    while (folders.size() > kMaxRecentFolders)
        folders.removeLast();
    QSettings().setValue(kRecentFoldersKey, folders);
}

} // namespace migconsole
