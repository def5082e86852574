#pragma once

#include "drift/Finding.h"
#include "schema/Schema.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>
#include <memory>

namespace migconsole {

class SchemaDriftOverlay;

/// What one row of the schema tree stands for.
enum class SchemaNodeKind
{
    None,
    Namespace,
    Table,
    Column,
    IndexGroup,
    Index,
    ConstraintGroup,
    PrimaryKey,
    Unique,
    Check,
    ForeignKeyGroup,
    ForeignKey,
    ViewGroup,
    View,
    EnumGroup,
    Enum,
};

/// The schema object behind a tree row. The pointers point into the model's Schema and stay
/// valid until the next SchemaTreeModel::setSchema(); the ones that do not apply are null.
struct SchemaObjectRef
{
    SchemaNodeKind kind = SchemaNodeKind::None;
    const Namespace *nameSpace = nullptr; ///< set for every kind but None
    const Table *table = nullptr;         ///< set for a table and everything under it
    const Column *column = nullptr;
    const Index *index = nullptr;
    const PrimaryKey *primaryKey = nullptr;
    const UniqueConstraint *unique = nullptr;
    const CheckConstraint *check = nullptr;
    const ForeignKey *foreignKey = nullptr;
    const View *view = nullptr;
    const EnumType *enumType = nullptr;

    bool isValid() const { return kind != SchemaNodeKind::None; }
    bool isGroup() const;
};

/// The tree of one Schema: namespace → table → columns, then "Indexes (n)",
/// "Constraints (n)" and "Foreign keys (n)" groups; a namespace also has "Views (n)" and
/// "Enums (n)" groups. Empty groups are not shown. Rows are created on demand, so a
/// 10,000-table schema costs nothing until a namespace is expanded.
class SchemaTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum ModelColumn
    {
        NameColumn,
        TypeColumn,
        DetailsColumn,
        ColumnCount
    };
    enum Role
    {
        KindRole = Qt::UserRole + 1, ///< int(SchemaNodeKind)
        DriftStateRole,              ///< int(drift::DriftState) of the row's own object
        FindingCountRole,            ///< int: findings on the object, or inside a table/schema
    };

    explicit SchemaTreeModel(QObject *parent = nullptr);
    ~SchemaTreeModel() override;

    /// The live schema; forgets any drift shown (it was about the schema before).
    void setSchema(Schema schema);
    /// The schema shown: the live one plus ghost rows for expected-but-missing objects.
    const Schema &schema() const { return m_schema; }

    /// Shows `findings` on the live schema: missing objects (copied from `expected`) as ghost
    /// rows, mismatches and extras marked. No findings: the tree is exactly the live schema.
    void setDrift(QList<Finding> findings, const Schema &expected);
    void clearDrift();
    bool hasDrift() const;
    /// Remembers every object a finding is about now as "fixed in this session": after an
    /// apply and the check that follows, those without a finding any more turn green.
    void markFindingsFixed();
    /// Forgets what was fixed (another database was opened and the tree emptied).
    void forgetFixed();
    /// Findings about the row's own object.
    QList<Finding> findingsAt(const QModelIndex &index) const;
    /// The row a finding is about (a ghost row for a missing object); invalid when none.
    QModelIndex indexForFinding(const Finding &finding) const;

    QModelIndex indexForNamespace(const QString &namespaceName) const;
    QModelIndex indexForTable(const QString &namespaceName, const QString &tableName) const;
    QModelIndex indexForColumn(const QString &namespaceName, const QString &tableName,
                               const QString &columnName) const;
    SchemaObjectRef objectAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node;

    QModelIndex findChild(const QModelIndex &parent, const QString &key) const;

    Node *nodeFor(const QModelIndex &index) const;
    Node *childNode(Node *parent, int row) const;
    int childCount(const Node &node) const;
    SchemaObjectRef refFor(const Node &node) const;
    QString displayText(const Node &node, int column) const;
    QString objectDetails(const Node &node, const SchemaObjectRef &ref) const;
    int findingCount(const Node &node) const;
    QString toolTip(const Node &node) const;
    QIcon icon(const Node &node) const;

    Schema m_actual; // as introspected; m_schema adds the ghosts to it
    Schema m_schema;
    std::unique_ptr<SchemaDriftOverlay> m_drift;
    std::unique_ptr<Node> m_root;
    mutable QHash<int, QIcon> m_icons; // painted on first use: needs a QGuiApplication
};

} // namespace migconsole
