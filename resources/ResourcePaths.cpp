#include "ResourcePaths.h"

namespace migconsole::resources {

QString demoSchemaScript() { return QStringLiteral(":/demo/demo_schema.sql"); }
QString appIcon() { return QStringLiteral(":/icons/migconsole.svg"); }

} // namespace migconsole::resources
