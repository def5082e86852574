#pragma once

#include <QWidget>

class QAction;
class QListWidget;
class QListWidgetItem;

namespace migconsole {

/// What the window shows before any database is open: three ways in (the demo, a
/// connection, a migrations folder) as big buttons bound to the window's own actions, and
/// the saved profiles, recent connections and recent migrations folders one activation away.
class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    WelcomePage(QAction *demo, QAction *connect, QAction *migrations, QWidget *parent = nullptr);

    /// Re-reads the profiles, recent connections and folders from the settings file.
    void reload();

    QListWidget *profileList() const { return m_profiles; }
    QListWidget *connectionList() const { return m_connections; }
    QListWidget *folderList() const { return m_folders; }

signals:
    void profileActivated(const QString &name);
    void connectionActivated(const QString &storableUrl);
    void folderActivated(const QString &folder);

private:
    QListWidget *m_profiles;
    QListWidget *m_connections;
    QListWidget *m_folders;
};

} // namespace migconsole
