#include "CompareSelector.h"

#include "ConnectionDialog.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QToolButton>

namespace migconsole {

namespace {

// The items' own words; a chosen value is shown after them ("Revision… 037_add").
const QString kItems[] = {
    QStringLiteral("Database's revision"), QStringLiteral("Head"), QStringLiteral("Revision…"),
    QStringLiteral("Reference database…"), QStringLiteral("Snapshot file…"),
};

} // namespace

CompareSelector::CompareSelector(QWidget *parent)
    : QWidget(parent), m_combo(new QComboBox(this)), m_check(new QToolButton(this))
{
    for (const QString &item : kItems)
        m_combo->addItem(item);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setAccessibleName(QStringLiteral("Compare against"));
    m_combo->setToolTip(QStringLiteral("Where the expected schema comes from"));
    connect(m_combo, &QComboBox::activated, this, &CompareSelector::onActivated);

    m_check->setText(QStringLiteral("Check"));
    m_check->setToolTip(QStringLiteral("Run the drift check again"));
    connect(m_check, &QToolButton::clicked, this, &CompareSelector::checkRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(new QLabel(QStringLiteral("Compare:"), this));
    layout->addWidget(m_combo);
    layout->addWidget(m_check);
}

DriftRequest CompareSelector::request() const
{
    DriftRequest request;
    request.migrationsPath = m_migrationsPath;
    request.versionTable = m_versionTable;
    switch (m_choice) {
    case DatabaseRevision:
        request.target = QStringLiteral("current");
        break;
    case Head:
        request.target = QStringLiteral("head");
        break;
    case ChosenRevision:
        request.target = m_revision;
        break;
    case ReferenceDatabase:
        request.source = ExpectedSource::Reference;
        request.reference = m_reference;
        break;
    case SnapshotFile:
        request.source = ExpectedSource::Snapshot;
        request.snapshotPath = m_snapshot;
        break;
    }
    return request;
}

void CompareSelector::setMigrationsPath(const QString &path)
{
    m_migrationsPath = path;
}

void CompareSelector::setVersionTable(const VersionTableOptions &options)
{
    m_versionTable = options;
}

void CompareSelector::setRevisions(const QStringList &revisions)
{
    m_revisions = revisions;
}

void CompareSelector::select(Choice choice, const QString &label)
{
    m_choice = choice;
    // Only the chosen item carries its value; the others go back to their plain words.
    for (int i = 0; i < m_combo->count(); ++i)
        m_combo->setItemText(i, i == choice && !label.isEmpty()
                                    ? kItems[i] + QLatin1Char(' ') + label
                                    : kItems[i]);
    m_combo->setCurrentIndex(choice);
    emit requestChanged(request());
}

void CompareSelector::chooseDatabaseRevision()
{
    select(DatabaseRevision);
}

void CompareSelector::chooseHead()
{
    select(Head);
}

void CompareSelector::chooseRevision(const QString &revision)
{
    m_revision = revision;
    select(ChosenRevision, revision);
}

void CompareSelector::chooseReference(const ConnectionSettings &settings)
{
    m_reference = settings;
    // The display form masks the password as ***: never the raw URL on screen.
    select(ReferenceDatabase, settings.url.toDisplayString());
}

void CompareSelector::chooseSnapshot(const QString &path)
{
    m_snapshot = path;
    select(SnapshotFile, QFileInfo(path).fileName());
}

void CompareSelector::onActivated(int index)
{
    const Choice previous = m_choice;
    bool chosen = true;
    switch (Choice(index)) {
    case DatabaseRevision:
        chooseDatabaseRevision();
        break;
    case Head:
        chooseHead();
        break;
    case ChosenRevision: {
        const QString revision = QInputDialog::getItem(
            this, QStringLiteral("Compare against a revision"),
            QStringLiteral("The expected schema is the scripts replayed up to:"), m_revisions,
            std::max<qsizetype>(0, m_revisions.indexOf(m_revision)), false, &chosen);
        if (chosen && !revision.isEmpty())
            chooseRevision(revision);
        break;
    }
    case ReferenceDatabase: {
        ConnectionDialog dialog(this);
        dialog.setWindowTitle(QStringLiteral("Compare against a reference database"));
        chosen = dialog.exec() == QDialog::Accepted;
        if (chosen)
            chooseReference(dialog.settings());
        break;
    }
    case SnapshotFile: {
        const QString path = QFileDialog::getOpenFileName(
            this, QStringLiteral("Compare against a schema snapshot"), QFileInfo(m_snapshot).path(),
            QStringLiteral("Schema snapshots (*.json);;All files (*)"));
        chosen = !path.isEmpty();
        if (chosen)
            chooseSnapshot(path);
        break;
    }
    }
    if (!chosen) // the dialog was cancelled: the comparison stays what it was
        m_combo->setCurrentIndex(previous);
}

} // namespace migconsole
