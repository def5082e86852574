#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <type_traits>
#include <vector>

namespace migconsole {

/// Applies `fn` to every item on all cores and returns the results in the items' order, so
/// a caller that merges them sequentially stays deterministic. Reading thousands of
/// migration scripts is independent per file and dominated by tokenising; on a 2-core
/// machine this halves `history` and `check` on large projects.
///
/// `fn` must be safe to call concurrently (no shared mutable state) and must not throw.
/// Small inputs run on the calling thread: starting threads would cost more than it saves.
template <typename Items, typename Fn>
auto parallelMap(const Items &items, Fn fn)
    -> std::vector<std::invoke_result_t<Fn &, decltype(*std::begin(items))>>
{
    using Result = std::invoke_result_t<Fn &, decltype(*std::begin(items))>;
    const std::size_t count = static_cast<std::size_t>(std::size(items));
    std::vector<Result> results(count);
    constexpr std::size_t kItemsPerThreadAtLeast = 32;
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t threads = std::min(cores, count / kItemsPerThreadAtLeast);
    if (threads <= 1) {
        for (std::size_t i = 0; i < count; ++i)
            results[i] = fn(items[i]);
        return results;
    }
    // Items are handed out one at a time: script sizes vary a lot, fixed chunks would not
    // balance.
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < count; i = next++)
            results[i] = fn(items[i]);
    };
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t)
        pool.emplace_back(work);
    work();
    for (std::thread &thread : pool)
        thread.join();
    return results;
}

} // namespace migconsole
