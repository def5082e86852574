#pragma once

#include "schema/Schema.h"

#include <QString>

/// One-line descriptions of schema objects, the same wherever they appear: the CLI's text
/// listing, the console's tree and details pane, and reports.
namespace migconsole::describe {

bool inPrimaryKey(const Table &table, const Column &column);

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

} // namespace migconsole::describe
