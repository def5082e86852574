#pragma once

#include "schema/Schema.h"

#include <QString>

namespace migconsole {

/// A readable, aligned listing of a schema for terminals (`migconsole schema`):
/// one block per table with its columns, keys, indexes, checks and foreign keys.
QString schemaToText(const Schema &schema, const QString &databaseDisplayUrl);

/// One-line descriptions shared by the text listing and the GUI's details.
QString describeColumnAttributes(const Column &column, bool inPrimaryKey);
QString describeIndex(const Index &index);
QString describeForeignKey(const ForeignKey &fk);

} // namespace migconsole
