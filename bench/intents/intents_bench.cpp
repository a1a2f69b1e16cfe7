// Benchmark for the understanding layer: normalize(), CrisisDetector::check(),
// IntentMatcher::match() and find_area() over the labelled utterances in tests/data
// (eval set + crisis recall set), plus a 5,000-character message (LINE's text limit).
// Prints mean and p99 time per call and heap allocations per call (operator new is counted).
//
//   shirube_bench_intents [SOURCE_DIR] [ROUNDS]
// Build with optimisation (-DCMAKE_BUILD_TYPE=Release) before quoting numbers.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "intents/crisis.h"
#include "intents/intent_matcher.h"
#include "intents/normalize.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n))
    return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

std::vector<std::string> load_texts(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#')
      continue;
    out.push_back(line.substr(0, line.find('\t')));
  }
  return out;
}

struct Stats {
  double mean_us = 0;
  double p99_us = 0;
  double allocs = 0;
};

template <typename F>
Stats measure(const std::vector<std::string>& texts, int rounds, F&& f) {
  std::vector<double> samples;
  samples.reserve(texts.size() * static_cast<std::size_t>(rounds));
  long sink = 0;
  for (const auto& t : texts)
    sink += f(t);  // warm-up (thread-local buffers, DFA cache)
  const long a0 = g_allocations.load();
  for (int r = 0; r < rounds; ++r) {
    for (const auto& t : texts) {
      const auto t0 = std::chrono::steady_clock::now();
      sink += f(t);
      const auto t1 = std::chrono::steady_clock::now();
      samples.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
  }
  const long a1 = g_allocations.load();
  if (sink == 42)
    std::puts("");  // keep the work observable
  Stats s;
  double sum = 0;
  for (double x : samples)
    sum += x;
  s.mean_us = sum / static_cast<double>(samples.size());
  std::sort(samples.begin(), samples.end());
  s.p99_us = samples[samples.size() * 99 / 100];
  s.allocs = static_cast<double>(a1 - a0) / static_cast<double>(samples.size());
  return s;
}

void row(const char* name, const Stats& s) {
  std::printf("| %-34s | %8.2f | %8.2f | %6.1f |\n", name, s.mean_us, s.p99_us, s.allocs);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string src = argc > 1 ? argv[1] : SHIRUBE_SOURCE_DIR;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 50;
  using namespace shirube::intents;  // NOLINT(google-build-using-namespace)

  auto crisis = CrisisDetector::load_bundled();
  // The reference in the same run: the surface rules alone (the detector before its meaning
  // layer), so the cost of reading sentences with MeCab is a ratio, not a guess.
  auto surface = CrisisDetector::load_bundled(/*with_meaning=*/false);
  auto intents = IntentMatcher::load_bundled();
  // The reference for the matcher: its rules alone, without the category model's blend.
  auto rules = IntentMatcher::load_bundled(/*with_model=*/false);
  if (!crisis.ok() || !surface.ok() || !intents.ok() || !rules.ok()) {
    std::fputs("cannot load the bundled rules\n", stderr);
    return 2;
  }
  std::vector<std::string> texts = load_texts(src + "/tests/data/intents_eval.tsv");
  const auto recall = load_texts(src + "/tests/data/crisis_recall.tsv");
  texts.insert(texts.end(), recall.begin(), recall.end());
  if (texts.empty()) {
    std::fprintf(stderr, "no texts under %s/tests/data\n", src.c_str());
    return 2;
  }
  std::string longest;
  while (longest.size() < 5000 * 3)
    longest += "施設を出てから食費が足りなくて、毎日つらいです。";
  const std::vector<std::string> long_text = {longest};

  std::printf("%zu messages x %d rounds\n\n", texts.size(), rounds);
  std::printf("| %-34s | %8s | %8s | %6s |\n", "operation", "mean us", "p99 us", "allocs");
  std::printf("|%s|%s|%s|%s|\n", std::string(36, '-').c_str(), std::string(10, '-').c_str(),
              std::string(10, '-').c_str(), std::string(8, '-').c_str());
  row("normalize", measure(texts, rounds, [](const std::string& t) {
        return static_cast<long>(normalize(t).size());
      }));
  const Stats surface_stats = measure(texts, rounds, [&](const std::string& t) {
    return static_cast<long>(surface.value()->check(t).hit());
  });
  row("check, surface rules only (ref.)", surface_stats);
  const Stats full_stats = measure(texts, rounds, [&](const std::string& t) {
    return static_cast<long>(crisis.value()->check(t).hit());
  });
  row("CrisisDetector::check", full_stats);
  const Stats rules_stats = measure(texts, rounds, [&](const std::string& t) {
    return static_cast<long>(rules.value()->match(t).size());
  });
  row("match, rules only (ref.)", rules_stats);
  const Stats match_stats = measure(texts, rounds, [&](const std::string& t) {
    return static_cast<long>(intents.value()->match(t).size());
  });
  row("IntentMatcher::match", match_stats);
  row("find_area", measure(texts, rounds, [](const std::string& t) {
        return static_cast<long>(find_area(t).prefecture);
      }));
  const Stats long_surface = measure(long_text, rounds, [&](const std::string& t) {
    return static_cast<long>(surface.value()->check(t).hit());
  });
  row("check, surface only, 5,000 chars", long_surface);
  const Stats long_full = measure(long_text, rounds, [&](const std::string& t) {
    return static_cast<long>(crisis.value()->check(t).hit());
  });
  row("CrisisDetector::check, 5,000 chars", long_full);
  row("IntentMatcher::match, 5,000 chars", measure(long_text, rounds, [&](const std::string& t) {
        return static_cast<long>(intents.value()->match(t).size());
      }));
  std::printf(
      "\nmeaning layer cost: check / surface-only check = %.1fx mean (%.1fx at 5,000 chars)\n",
      full_stats.mean_us / surface_stats.mean_us, long_full.mean_us / long_surface.mean_us);
  std::printf("category model cost: match / rules-only match = %.1fx mean\n",
              match_stats.mean_us / rules_stats.mean_us);
  return 0;
}
