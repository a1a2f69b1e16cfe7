#include "knowledge/check.h"

#include <ctime>
#include <set>

#include <httplib.h>

#include "common/time_format.h"
#include "knowledge/hours.h"
#include "knowledge/text.h"

namespace shirube::knowledge {

std::string Finding::to_string() const {
  std::string s = error ? "error: " : "warning: ";
  s += record;
  if (!field.empty())
    s += ": " + field;
  s += ": " + message;
  return s;
}

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_number_token(std::string_view t) {
  if (t.empty())
    return false;
  if (t[0] == '#') {
    return t.size() == 5 && is_digit(t[1]) && is_digit(t[2]) && is_digit(t[3]) && is_digit(t[4]);
  }
  if (t.size() == 3 && t[0] == '1' && is_digit(t[1]) && is_digit(t[2]))
    return true;  // 110, 189
  if (t[0] != '0' || t.back() == '-')
    return false;
  std::string digits;
  int groups = 1;
  char prev = 0;
  for (const char c : t) {
    if (c == '-') {
      if (prev == '-')
        return false;
      ++groups;
    } else if (is_digit(c)) {
      digits += c;
    } else {
      return false;
    }
    prev = c;
  }
  if (groups < 2 || groups > 3)
    return false;
  // Free dial 0120 and navi dial 0570 numbers have 10 digits; 0800 free dial, IP phones
  // (050) and mobiles (070/080/090) 11; fixed lines 10.
  const bool eleven = text::starts_with(digits, "0800") || text::starts_with(digits, "050") ||
                      text::starts_with(digits, "070") || text::starts_with(digits, "080") ||
                      text::starts_with(digits, "090");
  return digits.size() == (eleven ? 11u : 10u);
}

}  // namespace

// Government domains (go.jp, lg.jp), a prefecture's or a city's own domain (pref.X.jp,
// city.X.jp, town.X.jp, vill.X.jp, metro.tokyo.jp). An operator's own site is official too, but
// cannot be told from its name: those rows are reported for a person to confirm.
bool is_official_source(std::string_view url) {
  if (url.find("://") == std::string_view::npos)
    return false;
  std::string host = text::url_host(url);
  host = host.substr(0, host.find_first_of(":?#"));  // a port or query is not part of the name
  if (text::ends_with(host, ".go.jp") || text::ends_with(host, ".lg.jp") ||
      text::ends_with(host, "metro.tokyo.jp")) {
    return true;
  }
  for (const char* prefix :
       {"pref.", "city.", "town.", "vill.", "www.pref.", "www.city.", "www.town.", "www.vill."}) {
    if (text::starts_with(host, prefix) && text::ends_with(host, ".jp"))
      return true;
  }
  return false;
}

namespace {

std::string today_utc() {
  return utc_date(std::time(nullptr));
}

}  // namespace

bool is_phone_contact(std::string_view contact) {
  std::size_t end = 0;
  while (end < contact.size() &&
         (is_digit(contact[end]) || contact[end] == '-' || contact[end] == '#'))
    ++end;
  if (!is_number_token(contact.substr(0, end)))
    return false;
  const std::string_view rest = contact.substr(end);
  // A note may follow in brackets or after a space:
  // 「0120-279-338（音声ガイダンスで「4」を選択）」.
  return rest.empty() || rest[0] == ' ' || rest[0] == '(' || text::starts_with(rest, "（");
}

bool is_http_url(std::string_view url) {
  std::string_view rest;
  if (text::starts_with(url, "https://")) {
    rest = url.substr(8);
  } else if (text::starts_with(url, "http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  for (const char c : url) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '<' || c == '>')
      return false;
  }
  const std::size_t end = rest.find_first_of("/?#");
  const std::string_view host_port = rest.substr(0, end);
  const std::string_view host = host_port.substr(0, host_port.find(':'));
  if (host.empty() || host.front() == '.' || host.back() == '.' || host.front() == '-')
    return false;
  bool dot = false;
  for (const char c : host) {
    if (c == '.') {
      dot = true;
    } else if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) {
      return false;
    }
  }
  if (!dot && host != "localhost")
    return false;
  if (host_port.size() > host.size()) {
    const std::string_view port = host_port.substr(host.size() + 1);
    if (port.empty() || port.size() > 5)
      return false;
    for (const char c : port) {
      if (!is_digit(c))
        return false;
    }
  }
  return true;
}

std::string first_url(std::string_view text) {
  std::size_t pos = text.find("https://");
  const std::size_t pos2 = text.find("http://");
  if (pos == std::string_view::npos || (pos2 != std::string_view::npos && pos2 < pos))
    pos = pos2;
  if (pos == std::string_view::npos)
    return {};
  std::size_t end = pos;
  // Inside running text a URL ends at whitespace or at the first non-ASCII character
  // (「https://soudanplus.jp/（チャット：…）」).
  while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80 && text[end] != ' ' &&
         text[end] != '\t' && text[end] != '\n' && text[end] != ')' && text[end] != ',') {
    ++end;
  }
  return std::string(text.substr(pos, end - pos));
}

namespace {

std::string percent_encode_non_ascii(std::string_view s) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80) {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0x0F];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string check_link(const std::string& url, int timeout_seconds, bool& is_error) {
  is_error = true;
  if (!is_http_url(url))
    return "not an http(s) URL";
  std::string current = url;
  for (int hop = 0; hop < 5; ++hop) {
    const std::size_t scheme_end = current.find("://") + 3;
    const std::size_t path_start = current.find('/', scheme_end);
    const std::string origin = current.substr(0, path_start);
    std::string path = path_start == std::string::npos ? "/" : current.substr(path_start);
    path = percent_encode_non_ascii(path);
    httplib::Client cli(origin);
    cli.set_connection_timeout(timeout_seconds, 0);
    cli.set_read_timeout(timeout_seconds, 0);
    cli.set_write_timeout(timeout_seconds, 0);
    cli.set_follow_location(false);
    auto res = cli.Get(path);
    if (!res) {
      const httplib::Error e = res.error();
      if (e == httplib::Error::ConnectionTimeout || e == httplib::Error::Read)
        return "timeout or no answer";
      return "cannot connect (" + httplib::to_string(e) + ")";
    }
    const int status = res->status;
    if (status >= 200 && status < 300) {
      if (hop == 0)
        return "";
      is_error = false;
      return "redirects to " + current;
    }
    if (status >= 300 && status < 400) {
      std::string location = res->get_header_value("Location");
      if (location.empty())
        return "HTTP " + std::to_string(status) + " without a Location";
      if (location[0] == '/')
        location = origin + location;
      current = location;
      continue;
    }
    return "HTTP " + std::to_string(status);
  }
  return "too many redirects";
}

namespace {

// One public service as run_checks reads it.
struct ServiceRow {
  std::string id, name, channel, contact, source_url, source_title, source_date, last_verified,
      hours;
  int categories = 0;
};

// Adds the findings of one service to `out`, in a fixed order of fields.
class ServiceChecker {
 public:
  ServiceChecker(const ServiceRow& row, int64_t today_days, const CheckOptions& options,
                 std::set<std::string>& urls, std::vector<Finding>& out)
      : row_(row), today_days_(today_days), options_(options), urls_(urls), out_(out) {}

  void run() {
    if (text::trim(row_.name).empty())
      err("name", "missing");
    if (row_.categories == 0)
      err("categories", "no category");
    check_source();
    check_contact();
    check_last_verified();
    check_hours();
  }

 private:
  void err(const char* field, std::string msg) {
    out_.push_back({true, row_.id, field, std::move(msg)});
  }
  void warn(const char* field, std::string msg) {
    out_.push_back({false, row_.id, field, std::move(msg)});
  }

  void check_source() {
    const std::string& source_url = row_.source_url;
    if (source_url.empty() && row_.source_title.empty())
      err("source", "no source");
    if (!source_url.empty()) {
      if (is_http_url(source_url)) {
        urls_.insert(source_url);
        if (!is_official_source(source_url)) {
          warn("source_url", "not a government domain: confirm the page is the operator's own (" +
                                 text::url_host(source_url) + ")");
        }
      } else {
        err("source_url", "malformed URL '" + source_url + "'");
      }
    }
    const std::string& source_date = row_.source_date;
    if (source_date.empty()) {
      err("source_date", "missing");
    } else if (source_date == "unknown") {
      warn("source_date", "unknown (the source page showed no date)");
    } else if (!text::is_source_date(source_date)) {
      err("source_date", "not a date '" + source_date + "'");
    }
  }

  void check_contact() {
    const std::string& channel = row_.channel;
    const std::string& contact = row_.contact;
    if (!channel.empty() && text::trim(contact).empty())
      err("contact", "missing");
    if (channel == "phone" && !contact.empty() && !is_phone_contact(contact)) {
      err("contact", "malformed phone number '" + contact + "'");
    }
    const std::string url = first_url(contact);
    if (channel == "web" && url.empty())
      err("contact", "a web service needs a URL");
    if (!url.empty()) {
      if (is_http_url(url)) {
        urls_.insert(url);
      } else {
        err("contact", "malformed URL '" + url + "'");
      }
    }
  }

  void check_last_verified() {
    const std::string& last_verified = row_.last_verified;
    if (last_verified.empty()) {
      warn("last_verified", row_.channel.empty()
                                ? "never verified (a programme from a document, with no contact)"
                                : "never verified");
    } else if (!text::is_iso_date(last_verified)) {
      err("last_verified", "not a date '" + last_verified + "'");
    } else {
      const int64_t age = today_days_ - text::days_from_civil(last_verified);
      if (age < 0) {
        err("last_verified", last_verified + " is in the future");
      } else if (age > options_.stale_days) {
        err("last_verified", "stale: verified " + std::to_string(age) + " days ago (limit " +
                                 std::to_string(options_.stale_days) + ")");
      }
    }
  }

  void check_hours() {
    if (text::contains(row_.hours, "未確認"))
      warn("hours", "opening hours not confirmed (未確認)");
    if (!text::trim(row_.hours).empty()) {
      const hours::Schedule schedule = hours::parse(row_.hours);
      if (!schedule.parsed)
        warn("hours", std::string(kHoursNotUnderstood) + " (" + schedule.reason + ")");
    }
  }

  const ServiceRow& row_;
  int64_t today_days_;
  const CheckOptions& options_;
  std::set<std::string>& urls_;
  std::vector<Finding>& out_;
};

// The checks of every public service; collects the URLs to check in `urls`.
Status check_services(sql::Database& db, int64_t today_days, const CheckOptions& options,
                      std::set<std::string>& urls, std::vector<Finding>& out) {
  ASSIGN_OR_RETURN(
      auto st,
      db.prepare(
          "SELECT s.id, s.name, s.channel, s.contact, s.source_url, s.source_title, "
          "s.source_date, s.last_verified, s.hours, (SELECT count(*) FROM service_categories c "
          "WHERE c.service_id = s.sid) "
          "FROM services s LEFT JOIN organizations o ON o.id = s.organization_id "
          "WHERE s.status <> 'inactive' AND COALESCE(o.reference_only, 0) = 0 ORDER BY s.sid"));
  return st.each_row([&](const sql::Statement& r) {
    const ServiceRow row{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4),
                         r.text(5), r.text(6), r.text(7), r.text(8), r.integer(9)};
    ServiceChecker(row, today_days, options, urls, out).run();
  });
}

// Duplicate ids, unknown categories and organisations without a name.
Status check_tables(sql::Database& db, std::vector<Finding>& out) {
  ASSIGN_OR_RETURN(auto dup, db.prepare("SELECT lower(trim(id)), count(*) FROM services GROUP BY "
                                        "lower(trim(id)) HAVING count(*) > 1"));
  RETURN_IF_ERROR(dup.each_row([&](const sql::Statement& r) {
    out.push_back(
        {true, r.text(0), "id", "duplicate id (" + std::to_string(r.integer(1)) + " records)"});
  }));
  ASSIGN_OR_RETURN(
      auto cats,
      db.prepare("SELECT s.id, c.category FROM service_categories c JOIN services s ON s.sid = "
                 "c.service_id WHERE c.category NOT IN (SELECT id FROM categories)"));
  RETURN_IF_ERROR(cats.each_row([&](const sql::Statement& r) {
    out.push_back({true, r.text(0), "categories", "unknown category '" + r.text(1) + "'"});
  }));
  ASSIGN_OR_RETURN(auto orgs, db.prepare("SELECT id, name FROM organizations ORDER BY rowid"));
  return orgs.each_row([&](const sql::Statement& r) {
    if (text::trim(r.text(1)).empty())
      out.push_back({true, r.text(0), "name", "missing"});
  });
}

}  // namespace

Result<std::vector<Finding>> run_checks(sql::Database& db, const CheckOptions& options) {
  std::vector<Finding> out;
  const std::string today = options.today.empty() ? today_utc() : options.today;
  if (!text::is_iso_date(today))
    return Error::invalid_argument("today", "not a date (YYYY-MM-DD)");
  std::set<std::string> urls;
  RETURN_IF_ERROR(check_services(db, text::days_from_civil(today), options, urls, out));
  RETURN_IF_ERROR(check_tables(db, out));
  if (options.links) {
    for (const auto& url : urls) {
      bool is_error = true;
      const std::string problem = check_link(url, options.link_timeout_seconds, is_error);
      if (!problem.empty())
        out.push_back({is_error, url, "link", problem});
    }
  }
  return out;
}

}  // namespace shirube::knowledge
