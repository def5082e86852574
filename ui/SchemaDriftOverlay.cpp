#include "SchemaDriftOverlay.h"

#include "SchemaPresentation.h"
#include "drift/OriginMap.h"

#include <algorithm>

namespace migconsole {

namespace {

using drift::DriftState;
using Kind = SchemaNodeKind;

Namespace &namespaceIn(Schema &schema, const QString &name)
{
    for (Namespace &ns : schema.namespaces) {
        if (ns.name == name)
            return ns;
    }
    Namespace created;
    created.name = name;
    schema.namespaces.append(created);
    return schema.namespaces.last();
}

/// Ghost tables and indexes go where their name sorts, like the live ones around them (the
/// introspector lists by name); columns are appended, as ADD COLUMN would place them.
template <typename Item> Item &insertByName(QList<Item> &items, const Item &item)
{
    const auto at = std::find_if(items.begin(), items.end(),
                                 [&item](const Item &other) { return item.name < other.name; });
    return *items.insert(at, item);
}

Table *tableIn(Namespace &ns, const QString &name)
{
    for (Table &table : ns.tables) {
        if (table.name == name)
            return &table;
    }
    return nullptr;
}

/// A constraint matches a finding by name, or — unnamed (SQLite) — by its definition.
template <typename Item, typename Describe>
const Item *matching(const QList<Item> &items, const Finding &finding, Describe describe)
{
    for (const Item &item : items) {
        if (finding.object.isEmpty() ? describe(item) == finding.expected
                                     : item.name == finding.object)
            return &item;
    }
    return nullptr;
}

template <typename Item> bool containsNamed(const QList<Item> &items, const QString &name)
{
    for (const Item &item : items) {
        if (!name.isEmpty() && item.name == name)
            return true;
    }
    return false;
}

void addGhost(Namespace &ns, Table &table, const Table *expected, const Finding &finding)
{
    switch (finding.kind) {
    case FindingKind::MissingColumn:
        if (table.column(finding.object))
            return;
        if (const Column *column = expected ? expected->column(finding.object) : nullptr) {
            table.columns.append(*column);
        } else {
            Column standIn;
            standIn.name = finding.object;
            standIn.type = finding.expected;
            table.columns.append(standIn);
        }
        return;
    case FindingKind::MissingIndex:
        if (table.index(finding.object))
            return;
        if (const Index *index = expected ? expected->index(finding.object) : nullptr) {
            insertByName(table.indexes, *index);
        } else {
            Index standIn;
            standIn.name = finding.object;
            insertByName(table.indexes, standIn);
        }
        return;
    case FindingKind::MissingForeignKey: {
        if (containsNamed(table.foreignKeys, finding.object))
            return;
        const auto describeFk = [&ns](const ForeignKey &fk) {
            return describe::foreignKeySummary(ns, fk);
        };
        if (const ForeignKey *fk =
                expected ? matching(expected->foreignKeys, finding, describeFk) : nullptr) {
            table.foreignKeys.append(*fk);
        }
        else {
            ForeignKey standIn;
            standIn.name = finding.object;
            table.foreignKeys.append(standIn);
        }
        return;
    }
    case FindingKind::MissingUnique:
        if (containsNamed(table.uniques, finding.object))
            return;
        if (const UniqueConstraint *unique =
                expected ? matching(expected->uniques, finding, describe::uniqueSummary) : nullptr)
            table.uniques.append(*unique);
        else
            table.uniques.append(UniqueConstraint{finding.object, {}});
        return;
    case FindingKind::MissingCheck:
        if (containsNamed(table.checks, finding.object))
            return;
        if (const CheckConstraint *check =
                expected ? matching(expected->checks, finding, describe::checkSummary) : nullptr)
            table.checks.append(*check);
        else
            table.checks.append(CheckConstraint{finding.object, finding.expected});
        return;
    case FindingKind::MissingPrimaryKey:
        if (table.primaryKey)
            return;
        table.primaryKey = expected && expected->primaryKey
                               ? expected->primaryKey
                               : std::optional<PrimaryKey>(PrimaryKey{finding.object, {}});
        return;
    default:
        return;
    }
}

QString constraintName(const QString &name, const QString &definition)
{
    return name.isEmpty() ? definition : name;
}

int rank(DriftState state)
{
    switch (state) {
    case DriftState::Missing:
        return 3;
    case DriftState::Mismatch:
        return 2;
    case DriftState::Extra:
        return 1;
    default:
        return 0;
    }
}

} // namespace

Schema SchemaDriftOverlay::merge(const Schema &actual, const Schema &expected,
                                 const QList<Finding> &findings)
{
    Schema merged = actual;
    // Tables first, so a missing table's own missing_* findings find it already in place.
    for (int pass = 0; pass < 2; ++pass) {
        for (const Finding &finding : findings) {
            if (drift::stateOf(finding.kind) != DriftState::Missing)
                continue;
            const bool tableFinding = finding.kind == FindingKind::MissingTable;
            if (tableFinding != (pass == 0))
                continue;
            Namespace &ns = namespaceIn(merged, finding.schema);
            const Table *expectedTable = expected.table(finding.schema, finding.table);
            Table *table = tableIn(ns, finding.table);
            if (!table) {
                Table standIn;
                standIn.name = finding.table;
                table = &insertByName(ns.tables, expectedTable ? *expectedTable : standIn);
            }
            if (!tableFinding)
                addGhost(ns, *table, expectedTable, finding);
        }
    }
    return merged;
}

QString SchemaDriftOverlay::key(const SchemaObjectRef &ref)
{
    if (!ref.table)
        return {};
    const QString &ns = ref.nameSpace->name;
    const QString &table = ref.table->name;
    using describe::checkSummary;
    switch (ref.kind) {
    case Kind::Table:
        return OriginMap::path(ns, table);
    case Kind::Column:
        return OriginMap::path(ns, table, FindingObject::Column, ref.column->name);
    case Kind::Index:
        return OriginMap::path(ns, table, FindingObject::Index, ref.index->name);
    case Kind::PrimaryKey:
        return OriginMap::path(
            ns, table, FindingObject::Constraint,
            constraintName(ref.primaryKey->name, describe::primaryKeySummary(*ref.primaryKey)));
    case Kind::Unique:
        return OriginMap::path(ns, table, FindingObject::Constraint,
                               constraintName(ref.unique->name, describe::uniqueSummary(*ref.unique)));
    case Kind::Check:
        return OriginMap::path(ns, table, FindingObject::Constraint,
                               constraintName(ref.check->name, checkSummary(*ref.check)));
    case Kind::ForeignKey:
        return OriginMap::path(
            ns, table, FindingObject::Constraint,
            constraintName(ref.foreignKey->name,
                           describe::foreignKeySummary(*ref.nameSpace, *ref.foreignKey)));
    default:
        return {};
    }
}

QString SchemaDriftOverlay::key(const Finding &finding)
{
    const FindingObject object = findingObject(finding.kind);
    if (object == FindingObject::Table)
        return OriginMap::path(finding.schema, finding.table);
    // An extra constraint is described by what the database has, a missing one by what the
    // scripts say.
    const QString definition =
        drift::stateOf(finding.kind) == DriftState::Extra ? finding.actual : finding.expected;
    return OriginMap::path(finding.schema, finding.table, object,
                           object == FindingObject::Constraint
                               ? constraintName(finding.object, definition)
                               : finding.object);
}

void SchemaDriftOverlay::setFindings(QList<Finding> findings)
{
    clear();
    m_findings = std::move(findings);
    for (int i = 0; i < int(m_findings.size()); ++i) {
        const Finding &finding = m_findings[i];
        m_byKey[key(finding)].append(i);
        const QString tablePath = OriginMap::path(finding.schema, finding.table);
        ++m_perTable[tablePath];
        ++m_perNamespace[finding.schema];
        const DriftState state = drift::stateOf(finding.kind);
        if (rank(state) > rank(m_worstPerTable.value(tablePath, DriftState::None)))
            m_worstPerTable.insert(tablePath, state);
        if (rank(state) > rank(m_worstPerNamespace.value(finding.schema, DriftState::None)))
            m_worstPerNamespace.insert(finding.schema, state);
    }
}

void SchemaDriftOverlay::clear()
{
    m_findings.clear();
    m_byKey.clear();
    m_perTable.clear();
    m_perNamespace.clear();
    m_worstPerTable.clear();
    m_worstPerNamespace.clear();
}

drift::DriftState SchemaDriftOverlay::worstInTable(const QString &ns, const QString &table) const
{
    return m_worstPerTable.value(OriginMap::path(ns, table), DriftState::None);
}

drift::DriftState SchemaDriftOverlay::worstInNamespace(const QString &ns) const
{
    return m_worstPerNamespace.value(ns, DriftState::None);
}

drift::DriftState SchemaDriftOverlay::state(const SchemaObjectRef &ref) const
{
    if (!ref.table)
        return DriftState::None;
    const DriftState found = findingState(ref);
    if (found == DriftState::None && !m_fixed.isEmpty() && m_fixed.contains(key(ref)))
        return DriftState::Fixed;
    return found;
}

drift::DriftState SchemaDriftOverlay::findingState(const SchemaObjectRef &ref) const
{
    if (m_findings.isEmpty())
        return DriftState::None;
    DriftState best = DriftState::None;
    for (int i : m_byKey.value(key(ref))) {
        const DriftState state = drift::stateOf(m_findings[i].kind);
        if (rank(state) > rank(best))
            best = state;
    }
    if (best != DriftState::None || ref.kind == Kind::Table)
        return best;
    // Everything inside a missing (or extra) table is missing (or extra) with it.
    for (int i : m_byKey.value(OriginMap::path(ref.nameSpace->name, ref.table->name))) {
        const DriftState state = drift::stateOf(m_findings[i].kind);
        if (state == DriftState::Missing || state == DriftState::Extra)
            return state;
    }
    return DriftState::None;
}

QList<Finding> SchemaDriftOverlay::findingsFor(const SchemaObjectRef &ref) const
{
    QList<Finding> found;
    if (m_findings.isEmpty())
        return found;
    for (int i : m_byKey.value(key(ref)))
        found.append(m_findings[i]);
    return found;
}

QString SchemaDriftOverlay::markerText(const SchemaObjectRef &ref, int count) const
{
    const DriftState own = state(ref);
    if (own == DriftState::None) {
        const bool container = ref.kind == Kind::Table || ref.kind == Kind::Namespace;
        return container && count > 0
                   ? QStringLiteral("⚠ ") + presentation::plural(count, QStringLiteral("finding"))
                   : QString();
    }
    QString text = drift::marker(own);
    if (own != DriftState::Mismatch)
        return text;
    const auto orNone = [](const QString &side) {
        return side.isEmpty() ? QStringLiteral("none") : side;
    };
    QStringList differences;
    for (const Finding &finding : findingsFor(ref))
        differences.append(QStringLiteral("expected %1, actual %2")
                               .arg(orNone(finding.expected), orNone(finding.actual)));
    return text + QStringLiteral(": ") + differences.join(QStringLiteral("; "));
}

int SchemaDriftOverlay::countInTable(const QString &ns, const QString &table) const
{
    return m_perTable.value(OriginMap::path(ns, table));
}

int SchemaDriftOverlay::countInNamespace(const QString &ns) const
{
    return m_perNamespace.value(ns);
}

} // namespace migconsole
