// The names of step conflicts and the foreign-key type rule, shared by the replayer, the
// preflight and the console's remedies.

#include "replay/ApplyOperation.h"

#include <QStringList>

#include <algorithm>

namespace migconsole {

QString stepConflictName(StepConflict conflict)
{
    switch (conflict) {
    case StepConflict::TableExists: return QStringLiteral("table_exists");
    case StepConflict::ColumnExists: return QStringLiteral("column_exists");
    case StepConflict::IndexExists: return QStringLiteral("index_exists");
    case StepConflict::ConstraintExists: return QStringLiteral("constraint_exists");
    case StepConflict::MissingTable: return QStringLiteral("missing_table");
    case StepConflict::MissingColumn: return QStringLiteral("missing_column");
    case StepConflict::MissingIndex: return QStringLiteral("missing_index");
    case StepConflict::MissingConstraint: return QStringLiteral("missing_constraint");
    case StepConflict::TypeIncompatibleFk: return QStringLiteral("type_incompatible_fk");
    case StepConflict::NotNullWithoutDefault: return QStringLiteral("not_null_without_default");
    }
    return {};
}

bool isExistsConflict(StepConflict conflict)
{
    return conflict == StepConflict::TableExists || conflict == StepConflict::ColumnExists ||
           conflict == StepConflict::IndexExists || conflict == StepConflict::ConstraintExists;
}

QString defaultNamespaceName(Dialect dialect)
{
    return dialect == Dialect::SQLite ? QStringLiteral("main") : QStringLiteral("public");
}

namespace {


/// The type without length/precision and array brackets: what decides FK compatibility.
QString baseType(const QString &type)
{
    QString t = type;
    const qsizetype paren = t.indexOf(u'(');
    if (paren >= 0)
        t.truncate(paren);
    return t.trimmed();
}

} // namespace

// Which type pairs have the cross-type equality a foreign key needs.
bool foreignKeyTypesCompatible(const QString &local, const QString &referenced)
{
    const QString a = baseType(local);
    const QString b = baseType(referenced);
    if (a == b || a.isEmpty() || b.isEmpty())
        return true;
    static const QList<QStringList> families = {
        {QStringLiteral("smallint"), QStringLiteral("integer"), QStringLiteral("bigint")},
        {QStringLiteral("varchar"), QStringLiteral("text"), QStringLiteral("char"),
         QStringLiteral("bpchar"), QStringLiteral("character"), QStringLiteral("name")},
        {QStringLiteral("numeric"), QStringLiteral("decimal")},
        {QStringLiteral("real"), QStringLiteral("double precision")},
        {QStringLiteral("timestamp"), QStringLiteral("timestamptz"), QStringLiteral("date")},
    };
    return std::any_of(families.cbegin(), families.cend(), [&](const QStringList &family) {
        return family.contains(a) && family.contains(b);
    });
}

} // namespace migconsole
