// The plan as text (preview, `fix --preview`) and as JSON (`fix --format json`).

#include "fix/FixPlan.h"

#include "fix/FixSqlText.h"

#include <QJsonArray>

namespace migconsole {

namespace {

/// "missing_column public.games.external_game_key" — what a statement is about.
QString findingLabel(const Finding &finding)
{
    QString object = finding.schema.isEmpty() ? finding.table
                                              : finding.schema + QLatin1Char('.') + finding.table;
    if (!finding.object.isEmpty())
        object += QLatin1Char('.') + finding.object;
    return findingKindName(finding.kind) + QLatin1Char(' ') + object;
}

/// Every line of `text` as a `-- ` comment, so a multi-line note cannot end the comment.
QStringList commentLines(const QString &prefix, const QString &text)
{
    QStringList out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines)
        out.append(QStringLiteral("-- ") + prefix + line.trimmed());
    return out;
}

QStringList statementHeader(const FixStatement &statement)
{
    QStringList lines = commentLines(QString(), statement.summary);
    if (statement.finding) {
        lines += commentLines(QStringLiteral("fixes: "), findingLabel(*statement.finding));
        if (statement.finding->origin && !statement.finding->origin->location.file.isEmpty()) {
            const FindingOrigin &origin = *statement.finding->origin;
            QString where = origin.location.file;
            if (origin.location.line > 0)
                where += QLatin1Char(':') + QString::number(origin.location.line);
            lines +=
                commentLines(QStringLiteral("origin: "), where + QStringLiteral(" (revision ") +
                                                             origin.revision + QLatin1Char(')'));
        }
    }
    if (!statement.revision.isEmpty())
        lines += commentLines(QStringLiteral("revision: "), statement.revision);
    if (!statement.lockLevel.isEmpty())
        lines += commentLines(QStringLiteral("lock: "), statement.lockLevel);
    for (const QString &hazard : statement.hazards)
        lines += commentLines(QStringLiteral("hazard: "), hazard);
    if (statement.destructive)
        lines += commentLines(QString(), QStringLiteral("DESTRUCTIVE: drops data or objects"));
    if (!statement.inTransaction)
        lines += commentLines(QString(),
                              QStringLiteral("runs OUTSIDE the transaction, after the commit"));
    if (statement.needsForeignKeysOff)
        lines += commentLines(QString(), QStringLiteral("needs PRAGMA foreign_keys=OFF before "
                                                        "the transaction (table rebuild)"));
    if (!statement.skipIfSql.isEmpty())
        lines += commentLines(QString(), QStringLiteral("skipped when already in place (the "
                                                        "@skip-if query returns a row)"));
    // Last, right above the SQL: what statementsFromSqlText reads back from edited text.
    lines += statementDirectives(statement);
    return lines;
}

} // namespace

QString fixPurposeName(FixPurpose purpose)
{
    switch (purpose) {
    case FixPurpose::RepairDrift:
        return QStringLiteral("repair");
    case FixPurpose::CompleteRevision:
        return QStringLiteral("complete_revision");
    case FixPurpose::Stamp:
        return QStringLiteral("stamp");
    }
    return QStringLiteral("repair");
}

QString FixPlan::toSql() const
{
    qsizetype outside = 0;
    qsizetype destructiveCount = 0;
    for (const FixStatement &s : statements) {
        outside += s.inTransaction ? 0 : 1;
        destructiveCount += s.destructive ? 1 : 0;
    }
    QStringList lines;
    lines << QStringLiteral("-- Migration Console fix plan for ") + database
          << QStringLiteral("-- dialect: ") + dialectName(dialect)
          << QStringLiteral("-- %1 statement(s), %2 destructive, %3 outside the transaction; "
                            "%4 finding(s) left unfixed")
                 .arg(statements.size())
                 .arg(destructiveCount)
                 .arg(outside)
                 .arg(unfixed.size())
          << QStringLiteral("-- The statements run in one transaction; those marked to run "
                            "outside the transaction run after the commit, one by one.");
    // The notes say it in words (what is completed and why, a target that leaves the
    // version table alone); the bare list is for plans built without prepareFix.
    for (const QString &note : notes)
        lines += commentLines(QStringLiteral("note: "), note);
    if (!completedRevisions.isEmpty() && notes.isEmpty())
        lines << QStringLiteral("-- completes and stamps: ") +
                     completedRevisions.join(QStringLiteral(", "));
    for (const UnfixedFinding &u : unfixed)
        lines += commentLines(QStringLiteral("not fixed: "),
                              findingLabel(u.finding) + QStringLiteral(" — ") + u.reason);
    for (const FixStatement &statement : statements) {
        lines << QString();
        lines += statementHeader(statement);
        lines << statement.sql + QLatin1Char(';');
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QJsonObject fixPlanToJson(const FixPlan &plan)
{
    QJsonArray statements;
    for (const FixStatement &s : plan.statements) {
        QJsonObject json;
        json.insert(QStringLiteral("sql"), s.sql);
        json.insert(QStringLiteral("purpose"), fixPurposeName(s.purpose));
        json.insert(QStringLiteral("summary"), s.summary);
        // Every key always present (null / "" when not applicable): a stable shape for scripts.
        json.insert(QStringLiteral("finding"),
                    s.finding ? QJsonValue(findingToJson(*s.finding)) : QJsonValue());
        json.insert(QStringLiteral("revision"), s.revision);
        json.insert(QStringLiteral("in_transaction"), s.inTransaction);
        json.insert(QStringLiteral("destructive"), s.destructive);
        json.insert(QStringLiteral("lock"), s.lockLevel);
        json.insert(QStringLiteral("hazards"), QJsonArray::fromStringList(s.hazards));
        statements.append(json);
    }
    QJsonArray unfixed;
    for (const UnfixedFinding &u : plan.unfixed) {
        QJsonObject json = findingToJson(u.finding);
        json.insert(QStringLiteral("reason"), u.reason);
        unfixed.append(json);
    }
    QJsonObject out;
    out.insert(QStringLiteral("database"), plan.database);
    out.insert(QStringLiteral("statements"), statements);
    out.insert(QStringLiteral("unfixed"), unfixed);
    out.insert(QStringLiteral("notes"), QJsonArray::fromStringList(plan.notes));
    out.insert(QStringLiteral("completed_revisions"),
               QJsonArray::fromStringList(plan.completedRevisions));
    return out;
}

} // namespace migconsole
