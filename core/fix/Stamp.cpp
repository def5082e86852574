// Alembic's `stamp` reproduced step for step (REFERENCE.md §1.4): ScriptDirectory._stamp_revs
// decides the steps from the rows as they were before the stamp, HeadMaintainer.update_to_step
// turns each step into INSERT / UPDATE / DELETE against the rows as they are by then. Both are
// followed literally (alembic 1.8, script/base.py and runtime/migration.py) because several
// targets in one stamp depend on those details: `stamp a2 a3` from `a1` leaves two rows.

#include "fix/Stamp.h"

#include "db/SqlQuoting.h"

#include <QSet>

#include <algorithm>

namespace migconsole {

namespace {

const QString kVersionColumn = QStringLiteral("version_num");
constexpr qsizetype kAlembicColumnWidth = 32;

Error badInput(const QString &message)
{
    return Error{ErrorCode::BadInput, message, {}};
}

QString quotedList(const QStringList &ids)
{
    QStringList out;
    for (const QString &id : ids)
        out.append(u'\'' + id + u'\'');
    return out.join(QStringLiteral(", "));
}

/// A revision together with everything above and below it (with depends_on edges), as
/// Alembic's `_get_descendant_nodes` / `_get_ancestor_nodes` yield them (the start included).
QSet<QString> withAncestors(const RevisionGraph &graph, const QString &id)
{
    QSet<QString> out = graph.ancestors(id);
    out.insert(id);
    return out;
}

QSet<QString> withDescendants(const RevisionGraph &graph, const QString &id)
{
    QSet<QString> out = graph.descendants(id);
    out.insert(id);
    return out;
}

/// Heads nothing depends on either: what a bare `heads` names (Alembic's `_real_heads`).
QStringList realHeads(const RevisionGraph &graph)
{
    QStringList out;
    for (const QString &head : graph.heads()) {
        if (graph.descendants(head).isEmpty())
            out.append(head);
    }
    return out;
}

/// What one stamp argument stands for: the revisions it stamps (`destinations`, none for
/// `base`) and the revisions a current row must share a lineage with to be affected by it
/// (`lineage`; `everyRow` for an unqualified `base`) — Alembic's get_revisions and
/// filter_for_lineage on the same argument.
struct ArgumentMeaning
{
    QStringList destinations;
    QStringList lineage;
    bool everyRow = false;
};

Expected<ArgumentMeaning> interpret(const RevisionGraph &graph, const QString &argument)
{
    ArgumentMeaning meaning;
    QString label;
    QString id = argument;
    if (const qsizetype at = argument.indexOf(u'@'); at >= 0) {
        label = argument.left(at);
        id = argument.mid(at + 1);
    }
    if (!label.isEmpty()) {
        const auto owner = graph.resolve(label);
        if (!owner)
            return badInput(QStringLiteral("No such branch: '%1'").arg(label));
        meaning.lineage.append(*owner);
    }
    if (id.isEmpty() || id == QLatin1String("base")) {
        meaning.everyRow = label.isEmpty();
        return meaning;
    }
    if (id == QLatin1String("heads") && label.isEmpty()) {
        meaning.destinations = realHeads(graph);
        meaning.lineage = meaning.destinations;
        if (meaning.destinations.isEmpty())
            meaning.everyRow = true; // no scripts: Alembic's empty `shares` matches every row
        return meaning;
    }
    if (id == QLatin1String("heads")) {
        // label@heads: the down_revision heads on the label's lineage.
        for (const QString &head : graph.heads()) {
            if (graph.resolve(label + u'@' + head))
                meaning.destinations.append(head);
        }
        meaning.lineage += meaning.destinations;
        return meaning;
    }
    const auto resolved = graph.resolve(argument);
    if (!resolved)
        return badInput(
            QStringLiteral("Can't stamp '%1': %2").arg(argument, resolved.error().message));
    meaning.destinations.append(*resolved);
    meaning.lineage.append(*resolved);
    return meaning;
}

/// Alembic's `_shares_lineage` with dependencies: `row` is one of `against`, or above or
/// below one of them.
bool sharesLineage(const RevisionGraph &graph, const QString &row, const ArgumentMeaning &meaning)
{
    if (meaning.everyRow)
        return true;
    const QSet<QString> related = withAncestors(graph, row) + withDescendants(graph, row);
    return std::any_of(meaning.lineage.cbegin(), meaning.lineage.cend(),
                       [&](const QString &id) { return related.contains(id); });
}

/// One of Alembic's StampSteps: move the rows `from` to `to` (empty `to` = delete the branch).
struct StampStep
{
    QStringList from;
    QString to;
    bool upgrade = true;
    bool branchMove = false;
};

/// HeadMaintainer: applies steps to the rows as they stand and writes the statements.
class RowMaintainer
{
public:
    RowMaintainer(QStringList rows, QHash<QString, QString> stored, QString table, Dialect dialect)
        : m_rows(std::move(rows)), m_stored(std::move(stored)), m_table(std::move(table)),
          m_dialect(dialect)
    {
    }

    /// False when Alembic's own stamp fails on the step (a row it expects is gone, or the
    /// target already has one): the combination of targets is refused.
    bool apply(const StampStep &step)
    {
        if (!step.upgrade && step.branchMove)
            return remove(step.from.constFirst(), QStringLiteral("stamp base: delete the row %1")
                                                      .arg(stored(step.from.constFirst())));
        const bool fromGone = std::any_of(step.from.cbegin(), step.from.cend(),
                                          [&](const QString &r) { return !m_rows.contains(r); });
        if (step.upgrade && (step.branchMove || fromGone) && !m_rows.contains(step.to))
            return insert(step.to);
        if (step.from.size() > 1) {
            for (qsizetype i = 0; i + 1 < step.from.size(); ++i) {
                if (!remove(step.from[i],
                            QStringLiteral("stamp %1: delete the row %2 of its lineage")
                                .arg(step.to, stored(step.from[i]))))
                    return false;
            }
            return update(step.from.constLast(), step.to);
        }
        if (step.from.size() != 1)
            return false;
        return update(step.from.constFirst(), step.to);
    }

    const QStringList &rows() const { return m_rows; }
    QStringList storedRows() const
    {
        QStringList out;
        for (const QString &row : m_rows)
            out.append(stored(row));
        return out;
    }
    QList<FixStatement> takeStatements() { return std::move(m_statements); }

private:
    /// The value the table stores for a row (a row may hold a unique prefix of the id).
    QString stored(const QString &row) const { return m_stored.value(row, row); }

    QString where(const QString &row) const
    {
        return QStringLiteral("%1 = %2").arg(quoteIdentifier(m_dialect, kVersionColumn),
                                             quoteLiteral(stored(row)));
    }

    void add(const QString &sql, const QString &revision, const QString &summary)
    {
        FixStatement statement;
        statement.sql = sql;
        statement.purpose = FixPurpose::Stamp;
        statement.revision = revision;
        statement.summary = summary;
        m_statements.append(statement);
    }

    // Each statement names exact values, so running it again finds nothing more to do.
    bool remove(const QString &row, const QString &summary)
    {
        if (!m_rows.contains(row))
            return false;
        add(QStringLiteral("DELETE FROM %1 WHERE %2").arg(m_table, where(row)), row, summary);
        m_rows.removeAll(row);
        return true;
    }

    bool insert(const QString &revision)
    {
        if (m_rows.contains(revision))
            return false;
        const QString column = quoteIdentifier(m_dialect, kVersionColumn);
        add(QStringLiteral(
                "INSERT INTO %1 (%2) SELECT %3 WHERE NOT EXISTS (SELECT 1 FROM %1 WHERE %2 = %3)")
                .arg(m_table, column, quoteLiteral(revision)),
            revision,
            QStringLiteral("stamp %1: insert it as the head of a new lineage").arg(revision));
        m_rows.append(revision);
        return true;
    }

    bool update(const QString &from, const QString &to)
    {
        if (!m_rows.contains(from) || m_rows.contains(to))
            return false;
        add(QStringLiteral("UPDATE %1 SET %2 = %3 WHERE %4")
                .arg(m_table, quoteIdentifier(m_dialect, kVersionColumn), quoteLiteral(to),
                     where(from)),
            to,
            QStringLiteral("stamp %1: replace the row %2 of its lineage").arg(to, stored(from)));
        m_rows[m_rows.indexOf(from)] = to;
        return true;
    }

    QStringList m_rows;               ///< resolved ids, in the table's order
    QHash<QString, QString> m_stored; ///< resolved id → the value the table stores
    QString m_table;
    Dialect m_dialect;
    QList<FixStatement> m_statements;
};

/// `_stamp_revs`: the steps, all decided from the rows before the stamp.
Expected<QList<StampStep>> stampSteps(const RevisionGraph &graph, const QStringList &rows,
                                      const QList<ArgumentMeaning> &meanings)
{
    QStringList filtered;
    for (const ArgumentMeaning &meaning : meanings) {
        for (const QString &row : rows) {
            if (!filtered.contains(row) && sharesLineage(graph, row, meaning))
                filtered.append(row);
        }
    }
    QStringList destinations;
    for (const ArgumentMeaning &meaning : meanings) {
        for (const QString &id : meaning.destinations) {
            // Alembic stamps a repeated target twice and then trips over its own assert.
            if (!destinations.contains(id))
                destinations.append(id);
        }
    }
    QList<StampStep> steps;
    if (destinations.isEmpty()) {
        for (const QString &row : std::as_const(filtered))
            steps.append(StampStep{{row}, {}, false, true});
        return steps;
    }
    for (const QString &destination : std::as_const(destinations)) {
        if (filtered.contains(destination))
            continue;
        const QSet<QString> below = withAncestors(graph, destination);
        const QSet<QString> above = withDescendants(graph, destination);
        const auto touches = [&](const QSet<QString> &set) {
            return std::any_of(filtered.cbegin(), filtered.cend(),
                               [&](const QString &r) { return set.contains(r); });
        };
        if (touches(above)) {
            if (touches(below))
                return badInput(
                    QStringLiteral("Can't stamp %1: the version table holds revisions both "
                                   "above and below it on its lineage (%2); stamp with "
                                   "--purge to replace every row")
                        .arg(destination, quotedList(filtered)));
            steps.append(StampStep{filtered, destination, false, false});
        } else if (touches(below)) {
            steps.append(StampStep{filtered, destination, true, false});
        } else {
            steps.append(StampStep{{}, destination, true, true});
        }
    }
    return steps;
}

} // namespace

Expected<AlembicStampPlan> planAlembicStampWithRows(const RevisionGraph &graph,
                                                    const std::optional<QStringList> &rows,
                                                    const StampRequest &request,
                                                    const VersionTableLocation &location)
{
    if (request.revisions.isEmpty())
        return badInput(QStringLiteral("Name the revision(s) to stamp (an id, a prefix, a branch "
                                       "label, 'heads' or 'base')"));
    QList<ArgumentMeaning> meanings;
    for (const QString &argument : request.revisions) {
        auto meaning = interpret(graph, argument.trimmed());
        if (!meaning)
            return meaning.error();
        meanings.append(*meaning);
    }

    // The rows as Alembic resolves them; one that no script defines stops the stamp
    // unless --purge clears the table first.
    QStringList current;
    QHash<QString, QString> stored;
    if (rows && !request.purge) {
        for (const QString &row : *rows) {
            const auto resolved = graph.resolve(row);
            if (!resolved)
                return badInput(
                    QStringLiteral("Can't locate revision identified by '%1': the version "
                                   "table records it but no script defines it. Restore the "
                                   "script, or stamp with --purge to replace every row")
                        .arg(row));
            current.append(*resolved);
            stored.insert(*resolved, row);
        }
    }
    const auto steps = stampSteps(graph, current, meanings);
    if (!steps)
        return steps.error();

    const QString table = qualifiedName(location.dialect, location.schema, location.table);
    RowMaintainer maintainer(current, stored, table, location.dialect);
    for (const StampStep &step : *steps) {
        if (!maintainer.apply(step))
            return badInput(
                QStringLiteral("Can't stamp %1 together from the rows %2: Alembic's own "
                               "stamp fails on this combination; stamp one target at a "
                               "time, or use --purge")
                    .arg(request.revisions.join(u' '), quotedList(rows.value_or(QStringList()))));
    }

    QStringList stamped;
    for (const ArgumentMeaning &meaning : meanings)
        stamped += meaning.destinations;
    stamped.removeDuplicates();
    const QString targets = stamped.isEmpty() ? QStringLiteral("base") : stamped.join(u' ');
    AlembicStampPlan plan;
    const QString column = quoteIdentifier(location.dialect, kVersionColumn);
    if (!rows) {
        // Alembic's DDL, widened (never narrowed) when an id does not fit in 32 characters.
        qsizetype width = kAlembicColumnWidth;
        for (const QString &id : std::as_const(stamped))
            width = std::max(width, id.size());
        FixStatement create;
        create.sql =
            QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (%2 VARCHAR(%3) NOT NULL, "
                           "CONSTRAINT %4 PRIMARY KEY (%2))")
                .arg(table, column)
                .arg(width)
                .arg(quoteIdentifier(location.dialect, location.table + QStringLiteral("_pkc")));
        create.purpose = FixPurpose::Stamp;
        create.revision = targets;
        create.summary = QStringLiteral("create the version table %1").arg(table);
        plan.statements.append(create);
    } else if (request.purge) {
        // --purge empties the table before stamping; keeping the rows the stamp writes
        // anyway gives the same end state and lets the statement run twice harmlessly.
        const QStringList keep = maintainer.rows();
        FixStatement purge;
        purge.sql = QStringLiteral("DELETE FROM %1").arg(table);
        if (!keep.isEmpty()) {
            QStringList literals;
            for (const QString &id : keep)
                literals.append(quoteLiteral(id));
            purge.sql += QStringLiteral(" WHERE %1 NOT IN (%2)")
                             .arg(column, literals.join(QStringLiteral(", ")));
        }
        purge.purpose = FixPurpose::Stamp;
        purge.revision = targets;
        purge.summary =
            QStringLiteral("--purge: delete every row of %1 before stamping").arg(table);
        purge.destructive = true;
        plan.statements.append(purge);
    }
    plan.statements += maintainer.takeStatements();
    plan.rowsAfter = maintainer.storedRows();
    return plan;
}

Expected<QList<FixStatement>> planAlembicStamp(const RevisionGraph &graph,
                                               const std::optional<QStringList> &rows,
                                               const StampRequest &request,
                                               const VersionTableLocation &table)
{
    auto plan = planAlembicStampWithRows(graph, rows, request, table);
    if (!plan)
        return plan.error();
    return std::move(plan).value().statements;
}

} // namespace migconsole
