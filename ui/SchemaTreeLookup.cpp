// SchemaTreeModel: finding the row of a namespace, table, column or finding by name,
// creating only the rows on the way (the lookups stay as lazy as the view).

#include "SchemaDriftOverlay.h"
#include "SchemaTreeModel.h"
#include "SchemaTreeNode.h"

namespace migconsole {

QModelIndex SchemaTreeModel::findChild(const QModelIndex &parent, const QString &key) const
{
    const int rows = rowCount(parent);
    for (int r = 0; r < rows; ++r) {
        const QModelIndex child = index(r, 0, parent);
        const SchemaObjectRef ref = refFor(*nodeFor(child));
        if (ref.isGroup()) {
            const QModelIndex inGroup = findChild(child, key);
            if (inGroup.isValid())
                return inGroup;
        } else if (SchemaDriftOverlay::key(ref) == key) {
            return child;
        }
    }
    return {};
}

QModelIndex SchemaTreeModel::indexForFinding(const Finding &finding) const
{
    const QModelIndex table = indexForTable(finding.schema, finding.table);
    if (!table.isValid() || findingObject(finding.kind) == FindingObject::Table)
        return table;
    // Only this table's rows are created: the lookup stays as lazy as the view.
    return findChild(table, SchemaDriftOverlay::key(finding));
}

QModelIndex SchemaTreeModel::indexForNamespace(const QString &namespaceName) const
{
    const auto &namespaces = m_schema.namespaces;
    for (int n = 0; n < namespaces.size(); ++n) {
        if (namespaces.at(n).name == namespaceName)
            return createIndex(n, 0, childNode(m_root.get(), n));
    }
    return {};
}

QModelIndex SchemaTreeModel::indexForTable(const QString &namespaceName,
                                           const QString &tableName) const
{
    const QModelIndex nsIndex = indexForNamespace(namespaceName);
    if (!nsIndex.isValid())
        return {};
    Node *nsNode = nodeFor(nsIndex);
    const auto &tables = m_schema.namespaces.at(nsNode->ns).tables;
    for (int t = 0; t < tables.size(); ++t) {
        if (tables.at(t).name == tableName)
            return createIndex(t, 0, childNode(nsNode, t));
    }
    return {};
}

QModelIndex SchemaTreeModel::indexForColumn(const QString &namespaceName, const QString &tableName,
                                            const QString &columnName) const
{
    const QModelIndex tableIndex = indexForTable(namespaceName, tableName);
    if (!tableIndex.isValid())
        return {};
    Node *tableNode = nodeFor(tableIndex);
    const auto &columns = m_schema.namespaces.at(tableNode->ns).tables.at(tableNode->table).columns;
    for (int c = 0; c < columns.size(); ++c) {
        if (columns.at(c).name == columnName)
            return createIndex(c, 0, childNode(tableNode, c));
    }
    return {};
}

} // namespace migconsole
