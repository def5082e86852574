#include "report/SchemaText.h"

#include <QTextStream>

#include <algorithm>

namespace migconsole {

namespace {

QString joined(const QStringList &list) { return list.join(QStringLiteral(", ")); }

QString padded(const QString &text, qsizetype width)
{
    return text.leftJustified(width, QLatin1Char(' '));
}

} // namespace

QString describeColumnAttributes(const Column &c, bool inPrimaryKey)
{
    QStringList parts;
    parts.append(c.nullable ? QStringLiteral("null") : QStringLiteral("not null"));
    if (inPrimaryKey)
        parts.append(QStringLiteral("pk"));
    if (c.identity == Identity::Always)
        parts.append(QStringLiteral("identity always"));
    else if (c.identity == Identity::ByDefault)
        parts.append(QStringLiteral("identity by default"));
    if (c.autoIncrement)
        parts.append(QStringLiteral("autoincrement"));
    if (!c.generatedExpr.isEmpty())
        parts.append(QStringLiteral("generated %1 (%2)")
                         .arg(c.generatedStored ? QStringLiteral("stored") : QStringLiteral("virtual"),
                              c.generatedExpr));
    if (!c.defaultExpr.isEmpty())
        parts.append(QStringLiteral("default ") + c.defaultExpr);
    return parts.join(QLatin1Char(' '));
}

QString describeIndex(const Index &index)
{
    QString text = index.unique ? QStringLiteral("unique ") : QString();
    if (!index.method.isEmpty() && index.method != QLatin1String("btree"))
        text += QStringLiteral("using %1 ").arg(index.method);
    text += QLatin1Char('(') + joined(index.columns) + QLatin1Char(')');
    if (!index.include.isEmpty())
        text += QStringLiteral(" include (%1)").arg(joined(index.include));
    if (!index.predicate.isEmpty())
        text += QStringLiteral(" where ") + index.predicate;
    if (!index.valid)
        text += QStringLiteral(" INVALID");
    return text;
}

QString describeForeignKey(const ForeignKey &fk)
{
    const QString target = fk.referencedSchema.isEmpty()
                               ? fk.referencedTable
                               : fk.referencedSchema + QLatin1Char('.') + fk.referencedTable;
    QString text = QStringLiteral("(%1) → %2(%3)")
                       .arg(joined(fk.columns), target, joined(fk.referencedColumns));
    if (fk.onDelete != ReferentialAction::NoAction)
        text += QStringLiteral(" on delete ") + referentialActionSql(fk.onDelete).toLower();
    if (fk.onUpdate != ReferentialAction::NoAction)
        text += QStringLiteral(" on update ") + referentialActionSql(fk.onUpdate).toLower();
    if (fk.deferrable)
        text += fk.initiallyDeferred ? QStringLiteral(" deferrable initially deferred")
                                     : QStringLiteral(" deferrable");
    if (!fk.validated)
        text += QStringLiteral(" NOT VALID");
    return text;
}

QString schemaToText(const Schema &schema, const QString &databaseDisplayUrl)
{
    QString out;
    QTextStream s(&out);
    int viewCount = 0;
    for (const Namespace &ns : schema.namespaces)
        viewCount += int(ns.views.size());
    s << databaseDisplayUrl << "  (" << dialectName(schema.dialect) << ", "
      << schema.tableCount() << " tables, " << viewCount << " views)\n";

    for (const Namespace &ns : schema.namespaces) {
        s << "\nschema " << ns.name << "\n";
        for (const EnumType &e : ns.enums)
            s << "  enum " << e.name << " (" << joined(e.labels) << ")\n";
        for (const Table &t : ns.tables) {
            s << "\n  table " << t.name;
            if (!t.comment.isEmpty())
                s << "  -- " << t.comment;
            s << "\n";
            qsizetype nameWidth = 4;
            qsizetype typeWidth = 4;
            for (const Column &c : t.columns) {
                nameWidth = std::max(nameWidth, c.name.size());
                typeWidth = std::max(typeWidth, c.type.size());
            }
            for (const Column &c : t.columns) {
                const bool inPk = t.primaryKey && t.primaryKey->columns.contains(c.name);
                s << "    " << padded(c.name, nameWidth) << "  " << padded(c.type, typeWidth)
                  << "  " << describeColumnAttributes(c, inPk) << "\n";
            }
            if (t.primaryKey)
                s << "    primary key " << t.primaryKey->name
                  << (t.primaryKey->name.isEmpty() ? "" : " ") << "(" << joined(t.primaryKey->columns)
                  << ")\n";
            for (const UniqueConstraint &u : t.uniques)
                s << "    unique " << u.name << (u.name.isEmpty() ? "" : " ") << "("
                  << joined(u.columns) << ")\n";
            for (const CheckConstraint &c : t.checks)
                s << "    check " << c.name << (c.name.isEmpty() ? "" : " ") << c.expression << "\n";
            for (const Index &i : t.indexes)
                s << "    index " << i.name << " " << describeIndex(i) << "\n";
            for (const ForeignKey &f : t.foreignKeys)
                s << "    foreign key " << f.name << (f.name.isEmpty() ? "" : " ")
                  << describeForeignKey(f) << "\n";
        }
        for (const View &v : ns.views)
            s << "\n  " << (v.materialized ? "materialized view " : "view ") << v.name << "\n";
    }
    return out;
}

} // namespace migconsole
