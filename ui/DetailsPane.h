#pragma once

#include "SchemaTreeModel.h"
#include "drift/Finding.h"

#include <QList>
#include <QPair>
#include <QWidget>

class QFormLayout;
class QLabel;
class QsciScintilla;

namespace migconsole {

/// The right dock: every fact about the object selected in the schema tree, and a view's
/// definition in a read-only SQL editor. Copies what it shows, so it never points into a
/// schema that a refresh has replaced.
class DetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit DetailsPane(QWidget *parent = nullptr);

    /// Shows `object`; an invalid ref shows the "select something" hint.
    void showObject(const SchemaObjectRef &object);
    void clear();
    /// Adds the findings about the object shown (call after showObject): per finding its
    /// kind, expected vs actual, severity, fixable, and its origin with an "Open at line" link.
    void showFindings(const QList<migconsole::Finding> &findings);

    /// What is on screen, for tests and accessibility: the heading, and one fact by label.
    QString title() const;
    QString fact(const QString &label) const;
    QStringList factLabels() const;
    QsciScintilla *definitionEditor() const { return m_editor; }

signals:
    /// The operator asked to see where a finding's expected object comes from.
    void originActivated(const migconsole::FindingOrigin &origin);

private:
    void addFact(const QString &label, const QString &value);
    void addFinding(const Finding &finding);
    void setTitle(const QString &title, const QString &kind);
    void showTable(const SchemaObjectRef &object);
    void showColumn(const SchemaObjectRef &object);
    void showIndex(const SchemaObjectRef &object);
    void showForeignKey(const SchemaObjectRef &object);
    void showDefinition(const QString &sql);

    QLabel *m_title;
    QLabel *m_kind;
    QLabel *m_hint;
    QWidget *m_factsBox;
    QFormLayout *m_facts;
    QsciScintilla *m_editor;
    QList<QPair<QString, QString>> m_shown;
    QList<Finding> m_findings; // the origins the links open
};

} // namespace migconsole
