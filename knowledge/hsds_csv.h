#pragma once
// The Open Referral HSDS 3.0 tabular format (the CSV tables of its datapackage.json, shipped in
// knowledge/data/hsds/): organizations.csv, services.csv, phones.csv, schedules.csv,
// service_areas.csv, taxonomies.csv, taxonomy_terms.csv and attributes.csv. Ids are UUIDs
// (version 5, derived from shirube's ids); what HSDS has no field for (channel, contact, area
// scope, source, confidence, categories, situations, shirube's own ids) travels in
// attributes.csv, linked to the terms of shirube's taxonomies. docs/data-format.md lists every
// column. CSV is RFC 4180 (quoted fields, doubled quotes, embedded commas and newlines).
// Thread-safety: pure functions (write_hsds writes files).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "knowledge/directory.h"

namespace shirube::knowledge {

struct CsvRecord {
  int line = 0;  // physical line where the record starts (1-based)
  std::vector<std::string> fields;
};

// Parses decoded UTF-8 CSV text. Error (kInvalidArgument, where = "file:line") on an
// unterminated quoted field or a quote inside an unquoted field.
Result<std::vector<CsvRecord>> parse_csv(std::string_view text, const std::string& file);

// One field, quoted when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view value);

// The file names of the layout, in the order they are read.
const std::vector<std::string>& hsds_file_names();

// The specification's datapackage.json (the eight resources), as compiled into the binary.
std::string_view hsds_datapackage();
// The field names of one resource ("service", "schedule", ...) in the specification's order.
std::vector<std::string> hsds_fields(const std::string& resource);

// A UUID (version 5, SHA-1, in shirube's namespace) for a name such as "service:nat-001".
// The same name always gives the same UUID.
std::string hsds_uuid(std::string_view name);

// A service's hours as HSDS schedule rows: one row per group of days and opening time
// (freq WEEKLY, byday "MO,TU", opens_at/closes_at "HH:MM"; closes_at before opens_at when it
// ends the next morning); every row's description is the hours text. Hours the parser does not
// understand give one row with the description only; no hours give no row.
struct ScheduleRow {
  std::string freq;  // "WEEKLY" or ""
  std::string byday;
  std::string opens_at;
  std::string closes_at;
  std::string description;
  std::string notes;  // holidays: 「祝日も」, 「祝日を除く」
};
std::vector<ScheduleRow> hsds_schedules(const std::string& hours);

// Reads a set of decoded HSDS files (key = file name such as "services.csv", value = path
// for messages and its text) into `out`, recording every bad row as an Issue.
void read_hsds(const std::map<std::string, std::pair<std::string, std::string>>& files,
               Directory& out);

// Writes `dir` to `out_dir` (created if missing) as the eight CSV files and datapackage.json.
// Error kUnavailable when a file cannot be written.
Status write_hsds(const Directory& dir, const std::string& out_dir);

}  // namespace shirube::knowledge
