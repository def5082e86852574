#include "CliSupport.h"

namespace migconsole::cli {

int runFix(const CommandLine &)
{
    return usageError(QStringLiteral("fix"), QStringLiteral("this command is not part of this build yet"));
}

} // namespace migconsole::cli
