#pragma once

#include "SchemaTreeModel.h"
#include "report/ObjectDescriptions.h"

#include <QIcon>
#include <QString>

namespace migconsole {

/// How schema objects are put into words and icons on screen: one place, shared by the
/// schema tree's Details column and the details pane, so both always say the same thing.
namespace presentation {

// The one-line texts of objects come from core (shared with the CLI and reports).
using namespace migconsole::describe;

/// "table", "foreign key", … — the Type column for objects that have no SQL type.
QString kindName(SchemaNodeKind kind);

/// Whitespace collapsed, cut with "…" after `maxLength` characters.
QString oneLine(const QString &text, int maxLength = 120);
/// "1 table", "3 tables".
QString plural(qsizetype count, const QString &singular);

/// Which icon a row gets: its kind, refined (a primary-key column, a materialized view,
/// any group folder).
int iconKey(const SchemaObjectRef &ref);
/// Paints the icon for `iconKey`: a shape plus one or two letters, never colour alone.
/// Needs a QGuiApplication; callers cache the result.
QIcon paintIcon(int iconKey);

} // namespace presentation
} // namespace migconsole
