#include "BuildInfo.h"

#include <Qsci/qsciglobal.h>
#include <spdlog/version.h>

#include <QtGlobal>

namespace migconsole {

QString versionText()
{
    // Qt is the one library that may differ at run time (a newer minor release of the
    // shared libraries); QScintilla and spdlog report the headers built against.
    return QStringLiteral("migconsole %1\nQt %2 (runtime %3)\nQScintilla %4\nspdlog %5.%6.%7\n")
        .arg(QStringLiteral(MIGCONSOLE_VERSION), QStringLiteral(QT_VERSION_STR),
             QString::fromLatin1(qVersion()), QStringLiteral(QSCINTILLA_VERSION_STR))
        .arg(SPDLOG_VER_MAJOR)
        .arg(SPDLOG_VER_MINOR)
        .arg(SPDLOG_VER_PATCH);
}

} // namespace migconsole
