#pragma once

#include <QString>

namespace migconsole {

/// `migconsole --version`: the program's version, then the Qt (built against and running
/// with), QScintilla and spdlog versions, one per line. Lives in ui because QScintilla is a
/// widget library and core never includes widgets; needs no display.
QString versionText();

} // namespace migconsole
