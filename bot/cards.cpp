#include "bot/cards.h"

#include <cctype>

namespace shirube::bot {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_url_char(char c) {
  // Printable ASCII except space and the characters that end a URL in running text.
  return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '(' && c != ')';
}

}  // namespace

std::optional<Link> contact_action(std::string_view contact) {
  while (!contact.empty() && (contact.front() == ' ' || contact.front() == '\t')) {
    contact.remove_prefix(1);
  }
  if (contact.rfind("https://", 0) == 0 || contact.rfind("http://", 0) == 0) {
    std::size_t end = 0;
    while (end < contact.size() && is_url_char(contact[end]))
      ++end;
    std::string url(contact.substr(0, end));
    const std::size_t scheme = url.find("://") + 3;
    if (url.size() <= scheme)
      return std::nullopt;
    return Link{"サイトをひらく", url};
  }
  // A phone number: the leading run of digits, '-' and one leading '#'.
  std::size_t end = 0;
  const bool hash = !contact.empty() && contact.front() == '#';
  if (hash)
    end = 1;
  std::string digits;
  while (end < contact.size() && (is_digit(contact[end]) || contact[end] == '-')) {
    if (contact[end] != '-')
      digits.push_back(contact[end]);
    ++end;
  }
  if (digits.empty())
    return std::nullopt;
  // What follows the number must not continue it as a word ("110番" is fine, "1234abc" is not).
  if (end < contact.size() && std::isalnum(static_cast<unsigned char>(contact[end])) != 0) {
    return std::nullopt;
  }
  const std::string shown(contact.substr(0, end));
  if (hash) {
    // Short codes: #8008, #9110, #8891, #9999.
    if (digits.size() < 3 || digits.size() > 4)
      return std::nullopt;
    return Link{"電話する " + shown, "tel:%23" + digits};
  }
  const bool short_code = digits.size() == 3 && digits[0] == '1';  // 110 119 188 189
  const bool full = (digits.size() == 10 || digits.size() == 11) && digits[0] == '0';
  if (!short_code && !full)
    return std::nullopt;
  return Link{"電話する " + shown, "tel:" + digits};
}

std::optional<std::int64_t> days_from_date(std::string_view ymd) {
  if (ymd.size() != 10 || ymd[4] != '-' || ymd[7] != '-')
    return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (!is_digit(ymd[i]))
      return std::nullopt;
  }
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i)
      v = v * 10 + (ymd[i] - '0');
    return v;
  };
  int y = num(0, 4);
  const int m = num(5, 2);
  const int d = num(8, 2);
  if (m < 1 || m > 12 || d < 1 || d > 31)
    return std::nullopt;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

std::string date_label(const knowledge::Service& s) {
  if (days_from_date(s.last_verified))
    return "最終確認 " + s.last_verified;
  const std::string& src = s.source_date;
  if (src.size() >= 4 && is_digit(src[0]) && is_digit(src[1]) && is_digit(src[2]) &&
      is_digit(src[3])) {
    return "未確認（出典 " + src.substr(0, 4) + "）";
  }
  return "未確認";
}

ResultCard make_card(const knowledge::Service& s, int stale_days, std::int64_t now) {
  ResultCard c;
  c.service_id = s.id;
  c.title = s.name;
  c.organization = s.organization_name;
  c.summary = !s.target.empty() ? s.target : s.description;
  c.contact = s.contact;
  c.action = contact_action(s.contact);
  c.hours = s.hours;
  c.cost = s.cost;
  c.area = !s.area_text.empty() ? s.area_text : (s.area_scope == "national" ? "全国" : "");
  c.source_title = s.source_title;
  c.source_url = s.source_url;
  c.last_verified = s.last_verified;
  c.source_date = s.source_date;
  c.date_label = date_label(s);
  if (auto verified = days_from_date(s.last_verified)) {
    c.stale = now / 86400 - *verified > stale_days;
  }
  c.urgent = s.urgent;
  c.is_24h = s.is_24h;
  return c;
}

}  // namespace shirube::bot
