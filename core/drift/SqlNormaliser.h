#pragma once

#include <QString>

/// Canonical text for SQL expressions that are equal but spelled differently, so the
/// expected schema (as scripts write it) and the actual one (as the database prints it)
/// compare equal. Not a parser: a tokenizer plus a few rewrites, each one a trap of
/// REFERENCE.md §4 ("Normalisation traps when comparing model vs DB").
namespace migconsole::drift {

/// For CHECK expressions, index key parts and predicates, generation expressions:
/// lower-cases unquoted words, drops `::type` casts and CAST(x AS type), schema
/// qualifiers of function calls (`public.fn()` → `fn()`), redundant parentheses (around
/// the whole text, a single operand or a comparison between AND/OR), typed literals
/// (`interval '1 day'` → `'1 day'`), quotes around numbers (`'-1'` → `-1`), and rewrites
/// what PostgreSQL deparses differently: `x = ANY (ARRAY[a, b])` as `x IN (a, b)`, `~~` as
/// LIKE, `x BETWEEN a AND b` as `x >= a AND x <= b`. The result is only for comparing.
QString normaliseExpression(const QString &sql);

/// A column default, additionally: NULL is no default, now() / CURRENT_TIMESTAMP /
/// current_timestamp() / transaction_timestamp() are one, ('now'::text)::date is
/// CURRENT_DATE, and on a boolean column true/'t'/1/'1'/'yes'/'on' are `true` (and
/// their opposites `false`). `canonicalType` is the column's canonical type.
QString normaliseDefault(const QString &sql, const QString &canonicalType);

/// An index key part: the expression normalised, "ASC" and the default NULLS order
/// dropped ("x DESC NULLS FIRST" → "x desc").
QString normaliseIndexPart(const QString &part);

} // namespace migconsole::drift
