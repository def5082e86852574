#pragma once

#include <QString>

namespace migconsole::resources {

/// The SQL script that builds the bundled demo database (SQLite dialect).
QString demoSchemaScript();

/// The application icon (SVG).
QString appIcon();

} // namespace migconsole::resources
