#include "HistoryModel.h"

#include "DriftPresentation.h"

#include <QFont>

#include <algorithm>

namespace migconsole {

namespace {

QString plural(qsizetype count, const QString &one, const QString &many)
{
    return count == 1 ? one : many.arg(count);
}

bool sameRows(const QList<HistoryEntry> &a, const QList<HistoryEntry> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].revision.id != b[i].revision.id)
            return false;
    }
    return true;
}

} // namespace

HistoryModel::HistoryModel(QObject *parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<migconsole::HistoryLaneRow>();
}

void HistoryModel::setHistory(MigrationHistory history)
{
    HistoryLaneLayout lanes = HistoryLaneLayout::compute(history.entries, {});
    if (sameRows(m_history.entries, history.entries) && lanes.rows() == m_lanes.rows() &&
        !m_history.entries.isEmpty()) {
        m_history = std::move(history);
        m_lanes = std::move(lanes);
        rebuildIndex();
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_history = std::move(history);
    m_lanes = std::move(lanes);
    rebuildIndex();
    endResetModel();
}

void HistoryModel::rebuildIndex()
{
    m_rowOf.clear();
    m_children.clear();
    m_heads = QSet<QString>(m_history.heads.cbegin(), m_history.heads.cend());
    const auto &entries = m_history.entries;
    m_rowOf.reserve(entries.size());
    for (int row = 0; row < int(entries.size()); ++row) {
        const Revision &revision = entries[row].revision;
        if (!m_rowOf.contains(revision.id)) // a duplicate id: the first row answers for it
            m_rowOf.insert(revision.id, row);
        for (const QString &parent : revision.downRevisions)
            m_children[parent].append(revision.id);
    }
}

void HistoryModel::setPreflight(const QList<PreflightStep> &steps)
{
    m_steps.clear();
    for (const PreflightStep &step : steps)
        m_steps[step.revision].append(step);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString HistoryModel::revisionAt(const QModelIndex &index) const
{
    const HistoryEntry *entry = entryAt(index);
    return entry ? entry->revision.id : QString();
}

const HistoryEntry *HistoryModel::entryAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= rowCount())
        return nullptr;
    return &m_history.entries[index.row()];
}

const HistoryEntry *HistoryModel::entryFor(const QString &id) const
{
    const int row = m_rowOf.value(id, -1);
    return row < 0 ? nullptr : &m_history.entries[row];
}

QModelIndex HistoryModel::indexForRevision(const QString &id, int column) const
{
    const int row = m_rowOf.value(id, -1);
    return row < 0 ? QModelIndex() : index(row, column);
}

QStringList HistoryModel::childrenOf(const QString &id) const
{
    return m_children.value(id);
}

QString HistoryModel::statusText(RevisionStatus status)
{
    return revisionStatusName(status); // the CLI's words, so screen and JSON agree
}

QString HistoryModel::databaseSummary(const MigrationHistory &history)
{
    if (!history.hasDatabase)
        return {};
    if (!history.hasVersionTable) {
        if (!history.tool.isEmpty() && history.tool != QLatin1String("alembic"))
            return QStringLiteral("not under Alembic (%1: %2)")
                .arg(history.tool,
                     plural(history.toolMigrations.size(), QStringLiteral("1 migration"),
                            QStringLiteral("%1 migrations")));
        return QStringLiteral("not under Alembic");
    }
    const QString pending =
        plural(history.pending.size(), QStringLiteral("1 pending"), QStringLiteral("%1 pending"));
    if (history.current.isEmpty())
        return history.pending.isEmpty() ? QStringLiteral("no revision applied")
                                         : QStringLiteral("no revision applied — ") + pending;
    QString text = QStringLiteral("at ") + history.current.join(QStringLiteral(", "));
    // Without scripts there is nothing to judge the recorded ids against.
    if (history.projectRoot.isEmpty() && history.entries.size() == history.unknown.size())
        return text;
    if (!history.unknown.isEmpty())
        text += QStringLiteral(" — ") + plural(history.unknown.size(),
                                               QStringLiteral("1 unknown revision"),
                                               QStringLiteral("%1 unknown revisions"));
    if (!history.pending.isEmpty())
        text += QStringLiteral(" — ") + pending;
    else if (history.unknown.isEmpty())
        text += history.current.size() > 1 ? QStringLiteral(" (heads)") : QStringLiteral(" (head)");
    return text;
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_history.entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HistoryModel::displayText(const HistoryEntry &entry, int column) const
{
    const Revision &revision = entry.revision;
    switch (column) {
    case RevisionColumn: {
        QString text = revision.id;
        // Like `alembic history`: labels, then the head mark.
        if (!revision.branchLabels.isEmpty())
            text += QStringLiteral(" (") + revision.branchLabels.join(QStringLiteral(", ")) +
                    QLatin1Char(')');
        if (m_heads.contains(revision.id))
            text += QStringLiteral(" (head)");
        return text;
    }
    case MessageColumn:
        return entry.status == RevisionStatus::Unknown && revision.message.isEmpty()
                   ? QStringLiteral("no script defines this revision")
                   : revision.message;
    case StatusColumn:
        if (drift::isHalfApplied(m_steps.value(revision.id)))
            return statusText(entry.status) + QStringLiteral(" · half-applied");
        return statusText(entry.status);
    case FileColumn:
        if (revision.location.file.isEmpty())
            return {};
        return revision.location.line > 0 ? revision.location.file + QLatin1Char(':') +
                                                QString::number(revision.location.line)
                                          : revision.location.file;
    default:
        return {};
    }
}

QString HistoryModel::toolTip(const HistoryEntry &entry, int column) const
{
    if (column == FileColumn)
        return entry.revision.filePath;
    QStringList failing;
    for (const PreflightStep &step : m_steps.value(entry.revision.id)) {
        if (step.status == StepStatus::WillFail)
            failing.append(QStringLiteral("Will fail at line %1: %2")
                               .arg(step.location.line)
                               .arg(step.message));
    }
    if (!failing.isEmpty())
        return failing.join(QLatin1Char('\n'));
    const QString table = m_history.versionTable.isEmpty() ? QStringLiteral("the version table")
                                                           : m_history.versionTable;
    switch (entry.status) {
    case RevisionStatus::Applied:
        return QStringLiteral("Applied: an ancestor of a revision recorded in %1").arg(table);
    case RevisionStatus::Current:
        return QStringLiteral("Current: recorded in %1").arg(table);
    case RevisionStatus::Unknown:
        return QStringLiteral("Unknown: recorded in %1, but no script defines it").arg(table);
    case RevisionStatus::Pending:
        break;
    }
    if (!m_history.hasDatabase)
        return QStringLiteral("Pending: no database read, the scripts alone");
    if (!m_history.hasVersionTable)
        return QStringLiteral("Pending: the database has no Alembic version table");
    return QStringLiteral("Pending: not applied to this database yet");
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    const HistoryEntry *entry = entryAt(index);
    if (!entry)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayText(*entry, index.column());
    case Qt::ToolTipRole:
        return toolTip(*entry, index.column());
    case Qt::AccessibleTextRole:
        // The graph cell has no text: say what its node shows.
        if (index.column() == GraphColumn)
            return entry->revision.id + QLatin1Char(' ') + statusText(entry->status);
        return displayText(*entry, index.column());
    case Qt::FontRole:
        if (entry->status == RevisionStatus::Current) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case RevisionIdRole:
        return entry->revision.id;
    case StatusRole:
        return int(entry->status);
    case LaneRole:
        return m_lanes.rows().value(index.row()).lane;
    case LaneRowRole:
        return QVariant::fromValue(m_lanes.rows().value(index.row()));
    case LaneCountRole:
        return m_lanes.laneCount();
    case IsHeadRole:
        return m_heads.contains(entry->revision.id);
    case WillFailRole:
        return willFail(entry->revision.id);
    case HalfAppliedRole:
        return drift::isHalfApplied(m_steps.value(entry->revision.id));
    case Qt::DecorationRole:
        // ⚑ of SCREENS.md: an icon, with the reason as the row's tooltip.
        if (index.column() == RevisionColumn && willFail(entry->revision.id))
            return drift::warningIcon();
        return {};
    default:
        return {};
    }
}

bool HistoryModel::willFail(const QString &id) const
{
    const auto it = m_steps.constFind(id);
    if (it == m_steps.cend())
        return false;
    return std::any_of(it->cbegin(), it->cend(), [](const PreflightStep &step) {
        return step.status == StepStatus::WillFail;
    });
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    // The graph column is as narrow as its lanes: a title would not fit, a tooltip does.
    if (section == GraphColumn && role == Qt::ToolTipRole)
        return QStringLiteral("Graph: ● applied, ◉ current, ○ pending, ? unknown");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case GraphColumn:
        return QString();
    case RevisionColumn:
        return QStringLiteral("Revision");
    case MessageColumn:
        return QStringLiteral("Message");
    case StatusColumn:
        return QStringLiteral("Status");
    case FileColumn:
        return QStringLiteral("File");
    default:
        return {};
    }
}

} // namespace migconsole
