#pragma once

#include "SchemaTreeModel.h"
#include "drift/Finding.h"
#include "drift/Guidance.h"

#include <QList>
#include <QPair>
#include <QWidget>

#include <memory>

class QFormLayout;
class QLabel;
class QScrollArea;
class QVBoxLayout;
class QsciScintilla;

namespace migconsole {

class GuidanceView;

/// The right dock: every fact about the object selected in the schema tree, and a view's
/// definition in a read-only SQL editor; for a finding (or a pending step) what most likely
/// happened and the usual remedy (GuidanceView). Copies what it shows, so it never points
/// into a schema that a refresh has replaced.
class DetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit DetailsPane(QWidget *parent = nullptr);

    /// Shows `object`; an invalid ref shows the "select something" hint.
    void showObject(const SchemaObjectRef &object);
    void clear();
    /// Adds the findings about the object shown (call after showObject): per finding its
    /// kind, expected vs actual, severity, fixable, its origin with an "Open at line" link,
    /// and its guidance (what happened, usual remedy) read against the drift report.
    void showFindings(const QList<migconsole::Finding> &findings);
    /// The drift check the findings come from: guidance reads its history, pending steps and
    /// schemas. Until one is set, guidance is given without them.
    void setDriftReport(const migconsole::DriftReport &report);
    /// Shows a pending step of the report (one that will fail, or is already in place): its
    /// revision, line, reason and guidance, replacing what is shown.
    void showStep(const migconsole::PreflightStep &step);

    /// What is on screen, for tests and accessibility: the heading, and one fact by label.
    QString title() const;
    QString fact(const QString &label) const;
    QStringList factLabels() const;
    QsciScintilla *definitionEditor() const { return m_editor; }
    /// The guidance blocks shown, one per finding (or the step's).
    QList<GuidanceView *> guidanceViews() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    /// The operator asked to see where a finding's expected object (or a step) comes from.
    void originActivated(const migconsole::FindingOrigin &origin);

private:
    /// A fact row of `form` (default: the object's facts); returns its value label.
    QLabel *addFact(const QString &label, const QString &value, QFormLayout *form = nullptr);
    void addFinding(const Finding &finding);
    void addGuidance(const Guidance &guidance);
    void addOriginLink(const FindingOrigin &origin, QFormLayout *form);
    /// A new block above the object's facts for one finding (or step): its own fact rows,
    /// which its guidance follows.
    QFormLayout *addSection();
    static void setUpForm(QFormLayout *form);
    void setTitle(const QString &title, const QString &kind);
    void showTable(const SchemaObjectRef &object);
    void showColumn(const SchemaObjectRef &object);
    void showIndex(const SchemaObjectRef &object);
    void showForeignKey(const SchemaObjectRef &object);
    void showDefinition(const QString &sql);

    QLabel *m_title;
    QLabel *m_kind;
    QLabel *m_hint;
    QScrollArea *m_scroll;           // facts and guidance can outgrow the dock
    QWidget *m_sectionsBox;          // per finding (or step): its facts, then its guidance
    QVBoxLayout *m_sections;
    QWidget *m_factsBox;             // the object's own facts
    QFormLayout *m_facts;
    QsciScintilla *m_editor;
    QList<QPair<QString, QString>> m_shown;
    QList<FindingOrigin> m_origins; // what the "open at line" links open
    int m_findingCount = 0;
    std::shared_ptr<const DriftReport> m_report; // empty until a check has run
};

} // namespace migconsole
