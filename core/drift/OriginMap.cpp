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

void OriginMap::setTable(const QString &schema, const QString &table, const FindingOrigin &origin)
{
    m_origins.insert(path(schema, table), origin);
}

void OriginMap::setObject(const QString &schema, const QString &table, FindingObject object,
                          const QString &name, const FindingOrigin &origin)
{
    m_origins.insert(path(schema, table, object, name), origin);
}

void OriginMap::remove(const QString &schema, const QString &table, FindingObject object,
                       const QString &name)
{
    m_origins.remove(path(schema, table, object, name));
}

void OriginMap::removeTable(const QString &schema, const QString &table)
{
    const QString key = path(schema, table);
    const QString prefix = key + QLatin1Char('/');
    m_origins.removeIf([&](const QHash<QString, FindingOrigin>::iterator &it) {
        return it.key() == key || it.key().startsWith(prefix);
    });
}

void OriginMap::renameTable(const QString &schema, const QString &from, const QString &to)
{
    const QString oldKey = path(schema, from);
    const QString newKey = path(schema, to);
    QHash<QString, FindingOrigin> moved;
    for (auto it = m_origins.cbegin(); it != m_origins.cend(); ++it) {
        if (it.key() == oldKey)
            moved.insert(newKey, it.value());
        else if (it.key().startsWith(oldKey + QLatin1Char('/')))
            moved.insert(newKey + it.key().mid(oldKey.size()), it.value());
    }
    removeTable(schema, from);
    m_origins.insert(moved);
}

std::optional<FindingOrigin> OriginMap::table(const QString &schema, const QString &table) const
{
    const auto it = m_origins.constFind(path(schema, table));
    if (it == m_origins.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<FindingOrigin> OriginMap::object(const QString &schema, const QString &table,
                                               FindingObject object, const QString &name) const
{
    if (!name.isEmpty()) {
        const auto it = m_origins.constFind(path(schema, table, object, name));
        if (it != m_origins.constEnd())
            return *it;
    }
    return this->table(schema, table);
}

} // namespace migconsole
