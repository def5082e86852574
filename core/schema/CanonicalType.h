#pragma once

#include "schema/Schema.h"

#include <QString>

namespace migconsole {

/// The one spelling we use for a column type, so that aliases compare equal:
/// `int4`, `INTEGER` and `int` all become "integer"; `character varying(64)` becomes
/// "varchar(64)"; `timestamp with time zone` becomes "timestamptz"; `_int4` and
/// `integer[]` become "integer[]". Quoted (case-sensitive) names are kept verbatim.
/// The alias table lives in CanonicalType.cpp and nowhere else.
QString canonicalType(Dialect dialect, const QString &rawType);

/// A user type as PostgreSQL prints it (`public.status`, `"my schema"."Mood ""x"""[]`)
/// without its `schema.` qualifier, raw or quoted; unchanged when it is not qualified with
/// `schema`.
QString typeWithoutSchema(const QString &type, const QString &schema);

/// The name a (bare) type denotes: `"Mood ""x"""` → `Mood "x"`; an unquoted name as is.
QString unquotedTypeName(const QString &type);

} // namespace migconsole
