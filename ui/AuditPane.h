#pragma once

#include <QWidget>

class QFileSystemWatcher;
class QLabel;
class QTreeWidget;

namespace migconsole {

/// The Audit tab (SCREENS.md): what this console — and the CLI on this machine — changed
/// in databases, newest first, read back from the audit log and refreshed when it grows.
class AuditPane : public QWidget
{
    Q_OBJECT
public:
    /// `path` empty = auditLogPath().
    explicit AuditPane(const QString &path = {}, QWidget *parent = nullptr);

    void reload();
    QTreeWidget *list() const { return m_list; }

private:
    QString m_path;
    QTreeWidget *m_list;
    QLabel *m_location;
    QFileSystemWatcher *m_watcher;
};

} // namespace migconsole
