#include "drift/OriginMap.h"

#include <QStringList>

namespace migconsole {

namespace {

QString objectKindName(FindingObject object)
{
    switch (object) {
    case FindingObject::Column:
        return QStringLiteral("column");
    case FindingObject::Index:
        return QStringLiteral("index");
    case FindingObject::Constraint:
        return QStringLiteral("constraint");
    case FindingObject::Table:
        break;
    }
    return QStringLiteral("table");
}

} // namespace

QString OriginMap::path(const QString &schema, const QString &table)
{
    return schema + QLatin1Char('/') + table;
}

QString OriginMap::path(const QString &schema, const QString &table, FindingObject object,
                        const QString &name)
{
    if (object == FindingObject::Table)
        return path(schema, table);
    return path(schema, table) + QLatin1Char('/') + objectKindName(object) + QLatin1Char(':') +
           name;
}

QString OriginMap::objectKey(FindingObject object, const QString &name)
{
    return objectKindName(object) + QLatin1Char(':') + name;
}

void OriginMap::setTable(const QString &schema, const QString &table, const FindingOrigin &origin)
{
    m_tables[path(schema, table)].own = origin;
}

void OriginMap::setObject(const QString &schema, const QString &table, FindingObject object,
                          const QString &name, const FindingOrigin &origin)
{
    if (object == FindingObject::Table)
        return setTable(schema, table, origin);
    m_tables[path(schema, table)].objects.insert(objectKey(object, name), origin);
}

void OriginMap::remove(const QString &schema, const QString &table, FindingObject object,
                       const QString &name)
{
    const auto it = m_tables.find(path(schema, table));
    if (it == m_tables.end())
        return;
    if (object == FindingObject::Table)
        it->own.reset();
    else
        it->objects.remove(objectKey(object, name));
}

void OriginMap::removeTable(const QString &schema, const QString &table)
{
    m_tables.remove(path(schema, table));
}

void OriginMap::renameTable(const QString &schema, const QString &from, const QString &to)
{
    TableOrigins moved = m_tables.take(path(schema, from));
    m_tables.insert(path(schema, to), std::move(moved));
}

std::optional<FindingOrigin> OriginMap::table(const QString &schema, const QString &table) const
{
    const auto it = m_tables.constFind(path(schema, table));
    if (it == m_tables.constEnd())
        return std::nullopt;
    return it->own;
}

std::optional<FindingOrigin> OriginMap::object(const QString &schema, const QString &table,
                                               FindingObject object, const QString &name) const
{
    const auto it = m_tables.constFind(path(schema, table));
    if (it == m_tables.constEnd())
        return std::nullopt;
    if (object != FindingObject::Table && !name.isEmpty()) {
        const auto found = it->objects.constFind(objectKey(object, name));
        if (found != it->objects.constEnd())
            return *found;
    }
    return it->own;
}

qsizetype OriginMap::size() const
{
    qsizetype count = 0;
    for (const TableOrigins &t : m_tables)
        count += (t.own ? 1 : 0) + t.objects.size();
    return count;
}

} // namespace migconsole
