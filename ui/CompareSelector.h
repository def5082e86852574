#pragma once

#include "drift/DriftCheck.h"

#include <QWidget>

class QComboBox;
class QToolButton;

namespace migconsole {

/// "Compare against": where the expected schema comes from — the database's own revision
/// (the default), the head(s), a chosen revision, a reference database or a snapshot file.
/// Every choice emits the DriftRequest to run; the dialogs (revision list, connection,
/// file) only gather the value and then go through the same choose…() call.
class CompareSelector : public QWidget
{
    Q_OBJECT
public:
    enum Choice
    {
        DatabaseRevision,
        Head,
        ChosenRevision,
        ReferenceDatabase,
        SnapshotFile,
    };

    explicit CompareSelector(QWidget *parent = nullptr);

    QComboBox *combo() const { return m_combo; }
    QToolButton *checkButton() const { return m_check; }
    Choice choice() const { return m_choice; }
    /// The request for the current choice (migrations path and version table filled in).
    DriftRequest request() const;

    void setMigrationsPath(const QString &path);
    void setVersionTable(const VersionTableOptions &options);
    /// The revisions "Revision…" offers, newest first.
    void setRevisions(const QStringList &revisions);

    void chooseDatabaseRevision();
    void chooseHead();
    void chooseRevision(const QString &revision);
    void chooseReference(const ConnectionSettings &settings);
    void chooseSnapshot(const QString &path);

signals:
    void requestChanged(const migconsole::DriftRequest &request);
    /// "Check" was pressed: run the current request again.
    void checkRequested();

private:
    void onActivated(int index);
    void select(Choice choice, const QString &label = {});

    QComboBox *m_combo;
    QToolButton *m_check;
    Choice m_choice = DatabaseRevision;
    QString m_migrationsPath;
    VersionTableOptions m_versionTable;
    QStringList m_revisions;
    QString m_revision;
    ConnectionSettings m_reference;
    QString m_snapshot;
};

} // namespace migconsole
