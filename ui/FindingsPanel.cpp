#include "FindingsPanel.h"

#include "DriftPresentation.h"
#include "ViewFilter.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace migconsole {

FindingsPanel::FindingsPanel(QWidget *parent)
    : QWidget(parent), m_model(new FindingsModel(this)), m_proxy(new FindingsFilterProxy(this)),
      m_message(new QLabel(this)), m_filter(new QLineEdit(this)), m_kind(new QComboBox(this)),
      m_openOrigin(new QToolButton(this)), m_view(new QTreeView(this)),
      m_preflightTitle(new QLabel(this)), m_preflight(new QListWidget(this)),
      m_viewFilter(new ViewFilter(m_filter, m_proxy, m_view, this))
{
    m_proxy->setSourceModel(m_model);

    m_filter->setPlaceholderText(QStringLiteral("Filter: object, kind, origin…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(QStringLiteral("Findings filter"));
    m_kind->setAccessibleName(QStringLiteral("Finding kind"));
    m_kind->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QVariant kind = m_kind->itemData(index);
        m_proxy->setKind(kind.isValid() ? std::optional(FindingKind(kind.toInt())) : std::nullopt);
    });

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addWidget(m_filter, 1);
    header->addWidget(m_kind);
    const char *words[] = {"Errors", "Warnings", "Info"};
    for (Severity severity : {Severity::Error, Severity::Warning, Severity::Info}) {
        auto *button = new QToolButton(this);
        button->setText(QLatin1String(words[int(severity)]));
        button->setIcon(drift::severityIcon(severity));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setCheckable(true);
        button->setChecked(true);
        button->setToolTip(QStringLiteral("Show findings of severity %1").arg(severityName(severity)));
        connect(button, &QToolButton::toggled, this,
                [this, severity](bool on) { m_proxy->setSeverityShown(severity, on); });
        m_severity[int(severity)] = button;
        header->addWidget(button);
    }
    m_openOrigin->setText(QStringLiteral("Open origin"));
    m_openOrigin->setToolTip(QStringLiteral("Show the migration script line the expected object comes from"));
    m_openOrigin->setEnabled(false);
    connect(m_openOrigin, &QToolButton::clicked, this,
            [this] { openOrigin(m_view->currentIndex()); });
    header->addWidget(m_openOrigin);

    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAccessibleName(QStringLiteral("Findings"));
    m_view->setColumnWidth(FindingsModel::SeverityColumn, 80);
    m_view->setColumnWidth(FindingsModel::KindColumn, 150);
    m_view->setColumnWidth(FindingsModel::ObjectColumn, 260);
    m_view->setColumnWidth(FindingsModel::ExpectedColumn, 110);
    m_view->setColumnWidth(FindingsModel::ActualColumn, 100);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
    connect(m_view, &QTreeView::activated, this, &FindingsPanel::openOrigin);

    m_preflightTitle->setTextFormat(Qt::PlainText);
    m_preflight->setAccessibleName(QStringLiteral("Pending steps that will fail, and replay warnings"));
    m_preflight->setToolTip(QStringLiteral("Double-click to show the line in the script"));
    // File names have no spaces to wrap at: elide them in the middle, the tooltip has all.
    m_preflight->setTextElideMode(Qt::ElideMiddle);
    m_preflight->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_preflight, &QListWidget::itemActivated, this, &FindingsPanel::openPreflightItem);
    connect(m_preflight, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_preflightSteps.size() && m_preflightSteps.at(row))
            emit stepSelected(*m_preflightSteps.at(row));
    });
    auto *side = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->setSpacing(2);
    sideLayout->addWidget(m_preflightTitle);
    sideLayout->addWidget(m_preflight, 1);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(4);
    leftLayout->addLayout(header);
    leftLayout->addWidget(m_message);
    leftLayout->addWidget(m_view, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({820, 360});
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    rebuildKindCombo();
    setPreflight({}, {});
    showMessage(QStringLiteral("No drift check yet: connect and open the migrations."));
}

QToolButton *FindingsPanel::severityButton(Severity severity) const
{
    return m_severity[int(severity)];
}

void FindingsPanel::setFindings(QList<Finding> findings)
{
    m_model->setFindings(std::move(findings));
    rebuildKindCombo();
    m_message->setVisible(m_model->rowCount() == 0);
    m_message->setText(QStringLiteral("No drift: the database matches the expected schema."));
    m_openOrigin->setEnabled(false);
}

void FindingsPanel::showMessage(const QString &message)
{
    m_model->setFindings({});
    rebuildKindCombo();
    m_message->setText(message);
    m_message->show();
}

void FindingsPanel::rebuildKindCombo()
{
    // Keep the chosen kind when it is still present: a re-check should not reset the filter.
    const QVariant chosen = m_kind->currentData();
    const QSignalBlocker blocker(m_kind);
    m_kind->clear();
    m_kind->addItem(QStringLiteral("All kinds"));
    for (FindingKind kind : m_model->kindsPresent())
        m_kind->addItem(findingKindName(kind), int(kind));
    const int again = chosen.isValid() ? m_kind->findData(chosen) : 0;
    m_kind->setCurrentIndex(std::max(0, again));
    const QVariant kind = m_kind->currentData();
    m_proxy->setKind(kind.isValid() ? std::optional(FindingKind(kind.toInt())) : std::nullopt);
}

void FindingsPanel::setPreflight(const QList<PreflightStep> &steps,
                                 const QList<ReplayWarning> &warnings)
{
    m_preflight->clear();
    m_preflightOrigins.clear();
    m_preflightSteps.clear();
    int failing = 0;
    for (const PreflightStep &step : steps) {
        if (step.status != StepStatus::WillFail)
            continue;
        ++failing;
        const QString text = QStringLiteral("%1 %2 will fail: %3\n%4")
                                 .arg(step.op, drift::stepObject(step), step.message,
                                      drift::locationText(step.location));
        auto *item = new QListWidgetItem(drift::severityIcon(Severity::Error), text, m_preflight);
        item->setToolTip(step.revision + QStringLiteral(": ") + step.message);
        m_preflightOrigins.append(FindingOrigin{step.revision, step.location});
        m_preflightSteps.append(step);
    }
    for (const ReplayWarning &warning : warnings) {
        auto *item = new QListWidgetItem(
            drift::warningIcon(),
            drift::locationText(warning.location) + QStringLiteral(" — ") + warning.message,
            m_preflight);
        item->setToolTip(warning.message);
        m_preflightOrigins.append(FindingOrigin{{}, warning.location});
        m_preflightSteps.append(std::nullopt);
    }
    m_preflightTitle->setText(
        QStringLiteral("Pending steps that will fail: %1 · replay warnings: %2")
            .arg(failing)
            .arg(warnings.size()));
}

void FindingsPanel::applyFilter()
{
    m_viewFilter->apply();
}

bool FindingsPanel::selectRow(int row)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_view->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

void FindingsPanel::onCurrentChanged(const QModelIndex &current)
{
    const Finding *finding = m_model->findingAt(m_proxy->mapToSource(current));
    m_openOrigin->setEnabled(finding && finding->origin);
    if (finding)
        emit findingSelected(*finding);
}

void FindingsPanel::openOrigin(const QModelIndex &index)
{
    const Finding *finding = m_model->findingAt(m_proxy->mapToSource(index));
    if (finding && finding->origin)
        emit originRequested(*finding->origin);
}

void FindingsPanel::openPreflightItem(QListWidgetItem *item)
{
    const int row = m_preflight->row(item);
    if (row >= 0 && row < m_preflightOrigins.size())
        emit originRequested(m_preflightOrigins[row]);
}

} // namespace migconsole
