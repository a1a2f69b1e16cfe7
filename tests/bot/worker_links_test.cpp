// The LINE links of support workers (bot/worker_links.h): one-time codes, redeeming, the limit
// on failed tries, revoking, and who is pushed.
#include "bot/worker_links.h"

#include <memory>
#include <set>
#include <string>

#include <catch2/catch.hpp>

using shirube::bot::LinkOutcome;
using shirube::bot::WorkerLinks;

namespace {

const std::string kSeal(32, 'k');
constexpr std::int64_t kNow = 1800000000;

std::unique_ptr<WorkerLinks> open_links() {
  auto links = WorkerLinks::open(":memory:", kSeal);
  REQUIRE(links.ok());
  return std::move(links).value();
}

}  // namespace

TEST_CASE("WorkerLinks: a code is ten Crockford characters, unguessable and typed loosely",
          "[bot][worker]") {
  auto links = open_links();
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    auto code = links->new_code("org-a", kNow);
    REQUIRE(code.ok());
    REQUIRE(code->code.size() == 11);
    CHECK(code->code[5] == '-');
    CHECK(code->expires_at == kNow + 24 * 3600);
    CHECK(WorkerLinks::fold_code(code->code).size() == 10);
    seen.insert(code->code);
  }
  CHECK(seen.size() == 50);
  CHECK(WorkerLinks::fold_code("abcde-fghjk") == "ABCDEFGHJK");
  CHECK(WorkerLinks::fold_code("0o1il abcde") == "00111ABCDE");
  CHECK(WorkerLinks::fold_code("ABCDE-FGHJ").empty());      // too short
  CHECK(WorkerLinks::fold_code("ABCDE-FGHJU").empty());     // U is not Crockford
  CHECK(WorkerLinks::fold_code("支援ABCDEFGHJK").empty());  // not a code
}

TEST_CASE("WorkerLinks: a code links one user once, then it is used", "[bot][worker]") {
  auto links = open_links();
  auto code = links->new_code("org-a", kNow);
  REQUIRE(code.ok());
  std::string lower = code->code;
  for (char& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto done = links->redeem(lower, "user-1", "U1", kNow + 10);
  REQUIRE(done.ok());
  CHECK(done->outcome == LinkOutcome::kLinked);
  CHECK(done->org_id == "org-a");
  CHECK(links->org_of("user-1").value() == std::optional<std::string>("org-a"));
  auto again = links->redeem(code->code, "user-2", "U2", kNow + 20);
  REQUIRE(again.ok());
  CHECK(again->outcome == LinkOutcome::kUsed);
  CHECK(!links->org_of("user-2").value().has_value());
}

TEST_CASE("WorkerLinks: an expired or wrong code changes nothing", "[bot][worker]") {
  auto links = open_links();
  auto code = links->new_code("org-a", kNow);
  REQUIRE(code.ok());
  auto late = links->redeem(code->code, "user-1", "U1", kNow + 24 * 3600);
  REQUIRE(late.ok());
  CHECK(late->outcome == LinkOutcome::kExpired);
  auto wrong = links->redeem("ZZZZZ-ZZZZZ", "user-1", "U1", kNow);
  REQUIRE(wrong.ok());
  CHECK(wrong->outcome == LinkOutcome::kWrong);
  CHECK(!links->org_of("user-1").value().has_value());
  CHECK(links->list().value().empty());
}

TEST_CASE("WorkerLinks: after five failed tries in an hour even a right code is refused",
          "[bot][worker]") {
  auto links = open_links();
  auto code = links->new_code("org-a", kNow);
  REQUIRE(code.ok());
  for (int i = 0; i < WorkerLinks::kMaxFailures; ++i)
    CHECK(links->redeem("ZZZZZ-ZZZZ" + std::to_string(i), "user-1", "U1", kNow + i)->outcome ==
          LinkOutcome::kWrong);
  CHECK(links->redeem(code->code, "user-1", "U1", kNow + 10)->outcome == LinkOutcome::kLimited);
  // Another user is not held back; the first one may try again after the hour.
  CHECK(links->redeem("ZZZZZ-ZZZZZ", "user-2", "U2", kNow + 10)->outcome == LinkOutcome::kWrong);
  CHECK(links->redeem(code->code, "user-1", "U1", kNow + 3600 + 10)->outcome ==
        LinkOutcome::kLinked);
}

TEST_CASE("WorkerLinks: who is pushed is every active link of the organisation, and only them",
          "[bot][worker]") {
  auto links = open_links();
  auto link = [&](const std::string& org, const std::string& user, const std::string& line_id) {
    auto code = links->new_code(org, kNow);
    REQUIRE(code.ok());
    REQUIRE(links->redeem(code->code, user, line_id, kNow)->outcome == LinkOutcome::kLinked);
  };
  link("org-a", "user-1", "U1");
  link("org-a", "user-2", "U2");
  link("org-b", "user-3", "U3");
  link("org-a", "user-4", "U4");
  REQUIRE(links->revoke(2, kNow).ok());  // user-2
  REQUIRE(links->erase_user("user-4").ok());
  CHECK(links->push_targets("org-a").value() == std::vector<std::string>{"U1"});
  CHECK(links->push_targets("org-b").value() == std::vector<std::string>{"U3"});
  CHECK(links->push_targets("org-c").value().empty());
  CHECK(links->revoke(99, kNow).error().code() == shirube::ErrorCode::kNotFound);
  const auto all = links->list().value();
  REQUIRE(all.size() == 3);
  CHECK(all[1].revoked);
}

TEST_CASE("WorkerLinks: without a seal key nothing of the LINE id is kept and nobody is pushed",
          "[bot][worker]") {
  auto opened = WorkerLinks::open(":memory:", "");
  REQUIRE(opened.ok());
  auto& links = **opened;
  auto code = links.new_code("org-a", kNow);
  REQUIRE(links.redeem(code->code, "user-1", "U1", kNow)->outcome == LinkOutcome::kLinked);
  CHECK(links.push_targets("org-a").value().empty());
  CHECK(WorkerLinks::open(":memory:", "short").error().code() ==
        shirube::ErrorCode::kInvalidArgument);
}
