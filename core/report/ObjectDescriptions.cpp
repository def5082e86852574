#include "report/ObjectDescriptions.h"

namespace migconsole::describe {

namespace {

QString parenList(const QStringList &items)
{
    return QLatin1Char('(') + items.join(QStringLiteral(", ")) + QLatin1Char(')');
}

} // namespace

bool inPrimaryKey(const Table &table, const Column &column)
{
    return table.primaryKey && table.primaryKey->columns.contains(column.name);
}

QString primaryKeySummary(const PrimaryKey &primaryKey)
{
    return QStringLiteral("PRIMARY KEY ") + parenList(primaryKey.columns);
}

QString uniqueSummary(const UniqueConstraint &unique)
{
    return QStringLiteral("UNIQUE ") + parenList(unique.columns);
}

QString checkSummary(const CheckConstraint &check)
{
    return QStringLiteral("CHECK (%1)").arg(check.expression);
}

QString enumSummary(const EnumType &enumType)
{
    QStringList quoted;
    for (const QString &label : enumType.labels)
        quoted.append(QLatin1Char('\'') + label + QLatin1Char('\''));
    return quoted.join(QStringLiteral(", "));
}

QString columnSummary(const Table &table, const Column &column)
{
    QStringList parts;
    if (inPrimaryKey(table, column))
        parts.append(QStringLiteral("PK"));
    parts.append(column.nullable ? QStringLiteral("NULL") : QStringLiteral("NOT NULL"));
    if (!column.defaultExpr.isEmpty())
        parts.append(QStringLiteral("DEFAULT ") + column.defaultExpr);
    if (column.identity == Identity::Always)
        parts.append(QStringLiteral("IDENTITY ALWAYS"));
    else if (column.identity == Identity::ByDefault)
        parts.append(QStringLiteral("IDENTITY BY DEFAULT"));
    if (column.autoIncrement)
        parts.append(QStringLiteral("auto-increment"));
    if (!column.generatedExpr.isEmpty())
        parts.append(QStringLiteral("GENERATED (%1) %2")
                         .arg(column.generatedExpr, column.generatedStored
                                                        ? QStringLiteral("STORED")
                                                        : QStringLiteral("VIRTUAL")));
    return parts.join(QStringLiteral(" · "));
}

QString indexSummary(const Index &index)
{
    QString text = index.unique ? QStringLiteral("UNIQUE ") : QString();
    text += parenList(index.columns);
    if (!index.method.isEmpty() && index.method != QLatin1String("btree"))
        text += QStringLiteral(" USING ") + index.method;
    if (!index.include.isEmpty())
        text += QStringLiteral(" INCLUDE ") + parenList(index.include);
    if (!index.predicate.isEmpty())
        text += QStringLiteral(" WHERE ") + index.predicate;
    if (!index.valid)
        text += QStringLiteral(" · INVALID");
    return text;
}

QString foreignKeySummary(const Namespace &owner, const ForeignKey &fk)
{
    const bool otherSchema = !fk.referencedSchema.isEmpty() && fk.referencedSchema != owner.name;
    QString text = parenList(fk.columns) + QStringLiteral(" → ") +
                   (otherSchema ? fk.referencedSchema + QLatin1Char('.') : QString()) +
                   fk.referencedTable + parenList(fk.referencedColumns) +
                   QStringLiteral(" ON DELETE ") + referentialActionSql(fk.onDelete);
    if (fk.onUpdate != ReferentialAction::NoAction)
        text += QStringLiteral(" ON UPDATE ") + referentialActionSql(fk.onUpdate);
    if (fk.deferrable)
        text += fk.initiallyDeferred ? QStringLiteral(" DEFERRABLE INITIALLY DEFERRED")
                                     : QStringLiteral(" DEFERRABLE");
    if (!fk.validated)
        text += QStringLiteral(" NOT VALID");
    return text;
}

} // namespace migconsole::describe
