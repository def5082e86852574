#include "FuzzSupport.h"

#include <spdlog/spdlog.h>

namespace migconsole::fuzz {

void quietLogging()
{
    spdlog::set_level(spdlog::level::off);
}

} // namespace migconsole::fuzz

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    migconsole::fuzz::quietLogging();
    return 0;
}
