#include "HistoryPanel.h"

#include "HistoryLaneDelegate.h"
#include "HistoryRevisionView.h"
#include "LiteralFilterProxy.h"
#include "ToolHistoryModel.h"
#include "ViewFilter.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace migconsole {

namespace {

/// Measuring every row of a 5,000-revision history would cost more than it tells.
constexpr int kRowsToMeasure = 300;
constexpr int kProblemsRows = 4;

QString problemText(const HistoryProblem &problem)
{
    QString where = problem.location.file;
    if (!where.isEmpty() && problem.location.line > 0)
        where += QLatin1Char(':') + QString::number(problem.location.line);
    return where.isEmpty() ? problem.message : where + QStringLiteral(" — ") + problem.message;
}

} // namespace

HistoryPanel::HistoryPanel(QWidget *parent)
    : QWidget(parent), m_model(new HistoryModel(this)), m_proxy(new LiteralFilterProxy(this)),
      m_delegate(new HistoryLaneDelegate(this)), m_summary(new QLabel(this)),
      m_filter(new QLineEdit(this)), m_problemsBox(new QWidget(this)),
      m_problemsTitle(new QLabel(m_problemsBox)), m_problems(new QListWidget(m_problemsBox)),
      m_view(new QTreeView(this)), m_toolModel(new ToolHistoryModel(this)),
      m_toolView(new QTreeView(this)), m_revision(new HistoryRevisionView(this)),
      m_splitter(new QSplitter(Qt::Vertical, this)),
      m_viewFilter(new ViewFilter(m_filter, m_proxy, m_view, this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1); // id, message, status and file all match

    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_filter->setPlaceholderText(QStringLiteral("Filter: id, message, status, file…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(QStringLiteral("History filter"));
    connect(m_viewFilter, &ViewFilter::applied, this, [this](const QString &text) {
        // Rows no longer adjacent: lines between them would connect the wrong revisions.
        m_delegate->setEdgesVisible(text.isEmpty());
        m_view->viewport()->update();
    });

    // Problems: a warning icon AND a count, not only a colour.
    m_problemsTitle->setTextFormat(Qt::PlainText);
    auto *problemsIcon = new QLabel(m_problemsBox);
    problemsIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    auto *problemsHeader = new QHBoxLayout;
    problemsHeader->addWidget(problemsIcon);
    problemsHeader->addWidget(m_problemsTitle, 1);
    m_problems->setAccessibleName(QStringLiteral("History problems"));
    m_problems->setMaximumHeight(m_problems->fontMetrics().height() * kProblemsRows + 8);
    m_problems->setToolTip(QStringLiteral("Double-click to show the place in the script"));
    connect(m_problems, &QListWidget::itemActivated, this, &HistoryPanel::openProblem);
    auto *problemsLayout = new QVBoxLayout(m_problemsBox);
    problemsLayout->setContentsMargins(0, 0, 0, 0);
    problemsLayout->setSpacing(2);
    problemsLayout->addLayout(problemsHeader);
    problemsLayout->addWidget(m_problems);
    m_problemsBox->hide();

    m_view->setModel(m_proxy);
    m_view->setItemDelegate(m_delegate);
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setUniformRowHeights(true); // constant-time layout for 5,000 rows
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAccessibleName(QStringLiteral("Revision history"));
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setMinimumSectionSize(HistoryLaneDelegate::graphWidth(1));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });

    // Another tool's history table, read-only, in place of (or beside) Alembic revisions.
    m_toolView->setModel(m_toolModel);
    m_toolView->setRootIsDecorated(false);
    m_toolView->setUniformRowHeights(true);
    m_toolView->setAllColumnsShowFocus(true);
    m_toolView->setAccessibleName(QStringLiteral("Applied migrations of another tool"));
    m_toolView->hide();

    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_toolView);
    m_splitter->addWidget(m_revision);
    m_splitter->setChildrenCollapsible(false);
    // The script needs room to be read; the list scrolls.
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({200, 300});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_summary);
    layout->addWidget(m_filter);
    layout->addWidget(m_problemsBox);
    layout->addWidget(m_splitter, 1);
    showMessage(QStringLiteral("No migrations folder open: File ▸ Open migrations… (Ctrl+M)."));
}

bool HistoryPanel::problemsShown() const
{
    return !m_problemsBox->isHidden();
}

QString HistoryPanel::summaryText() const
{
    return m_summary->text();
}

void HistoryPanel::setHistory(MigrationHistory history)
{
    const QString previous = currentRevision();
    m_swapping = true;
    m_model->setHistory(std::move(history));
    const MigrationHistory &shown = m_model->history();

    QStringList parts;
    const auto revisions = shown.entries.size() - shown.unknown.size();
    if (revisions > 0 || !shown.projectRoot.isEmpty())
        parts.append(revisions == 1 ? QStringLiteral("1 revision")
                                    : QStringLiteral("%1 revisions").arg(revisions));
    if (shown.heads.size() > 1)
        parts.append(QStringLiteral("%1 heads").arg(shown.heads.size()));
    const QString database = HistoryModel::databaseSummary(shown);
    if (!database.isEmpty())
        parts.append(database);
    if (shown.projectRoot.isEmpty()) // the database's record alone so far
        parts.append(QStringLiteral("no migrations folder open (Ctrl+M)"));
    m_summary->setText(parts.join(QStringLiteral(" · ")));
    m_summary->setToolTip(shown.projectRoot);
    showProblems();
    m_toolModel->setMigrations(shown.tool, shown.toolMigrations);
    m_toolView->setVisible(!shown.toolMigrations.isEmpty());
    // A database kept by another tool and no Alembic scripts: its table is all there is.
    const bool toolOnly = !shown.toolMigrations.isEmpty() && shown.entries.isEmpty();
    m_view->setVisible(!toolOnly);
    m_revision->setVisible(!toolOnly);
    if (!shown.toolMigrations.isEmpty()) {
        const int failed = m_toolModel->failedCount();
        parts.append(failed == 0 ? QStringLiteral("%1 history below").arg(shown.tool)
                                 : QStringLiteral("%1 history below: %2 failed").arg(shown.tool).arg(failed));
        m_summary->setText(parts.join(QStringLiteral(" · ")));
        m_toolView->resizeColumnToContents(ToolHistoryModel::VersionColumn);
        m_toolView->resizeColumnToContents(ToolHistoryModel::StateColumn);
    }
    fitColumns();

    QString select = previous;
    if (select.isEmpty() || !m_model->entryFor(select))
        select = shown.current.value(0);
    if (!selectRevision(select))
        m_view->setCurrentIndex({});
    m_swapping = false;
    // Also when the same row stays selected: its status or its file may have changed.
    onCurrentChanged(m_view->currentIndex());
}

void HistoryPanel::showMessage(const QString &message)
{
    m_model->setHistory({});
    m_summary->setText(message);
    m_summary->setToolTip({});
    m_problems->clear();
    m_problemsBox->hide();
    m_toolModel->setMigrations({}, {});
    m_toolView->hide();
    m_view->show();
    m_revision->show();
    m_revision->clear();
}

void HistoryPanel::showProblems()
{
    m_problems->clear();
    const auto &problems = m_model->history().problems;
    const QIcon icon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (qsizetype i = 0; i < problems.size(); ++i) {
        auto *item = new QListWidgetItem(icon, problemText(problems[i]), m_problems);
        item->setData(Qt::UserRole, int(i));
        item->setToolTip(problems[i].message);
    }
    m_problemsTitle->setText(
        problems.size() == 1
            ? QStringLiteral("1 problem in the scripts or version table")
            : QStringLiteral("%1 problems in the scripts or version table").arg(problems.size()));
    m_problemsBox->setVisible(!problems.isEmpty());
}

void HistoryPanel::openProblem(QListWidgetItem *item)
{
    const auto &problems = m_model->history().problems;
    const int i = item ? item->data(Qt::UserRole).toInt() : -1;
    if (i < 0 || i >= problems.size())
        return;
    const HistoryProblem &problem = problems[i];
    if (problem.location.file.isEmpty())
        return;
    for (const HistoryEntry &entry : m_model->history().entries) {
        if (entry.revision.location.file == problem.location.file) {
            if (selectRevision(entry.revision.id) && problem.location.line > 0)
                m_revision->showLine(problem.location.line);
            return;
        }
    }
}

void HistoryPanel::setPreflight(const QList<PreflightStep> &steps)
{
    m_model->setPreflight(steps);
    onCurrentChanged(m_view->currentIndex());
}

bool HistoryPanel::showScriptLine(const QString &revision, const SourceLocation &location)
{
    QString id = revision;
    if (id.isEmpty() && !location.file.isEmpty()) {
        for (const HistoryEntry &entry : m_model->history().entries) {
            if (entry.revision.location.file == location.file) {
                id = entry.revision.id;
                break;
            }
        }
    }
    if (id.isEmpty() || !selectRevision(id))
        return false;
    if (location.line > 0)
        m_revision->showLine(location.line);
    return true;
}

void HistoryPanel::fitColumns()
{
    QHeaderView *header = m_view->header();
    const QFontMetrics metrics = m_view->fontMetrics();
    const int padding = 2 * m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 16;
    auto widest = [&](int column, int floor, int cap) {
        int width =
            metrics.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString());
        const int rows = std::min(m_model->rowCount(), kRowsToMeasure);
        for (int row = 0; row < rows; ++row)
            width = std::max(
                width, metrics.horizontalAdvance(m_model->index(row, column).data().toString()));
        return std::clamp(width + padding, floor, cap);
    };
    header->resizeSection(HistoryModel::GraphColumn,
                          HistoryLaneDelegate::graphWidth(m_model->lanes().laneCount()));
    header->resizeSection(HistoryModel::RevisionColumn,
                          widest(HistoryModel::RevisionColumn, 60, 190));
    header->resizeSection(HistoryModel::MessageColumn,
                          widest(HistoryModel::MessageColumn, 120, 320));
    header->resizeSection(HistoryModel::StatusColumn, widest(HistoryModel::StatusColumn, 50, 120));
    header->resizeSection(HistoryModel::FileColumn, widest(HistoryModel::FileColumn, 80, 420));
}

bool HistoryPanel::selectRevision(const QString &id)
{
    return m_viewFilter->reveal(m_model->indexForRevision(id, HistoryModel::GraphColumn));
}

QString HistoryPanel::currentRevision() const
{
    return m_model->revisionAt(m_proxy->mapToSource(m_view->currentIndex()));
}

void HistoryPanel::applyFilter()
{
    m_viewFilter->apply();
}

void HistoryPanel::onCurrentChanged(const QModelIndex &current)
{
    if (m_swapping)
        return; // setHistory() shows the final selection once
    const HistoryEntry *entry = m_model->entryAt(m_proxy->mapToSource(current));
    if (!entry) {
        m_revision->clear();
        emit currentRevisionChanged({});
        return;
    }
    const QString &id = entry->revision.id;
    m_revision->showRevision(*entry, m_model->childrenOf(id), m_model->isHead(id),
                             m_model->history().versionTable);
    m_revision->showSteps(m_model->stepsFor(id));
    emit currentRevisionChanged(id);
}

} // namespace migconsole
