#pragma once

#include "schema/Schema.h"
#include "util/Expected.h"
#include "util/JsonWriter.h"

#include <QJsonObject>

namespace migconsole {

/// Schema ⇄ JSON. The format is the snapshot format (`--snapshot FILE`) and the body of
/// `migconsole schema --format json`: {"dialect": …, "schemas": [{"name": …, "tables": …}]}.
/// Fields at their default value are left out; reading fills the defaults back in, so
/// `schemaFromJson(schemaToJson(s)) == s` for every schema.
QJsonObject schemaToJson(const Schema &schema);

/// The same members ("dialect", "schemas") written straight into an open object, for large
/// schemas (`schema --format json` streams them); "database" sorts before them.
void writeSchemaMembers(JsonWriter &writer, const Schema &schema);

/// Reads a schema; an error names the JSON path of the bad field ("schemas[0].tables[3].name").
Expected<Schema> schemaFromJson(const QJsonObject &json);

} // namespace migconsole
