#include "CliSupport.h"

namespace migconsole::cli {

int runStamp(const CommandLine &)
{
    return usageError(QStringLiteral("stamp"), QStringLiteral("this command is not part of this build yet"));
}

} // namespace migconsole::cli
