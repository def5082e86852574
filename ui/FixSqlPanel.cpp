#include "FixSqlPanel.h"

#include "DriftPresentation.h"

#include <QAction>
#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <Qsci/qscilexersql.h>
#include <Qsci/qsciscintilla.h>
#include <Qsci/qscistyle.h>
#include <Qsci/qscistyledtext.h>

#include <algorithm>

namespace migconsole {

namespace {

// Scintilla keeps indicators 0-7 for lexers; 8 is the first one free for containers.
constexpr int kFailureIndicator = 8;
constexpr int kFailureMarker = 1;
constexpr int kStatementMarker = 2; // the statement selected from the result list
constexpr int kSummaryLength = 90;

QString oneLine(const QString &sql)
{
    QString line = sql.simplified();
    if (line.size() > kSummaryLength)
        line = line.left(kSummaryLength - 1) + QStringLiteral("…");
    return line;
}

/// The statement's text with every run of whitespace made one space: the preview's text and
/// the plan's statements compare equal however the text was laid out.
QString normalised(const QString &sql)
{
    return sql.simplified();
}

QIcon outcomeIcon(StatementOutcome outcome)
{
    switch (outcome) {
    case StatementOutcome::Succeeded:
        return drift::badge(QStringLiteral("✓"), drift::colour(drift::DriftState::Fixed));
    case StatementOutcome::Failed:
        return drift::badge(QStringLiteral("✗"), drift::colour(drift::DriftState::Missing));
    case StatementOutcome::RolledBack:
        return drift::badge(QStringLiteral("↶"), drift::colour(drift::DriftState::Mismatch));
    case StatementOutcome::NotRun:
        break;
    }
    return drift::badge(QStringLiteral("–"), drift::colour(drift::DriftState::Extra));
}

QString outcomeText(StatementOutcome outcome)
{
    switch (outcome) {
    case StatementOutcome::Succeeded:
        return QStringLiteral("succeeded");
    case StatementOutcome::Failed:
        return QStringLiteral("failed");
    case StatementOutcome::RolledBack:
        return QStringLiteral("rolled back");
    case StatementOutcome::NotRun:
        break;
    }
    return QStringLiteral("not run");
}

/// What the annotation under a statement says: its hazards, and what makes it risky.
QString hazardNote(const FixStatement &statement)
{
    QStringList lines;
    for (const QString &hazard : statement.hazards)
        lines.append(QStringLiteral("⚠ ") + hazard);
    if (statement.destructive)
        lines.append(QStringLiteral("⚠ destructive: drops data or objects"));
    if (!statement.inTransaction)
        lines.append(QStringLiteral("⚠ runs outside the transaction (not undone on failure)"));
    if (!lines.isEmpty() && !statement.lockLevel.isEmpty())
        lines.first() += QStringLiteral("  ·  lock: ") + statement.lockLevel;
    return lines.join(QLatin1Char('\n'));
}

int lineCharacters(const QsciScintilla *editor, int line)
{
    QString text = editor->text(line);
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r')))
        text.chop(1);
    return int(text.size());
}

} // namespace

FixSqlPanel::FixSqlPanel(QWidget *parent)
    : QWidget(parent), m_editor(new QsciScintilla(this)), m_message(new QLabel(this)),
      m_dryRun(new QToolButton(this)), m_apply(new QToolButton(this)),
      m_includeDrops(new QCheckBox(QStringLiteral("Include drops"), this)),
      m_progress(new QProgressBar(this)), m_results(new QListWidget(this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    // Its own lexer per editor (house style).
    auto *lexer = new QsciLexerSQL(m_editor);
    lexer->setDefaultFont(mono);
    lexer->setFont(mono);
    m_editor->setLexer(lexer);
    m_editor->setUtf8(true);
    m_editor->setMarginType(0, QsciScintilla::NumberMargin);
    m_editor->setMarginsFont(mono);
    m_editor->setMarginWidth(0, QStringLiteral("00000"));
    m_editor->setMarginType(1, QsciScintilla::SymbolMargin);
    m_editor->setMarginWidth(1, 14);
    m_editor->setMarginMarkerMask(1, (1 << kFailureMarker) | (1 << kStatementMarker));
    m_editor->markerDefine(QsciScintilla::Circle, kFailureMarker);
    m_editor->setMarkerBackgroundColor(drift::colour(drift::DriftState::Missing), kFailureMarker);
    m_editor->setMarkerForegroundColor(drift::colour(drift::DriftState::Missing).darker(150),
                                       kFailureMarker);
    m_editor->markerDefine(QsciScintilla::RightArrow, kStatementMarker);
    m_editor->setMarkerBackgroundColor(QColor(0x1565c0), kStatementMarker);
    m_editor->indicatorDefine(QsciScintilla::SquiggleIndicator, kFailureIndicator);
    m_editor->setIndicatorForegroundColor(drift::colour(drift::DriftState::Missing),
                                          kFailureIndicator);
    m_editor->setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    m_editor->setCaretLineVisible(true);
    m_editor->setScrollWidth(1);
    m_editor->setScrollWidthTracking(true);
    m_editor->setAccessibleName(QStringLiteral("Fix SQL"));

    QFont noteFont = mono;
    noteFont.setItalic(true);
    m_hazardStyle = new QsciStyle(-1, QStringLiteral("hazard note"), QColor(0x6d4c00),
                                  QColor(0xfff3cd), noteFont);
    m_errorStyle = new QsciStyle(-1, QStringLiteral("failed statement"), QColor(0x8b0000),
                                 QColor(0xfde0e0), noteFont);

    m_message->setTextFormat(Qt::PlainText); // SQL and driver messages are data, not markup
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setText(
        QStringLiteral("Preview fixes (toolbar) writes the SQL that repairs the drift here."));
    m_includeDrops->setToolTip(QStringLiteral(
        "Also drop what the database has and the expected schema does not (destructive); "
        "applies to the next Preview fixes"));
    for (QToolButton *button : {m_dryRun, m_apply})
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_progress->setTextVisible(true);
    m_progress->setFormat(QStringLiteral("%v / %m"));
    m_progress->setMaximumWidth(160);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->hide();
    m_results->setAccessibleName(QStringLiteral("Statement results"));
    m_results->setUniformItemSizes(true);
    m_results->setWordWrap(false);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_message, 1);
    top->addWidget(m_includeDrops);
    top->addWidget(m_progress);
    top->addWidget(m_dryRun);
    top->addWidget(m_apply);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(m_results);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_results, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            selectStatement(m_results->item(row)->data(Qt::UserRole).toInt());
    });
}

FixSqlPanel::~FixSqlPanel()
{
    delete m_hazardStyle;
    delete m_errorStyle;
}

int FixSqlPanel::failureMarker()
{
    return kFailureMarker;
}

int FixSqlPanel::failureIndicator()
{
    return kFailureIndicator;
}

QString FixSqlPanel::messageText() const
{
    return m_message->text();
}

void FixSqlPanel::setActions(QAction *dryRun, QAction *apply)
{
    m_dryRun->setDefaultAction(dryRun);
    m_apply->setDefaultAction(apply);
}

QString FixSqlPanel::sqlText() const
{
    return m_editor->text();
}

QList<FixStatement> FixSqlPanel::statements(QList<int> *lines) const
{
    return statementsFromSqlText(m_editor->text(), m_dialect, lines);
}

void FixSqlPanel::setSqlText(const QString &text, Dialect dialect)
{
    m_dialect = dialect;
    m_editor->setReadOnly(false);
    clearRunMarks();
    m_editor->clearAnnotations();
    m_editor->setText(text);
    m_results->clear();
    m_progress->hide();
    m_lines.clear();
    m_statements = statements(&m_lines);
    m_planSummaries.clear();
}

void FixSqlPanel::setPlan(const FixPlan &plan)
{
    setSqlText(plan.toSql(), plan.dialect);
    // Each plan statement to its place in the text: the same splitting as the executor's,
    // matched by text and in order (comments between statements are not statements).
    int next = 0;
    int annotated = 0;
    for (const FixStatement &planned : plan.statements) {
        const QString wanted = normalised(planned.sql);
        int found = -1;
        for (int i = next; i < m_statements.size(); ++i) {
            if (normalised(m_statements[i].sql) == wanted) {
                found = i;
                break;
            }
        }
        if (found < 0)
            continue;
        next = found + 1;
        // Keep what the plan knows (summary, hazards) for the result list.
        m_statements[found] = planned;
        m_planSummaries.insert(wanted, planned.summary);
        const QString note = hazardNote(planned);
        if (note.isEmpty())
            continue;
        m_editor->annotate(m_lines[found] - 1, note, *m_hazardStyle);
        ++annotated;
    }

    QStringList message;
    if (plan.statements.isEmpty())
        message.append(QStringLiteral("Nothing to fix: the plan has no statements."));
    else
        message.append(
            QStringLiteral("%1 statement(s) for %2%3.")
                .arg(plan.statements.size())
                .arg(plan.database,
                     annotated ? QStringLiteral(", %1 with hazards").arg(annotated) : QString()));
    message += plan.notes;
    // The planner's notes usually say it already; say it once.
    const bool notesNameCompletions =
        !plan.completedRevisions.isEmpty() &&
        plan.notes.join(QLatin1Char(' ')).contains(plan.completedRevisions.first());
    if (!plan.completedRevisions.isEmpty() && !notesNameCompletions)
        message.append(QStringLiteral("Completes and stamps %1.")
                           .arg(plan.completedRevisions.join(QStringLiteral(", "))));
    if (!plan.unfixed.isEmpty()) {
        QStringList reasons;
        for (const UnfixedFinding &unfixed : plan.unfixed)
            reasons.append(drift::objectPath(unfixed.finding) + QStringLiteral(" (") +
                           unfixed.reason + QLatin1Char(')'));
        message.append(QStringLiteral("Not fixed: ") + reasons.join(QStringLiteral("; ")) + QLatin1Char('.'));
    }
    message.append(QStringLiteral("Edit freely; Dry-run and Apply run the text as it is."));
    showMessage(message.join(QLatin1Char(' ')));
}

void FixSqlPanel::beginRun(ExecuteMode mode, const QList<FixStatement> &statements,
                           const QList<int> &lines)
{
    clearRunMarks();
    m_results->clear();
    m_statements = statements;
    m_lines = lines;
    m_editor->setReadOnly(true); // the lines must still mean the statements when results come
    m_progress->setRange(0, int(statements.size()));
    m_progress->setValue(0);
    m_progress->show();
    showMessage(mode == ExecuteMode::DryRun
                    ? QStringLiteral("Dry-run of %1 statement(s)…").arg(statements.size())
                    : QStringLiteral("Applying %1 statement(s)…").arg(statements.size()));
}

void FixSqlPanel::setProgress(int index, int count)
{
    m_progress->setRange(0, count);
    m_progress->setValue(index);
}

void FixSqlPanel::showResult(const ExecutionResult &result)
{
    m_editor->setReadOnly(false);
    m_progress->setValue(m_progress->maximum());
    m_results->clear();
    int notRunNotes = 0;
    for (int i = 0; i < result.results.size(); ++i) {
        const StatementResult &outcome = result.results[i];
        const FixStatement *statement = i < m_statements.size() ? &m_statements[i] : nullptr;
        // The plan's words for a statement the operator left as it was; else its first line.
        QString summary;
        if (statement) {
            summary = m_planSummaries.value(normalised(statement->sql));
            if (summary.isEmpty())
                summary = oneLine(statement->sql);
        }
        QString text =
            QStringLiteral("%1. %2 — %3").arg(i + 1).arg(outcomeText(outcome.outcome), summary);
        if (outcome.outcome != StatementOutcome::NotRun)
            text += QStringLiteral("  (%1 ms)").arg(outcome.elapsedMs);
        if (!outcome.error.isEmpty())
            text += QStringLiteral("\n    ") + outcome.error;
        if (!outcome.note.isEmpty()) {
            text += QStringLiteral("\n    ") + outcome.note;
            notRunNotes += outcome.outcome == StatementOutcome::NotRun ? 1 : 0;
        } else if (result.mode == ExecuteMode::DryRun &&
                   outcome.outcome == StatementOutcome::Succeeded) {
            text += QStringLiteral("\n    rolled back (dry-run)");
        }
        auto *item = new QListWidgetItem(outcomeIcon(outcome.outcome), text, m_results);
        item->setData(Qt::UserRole, i);
        item->setToolTip(statement ? statement->sql : QString());
    }

    const int count = int(result.results.size());
    QString message;
    if (result.failedIndex) {
        const int index = *result.failedIndex;
        QString error =
            index < result.results.size() ? result.results[index].error.trimmed() : QString();
        if (error.isEmpty())
            error = result.error.trimmed();
        markFailure(index, error);
        if (QListWidgetItem *failed = m_results->item(index))
            m_results->scrollToItem(failed);
        const QString where =
            index < m_lines.size() ? QStringLiteral(" (line %1)").arg(m_lines[index]) : QString();
        if (!error.endsWith(QLatin1Char('.')))
            error += QLatin1Char('.');
        // Statements outside the transaction run after the commit: a failure there leaves
        // the committed part in place, and the operator must be told so.
        const QString aftermath =
            result.committed
                ? QStringLiteral("The transaction had been committed; this statement runs "
                                 "outside it and was not undone.")
                : QStringLiteral("Everything was rolled back: the database is unchanged.");
        message = QStringLiteral("%1 failed at statement %2 of %3%4: %5 %6")
                      .arg(result.mode == ExecuteMode::DryRun ? QStringLiteral("Dry-run")
                                                              : QStringLiteral("Apply"))
                      .arg(index + 1)
                      .arg(count)
                      .arg(where, error, aftermath);
    } else if (!result.error.isEmpty()) {
        message = result.error;
    } else if (result.mode == ExecuteMode::DryRun) {
        message = QStringLiteral("Dry-run: all %1 statement(s) succeeded, then everything was "
                                 "rolled back: the database is unchanged.")
                      .arg(count - notRunNotes);
        if (notRunNotes > 0)
            message += QStringLiteral(" %1 statement(s) run outside a transaction and were not "
                                      "tried.")
                           .arg(notRunNotes);
    } else {
        message = QStringLiteral("Applied: %1 statement(s) %2.")
                      .arg(count)
                      .arg(result.committed ? QStringLiteral("committed") : QStringLiteral("run"));
    }
    showMessage(message);
}

void FixSqlPanel::showError(const QString &message)
{
    m_editor->setReadOnly(false);
    m_progress->hide();
    showMessage(QStringLiteral("✗ ") + message);
}

void FixSqlPanel::showMessage(const QString &message)
{
    m_message->setText(message);
}

std::pair<int, int> FixSqlPanel::statementRange(int index) const
{
    if (index < 0 || index >= m_lines.size())
        return {-1, -1};
    const int first = m_lines[index] - 1;
    const int span =
        index < m_statements.size() ? int(m_statements[index].sql.count(QLatin1Char('\n'))) : 0;
    const int last = std::min(first + span, std::max(0, m_editor->lines() - 1));
    return {first, last};
}

void FixSqlPanel::selectStatement(int index)
{
    const auto [first, last] = statementRange(index);
    if (first < 0)
        return;
    m_editor->markerDeleteAll(kStatementMarker);
    m_editor->markerAdd(first, kStatementMarker);
    m_editor->ensureLineVisible(last);
    m_editor->ensureLineVisible(first);
    m_editor->setSelection(first, 0, last, lineCharacters(m_editor, last));
}

void FixSqlPanel::clearRunMarks()
{
    m_failedLine = -1;
    m_editor->markerDeleteAll(kStatementMarker);
    const int lastLine = std::max(0, m_editor->lines() - 1);
    m_editor->clearIndicatorRange(0, 0, lastLine, lineCharacters(m_editor, lastLine),
                                  kFailureIndicator);
    // An earlier failure's note goes, its statement's hazard note stays. The marker handle
    // follows the line through edits made since.
    if (m_failureHandle >= 0) {
        const int line = m_editor->markerLine(m_failureHandle);
        if (line >= 0) {
            if (m_failureHazards.isEmpty())
                m_editor->clearAnnotations(line);
            else
                m_editor->annotate(line, m_failureHazards, *m_hazardStyle);
        }
    }
    m_editor->markerDeleteAll(kFailureMarker);
    m_failureHandle = -1;
    m_failureHazards.clear();
}

void FixSqlPanel::markFailure(int index, const QString &error)
{
    const auto [first, last] = statementRange(index);
    if (first < 0)
        return;
    m_failedLine = first;
    m_failureHandle = m_editor->markerAdd(first, kFailureMarker);
    m_editor->fillIndicatorRange(first, 0, last, lineCharacters(m_editor, last), kFailureIndicator);
    // The error goes under the statement, above any hazard note it already had (an
    // annotation is one per line), so the operator reads both in place.
    const QString hazards = m_editor->annotation(first);
    m_failureHazards = hazards;
    // Styles by number, applied here: QScintilla's QsciStyledText(text, QsciStyle) copies
    // the style onto the heap and never frees it (LeakSanitizer reports it).
    m_errorStyle->apply(m_editor);
    m_hazardStyle->apply(m_editor);
    QList<QsciStyledText> note{QsciStyledText(QStringLiteral("✗ ") + error, m_errorStyle->style())};
    if (!hazards.isEmpty())
        note.append(QsciStyledText(QStringLiteral("\n") + hazards, m_hazardStyle->style()));
    m_editor->annotate(first, note);
    m_editor->ensureLineVisible(last);
    m_editor->ensureLineVisible(first);
    m_editor->setCursorPosition(first, 0);
}

} // namespace migconsole
