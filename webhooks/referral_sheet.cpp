#include "webhooks/referral_sheet.h"

#include <ctime>

#include "bot/referral_text.h"
#include "knowledge/check.h"

namespace shirube::webhooks {
namespace {

// "2026年12月3日" in Japan time.
std::string japan_date(int64_t t) {
  const auto tt = static_cast<std::time_t>(t + 9 * 3600);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return std::to_string(tm.tm_year + 1900) + "年" + std::to_string(tm.tm_mon + 1) + "月" +
         std::to_string(tm.tm_mday) + "日";
}

constexpr const char* kHead =
    "<!doctype html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta name=\"robots\" content=\"noindex\">\n"
    "<link rel=\"stylesheet\" href=\"/referral.css\">\n";

}  // namespace

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string referral_html(const Referral& referral,
                          const std::vector<knowledge::Service>& services) {
  std::string h = kHead;
  h += "<title>相談先のご案内</title>\n</head>\n<body>\n<main class=\"sheet\">\n";
  h += "<h1>相談先のご案内</h1>\n";
  h += "<p class=\"meta\">作成日 " + japan_date(referral.created_at) + "</p>\n";
  if (!referral.note.empty())
    h += "<section class=\"note\"><h2>メモ</h2><p>" + html_escape(referral.note) +
         "</p></section>\n";
  for (const auto& s : services) {
    h += "<section class=\"service\">\n<h2>" + html_escape(s.name) + "</h2>\n";
    if (!s.organization_name.empty())
      h += "<p class=\"org\">" + html_escape(s.organization_name) + "</p>\n";
    h += "<dl>\n";
    for (const auto& line : bot::referral_lines(s)) {
      std::string value = html_escape(line.value);
      const std::string url = knowledge::first_url(s.contact);
      if (std::string(line.label) == "連絡方法" && s.channel == "phone" &&
          knowledge::is_phone_contact(s.contact)) {
        const std::string number = s.contact.substr(0, s.contact.find_first_of(" （("));
        value = "<a href=\"tel:" + html_escape(number) + "\">" + value + "</a>";
      } else if (std::string(line.label) == "連絡方法" && knowledge::is_http_url(url)) {
        value += "<br><a href=\"" + html_escape(url) + "\">" + html_escape(url) + "</a>";
      }
      h += "<dt>" + std::string(line.label) + "</dt><dd>" + value + "</dd>\n";
    }
    h += "</dl>\n</section>\n";
  }
  h +=
      "<p class=\"foot\">受付時間や連絡先は変わることがあります。出かける前に電話やウェブで確かめて"
      "ください。このページは " +
      japan_date(referral.expires_at) + " まで見られます。</p>\n";
  h += "</main>\n</body>\n</html>\n";
  return h;
}

std::string referral_text(const Referral& referral,
                          const std::vector<knowledge::Service>& services) {
  std::string t = "【相談先のご案内】（" + japan_date(referral.created_at) + "）\n";
  if (!referral.note.empty())
    t += "\n" + referral.note + "\n";
  int n = 0;
  for (const auto& s : services) {
    t += bot::referral_service_text(++n, s);
  }
  t += "\n" + std::string(bot::kReferralCaveat) + "\n";
  return t;
}

std::string referral_missing_html() {
  std::string h = kHead;
  h += "<title>ご案内が見つかりません</title>\n</head>\n<body>\n<main class=\"sheet\">\n"
       "<h1>このご案内は見つかりませんでした</h1>\n"
       "<p>ご案内のページは作成から30日で見られなくなります。アドレスが途中で切れている"
       "こともあります。</p>\n"
       "<p>お手数ですが、このページを教えてくれた支援者の方に、もう一度作ってもらえるよう"
       "お伝えください。</p>\n"
       "<p>いま、つらい気持ちのときは、よりそいホットライン 0120-279-338（24時間365日）に"
       "電話できます。危ないときは110番・119番へ。</p>\n"
       "</main>\n</body>\n</html>\n";
  return h;
}

std::string referral_missing_text() {
  return "このご案内は見つかりませんでした（作成から30日で見られなくなります）。"
         "教えてくれた支援者の方に、もう一度作ってもらってください。\n";
}

}  // namespace shirube::webhooks
