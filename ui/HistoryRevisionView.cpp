#include "HistoryRevisionView.h"

#include "DriftPresentation.h"
#include "HistoryModel.h"

#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <Qsci/qscilexerpython.h>
#include <Qsci/qsciscintilla.h>

namespace migconsole {

namespace {

/// Revision scripts are small; anything bigger is not worth freezing the GUI thread for.
constexpr qint64 kMaxScriptBytes = 4 * 1024 * 1024;
constexpr int kLineMarker = 0;

enum StepColumn
{
    StepStatusColumn,
    StepOpColumn,
    StepObjectColumn,
    StepLineColumn,
    StepReasonColumn,
    StepColumnCount
};

QString listOr(const QStringList &items, const QString &none)
{
    return items.isEmpty() ? none : items.join(QStringLiteral(", "));
}

/// A one-line label that elides in the middle: a file name has no spaces to wrap at, and
/// its end (the line number) matters as much as its start. The full text is the tooltip.
class MiddleElidedLabel : public QLabel
{
public:
    MiddleElidedLabel(const QString &text, QWidget *parent) : QLabel(parent), m_full(text)
    {
        setTextFormat(Qt::PlainText);
        setToolTip(text);
        setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        setText(text);
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QLabel::resizeEvent(event);
        setText(fontMetrics().elidedText(m_full, Qt::ElideMiddle, event->size().width()));
    }

private:
    QString m_full;
};

} // namespace

HistoryRevisionView::HistoryRevisionView(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_hint(new QLabel(this)),
      m_factsBox(new QWidget(this)), m_facts(new QFormLayout(m_factsBox)),
      m_steps(new QTreeWidget(this)), m_script(new QsciScintilla(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText); // ids and messages are data, never markup
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_hint->setText(QStringLiteral("Select a revision to see its script."));
    m_hint->setWordWrap(true);

    m_facts->setContentsMargins(0, 0, 0, 0);
    m_facts->setVerticalSpacing(1);
    m_facts->setLabelAlignment(Qt::AlignRight);
    m_facts->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    // Its own lexer per editor (house style); line numbers, because problems cite file:line.
    auto *lexer = new QsciLexerPython(m_script);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    lexer->setDefaultFont(mono);
    lexer->setFont(mono);
    m_script->setLexer(lexer);
    m_script->setReadOnly(true);
    m_script->setUtf8(true);
    m_script->setMarginType(0, QsciScintilla::NumberMargin);
    m_script->setMarginsFont(mono);
    m_script->setMarginWidth(0, QStringLiteral("0000"));
    m_script->setMarginWidth(1, 12);
    m_script->markerDefine(QsciScintilla::RightArrow, kLineMarker);
    m_script->setMarkerBackgroundColor(QColor(0x1565c0), kLineMarker);
    m_script->setCaretLineVisible(true);
    m_script->setScrollWidth(1); // a horizontal scroll bar only for lines that need one
    m_script->setScrollWidthTracking(true);
    m_script->setAccessibleName(QStringLiteral("Revision script"));

    // Status first: in a narrow dock the verdict must stay visible; the reason goes last.
    m_steps->setColumnCount(StepColumnCount);
    m_steps->setHeaderLabels({QStringLiteral("Status"), QStringLiteral("Step"),
                              QStringLiteral("Object"), QStringLiteral("Line"),
                              QStringLiteral("Reason")});
    m_steps->setRootIsDecorated(false);
    m_steps->setUniformRowHeights(true);
    m_steps->setAccessibleName(QStringLiteral("Preflight steps"));
    m_steps->setMaximumHeight(m_steps->fontMetrics().height() * 7);
    connect(m_steps, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            showLine(item->data(StepLineColumn, Qt::UserRole).toInt());
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_hint);
    layout->addWidget(m_factsBox);
    layout->addWidget(m_steps);
    layout->addWidget(m_script, 1);
    clear();
}

void HistoryRevisionView::clear()
{
    while (m_facts->rowCount() > 0)
        m_facts->removeRow(0);
    m_shown.clear();
    m_title->clear();
    m_title->hide();
    m_factsBox->hide();
    m_steps->clear();
    m_steps->hide();
    m_script->clear();
    m_script->hide();
    m_scriptPath.clear();
    m_hint->show();
}

void HistoryRevisionView::showRevision(const HistoryEntry &entry, const QStringList &children,
                                       bool isHead, const QString &versionTable)
{
    clear();
    const Revision &revision = entry.revision;
    m_hint->hide();
    m_title->setText(revision.message.isEmpty()
                         ? revision.id
                         : revision.id + QStringLiteral(" — ") + revision.message);
    m_title->show();

    const QString table =
        versionTable.isEmpty() ? QStringLiteral("the version table") : versionTable;
    QString status = HistoryModel::statusText(entry.status);
    if (entry.status == RevisionStatus::Current || entry.status == RevisionStatus::Unknown)
        status += QStringLiteral(" (recorded in %1)").arg(table);

    addFact(QStringLiteral("Revision"), revision.id);
    addFact(QStringLiteral("Status"), status);
    if (entry.status == RevisionStatus::Unknown && revision.filePath.isEmpty()) {
        addFact(QStringLiteral("Script"), QStringLiteral("none: no script in the migrations "
                                                         "folder declares this revision"));
        m_factsBox->show();
        return;
    }
    addFact(QStringLiteral("Parents"), listOr(revision.downRevisions, QStringLiteral("— (base)")));
    addFact(QStringLiteral("Children"),
            listOr(children, isHead ? QStringLiteral("— (head)") : QStringLiteral("—")));
    // Most revisions have neither: rows of dashes would push the script out of sight.
    if (!revision.branchLabels.isEmpty())
        addFact(QStringLiteral("Labels"), listOr(revision.branchLabels, {}));
    if (!revision.dependsOn.isEmpty())
        addFact(QStringLiteral("Depends on"), listOr(revision.dependsOn, {}));
    QString where = revision.location.file;
    if (revision.location.line > 0)
        where += QLatin1Char(':') + QString::number(revision.location.line);
    addFact(QStringLiteral("File"), where.isEmpty() ? QStringLiteral("—") : where, true);
    addFact(QStringLiteral("Created"),
            revision.createDate.isEmpty() ? QStringLiteral("—") : revision.createDate);
    m_factsBox->show();
    if (!revision.filePath.isEmpty())
        loadScript(revision.filePath, revision.location.line);
}

void HistoryRevisionView::showSteps(const QList<PreflightStep> &steps)
{
    m_steps->clear();
    m_steps->setVisible(!steps.isEmpty());
    if (steps.isEmpty())
        return;
    int failing = 0;
    for (const PreflightStep &step : steps) {
        const bool fails = step.status == StepStatus::WillFail;
        failing += fails ? 1 : 0;
        auto *item = new QTreeWidgetItem(
            m_steps, {drift::stepStatusText(step.status), step.op, drift::stepObject(step),
                      QString::number(step.location.line), fails ? step.message : QString()});
        item->setData(StepLineColumn, Qt::UserRole, step.location.line);
        item->setToolTip(StepStatusColumn, step.message);
        item->setToolTip(StepReasonColumn, step.message);
        if (fails) {
            item->setIcon(StepStatusColumn, drift::warningIcon());
            item->setForeground(StepStatusColumn, drift::colour(drift::DriftState::Missing));
        } else if (step.status == StepStatus::Done) {
            item->setForeground(StepStatusColumn, drift::colour(drift::DriftState::Extra));
        }
    }
    for (int column = 0; column < m_steps->columnCount(); ++column)
        m_steps->resizeColumnToContents(column);
    QString summary = failing == 0 ? QStringLiteral("%1 pending steps, none fails").arg(steps.size())
                                   : QStringLiteral("%1 of %2 pending steps will fail")
                                         .arg(failing)
                                         .arg(steps.size());
    if (drift::isHalfApplied(steps))
        summary += QStringLiteral(" · half-applied: part of it is already in the database");
    addFact(QStringLiteral("Preflight"), summary);
    m_factsBox->show();
}

void HistoryRevisionView::loadScript(const QString &path, int line)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        addFact(QStringLiteral("Script"),
                QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    if (file.size() > kMaxScriptBytes) {
        addFact(QStringLiteral("Script"),
                QStringLiteral("not shown: %1 is larger than 4 MB").arg(path));
        return;
    }
    m_script->setText(QString::fromUtf8(file.readAll()));
    m_scriptPath = path;
    m_script->show();
    showLine(line);
}

void HistoryRevisionView::showLine(int line)
{
    m_script->markerDeleteAll(kLineMarker);
    if (line <= 0 || line > m_script->lines())
        return;
    m_script->markerAdd(line - 1, kLineMarker);
    m_script->setCursorPosition(line - 1, 0);
    // A few lines of context above: the docstring usually sits just before `revision =`.
    m_script->setFirstVisibleLine(std::max(0, line - 4));
}

void HistoryRevisionView::addFact(const QString &label, const QString &value, bool elide)
{
    QLabel *valueLabel = nullptr;
    if (elide) {
        valueLabel = new MiddleElidedLabel(value, m_factsBox);
    } else {
        valueLabel = new QLabel(value, m_factsBox);
        valueLabel->setTextFormat(Qt::PlainText);
        valueLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
        valueLabel->setWordWrap(true);
    }
    m_facts->addRow(label + QLatin1Char(':'), valueLabel);
    m_shown.append({label, value});
}

QString HistoryRevisionView::title() const
{
    return m_title->text();
}

QString HistoryRevisionView::fact(const QString &label) const
{
    for (const auto &[shownLabel, value] : m_shown) {
        if (shownLabel == label)
            return value;
    }
    return {};
}

QStringList HistoryRevisionView::factLabels() const
{
    QStringList labels;
    for (const auto &shown : m_shown)
        labels.append(shown.first);
    return labels;
}

} // namespace migconsole
