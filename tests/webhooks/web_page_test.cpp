// The web chat page as a phone without JavaScript gets it: the numbers in its first message
// come from the bundled data, with the date they were last verified.

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "common/embedded.h"
#include "knowledge/knowledge_base.h"

using namespace shirube;  // NOLINT(google-build-using-namespace)

namespace {

// The numbers of every tel: link in `html`, in order.
std::vector<std::string> tel_numbers(const std::string& html) {
  std::vector<std::string> out;
  const std::string mark = "href=\"tel:";
  for (std::size_t at = html.find(mark); at != std::string::npos; at = html.find(mark, at + 1)) {
    const std::size_t from = at + mark.size();
    out.push_back(html.substr(from, html.find('"', from) - from));
  }
  return out;
}

std::string digits(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9')
      out += c;
  }
  return out;
}

}  // namespace

TEST_CASE("WebPage: the first message gives 110, 119 and a 24-hour line without JavaScript",
          "[webhooks]") {
  const auto page = embedded_file("webhooks/web/index.html");
  REQUIRE(page);
  const std::string html(*page);
  CHECK(html.find("自動で答えるチャット") != std::string::npos);
  CHECK(html.find("人が読んでいるわけではありません") != std::string::npos);
  CHECK(html.find("緊急の通報先でもありません") != std::string::npos);
  const std::vector<std::string> numbers = tel_numbers(html);
  REQUIRE(numbers.size() >= 3);
  CHECK(numbers[0] == "110");
  CHECK(numbers[1] == "119");

  // Every number is a bundled 24-hour line, verified on the date the page shows.
  auto kb = knowledge::KnowledgeBase::open_with_bundled_data(":memory:");
  REQUIRE(kb.ok());
  auto urgent = (*kb)->urgent_services(false);
  REQUIRE(urgent.ok());
  for (const auto& number : numbers) {
    CAPTURE(number);
    bool found = false;
    for (const auto& s : *urgent) {
      if (digits(s.contact) == number && s.is_24h && s.area_scope == "national") {
        found = true;
        CHECK(html.find("最終確認 " + s.last_verified) != std::string::npos);
        if (number.size() > 3)  // the name is on the button and in its accessible name
          CHECK(html.find(s.name + "に電話する") != std::string::npos);
      }
    }
    CHECK(found);
  }
  // Every link has a name a screen reader can say.
  for (std::size_t at = html.find("<a "); at != std::string::npos; at = html.find("<a ", at + 1)) {
    const std::string tag = html.substr(at, html.find('>', at) - at);
    CAPTURE(tag);
    const std::size_t end = html.find("</a>", at);
    CHECK((tag.find("aria-label=") != std::string::npos ||
           end > html.find('>', at) + 1));  // text content
  }
}
