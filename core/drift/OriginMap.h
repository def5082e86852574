#pragma once

#include "drift/Finding.h"

#include <QHash>
#include <QString>

#include <optional>

namespace migconsole {

/// A side table of where each expected object came from: object path → the revision and
/// file:line that created or last changed it. The replayer fills it while it builds the
/// expected Schema (the Schema stays a plain value); SchemaDiff copies origins into findings.
///
/// Paths are "schema/table" for a table and "schema/table/<kind>:<name>" for a column,
/// index or constraint (kind = column | index | constraint), so a column and an index of
/// the same name never share an entry.
class OriginMap
{
public:
    static QString path(const QString &schema, const QString &table);
    static QString path(const QString &schema, const QString &table, FindingObject object,
                        const QString &name);

    void setTable(const QString &schema, const QString &table, const FindingOrigin &origin);
    void setObject(const QString &schema, const QString &table, FindingObject object,
                   const QString &name, const FindingOrigin &origin);
    void remove(const QString &schema, const QString &table, FindingObject object,
                const QString &name);
    /// Forgets a dropped table and everything recorded under it.
    void removeTable(const QString &schema, const QString &table);
    /// Moves a table's entries (and its objects') to a new name, for rename_table.
    void renameTable(const QString &schema, const QString &from, const QString &to);

    std::optional<FindingOrigin> table(const QString &schema, const QString &table) const;
    /// The object's own origin; without one, its table's (objects declared inside a
    /// create_table come from that statement).
    std::optional<FindingOrigin> object(const QString &schema, const QString &table,
                                        FindingObject object, const QString &name) const;

    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }
    void clear() { m_tables.clear(); }

private:
    // Grouped by table: dropping or renaming a table is one hash operation, not a scan of
    // every origin (a 5,000-revision replay drops and recreates tables thousands of times).
    struct TableOrigins
    {
        std::optional<FindingOrigin> own;
        QHash<QString, FindingOrigin> objects; ///< "<kind>:<name>" → origin
    };
    static QString objectKey(FindingObject object, const QString &name);
    QHash<QString, TableOrigins> m_tables; ///< path(schema, table) → its origins
};

} // namespace migconsole
