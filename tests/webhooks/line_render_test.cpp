#include "webhooks/line_render.h"

#include <cstddef>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "common/utf8.h"

using nlohmann::json;
using shirube::bot::Choice;
using shirube::bot::Link;
using shirube::bot::Reply;
using shirube::bot::ResultCard;
using shirube::webhooks::line_safe_uri;
using shirube::webhooks::render_line_messages;
namespace utf8 = shirube::utf8;

namespace {

std::size_t dumped_size(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace).size();
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i)
    out += s;
  return out;
}

ResultCard yorisoi() {
  ResultCard c;
  c.service_id = "yorisoi";
  c.title = "よりそいホットライン";
  c.organization = "一般社団法人 社会的包摂サポートセンター";
  c.summary = "どんなひとの、どんななやみにもよりそう電話相談";
  c.contact = "0120-279-338";
  c.action = Link{"電話する 0120-279-338", "tel:0120279338"};
  c.hours = "24時間";
  c.cost = "無料";
  c.area = "全国";
  c.source_title = "厚生労働省 まもろうよ こころ";
  c.source_url = "https://www.mhlw.go.jp/mamorouyokokoro/";
  c.last_verified = "2026-11-22";
  return c;
}

// Collects every string value in a JSON tree.
void strings_in(const json& j, std::vector<std::string>& out) {
  if (j.is_string()) {
    out.push_back(j.get<std::string>());
  } else if (j.is_structured()) {
    for (const auto& v : j)
      strings_in(v, out);
  }
}

// Every text component inside a bubble, in order.
std::vector<std::string> bubble_texts(const json& bubble) {
  std::vector<std::string> out;
  for (const auto& c : bubble.at("body").at("contents")) {
    if (c.at("type") == "text")
      out.push_back(c.at("text").get<std::string>());
  }
  return out;
}

bool contains_text(const std::vector<std::string>& texts, const std::string& needle) {
  for (const auto& t : texts) {
    if (t.find(needle) != std::string::npos)
      return true;
  }
  return false;
}

// Checks every LINE limit the renderer promises, on any output.
void check_line_limits(const json& messages) {
  REQUIRE(messages.is_array());
  CHECK(messages.size() <= 5);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const json& m = messages[i];
    if (i + 1 < messages.size())
      CHECK_FALSE(m.contains("quickReply"));
    if (m.contains("quickReply")) {
      const json& items = m.at("quickReply").at("items");
      CHECK(items.size() >= 1);
      CHECK(items.size() <= 13);
      for (const auto& item : items) {
        const json& a = item.at("action");
        const std::string label = a.at("label").get<std::string>();
        CHECK(!label.empty());
        CHECK(utf8::utf16_length(label) <= 20);
        if (a.at("type") == "location")
          continue;  // a label alone
        CHECK(a.at("displayText").get<std::string>() == label);
        CHECK(a.at("data").get<std::string>().size() <= 300);
      }
    }
    if (m.at("type") == "text") {
      CHECK(utf8::utf16_length(m.at("text").get<std::string>()) <= 5000);
    } else {
      REQUIRE(m.at("type") == "flex");
      CHECK(utf8::utf16_length(m.at("altText").get<std::string>()) <= 1500);
      const json& contents = m.at("contents");
      if (contents.at("type") == "carousel") {
        CHECK(contents.at("contents").size() <= 12);
        CHECK(dumped_size(contents) <= 50000);
        for (const auto& b : contents.at("contents"))
          CHECK(dumped_size(b) <= 30000);
      } else {
        CHECK(dumped_size(contents) <= 30000);
      }
    }
    std::vector<std::string> all;
    strings_in(m, all);
    for (const auto& s : all)
      CHECK(utf8::is_valid(s));
  }
  // Button labels and URIs anywhere in Flex contents.
  std::vector<json> stack(messages.begin(), messages.end());
  while (!stack.empty()) {
    json j = std::move(stack.back());
    stack.pop_back();
    if (j.is_object() && j.contains("type") && j.at("type") == "button") {
      const json& a = j.at("action");
      CHECK(utf8::utf16_length(a.at("label").get<std::string>()) <= 40);
      if (a.at("type") == "postback") {  // the language switch
        CHECK(a.at("data").get<std::string>().size() <= 300);
        CHECK(utf8::utf16_length(a.at("label").get<std::string>()) <= 20);
      } else {
        const std::string uri = a.at("uri").get<std::string>();
        CHECK(uri.size() <= 1000);
        CHECK((uri.rfind("tel:", 0) == 0 || uri.rfind("https://", 0) == 0 ||
               uri.rfind("http://", 0) == 0));
      }
    }
    if (j.is_structured()) {
      for (const auto& v : j)
        stack.push_back(v);
    }
  }
}

}  // namespace

TEST_CASE("LineRender: a text reply with choices becomes one text message with quick replies",
          "[webhooks]") {
  Reply r;
  r.texts = {"どんなことでこまっていますか？"};
  r.choices = {{"食べ物", "n=food"}, {"お金", "n=money"}};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 1);
  CHECK(m[0].at("type") == "text");
  CHECK(m[0].at("text") == "どんなことでこまっていますか？");
  const json& items = m[0].at("quickReply").at("items");
  REQUIRE(items.size() == 2);
  CHECK(items[0] == json::parse(R"({"type":"action","action":{"type":"postback","label":"食べ物",
        "data":"n=food","displayText":"食べ物"}})"));
}

TEST_CASE("LineRender: a step that asks the area gets the location quick reply first, on LINE only",
          "[webhooks]") {
  Reply r;
  r.texts = {"どちらにお住まいですか？"};
  r.asks_area = true;
  for (int i = 0; i < 13; ++i)
    r.choices.push_back({"地方" + std::to_string(i), "n=food.r" + std::to_string(i)});
  r.choices.push_back({"戻る", "nav=back"});
  shirube::webhooks::LineRenderOptions line;
  line.location = true;
  const json m = render_line_messages(r, line);
  check_line_limits(m);
  const json& items = m.back().at("quickReply").at("items");
  REQUIRE(items.size() == 13);  // LINE's limit, the location button included
  CHECK(items[0] ==
        json::parse(R"({"type":"action","action":{"type":"location","label":"位置情報を送る"}})"));
  CHECK(items.back().at("action").at("data") == "nav=back");
  // Other variants say it in their words.
  r.lang = "en";
  CHECK(render_line_messages(r, line)
            .back()
            .at("quickReply")
            .at("items")[0]
            .at("action")
            .at("label") == "Send my location");
  // The chat API (no options), and a step that does not ask the area: no location button.
  // (The messages are kept: a loop over a part of a temporary would read freed memory.)
  const json api = render_line_messages(r);
  for (const json& item : api.back().at("quickReply").at("items"))
    CHECK(item.at("action").at("type") == "postback");
  r.asks_area = false;
  const json elsewhere = render_line_messages(r, line);
  for (const json& item : elsewhere.back().at("quickReply").at("items"))
    CHECK(item.at("action").at("type") == "postback");
}

TEST_CASE("LineRender: an empty reply renders no messages and a choices-only reply a prompt",
          "[webhooks]") {
  CHECK(render_line_messages(Reply{}).empty());
  Reply r;
  r.choices = {{"はじめから", "nav=root"}};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 1);
  CHECK(m[0].at("type") == "text");
  CHECK(m[0].at("quickReply").at("items").size() == 1);
}

TEST_CASE("LineRender: crisis links come first as tap-to-call buttons", "[webhooks]") {
  Reply r;
  r.crisis = true;
  r.texts = {"あなたのことが心配です。いますぐ話せるところがあります。"};
  r.links = {{"警察 110", "tel:110"},
             {"救急 119", "tel:119"},
             {"よりそいホットライン 0120-279-338", "tel:0120279338"}};
  r.cards = {yorisoi()};
  r.choices = {{"はじめから", "nav=root"}};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 3);
  CHECK(m[0].at("type") == "flex");
  CHECK(m[0].at("contents").at("type") == "bubble");
  const json& buttons = m[0].at("contents").at("footer").at("contents");
  REQUIRE(buttons.size() == 3);
  CHECK(buttons[0].at("action") ==
        json::parse(R"({"type":"uri","label":"警察 110","uri":"tel:110"})"));
  CHECK(buttons[2].at("action").at("uri") == "tel:0120279338");
  const std::string alt = m[0].at("altText").get<std::string>();
  CHECK(alt.find("110") != std::string::npos);
  CHECK(alt.find("0120-279-338") != std::string::npos);
  CHECK(m[1].at("type") == "text");
  CHECK(m[2].at("contents").at("type") == "carousel");
  CHECK(m[2].contains("quickReply"));
}

TEST_CASE("LineRender: a crisis link with an unusable URI keeps its words as text", "[webhooks]") {
  Reply r;
  r.links = {{"いのちの電話 0120-783-556", "javascript:alert(1)"}, {"警察 110", "tel:110"}};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 1);
  CHECK(contains_text(bubble_texts(m[0].at("contents")), "0120-783-556"));
  CHECK(m[0].at("contents").at("footer").at("contents").size() == 1);
}

TEST_CASE("LineRender: a result card shows every field people need", "[webhooks]") {
  Reply r;
  r.texts = {"相談できるところです。"};
  r.cards = {yorisoi()};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 2);
  const json& bubble = m[1].at("contents").at("contents").at(0);
  const auto texts = bubble_texts(bubble);
  REQUIRE(!texts.empty());
  CHECK(texts[0] == "よりそいホットライン");
  CHECK(bubble.at("body").at("contents").at(0).at("weight") == "bold");
  CHECK(contains_text(texts, "一般社団法人 社会的包摂サポートセンター"));
  CHECK(contains_text(texts, "どんなひとの"));
  CHECK(contains_text(texts, "連絡先：0120-279-338"));
  CHECK(contains_text(texts, "受付時間：24時間"));
  CHECK(contains_text(texts, "費用：無料"));
  CHECK(contains_text(texts, "地域：全国"));
  CHECK(contains_text(texts, "最終確認 2026-11-22"));
  CHECK(contains_text(texts, "出典：厚生労働省 まもろうよ こころ"));
  // The source title opens the page it names.
  bool source_links = false;
  for (const auto& c : bubble.at("body").at("contents")) {
    if (c.contains("action") && c.at("text").get<std::string>().rfind("出典：", 0) == 0)
      source_links = c.at("action").at("uri") == "https://www.mhlw.go.jp/mamorouyokokoro/";
  }
  CHECK(source_links);
  const json& action = bubble.at("footer").at("contents").at(0).at("action");
  CHECK(action.at("label") == "電話する");
  CHECK(action.at("uri") == "tel:0120279338");
  CHECK(m[1].at("altText") == "相談先 1件：よりそいホットライン 0120-279-338");
}

TEST_CASE("LineRender: unknown hours, unverified and stale records say so", "[webhooks]") {
  ResultCard c = yorisoi();
  c.hours.clear();
  c.last_verified.clear();
  c.action = Link{"ひらく", "https://example.org/soudan"};
  ResultCard s = yorisoi();
  s.stale = true;
  s.action.reset();
  Reply r;
  r.cards = {c, s};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 1);
  const json& bubbles = m[0].at("contents").at("contents");
  const auto first = bubble_texts(bubbles.at(0));
  CHECK(contains_text(first, "受付時間：確認できていません"));
  CHECK(contains_text(first, "未確認"));
  CHECK_FALSE(contains_text(first, "最終確認"));
  CHECK(bubbles.at(0).at("footer").at("contents").at(0).at("action").at("label") == "ひらく");
  CHECK(contains_text(bubble_texts(bubbles.at(1)), "古い情報かもしれません"));
  CHECK_FALSE(bubbles.at(1).contains("footer"));
}

TEST_CASE("LineRender: thirty results are paginated into carousels of at most 12", "[webhooks]") {
  Reply r;
  r.texts = {"見つかった相談先です。"};
  for (int i = 0; i < 30; ++i) {
    ResultCard c = yorisoi();
    c.title = "相談窓口 " + std::to_string(i + 1);
    r.cards.push_back(c);
  }
  r.choices = {{"もどる", "nav=back"}};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 4);
  CHECK(m[0].at("type") == "text");
  CHECK(m[1].at("contents").at("contents").size() == 12);
  CHECK(m[2].at("contents").at("contents").size() == 12);
  CHECK(m[3].at("contents").at("contents").size() == 6);
  CHECK(m[1].at("altText").get<std::string>().rfind("相談先 12件：相談窓口 1 0120-279-338 ／ ",
                                                    0) == 0);
  CHECK(m[3].contains("quickReply"));
}

TEST_CASE("LineRender: long names and long texts are cut to LINE's limits", "[webhooks]") {
  Reply r;
  r.texts = {repeat("あ", 12000), repeat("い", 100)};
  ResultCard c = yorisoi();
  c.title = repeat("🍙", 20000);
  c.organization = repeat("組", 20000);
  c.summary = repeat("説", 20000);
  c.hours = repeat("時", 20000);
  c.source_title = repeat("出", 20000);
  for (int i = 0; i < 20; ++i)
    r.cards.push_back(c);
  r.links = {{repeat("長", 100), "tel:110"}};
  const json m = render_line_messages(r);
  check_line_limits(m);
  CHECK(m.size() == 5);
  // The title is cut on a code-point boundary with an ellipsis, never inside an emoji.
  const json& first_card = m.back().at("contents").at("contents").at(0);
  const std::string title = bubble_texts(first_card).at(0);
  CHECK(title.size() < 1000);
  CHECK(title.rfind("🍙🍙", 0) == 0);
  CHECK(title.substr(title.size() - 3) == "…");
}

TEST_CASE("LineRender: a text longer than 5000 units is split over free messages", "[webhooks]") {
  Reply r;
  r.texts = {repeat("😀", 3000)};  // 6000 UTF-16 units
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 2);
  const std::string joined =
      m[0].at("text").get<std::string>() + m[1].at("text").get<std::string>();
  CHECK(joined == repeat("😀", 3000));
}

TEST_CASE("LineRender: many paragraphs are joined into the messages that are left", "[webhooks]") {
  Reply r;
  for (int i = 0; i < 9; ++i)
    r.texts.push_back("だん落" + std::to_string(i));
  r.cards = {yorisoi()};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 2);
  const std::string t = m[0].at("text").get<std::string>();
  CHECK(t.find("だん落0") == 0);
  CHECK(t.find("だん落8") != std::string::npos);
}

TEST_CASE("LineRender: twenty choices keep 13 and the way back", "[webhooks]") {
  Reply r;
  r.texts = {"えらんでください"};
  for (int i = 0; i < 20; ++i) {
    r.choices.push_back({"選択肢" + std::to_string(i), "n=choice." + std::to_string(i)});
  }
  r.choices.push_back({"もどる", "nav=back"});
  r.choices.push_back({"はじめから", "nav=root"});
  const json m = render_line_messages(r);
  check_line_limits(m);
  const json& items = m.back().at("quickReply").at("items");
  REQUIRE(items.size() == 13);
  CHECK(items[0].at("action").at("data") == "n=choice.0");
  CHECK(items[10].at("action").at("data") == "n=choice.10");
  CHECK(items[11].at("action").at("data") == "nav=back");
  CHECK(items[12].at("action").at("data") == "nav=root");
}

TEST_CASE("LineRender: quick reply labels are cut and bad postback data is dropped", "[webhooks]") {
  Reply r;
  r.texts = {"えらんでください"};
  r.choices = {
      {"とても長いラベルのせんたくしでございます😀😀😀", "n=long"},  // label cut
      {"ちょうど", std::string(300, 'a')},                        // exactly 300: kept
      {"ながすぎ", std::string(301, 'a')},                        // dropped, never cut
      {"から", ""},                                               // dropped
      {"", "n=nolabel"},                                          // dropped
      {"こわれた", "n=\xff"},                                     // dropped
  };
  const json m = render_line_messages(r);
  check_line_limits(m);
  const json& items = m.back().at("quickReply").at("items");
  REQUIRE(items.size() == 2);
  const std::string label = items[0].at("action").at("label").get<std::string>();
  CHECK(utf8::utf16_length(label) == 20);
  CHECK(label.substr(label.size() - 3) == "…");
  CHECK(items[0].at("action").at("data") == "n=long");
  CHECK(items[1].at("action").at("data") == std::string(300, 'a'));
}

TEST_CASE("LineRender: emoji labels are never cut inside a surrogate pair", "[webhooks]") {
  Reply r;
  r.choices = {{repeat("🍎", 15), "n=apple"}};
  const json m = render_line_messages(r);
  check_line_limits(m);
  const std::string label =
      m.back().at("quickReply").at("items").at(0).at("action").at("label").get<std::string>();
  CHECK(label == repeat("🍎", 9) + "…");
}

TEST_CASE("LineRender: invalid UTF-8 in the data is rendered as replacement characters",
          "[webhooks]") {
  ResultCard c = yorisoi();
  c.title = "壊れた\xe3\x81名前";
  c.contact = "\xff\xfe";
  Reply r;
  r.texts = {"テキスト\xc0\xaf"};
  r.cards = {c};
  r.choices = {{"ラベル\xed\xa0\x80", "n=ok"}};
  const json m = render_line_messages(r);
  check_line_limits(m);
  CHECK(m[0].at("text") == "テキスト\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(bubble_texts(m[1].at("contents").at("contents").at(0)).at(0) ==
        "壊れた\xEF\xBF\xBD\xEF\xBF\xBD名前");  // one U+FFFD per stray byte
  // The whole output serialises strictly (no replacement needed at dump time).
  CHECK_NOTHROW(m.dump());
}

TEST_CASE("LineRender: only http, https and tel URIs become buttons", "[webhooks]") {
  SECTION("accept") {
    auto uri = GENERATE(as<std::string>{}, "tel:110", "tel:0120-279-338", "https://example.org/",
                        "http://example.org/a?b=c", "HTTPS://EXAMPLE.ORG/");
    CAPTURE(uri);
    CHECK(line_safe_uri(uri) == uri);
  }
  SECTION("reject") {
    auto uri = GENERATE(as<std::string>{}, "", "javascript:alert(1)", "line://ti/p/@x",
                        "ftp://example.org/", "mailto:a@example.org", "tel:", "https://",
                        "https://example.org/\n", "https://example.org/\xff",
                        "https://example.org/" + std::string(990, 'a'));
    CAPTURE(uri);
    CHECK(line_safe_uri(uri).empty());
  }
  SECTION("non-ASCII is percent-encoded") {
    CHECK(line_safe_uri("https://example.org/相談 窓口") ==
          "https://example.org/%E7%9B%B8%E8%AB%87%20%E7%AA%93%E5%8F%A3");
  }
  ResultCard c = yorisoi();
  c.action = Link{"ひらく", "javascript:alert(1)"};
  Reply r;
  r.cards = {c};
  const json m = render_line_messages(r);
  check_line_limits(m);
  CHECK_FALSE(m[0].at("contents").at("contents").at(0).contains("footer"));
}

TEST_CASE("LineRender: the first crisis bubble has three buttons, the rest one swipe away",
          "[webhooks]") {
  Reply r;
  for (int i = 0; i < 30; ++i)
    r.links.push_back({"窓口 " + std::to_string(i), "tel:110"});
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 1);
  const json& c = m[0].at("contents");
  REQUIRE(c.at("type") == "carousel");
  REQUIRE(c.at("contents").size() == 2);
  const json& first = c.at("contents").at(0).at("footer").at("contents");
  REQUIRE(first.size() == 3);
  CHECK(first[0].at("action").at("label") == "窓口 0");                   // the order is kept
  CHECK(c.at("contents").at(1).at("footer").at("contents").size() == 7);  // ten in all
  CHECK(contains_text(bubble_texts(c.at("contents").at(1)), "ほかの電話・窓口"));
  // Every line is still in the alt text.
  CHECK(m[0].at("altText").get<std::string>().find("窓口 9") != std::string::npos);
}

TEST_CASE("LineRender: a # number is text with how to call it, never a button", "[webhooks]") {
  ResultCard card = yorisoi();
  card.title = "DV相談ナビ";
  card.contact = "#8008";
  card.action.reset();
  card.how_to_call = "電話のキーパッドで #8008 を押して、かけてください。";
  Reply r;
  r.cards = {card};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 1);
  const json& bubble = m[0].at("contents").at("contents").at(0);
  CHECK_FALSE(bubble.contains("footer"));
  CHECK(contains_text(bubble_texts(bubble), "連絡先：#8008"));
  CHECK(contains_text(bubble_texts(bubble), "かけ方：電話のキーパッドで #8008 を押して"));
  CHECK(m.dump().find("%23") == std::string::npos);
}

TEST_CASE("LineRender: notes come after the cards, the buttons on the last message", "[webhooks]") {
  Reply r;
  r.texts = {"食べ物の相談先です。"};
  r.cards = {yorisoi()};
  r.notes = {"近くの相談窓口は、市区町村の役所に電話して聞くと教えてもらえます。"};
  r.choices = {{"最初から", "nav=top"}};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 3);
  CHECK(m[0].at("text") == "食べ物の相談先です。");
  CHECK(m[1].at("type") == "flex");
  CHECK(m[2].at("text") == r.notes[0]);
  CHECK(m[2].contains("quickReply"));

  // No room for a message of their own: the notes join the texts.
  r.cards.assign(60, yorisoi());  // five carousels would fill every slot
  const json full = render_line_messages(r);
  check_line_limits(full);
  CHECK(full[0].at("text").get<std::string>().find(r.notes[0]) != std::string::npos);
}

TEST_CASE("LineRender: an English reply labels its cards and lines in English", "[webhooks]") {
  Reply r;
  r.lang = "en";
  r.texts = {"Places that help with food."};
  ResultCard c = yorisoi();
  c.title_en = "Yorisoi Hotline";
  c.hours.clear();
  r.cards = {c};
  r.links = {{"0120-279-338 Yorisoi Hotline", "tel:0120279338"}};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 3);
  CHECK(m[0].at("altText").get<std::string>().rfind("Lines you can call now: ", 0) == 0);
  CHECK(m[0].at("contents").at("body").at("contents").at(0).at("text") == "Talk to someone now");
  const json& bubble = m[2].at("contents").at("contents").at(0);
  const auto texts = bubble_texts(bubble);
  CHECK(texts[0] == "よりそいホットライン");  // the name as published, then the English one
  CHECK(texts[1] == "Yorisoi Hotline");
  CHECK(contains_text(texts, "Contact: 0120-279-338"));
  CHECK(contains_text(texts, "Hours: Not confirmed"));
  CHECK(bubble.at("footer").at("contents").at(0).at("action").at("label") == "Call");
  CHECK(m[2].at("altText").get<std::string>().rfind("1 places: ", 0) == 0);
}

TEST_CASE("LineRender: the language switch is a bubble of postback buttons", "[webhooks]") {
  Reply r;
  r.texts = {"どんなことで困っていますか？"};
  r.choices = {{"食べ物", "n=food.area"}};
  r.languages = {{"やさしい日本語", "lang=easy"}, {"English", "lang=en"}};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 2);
  CHECK(m[0].at("type") == "flex");
  CHECK(m[0].at("altText") == "やさしい日本語 ／ English");
  const json& buttons = m[0].at("contents").at("body").at("contents");
  REQUIRE(buttons.size() == 2);
  CHECK(buttons[1].at("action") == json{{"type", "postback"},
                                        {"label", "English"},
                                        {"data", "lang=en"},
                                        {"displayText", "English"}});
  CHECK(m[1].at("quickReply").at("items").size() == 1);  // the buttons stay on the last one
  r.choices.clear();
  r.texts.clear();
  CHECK(render_line_messages(Reply{}).empty());
}

TEST_CASE("LineRender: a card says under its hours whether the line is open now", "[webhooks]") {
  ResultCard open = yorisoi();
  open.open_label = "いま受付中です";
  ResultCard closed = yorisoi();
  closed.hours = "月〜金 9:00〜17:00";
  closed.open_label = "いまは受付時間外です";
  closed.closed_now = true;
  Reply r;
  r.cards = {open, closed, yorisoi()};
  const json m = render_line_messages(r);
  check_line_limits(m);
  REQUIRE(m.size() == 1);
  const json& bubbles = m[0].at("contents").at("contents");
  // The state follows the hours, in its own colour: green open, red closed.
  auto state_of = [](const json& bubble) -> json {
    const json& body = bubble.at("body").at("contents");
    for (std::size_t i = 0; i + 1 < body.size(); ++i) {
      if (body[i].value("text", "").rfind("受付時間：", 0) == 0)
        return body[i + 1];
    }
    return json();
  };
  const json a = state_of(bubbles.at(0));
  REQUIRE(a.is_object());
  CHECK(a.at("text") == "いま受付中です");
  CHECK(a.at("color") == "#1A7F5A");
  const json b = state_of(bubbles.at(1));
  REQUIRE(b.is_object());
  CHECK(b.at("text") == "いまは受付時間外です");
  CHECK(b.at("color") == "#B3261E");
  CHECK_FALSE(contains_text(bubble_texts(bubbles.at(2)), "いま受付中です"));
}
