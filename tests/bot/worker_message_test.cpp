// Worker detection in the help chat (bot/worker_message.h): the examples the rule was written
// for, and its accuracy on tests/data/worker_messages.tsv, written after the rule.
#include "bot/worker_message.h"

#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

using shirube::bot::from_worker;

TEST_CASE("WorkerMessage: a role of one's own or a person in one's charge is a worker",
          "[bot][worker]") {
  CHECK(from_worker("相談員です。食べ物に困っている人がいます"));
  CHECK(from_worker("ケースワーカーをしています"));
  CHECK(from_worker("社協の者ですが、山梨で住まいの相談先を"));
  CHECK(from_worker("支援している方が家を出たいと言っています"));
  CHECK(from_worker("利用者さんが死にたいと言っている"));
  CHECK(from_worker("私はソーシャルワーカーです"));
  CHECK(from_worker("訪問介護のヘルパーです。訪問先のおじいさんが食事をしていません"));
}

TEST_CASE("WorkerMessage: a role word about someone else is a help-seeker", "[bot][worker]") {
  CHECK_FALSE(from_worker("母が民生委員に相談しろって"));
  CHECK_FALSE(from_worker("社協に行ったけどだめだった"));
  CHECK_FALSE(from_worker("担当のケースワーカーが話を聞いてくれない"));
  CHECK_FALSE(from_worker("民生委員をしている母が厳しい"));
  CHECK_FALSE(from_worker("保育士です。仕事がつらくて辞めたい"));
  CHECK_FALSE(from_worker("食べるものがありません"));
  CHECK_FALSE(from_worker(""));
}

TEST_CASE("WorkerMessage: messages written after the rule are told apart", "[bot][worker]") {
  std::ifstream in(std::string(SHIRUBE_SOURCE_DIR) + "/tests/data/worker_messages.tsv");
  REQUIRE(in);
  int workers = 0;
  int seekers = 0;
  int found = 0;
  int misread = 0;
  std::string line;
  std::ostringstream wrong;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#')
      continue;
    const auto tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    const bool worker = line.substr(0, tab) == "worker";
    const std::string text = line.substr(tab + 1);
    const bool said = from_worker(text);
    (worker ? workers : seekers) += 1;
    if (worker && said)
      ++found;
    if (!worker && said)
      ++misread;
    if (said != worker)
      wrong << (worker ? "missed: " : "misread: ") << text << "\n";
  }
  INFO(wrong.str());
  INFO("workers found " << found << "/" << workers << ", seekers misread " << misread << "/"
                        << seekers);
  REQUIRE(workers >= 30);
  REQUIRE(seekers >= 30);
  // A help-seeker taken for a worker loses the answer written for them: that must stay rare.
  CHECK(misread * 20 <= seekers);    // at most 5%
  CHECK(found * 10 >= workers * 8);  // at least 80%
}
