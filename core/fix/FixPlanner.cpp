// Findings → a plan: decides what is repaired and what is left (with the reason), hands
// the rest to the dialect's planner (PostgresFixSql.cpp, SqliteFixSql.cpp) and lays the
// statements out phase by phase.

#include "fix/FixPlanner.h"

#include "drift/TypeWidening.h"
#include "fix/FixPlanContext.h"
#include "report/ObjectDescriptions.h"

#include <QLocale>

namespace migconsole {

namespace fixplan {

const Namespace *PlanContext::expectedNamespace(const QString &schema) const
{
    return expected.findNamespace(schema);
}

const Namespace *PlanContext::actualNamespace(const QString &schema) const
{
    return actual.findNamespace(schema);
}

const Table *PlanContext::expectedTable(const Finding &finding) const
{
    return expected.table(finding.schema, finding.table);
}

const Table *PlanContext::actualTable(const Finding &finding) const
{
    return actual.table(finding.schema, finding.table);
}

std::optional<qint64> PlanContext::rowCount(const QString &schema, const QString &table) const
{
    return facts ? facts->rowCount(schema, table) : std::nullopt;
}

FixStatement statementFor(const Finding &finding, const QString &sql, const QString &summary)
{
    FixStatement s;
    s.sql = sql;
    s.summary = summary;
    s.finding = finding;
    return s;
}

QString objectPath(const QString &schema, const QString &table, const QString &object)
{
    QString path = schema.isEmpty() ? table : schema + QLatin1Char('.') + table;
    if (!object.isEmpty())
        path += QLatin1Char('.') + object;
    return path;
}

QString rowsText(qint64 rows)
{
    return QLocale(QLocale::English).toString(rows) +
           (rows == 1 ? QStringLiteral(" row") : QStringLiteral(" rows"));
}

QString rowsNote(const PlanContext &context, const QString &schema, const QString &table,
                 const QString &what)
{
    if (context.newTables.contains(objectPath(schema, table)))
        return what + QStringLiteral(" the new, empty table ") + objectPath(schema, table);
    const std::optional<qint64> rows = context.rowCount(schema, table);
    if (!rows)
        return what + QStringLiteral(" every row of ") + objectPath(schema, table) +
               (context.facts ? QStringLiteral(" (row count unknown)")
                              : QStringLiteral(" (not counted: no database)"));
    return what + QLatin1Char(' ') + rowsText(*rows) + QStringLiteral(" of ") +
           objectPath(schema, table);
}

ForeignKey resolvedForeignKey(const Schema &side, const QString &ownerSchema, const ForeignKey &fk)
{
    ForeignKey out = fk;
    if (out.referencedSchema.isEmpty())
        out.referencedSchema = ownerSchema;
    if (out.referencedColumns.isEmpty()) {
        const Table *target = side.table(out.referencedSchema, out.referencedTable);
        if (target && target->primaryKey)
            out.referencedColumns = target->primaryKey->columns;
    }
    return out;
}

const UniqueConstraint *findUnique(const Table &table, const Finding &finding)
{
    for (const UniqueConstraint &u : table.uniques) {
        if (finding.object.isEmpty() ? describe::uniqueSummary(u) == finding.expected
                                     : u.name == finding.object)
            return &u;
    }
    return nullptr;
}

const CheckConstraint *findCheck(const Table &table, const Finding &finding)
{
    for (const CheckConstraint &c : table.checks) {
        if (finding.object.isEmpty() ? describe::checkSummary(c) == finding.expected
                                     : c.name == finding.object)
            return &c;
    }
    return nullptr;
}

std::optional<ForeignKey> findForeignKey(const Schema &side, const Table &table,
                                         const Finding &finding, const QString &text)
{
    const Namespace owner{finding.schema, {}, {}, {}};
    for (const ForeignKey &fk : table.foreignKeys) {
        const ForeignKey resolved = resolvedForeignKey(side, finding.schema, fk);
        if (finding.object.isEmpty() ? describe::foreignKeySummary(owner, resolved) == text
                                     : fk.name == finding.object)
            return resolved;
    }
    return std::nullopt;
}

QString lossyConversionReason(const QString &from, const QString &to)
{
    if (drift::isTypeWidening(from, to))
        return {};
    const auto base = [](const QString &type) { return type.section(QLatin1Char('('), 0, 0); };
    const QString f = base(from);
    const QString t = base(to);
    const QStringList integers = {QStringLiteral("smallint"), QStringLiteral("integer"),
                                  QStringLiteral("bigint")};
    const QStringList fractional = {QStringLiteral("numeric"), QStringLiteral("real"),
                                    QStringLiteral("double precision")};
    if (fractional.contains(f) && integers.contains(t))
        return QStringLiteral("%1 → %2 rounds fractional values silently").arg(from, to);
    if (fractional.contains(f) && t == QLatin1String("numeric") && to.contains(QLatin1Char('(')))
        return QStringLiteral("%1 → %2 rounds values to fewer digits silently").arg(from, to);
    if (f == QLatin1String("double precision") && t == QLatin1String("real"))
        return QStringLiteral("double precision → real loses precision silently");
    const bool fromTimestamp = f.startsWith(QLatin1String("timestamp"));
    if (fromTimestamp && (t == QLatin1String("date") || t.startsWith(QLatin1String("time"))) &&
        !t.startsWith(QLatin1String("timestamp")))
        return QStringLiteral("%1 → %2 drops part of each value silently").arg(from, to);
    if (f == QLatin1String("timestamptz") && t == QLatin1String("timestamp"))
        return QStringLiteral("timestamptz → timestamp drops the time zone silently");
    if (t == QLatin1String("boolean") && (integers.contains(f) || fractional.contains(f)))
        return QStringLiteral("%1 → boolean maps every non-zero value to true").arg(from);
    return {};
}

} // namespace fixplan

namespace {

using fixplan::PlanContext;

/// Why a finding the diff marks unfixable stays unfixed (SchemaDiff.h has the rules).
QString notFixableReason(const Finding &finding)
{
    switch (finding.kind) {
    case FindingKind::MissingPrimaryKey:
        return QStringLiteral("the table has a primary key on other columns; replacing it "
                              "may break the foreign keys that depend on it — decide by hand");
    case FindingKind::DefaultMismatch:
        return QStringLiteral("an identity, generated or sequence (serial) default: SET "
                              "DEFAULT cannot repair it without recreating the column");
    default:
        return QStringLiteral("not repairable without losing data");
    }
}

bool isExtra(FindingKind kind)
{
    return kind == FindingKind::ExtraTable || kind == FindingKind::ExtraColumn ||
           kind == FindingKind::ExtraIndex || kind == FindingKind::ExtraForeignKey;
}

} // namespace

FixPlan planFixes(const Schema &expected, const Schema &actual, const QList<Finding> &findings,
                  const FixOptions &options, FixFacts *facts)
{
    PlanContext context{expected, actual, options, facts, {}, {}, {}};
    QList<Finding> planned;
    for (const Finding &finding : findings) {
        if (finding.kind == FindingKind::MissingTable)
            context.newTables.insert(fixplan::objectPath(finding.schema, finding.table));
        if (isExtra(finding.kind)) {
            if (!options.includeDrops)
                context.leave(finding, QStringLiteral("extra objects are dropped only when "
                                                      "asked (--include-drops)"));
            else
                planned.append(finding);
            continue;
        }
        if (finding.kind == FindingKind::TypeMismatch) {
            // The diff marks only widenings fixable; other changes are planned too when the
            // database refuses bad values instead of rewriting them (the USING cast fails and
            // the transaction rolls back), with the count of such rows as a hazard.
            const QString lossy =
                expected.dialect == Dialect::SQLite
                    ? QString()
                    : fixplan::lossyConversionReason(finding.actual, finding.expected);
            if (!lossy.isEmpty())
                context.leave(finding, lossy + QStringLiteral(": convert the data by hand"));
            else
                planned.append(finding);
            continue;
        }
        if (!finding.fixable) {
            context.leave(finding, notFixableReason(finding));
            continue;
        }
        planned.append(finding);
    }

    if (actual.dialect == Dialect::SQLite)
        fixplan::planSqlite(context, planned);
    else if (actual.dialect == Dialect::PostgreSQL)
        fixplan::planPostgres(context, planned);
    else
        for (const Finding &finding : std::as_const(planned))
            context.leave(finding, QStringLiteral("fixes are not available for ") +
                                       dialectName(actual.dialect) + QStringLiteral(" yet"));

    FixPlan plan;
    plan.dialect = actual.dialect;
    for (auto it = context.phases.cbegin(); it != context.phases.cend(); ++it)
        plan.statements += it.value();
    plan.unfixed = context.unfixed;
    return plan;
}

} // namespace migconsole
