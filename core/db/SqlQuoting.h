#pragma once

#include "schema/Schema.h"

#include <QString>

namespace migconsole {

/// The one way identifiers go into generated SQL: always quoted ("name", with inner
/// quotes doubled), for every dialect we speak (ARCHITECTURE.md house rule).
QString quoteIdentifier(Dialect dialect, const QString &name);

/// `schema.name` quoted, or just the quoted name when `schema` is empty.
QString qualifiedName(Dialect dialect, const QString &schema, const QString &name);

/// A string literal: 'it''s'. Standard SQL quoting, valid for PostgreSQL (with
/// standard_conforming_strings, the default since 9.1) and SQLite.
QString quoteLiteral(const QString &value);

/// A PostgreSQL dollar-quoted body ($$…$$, as DO blocks take it) with a tag that does not
/// occur in `body`: a name or label holding "$$" would otherwise end the quote early.
QString dollarQuote(const QString &body);

} // namespace migconsole
