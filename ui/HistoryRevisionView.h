#pragma once

#include "drift/Preflight.h"
#include "history/MigrationHistory.h"

#include <QList>
#include <QPair>
#include <QWidget>

class QFormLayout;
class QLabel;
class QsciScintilla;
class QTreeWidget;

namespace migconsole {

/// The lower half of the history pane: the selected revision's facts (id, status, parents,
/// children, labels and depends_on when it has some, file:line, create date) and its script in a
/// read-only Python editor, scrolled to the `revision = …` line. Copies what it shows.
class HistoryRevisionView : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryRevisionView(QWidget *parent = nullptr);

    /// Shows `entry`; `children` and `isHead` come from the whole history.
    void showRevision(const HistoryEntry &entry, const QStringList &children, bool isHead,
                      const QString &versionTable);
    void clear();
    /// Lists the revision's preflight steps (op, table.object, done / will apply / will fail
    /// and why, line) under its facts; clicking a step shows its line. Call after
    /// showRevision(); an empty list hides the steps.
    void showSteps(const QList<migconsole::PreflightStep> &steps);
    /// Scrolls the script to a 1-based line and marks it (a problem's or the revision's).
    void showLine(int line);

    QString title() const;
    QString fact(const QString &label) const;
    QStringList factLabels() const;
    QsciScintilla *scriptView() const { return m_script; }
    QTreeWidget *stepsView() const { return m_steps; }
    /// The file shown in the script view; empty when none.
    QString scriptPath() const { return m_scriptPath; }

private:
    void addFact(const QString &label, const QString &value, bool elide = false);
    void loadScript(const QString &path, int line);

    QLabel *m_title;
    QLabel *m_hint;
    QWidget *m_factsBox;
    QFormLayout *m_facts;
    QTreeWidget *m_steps;
    QsciScintilla *m_script;
    QString m_scriptPath;
    QList<QPair<QString, QString>> m_shown;
};

} // namespace migconsole
