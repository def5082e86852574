#pragma once

#include "schema/Schema.h"

#include <QString>

namespace migconsole {

/// A readable, aligned listing of a schema for terminals (`migconsole schema`):
/// one block per table with its columns, keys, indexes, checks and foreign keys, in the
/// same words as the console (report/ObjectDescriptions.h).
QString schemaToText(const Schema &schema, const QString &databaseDisplayUrl);

} // namespace migconsole
