#pragma once

#include "SchemaTreeModel.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace migconsole {

class ViewFilter;

/// The central schema tree: a filter box above a QTreeView showing a SchemaTreeModel
/// through a recursive, case-insensitive filter proxy.
class SchemaPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaPanel(QWidget *parent = nullptr);

    SchemaTreeModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }

    /// Swaps in a new schema; a schema with a single namespace opens it.
    void setSchema(Schema schema);
    /// Shows drift on the schema (see SchemaTreeModel::setDrift), keeping the current row,
    /// and opens the tables that have findings so the ghost rows are in sight.
    void setDrift(QList<Finding> findings, const Schema &expected);
    /// Selects and reveals the row a finding is about (ghost rows included).
    bool selectFinding(const Finding &finding);
    /// Makes `sourceIndex` (an index of model()) current: expands its parents, scrolls to it.
    /// Clears a filter that hides it. Returns false for an invalid index.
    bool selectSourceIndex(const QModelIndex &sourceIndex);
    /// The object of the current row, or an invalid ref.
    SchemaObjectRef currentObject() const;
    /// Applies the filter now (typing applies it after a short pause).
    void applyFilter();

signals:
    void currentObjectChanged(const migconsole::SchemaObjectRef &object);
    /// Right after currentObjectChanged: the findings about that object (often none).
    void currentFindingsChanged(const QList<migconsole::Finding> &findings);

private:
    void onCurrentChanged(const QModelIndex &current);
    void expandMatches();
    void expandGroupsWithDrift(const QModelIndex &table);
    /// The current row by name, to find it again after the model was reset.
    struct Place
    {
        QString ns, table, column;
    };
    Place currentPlace() const;
    void restorePlace(const Place &place);

    SchemaTreeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_filter;
    ViewFilter *m_viewFilter;
};

} // namespace migconsole
