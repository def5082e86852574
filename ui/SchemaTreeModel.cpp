#include "SchemaTreeModel.h"
#include "SchemaTreeNode.h"

#include "DriftPresentation.h"
#include "SchemaDriftOverlay.h"
#include "SchemaPresentation.h"

#include <QFont>

#include <vector>

namespace migconsole {


namespace {

using Kind = SchemaNodeKind;

/// The group rows a namespace or table shows after its own objects, in order.
struct Groups
{
    Kind kinds[3] = {};
    int count = 0;
    void add(Kind kind) { kinds[count++] = kind; }
};

int constraintCount(const Table &table)
{
    return (table.primaryKey ? 1 : 0) + int(table.uniques.size()) + int(table.checks.size());
}

Groups groupsOf(const Namespace &ns)
{
    Groups groups;
    if (!ns.views.isEmpty())
        groups.add(Kind::ViewGroup);
    if (!ns.enums.isEmpty())
        groups.add(Kind::EnumGroup);
    return groups;
}

Groups groupsOf(const Table &table)
{
    Groups groups;
    if (!table.indexes.isEmpty())
        groups.add(Kind::IndexGroup);
    if (constraintCount(table) > 0)
        groups.add(Kind::ConstraintGroup);
    if (!table.foreignKeys.isEmpty())
        groups.add(Kind::ForeignKeyGroup);
    return groups;
}

QString orUnnamed(const QString &name)
{
    return name.isEmpty() ? QStringLiteral("(unnamed)") : name;
}

} // namespace

bool SchemaObjectRef::isGroup() const
{
    return kind == Kind::IndexGroup || kind == Kind::ConstraintGroup ||
           kind == Kind::ForeignKeyGroup || kind == Kind::ViewGroup || kind == Kind::EnumGroup;
}

SchemaTreeModel::SchemaTreeModel(QObject *parent)
    : QAbstractItemModel(parent), m_drift(std::make_unique<SchemaDriftOverlay>()),
      m_root(std::make_unique<Node>())
{
}

SchemaTreeModel::~SchemaTreeModel() = default;

void SchemaTreeModel::setSchema(Schema schema)
{
    beginResetModel();
    m_actual = std::move(schema);
    m_schema = m_actual;
    m_drift->clear();
    m_root = std::make_unique<Node>();
    endResetModel();
}

void SchemaTreeModel::setDrift(QList<Finding> findings, const Schema &expected)
{
    // Ghost rows change the structure under many parents at once: a reset is the honest
    // signal, and the rows are lazy again afterwards.
    beginResetModel();
    m_schema = SchemaDriftOverlay::merge(m_actual, expected, findings);
    m_drift->setFindings(std::move(findings));
    m_root = std::make_unique<Node>();
    endResetModel();
}

void SchemaTreeModel::markFindingsFixed() { m_drift->markFindingsFixed(); } // shown by the next check

// Called as another database opens, when the tree has just been emptied: nothing to repaint.
void SchemaTreeModel::forgetFixed() { m_drift->setFixed({}); }

void SchemaTreeModel::clearDrift()
{
    if (m_drift->isEmpty())
        return;
    beginResetModel();
    m_schema = m_actual;
    m_drift->clear();
    m_root = std::make_unique<Node>();
    endResetModel();
}

bool SchemaTreeModel::hasDrift() const
{
    return !m_drift->isEmpty();
}

QList<Finding> SchemaTreeModel::findingsAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    return m_drift->findingsFor(refFor(*nodeFor(index)));
}

int SchemaTreeModel::childCount(const Node &node) const
{
    const auto &namespaces = m_schema.namespaces;
    switch (node.kind) {
    case Kind::None:
        return int(namespaces.size());
    case Kind::Namespace: {
        const Namespace &ns = namespaces.at(node.ns);
        return int(ns.tables.size()) + groupsOf(ns).count;
    }
    case Kind::Table: {
        const Table &table = namespaces.at(node.ns).tables.at(node.table);
        return int(table.columns.size()) + groupsOf(table).count;
    }
    case Kind::IndexGroup:
        return int(namespaces.at(node.ns).tables.at(node.table).indexes.size());
    case Kind::ConstraintGroup:
        return constraintCount(namespaces.at(node.ns).tables.at(node.table));
    case Kind::ForeignKeyGroup:
        return int(namespaces.at(node.ns).tables.at(node.table).foreignKeys.size());
    case Kind::ViewGroup:
        return int(namespaces.at(node.ns).views.size());
    case Kind::EnumGroup:
        return int(namespaces.at(node.ns).enums.size());
    default:
        return 0;
    }
}

SchemaTreeModel::Node *SchemaTreeModel::childNode(Node *parent, int row) const
{
    if (!parent->populated) {
        // All children of one parent at once: cheap (a few words each) and keeps row numbers
        // trivially right; deeper levels wait until they are asked for.
        const int count = childCount(*parent);
        parent->children.reserve(size_t(count));
        const auto &namespaces = m_schema.namespaces;
        for (int r = 0; r < count; ++r) {
            Node *child = &parent->children.emplace_back();
            child->parent = parent;
            child->row = r;
            child->ns = parent->ns;
            child->table = parent->table;
            child->item = r;
            switch (parent->kind) {
            case Kind::None:
                child->kind = Kind::Namespace;
                child->ns = r;
                break;
            case Kind::Namespace: {
                const Namespace &ns = namespaces.at(parent->ns);
                if (r < ns.tables.size()) {
                    child->kind = Kind::Table;
                    child->table = r;
                } else {
                    child->kind = groupsOf(ns).kinds[r - ns.tables.size()];
                }
                break;
            }
            case Kind::Table: {
                const Table &table = namespaces.at(parent->ns).tables.at(parent->table);
                if (r < table.columns.size())
                    child->kind = Kind::Column;
                else
                    child->kind = groupsOf(table).kinds[r - table.columns.size()];
                break;
            }
            case Kind::ConstraintGroup: {
                const Table &table = namespaces.at(parent->ns).tables.at(parent->table);
                const int afterPk = r - (table.primaryKey ? 1 : 0);
                if (afterPk < 0) {
                    child->kind = Kind::PrimaryKey;
                } else if (afterPk < table.uniques.size()) {
                    child->kind = Kind::Unique;
                    child->item = afterPk;
                } else {
                    child->kind = Kind::Check;
                    child->item = afterPk - int(table.uniques.size());
                }
                break;
            }
            case Kind::IndexGroup:
                child->kind = Kind::Index;
                break;
            case Kind::ForeignKeyGroup:
                child->kind = Kind::ForeignKey;
                break;
            case Kind::ViewGroup:
                child->kind = Kind::View;
                break;
            case Kind::EnumGroup:
                child->kind = Kind::Enum;
                break;
            default:
                break;
            }
        }
        parent->populated = true;
    }
    return &parent->children.at(size_t(row));
}

SchemaTreeModel::Node *SchemaTreeModel::nodeFor(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    return static_cast<Node *>(index.internalPointer());
}

QModelIndex SchemaTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    // hasIndex() without its rowCount(): once a parent's rows exist, their number is known
    // (a filter asks for every row of 10,000 tables).
    if (row < 0 || column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    Node *node = nodeFor(parent);
    if (row >= (node->populated ? int(node->children.size()) : childCount(*node)))
        return {};
    return createIndex(row, column, childNode(node, row));
}

QModelIndex SchemaTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *parent = nodeFor(child)->parent;
    if (!parent || parent == m_root.get())
        return {};
    return createIndex(parent->row, 0, const_cast<Node *>(parent));
}

int SchemaTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const Node *node = nodeFor(parent);
    return node->populated ? int(node->children.size()) : childCount(*node);
}

int SchemaTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool SchemaTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

Qt::ItemFlags SchemaTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    switch (nodeFor(index)->kind) {
    case Kind::Namespace:
    case Kind::Table:
        break;
    default:
        if (!refFor(*nodeFor(index)).isGroup())
            flags |= Qt::ItemNeverHasChildren; // lets the view skip asking leaves for rows
    }
    return flags;
}

QVariant SchemaTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return QStringLiteral("Name");
    case TypeColumn:
        return QStringLiteral("Type");
    case DetailsColumn:
        return QStringLiteral("Details");
    default:
        return {};
    }
}

QVariant SchemaTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node &node = *nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
        return displayText(node, index.column());
    case Qt::ToolTipRole:
        return toolTip(node);
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return icon(node);
        return {};
    case KindRole:
        return int(node.kind);
    case DriftStateRole:
        return int(m_drift->state(refFor(node)));
    case FindingCountRole:
        return findingCount(node);
    case Qt::ForegroundRole: {
        const auto state = m_drift->state(refFor(node));
        if (state != drift::DriftState::None)
            return drift::colour(state);
        // A table or schema with drift inside: its marker (Details column) in the colour of
        // the worst finding inside, so a collapsed tree shows where and how bad.
        if (index.column() != DetailsColumn || findingCount(node) == 0)
            return {};
        const SchemaObjectRef ref = refFor(node);
        return drift::colour(node.kind == Kind::Table
                                 ? m_drift->worstInTable(ref.nameSpace->name, ref.table->name)
                                 : m_drift->worstInNamespace(ref.nameSpace->name));
    }
    case Qt::FontRole:
        if (m_drift->state(refFor(node)) == drift::DriftState::Missing) {
            QFont italic; // a ghost: what should be there, not what is
            italic.setItalic(true);
            return italic;
        }
        return {};
    default:
        return {};
    }
}

int SchemaTreeModel::findingCount(const Node &node) const
{
    if (m_drift->isEmpty())
        return 0;
    const SchemaObjectRef ref = refFor(node);
    if (node.kind == Kind::Namespace)
        return m_drift->countInNamespace(ref.nameSpace->name);
    if (node.kind == Kind::Table)
        return m_drift->countInTable(ref.nameSpace->name, ref.table->name);
    return int(m_drift->findingsFor(ref).size());
}

SchemaObjectRef SchemaTreeModel::objectAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return {};
    return refFor(*nodeFor(index));
}

SchemaObjectRef SchemaTreeModel::refFor(const Node &node) const
{
    SchemaObjectRef ref;
    if (node.kind == Kind::None)
        return ref;
    ref.kind = node.kind;
    ref.nameSpace = &m_schema.namespaces.at(node.ns);
    if (node.table >= 0)
        ref.table = &ref.nameSpace->tables.at(node.table);
    switch (node.kind) {
    case Kind::Column:
        ref.column = &ref.table->columns.at(node.item);
        break;
    case Kind::Index:
        ref.index = &ref.table->indexes.at(node.item);
        break;
    case Kind::PrimaryKey:
        ref.primaryKey = &*ref.table->primaryKey;
        break;
    case Kind::Unique:
        ref.unique = &ref.table->uniques.at(node.item);
        break;
    case Kind::Check:
        ref.check = &ref.table->checks.at(node.item);
        break;
    case Kind::ForeignKey:
        ref.foreignKey = &ref.table->foreignKeys.at(node.item);
        break;
    case Kind::View:
        ref.view = &ref.nameSpace->views.at(node.item);
        break;
    case Kind::Enum:
        ref.enumType = &ref.nameSpace->enums.at(node.item);
        break;
    default:
        break;
    }
    return ref;
}

QString SchemaTreeModel::displayText(const Node &node, int column) const
{
    const SchemaObjectRef ref = refFor(node);
    const auto count = [this, &node] { return childCount(node); }; // only groups show it
    if (column == NameColumn) {
        switch (node.kind) {
        case Kind::Namespace:
            return ref.nameSpace->name;
        case Kind::Table:
            return ref.table->name;
        case Kind::Column:
            return ref.column->name;
        case Kind::IndexGroup:
            return QStringLiteral("Indexes (%1)").arg(count());
        case Kind::ConstraintGroup:
            return QStringLiteral("Constraints (%1)").arg(count());
        case Kind::ForeignKeyGroup:
            return QStringLiteral("Foreign keys (%1)").arg(count());
        case Kind::ViewGroup:
            return QStringLiteral("Views (%1)").arg(count());
        case Kind::EnumGroup:
            return QStringLiteral("Enums (%1)").arg(count());
        case Kind::Index:
            return ref.index->name;
        case Kind::PrimaryKey:
            return ref.primaryKey->name.isEmpty() ? QStringLiteral("(primary key)")
                                                  : ref.primaryKey->name;
        case Kind::Unique:
            return orUnnamed(ref.unique->name);
        case Kind::Check:
            return orUnnamed(ref.check->name);
        case Kind::ForeignKey:
            return orUnnamed(ref.foreignKey->name);
        case Kind::View:
            return ref.view->name;
        case Kind::Enum:
            return ref.enumType->name;
        case Kind::None:
            break;
        }
        return {};
    }
    if (column == TypeColumn) {
        if (ref.isGroup())
            return {};
        if (node.kind == Kind::Column)
            return ref.column->type;
        if (node.kind == Kind::View && ref.view->materialized)
            return QStringLiteral("materialized view");
        if (node.kind == Kind::Index && ref.index->unique)
            return QStringLiteral("unique index");
        return presentation::kindName(node.kind);
    }
    if (column != DetailsColumn)
        return {};
    const QString details = objectDetails(node, ref);
    if (m_drift->isEmpty() && m_drift->fixed().isEmpty())
        return details;
    // The marker in words (and a count on containers), so drift never rests on colour alone.
    const QString marker = m_drift->markerText(ref, findingCount(node));
    if (marker.isEmpty())
        return details;
    return details.isEmpty() ? marker : marker + QStringLiteral(" · ") + details;
}

QString SchemaTreeModel::objectDetails(const Node &node, const SchemaObjectRef &ref) const
{
    using namespace presentation;
    switch (node.kind) {
    case Kind::Namespace:
        return plural(ref.nameSpace->tables.size(), QStringLiteral("table"));
    case Kind::Table:
        return plural(ref.table->columns.size(), QStringLiteral("column"));
    case Kind::Column:
        return columnSummary(*ref.table, *ref.column);
    case Kind::Index:
        return indexSummary(*ref.index);
    case Kind::PrimaryKey:
        return primaryKeySummary(*ref.primaryKey);
    case Kind::Unique:
        return uniqueSummary(*ref.unique);
    case Kind::Check:
        return checkSummary(*ref.check);
    case Kind::ForeignKey:
        return foreignKeySummary(*ref.nameSpace, *ref.foreignKey);
    case Kind::View:
        return oneLine(ref.view->definition);
    case Kind::Enum:
        return enumSummary(*ref.enumType);
    default:
        return {};
    }
}

QString SchemaTreeModel::toolTip(const Node &node) const
{
    const SchemaObjectRef ref = refFor(node);
    QString comment;
    if (node.kind == Kind::Table)
        comment = ref.table->comment;
    else if (node.kind == Kind::Column)
        comment = ref.column->comment;
    const QString details =
        node.kind == Kind::View ? ref.view->definition.trimmed() : displayText(node, DetailsColumn);
    if (comment.isEmpty())
        return details;
    return details.isEmpty() ? comment : details + QLatin1Char('\n') + comment;
}

QIcon SchemaTreeModel::icon(const Node &node) const
{
    const int key = presentation::iconKey(refFor(node));
    auto it = m_icons.find(key);
    if (it == m_icons.end())
        it = m_icons.insert(key, presentation::paintIcon(key));
    return *it;
}

} // namespace migconsole
