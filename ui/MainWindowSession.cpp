// MainWindow's session: which profile and connection it is on, what the title and status
// bar say about them, the recent lists and the welcome page. Split from MainWindow.cpp,
// which assembles the window and runs its database work.
#include "MainWindow.h"

#include "CompareSelector.h"
#include "ConnectionDialog.h"
#include "DriftController.h"
#include "PasswordKeychain.h"
#include "ProfilePresentation.h"
#include "SchemaPanel.h"
#include "ShortcutsDialog.h"
#include "WelcomePage.h"

#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QStackedWidget>
#include <QStatusBar>

namespace migconsole {

namespace {

const QString kAppTitle = QStringLiteral("Migration Console");

} // namespace

void MainWindow::fillRecentMenus()
{
    m_profilesMenu->clear();
    for (const ConnectionProfile &profile : ProfileStore::all()) {
        const QString tag = profile.tag == ProfileTag::None
                                ? QString()
                                : QStringLiteral("  [%1]").arg(profileTagLabel(profile.tag));
        const QString name = profile.name;
        m_profilesMenu->addAction(name + tag, this, [this, name] { showConnectDialog(name); });
    }
    m_profilesMenu->setEnabled(!m_profilesMenu->isEmpty());
    m_recentConnectionsMenu->clear();
    for (const QString &url : ConnectionDialog::recentConnections())
        m_recentConnectionsMenu->addAction(url, this, [this, url] { openRecentConnection(url); });
    m_recentConnectionsMenu->setEnabled(!m_recentConnectionsMenu->isEmpty());
    m_recentFoldersMenu->clear();
    for (const QString &folder : RecentFolders::all())
        m_recentFoldersMenu->addAction(folder, this, [this, folder] { openMigrations(folder); });
    m_recentFoldersMenu->setEnabled(!m_recentFoldersMenu->isEmpty());
}

void MainWindow::openRecentConnection(const QString &storableUrl)
{
    const auto url = ConnectionUrl::parse(storableUrl);
    if (!url) {
        showError(url.error());
        return;
    }
    // A SQLite file needs nothing more; a server may want a password, which is never stored.
    if (url->dialect != Dialect::SQLite) {
        showConnectDialog(QString(), storableUrl);
        return;
    }
    ConnectionSettings settings;
    settings.url = *url;
    openConnection(settings);
}

bool MainWindow::isWelcomeShown() const
{
    return m_stack->currentWidget() == m_welcome;
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog dialog(this);
    dialog.exec();
}

void MainWindow::showConnectDialog(const QString &profileName, const QString &url)
{
    ConnectionDialog dialog(this);
    if (!profileName.isEmpty())
        dialog.selectProfile(profileName);
    else if (!url.isEmpty())
        dialog.setUrlText(url);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ConnectionSettings settings = dialog.settings();
    m_pendingProfile = dialog.profile();
    if (m_pendingProfile) {
        ProfileStore::save(*m_pendingProfile);
        if (m_pendingProfile->passwordInKeychain && !settings.url.password.isEmpty())
            m_keychain->write(m_pendingProfile->name, settings.url.password,
                              [this](bool stored, const QString &why) {
                                  if (!stored)
                                      statusBar()->showMessage(
                                          QStringLiteral("The password was not kept in the keychain "
                                                         "(%1): it will be asked for next time")
                                              .arg(why),
                                          10000);
                              });
        m_welcome->reload();
    }
    m_flagsFromDialog = true; // the operator chose the flags: remember them once it opens
    openConnection(settings);
}

QString MainWindow::profileStatusText() const
{
    if (!m_profile)
        return {};
    return m_profile->tag == ProfileTag::None
               ? m_profile->name
               : QStringLiteral("%1 [%2]").arg(m_profile->name, profileTagLabel(m_profile->tag));
}

void MainWindow::applyProfile(const std::optional<ConnectionProfile> &profile)
{
    m_profile = profile;
    if (m_profile) {
        m_versionTable = m_profile->versionTable;
        m_drift->compareSelector()->setVersionTable(m_versionTable);
    }
    const QString chip = profileStatusText();
    m_profileLabel->setText(chip);
    m_profileLabel->setVisible(!chip.isEmpty());
    const QColor colour = m_profile ? profileTagColour(m_profile->tag) : QColor();
    // A chip in the tag's colour with its word on it: the tag is never told by hue alone.
    m_profileLabel->setStyleSheet(
        colour.isValid()
            ? QStringLiteral("background: %1; color: white; font-weight: bold; padding: 1px 6px;")
                  .arg(colour.name())
            : QStringLiteral("font-weight: bold; padding: 1px 6px;"));
}

void MainWindow::updateTitle()
{
    // Everything an operator must never be wrong about, even with the window minimised to
    // its title: which profile, which database, at which revision, and whether it is safe.
    QStringList parts{kAppTitle};
    if (!m_displayUrl.isEmpty()) {
        if (const QString profile = profileStatusText(); !profile.isEmpty())
            parts << profile;
        parts << m_displayUrl;
        if (const QString revision = revisionStatusText(); !revision.isEmpty())
            parts << revision;
        if (wantsReadOnly(m_settings))
            parts << QStringLiteral("read-only");
    }
    setWindowTitle(parts.join(QStringLiteral(" — ")));
    m_urlLabel->setText(m_displayUrl.isEmpty() ? QStringLiteral("not connected") : m_displayUrl);
}

void MainWindow::leaveWelcomePage()
{
    if (!isWelcomeShown())
        return;
    m_stack->setCurrentWidget(m_schemaPanel);
    for (QDockWidget *dock : std::exchange(m_dockedForWelcome, {}))
        dock->show();
    m_drift->findingsDock()->raise(); // showing the tabs again fronted the last one
}

} // namespace migconsole
