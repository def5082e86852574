#pragma once

#include "DriftPresentation.h"
#include "SchemaTreeModel.h"
#include "drift/Finding.h"
#include "schema/Schema.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace migconsole {

/// What the schema tree knows about drift: the findings indexed by the object they are about,
/// and the merge that puts expected-but-missing objects into the live schema as ghost rows.
/// Plain data, no Qt model: SchemaTreeModel asks it per visible row, so a big schema with a
/// handful of findings stays as lazy as without.
class SchemaDriftOverlay
{
public:
    /// The live schema plus, for every missing_* finding, the expected object copied in from
    /// `expected` (or, when the expected schema lacks it, a stand-in made from the finding's
    /// own texts). Everything else is left as the database has it.
    static Schema merge(const Schema &actual, const Schema &expected,
                        const QList<Finding> &findings);

    /// OriginMap-style key of a tree row's object ("ns/table", "ns/table/column:name"); empty
    /// for namespaces and group rows. Unnamed constraints are keyed by their definition.
    static QString key(const SchemaObjectRef &ref);
    static QString key(const Finding &finding);

    void setFindings(QList<Finding> findings);
    /// Forgets the findings; the objects fixed in this session are kept (the schema is read
    /// again after every apply, and they must stay green).
    void clear();
    /// Objects (key()) repaired in this session: shown as fixed while no finding is about
    /// them. Replaced as a whole; empty for a newly opened database.
    void setFixed(QSet<QString> keys) { m_fixed = std::move(keys); }
    /// Adds every object a finding is about now to the fixed ones.
    void markFindingsFixed()
    {
        for (const Finding &finding : std::as_const(m_findings))
            m_fixed.insert(key(finding));
    }
    const QSet<QString> &fixed() const { return m_fixed; }
    bool isEmpty() const { return m_findings.isEmpty(); }
    const QList<Finding> &findings() const { return m_findings; }

    /// The state of a row: its own findings' (missing wins over mismatch over extra), or its
    /// table's when the whole table is missing or extra.
    drift::DriftState state(const SchemaObjectRef &ref) const;
    /// Findings about the object itself.
    QList<Finding> findingsFor(const SchemaObjectRef &ref) const;
    /// The Details column's words: "✗ missing", "≠ mismatch: expected …, actual …",
    /// "+ extra", or "⚠ 2 findings" on a table or schema with drift inside (`count`).
    QString markerText(const SchemaObjectRef &ref, int count) const;
    /// Findings about a table or anything in it / about anything in a namespace.
    int countInTable(const QString &ns, const QString &table) const;
    int countInNamespace(const QString &ns) const;
    /// The worst state of the findings inside a table / a namespace (for its marker's colour).
    drift::DriftState worstInTable(const QString &ns, const QString &table) const;
    drift::DriftState worstInNamespace(const QString &ns) const;

private:
    drift::DriftState findingState(const SchemaObjectRef &ref) const; ///< from the findings alone

    QList<Finding> m_findings;
    QHash<QString, QList<int>> m_byKey;
    QHash<QString, int> m_perTable;
    QHash<QString, int> m_perNamespace;
    QHash<QString, drift::DriftState> m_worstPerTable;
    QHash<QString, drift::DriftState> m_worstPerNamespace;
    QSet<QString> m_fixed;
};

} // namespace migconsole
