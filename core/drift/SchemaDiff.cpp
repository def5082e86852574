// Expected vs actual schema → findings. Objects are matched by name and, failing that, by
// a normalised definition (SqlNormaliser.h), so what is equal but spelled differently —
// an alias type, a cast default, a renamed index, an unnamed constraint — is no finding.

#include "drift/SchemaDiff.h"

#include "db/SqlQuoting.h"
#include "drift/SqlNormaliser.h"
#include "drift/TypeWidening.h"
#include "report/ObjectDescriptions.h"
#include "schema/CanonicalType.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace migconsole {

namespace {

using drift::isTypeWidening;

/// A column's default as compared: the normalised text, what to show, and whether it is
/// sequence / identity / generation machinery that SET DEFAULT cannot repair.
struct EffectiveDefault
{
    QString key;
    QString display;
    bool machinery = false;
};

/// Normalising tokenises and rewrites each expression; a 10,000-table diff asked for the
/// same few thousand texts (now(), false, plain column names) some 200,000 times, most of
/// its time. Each distinct text is normalised once per diff.
class NormaliseMemo
{
public:
    QString expression(const QString &sql) { return memo(m_expressions, sql, drift::normaliseExpression); }
    QString indexPart(const QString &part) { return memo(m_indexParts, part, drift::normaliseIndexPart); }
    QString type(Dialect dialect, const QString &text)
    {
        QHash<QString, QString> &cache = m_types[int(dialect)];
        const auto it = cache.constFind(text);
        if (it != cache.constEnd())
            return *it;
        return *cache.insert(text, canonicalType(dialect, text));
    }
    QString defaultValue(const QString &sql, const QString &canonicalType)
    {
        const QString key = canonicalType + QLatin1Char('\x1f') + sql;
        const auto it = m_defaults.constFind(key);
        if (it != m_defaults.constEnd())
            return *it;
        return *m_defaults.insert(key, drift::normaliseDefault(sql, canonicalType));
    }

private:
    static QString memo(QHash<QString, QString> &cache, const QString &text,
                        QString (*normalise)(const QString &))
    {
        const auto it = cache.constFind(text);
        if (it != cache.constEnd())
            return *it;
        return *cache.insert(text, normalise(text));
    }

    QHash<QString, QString> m_expressions;
    QHash<QString, QString> m_indexParts;
    QHash<QString, QString> m_defaults;
    QHash<QString, QString> m_types[3]; ///< by Dialect
};

template <typename T> struct Unmatched
{
    QList<const T *> expected;
    QList<const T *> actual;
};

class Differ
{
public:
    Differ(const Schema &expected, const Schema &actual, const OriginMap *origins,
           const DiffOptions &options)
        : m_expected(expected), m_actual(actual), m_origins(origins), m_options(options),
          m_dialect(actual.dialect)
    {
    }

    QList<Finding> run()
    {
        QStringList names = m_options.namespaces;
        if (names.isEmpty()) {
            for (const Namespace &ns : m_expected.namespaces)
                names.append(ns.name);
        }
        for (const QString &name : std::as_const(names))
            diffNamespace(name, m_expected.findNamespace(name), m_actual.findNamespace(name));
        std::stable_sort(m_findings.begin(), m_findings.end(), findingLessThan);
        return m_findings;
    }

private:
    /// SQLite folds ASCII identifiers; PostgreSQL names are exact once unquoted ones fold.
    QString nameKey(const QString &name) const
    {
        if (m_dialect != Dialect::SQLite)
            return name;
        QString out = name;
        for (QChar &c : out) {
            if (c.unicode() < 0x80)
                c = c.toLower();
        }
        return out;
    }

    QString namesKey(const QStringList &names) const
    {
        QStringList keys;
        for (const QString &n : names)
            keys.append(nameKey(n));
        return keys.join(QLatin1Char('\x1f')); // names may contain commas
    }

    bool ignored(const QString &ns, const QString &table) const
    {
        for (const QString &entry : m_options.ignoreTables) {
            if (nameKey(entry) == nameKey(table) ||
                nameKey(entry) == nameKey(ns + QLatin1Char('.') + table))
                return true;
        }
        return false;
    }

    void add(FindingKind kind, const QString &ns, const QString &table, const QString &object,
             const QString &expected, const QString &actual, bool fixable)
    {
        Finding f;
        f.kind = kind;
        f.schema = ns;
        f.table = table;
        f.object = object;
        f.expected = expected;
        f.actual = actual;
        f.severity = defaultSeverity(kind);
        f.fixable = fixable;
        // Extras are by definition in no script; everything else is an expected object.
        if (m_origins && defaultSeverity(kind) != Severity::Info)
            f.origin = m_origins->object(ns, table, findingObject(kind), object);
        m_findings.append(f);
    }

    void diffNamespace(const QString &ns, const Namespace *expected, const Namespace *actual)
    {
        QSet<QString> seen;
        if (expected) {
            for (const Table &table : expected->tables) {
                if (ignored(ns, table.name))
                    continue;
                seen.insert(nameKey(table.name));
                const Table *live = actual ? findTable(*actual, table.name) : nullptr;
                if (!live)
                    add(FindingKind::MissingTable, ns, table.name, {}, {}, {}, true);
                else
                    diffTable(ns, table, *live);
            }
        }
        if (!actual || !m_options.reportExtras)
            return;
        for (const Table &table : actual->tables) {
            if (!ignored(ns, table.name) && !seen.contains(nameKey(table.name)))
                add(FindingKind::ExtraTable, ns, table.name, {}, {}, {}, false);
        }
    }

    /// A namespace's table by name as the dialect compares names. Indexed on first use: every
    /// expected table and every foreign key looks one up, and a scan each time made a
    /// 10,000-table diff quadratic.
    const Table *findTable(const Namespace &ns, const QString &name) const
    {
        auto index = m_tableIndex.find(&ns);
        if (index == m_tableIndex.end()) {
            QHash<QString, const Table *> byKey;
            byKey.reserve(ns.tables.size());
            for (const Table &t : ns.tables) {
                const QString key = nameKey(t.name);
                if (!byKey.contains(key)) // the first of equal names, as a scan found
                    byKey.insert(key, &t);
            }
            index = m_tableIndex.insert(&ns, byKey);
        }
        return index->value(nameKey(name));
    }

    void diffTable(const QString &ns, const Table &expected, const Table &actual)
    {
        QSet<QString> seen;
        for (const Column &column : expected.columns) {
            seen.insert(nameKey(column.name));
            const Column *live = nullptr;
            for (const Column &c : actual.columns) {
                if (nameKey(c.name) == nameKey(column.name))
                    live = &c;
            }
            if (!live)
                add(FindingKind::MissingColumn, ns, expected.name, column.name,
                    columnType(ns, m_expected.dialect, column), {}, true);
            else
                diffColumn(ns, expected, column, actual, *live);
        }
        if (m_options.reportExtras) {
            for (const Column &column : actual.columns) {
                if (!seen.contains(nameKey(column.name)))
                    add(FindingKind::ExtraColumn, ns, expected.name, column.name, {},
                        columnType(ns, m_dialect, column), false);
            }
        }
        diffPrimaryKey(ns, expected, actual);
        diffIndexesAndUniques(ns, expected, actual);
        diffChecks(ns, expected, actual);
        diffForeignKeys(ns, expected, actual);
    }

    /// Canonical type without the qualifier of the table's own namespace (PostgreSQL
    /// prints user types as "public.status" under an empty search_path).
    QString columnType(const QString &ns, Dialect dialect, const Column &column) const
    {
        // The schema's own types compare bare, however the schema name is spelled.
        return typeWithoutSchema(m_normalised.type(dialect, column.type), ns);
    }

    bool effectivelyNullable(const Table &table, const Column &column) const
    {
        bool inKey = false;
        if (table.primaryKey) {
            const QString key = nameKey(column.name);
            for (const QString &name : table.primaryKey->columns)
                inKey = inKey || nameKey(name) == key;
        }
        return column.nullable && column.identity == Identity::None && !inKey;
    }

    EffectiveDefault effectiveDefault(const Column &column, const QString &type) const
    {
        if (column.identity != Identity::None) {
            const bool always = column.identity == Identity::Always;
            const QString text = always ? QStringLiteral("GENERATED ALWAYS AS IDENTITY")
                                        : QStringLiteral("GENERATED BY DEFAULT AS IDENTITY");
            return {text.toLower(), text, true};
        }
        if (!column.generatedExpr.isEmpty()) {
            const QString storage =
                column.generatedStored ? QStringLiteral("STORED") : QStringLiteral("VIRTUAL");
            return {QStringLiteral("generated (%1) %2")
                        .arg(m_normalised.expression(column.generatedExpr), storage),
                    QStringLiteral("GENERATED ALWAYS AS (%1) %2")
                        .arg(column.generatedExpr, storage),
                    true};
        }
        const QString key = m_normalised.defaultValue(column.defaultExpr, type);
        // serial = integer + autoIncrement + nextval('…_seq'): whatever the sequence's name
        // or qualification, and whether the side spells the default out or not. SQLite's
        // autoIncrement (the rowid alias) involves no default at all.
        // A replayer may also keep "serial" as the type and set nothing else.
        static const QRegularExpression serialType(
            QStringLiteral("^\\s*(big|small)?serial[248]?\\s*$"),
            QRegularExpression::CaseInsensitiveOption);
        const bool autoIncrement =
            column.autoIncrement || serialType.match(column.type).hasMatch();
        const bool sequence = key.startsWith(QLatin1String("nextval (")) ||
                              (key.isEmpty() && autoIncrement && m_dialect != Dialect::SQLite);
        if (sequence)
            return {QStringLiteral("nextval"),
                    column.defaultExpr.isEmpty() ? QStringLiteral("nextval(…) (serial)")
                                                 : column.defaultExpr,
                    true};
        return {key, column.defaultExpr, false};
    }

    void diffColumn(const QString &ns, const Table &expectedTable, const Column &expected,
                    const Table &actualTable, const Column &actual)
    {
        const QString table = expectedTable.name;
        const QString expectedType = columnType(ns, m_expected.dialect, expected);
        const QString actualType = columnType(ns, m_dialect, actual);
        if (expectedType != actualType)
            add(FindingKind::TypeMismatch, ns, table, expected.name, expectedType, actualType,
                isTypeWidening(actualType, expectedType));

        const bool expectedNullable = effectivelyNullable(expectedTable, expected);
        if (expectedNullable != effectivelyNullable(actualTable, actual)) {
            const QString null = QStringLiteral("NULL");
            const QString notNull = QStringLiteral("NOT NULL");
            add(FindingKind::NullabilityMismatch, ns, table, expected.name,
                expectedNullable ? null : notNull, expectedNullable ? notNull : null, true);
        }

        const EffectiveDefault want = effectiveDefault(expected, expectedType);
        const EffectiveDefault have = effectiveDefault(actual, actualType);
        if (want.key != have.key)
            add(FindingKind::DefaultMismatch, ns, table, expected.name, want.display,
                have.display, !want.machinery && !have.machinery);
    }

    void diffPrimaryKey(const QString &ns, const Table &expected, const Table &actual)
    {
        if (!expected.primaryKey)
            return;
        const PrimaryKey &want = *expected.primaryKey;
        if (!actual.primaryKey) {
            add(FindingKind::MissingPrimaryKey, ns, expected.name, want.name,
                describe::primaryKeySummary(want), {}, true);
        } else if (namesKey(want.columns) != namesKey(actual.primaryKey->columns)) {
            add(FindingKind::MissingPrimaryKey, ns, expected.name, want.name,
                describe::primaryKeySummary(want),
                describe::primaryKeySummary(*actual.primaryKey), false);
        }
    }

    /// Takes out every pair (expected, actual) whose keys are equal and not empty.
    template <typename A, typename B, typename KeyA, typename KeyB>
    static void pairOff(QList<const A *> &expected, QList<const B *> &actual, KeyA keyA, KeyB keyB)
    {
        for (qsizetype i = 0; i < expected.size();) {
            const QString key = keyA(*expected.at(i));
            const auto found = std::find_if(actual.begin(), actual.end(), [&](const B *b) {
                return !key.isEmpty() && keyB(*b) == key;
            });
            if (found == actual.end()) {
                ++i;
                continue;
            }
            actual.erase(found);
            expected.removeAt(i);
        }
    }

    /// Pass 1 pairs objects with the same name and definition, pass 2 the same definition
    /// under any name (an unnamed constraint, a renamed index).
    template <typename T, typename Name, typename Definition>
    static Unmatched<T> match(const QList<T> &expected, const QList<T> &actual, Name name,
                              Definition definition)
    {
        Unmatched<T> out;
        for (const T &e : expected)
            out.expected.append(&e);
        for (const T &a : actual)
            out.actual.append(&a);
        const auto named = [&](const T &o) {
            return name(o).isEmpty() ? QString() : name(o) + QLatin1Char('\n') + definition(o);
        };
        pairOff(out.expected, out.actual, named, named);
        pairOff(out.expected, out.actual, definition, definition);
        return out;
    }

    /// The unmatched actual object with the same (non-empty) name, taken out of the list.
    template <typename T, typename Name>
    static const T *takeSameName(QList<const T *> &actual, const QString &name, Name nameOf)
    {
        for (qsizetype i = 0; !name.isEmpty() && i < actual.size(); ++i) {
            if (nameOf(*actual.at(i)) == name)
                return actual.takeAt(i);
        }
        return nullptr;
    }

    /// A key part as compared: a column (raw name, see splitIndexPart) by its name key,
    /// quoted so that `Größe`, `a b` or `🚀` read as one name and case counts where the
    /// dialect says it does; an expression normalised.
    QString partKey(const QString &part) const
    {
        const IndexKeyPart key = splitIndexPart(part, [this](const QString &name) {
            return m_partColumns.contains(nameKey(name));
        });
        if (key.column.isEmpty())
            return m_normalised.indexPart(part);
        return m_normalised.indexPart(quoteIdentifier(Dialect::PostgreSQL, nameKey(key.column)) +
                                      key.order);
    }

    QString indexDefinition(const Index &index) const
    {
        QStringList parts;
        for (const QString &part : index.columns)
            parts.append(partKey(part));
        QStringList include;
        for (const QString &column : index.include)
            include.append(nameKey(column));
        return QStringLiteral("%1%2 (%3) include (%4) where %5%6")
            .arg(index.unique ? QStringLiteral("unique ") : QString(),
                 index.method.isEmpty() ? QStringLiteral("btree") : index.method.toLower(),
                 parts.join(QStringLiteral(", ")), include.join(QLatin1Char('\x1f')),
                 m_normalised.expression(index.predicate),
                 index.valid ? QString() : QStringLiteral(" invalid"));
    }

    /// The columns of a plain unique btree index over columns, as a set; empty for any
    /// other index.
    QString uniqueIndexColumns(const Index &index) const
    {
        if (!index.unique || !index.valid || !index.predicate.isEmpty() ||
            !index.include.isEmpty() ||
            (!index.method.isEmpty() && index.method.compare(QLatin1String("btree"), Qt::CaseInsensitive) != 0))
            return {};
        QStringList columns;
        for (const QString &part : index.columns) {
            const IndexKeyPart key = splitIndexPart(part, [this](const QString &name) {
                return m_partColumns.contains(nameKey(name));
            });
            if (key.column.isEmpty() || !key.order.isEmpty())
                return {};
            columns.append(nameKey(key.column));
        }
        columns.sort();
        return columns.join(QLatin1Char('\x1f'));
    }

    QString uniqueDefinition(const UniqueConstraint &unique) const
    {
        QStringList columns;
        for (const QString &column : unique.columns)
            columns.append(nameKey(column));
        columns.sort(); // a set: UNIQUE (a, b) and UNIQUE (b, a) enforce the same thing
        return columns.join(QLatin1Char('\x1f'));
    }

    void diffIndexesAndUniques(const QString &ns, const Table &expected, const Table &actual)
    {
        // A key part naming a column of either side is that column (see partKey).
        m_partColumns.clear();
        for (const Table *side : {&expected, &actual}) {
            for (const Column &column : side->columns)
                m_partColumns.insert(nameKey(column.name));
        }
        const auto indexName = [this](const Index &i) { return nameKey(i.name); };
        const auto indexDef = [this](const Index &i) { return indexDefinition(i); };
        const auto uniqueName = [this](const UniqueConstraint &u) { return nameKey(u.name); };
        const auto uniqueDef = [this](const UniqueConstraint &u) { return uniqueDefinition(u); };
        const auto uniqueIndex = [this](const Index &i) { return uniqueIndexColumns(i); };
        auto indexes = match(expected.indexes, actual.indexes, indexName, indexDef);
        auto uniques = match(expected.uniques, actual.uniques, uniqueName, uniqueDef);
        // A UNIQUE constraint and a plain unique index over the same columns enforce the
        // same rule (in SQLite they are the same thing): either satisfies the other.
        pairOff(uniques.expected, indexes.actual, uniqueDef, uniqueIndex);
        pairOff(indexes.expected, uniques.actual, uniqueIndex, uniqueDef);

        for (const Index *index : std::as_const(indexes.expected)) {
            const Index *same = takeSameName(indexes.actual, nameKey(index->name), indexName);
            add(FindingKind::MissingIndex, ns, expected.name, index->name,
                same ? describe::indexSummary(*index) : QString(),
                same ? describe::indexSummary(*same) : QString(), true);
        }
        for (const UniqueConstraint *unique : std::as_const(uniques.expected)) {
            const UniqueConstraint *same =
                takeSameName(uniques.actual, nameKey(unique->name), uniqueName);
            add(FindingKind::MissingUnique, ns, expected.name, unique->name,
                describe::uniqueSummary(*unique), same ? describe::uniqueSummary(*same) : QString(),
                true);
        }
        if (m_options.reportExtras) {
            for (const Index *index : std::as_const(indexes.actual))
                add(FindingKind::ExtraIndex, ns, expected.name, index->name, {}, {}, false);
        }
    }

    void diffChecks(const QString &ns, const Table &expected, const Table &actual)
    {
        const auto name = [this](const CheckConstraint &c) { return nameKey(c.name); };
        const auto definition = [this](const CheckConstraint &c) {
            return m_normalised.expression(c.expression);
        };
        auto checks = match(expected.checks, actual.checks, name, definition);
        for (const CheckConstraint *check : std::as_const(checks.expected)) {
            const CheckConstraint *same = takeSameName(checks.actual, nameKey(check->name), name);
            add(FindingKind::MissingCheck, ns, expected.name, check->name,
                describe::checkSummary(*check), same ? describe::checkSummary(*same) : QString(),
                true);
        }
    }

    /// The key as the database means it: target schema defaulting to the owner's, target
    /// columns defaulting to the target's primary key (looked up in `side`).
    ForeignKey resolved(const Schema &side, const QString &ns, const ForeignKey &fk) const
    {
        ForeignKey out = fk;
        if (out.referencedSchema.isEmpty())
            out.referencedSchema = ns;
        if (out.referencedColumns.isEmpty()) {
            const Namespace *n = side.findNamespace(out.referencedSchema);
            const Table *target = n ? findTable(*n, out.referencedTable) : nullptr;
            if (target && target->primaryKey)
                out.referencedColumns = target->primaryKey->columns;
        }
        return out;
    }

    /// Columns, target, actions and deferral; NOT VALID is not a difference.
    QString foreignKeyDefinition(const ForeignKey &fk) const
    {
        return QStringLiteral("(%1) %2.%3(%4) %5 %6 %7%8")
            .arg(namesKey(fk.columns), nameKey(fk.referencedSchema), nameKey(fk.referencedTable),
                 namesKey(fk.referencedColumns), referentialActionSql(fk.onDelete),
                 referentialActionSql(fk.onUpdate),
                 fk.deferrable ? QStringLiteral("deferrable") : QString(),
                 fk.initiallyDeferred ? QStringLiteral(" deferred") : QString());
    }

    void diffForeignKeys(const QString &ns, const Table &expected, const Table &actual)
    {
        // Each side's keys resolved against its own schema, then matched as usual.
        QList<ForeignKey> want;
        for (const ForeignKey &fk : expected.foreignKeys)
            want.append(resolved(m_expected, ns, fk));
        QList<ForeignKey> have;
        for (const ForeignKey &fk : actual.foreignKeys)
            have.append(resolved(m_actual, ns, fk));
        const auto name = [this](const ForeignKey &fk) { return nameKey(fk.name); };
        const auto definition = [this](const ForeignKey &fk) { return foreignKeyDefinition(fk); };
        auto fks = match(want, have, name, definition);

        const Namespace owner{ns, {}, {}, {}};
        for (const ForeignKey *fk : std::as_const(fks.expected)) {
            const ForeignKey *same = takeSameName(fks.actual, nameKey(fk->name), name);
            add(FindingKind::MissingForeignKey, ns, expected.name, fk->name,
                describe::foreignKeySummary(owner, *fk),
                same ? describe::foreignKeySummary(owner, *same) : QString(), true);
        }
        if (m_options.reportExtras) {
            for (const ForeignKey *fk : std::as_const(fks.actual))
                add(FindingKind::ExtraForeignKey, ns, expected.name, fk->name, {},
                    describe::foreignKeySummary(owner, *fk), false);
        }
    }

    const Schema &m_expected;
    const Schema &m_actual;
    const OriginMap *m_origins;
    const DiffOptions &m_options;
    Dialect m_dialect;
    QList<Finding> m_findings;
    /// findTable's index per namespace; the schemas outlive the diff and are not changed.
    mutable QHash<const Namespace *, QHash<QString, const Table *>> m_tableIndex;
    mutable NormaliseMemo m_normalised;
    QSet<QString> m_partColumns; ///< name keys of the columns of the table being compared
};

} // namespace

QList<Finding> diffSchemas(const Schema &expected, const Schema &actual, const OriginMap *origins,
                           const DiffOptions &options)
{
    return Differ(expected, actual, origins, options).run();
}

} // namespace migconsole
