#pragma once

#include <QObject>

class QLineEdit;
class QModelIndex;
class QSortFilterProxyModel;
class QTimer;
class QTreeView;

namespace migconsole {

/// The filter behaviour the schema and history panels share: text typed in `edit` filters
/// `proxy` (case-insensitive, literal) a moment after typing stops or at once on Return,
/// and reveal() selects a row even when the filter hides it (the operator asked for it).
class ViewFilter : public QObject
{
    Q_OBJECT
public:
    ViewFilter(QLineEdit *edit, QSortFilterProxyModel *proxy, QTreeView *view, QObject *parent);

    /// Applies the current text now. Emits applied() when the filter really changed.
    void apply();
    /// Selects (and scrolls to, expanding its parents) the row of `sourceIndex`; clears the
    /// filter first if it hides that row. False when the row cannot be shown.
    bool reveal(const QModelIndex &sourceIndex);

    /// Above this many rows (top level plus the first parent's children) a filter change
    /// resets the proxy instead of updating it row range by row range.
    static constexpr int kResetAboveRows = 2000;

signals:
    /// The proxy's filter changed; `text` is the trimmed filter text (empty = no filter).
    void applied(const QString &text);

private:
    QLineEdit *m_edit;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QTimer *m_delay;
};

} // namespace migconsole
