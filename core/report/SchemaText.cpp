#include "report/SchemaText.h"

#include "report/ObjectDescriptions.h"

#include <QTextStream>

#include <algorithm>

namespace migconsole {

namespace {

QString padded(const QString &text, qsizetype width)
{
    return text.leftJustified(width, QLatin1Char(' '));
}

/// "name DEFINITION", or just the definition for an unnamed constraint.
QString named(const QString &name, const QString &definition)
{
    return name.isEmpty() ? definition : name + QLatin1Char(' ') + definition;
}

void writeTable(QTextStream &s, const Namespace &ns, const Table &t)
{
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
    for (const Column &c : t.columns)
        s << "    " << padded(c.name, nameWidth) << "  " << padded(c.type, typeWidth) << "  "
          << describe::columnSummary(t, c) << "\n";
    if (t.primaryKey)
        s << "    " << named(t.primaryKey->name, describe::primaryKeySummary(*t.primaryKey)) << "\n";
    for (const UniqueConstraint &u : t.uniques)
        s << "    " << named(u.name, describe::uniqueSummary(u)) << "\n";
    for (const CheckConstraint &c : t.checks)
        s << "    " << named(c.name, describe::checkSummary(c)) << "\n";
    for (const Index &i : t.indexes)
        s << "    index " << named(i.name, describe::indexSummary(i)) << "\n";
    for (const ForeignKey &f : t.foreignKeys)
        s << "    foreign key " << named(f.name, describe::foreignKeySummary(ns, f)) << "\n";
}

} // namespace

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
            s << "  enum " << e.name << " (" << describe::enumSummary(e) << ")\n";
        for (const Table &t : ns.tables)
            writeTable(s, ns, t);
        for (const View &v : ns.views)
            s << "\n  " << (v.materialized ? "materialized view " : "view ") << v.name << "\n";
    }
    return out;
}

} // namespace migconsole
