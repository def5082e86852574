// PostgreSQL repairs (REFERENCE.md §5.1, §5.2): IF [NOT] EXISTS where the server has it,
// otherwise a DO block that reads the catalogue first, so every statement is a no-op the
// second time. Lock levels follow the §5.2 table.

#include "db/SqlQuoting.h"
#include "drift/TypeWidening.h"
#include "fix/FixDdl.h"
#include "fix/FixPlanContext.h"
#include "fix/PostgresGuards.h"
#include "report/ObjectDescriptions.h"
#include "schema/CanonicalType.h"

#include <QSet>

namespace migconsole::fixplan {

namespace {

constexpr Dialect kPg = Dialect::PostgreSQL;
const QString kAccessExclusive = QStringLiteral("ACCESS EXCLUSIVE");
const QString kShareRowExclusive = QStringLiteral("SHARE ROW EXCLUSIVE");

QString tableSql(const QString &schema, const QString &table)
{
    return qualifiedName(kPg, schema, table);
}

QString doBlock(const QString &body)
{
    return QStringLiteral("DO ") + dollarQuote(QStringLiteral("\nBEGIN\n") + body + QStringLiteral("END "));
}

/// A column that pins a type change: the FK that must be dropped while it changes.
struct DependentKey
{
    QString schema;
    QString table;
    ForeignKey key;         ///< resolved, as it exists now (recreated as it was)
    QStringList guards;     ///< "column not yet of its expected type" conditions
    const Finding *finding; ///< the type change that made us drop it
};

class PostgresPlanner
{
public:
    explicit PostgresPlanner(PlanContext &context) : m_c(context) {}

    void run(const QList<Finding> &findings)
    {
        collectDependentKeys(findings);
        for (const Finding &f : findings)
            plan(f);
        for (const DependentKey &d : std::as_const(m_dependent))
            dropAndRecreate(d);
    }

private:
    const Namespace *expectedNs(const QString &schema) const
    {
        return m_c.expectedNamespace(schema);
    }

    /// Above this many rows a scan or rewrite under the lock is worth a warning of its own.
    static constexpr qint64 kBigTable = 100000;

    void warnIfBig(FixStatement &s, const QString &schema, const QString &table,
                   const QString &blocks)
    {
        if (m_c.newTables.contains(objectPath(schema, table)))
            return;
        const std::optional<qint64> rows = m_c.rowCount(schema, table);
        if (rows && *rows > kBigTable)
            s.hazards.append(
                QStringLiteral("long %1 lock on a big table (%2): %3 wait until it is done")
                    .arg(s.lockLevel, rowsText(*rows), blocks));
    }

    void plan(const Finding &f)
    {
        const Table *want = m_c.expectedTable(f);
        const Table *have = m_c.actualTable(f);
        const bool extra =
            f.kind == FindingKind::ExtraTable || f.kind == FindingKind::ExtraColumn ||
            f.kind == FindingKind::ExtraIndex || f.kind == FindingKind::ExtraForeignKey;
        if ((!extra && !want) || (f.kind != FindingKind::MissingTable && !have)) {
            m_c.leave(f, QStringLiteral("the table is not in both schemas as the finding says"));
            return;
        }
        switch (f.kind) {
        case FindingKind::MissingTable:
            return createTable(f, *want);
        case FindingKind::MissingColumn:
            return addColumn(f, *want);
        case FindingKind::MissingIndex:
            return createIndex(f, *want, *have);
        case FindingKind::MissingForeignKey:
            if (const auto fk = findForeignKey(m_c.expected, *want, f, f.expected))
                return addConstraint(f, Phase::ForeignKeys, guards::foreignKeyMatches(*fk),
                                     fixddl::foreignKeySql(kPg, f.schema, *fk), fk->name,
                                     kShareRowExclusive, QStringLiteral("foreign key"));
            break;
        case FindingKind::MissingUnique:
            if (const UniqueConstraint *u = findUnique(*want, f))
                return addConstraint(f, Phase::Uniques,
                                     guards::uniqueMatches(*u, QStringLiteral("u")),
                                     fixddl::uniqueSql(kPg, *u), u->name, kAccessExclusive,
                                     QStringLiteral("unique constraint"));
            break;
        case FindingKind::MissingCheck:
            if (const CheckConstraint *c = findCheck(*want, f)) {
                CheckConstraint named = *c;
                if (named.name.isEmpty()) // a stable name makes the guard exact
                    named.name = guards::generatedCheckName(f.table, c->expression);
                return addConstraint(f, Phase::Checks, guards::checkMatches(named),
                                     fixddl::checkSql(kPg, named), named.name, kAccessExclusive,
                                     QStringLiteral("check constraint"));
            }
            break;
        case FindingKind::MissingPrimaryKey:
            if (want->primaryKey)
                return addPrimaryKey(f, *want->primaryKey);
            break;
        case FindingKind::TypeMismatch:
            return changeType(f, *want, *have);
        case FindingKind::NullabilityMismatch:
            return changeNullability(f);
        case FindingKind::DefaultMismatch:
            return changeDefault(f, *want);
        case FindingKind::ExtraTable:
        case FindingKind::ExtraColumn:
        case FindingKind::ExtraIndex:
        case FindingKind::ExtraForeignKey:
            return planPostgresDrop(m_c, f, *have);
        }
        m_c.leave(f, QStringLiteral("the expected object was not found in the expected schema"));
    }

    /// A table of a schema the database does not have yet (a revision's `CREATE SCHEMA`
    /// in op.execute): the schema comes first, before its types and tables.
    void ensureSchema(const Finding &f)
    {
        if (m_c.actualNamespace(f.schema) || m_createdSchemas.contains(f.schema))
            return;
        m_createdSchemas.insert(f.schema);
        FixStatement s = statementFor(
            f, QStringLiteral("CREATE SCHEMA IF NOT EXISTS ") + quoteIdentifier(kPg, f.schema),
            QStringLiteral("create schema ") + f.schema);
        m_c.add(Phase::Types, s);
    }

    /// Enum types the expected columns use that the database lacks, created first.
    void ensureTypes(const Finding &f, const QList<Column> &columns)
    {
        ensureSchema(f);
        const Namespace *want = expectedNs(f.schema);
        const Namespace *have = m_c.actualNamespace(f.schema);
        if (!want)
            return;
        for (const Column &column : columns) {
            QString base = column.type;
            while (base.endsWith(QLatin1String("[]")))
                base.chop(2);
            base = unquotedTypeName(typeWithoutSchema(base, f.schema));
            for (const EnumType &e : want->enums) {
                const bool exists =
                    have && std::any_of(have->enums.cbegin(), have->enums.cend(),
                                        [&](const EnumType &h) { return h.name == e.name; });
                if (e.name != base || exists || m_createdTypes.contains(e.name))
                    continue;
                m_createdTypes.insert(e.name);
                QStringList labels;
                for (const QString &label : e.labels)
                    labels.append(quoteLiteral(label));
                FixStatement s = statementFor(
                    f,
                    doBlock(QStringLiteral("    CREATE TYPE %1 AS ENUM (%2);\nEXCEPTION WHEN "
                                           "duplicate_object THEN NULL; -- already there\n")
                                .arg(qualifiedName(kPg, f.schema, e.name),
                                     labels.join(QStringLiteral(", ")))),
                    QStringLiteral("create enum type ") + objectPath(f.schema, e.name));
                m_c.add(Phase::Types, s);
            }
        }
    }

    void createTable(const Finding &f, const Table &table)
    {
        ensureTypes(f, table.columns); // and the schema
        // Keys to tables that exist already (or to itself) go inline; keys to tables this
        // plan creates are added after every table exists.
        QList<ForeignKey> inlineKeys;
        for (const ForeignKey &raw : table.foreignKeys) {
            const ForeignKey fk = resolvedForeignKey(m_c.expected, f.schema, raw);
            const bool self = fk.referencedSchema == f.schema && fk.referencedTable == table.name;
            if (self || m_c.actual.table(fk.referencedSchema, fk.referencedTable)) {
                inlineKeys.append(fk);
                continue;
            }
            addConstraint(f, Phase::ForeignKeys, guards::foreignKeyMatches(fk),
                          fixddl::foreignKeySql(kPg, f.schema, fk), fk.name, kShareRowExclusive,
                          QStringLiteral("foreign key"));
        }
        FixStatement s = statementFor(
            f, fixddl::createTableSql(kPg, expectedNs(f.schema), f.schema, table, inlineKeys, true),
            QStringLiteral("create table ") + objectPath(f.schema, table.name));
        s.lockLevel = inlineKeys.isEmpty()
                          ? kAccessExclusive
                          : kShareRowExclusive + QStringLiteral(" on referenced tables");
        m_c.add(Phase::CreateTables, s);
        for (const Index &index : table.indexes)
            addIndex(f, table, index, false);
    }

    void addColumn(const Finding &f, const Table &table)
    {
        const Column *column = table.column(f.object);
        if (!column)
            return m_c.leave(f, QStringLiteral("the column is not in the expected schema"));
        ensureTypes(f, {*column});
        FixStatement s =
            statementFor(f,
                         QStringLiteral("ALTER TABLE %1 ADD COLUMN IF NOT EXISTS %2")
                             .arg(tableSql(f.schema, f.table),
                                  fixddl::columnSql(kPg, expectedNs(f.schema), table, *column)),
                         QStringLiteral("add column ") + objectPath(f.schema, f.table, f.object));
        s.lockLevel = kAccessExclusive;
        static const QStringList volatileCalls = {
            QStringLiteral("random("), QStringLiteral("clock_timestamp("),
            QStringLiteral("gen_random_uuid("), QStringLiteral("uuid_generate_"),
            QStringLiteral("timeofday(")};
        const bool volatileDefault =
            std::any_of(volatileCalls.cbegin(), volatileCalls.cend(), [&](const QString &call) {
                return column->defaultExpr.contains(call, Qt::CaseInsensitive);
            });
        if (volatileDefault || column->identity != Identity::None || column->autoIncrement ||
            (!column->generatedExpr.isEmpty()))
            s.hazards.append(rowsNote(m_c, f.schema, f.table, QStringLiteral("rewrites")) +
                             QStringLiteral(" (the new column's values are computed per row)"));
        const std::optional<qint64> rows = m_c.rowCount(f.schema, f.table);
        if (!column->nullable && column->defaultExpr.isEmpty() &&
            column->identity == Identity::None && !column->autoIncrement &&
            column->generatedExpr.isEmpty() && (!rows || *rows > 0))
            s.hazards.append(
                QStringLiteral("NOT NULL without a default: fails on a non-empty table (") +
                (rows ? rowsText(*rows) : QStringLiteral("row count unknown")) + QLatin1Char(')'));
        m_c.add(Phase::AddColumns, s);
    }

    void addIndex(const Finding &f, const Table &owner, const Index &index, bool replace,
                  const QString &seenAs = {})
    {
        const QString &table = owner.name;
        const bool concurrently = m_c.options.concurrentIndexes && !replace;
        const QString create =
            fixddl::createIndexSql(kPg, f.schema, table, index, true, concurrently, &owner);
        FixStatement s = statementFor(
            f, create, QStringLiteral("create index ") + objectPath(f.schema, table, index.name));
        if (replace) {
            s.summary = QStringLiteral("replace index ") + objectPath(f.schema, table, index.name) +
                        QStringLiteral(" (now ") + seenAs + QLatin1Char(')');
            s.sql = doBlock(
                QStringLiteral(
                    "    IF EXISTS (%1) THEN\n        DROP INDEX %2;\n    END IF;\n    %3;\n")
                    .arg(guards::indexNamedButDifferent(f.schema, table, asCatalogueSpells(index, owner)),
                         qualifiedName(kPg, f.schema, index.name), create));
        }
        s.inTransaction = !concurrently;
        s.lockLevel = concurrently ? QStringLiteral("SHARE UPDATE EXCLUSIVE")
                                   : QStringLiteral("SHARE (blocks writes)");
        s.hazards.append(rowsNote(m_c, f.schema, table, QStringLiteral("builds the index over")));
        if (index.unique)
            s.hazards.append(QStringLiteral("fails if duplicate values exist"));
        if (concurrently)
            s.hazards.append(
                QStringLiteral("CONCURRENTLY: runs outside the transaction, after the "
                               "commit; a failed build leaves an INVALID index to drop"));
        if (!concurrently)
            warnIfBig(s, f.schema, table, QStringLiteral("writes"));
        if (replace && m_c.options.concurrentIndexes)
            s.hazards.append(QStringLiteral("replaced inside the transaction (DROP and CREATE in "
                                            "one guarded block cannot run CONCURRENTLY)"));
        m_c.add(Phase::Indexes, s);
    }

    /// The index with column parts spelled as the catalogue query spells them (raw name and
    /// order), whichever way the script wrote them (`"a b" DESC`).
    static Index asCatalogueSpells(Index index, const Table &owner)
    {
        for (QString &part : index.columns) {
            const IndexKeyPart key = splitIndexPart(part, owner);
            if (!key.column.isEmpty())
                part = key.column + key.order;
        }
        return index;
    }

    void createIndex(const Finding &f, const Table &want, const Table &have)
    {
        const Index *index = want.index(f.object);
        if (!index)
            return m_c.leave(f, QStringLiteral("the index is not in the expected schema"));
        const Index *same = have.index(f.object);
        addIndex(f, want, *index, same != nullptr,
                 same ? describe::indexSummary(*same) : QString());
    }

    /// A guarded ADD CONSTRAINT: by name when it has one, by content when it has none; a
    /// same-named constraint with another definition is dropped first (the diff reported
    /// it as missing with both definitions).
    void addConstraint(const Finding &f, Phase phase, const QString &matches, const QString &sql,
                       const QString &name, const QString &lock, const QString &what,
                       const QString &table = {})
    {
        const QString owner = table.isEmpty() ? f.table : table;
        const QString rel = guards::regclass(f.schema, owner);
        QString body;
        if (!name.isEmpty() && !f.actual.isEmpty() && table.isEmpty() &&
            f.kind != FindingKind::TypeMismatch)
            body += QStringLiteral("    IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE "
                                   "c.conrelid = %1 AND c.conname = %2 AND NOT (%3)) THEN\n"
                                   "        ALTER TABLE %4 DROP CONSTRAINT %5;\n    END IF;\n")
                        .arg(rel, quoteLiteral(name), matches, tableSql(f.schema, owner),
                             quoteIdentifier(kPg, name));
        const QString exists =
            name.isEmpty() ? matches : QStringLiteral("c.conname = ") + quoteLiteral(name);
        body += QStringLiteral(
                    "    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE "
                    "c.conrelid = %1 AND %2) THEN\n        ALTER TABLE %3 ADD %4;\n    END IF;\n")
                    .arg(rel, exists, tableSql(f.schema, owner), sql);
        FixStatement s =
            statementFor(f, doBlock(body),
                         QStringLiteral("add %1 %2").arg(what, objectPath(f.schema, owner, name)));
        s.lockLevel = lock;
        s.hazards.append(rowsNote(m_c, f.schema, owner, QStringLiteral("checks")) +
                         QStringLiteral("; fails if existing rows violate it"));
        if (!f.actual.isEmpty() && f.kind != FindingKind::TypeMismatch && table.isEmpty())
            s.hazards.append(QStringLiteral("replaces the same-named constraint now defined as ") +
                             f.actual);
        warnIfBig(s, f.schema, owner,
                  lock == kAccessExclusive ? QStringLiteral("reads and writes")
                                           : QStringLiteral("writes"));
        m_c.add(phase, s);
    }

    void addPrimaryKey(const Finding &f, const PrimaryKey &key)
    {
        const QString body =
            QStringLiteral("    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE "
                           "c.conrelid = %1 AND c.contype = 'p') THEN\n        ALTER TABLE %2 ADD "
                           "%3;\n    END IF;\n")
                .arg(guards::regclass(f.schema, f.table), tableSql(f.schema, f.table),
                     fixddl::primaryKeySql(kPg, key));
        FixStatement s =
            statementFor(f, doBlock(body),
                         QStringLiteral("add primary key to ") + objectPath(f.schema, f.table));
        s.lockLevel = kAccessExclusive;
        s.hazards.append(
            rowsNote(m_c, f.schema, f.table, QStringLiteral("builds a unique index over")) +
            QStringLiteral(" and sets its columns NOT NULL; fails on duplicates or NULLs"));
        warnIfBig(s, f.schema, f.table, QStringLiteral("reads and writes"));
        m_c.add(Phase::PrimaryKeys, s);
    }

    /// Every FK that pins a column whose type changes — its own keys and keys in other
    /// tables that reference it — is dropped before all type changes and recreated after,
    /// so that both ends of a key can change (uuid ↔ varchar(36): documents.id and
    /// document_questions.document_id) before the key is checked again.
    void collectDependentKeys(const QList<Finding> &findings)
    {
        for (const Finding &f : findings) {
            if (f.kind != FindingKind::TypeMismatch)
                continue;
            const QString guard =
                QStringLiteral("NOT ") +
                guards::columnHasType(f.schema, f.table, f.object, f.expected,
                                      fixddl::typeSql(kPg, expectedNs(f.schema), f.expected));
            for (const Namespace &ns : m_c.actual.namespaces) {
                for (const Table &table : ns.tables) {
                    for (const ForeignKey &raw : table.foreignKeys) {
                        const ForeignKey fk = resolvedForeignKey(m_c.actual, ns.name, raw);
                        const bool own = ns.name == f.schema && table.name == f.table &&
                                         fk.columns.contains(f.object);
                        const bool referencing = fk.referencedSchema == f.schema &&
                                                 fk.referencedTable == f.table &&
                                                 fk.referencedColumns.contains(f.object);
                        if ((!own && !referencing) || fk.name.isEmpty())
                            continue;
                        auto found = std::find_if(
                            m_dependent.begin(), m_dependent.end(), [&](const DependentKey &d) {
                                return d.schema == ns.name && d.table == table.name &&
                                       d.key.name == fk.name;
                            });
                        if (found == m_dependent.end())
                            m_dependent.append({ns.name, table.name, fk, {guard}, &f});
                        else if (!found->guards.contains(guard))
                            found->guards.append(guard);
                    }
                }
            }
        }
    }

    void dropAndRecreate(const DependentKey &d)
    {
        const Finding &f = *d.finding;
        const QString body =
            QStringLiteral("    IF %1 THEN\n        ALTER TABLE %2 DROP CONSTRAINT IF EXISTS %3;\n "
                           "   END IF;\n")
                .arg(d.guards.join(QStringLiteral("\n       OR ")), tableSql(d.schema, d.table),
                     quoteIdentifier(kPg, d.key.name));
        FixStatement drop = statementFor(
            f, doBlock(body),
            QStringLiteral("drop foreign key %1 while %2 changes type (recreated after)")
                .arg(objectPath(d.schema, d.table, d.key.name),
                     objectPath(f.schema, f.table, f.object)));
        drop.lockLevel = kAccessExclusive;
        m_c.add(Phase::DropDependentKeys, drop);
        Finding owner = f;
        owner.schema = d.schema; // the key lives on its own table
        addConstraint(owner, Phase::ForeignKeys, guards::foreignKeyMatches(d.key),
                      fixddl::foreignKeySql(kPg, d.schema, d.key), d.key.name, kShareRowExclusive,
                      QStringLiteral("foreign key (recreated)"), d.table);
        m_c.phases[Phase::ForeignKeys].last().finding = f;
    }

    void changeType(const Finding &f, const Table &want, const Table &have)
    {
        const Column *wanted = want.column(f.object);
        const Column *current = have.column(f.object);
        if (!wanted || !current)
            return m_c.leave(f, QStringLiteral("the column is not in both schemas"));
        ensureTypes(f, {*wanted});
        const QString type = fixddl::typeSql(kPg, expectedNs(f.schema), f.expected);
        const QString column = quoteIdentifier(kPg, f.object);
        const QString table = tableSql(f.schema, f.table);
        // A cast to varchar(n)/char(n) would truncate silently; through text, the assignment
        // to the column raises "value too long" instead, so nothing is cut off.
        const QString base = f.expected.section(QLatin1Char('('), 0, 0);
        const bool bounded = (base == QLatin1String("varchar") || base == QLatin1String("char")) &&
                             f.expected.contains(QLatin1Char('('));
        const QString usingExpr =
            column + QStringLiteral("::") + (bounded ? QStringLiteral("text") : type);
        const bool plainDefault = !current->defaultExpr.isEmpty() &&
                                  !current->defaultExpr.contains(QLatin1String("nextval("));
        QString steps;
        if (plainDefault) // the old default may not cast to the new type
            steps += QStringLiteral("        ALTER TABLE %1 ALTER COLUMN %2 DROP DEFAULT;\n")
                         .arg(table, column);
        steps += QStringLiteral("        ALTER TABLE %1 ALTER COLUMN %2 TYPE %3 USING %4;\n")
                     .arg(table, column, type, usingExpr);
        if (plainDefault && !wanted->defaultExpr.isEmpty() &&
            !wanted->defaultExpr.contains(QLatin1String("nextval(")))
            steps += QStringLiteral("        ALTER TABLE %1 ALTER COLUMN %2 SET DEFAULT %3;\n")
                         .arg(table, column, wanted->defaultExpr);
        // A serial's sequence is typed too (AS integer since PG 10): widen it with the column,
        // or it runs out at the old maximum. Identity sequences follow their column already.
        static const QStringList integers = {QStringLiteral("smallint"), QStringLiteral("integer"),
                                             QStringLiteral("bigint")};
        if (current->autoIncrement && current->identity == Identity::None &&
            integers.contains(f.expected)) {
            const QString sequence = QStringLiteral("pg_catalog.pg_get_serial_sequence(%1, %2)")
                                         .arg(quoteLiteral(table), quoteLiteral(f.object));
            steps += QStringLiteral(
                         "        IF %1 IS NOT NULL THEN\n            EXECUTE "
                         "pg_catalog.format('ALTER SEQUENCE %s AS %2', %1);\n        END IF;\n")
                         .arg(sequence, f.expected);
        }
        const QString body =
            QStringLiteral("    IF NOT %1 THEN\n%2    END IF;\n")
                .arg(guards::columnHasType(f.schema, f.table, f.object, f.expected, type), steps);
        FixStatement s =
            statementFor(f, doBlock(body),
                         QStringLiteral("change type of %1 from %2 to %3")
                             .arg(objectPath(f.schema, f.table, f.object), f.actual, f.expected));
        s.lockLevel = kAccessExclusive;
        const bool binaryCoercible =
            f.actual.startsWith(QLatin1String("varchar")) &&
            (f.expected == QLatin1String("text") || base == QLatin1String("varchar")) &&
            drift::isTypeWidening(f.actual, f.expected);
        s.hazards.append(binaryCoercible
                             ? QStringLiteral("no rewrite (binary-coercible widening)")
                             : rowsNote(m_c, f.schema, f.table, QStringLiteral("rewrites")) +
                                   QStringLiteral(" and rebuilds its indexes under the lock"));
        s.hazards.append(unconvertibleNote(f));
        const int keys =
            static_cast<int>(std::count_if(m_dependent.cbegin(), m_dependent.cend(),
                                           [&](const DependentKey &d) { return d.finding == &f; }));
        if (keys > 0)
            s.hazards.append(
                QStringLiteral("%1 dependent foreign key(s) dropped before and recreated after")
                    .arg(keys));
        if (!binaryCoercible)
            warnIfBig(s, f.schema, f.table, QStringLiteral("reads and writes"));
        if (const Namespace *ns = m_c.actualNamespace(f.schema)) {
            for (const View &view : ns->views) {
                if (view.definition.contains(f.table) && view.definition.contains(f.object))
                    s.hazards.append(
                        QStringLiteral("view %1 may use the column: PostgreSQL refuses "
                                       "to change a column a view depends on")
                            .arg(objectPath(f.schema, view.name)));
            }
        }
        m_c.add(Phase::ChangeTypes, s);
    }

    QString unconvertibleNote(const Finding &f)
    {
        if (!m_c.facts)
            return QStringLiteral(
                       "values that do not convert to %1 make it fail (not counted: no database)")
                .arg(f.expected);
        const std::optional<qint64> bad =
            m_c.facts->unconvertibleRows(f.schema, f.table, f.object, f.expected);
        if (!bad)
            return QStringLiteral("could not count the values that would not convert to ") +
                   f.expected;
        if (*bad == 0)
            return QStringLiteral("every value of %1 converts to %2 (counted)")
                .arg(objectPath(f.schema, f.table, f.object), f.expected);
        return QStringLiteral(
                   "%1 of %2 would not convert to %3: the change fails until they are corrected")
            .arg(rowsText(*bad), objectPath(f.schema, f.table, f.object), f.expected);
    }

    void changeNullability(const Finding &f)
    {
        const bool setNotNull = f.expected == QLatin1String("NOT NULL");
        FixStatement s = statementFor(
            f,
            QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 %3")
                .arg(tableSql(f.schema, f.table), quoteIdentifier(kPg, f.object),
                     setNotNull ? QStringLiteral("SET NOT NULL") : QStringLiteral("DROP NOT NULL")),
            QStringLiteral("%1 %2").arg(setNotNull ? QStringLiteral("set NOT NULL on")
                                                   : QStringLiteral("drop NOT NULL on"),
                                        objectPath(f.schema, f.table, f.object)));
        s.lockLevel = kAccessExclusive;
        if (setNotNull) {
            s.hazards.append(rowsNote(m_c, f.schema, f.table, QStringLiteral("scans")) +
                             QStringLiteral("; fails if any value is NULL"));
            warnIfBig(s, f.schema, f.table, QStringLiteral("reads and writes"));
        }
        m_c.add(Phase::Nullability, s);
    }

    void changeDefault(const Finding &f, const Table &want)
    {
        const Column *column = want.column(f.object);
        if (!column)
            return m_c.leave(f, QStringLiteral("the column is not in the expected schema"));
        const QString action = column->defaultExpr.isEmpty()
                                   ? QStringLiteral("DROP DEFAULT")
                                   : QStringLiteral("SET DEFAULT ") + column->defaultExpr;
        FixStatement s = statementFor(
            f,
            QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 %3")
                .arg(tableSql(f.schema, f.table), quoteIdentifier(kPg, f.object), action),
            (column->defaultExpr.isEmpty() ? QStringLiteral("drop default of ")
                                           : QStringLiteral("set default of ")) +
                objectPath(f.schema, f.table, f.object));
        s.lockLevel = kAccessExclusive;
        s.hazards.append(QStringLiteral("brief lock; existing rows are not changed"));
        m_c.add(Phase::Defaults, s);
    }

    PlanContext &m_c;
    QList<DependentKey> m_dependent;
    QSet<QString> m_createdTypes;
    QSet<QString> m_createdSchemas;
};

} // namespace

void planPostgres(PlanContext &context, const QList<Finding> &findings)
{
    PostgresPlanner(context).run(findings);
}

} // namespace migconsole::fixplan
