#include "schema/Schema.h"

#include <QRegularExpression>

#include <algorithm>

namespace migconsole {

namespace {

template <typename T> const T *findByName(const QList<T> &list, const QString &name)
{
    const auto it = std::find_if(list.cbegin(), list.cend(),
                                 [&](const T &item) { return item.name == name; });
    return it == list.cend() ? nullptr : &*it;
}

template <typename T> void sortListByName(QList<T> &list)
{
    std::stable_sort(list.begin(), list.end(),
                     [](const T &a, const T &b) { return a.name < b.name; });
}

/// Unnamed constraints (SQLite's usual case) all share the name "": order them by what
/// they say as well, so two equal schemas read in different orders compare equal.
template <typename T, typename Key> void sortListByNameThen(QList<T> &list, Key key)
{
    std::stable_sort(list.begin(), list.end(), [&](const T &a, const T &b) {
        if (a.name != b.name)
            return a.name < b.name;
        return key(a) < key(b);
    });
}

struct ActionName
{
    ReferentialAction action;
    const char *sql;
};

constexpr ActionName kActionNames[] = {
    {ReferentialAction::NoAction, "NO ACTION"}, {ReferentialAction::Restrict, "RESTRICT"},
    {ReferentialAction::Cascade, "CASCADE"},    {ReferentialAction::SetNull, "SET NULL"},
    {ReferentialAction::SetDefault, "SET DEFAULT"},
};

} // namespace

QString dialectName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::PostgreSQL:
        return QStringLiteral("postgresql");
    case Dialect::SQLite:
        return QStringLiteral("sqlite");
    case Dialect::MySQL:
        return QStringLiteral("mysql");
    }
    return {};
}

std::optional<Dialect> dialectFromName(const QString &name)
{
    for (Dialect d : {Dialect::PostgreSQL, Dialect::SQLite, Dialect::MySQL}) {
        if (dialectName(d) == name)
            return d;
    }
    return std::nullopt;
}

QString referentialActionSql(ReferentialAction action)
{
    for (const ActionName &entry : kActionNames) {
        if (entry.action == action)
            return QString::fromLatin1(entry.sql);
    }
    return {};
}

std::optional<ReferentialAction> referentialActionFromSql(const QString &text)
{
    const QString normalised = text.simplified().toUpper();
    for (const ActionName &entry : kActionNames) {
        if (normalised == QLatin1String(entry.sql))
            return entry.action;
    }
    return std::nullopt;
}

const Column *Table::column(const QString &name) const { return findByName(columns, name); }
const Index *Table::index(const QString &name) const { return findByName(indexes, name); }
const ForeignKey *Table::foreignKey(const QString &name) const
{
    return findByName(foreignKeys, name);
}

const Table *Namespace::table(const QString &name) const { return findByName(tables, name); }

IndexKeyPart splitIndexPart(const QString &part, const std::function<bool(const QString &)> &isColumn)
{
    // The whole text first: a column may itself end in " desc".
    if (isColumn(part))
        return IndexKeyPart{part, {}, {}};
    static const QRegularExpression order(
        QStringLiteral("\\s+(?:(?:ASC|DESC)(?:\\s+NULLS\\s+(?:FIRST|LAST))?|NULLS\\s+(?:FIRST|LAST))$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = order.match(part);
    const QString base = m.hasMatch() ? part.left(m.capturedStart()) : part;
    const QString suffix = m.hasMatch() ? m.captured(0) : QString();
    if (m.hasMatch() && isColumn(base))
        return IndexKeyPart{base, {}, suffix};
    static const QRegularExpression quoted(QStringLiteral("^\\s*\"((?:[^\"]|\"\")*)\"\\s*$"));
    if (const QRegularExpressionMatch q = quoted.match(base); q.hasMatch())
        return IndexKeyPart{q.captured(1).replace(QLatin1String("\"\""), QLatin1String("\"")), {},
                            suffix};
    return IndexKeyPart{{}, base.trimmed(), suffix};
}

IndexKeyPart splitIndexPart(const QString &part, const Table &table)
{
    return splitIndexPart(part, [&table](const QString &name) { return table.column(name) != nullptr; });
}

const Namespace *Schema::findNamespace(const QString &name) const
{
    return findByName(namespaces, name);
}

const Table *Schema::table(const QString &namespaceName, const QString &tableName) const
{
    const Namespace *ns = findNamespace(namespaceName);
    return ns ? ns->table(tableName) : nullptr;
}

int Schema::tableCount() const
{
    int count = 0;
    for (const Namespace &ns : namespaces)
        count += int(ns.tables.size());
    return count;
}

void Schema::sortByName()
{
    sortListByName(namespaces);
    for (Namespace &ns : namespaces) {
        sortListByName(ns.tables);
        sortListByName(ns.enums);
        sortListByName(ns.views);
        for (Table &t : ns.tables) {
            // Column order is meaningful (ordinal position); everything else is a set.
            sortListByName(t.indexes);
            sortListByNameThen(t.uniques, [](const UniqueConstraint &u) { return u.columns; });
            sortListByNameThen(t.checks, [](const CheckConstraint &c) { return c.expression; });
            sortListByNameThen(t.foreignKeys, [](const ForeignKey &f) {
                return QStringList{f.columns.join(QLatin1Char(',')), f.referencedTable,
                                   f.referencedColumns.join(QLatin1Char(','))};
            });
        }
    }
}

} // namespace migconsole
