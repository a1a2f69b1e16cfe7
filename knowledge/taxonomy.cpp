#include "knowledge/taxonomy.h"

#include <algorithm>

namespace shirube::knowledge {

const std::vector<Category>& category_table() {
  // Labels are what a person reads on a button: short, plain words.
  static const std::vector<Category> kTable = {
      {"crisis", "", "いのちの危機・いますぐ相談", 1},
      {"violence", "", "暴力・虐待・犯罪の被害", 2},
      {"food", "", "食べもの", 3},
      {"money", "", "お金・生活の困りごと", 4},
      {"housing", "", "住まい", 5},
      {"work", "", "仕事", 6},
      {"loneliness", "", "ひとりぼっち・つながり", 7},
      {"mental_health", "", "こころの健康", 8},
      {"parenting_family", "", "子育て・家族", 9},
      {"children_youth", "", "こども・若者", 10},
      {"care_leaver", "", "施設や里親を離れた若者", 11},
      {"health_disability", "", "病気・障がい", 12},
      {"elderly", "", "高齢者・介護", 13},
      {"foreign_residents", "", "外国から来た人", 14},
      {"disaster", "", "災害", 15},
      {"hikikomori", "", "ひきこもり", 16},
      {"legal_consumer", "", "法律・契約・人権", 17},
      {"violence.dv", "violence", "配偶者・パートナーからの暴力（DV）", 101},
      {"violence.sexual", "violence", "性暴力・性犯罪", 102},
      {"violence.child_abuse", "violence", "こどもへの虐待", 103},
      {"violence.crime_victims", "violence", "犯罪の被害", 104},
      {"violence.police", "violence", "警察への相談", 105},
      {"mental_health.lgbtq", "mental_health", "性のあり方（LGBTQ）", 106},
      {"legal_consumer.debt", "legal_consumer", "借金・法律の相談", 107},
      {"legal_consumer.consumer", "legal_consumer", "買いもの・契約のトラブル", 108},
      {"legal_consumer.human_rights", "legal_consumer", "人権・差別", 109},
  };
  return kTable;
}

const std::vector<Situation>& situation_table() {
  static const std::vector<Situation> kTable = {
      {"care_leaver", "施設や里親を離れた若者", 1},
      {"single_parent", "ひとり親", 2},
      {"child", "こども", 3},
      {"youth", "若者", 4},
      {"elderly_alone", "ひとり暮らしの高齢者", 5},
      {"foreign_resident", "外国にルーツのある人", 6},
      {"disaster_evacuee", "災害の被災者・避難している人", 7},
      {"lgbtq", "性的マイノリティ", 8},
      {"person_with_disability", "障がいのある人", 9},
      {"young_carer", "ヤングケアラー", 10},
      // Not a person's situation but who a programme is for: capacity building for groups
      // and support workers. Conversations with people leave these out (Query::for_people).
      {"supporter", "支援団体・支援者", 11},
  };
  return kTable;
}

bool is_known_category(std::string_view id) {
  const auto& t = category_table();
  return std::any_of(t.begin(), t.end(), [&](const Category& c) { return c.id == id; });
}

bool is_known_situation(std::string_view id) {
  const auto& t = situation_table();
  return std::any_of(t.begin(), t.end(), [&](const Situation& s) { return s.id == id; });
}

std::string top_level_of(std::string_view category) {
  const std::size_t dot = category.find('.');
  return std::string(dot == std::string_view::npos ? category : category.substr(0, dot));
}

const std::vector<TermMapping>& national_category_map() {
  static const std::vector<TermMapping> kMap = {
      {"crisis_suicide", {"crisis"}, {}},
      {"dv", {"violence.dv"}, {}},
      {"sexual_violence", {"violence.sexual"}, {}},
      {"child_abuse", {"violence.child_abuse", "children_youth"}, {}},
      {"crime_victims", {"violence.crime_victims"}, {}},
      {"police", {"violence.police"}, {}},
      {"poverty_livelihood", {"money"}, {}},
      {"housing", {"housing"}, {}},
      {"food", {"food"}, {}},
      {"employment_labour", {"work"}, {}},
      {"loneliness", {"loneliness"}, {}},
      {"mental_health", {"mental_health"}, {}},
      {"parenting", {"parenting_family"}, {}},
      {"children_youth", {"children_youth"}, {}},
      {"disability", {"health_disability"}, {}},
      {"elderly_care", {"elderly"}, {}},
      {"foreign_residents", {"foreign_residents"}, {"foreign_resident"}},
      {"disaster", {"disaster"}, {}},
      {"hikikomori", {"hikikomori"}, {}},
      {"debt_legal", {"legal_consumer.debt"}, {}},
      {"consumer", {"legal_consumer.consumer"}, {}},
      {"human_rights", {"legal_consumer.human_rights"}, {}},
      {"lgbtq", {"mental_health.lgbtq", "loneliness"}, {"lgbtq"}},
      {"care_leaver", {"care_leaver"}, {"care_leaver"}},
  };
  return kMap;
}

const TermMapping* find_national_category(std::string_view term) {
  for (const auto& m : national_category_map()) {
    if (m.term == term)
      return &m;
  }
  return nullptr;
}

const std::vector<TermMapping>& seed_theme_keywords() {
  // Substring keywords over each theme of a seed row. Order does not matter: every keyword
  // that matches adds its categories and situations.
  static const std::vector<TermMapping> kMap = {
      {"食料支援", {"food"}, {}},
      {"フードバンク", {"food"}, {}},
      {"こども食堂", {"food", "children_youth"}, {}},
      {"地域食堂", {"food"}, {}},
      {"こども宅食", {"food", "parenting_family"}, {}},
      {"緊急食支援", {"food"}, {}},
      {"食堂", {"food"}, {}},
      {"居場所", {"loneliness"}, {}},
      {"交流", {"loneliness"}, {}},
      {"多世代", {"loneliness"}, {}},
      {"サードプレイス", {"loneliness"}, {}},
      {"コミュニティカフェ", {"loneliness"}, {}},
      {"メンズシェッド", {"loneliness"}, {}},
      {"見守り", {"loneliness"}, {}},
      {"孤立", {"loneliness"}, {}},
      {"つながり", {"loneliness"}, {}},
      {"支え合い", {"loneliness"}, {}},
      {"助け合い", {"loneliness"}, {}},
      {"おしゃべり", {"loneliness"}, {}},
      {"ひきこもり", {"hikikomori"}, {}},
      {"不登校", {"children_youth"}, {"child"}},
      {"フリースクール", {"children_youth"}, {"child"}},
      {"こども", {"children_youth"}, {"child"}},
      {"小中学生", {"children_youth"}, {"child"}},
      {"中学生", {"children_youth"}, {"child"}},
      {"中高生", {"children_youth"}, {"youth"}},
      {"若者", {"children_youth"}, {"youth"}},
      {"青少年", {"children_youth"}, {"youth"}},
      {"ユースセンター", {"children_youth"}, {"youth"}},
      {"ヤングケアラー", {"children_youth"}, {"young_carer"}},
      {"ケアリーバー", {"care_leaver"}, {"care_leaver"}},
      {"社会的養護", {"care_leaver"}, {"care_leaver"}},
      {"ひとり親", {"parenting_family"}, {"single_parent"}},
      {"子育て", {"parenting_family"}, {}},
      {"親子", {"parenting_family"}, {}},
      {"家族", {"parenting_family"}, {}},
      {"高齢者", {"elderly"}, {}},
      {"単身高齢者", {"elderly"}, {"elderly_alone"}},
      {"認知症", {"elderly"}, {}},
      {"外国ルーツ", {"foreign_residents"}, {"foreign_resident"}},
      {"移民ルーツ", {"foreign_residents"}, {"foreign_resident"}},
      {"在日ミャンマー人", {"foreign_residents"}, {"foreign_resident"}},
      {"多文化", {"foreign_residents"}, {"foreign_resident"}},
      {"被災者", {"disaster"}, {"disaster_evacuee"}},
      {"広域避難者", {"disaster"}, {"disaster_evacuee"}},
      {"災害公営住宅", {"disaster"}, {"disaster_evacuee"}},
      {"生活困窮", {"money"}, {}},
      {"居住支援", {"housing"}, {}},
      {"就労支援", {"work"}, {}},
      {"就労体験", {"work"}, {}},
      {"職業トレーニング", {"work"}, {}},
      {"しごと", {"work"}, {}},
      {"キャリア", {"work"}, {}},
      {"離職者", {"work"}, {}},
      {"DV", {"violence.dv"}, {}},
      {"虐待", {"violence.child_abuse"}, {}},
      {"権利侵害", {"legal_consumer.human_rights"}, {}},
      {"障がい者", {"health_disability"}, {"person_with_disability"}},
      {"特別なニーズ", {"health_disability"}, {}},
      {"健康相談", {"health_disability"}, {}},
      {"自殺対策", {"mental_health"}, {}},
      {"依存症", {"mental_health"}, {}},
      {"心身の健康", {"mental_health"}, {}},
      {"ピアサポート", {"mental_health"}, {}},
  };
  return kMap;
}

const std::vector<SeedDocument>& seed_documents() {
  static const std::vector<SeedDocument> kDocs = {
      {"000", "内閣府 孤独・孤立対策推進室「孤独・孤立対策の推進について」（令和7年2月20日）",
       "2025-02-20"},
      {"001",
       "令和6年度 "
       "孤独・孤立対策推進交付金（孤独・孤立対策担い手育成支援事業）交付団体＜中間支援組織＞",
       "unknown"},
      {"002", "内閣府 孤独・孤立対策推進室「孤独・孤立対策について」（令和7年4月30日）",
       "2025-04-30"},
      {"003", "令和6年度 地域における孤独・孤立対策に関するNPO等の取組モデル調査 採択事業＜NPO等＞",
       "unknown"},
      {"004",
       "令和5年度「孤独・孤立対策活動基盤整備モデル調査」報告書（内閣官房孤独・孤立対策担当室）",
       "unknown"},
  };
  return kDocs;
}

const SeedDocument* find_seed_document(std::string_view id) {
  for (const auto& d : seed_documents()) {
    if (d.id == id)
      return &d;
  }
  return nullptr;
}

}  // namespace shirube::knowledge
