// Conversation engine benchmark: messages per second through Engine::handle in-process and
// p50/p99 per message, with the bundled data and (when bench/knowledge/synth.h is built) with
// a synthetic directory of 100k services. The reference in the same run is the bare
// understanding step (crisis check + intent match on the same texts, no database), so the
// ratio shows what sessions, the tree and the search add.
//
//   shirube_bench_engine [--messages N] [--users N] [--synth N] [--synth-db PATH]
//                        [--breakdown 1]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bot/engine.h"
#include "intents/crisis.h"
#include "intents/intent_matcher.h"
#include "knowledge/knowledge_base.h"

#include <unistd.h>
#ifdef SHIRUBE_HAVE_SYNTH
#include "bench/knowledge/synth.h"
#endif

namespace {

using Clock = std::chrono::steady_clock;
using shirube::bot::Input;

struct Step {
  bool text;
  const char* value;
};

// A conversation as people have it: taps, an area, paging, free text, a crisis, going back.
const std::vector<Step>& script() {
  static const std::vector<Step> kSteps = {
      {false, "nav=top"},
      {false, "n=food.area"},
      {false, "n=food.area.kanto"},
      {false, "n=food.results&p=13"},
      {false, "more=1"},
      {true, "戻る"},
      {true, "お金がなくて家賃が払えない"},
      {false, "n=money.results&p=0"},
      {true, "死にたい"},
      {false, "nav=resume"},
      {false, "n=crisis.results&p=27"},
      {true, "最初から"},
      {false, "n=other"},
      {false, "n=words"},
      {true, "仕事をなくして困っています"},
      {false, "n=work.results&p=1"},
  };
  return kSteps;
}

struct Stats {
  double per_second = 0;
  double p50_us = 0;
  double p99_us = 0;
  double max_us = 0;
  std::size_t n = 0;
};

Stats summarize(std::vector<double>& us, double total_seconds) {
  Stats s;
  s.n = us.size();
  if (us.empty())
    return s;
  std::sort(us.begin(), us.end());
  s.p50_us = us[us.size() / 2];
  s.p99_us = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  s.max_us = us.back();
  s.per_second = static_cast<double>(us.size()) / total_seconds;
  return s;
}

void print(const char* name, const Stats& s) {
  std::printf("%-44s %8zu msgs  %10.0f msg/s  p50 %8.1f us  p99 %8.1f us  max %9.1f us\n", name,
              s.n, s.per_second, s.p50_us, s.p99_us, s.max_us);
}

Stats run_reference(std::size_t messages) {
  auto crisis = shirube::intents::CrisisDetector::load_bundled();
  auto matcher = shirube::intents::IntentMatcher::load_bundled();
  if (!crisis.ok() || !matcher.ok()) {
    std::fprintf(stderr, "bench: cannot load the bundled rules\n");
    std::exit(1);
  }
  std::vector<std::string> texts;
  for (const auto& s : script())
    texts.emplace_back(s.value);
  std::vector<double> us;
  us.reserve(messages);
  std::size_t sink = 0;
  const auto start = Clock::now();
  for (std::size_t i = 0; i < messages; ++i) {
    const auto t0 = Clock::now();
    const std::string& t = texts[i % texts.size()];
    auto c = (*crisis)->check(t);
    if (!c.hit())
      sink += (*matcher)->match(t).size();
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  const double total = std::chrono::duration<double>(Clock::now() - start).count();
  if (sink == 42424242)
    std::puts("");  // keep the work observable
  return summarize(us, total);
}

Stats run_engine(shirube::knowledge::KnowledgeBase& kb, const std::string& session_db,
                 std::size_t messages, std::size_t users, bool breakdown = false,
                 int cache_seconds = 60) {
  shirube::bot::EngineOptions options;
  options.result_cache_seconds = cache_seconds;
  options.session_db = session_db;
  options.user_key_secret = "bench";
  auto engine = shirube::bot::Engine::create(kb, options);
  if (!engine.ok()) {
    std::fprintf(stderr, "bench: %s\n", engine.error().message().c_str());
    std::exit(1);
  }
  const auto& steps = script();
  std::vector<double> us;
  us.reserve(messages);
  std::vector<std::vector<double>> per_step(steps.size());
  const auto start = Clock::now();
  for (std::size_t i = 0; i < messages; ++i) {
    // Users take turns, so every message loads and saves a different session.
    const std::size_t user = i % users;
    const std::size_t step_index = (i / users) % steps.size();
    const Step& step = steps[step_index];
    Input in;
    in.kind = step.text ? Input::Kind::kText : Input::Kind::kPostback;
    (step.text ? in.text : in.data) = step.value;
    const auto t0 = Clock::now();
    auto r = (*engine)->handle("user-" + std::to_string(user), in);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    per_step[step_index].push_back(us.back());
    if (!r.ok()) {
      std::fprintf(stderr, "bench: %s\n", r.error().message().c_str());
      std::exit(1);
    }
  }
  const double total = std::chrono::duration<double>(Clock::now() - start).count();
  if (breakdown) {
    for (std::size_t k = 0; k < steps.size(); ++k) {
      Stats s = summarize(per_step[k], total);
      std::printf("    step %-36s p50 %8.1f us  p99 %9.1f us\n", steps[k].value, s.p50_us,
                  s.p99_us);
    }
  }
  return summarize(us, total);
}

struct Options {
  std::size_t messages = 20000;
  std::size_t users = 200;
  std::size_t synth = 100000;
  std::string synth_db;  // --synth-db PATH: build there once and keep; reuse when it exists
  bool breakdown = false;
};

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--synth-db") {
      o.synth_db = argv[i + 1];
      continue;
    }
    if (a == "--breakdown") {
      o.breakdown = std::string(argv[i + 1]) == "1";
      continue;
    }
    const std::size_t v = std::strtoull(argv[i + 1], nullptr, 10);
    if (a == "--messages")
      o.messages = v;
    else if (a == "--users")
      o.users = std::max<std::size_t>(1, v);
    else if (a == "--synth")
      o.synth = v;
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  const std::size_t messages = o.messages;
  const std::size_t users = o.users;
  const std::size_t synth = o.synth;
  const std::string& synth_db = o.synth_db;
  const bool breakdown = o.breakdown;
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const Stats ref = run_reference(messages);
  print("reference: crisis check + intent match", ref);

  auto kb = shirube::knowledge::KnowledgeBase::open_with_bundled_data(":memory:");
  if (!kb.ok()) {
    std::fprintf(stderr, "bench: %s\n", kb.error().message().c_str());
    return 1;
  }
  const Stats bundled = run_engine(**kb, ":memory:", messages, users);
  print("engine, bundled data, sessions in memory", bundled);
  std::printf("  ratio p50 %.1fx  p99 %.1fx  (engine / reference)\n", bundled.p50_us / ref.p50_us,
              bundled.p99_us / ref.p99_us);

#ifdef SHIRUBE_HAVE_SYNTH
  if (synth == 0)
    return 0;
  char tmpl[] = "/tmp/shirube-bench-engine-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) {
    std::fprintf(stderr, "bench: cannot create a temporary directory\n");
    return 1;
  }
  const std::string dir = tmpl;
  const std::string db = synth_db.empty() ? dir + "/synth.db" : synth_db;
  const bool reuse = !synth_db.empty() && std::filesystem::exists(synth_db);
  const std::string why =
      reuse ? std::string()
            : shirube::bench::build_synthetic_database(static_cast<int>(synth), 7, db);
  if (!why.empty()) {
    std::fprintf(stderr, "bench: %s\n", why.c_str());
    return 1;
  }
  {
    auto big = shirube::knowledge::KnowledgeBase::open(db);
    if (!big.ok()) {
      std::fprintf(stderr, "bench: %s\n", big.error().message().c_str());
      return 1;
    }
    const Stats large = run_engine(**big, ":memory:", messages, users, breakdown);
    const std::string label = "engine, " + std::to_string(synth) + " synthetic services";
    print(label.c_str(), large);
    std::printf("  ratio p50 %.1fx  p99 %.1fx  (engine / reference)\n", large.p50_us / ref.p50_us,
                large.p99_us / ref.p99_us);
    const Stats file = run_engine(**big, dir + "/sessions.db", messages, users);
    const std::string label2 = label + ", sessions in a file";
    print(label2.c_str(), file);
    const Stats uncached = run_engine(**big, ":memory:", messages / 4, users, breakdown, 0);
    const std::string label3 = label + ", no answer cache";
    print(label3.c_str(), uncached);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
#else
  (void)synth;
  std::printf("(synthetic directory not built: bench/knowledge/synth.h is missing)\n");
#endif
  return 0;
}
