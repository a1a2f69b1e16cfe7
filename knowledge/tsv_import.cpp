// Slightly over 500 lines: the three bundled TSV forms (national, local, seed) share one row
// reader, one header check and one error wording with file and line; the field rules are
// service_rules.cpp.
#include "knowledge/tsv_import.h"

#include <algorithm>
#include <cerrno>
#include <set>

#include "common/embedded.h"
#include "common/utf8.h"
#include "knowledge/knowledge_base.h"
#include "knowledge/prefectures.h"
#include "knowledge/service_rules.h"
#include "knowledge/source_title.h"
#include "knowledge/taxonomy.h"
#include "knowledge/text.h"

#include <iconv.h>

namespace shirube::knowledge {
namespace {

// Bump when the mapping rules change, so databases built by an older binary re-import.
constexpr const char* kImportRulesVersion =
    "tsv-rules-8";  // 8: English names and summaries, languages

constexpr const char* kNationalPath = "knowledge/data/national_services.tsv";
constexpr const char* kSeedPath = "knowledge/data/seed_organizations.tsv";
constexpr const char* kLocalPath = "knowledge/data/local_services.tsv";

int line_of_offset(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(),
                                         text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

Result<std::string> from_cp932(std::string_view bytes) {
  iconv_t cd = iconv_open("UTF-8", "CP932");
  // NOLINTNEXTLINE(performance-no-int-to-ptr): (iconv_t)-1 is iconv_open's error value
  if (cd == reinterpret_cast<iconv_t>(-1))
    return Error::unavailable("iconv", "CP932 is not available");
  std::string out;
  out.resize(bytes.size() * 2 + 16);
  // iconv's API takes char** for its input though it does not write through it.
  char* in = const_cast<char*>(bytes.data());  // NOLINT(cppcoreguidelines-pro-type-const-cast)
  std::size_t in_left = bytes.size();
  std::size_t done = 0;
  for (;;) {
    char* o = out.data() + done;
    std::size_t out_left = out.size() - done;
    const std::size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
    done = out.size() - out_left;
    if (rc != static_cast<std::size_t>(-1))
      break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    iconv_close(cd);
    return Error::invalid_argument(std::to_string(bytes.size() - in_left), "bad byte");
  }
  iconv_close(cd);
  out.resize(done);
  return out;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines = text::split(text, '\n');
  for (auto& l : lines) {
    if (!l.empty() && l.back() == '\r')
      l.pop_back();
  }
  if (!lines.empty() && lines.back().empty())
    lines.pop_back();
  return lines;
}

// The columns every service layout starts with.
const std::vector<std::string>& service_header() {
  static const std::vector<std::string> kH = {
      "id",         "name_ja",     "operator_ja", "categories", "channel",
      "contact",    "hours_ja",    "cost_ja",     "target_ja",  "urgent",
      "source_url", "source_date", "confidence",  "verified_on"};
  return kH;
}

// The national layout: the service columns plus, for English replies, the English name and
// one-line summary, where they come from (operator | translation) and the languages the line
// answers in (comma-separated ISO 639-1 codes); each may be empty.
const std::vector<std::string>& national_header() {
  static const std::vector<std::string> kH = [] {
    std::vector<std::string> h = service_header();
    for (const char* c : {"name_en", "summary_en", "en_source", "languages"})
      h.emplace_back(c);
    return h;
  }();
  return kH;
}

// The service columns plus where the window serves: a prefecture (name or JIS code) and, for a
// city's own window, the municipality.
const std::vector<std::string>& local_header() {
  static const std::vector<std::string> kH = [] {
    std::vector<std::string> h = service_header();
    h.emplace_back("prefecture");
    h.emplace_back("municipality");
    return h;
  }();
  return kH;
}

const std::vector<std::string>& seed_header() {
  static const std::vector<std::string> kH = {
      "name", "legal_form", "prefectures", "city_area",    "program_title", "summary",
      "role", "themes",     "r5_also",     "source_files", "also_roles",    "notes"};
  return kH;
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end())
    v.push_back(s);
}

// Leading "N歳まで" in a target ("18歳までの子ども") is an upper age bound; targets that also
// address adults (保護者, 大人) are not bounded.
std::optional<int> max_age_from_target(std::string_view target) {
  if (text::contains(target, "保護者") || text::contains(target, "大人"))
    return std::nullopt;
  const std::size_t pos = target.find("歳まで");
  if (pos == std::string_view::npos || pos == 0)
    return std::nullopt;
  std::size_t start = pos;
  while (start > 0 && target[start - 1] >= '0' && target[start - 1] <= '9')
    --start;
  if (start == pos || pos - start > 3)
    return std::nullopt;
  return std::stoi(std::string(target.substr(start, pos - start)));
}

}  // namespace

Result<std::string> decode_input(std::string_view bytes, const std::string& file) {
  if (text::starts_with(bytes, "\xEF\xBB\xBF"))
    bytes.remove_prefix(3);
  const std::size_t bad = utf8::first_invalid(bytes);
  if (bad == std::string_view::npos)
    return std::string(bytes);
  auto sjis = from_cp932(bytes);
  if (!sjis.ok()) {
    return Error::invalid_argument(file + ":" + std::to_string(line_of_offset(bytes, bad)),
                                   "not valid UTF-8 or Shift_JIS (CP932)");
  }
  if (!utf8::is_valid(sjis.value())) {
    return Error::invalid_argument(file, "invalid UTF-8 after decoding Shift_JIS");
  }
  return std::move(sjis.value());
}

TsvKind detect_tsv(std::string_view text) {
  const std::size_t nl = text.find('\n');
  std::string first(text.substr(0, nl));
  if (!first.empty() && first.back() == '\r')
    first.pop_back();
  const auto cols = text::split(first, '\t');
  if (cols == national_header() || cols == service_header())
    return TsvKind::kNational;
  if (cols == local_header())
    return TsvKind::kLocal;
  if (cols == seed_header())
    return TsvKind::kSeed;
  return TsvKind::kUnknown;
}

namespace {

// One data row being read: where it is and whether it has added an issue yet. A record is
// kept only when its row added none.
class Row {
 public:
  Row(const std::string& file, int line, Directory& out)
      : file_(file), line_(line), out_(out), before_(out.issues.size()) {}

  void issue(const char* col, std::string reason) const {
    out_.issues.push_back({file_, line_, col, std::move(reason)});
  }
  bool clean() const { return out_.issues.size() == before_; }
  // An empty record of this row (OrganizationRecord or ServiceRecord).
  template <typename Record>
  Record record() const {
    Record r;
    r.file = file_;
    r.line = line_;
    return r;
  }
  const std::string& file() const { return file_; }
  int line() const { return line_; }

 private:
  const std::string& file_;
  int line_;
  Directory& out_;
  std::size_t before_;
};

// Calls `row(Row, fields)` for every non-blank data row of a TSV whose first line must equal
// `header` (fields trimmed, line numbers 1-based as editors show them). A wrong header or a row
// with the wrong number of columns becomes an issue naming the file and line.
template <typename RowFn>
void for_each_row(std::string_view text, const std::string& file,
                  const std::vector<std::string>& header, const char* layout, Directory& out,
                  RowFn&& row) {
  const auto lines = split_lines(text);
  if (lines.empty() || text::split(lines[0], '\t') != header) {
    out.issues.push_back(
        {file, 1, "", std::string("header does not match the ") + layout + " layout"});
    return;
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    if (text::trim(lines[i]).empty())
      continue;
    auto f = text::split(lines[i], '\t');
    if (f.size() != header.size()) {
      out.issues.push_back({file, line, "",
                            "expected " + std::to_string(header.size()) + " columns, found " +
                                std::to_string(f.size())});
      continue;
    }
    for (auto& v : f)
      v = text::trim(v);
    row(Row(file, line, out), f);
  }
}

// The categories cell of a service row (national terms, comma-separated).
void read_national_categories(const Row& row, const std::string& cell, Service& s) {
  for (const auto& term : text::split(cell, ',')) {
    const std::string t = text::trim(term);
    if (t.empty())
      continue;
    const TermMapping* m = find_national_category(t);
    if (m == nullptr) {
      row.issue("categories", "unknown category '" + t + "'");
      continue;
    }
    for (const auto& c : m->categories)
      add_unique(s.categories, c);
    for (const auto& x : m->situations)
      add_unique(s.situations, x);
  }
  if (s.categories.empty() && row.clean())
    row.issue("categories", "required");
}

// The operator named in a service row: the service's organisation, written once per file.
void add_operator(const Row& row, const std::string& name, Service& s,
                  std::set<std::string>& operators, Directory& out) {
  const std::string org_id = "op-" + text::hex16(text::fnv1a(name));
  s.organization_id = org_id;
  s.organization_name = name;
  if (!operators.insert(org_id).second)
    return;
  auto org = row.record<OrganizationRecord>();
  org.org.id = org_id;
  org.org.name = name;
  org.org.role = "operator";
  org.org.area_text = s.area_text;
  org.org.prefectures = s.prefectures;
  org.org.source_title = s.source_title;
  org.org.source_date = s.source_date;
  out.organizations.push_back(std::move(org));
}

// The English columns of a national row, from `at`: name_en, summary_en, en_source, languages.
void read_english_columns(const Row& row, const std::vector<std::string>& f, std::size_t at,
                          Service& s) {
  s.name_en = f[at];
  s.summary_en = f[at + 1];
  s.en_source = f[at + 2];
  if (!s.en_source.empty() && s.en_source != "operator" && s.en_source != "translation")
    row.issue("en_source", "must be operator, translation or empty");
  if (s.en_source.empty() && (!s.name_en.empty() || !s.summary_en.empty()))
    row.issue("en_source", "say where the English comes from: operator or translation");
  for (const auto& code : text::split(f[at + 3], ',')) {
    const std::string c = text::trim(code);
    if (c.empty())
      continue;
    if (c.size() != 2 || c.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos)
      row.issue("languages", "expected ISO 639-1 codes (ja,en,zh), got '" + c + "'");
    else
      s.languages.push_back(c);
  }
}

// One service row of the national or local layout (the local one has two more columns,
// prefecture and municipality, and every row of it serves one prefecture or one municipality
// in it). Field checks are validate_service()'s; this reads the cells.
void read_service_row(const Row& row, const std::vector<std::string>& f, bool local,
                      std::set<std::string>& operators, Directory& out) {
  auto rec = row.record<ServiceRecord>();
  Service& s = rec.service;
  s.id = f[0];
  s.name = f[1];
  read_national_categories(row, f[3], s);
  s.channel = f[4];
  s.contact = f[5];
  s.hours = f[6];
  s.cost = f[7];
  s.target = f[8];
  s.max_age = max_age_from_target(s.target);
  if (f[9] == "yes") {
    s.urgent = true;
  } else if (f[9] != "no") {
    row.issue("urgent", "must be yes or no");
  }
  s.source_url = f[10];
  s.source_title = source_title_from_url(s.source_url);
  s.source_date = f[11];
  s.confidence = f[12];
  s.last_verified = f[13];
  s.area_scope = "national";
  s.area_text = "全国";
  if (local) {
    const std::vector<int> codes = prefectures_in_text(f[14]);
    const int code = codes.size() == 1 ? codes.front() : prefecture_code(f[14]);
    if (code < 1 || code > 47)
      row.issue("prefecture", "not a prefecture ('" + f[14] + "')");
    if (code >= 1 && code <= 47)
      s.prefectures = {code};
    s.area_scope = f[15].empty() ? "prefecture" : "municipality";
    s.area_text = f[14] + f[15];
  }
  if (!local && f.size() == national_header().size())
    read_english_columns(row, f, service_header().size(), s);
  s.is_24h = hours_mean_24h(s.hours);
  move_internal_notes(s);
  validate_service(s, tsv_service_layout(), row.file(), row.line(), out.issues);
  if (!f[2].empty())
    add_operator(row, f[2], s, operators, out);
  if (row.clean())
    out.services.push_back(std::move(rec));
}

void read_service_tsv(std::string_view text, const std::string& file, bool local, Directory& out) {
  std::set<std::string> operators;
  // A national file may leave out the English columns (the layout before them).
  const bool english = !local && text::contains(text.substr(0, text.find('\n')), "\tname_en");
  for_each_row(text, file,
               local     ? local_header()
               : english ? national_header()
                         : service_header(),
               local ? "local_services" : "national_services", out,
               [&](const Row& row, const std::vector<std::string>& f) {
                 read_service_row(row, f, local, operators, out);
               });
}

}  // namespace

void read_national_tsv(std::string_view text, const std::string& file, Directory& out) {
  read_service_tsv(text, file, false, out);
}

void read_local_tsv(std::string_view text, const std::string& file, Directory& out) {
  read_service_tsv(text, file, true, out);
}

namespace {

// A seed programme for support groups and workers rather than for the people they serve: an
// intermediary (中間支援, role intermediary_*), a group named as a candidate or selected in an
// intermediary's programme (supported_org), and a model project whose title says it trains
// workers, builds a platform or is research.
bool is_for_workers(const std::string& role, const std::string& program) {
  if (text::starts_with(role, "intermediary") || role == "supported_org")
    return true;
  for (const char* marker : {"担い手育成", "支援人材の育成", "プラットフォーム開発", "研究"}) {
    if (text::contains(program, marker))
      return true;
  }
  return false;
}

// Sources of a seed row: every seed document cited (`D1:…; D2:…`), in the order given; the
// first one dates the row.
void read_seed_sources(const Row& row, const std::string& cell, Organization& o) {
  std::vector<std::string> titles;
  std::string first_date;
  for (const auto& part : text::split(cell, ';')) {
    const std::string ref = text::trim(part);
    if (ref.empty())
      continue;
    const std::string doc_id = ref.substr(0, ref.find(':'));
    const SeedDocument* doc = find_seed_document(doc_id);
    if (doc == nullptr) {
      row.issue("source_files", "unknown seed document '" + doc_id + "'");
      continue;
    }
    if (std::find(titles.begin(), titles.end(), doc->title) == titles.end())
      titles.push_back(doc->title);
    if (first_date.empty())
      first_date = doc->date;
  }
  if (titles.empty() && row.clean())
    row.issue("source_files", "required");
  for (std::size_t t = 0; t < titles.size(); ++t)
    o.source_title += (t > 0 ? " / " : "") + titles[t];
  o.source_date = first_date;
}

// The area of a seed programme: national, or the prefectures (and perhaps a municipality) of
// its area cells.
void read_seed_area(const Row& row, const std::vector<std::string>& f, const Organization& o,
                    Service& s) {
  s.area_text = o.area_text;
  if (is_national_text(f[2])) {
    s.area_scope = "national";
    return;
  }
  s.prefectures = o.prefectures;
  if (s.prefectures.empty())
    row.issue("prefectures", "no prefecture found in '" + f[2] + "'");
  const std::string& city = f[3];
  const bool names_city = text::contains(city, "市") || text::contains(city, "区") ||
                          text::contains(city, "町") || text::contains(city, "村") ||
                          text::contains(city, "郡");
  s.area_scope = names_city && !text::contains(city, "全市町村") ? "municipality" : "prefecture";
}

// The programme of a seed organisation that is not reference-only, as a service.
void read_seed_service(const Row& row, const std::vector<std::string>& f, const Organization& o,
                       const std::string& key, Directory& out) {
  auto srec = row.record<ServiceRecord>();
  Service& s = srec.service;
  s.id = "svc-" + key;
  s.organization_id = o.id;
  s.organization_name = o.name;
  s.name = !f[4].empty() ? f[4] : o.name;
  s.description = f[5];
  if (is_for_workers(o.role, s.name)) {
    // For support groups and workers: kept for a worker search, never in an answer to a person.
    s.audience = "workers";
  }
  if (text::starts_with(o.role, "intermediary")) {
    // Intermediaries support other groups; say so, so nobody is sent to them by mistake.
    s.target = "支援団体・支援者（中間支援）";
    // The R6 intermediaries train and accompany other groups (担い手育成); they are for support
    // workers looking up partners, not a place to send a person. (The R5 model programmes,
    // such as food support for care leavers, reach people directly.)
    if (o.role == "intermediary_r6")
      add_unique(s.situations, "supporter");
  }
  read_seed_area(row, f, o, s);
  for (const auto& theme : text::split(f[7], ',')) {
    for (const TermMapping& m : seed_theme_keywords()) {
      if (!text::contains(theme, m.term))
        continue;
      for (const auto& c : m.categories)
        add_unique(s.categories, c);
      for (const auto& x : m.situations)
        add_unique(s.situations, x);
    }
  }
  // Every seed programme is a 孤独・孤立対策 (loneliness and isolation) programme.
  add_unique(s.categories, "loneliness");
  move_internal_notes(s);
  s.source_title = o.source_title;
  s.source_date = o.source_date;
  // last_verified and confidence stay empty: seed rows were never checked against a live page,
  // and the seeds contain no contact data.
  if (row.clean())
    out.services.push_back(std::move(srec));
}

void read_seed_row(const Row& row, const std::vector<std::string>& f, Directory& out) {
  auto orec = row.record<OrganizationRecord>();
  Organization& o = orec.org;
  o.name = f[0];
  if (o.name.empty())
    row.issue("name", "required");
  const std::string key = text::hex16(text::fnv1a(o.name));
  o.id = "org-" + key;
  o.legal_form = f[1] == "記載なし" ? "" : f[1];
  o.role = f[6];
  if (o.role.empty())
    row.issue("role", "required");
  o.reference_only = o.role == "other";
  o.area_text = !f[3].empty() ? f[3] : f[2];
  o.prefectures = prefectures_in_text(f[2]);
  o.notes = f[11];
  read_seed_sources(row, f[9], o);
  if (!o.reference_only)
    read_seed_service(row, f, o, key, out);
  if (row.clean())
    out.organizations.push_back(std::move(orec));
}

}  // namespace

void read_seed_tsv(std::string_view text, const std::string& file, Directory& out) {
  for_each_row(
      text, file, seed_header(), "seed_organizations", out,
      [&](const Row& row, const std::vector<std::string>& f) { read_seed_row(row, f, out); });
}

Directory bundled_directory() {
  Directory dir;
  const auto national = embedded_file(kNationalPath);
  const auto seed = embedded_file(kSeedPath);
  const auto local = embedded_file(kLocalPath);
  if (!national || !seed || !local) {
    dir.issues.push_back({"bundled", 0, "", "bundled data files are missing from this build"});
    return dir;
  }
  read_national_tsv(*national, kNationalPath, dir);
  read_seed_tsv(*seed, kSeedPath, dir);
  read_local_tsv(*local, kLocalPath, dir);
  validate_directory(dir, nullptr);
  return dir;
}

std::string bundled_data_hash() {
  uint64_t h = text::fnv1a(kImportRulesVersion);
  for (const char* path : {kNationalPath, kSeedPath, kLocalPath}) {
    const auto data = embedded_file(path);
    h = text::fnv1a(path, h);
    if (data)
      h = text::fnv1a(*data, h);
  }
  return text::hex16(h);
}

}  // namespace shirube::knowledge
