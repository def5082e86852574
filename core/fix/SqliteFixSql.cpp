// SQLite repairs (REFERENCE.md §5.4): CREATE … IF NOT EXISTS, ADD COLUMN guarded by a
// skip query, and for everything ALTER TABLE cannot do the documented rebuild — one per
// table, folding every change the table needs into its new shape, guarded by that shape
// (the table's stored CREATE text) so that a second run skips it.

#include "db/SqlQuoting.h"
#include "fix/FixDdl.h"
#include "fix/FixPlanContext.h"
#include "report/ObjectDescriptions.h"

#include <QRegularExpression>
#include <QSet>

namespace migconsole::fixplan {

namespace {

constexpr Dialect kLite = Dialect::SQLite;

QString quoted(const QString &name)
{
    return quoteIdentifier(kLite, name);
}

/// A string literal on one line whatever the text holds: skip guards travel as one-line
/// `-- @skip-if:` directives in the plan's text, so newlines are spelled char(10).
QString oneLineLiteral(const QString &text)
{
    QStringList pieces;
    for (const QString &line : text.split(QLatin1Char('\n')))
        pieces.append(quoteLiteral(line));
    return pieces.join(QStringLiteral(" || char(10) || "));
}

/// SQLite's name comparison: case-insensitive for ASCII letters only (`Ö` and `ö` are two
/// names to SQLite, one to QString's case-insensitive compare).
bool sameName(const QString &a, const QString &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QChar x = a.at(i);
        const QChar y = b.at(i);
        if (x != y && !(x.unicode() < 0x80 && y.unicode() < 0x80 && x.toLower() == y.toLower()))
            return false;
    }
    return true;
}

Column *columnNamed(Table &table, const QString &name)
{
    for (Column &c : table.columns) {
        if (sameName(c.name, name))
            return &c;
    }
    return nullptr;
}

/// Whether ALTER TABLE … ADD COLUMN can add the column as the expected schema has it.
bool addable(const Table &table, const Column &column)
{
    if (table.primaryKey && table.primaryKey->columns.contains(column.name))
        return false;
    if (!column.generatedExpr.isEmpty() && column.generatedStored)
        return false;
    const QString def = column.defaultExpr.trimmed();
    if (def.startsWith(QLatin1Char('(')) ||
        def.startsWith(QLatin1String("CURRENT_"), Qt::CaseInsensitive))
        return false;
    if (!def.isEmpty() && fixddl::sqliteDefaultSql(def) != def)
        return false; // an expression that needs parentheses
    const bool nullDefault =
        def.isEmpty() || def.compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0;
    return column.nullable || !nullDefault || !column.generatedExpr.isEmpty();
}

bool needsRebuild(FindingKind kind)
{
    switch (kind) {
    case FindingKind::MissingCheck:
    case FindingKind::MissingPrimaryKey:
    case FindingKind::MissingForeignKey:
    case FindingKind::TypeMismatch:
    case FindingKind::NullabilityMismatch:
    case FindingKind::DefaultMismatch:
    case FindingKind::ExtraForeignKey:
        return true;
    default:
        return false;
    }
}

class SqlitePlanner
{
public:
    explicit SqlitePlanner(PlanContext &context) : m_c(context) {}

    void run(const QList<Finding> &findings)
    {
        QMap<QString, QList<Finding>> rebuilds; // table → findings folded into its rebuild
        for (const Finding &f : findings) {
            const Table *want = m_c.expectedTable(f);
            const bool replaceUnique = f.kind == FindingKind::MissingUnique && !f.actual.isEmpty();
            if (needsRebuild(f.kind) || replaceUnique)
                rebuilds[f.table].append(f);
            else if (f.kind == FindingKind::MissingColumn && want && want->column(f.object) &&
                     !addable(*want, *want->column(f.object)))
                rebuilds[f.table].append(f);
        }
        for (const Finding &f : findings) {
            if (rebuilds.contains(f.table)) {
                // The new shape adds or leaves out these anyway; a separate ADD / DROP
                // would fight the shape guard on the next run.
                const bool folds = f.kind == FindingKind::MissingColumn ||
                                   f.kind == FindingKind::ExtraColumn ||
                                   f.kind == FindingKind::ExtraIndex;
                if (folds && !rebuilds[f.table].contains(f))
                    rebuilds[f.table].append(f);
                if (rebuilds[f.table].contains(f))
                    continue;
            }
            plan(f);
        }
        for (auto it = rebuilds.cbegin(); it != rebuilds.cend(); ++it)
            rebuild(it.value());
    }

private:
    const Namespace *expectedNs(const QString &schema) const
    {
        return m_c.expectedNamespace(schema);
    }

    void plan(const Finding &f)
    {
        const Table *want = m_c.expectedTable(f);
        const Table *have = m_c.actualTable(f);
        switch (f.kind) {
        case FindingKind::MissingTable:
            if (want)
                return createTable(f, *want);
            break;
        case FindingKind::MissingColumn:
            if (want && want->column(f.object))
                return addColumn(f, *want, *want->column(f.object));
            break;
        case FindingKind::MissingIndex:
            if (want && want->index(f.object))
                return createIndex(f, *want->index(f.object), have && have->index(f.object));
            break;
        case FindingKind::MissingUnique:
            if (const UniqueConstraint *u = want ? findUnique(*want, f) : nullptr)
                return uniqueIndex(f, *u);
            break;
        case FindingKind::ExtraTable:
        case FindingKind::ExtraColumn:
        case FindingKind::ExtraIndex:
            return drop(f);
        default:
            break;
        }
        m_c.leave(f, QStringLiteral("the expected object was not found in the expected schema"));
    }

    void createTable(const Finding &f, const Table &table)
    {
        QList<ForeignKey> keys;
        for (const ForeignKey &fk : table.foreignKeys)
            keys.append(fk); // SQLite resolves the target when rows are written, not now
        FixStatement s = statementFor(
            f, fixddl::createTableSql(kLite, expectedNs(f.schema), f.schema, table, keys, true),
            QStringLiteral("create table ") + table.name);
        m_c.add(Phase::CreateTables, s);
        for (const Index &index : table.indexes)
            createIndex(f, index, false, table.name);
    }

    void addColumn(const Finding &f, const Table &table, const Column &column)
    {
        FixStatement s =
            statementFor(f,
                         QStringLiteral("ALTER TABLE %1 ADD COLUMN %2")
                             .arg(quoted(f.table),
                                  fixddl::columnSql(kLite, expectedNs(f.schema), table, column)),
                         QStringLiteral("add column ") + objectPath({}, f.table, column.name));
        s.skipIfSql =
            QStringLiteral("SELECT 1 FROM pragma_table_info(%1) WHERE name = %2 COLLATE NOCASE")
                .arg(quoteLiteral(f.table), quoteLiteral(column.name));
        m_c.add(Phase::AddColumns, s);
    }

    void createIndex(const Finding &f, const Index &index, bool replace,
                     const QString &tableName = {})
    {
        const QString table = tableName.isEmpty() ? f.table : tableName;
        if (replace) {
            // Skipped when the index is already ours: SQLite stores the CREATE text without
            // IF NOT EXISTS, exactly as written below.
            FixStatement drop = statementFor(
                f, QStringLiteral("DROP INDEX IF EXISTS ") + quoted(index.name),
                QStringLiteral("drop index %1 to recreate it as expected").arg(index.name));
            drop.skipIfSql =
                QStringLiteral(
                    "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = %1 AND sql = %2")
                    .arg(quoteLiteral(index.name),
                         oneLineLiteral(
                             fixddl::createIndexSql(kLite, f.schema, table, index, false, false,
                                                                m_c.expectedTable(f))));
            drop.hazards.append(QStringLiteral("replaces the same-named index now defined as ") +
                                f.actual);
            m_c.add(Phase::Indexes, drop);
        }
        FixStatement s =
            statementFor(f,
                         fixddl::createIndexSql(kLite, f.schema, table, index, true, false,
                                                m_c.expectedTable(f)),
                         QStringLiteral("create index ") + index.name);
        s.hazards.append(rowsNote(m_c, f.schema, table, QStringLiteral("builds the index over")));
        if (index.unique)
            s.hazards.append(QStringLiteral("fails if duplicate values exist"));
        m_c.add(Phase::Indexes, s);
    }

    /// A missing UNIQUE becomes a unique index: in SQLite both are the same structure
    /// (the diff treats them as equal) and an index needs no table rebuild.
    void uniqueIndex(const Finding &f, const UniqueConstraint &unique)
    {
        Index index;
        const bool internal = unique.name.startsWith(QLatin1String("sqlite_"), Qt::CaseInsensitive);
        index.name =
            unique.name.isEmpty() || internal
                ? QStringLiteral("uq_%1_%2").arg(f.table, unique.columns.join(QLatin1Char('_')))
                : unique.name;
        index.columns = unique.columns;
        index.unique = true;
        createIndex(f, index, false);
        m_c.phases[Phase::Indexes].last().summary =
            QStringLiteral("add ") + describe::uniqueSummary(unique) +
            QStringLiteral(" to %1 as unique index %2").arg(f.table, index.name);
    }

    void drop(const Finding &f)
    {
        FixStatement s = statementFor(f, {}, {});
        s.destructive = true;
        Phase phase = Phase::DropTables;
        if (f.kind == FindingKind::ExtraTable) {
            s.sql = QStringLiteral("DROP TABLE IF EXISTS ") + quoted(f.table);
            s.summary = QStringLiteral("drop table ") + f.table;
            s.hazards.append(rowsNote(m_c, f.schema, f.table, QStringLiteral("deletes")));
        } else if (f.kind == FindingKind::ExtraColumn) {
            phase = Phase::DropColumns;
            s.sql = QStringLiteral("ALTER TABLE %1 DROP COLUMN %2")
                        .arg(quoted(f.table), quoted(f.object));
            s.summary = QStringLiteral("drop column ") + objectPath({}, f.table, f.object);
            s.skipIfSql =
                QStringLiteral("SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pragma_table_info(%1) "
                               "WHERE name = %2 COLLATE NOCASE)")
                    .arg(quoteLiteral(f.table), quoteLiteral(f.object));
            s.hazards.append(
                rowsNote(m_c, f.schema, f.table, QStringLiteral("loses the column's values in")));
            s.hazards.append(
                QStringLiteral("fails if the column is indexed, in a key, a CHECK, a view "
                               "or a trigger (SQLite 3.35+ DROP COLUMN rules)"));
        } else {
            phase = Phase::DropIndexes;
            s.sql = QStringLiteral("DROP INDEX IF EXISTS ") + quoted(f.object);
            s.summary = QStringLiteral("drop index ") + f.object;
        }
        m_c.add(phase, s);
    }

    /// The table's new shape: the live table with every planned change applied, so that
    /// what the plan leaves alone (extra columns, unfixed findings) survives the rebuild.
    bool applyChange(Table &target, const Table &want, const Finding &f, QStringList *notes)
    {
        switch (f.kind) {
        case FindingKind::MissingColumn: {
            const Column *column = want.column(f.object);
            if (!column)
                return false;
            if (!columnNamed(target, f.object))
                target.columns.append(*column);
            return true;
        }
        case FindingKind::TypeMismatch:
        case FindingKind::NullabilityMismatch:
        case FindingKind::DefaultMismatch: {
            const Column *wanted = want.column(f.object);
            Column *column = columnNamed(target, f.object);
            if (!wanted || !column)
                return false;
            if (f.kind == FindingKind::TypeMismatch) {
                column->type = wanted->type;
                notes->append(unconvertibleNote(f));
            } else if (f.kind == FindingKind::NullabilityMismatch) {
                column->nullable = f.expected == QLatin1String("NULL");
                if (!column->nullable)
                    notes->append(QStringLiteral("fails if %1 holds NULLs").arg(f.object));
            } else {
                column->defaultExpr = wanted->defaultExpr;
            }
            return true;
        }
        case FindingKind::MissingPrimaryKey:
            if (!want.primaryKey)
                return false;
            target.primaryKey = want.primaryKey;
            notes->append(QStringLiteral("fails on duplicate or NULL key values"));
            return true;
        case FindingKind::MissingUnique:
        case FindingKind::MissingCheck: {
            if (f.kind == FindingKind::MissingUnique) {
                const UniqueConstraint *u = findUnique(want, f);
                if (!u)
                    return false;
                target.uniques.removeIf([&](const UniqueConstraint &x) {
                    return !u->name.isEmpty() && sameName(x.name, u->name);
                });
                target.uniques.append(*u);
            } else {
                const CheckConstraint *c = findCheck(want, f);
                if (!c)
                    return false;
                target.checks.removeIf([&](const CheckConstraint &x) {
                    return !c->name.isEmpty() && sameName(x.name, c->name);
                });
                target.checks.append(*c);
            }
            notes->append(QStringLiteral("fails if existing rows violate the new constraint"));
            return true;
        }
        case FindingKind::MissingForeignKey: {
            const auto fk = findForeignKey(m_c.expected, want, f, f.expected);
            if (!fk)
                return false;
            target.foreignKeys.removeIf([&](const ForeignKey &x) {
                return !fk->name.isEmpty() && sameName(x.name, fk->name);
            });
            target.foreignKeys.append(*fk);
            notes->append(
                QStringLiteral("rows violating the new key make the whole fix fail (the "
                               "executor runs PRAGMA foreign_key_check before committing)"));
            return true;
        }
        case FindingKind::ExtraColumn:
            target.columns.removeIf([&](const Column &c) { return sameName(c.name, f.object); });
            target.indexes.removeIf([&](const Index &i) {
                return std::any_of(i.columns.cbegin(), i.columns.cend(),
                                   [&](const QString &part) { return sameName(part, f.object); });
            });
            notes->append(
                QStringLiteral("DESTRUCTIVE: leaves out column %1 and its values").arg(f.object));
            return true;
        case FindingKind::ExtraIndex:
            target.indexes.removeIf([&](const Index &i) { return sameName(i.name, f.object); });
            return true;
        case FindingKind::ExtraForeignKey: {
            const Table *have = m_c.actualTable(f);
            const auto fk = have ? findForeignKey(m_c.actual, *have, f, f.actual) : std::nullopt;
            if (!fk)
                return false;
            const Namespace owner{f.schema, {}, {}, {}};
            target.foreignKeys.removeIf([&](const ForeignKey &x) {
                return describe::foreignKeySummary(owner,
                                                   resolvedForeignKey(m_c.actual, f.schema, x)) ==
                       describe::foreignKeySummary(owner, *fk);
            });
            return true;
        }
        default:
            return false;
        }
    }

    /// What the live table's DDL says that a Schema cannot carry into the new shape.
    QString unkeptFeature(const QString &schema, const QString &table)
    {
        const std::optional<QString> ddl =
            m_c.facts ? m_c.facts->tableDefinition(schema, table) : std::nullopt;
        if (!ddl)
            return {};
        // String literals and quoted names are blanked first, so only keywords count.
        QString code = *ddl;
        static const QRegularExpression quotedText(
            QStringLiteral("'[^']*'|\"[^\"]*\"|`[^`]*`|\\[[^\\]]*\\]"));
        code.replace(quotedText, QStringLiteral(" "));
        static const QRegularExpression features(
            QStringLiteral("\\b(AUTOINCREMENT|WITHOUT\\s+ROWID|STRICT|COLLATE)\\b"),
            QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = features.match(code);
        return m.hasMatch() ? m.captured(1).toUpper().simplified() : QString();
    }

    QString unconvertibleNote(const Finding &f)
    {
        const QString column = objectPath({}, f.table, f.object);
        if (!m_c.facts)
            return QStringLiteral("values of %1 that do not fit %2 keep their storage class (not "
                                  "counted: no database)")
                .arg(column, f.expected);
        const std::optional<qint64> bad =
            m_c.facts->unconvertibleRows(f.schema, f.table, f.object, f.expected);
        if (!bad)
            return QStringLiteral("could not count the values of %1 that would not convert to %2")
                .arg(column, f.expected);
        return QStringLiteral(
                   "%1 of %2 would not convert to %3's affinity and keep their old storage class")
            .arg(rowsText(*bad), column, f.expected);
    }

    void rebuild(const QList<Finding> &findings)
    {
        const Finding &first = findings.first();
        const Table *want = m_c.expectedTable(first);
        const Table *have = m_c.actualTable(first);
        if (!want || !have) {
            for (const Finding &f : findings)
                m_c.leave(f,
                          QStringLiteral("the table is not in both schemas as the finding says"));
            return;
        }
        if (const QString kept = unkeptFeature(first.schema, have->name); !kept.isEmpty()) {
            for (const Finding &f : findings)
                m_c.leave(f,
                          QStringLiteral("repairing it needs a rebuild of %1, which uses %2: the "
                                         "new table would lose it — rebuild it by hand")
                              .arg(have->name, kept));
            return;
        }
        Table target = *have;
        QStringList notes;
        if (!m_c.facts || !m_c.facts->tableDefinition(first.schema, have->name))
            notes.append(QStringLiteral("the table's CREATE text could not be read: AUTOINCREMENT, "
                                        "WITHOUT ROWID, STRICT or COLLATE would be lost"));
        QStringList kinds;
        for (const Finding &f : findings) {
            if (applyChange(target, *want, f, &notes))
                kinds.append(findingKindName(f.kind) +
                             (f.object.isEmpty() ? QString() : QLatin1Char(' ') + f.object));
            else
                m_c.leave(f, QStringLiteral("the object was not found for the table rebuild"));
        }
        if (kinds.isEmpty())
            return;
        const QString table = have->name;
        const QString newName = QStringLiteral("_migconsole_new_") + table;
        const Namespace *ns = expectedNs(first.schema);
        const QString shape =
            fixddl::createTableSql(kLite, ns, first.schema, target, target.foreignKeys, false);
        const QString guard =
            QStringLiteral(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = %1 AND sql = %2")
                .arg(quoteLiteral(table), oneLineLiteral(shape));
        QStringList copied;
        for (const Column &column : std::as_const(target.columns)) {
            const Column *old = nullptr;
            for (const Column &c : have->columns)
                old = sameName(c.name, column.name) ? &c : old;
            if (old && column.generatedExpr.isEmpty() && old->generatedExpr.isEmpty())
                copied.append(quoted(column.name));
        }
        const QString about = kinds.join(QStringLiteral(", "));
        const std::optional<QStringList> triggers =
            m_c.facts ? m_c.facts->tableTriggers(first.schema, table) : std::nullopt;
        if (!triggers)
            notes.append(QStringLiteral("triggers on %1 could not be read: the rebuild drops them")
                             .arg(table));
        const auto step = [&](const QString &sql, const QString &summary, bool guarded) {
            FixStatement s = statementFor(first, sql, summary);
            s.needsForeignKeysOff = true;
            if (guarded)
                s.skipIfSql = guard;
            m_c.add(Phase::Rebuilds, s);
            return &m_c.phases[Phase::Rebuilds].last();
        };
        FixStatement *create =
            step(fixddl::createTableSql(kLite, ns, first.schema, target, target.foreignKeys, false,
                                        newName),
                 QStringLiteral("rebuild %1 (%2): create the new shape").arg(table, about), true);
        create->hazards.append(QStringLiteral("rebuilds the table (SQLite cannot ALTER this): ") +
                               rowsNote(m_c, first.schema, table, QStringLiteral("copies")));
        create->hazards += notes;
        create->destructive = std::any_of(findings.cbegin(), findings.cend(), [](const Finding &f) {
            return f.kind == FindingKind::ExtraColumn || f.kind == FindingKind::ExtraIndex ||
                   f.kind == FindingKind::ExtraForeignKey;
        });
        const QString columns = copied.join(QStringLiteral(", "));
        step(QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %3")
                 .arg(quoted(newName), columns, quoted(table)),
             QStringLiteral("rebuild %1: copy every row").arg(table), true);
        step(QStringLiteral("DROP TABLE ") + quoted(table),
             QStringLiteral("rebuild %1: drop the old table").arg(table), true);
        // Legacy rename leaves views and triggers that name the table alone: they are valid
        // again once the new table carries the name (the modern rename refuses to run while
        // they point at a missing table).
        step(QStringLiteral("PRAGMA legacy_alter_table = ON"),
             QStringLiteral("rebuild %1: rename without rewriting views and triggers").arg(table),
             true);
        step(QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(quoted(newName), quoted(table)),
             QStringLiteral("rebuild %1: give the new table its name").arg(table), true);
        step(QStringLiteral("PRAGMA legacy_alter_table = OFF"),
             QStringLiteral("rebuild %1: back to the normal rename").arg(table), false);
        for (const Index &index : std::as_const(target.indexes))
            step(fixddl::createIndexSql(kLite, first.schema, table, index, true, false, &target),
                 QStringLiteral("rebuild %1: recreate index %2").arg(table, index.name), false);
        // DROP TABLE took the table's triggers with it; their saved text brings them back.
        static const QRegularExpression head(
            QStringLiteral("^\\s*CREATE\\s+TRIGGER\\s+(IF\\s+NOT\\s+EXISTS\\s+)?"),
            QRegularExpression::CaseInsensitiveOption);
        for (QString sql : triggers.value_or(QStringList())) {
            sql.replace(head, QStringLiteral("CREATE TRIGGER IF NOT EXISTS "));
            step(sql, QStringLiteral("rebuild %1: recreate its trigger").arg(table), false);
        }
    }

    PlanContext &m_c;
};

} // namespace

void planSqlite(PlanContext &context, const QList<Finding> &findings)
{
    SqlitePlanner(context).run(findings);
}

} // namespace migconsole::fixplan
