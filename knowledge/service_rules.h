#pragma once
// The field checks of one service record, shared by every importer (the bundled TSV layouts
// and the HSDS-style CSV): the same rule gives the same message in every layout, as
// "<file>:<line>: <column>: <reason>", with the column named as the file names it.
//
// Checked: id (required; no spaces, commas or quotes; at most 200 bytes), name (required),
// channel (phone, sns, chat, web or visit), minimum_age <= maximum_age, area_scope
// (national, prefecture or municipality), status (active, inactive or seasonal), source_date
// (YYYY, YYYY-MM, YYYY-MM-DD or unknown), last_verified (YYYY-MM-DD) and confidence (high,
// medium or low). What a layout leaves optional may be empty; what it requires may not.
// Parsing a cell into a field (ages, yes/no, categories, prefectures) stays with the reader,
// and cross-row checks with validate_directory().
// Thread-safety: pure functions.

#include <string>
#include <vector>

#include "knowledge/directory.h"
#include "knowledge/types.h"

namespace shirube::knowledge {

struct ServiceLayout {
  // Column names in this layout's files.
  const char* name_column = "name";
  const char* last_verified_column = "last_verified";
  // Fields this layout requires (an empty value is then an issue).
  bool channel_required = false;
  bool source_date_required = false;
  bool confidence_required = false;
};

// The two layouts.
ServiceLayout tsv_service_layout();   // national_services / local_services TSV
ServiceLayout hsds_service_layout();  // services.csv

// Appends one Issue per bad field of `s` to `out`, located at `file`:`line`.
void validate_service(const Service& s, const ServiceLayout& layout, const std::string& file,
                      int line, std::vector<Issue>& out);

// True for an id a record may have: non-empty, at most 200 bytes, no spaces, tabs, line
// breaks, commas or quotes (ids end up in CSV files and postback data).
bool is_valid_record_id(const std::string& id);

}  // namespace shirube::knowledge
