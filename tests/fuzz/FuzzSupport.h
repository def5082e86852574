#pragma once

// Shared by the fuzz targets: the libFuzzer entry points and an invariant check that turns a
// broken promise of the code under test into a crash the fuzzer records (and the replay
// test reports), not a silent wrong answer.

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace migconsole::fuzz {

[[noreturn]] inline void invariantFailed(const char *condition, const char *file, int line)
{
    std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", condition, file, line);
    std::abort();
}

/// The input's bytes, without a copy.
inline QByteArray inputBytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

/// An upper bound on the line numbers text may report: Python and SQL readers count "\n",
/// "\r\n" and a lone "\r" as line ends, so every '\r' and '\n' counted once is never too few.
inline int lineBound(const QString &text)
{
    return int(text.count(u'\n') + text.count(u'\r')) + 1;
}

/// Silences core's logging: the fuzzer's own output is what matters.
void quietLogging();

} // namespace migconsole::fuzz

#define FUZZ_CHECK(condition)                                                                    \
    do {                                                                                         \
        if (!(condition))                                                                        \
            ::migconsole::fuzz::invariantFailed(#condition, __FILE__, __LINE__);                 \
    } while (false)
