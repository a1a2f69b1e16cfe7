#include "knowledge/text.h"

#include <cstdio>
#include <cstdlib>

#include <utf8proc.h>

namespace shirube::knowledge::text {

std::string fold(std::string_view s) {
  if (s.empty())
    return {};
  utf8proc_uint8_t* out = nullptr;
  // NFKC_Casefold-like: compatibility decomposition + composition + case folding. STABLE
  // keeps unassigned code points out, so the same input always folds the same way.
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                      UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                          static_cast<utf8proc_ssize_t>(s.size()), &out, options);
  if (n < 0 || out == nullptr) {
    std::free(out);
    return {};
  }
  std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

namespace {
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i]))
      ++i;
    std::size_t j = i;
    while (j < s.size() && !is_space(s[j]))
      ++j;
    if (j > i)
      out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> split(std::string_view s, char delim) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t pos = s.find(delim, start);
    if (pos == std::string_view::npos) {
      out.emplace_back(s.substr(start));
      return out;
    }
    out.emplace_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string trim(std::string_view s) {
  static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  for (;;) {
    if (!s.empty() && is_space(s.front())) {
      s.remove_prefix(1);
    } else if (starts_with(s, kIdeographicSpace)) {
      s.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && is_space(s.back())) {
      s.remove_suffix(1);
    } else if (ends_with(s, kIdeographicSpace)) {
      s.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return std::string(s);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool contains(std::string_view s, std::string_view needle) {
  return s.find(needle) != std::string_view::npos;
}

uint64_t fnv1a(std::string_view s, uint64_t seed) {
  uint64_t h = seed;
  for (const char c : s) {
    h ^= static_cast<uint8_t>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::string hex16(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

namespace {
bool all_digits(std::string_view s) {
  if (s.empty())
    return false;
  for (const char c : s) {
    if (c < '0' || c > '9')
      return false;
  }
  return true;
}
int to_int(std::string_view s) {
  int v = 0;
  for (const char c : s)
    v = v * 10 + (c - '0');
  return v;
}
bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
}  // namespace

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-')
    return false;
  if (!all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2))) {
    return false;
  }
  const int y = to_int(s.substr(0, 4));
  const int m = to_int(s.substr(5, 2));
  const int d = to_int(s.substr(8, 2));
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
    return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int max_day = (m == 2 && is_leap(y)) ? 29 : kDays[m - 1];
  return d <= max_day;
}

bool is_source_date(std::string_view s) {
  if (s == "unknown")
    return true;
  if (s.size() == 4)
    return all_digits(s) && to_int(s) >= 1900;
  if (s.size() == 7) {
    if (s[4] != '-' || !all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)))
      return false;
    const int m = to_int(s.substr(5, 2));
    return to_int(s.substr(0, 4)) >= 1900 && m >= 1 && m <= 12;
  }
  return is_iso_date(s);
}

int64_t days_from_civil(std::string_view iso) {
  // Howard Hinnant's days_from_civil.
  int64_t y = to_int(iso.substr(0, 4));
  const int64_t m = to_int(iso.substr(5, 2));
  const int64_t d = to_int(iso.substr(8, 2));
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string url_host(std::string_view url) {
  std::size_t p = url.find("://");
  if (p == std::string_view::npos)
    return std::string(url);
  std::string_view rest = url.substr(p + 3);
  const std::size_t slash = rest.find('/');
  return std::string(slash == std::string_view::npos ? rest : rest.substr(0, slash));
}

}  // namespace shirube::knowledge::text
