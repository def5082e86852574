#include "SchemaPanel.h"

#include "LiteralFilterProxy.h"
#include "ViewFilter.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace migconsole {

namespace {

/// Above this many matching tables a filter does not open them all: expanding thousands of
/// rows would stall the view and bury the matches anyway.
constexpr int kMaxTablesToExpand = 50;

} // namespace

SchemaPanel::SchemaPanel(QWidget *parent)
    : QWidget(parent), m_model(new SchemaTreeModel(this)), m_proxy(new LiteralFilterProxy(this)),
      m_view(new QTreeView(this)), m_filter(new QLineEdit(this)),
      m_viewFilter(new ViewFilter(m_filter, m_proxy, m_view, this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true); // a matching table keeps its columns visible
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(SchemaTreeModel::NameColumn);

    m_filter->setPlaceholderText(QStringLiteral("Filter by name: tables, columns, indexes…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(QStringLiteral("Schema filter"));
    connect(m_viewFilter, &ViewFilter::applied, this, [this](const QString &text) {
        if (!text.isEmpty())
            expandMatches();
    });

    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true); // constant-time layout for 10,000 rows
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAccessibleName(QStringLiteral("Schema tree"));
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(SchemaTreeModel::NameColumn, 260);
    m_view->setColumnWidth(SchemaTreeModel::TypeColumn, 150);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
}

SchemaPanel::Place SchemaPanel::currentPlace() const
{
    const SchemaObjectRef previous = currentObject();
    return {previous.nameSpace ? previous.nameSpace->name : QString(),
            previous.table ? previous.table->name : QString(),
            previous.column ? previous.column->name : QString()};
}

void SchemaPanel::restorePlace(const Place &place)
{
    if (m_model->rowCount() == 1)
        m_view->expand(m_proxy->index(0, 0));
    if (!m_filter->text().trimmed().isEmpty())
        expandMatches();

    QModelIndex again;
    if (!place.column.isEmpty())
        again = m_model->indexForColumn(place.ns, place.table, place.column);
    if (!again.isValid() && !place.table.isEmpty())
        again = m_model->indexForTable(place.ns, place.table);
    if (!again.isValid() || !selectSourceIndex(again)) {
        emit currentObjectChanged({});
        emit currentFindingsChanged({});
    }
}

void SchemaPanel::setSchema(Schema schema)
{
    // Keep the operator's place across a refresh: same namespace, table and column by name.
    const Place place = currentPlace();
    m_model->setSchema(std::move(schema));
    restorePlace(place);
}

void SchemaPanel::setDrift(QList<Finding> findings, const Schema &expected)
{
    const Place place = currentPlace();
    m_model->setDrift(std::move(findings), expected);
    // Open the tables with drift inside (not whole ghost tables: their name says it all), a
    // few at most, so a collapsed tree still shows the ghosts without burying everything.
    int opened = 0;
    for (int n = 0; n < m_model->rowCount() && opened < kMaxTablesToExpand; ++n) {
        const QModelIndex nsIndex = m_model->index(n, 0);
        if (m_model->data(nsIndex, SchemaTreeModel::FindingCountRole).toInt() == 0)
            continue;
        m_view->expand(m_proxy->mapFromSource(nsIndex));
        for (int t = 0; t < m_model->rowCount(nsIndex) && opened < kMaxTablesToExpand; ++t) {
            const QModelIndex table = m_model->index(t, 0, nsIndex);
            if (m_model->data(table, SchemaTreeModel::FindingCountRole).toInt() > 0 &&
                m_model->data(table, SchemaTreeModel::DriftStateRole).toInt() == 0) {
                m_view->expand(m_proxy->mapFromSource(table));
                ++opened;
                expandGroupsWithDrift(table);
            }
        }
    }
    restorePlace(place);
}

void SchemaPanel::expandGroupsWithDrift(const QModelIndex &table)
{
    // A ghost index or constraint inside a closed "Indexes (4)" folder would go unseen.
    for (int r = 0; r < m_model->rowCount(table); ++r) {
        const QModelIndex group = m_model->index(r, 0, table);
        if (!m_model->objectAt(group).isGroup())
            continue;
        for (int c = 0; c < m_model->rowCount(group); ++c) {
            if (m_model->data(m_model->index(c, 0, group), SchemaTreeModel::DriftStateRole).toInt() != 0) {
                m_view->expand(m_proxy->mapFromSource(group));
                break;
            }
        }
    }
}

bool SchemaPanel::selectFinding(const Finding &finding)
{
    return selectSourceIndex(m_model->indexForFinding(finding));
}

bool SchemaPanel::selectSourceIndex(const QModelIndex &sourceIndex)
{
    return m_viewFilter->reveal(sourceIndex);
}

SchemaObjectRef SchemaPanel::currentObject() const
{
    return m_model->objectAt(m_proxy->mapToSource(m_view->currentIndex()));
}

void SchemaPanel::applyFilter()
{
    m_viewFilter->apply();
}

void SchemaPanel::expandMatches()
{
    const QString text = m_filter->text().trimmed();
    int tables = 0;
    for (int n = 0; n < m_proxy->rowCount(); ++n)
        tables += m_proxy->rowCount(m_proxy->index(n, 0));
    for (int n = 0; n < m_proxy->rowCount(); ++n) {
        const QModelIndex nsIndex = m_proxy->index(n, 0);
        m_view->expand(nsIndex);
        if (tables > kMaxTablesToExpand)
            continue;
        for (int t = 0; t < m_proxy->rowCount(nsIndex); ++t) {
            const QModelIndex child = m_proxy->index(t, 0, nsIndex);
            // A row that matches by its own name needs no opening; one that is only shown
            // because something inside it matches is opened down to that match.
            if (!child.data().toString().contains(text, Qt::CaseInsensitive))
                m_view->expandRecursively(child, 1);
        }
    }
}

void SchemaPanel::onCurrentChanged(const QModelIndex &current)
{
    const QModelIndex source = m_proxy->mapToSource(current);
    emit currentObjectChanged(m_model->objectAt(source));
    emit currentFindingsChanged(m_model->findingsAt(source));
}

} // namespace migconsole
