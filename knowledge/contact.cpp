#include "knowledge/contact.h"

#include <cctype>

#include "knowledge/text.h"

namespace shirube::knowledge {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_url_char(char c) {
  // Printable ASCII except space and the characters that end a URL in running text.
  return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '(' && c != ')';
}

// The text inside the first bracket pair after a number: 「（…）」 or "(...)".
std::string bracket_note(std::string_view rest) {
  static constexpr std::string_view kOpen = "（";
  static constexpr std::string_view kClose = "）";
  const std::size_t open = rest.find(kOpen);
  if (open != std::string_view::npos) {
    const std::size_t from = open + kOpen.size();
    const std::size_t close = rest.rfind(kClose);
    if (close != std::string_view::npos && close > from)
      return std::string(rest.substr(from, close - from));
  }
  const std::size_t a = rest.find('(');
  const std::size_t b = rest.rfind(')');
  if (a != std::string_view::npos && b != std::string_view::npos && b > a + 1)
    return std::string(rest.substr(a + 1, b - a - 1));
  return "";
}

bool asks_menu_choice(std::string_view note) {
  for (const char* w : {"ガイダンス", "アナウンス", "を押", "を選択", "を選ん", "番を選"}) {
    if (text::contains(note, w))
      return true;
  }
  return false;
}

}  // namespace

Contact parse_contact(std::string_view contact) {
  Contact c;
  while (!contact.empty() && (contact.front() == ' ' || contact.front() == '\t'))
    contact.remove_prefix(1);
  if (text::starts_with(contact, "https://") || text::starts_with(contact, "http://")) {
    std::size_t end = 0;
    while (end < contact.size() && is_url_char(contact[end]))
      ++end;
    const std::string url(contact.substr(0, end));
    if (url.size() <= url.find("://") + 3)
      return c;
    c.kind = Contact::Kind::kUrl;
    c.shown = url;
    c.uri = url;
    return c;
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
    return c;
  // What follows the number must not continue it as a word ("110番" is fine, "1234abc" is not).
  if (end < contact.size() && std::isalnum(static_cast<unsigned char>(contact[end])) != 0)
    return c;
  c.shown = std::string(contact.substr(0, end));
  c.digits = digits;
  c.note = bracket_note(contact.substr(end));
  c.menu_choice = asks_menu_choice(c.note);
  if (hash) {
    // #8008, #9110, #8891, #9999: dialled from the keypad. A tel: link with %23 opens nothing on
    // iPhone, so there is no tap.
    if (digits.size() < 3 || digits.size() > 4)
      return Contact{};
    c.kind = Contact::Kind::kHashNumber;
    return c;
  }
  const bool short_code = digits.size() == 3 && digits[0] == '1';  // 110 119 188 189
  const bool full = (digits.size() == 10 || digits.size() == 11) && digits[0] == '0';
  if (!short_code && !full)
    return Contact{};
  c.kind = Contact::Kind::kPhone;
  c.uri = "tel:" + digits;
  return c;
}

bool open_only_in_periods(const Service& s) {
  if (s.status == "seasonal")
    return true;
  for (const char* w : {"期間のみ", "期間限定", "常設ではない", "期間外は利用不可"}) {
    if (text::contains(s.hours, w) || text::contains(s.name, w))
      return true;
  }
  return false;
}

int reach(const Service& s) {
  if (open_only_in_periods(s))
    return 0;
  const Contact c = parse_contact(s.contact);
  if (!c.uri.empty())
    return 2;
  if (c.kind == Contact::Kind::kHashNumber)
    return 1;
  // An account or a form to look up by hand (「LINE公式アカウント「…」」); a contact that only
  // says where such a window is (「お住まいの市の相談窓口」) reaches nobody by itself.
  if (s.channel == "sns" || s.channel == "chat")
    return s.contact.empty() ? 0 : 1;
  return 0;
}

}  // namespace shirube::knowledge
