#include "knowledge/service_rules.h"

#include <algorithm>

#include "knowledge/text.h"

namespace shirube::knowledge {

ServiceLayout tsv_service_layout() {
  ServiceLayout l;
  l.name_column = "name_ja";
  l.last_verified_column = "verified_on";
  l.channel_required = true;
  l.source_date_required = true;
  l.confidence_required = true;
  return l;
}

ServiceLayout hsds_service_layout() {
  return ServiceLayout{};
}

bool is_valid_record_id(const std::string& id) {
  if (id.empty() || id.size() > 200)
    return false;
  return std::none_of(id.begin(), id.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '"';
  });
}

namespace {

// "a, b or c"; "a, b, c or empty" when the field is optional.
std::string choices(std::vector<std::string> values, bool required) {
  if (!required)
    values.emplace_back("empty");
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0)
      out += i + 1 == values.size() ? " or " : ", ";
    out += values[i];
  }
  return out;
}

}  // namespace

void validate_service(const Service& s, const ServiceLayout& layout, const std::string& file,
                      int line, std::vector<Issue>& out) {
  auto issue = [&](const char* column, std::string reason) {
    out.push_back({file, line, column, std::move(reason)});
  };
  if (!is_valid_record_id(s.id))
    issue("id", s.id.empty() ? "required" : "must not contain spaces, commas or quotes");
  if (s.name.empty())
    issue(layout.name_column, "required");
  if (!is_valid_channel(s.channel) || (layout.channel_required && s.channel.empty())) {
    issue("channel",
          "must be " + choices({"phone", "sns", "chat", "web", "visit"}, layout.channel_required) +
              " (got '" + s.channel + "')");
  }
  if (s.min_age && s.max_age && *s.min_age > *s.max_age)
    issue("minimum_age", "greater than maximum_age");
  if (!is_valid_area_scope(s.area_scope)) {
    issue("area_scope",
          "must be national, prefecture or municipality (got '" + s.area_scope + "')");
  }
  if (!is_valid_status(s.status))
    issue("status", "must be active, inactive or seasonal");
  if ((layout.source_date_required || !s.source_date.empty()) &&
      !text::is_source_date(s.source_date)) {
    issue("source_date", "not a date (YYYY, YYYY-MM, YYYY-MM-DD or unknown)");
  }
  if (!s.last_verified.empty() && !text::is_iso_date(s.last_verified))
    issue(layout.last_verified_column, "not a date (YYYY-MM-DD)");
  const bool confidence_ok = s.confidence == "high" || s.confidence == "medium" ||
                             s.confidence == "low" ||
                             (s.confidence.empty() && !layout.confidence_required);
  if (!confidence_ok)
    issue("confidence",
          "must be " + choices({"high", "medium", "low"}, layout.confidence_required));
}

}  // namespace shirube::knowledge
