#include "ViewFilter.h"

#include <QItemSelectionModel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QTreeView>

namespace migconsole {

ViewFilter::ViewFilter(QLineEdit *edit, QSortFilterProxyModel *proxy, QTreeView *view,
                       QObject *parent)
    : QObject(parent), m_edit(edit), m_proxy(proxy), m_view(view), m_delay(new QTimer(this))
{
    // Filtering 10,000 tables on every keystroke would stutter: wait for a pause.
    m_delay->setSingleShot(true);
    m_delay->setInterval(250);
    connect(m_edit, &QLineEdit::textChanged, m_delay, qOverload<>(&QTimer::start));
    connect(m_delay, &QTimer::timeout, this, &ViewFilter::apply);
    connect(m_edit, &QLineEdit::returnPressed, this, &ViewFilter::apply);
}

void ViewFilter::apply()
{
    m_delay->stop();
    const QString text = m_edit->text().trimmed();
    const QString pattern = QRegularExpression::escape(text);
    if (pattern == m_proxy->filterRegularExpression().pattern())
        return;
    // Qt updates a filtered tree incrementally, removing and inserting rows range by range;
    // over 10,000 tables that bookkeeping blocked the window for ~170 ms. A reset costs less:
    // the proxy then maps rows lazily, as the view asks for them. The current row is kept.
    const QModelIndex current = m_proxy->mapToSource(m_view->currentIndex());
    QAbstractItemModel *source = m_proxy->sourceModel();
    const bool large = source && source->rowCount() > 0 &&
                       source->rowCount(source->index(0, 0)) + source->rowCount() > kResetAboveRows;
    if (large)
        m_proxy->setSourceModel(nullptr);
    m_proxy->setFilterRegularExpression(
        QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption));
    if (large) {
        m_proxy->setSourceModel(source);
        if (const QModelIndex again = m_proxy->mapFromSource(current); again.isValid()) {
            for (QModelIndex p = again.parent(); p.isValid(); p = p.parent())
                m_view->expand(p);
            m_view->selectionModel()->setCurrentIndex(
                again, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
    }
    emit applied(text);
    if (m_view->currentIndex().isValid())
        m_view->scrollTo(m_view->currentIndex());
}

bool ViewFilter::reveal(const QModelIndex &sourceIndex)
{
    if (!sourceIndex.isValid() || sourceIndex.model() != m_proxy->sourceModel())
        return false;
    QModelIndex proxyIndex = m_proxy->mapFromSource(sourceIndex);
    if (!proxyIndex.isValid()) {
        m_edit->clear();
        apply();
        proxyIndex = m_proxy->mapFromSource(sourceIndex);
    }
    if (!proxyIndex.isValid())
        return false;
    for (QModelIndex p = proxyIndex.parent(); p.isValid(); p = p.parent())
        m_view->expand(p);
    m_view->selectionModel()->setCurrentIndex(proxyIndex, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
    m_view->scrollTo(proxyIndex);
    return true;
}

} // namespace migconsole
