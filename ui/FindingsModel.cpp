#include "FindingsModel.h"

#include "DriftPresentation.h"

namespace migconsole {

FindingsModel::FindingsModel(QObject *parent) : QAbstractTableModel(parent) {}

void FindingsModel::setFindings(QList<Finding> findings)
{
    beginResetModel();
    m_findings = std::move(findings);
    endResetModel();
}

const Finding *FindingsModel::findingAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_findings.size())
        return nullptr;
    return &m_findings[index.row()];
}

QList<FindingKind> FindingsModel::kindsPresent() const
{
    QList<FindingKind> kinds;
    for (FindingKind kind : allFindingKinds()) {
        for (const Finding &finding : m_findings) {
            if (finding.kind == kind) {
                kinds.append(kind);
                break;
            }
        }
    }
    return kinds;
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FindingsModel::displayText(const Finding &finding, int column) const
{
    switch (column) {
    case SeverityColumn:
        return severityName(finding.severity);
    case KindColumn:
        return findingKindName(finding.kind);
    case ObjectColumn:
        return drift::objectPath(finding);
    case ExpectedColumn:
        return finding.expected;
    case ActualColumn:
        // A missing object has no actual side: say so rather than leave a blank.
        return drift::stateOf(finding.kind) == drift::DriftState::Missing &&
                       finding.actual.isEmpty()
                   ? QStringLiteral("— (missing)")
                   : finding.actual;
    case OriginColumn:
        return drift::originText(finding.origin);
    default:
        return {};
    }
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    const Finding *finding = findingAt(index);
    if (!finding)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayText(*finding, index.column());
    case Qt::ToolTipRole:
        if (index.column() == OriginColumn && finding->origin)
            return QStringLiteral("Double-click to open the script at this line");
        return displayText(*finding, index.column());
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn)
            return drift::severityIcon(finding->severity);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == KindColumn || index.column() == ObjectColumn)
            return drift::colour(drift::stateOf(finding->kind));
        return {};
    case KindRole:
        return int(finding->kind);
    case SeverityRole:
        return int(finding->severity);
    case DriftStateRole:
        return int(drift::stateOf(finding->kind));
    default:
        return {};
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return QStringLiteral("Severity");
    case KindColumn:
        return QStringLiteral("Kind");
    case ObjectColumn:
        return QStringLiteral("Object");
    case ExpectedColumn:
        return QStringLiteral("Expected");
    case ActualColumn:
        return QStringLiteral("Actual");
    case OriginColumn:
        return QStringLiteral("Origin");
    default:
        return {};
    }
}

FindingsFilterProxy::FindingsFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1); // the text filter matches any column
}

void FindingsFilterProxy::setKind(std::optional<FindingKind> kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    invalidateRowsFilter();
}

void FindingsFilterProxy::setSeverityShown(Severity severity, bool shown)
{
    if (shown == isSeverityShown(severity))
        return;
    if (shown)
        m_hiddenSeverities.remove(int(severity));
    else
        m_hiddenSeverities.insert(int(severity));
    invalidateRowsFilter();
}

bool FindingsFilterProxy::isSeverityShown(Severity severity) const
{
    return !m_hiddenSeverities.contains(int(severity));
}

bool FindingsFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_kind && index.data(FindingsModel::KindRole).toInt() != int(*m_kind))
        return false;
    if (m_hiddenSeverities.contains(index.data(FindingsModel::SeverityRole).toInt()))
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace migconsole
