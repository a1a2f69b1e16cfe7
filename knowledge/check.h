#pragma once
// Data checks for `shirube check`: required fields, phone and URL shapes, duplicates,
// unknown categories, freshness, and (optionally) live link checks.
// Severity: an error is something an operator must fix before publishing (a malformed
// number or URL, a missing required field, a record whose last verification is older than
// the stale limit, a dead link); a warning is a known gap in the data itself (never
// verified, source date unknown, hours marked 未確認, a redirect). See docs/data-format.md.
// Thread-safety: the caller serialises access to the Database.

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/sqlite.h"

namespace shirube::knowledge {

struct Finding {
  bool error = false;  // false = warning
  std::string record;  // service or organisation id
  std::string field;
  std::string message;
  std::string to_string() const;  // "error: <record>: <field>: <message>"
};

// The start of the warning for hours that the schedule parser does not understand
// (knowledge/hours.h): such a record is never shown as open or closed, only as its text.
constexpr const char* kHoursNotUnderstood = "hours not understood as a schedule";

struct CheckOptions {
  int stale_days = 365;
  std::string today;  // YYYY-MM-DD; "" = the current UTC date
  bool links = false;
  int link_timeout_seconds = 10;
};

// Phone shapes used in the data: 0120-783-556, 0570-064-556, 0120-078310, 110, 189, #8008.
// `contact` may carry a note after the number (「0120-279-338（音声ガイダンスで…）」).
bool is_phone_contact(std::string_view contact);
// http(s)://host.tld/... ; non-ASCII paths (IRIs) are allowed, spaces are not.
bool is_http_url(std::string_view url);
// The first http(s) URL inside a text, or "" when there is none.
std::string first_url(std::string_view text);

Result<std::vector<Finding>> run_checks(sql::Database& db, const CheckOptions& options);

// One link: "" when it answers 2xx; otherwise the problem ("HTTP 404", "timeout",
// "redirects to <url>" (warning)). Sets `is_error` false for redirects.
std::string check_link(const std::string& url, int timeout_seconds, bool& is_error);

// True when the URL's host is a government one (go.jp, lg.jp, pref.*.jp, city.*.jp,
// town.*.jp, vill.*.jp, metro.tokyo.jp). `shirube check` warns about other source domains.
bool is_official_source(std::string_view url);

}  // namespace shirube::knowledge
