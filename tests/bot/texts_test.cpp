#include "bot/texts.h"

#include <set>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "common/embedded.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)
using nlohmann::json;

namespace {

json bundled() {
  return json::parse(*embedded_file("bot/data/texts.json"));
}

// The error message of parsing `doc` as "texts.json" (fails the test when it parses).
std::string raw_error(const std::string& doc) {
  auto t = bot::Texts::parse(doc, "texts.json");
  REQUIRE(!t.ok());
  CHECK(t.error().code() == ErrorCode::kInvalidArgument);
  return t.error().message();
}
std::string parse_error(const json& doc) {
  return raw_error(doc.dump());
}

constexpr auto kCount = static_cast<std::size_t>(bot::TextId::kCount);

}  // namespace

TEST_CASE("Texts: the bundled file loads with every id, keys unique", "[bot]") {
  auto texts = bot::Texts::load_bundled();
  REQUIRE(texts.ok());
  std::set<std::string> keys;
  for (std::size_t i = 0; i < kCount; ++i) {
    const auto id = static_cast<bot::TextId>(i);
    CAPTURE(bot::Texts::key(id));
    CHECK(!texts->get(id).empty());
    CHECK(keys.insert(std::string(bot::Texts::key(id))).second);
  }
  CHECK(bundled().at("texts").size() == kCount);
  CHECK(texts->get(bot::TextId::kGreetingReply) == "こんにちは。しるべです。");
  CHECK(texts->get(bot::TextId::kResultsContinued) == "つづきです。");
}

TEST_CASE("Texts: every text has its やさしい日本語 and English variants", "[bot]") {
  auto texts = bot::Texts::load_bundled();
  REQUIRE(texts.ok());
  for (std::size_t i = 0; i < kCount; ++i) {
    const auto id = static_cast<bot::TextId>(i);
    CAPTURE(bot::Texts::key(id));
    CHECK(!texts->get(id, ReplyLang::kEasy).empty());
    CHECK(!texts->get(id, ReplyLang::kEn).empty());
  }
  CHECK(texts->get(bot::TextId::kGreetingReply, ReplyLang::kEn) == "Hello. This is Shirube.");
  CHECK(texts->fill(bot::TextId::kLocationReceived, "Yamanashi", ReplyLang::kEn) ==
        "Location received (Yamanashi).");
}

TEST_CASE("Texts: fill puts the value where the placeholder is", "[bot]") {
  auto texts = bot::Texts::load_bundled();
  REQUIRE(texts.ok());
  CHECK(bot::Texts::placeholder(bot::TextId::kLocationReceived) == "prefecture");
  CHECK(texts->fill(bot::TextId::kLocationReceived, "山梨県") ==
        "場所を受け取りました（山梨県）。");
  CHECK(texts->fill(bot::TextId::kResultsNoLocal, "青森県") ==
        "青森県の窓口は、まだ見つかっていません。全国の窓口をお知らせします。");
  CHECK(texts->fill(bot::TextId::kCrisisOpenLink, "あなたのいばしょ") == "ひらく あなたのいばしょ");
  // A text without a placeholder is returned as is.
  CHECK(bot::Texts::placeholder(bot::TextId::kResultsNone).empty());
  CHECK(texts->fill(bot::TextId::kResultsNone, "x") == texts->get(bot::TextId::kResultsNone));
}

TEST_CASE("Texts: a missing id stops the load and is named", "[bot]") {
  json doc = bundled();
  doc["texts"].erase("results.none");
  CHECK(parse_error(doc) == "texts.json: text \"results.none\": missing");
  json empty = {{"texts", json::object()}};
  CHECK(parse_error(empty) == "texts.json: text \"follow.welcome\": missing");
}

TEST_CASE("Texts: a malformed file is refused with the place of the problem", "[bot]") {
  CHECK(raw_error("") == "texts.json: not a JSON object");
  CHECK(raw_error("{\"texts\": {") == "texts.json: not a JSON object");
  CHECK(raw_error("[1, 2]") == "texts.json: not a JSON object");
  CHECK(parse_error(json{{"format", "x"}}) == "texts.json: texts: expected an object");
  CHECK(parse_error(json{{"texts", json::array()}}) == "texts.json: texts: expected an object");

  json doc = bundled();
  SECTION("an unknown id (a typo)") {
    doc["texts"]["resluts.none"] = {{"ja", "x"}, {"easy", "x"}, {"en", "x"}};
    CHECK(parse_error(doc) == "texts.json: text \"resluts.none\": unknown id");
  }
  SECTION("a text that is not {\"ja\", \"easy\", \"en\"}") {
    doc["texts"]["greeting.reply"] = "こんにちは。";
    CHECK(parse_error(doc) ==
          "texts.json: text \"greeting.reply\": expected {\"ja\", \"easy\", \"en\"} texts");
    doc["texts"]["greeting.reply"] = {{"ja", 1}, {"easy", "こんにちは"}, {"en", "Hello"}};
    CHECK(parse_error(doc) == "texts.json: text \"greeting.reply\": \"ja\" missing");
    doc["texts"]["greeting.reply"] = {{"ja", "こんにちは"}, {"easy", ""}, {"en", "Hello"}};
    CHECK(parse_error(doc) == "texts.json: text \"greeting.reply\": \"easy\" missing");
  }
  SECTION("a variant missing or a field other than ja, easy and en") {
    doc["texts"]["greeting.reply"].erase("en");
    CHECK(parse_error(doc) == "texts.json: text \"greeting.reply\": \"en\" missing");
    doc["texts"]["greeting.reply"]["jp"] = "こんにちは。";
    CHECK(parse_error(doc) ==
          "texts.json: text \"greeting.reply\": unknown field \"jp\" (variants: ja, easy, en)");
  }
  SECTION("a list of option buttons with another count or a long label in one variant") {
    doc["texts"]["food.household_options"]["en"] = "1|2|3";
    CHECK(parse_error(doc) ==
          "texts.json: text \"food.household_options\": \"en\" must hold 4 "
          "labels separated by |");
    doc["texts"]["food.household_options"]["en"] = "1|2|3|Four people or more, all together";
    CHECK(parse_error(doc) ==
          "texts.json: text \"food.household_options\": \"en\" has a label "
          "of 33 UTF-16 units (1 to 20)");
  }
  SECTION("a button text longer than a quick-reply label in one variant") {
    doc["texts"]["check.yes"]["en"] = "Yes, I feel that way right now";
    CHECK(parse_error(doc) ==
          "texts.json: text \"check.yes\": \"en\" is 30 UTF-16 units (a button: max 20)");
  }
  SECTION("a button with a reference, counted with the reference's 8 characters") {
    doc["texts"]["food.cancel_button"]["easy"] = "もうしこみを ぜんぶ とりけす {ref}";
    CHECK(parse_error(doc) ==
          "texts.json: text \"food.cancel_button\": \"easy\" is 24 UTF-16 units (a button: "
          "max 20)");
  }
  SECTION("a card's button longer than a Flex button label") {
    doc["texts"]["card.button_open"]["en"] = "Open the page of this service in your web browser";
    CHECK(parse_error(doc) ==
          "texts.json: text \"card.button_open\": \"en\" is 49 UTF-16 units (a Flex button: "
          "max 40)");
  }
  SECTION("the location button longer than a quick-reply label") {
    doc["texts"]["location.button"]["en"] = "Send where I am right now";
    CHECK(parse_error(doc) ==
          "texts.json: text \"location.button\": \"en\" is 25 UTF-16 units (a button: max 20)");
  }
  SECTION("a placeholder missing, twice, misspelt or where none belongs") {
    doc["texts"]["location.received"]["ja"] = "場所を受け取りました。";
    const std::string once =
        "texts.json: text \"location.received\": \"ja\" must hold {prefecture} exactly once";
    CHECK(parse_error(doc) == once);
    doc["texts"]["location.received"]["ja"] = "{prefecture}{prefecture}";
    CHECK(parse_error(doc) == once);
    doc["texts"]["location.received"]["ja"] = "場所（{pref}）";
    CHECK(parse_error(doc) == once);
    doc = bundled();
    doc["texts"]["location.received"]["en"] = "Location received.";
    CHECK(parse_error(doc) ==
          "texts.json: text \"location.received\": \"en\" must hold {prefecture} exactly once");
    doc = bundled();
    doc["texts"]["results.none"]["easy"] = "{prefecture}には ありません。";
    CHECK(parse_error(doc) ==
          "texts.json: text \"results.none\": \"easy\" holds a brace but takes no placeholder");
  }
}
