#include "knowledge/hsds_csv.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "common/embedded.h"
#include "knowledge/check.h"
#include "knowledge/hours.h"
#include "knowledge/knowledge_base.h"
#include "knowledge/service_rules.h"
#include "knowledge/taxonomy.h"
#include "knowledge/text.h"

#include <sys/stat.h>

namespace shirube::knowledge {

Result<std::vector<CsvRecord>> parse_csv(std::string_view text, const std::string& file) {
  std::vector<CsvRecord> out;
  int line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    CsvRecord rec;
    rec.line = line;
    std::string field;
    bool record_done = false;
    while (!record_done) {
      field.clear();
      if (i < n && text[i] == '"') {
        const int start_line = line;
        ++i;
        for (;;) {
          if (i >= n) {
            return Error::invalid_argument(file + ":" + std::to_string(start_line),
                                           "unterminated quoted field");
          }
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (c == '\n')
            ++line;
          field += c;
          ++i;
        }
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return Error::invalid_argument(file + ":" + std::to_string(line),
                                         "text after a closing quote");
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          if (text[i] == '"') {
            return Error::invalid_argument(file + ":" + std::to_string(line),
                                           "quote inside an unquoted field");
          }
          field += text[i];
          ++i;
        }
      }
      rec.fields.push_back(field);
      if (i >= n) {
        record_done = true;
      } else if (text[i] == ',') {
        ++i;
      } else {
        if (text[i] == '\r')
          ++i;
        if (i < n && text[i] == '\n')
          ++i;
        ++line;
        record_done = true;
      }
    }
    const bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
    if (!blank)
      out.push_back(std::move(rec));
  }
  return out;
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos)
    return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    out += c;
    if (c == '"')
      out += '"';
  }
  out += '"';
  return out;
}

const std::vector<std::string>& hsds_file_names() {
  static const std::vector<std::string> kNames = {
      "organizations.csv", "services.csv",   "phones.csv",         "schedules.csv",
      "service_areas.csv", "taxonomies.csv", "taxonomy_terms.csv", "attributes.csv"};
  return kNames;
}

std::string_view hsds_datapackage() {
  static const std::string_view kData =
      embedded_file("knowledge/data/hsds/datapackage.json").value_or("{}");
  return kData;
}

std::vector<std::string> hsds_fields(const std::string& resource) {
  static const nlohmann::json kPackage = nlohmann::json::parse(hsds_datapackage());
  std::vector<std::string> out;
  for (const auto& r : kPackage.value("resources", nlohmann::json::array())) {
    if (r.value("name", "") != resource)
      continue;
    for (const auto& f : r["schema"]["fields"])
      out.push_back(f.value("name", ""));
  }
  return out;
}

std::string hsds_uuid(std::string_view name) {
  // RFC 4122 version 5: SHA-1 of a namespace UUID and the name.
  static const unsigned char kNamespace[16] = {0x6b, 0x1e, 0x2c, 0x51, 0x7a, 0x0d, 0x4f, 0x3e,
                                               0x9c, 0x5b, 0x73, 0x68, 0x69, 0x72, 0x75, 0x62};
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr);
  EVP_DigestUpdate(ctx, kNamespace, sizeof kNamespace);
  EVP_DigestUpdate(ctx, name.data(), name.size());
  EVP_DigestFinal_ex(ctx, digest, &len);
  EVP_MD_CTX_free(ctx);
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x50);
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80);
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      out += '-';
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0x0F];
  }
  return out;
}

namespace {

std::string hhmm(int minutes) {
  minutes %= 24 * 60;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

}  // namespace

std::vector<ScheduleRow> hsds_schedules(const std::string& hours_text) {
  std::vector<ScheduleRow> rows;
  if (text::trim(hours_text).empty())
    return rows;
  const hours::Schedule s = hours::parse(hours_text);
  static const char* const kDays[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  if (s.parsed) {
    for (const auto& r : s.rules) {
      std::string byday;
      for (int d = 0; d < 7; ++d) {
        if ((r.weekdays >> d) & 1u)
          byday += std::string(byday.empty() ? "" : ",") + kDays[d];
      }
      std::string notes;
      if (r.every_day)
        notes = "毎日（祝日・年末年始も）";
      else if (r.holidays)
        notes = "祝日も";
      else if (r.not_on_holidays || s.closed_on_holidays)
        notes = "祝日を除く";
      if (byday.empty() || !r.times_known) {
        rows.push_back({byday.empty() ? "" : "WEEKLY", byday, "", "", hours_text, notes});
        continue;
      }
      for (const auto& tr : r.ranges) {
        // 24:00 is not a time of day: a range that ends at midnight closes at 23:59.
        const int close = tr.close == 24 * 60 ? 24 * 60 - 1 : tr.close;
        rows.push_back({"WEEKLY", byday, hhmm(tr.open), hhmm(close), hours_text, notes});
      }
    }
  }
  if (rows.empty())
    rows.push_back({"", "", "", "", hours_text, ""});
  return rows;
}

}  // namespace shirube::knowledge
