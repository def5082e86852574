#pragma once

#include "SchemaTreeModel.h"

#include <QIcon>
#include <QString>

namespace migconsole {

/// How schema objects are put into words and icons on screen: one place, shared by the
/// schema tree's Details column and the details pane, so both always say the same thing.
namespace presentation {

/// "table", "foreign key", … — the Type column for objects that have no SQL type.
QString kindName(SchemaNodeKind kind);

/// "PK · NOT NULL · DEFAULT now() · IDENTITY ALWAYS"
QString columnSummary(const Table &table, const Column &column);
/// "UNIQUE (a, b DESC) USING gin INCLUDE (c) WHERE (deleted_at IS NULL)"
QString indexSummary(const Index &index);
QString primaryKeySummary(const PrimaryKey &primaryKey); ///< "PRIMARY KEY (id)"
QString uniqueSummary(const UniqueConstraint &unique);   ///< "UNIQUE (a, b)"
QString checkSummary(const CheckConstraint &check);      ///< "CHECK (x > 0)"
/// "(team_id) → teams(id) ON DELETE CASCADE"; the referenced table is schema-qualified only
/// when it lives in another namespace than `owner`.
QString foreignKeySummary(const Namespace &owner, const ForeignKey &foreignKey);
QString enumSummary(const EnumType &enumType); ///< "'draft', 'live'"
/// Whitespace collapsed, cut with "…" after `maxLength` characters.
QString oneLine(const QString &text, int maxLength = 120);
/// "1 table", "3 tables".
QString plural(qsizetype count, const QString &singular);

bool inPrimaryKey(const Table &table, const Column &column);

/// Which icon a row gets: its kind, refined (a primary-key column, a materialized view,
/// any group folder).
int iconKey(const SchemaObjectRef &ref);
/// Paints the icon for `iconKey`: a shape plus one or two letters, never colour alone.
/// Needs a QGuiApplication; callers cache the result.
QIcon paintIcon(int iconKey);

} // namespace presentation
} // namespace migconsole
