// The push to LINE-linked workers when a food request arrives (webhooks/worker_push.h).
#include "webhooks/worker_push.h"

#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "bot/worker_links.h"

using shirube::Status;
using shirube::bot::WorkerLinks;

TEST_CASE(
    "WorkerPush: every active LINE worker of the organisation gets the text without personal data",
    "[webhooks][worker]") {
  auto opened = WorkerLinks::open(":memory:", std::string(32, 'p'));
  REQUIRE(opened.ok());
  WorkerLinks& links = **opened;
  const auto link = [&](const std::string& org, const std::string& user, const std::string& id) {
    auto code = links.new_code(org, 100);
    REQUIRE(code.ok());
    REQUIRE(links.redeem(code->code, user, id, 100).ok());
  };
  link("org-a", "key-1", "U1");
  link("org-b", "key-2", "U2");
  link("org-a", "key-3", "U3");
  std::vector<std::pair<std::string, std::string>> sent;
  const auto notify = [&](const std::string& to, const std::string& text) {
    sent.emplace_back(to, text);
    return Status();
  };
  CHECK(shirube::webhooks::push_new_food_request(links, "org-a", "/worker/food", notify) == 2);
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].first == "U1");
  CHECK(sent[1].first == "U3");
  CHECK(sent[0].second == "新しい申込が1件あります。\n支援者用ページで見てください：/worker/food");
  // A push that cannot be queued is not counted, and the others still go.
  sent.clear();
  int calls = 0;
  const auto flaky = [&](const std::string&, const std::string&) {
    return ++calls == 1 ? Status(shirube::Error::unavailable("inbox", "busy")) : Status();
  };
  CHECK(shirube::webhooks::push_new_food_request(links, "org-a", "/worker/food", flaky) == 1);
  CHECK(calls == 2);
}
