#pragma once

#include "fix/Executor.h"
#include "fix/FixPlan.h"

#include <QHash>
#include <QList>
#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QProgressBar;
class QsciScintilla;
class QsciStyle;
class QToolButton;

namespace migconsole {

/// The Fix SQL tab: the plan in an editable SQL editor (line numbers, hazard notes as
/// annotations under their statements), Dry-run / Apply buttons, a progress bar and one
/// result row per statement. A failing statement gets a margin marker and a squiggle, is
/// scrolled into view and carries the database's message.
///
/// The panel only shows: running is FixController's job. Statements and their editor lines
/// come from statementsFromSqlText, the splitting the executor itself uses.
class FixSqlPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FixSqlPanel(QWidget *parent = nullptr);
    ~FixSqlPanel() override;

    QsciScintilla *editor() const { return m_editor; }
    QListWidget *resultsList() const { return m_results; }
    QProgressBar *progressBar() const { return m_progress; }
    QCheckBox *includeDropsBox() const { return m_includeDrops; }
    QToolButton *dryRunButton() const { return m_dryRun; }
    QToolButton *applyButton() const { return m_apply; }
    /// The line above the editor: what is shown, what the last run did.
    QString messageText() const;

    /// The buttons trigger these actions (one enabled state, one tooltip: the toolbar's).
    void setActions(QAction *dryRun, QAction *apply);

    /// Shows `plan.toSql()` with each statement's hazards annotated on its first line, and
    /// what the plan leaves unfixed in the message line. Clears earlier results.
    void setPlan(const migconsole::FixPlan &plan);
    /// Puts free text in the editor (no plan behind it: no annotations).
    void setSqlText(const QString &text, migconsole::Dialect dialect);
    QString sqlText() const;
    migconsole::Dialect dialect() const { return m_dialect; }

    /// The editor's current statements, as the executor will run them; `lines` receives
    /// each one's first line (1-based).
    QList<migconsole::FixStatement> statements(QList<int> *lines = nullptr) const;

    /// A run of the editor's `statements` begins: results cleared, progress at 0 of count,
    /// the editor read-only until showResult / showError.
    void beginRun(migconsole::ExecuteMode mode, const QList<migconsole::FixStatement> &statements,
                  const QList<int> &lines);
    /// Statement `index` of `count` is about to run.
    void setProgress(int index, int count);
    /// One row per statement (icon, outcome, summary); the failing one marked in the editor.
    void showResult(const migconsole::ExecutionResult &result);
    /// The run (or the planning) did not happen at all: `message` in the message line.
    void showError(const QString &message);
    /// Shows `message` in the message line (work in progress, nothing to fix, …).
    void showMessage(const QString &message);

    /// The 0-based editor line of the statement that failed in the last run; -1 if none.
    int failedLine() const { return m_failedLine; }
    /// 1-based first lines of the statements of the last run (or the plan).
    QList<int> statementLines() const { return m_lines; }
    /// Selects statement `index` of the last run (or the plan) in the editor.
    void selectStatement(int index);

    static int failureMarker();
    static int failureIndicator();

private:
    void clearRunMarks();
    void markFailure(int index, const QString &error);
    /// The 0-based line range [first, last] statement `index` occupies in the editor.
    std::pair<int, int> statementRange(int index) const;

    QsciScintilla *m_editor;
    QLabel *m_message;
    QToolButton *m_dryRun;
    QToolButton *m_apply;
    QCheckBox *m_includeDrops;
    QProgressBar *m_progress;
    QListWidget *m_results;
    QsciStyle *m_hazardStyle;
    QsciStyle *m_errorStyle;
    migconsole::Dialect m_dialect = migconsole::Dialect::PostgreSQL;
    QList<migconsole::FixStatement> m_statements; // of the last run, or of the plan
    QList<int> m_lines;                           // their first lines, 1-based
    QHash<QString, QString> m_planSummaries;      // normalised SQL → the plan's summary
    int m_failedLine = -1;
    int m_failureHandle = -1; // the failure marker: finds its line after edits
    QString m_failureHazards; // the failed line's hazard note, restored with the marks
};

} // namespace migconsole
