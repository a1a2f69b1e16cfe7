#pragma once
// The HSDS-style CSV layout (Open Referral Human Services Data Specification core tables,
// reduced to what shirube stores): organizations.csv, services.csv, service_areas.csv,
// service_categories.csv, service_situations.csv, taxonomy_terms.csv. Every column, whether
// it is required and its allowed values are documented in docs/data-format.md.
// CSV is RFC 4180 (quoted fields, doubled quotes, embedded commas and newlines).
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

// Reads a set of decoded HSDS files (key = file name such as "services.csv", value = path
// for messages and its text) into `out`, recording every bad row as an Issue.
void read_hsds(const std::map<std::string, std::pair<std::string, std::string>>& files,
               Directory& out);

// Writes `dir` to `out_dir` (created if missing) as the six files. Error kUnavailable when a
// file cannot be written.
Status write_hsds(const Directory& dir, const std::string& out_dir);

}  // namespace shirube::knowledge
