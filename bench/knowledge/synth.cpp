#include "bench/knowledge/synth.h"

#include <fstream>
#include <map>
#include <random>
#include <vector>

#include "knowledge/hsds_csv.h"
#include "knowledge/knowledge_base.h"
#include "knowledge/sqlite_knowledge_base.h"

#include <sys/stat.h>

namespace shirube::bench {
namespace {

const char* const kCities[] = {"中央市", "北区", "南町", "東市",   "西村",
                               "緑区",   "桜町", "港区", "山手市", "川辺町"};
const char* const kKinds[] = {
    "相談窓口",     "こども食堂",         "フードパントリー", "居場所カフェ",   "就労支援センター",
    "子育てひろば", "見守りネットワーク", "学習支援教室",     "住まいの相談室", "多文化交流会"};
const char* const kDescriptions[] = {
    "毎週土曜日に温かいごはんを用意しています。どなたでも来られます。",
    "仕事や生活のことを一緒に考えます。相談は無料で、秘密は守ります。",
    "ひとりで悩まずに、まずはお話を聞かせてください。電話でも来所でも大丈夫です。",
    "食品の受け取りができます。申し込みは電話か窓口でお願いします。",
    "高齢の方の見守りや、地域の集まりを開いています。",
    "外国にルーツのある家族のための日本語教室と生活相談です。",
    "不登校やひきこもりの若者が安心して過ごせる場所です。",
    "住まいを失いそうな人の相談に応じ、一時的な住まいを案内します。"};
const char* const kCategories[] = {"crisis",
                                   "violence.dv",
                                   "food",
                                   "money",
                                   "housing",
                                   "work",
                                   "loneliness",
                                   "mental_health",
                                   "parenting_family",
                                   "children_youth",
                                   "care_leaver",
                                   "health_disability",
                                   "elderly",
                                   "foreign_residents",
                                   "disaster",
                                   "hikikomori",
                                   "legal_consumer.debt"};
const char* const kChannels[] = {"phone", "visit", "web", "chat", "sns"};

std::string field(const std::string& v) {
  return knowledge::csv_field(v);
}

}  // namespace

std::string write_synthetic_directory(int services, unsigned seed, const std::string& dir) {
  ::mkdir(dir.c_str(), 0755);
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const auto& prefs = knowledge::all_prefectures();
  const int orgs = std::max(1, services / 5);
  std::ofstream o(dir + "/organizations.csv", std::ios::binary);
  o << "id,name,legal_form,role,area_text,prefectures,source_title,source_date,notes\r\n";
  for (int i = 0; i < orgs; ++i) {
    const auto& p = prefs[static_cast<std::size_t>(i) % prefs.size()];
    o << "org" << i << "," << field(p.short_name + "くらし支援ネット" + std::to_string(i))
      << ",特定非営利活動法人,npo," << p.name << "," << p.code << ",合成データ,2026-01-01,\r\n";
  }
  std::ofstream s(dir + "/services.csv", std::ios::binary);
  std::ofstream a(dir + "/service_areas.csv", std::ios::binary);
  std::ofstream t(dir + "/taxonomy_terms.csv", std::ios::binary);
  std::ofstream c(dir + "/attributes.csv", std::ios::binary);
  t << "id,code,name,description\r\n";
  for (const char* cat : kCategories)
    t << "cat-" << cat << ",category:" << cat << "," << cat << "," << cat << "\r\n";
  s << "id,organization_id,name,description,channel,contact,hours,cost,target,eligibility,minimum_"
       "age,"
       "maximum_age,area_scope,area_text,urgent,status,source_title,source_url,source_date,last_"
       "verified,"
       "confidence\r\n";
  a << "id,service_id,name\r\n";
  c << "id,link_id,taxonomy_term_id,link_entity,value\r\n";
  for (int i = 0; i < services; ++i) {
    const bool national = pick(50) == 0;
    const auto& p = prefs[pick(prefs.size())];
    const std::string city = p.short_name + kCities[pick(10)];
    const std::string name = city + kKinds[pick(10)] + "（" + std::to_string(i) + "）";
    const char* channel = kChannels[pick(5)];
    const std::string contact =
        std::string(channel) == "phone"
            ? "0120-" + std::to_string(100 + pick(900)) + "-" + std::to_string(100 + pick(900))
            : "https://example.jp/s/" + std::to_string(i);
    const bool urgent = pick(20) == 0;
    s << "s" << i << ",org" << (i % orgs) << "," << field(name) << ","
      << field(kDescriptions[pick(8)]) << "," << channel << "," << field(contact) << ","
      << (urgent ? "24時間365日" : "平日9時～17時") << ",無料,"
      << "どなたでも,,,," << (national ? "national" : "municipality") << ","
      << (national ? "全国" : field(city)) << "," << (urgent ? 1 : 0)
      << ",active,合成データ,https://example.jp/src,2026-01-01,2026-11-01,high\r\n";
    if (!national)
      a << "a" << i << ",s" << i << "," << p.code << "\r\n";
    const std::size_t first = pick(17);
    c << "c" << i << ",s" << i << ",cat-" << kCategories[first] << ",service,\r\n";
    if (pick(3) == 0) {
      const std::size_t second = (first + 1 + pick(16)) % 17;
      c << "d" << i << ",s" << i << ",cat-" << kCategories[second] << ",service,\r\n";
    }
  }
  return dir;
}

std::string build_synthetic_database(int services, unsigned seed, const std::string& db_path) {
  const std::string dir = db_path + ".synth";
  write_synthetic_directory(services, seed, dir);
  auto kb = knowledge::SqliteKnowledgeBase::open_sqlite(db_path);
  if (!kb.ok())
    return kb.error().message();
  auto b = kb.value()->ensure_bundled_data();
  if (!b.ok())
    return b.error().message();
  std::map<std::string, std::pair<std::string, std::string>> files;
  for (const char* name : {"organizations.csv", "services.csv", "service_areas.csv",
                           "taxonomy_terms.csv", "attributes.csv"}) {
    std::ifstream f(dir + "/" + name, std::ios::binary);
    files[name] = {
        name, std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>())};
  }
  knowledge::Directory d;
  knowledge::read_hsds(files, d);
  knowledge::validate_directory(d, nullptr);
  if (!d.issues.empty())
    return d.issues.front().to_string();
  auto n = kb.value()->import_directory(d, "import");
  if (!n.ok())
    return n.error().message();
  return "";
}

}  // namespace shirube::bench
