#include "bot/worker_message.h"

#include <algorithm>
#include <string>
#include <vector>

#include "intents/normalize.h"

namespace shirube::bot {

namespace {

// A character that never survives normalize(): stands for a masked role word.
constexpr std::string_view kMask = "\x01";

std::vector<std::string> normalized(std::initializer_list<const char*> words) {
  std::vector<std::string> out;
  for (const char* w : words)
    out.push_back(intents::normalize(w));
  return out;
}

struct Words {
  // Longer words first, so that 相談支援専門員 is masked before 相談員 would be.
  std::vector<std::string> roles = normalized({"スクールソーシャルワーカー",
                                               "ソーシャルワーカー",
                                               "相談支援専門員",
                                               "精神保健福祉士",
                                               "ケースワーカー",
                                               "ケアマネージャー",
                                               "ケアマネジャー",
                                               "社会福祉協議会",
                                               "生活支援員",
                                               "就労支援員",
                                               "主任児童委員",
                                               "社会福祉士",
                                               "ケアマネ",
                                               "民生委員",
                                               "児童委員",
                                               "相談員",
                                               "支援員",
                                               "保健師",
                                               "支援者",
                                               "ワーカー",
                                               "職員",
                                               "社協"});
  // After a role word: the writer's own role.
  std::vector<std::string> self =
      normalized({"です",       "でございます",   "をしています", "をしてます", "をしております",
                  "をしている", "をやっています", "をやってます", "やってます", "として",
                  "の者",       "のもの",         "の立場",       "で働いて",   "で働いてい",
                  "に勤めて",   "の仕事",         "の職員",       "の担当",     "のスタッフ",
                  "の相談員",   "のワーカー"});
  std::vector<std::string> charge =
      normalized({"支援している", "支援してる", "支援中の", "担当している", "担当してる",
                  "受け持っている", "受け持ちの", "関わっている", "関わってる", "見守っている",
                  "訪問している", "相談を受けている", "対応している", "担当の", "相談に来た",
                  "来ている", "利用している", "入所中の"});
  std::vector<std::string> persons =
      normalized({"方",     "かた", "人",     "子",     "お子さん", "利用者",     "ご家庭",
                  "家庭",   "世帯", "ケース", "女性",   "男性",     "高齢者",     "若者",
                  "家族",   "学生", "生徒",   "児童",   "青年",     "おばあさん", "おじいさん",
                  "ご夫婦", "母子", "親子",   "外国人", "お宅"});
  // Persons that 担当の may name (「担当の方」 is also what a help-seeker calls their worker).
  std::vector<std::string> charge_only = normalized({"方", "かた", "人"});
  // Step 3: how a self-introduction ends, what makes it an occupation, and another person
  // spoken of after it (not 人: 「職場の人が」 is the writer's own trouble).
  std::vector<std::string> intro_end = normalized(
      {"です", "をしています", "をしてます", "で働いています", "に勤めています", "を受けています"});
  std::vector<std::string> occupation = normalized(
      {"師", "士", "員", "職", "者", "長", "教諭", "スタッフ", "ボランティア", "ワーカー", "CSW",
       "SW", "カウンセラー", "ヘルパー", "世話人", "相談を", "支援を", "支援の", "活動を"});
  std::vector<std::string> others = normalized(
      {"生徒", "子",         "お子さん",   "子ども",   "女性",     "男性",     "奥さん", "患者",
       "家族", "おじいさん", "おばあさん", "若者",     "青年",     "高齢者",   "住民",   "利用者",
       "方",   "母親",       "父親",       "息子さん", "娘さん",   "世帯",     "お宅",   "学生",
       "児童", "外国人",     "入所者",     "入居者",   "お母さん", "お父さん", "園児",   "難民"});
  std::vector<std::string> particles = normalized({"が", "は", "の", "に", "を", "も"});
  std::vector<std::string> honorifics = normalized({"さん", "さま"});
  std::vector<std::string> role_verbs =
      normalized({"をしている", "をしてる", "をやっている", "の"});
  std::vector<std::string> family =
      normalized({"父", "母", "夫", "妻", "兄", "姉", "弟", "妹", "親", "祖父", "祖母", "息子",
                  "娘", "彼", "友達", "友人", "知り合い", "家族"});
  std::vector<std::string> clients =
      normalized({"利用者さん", "利用者の方", "利用者様", "相談者さん", "相談者の方",
                  "クライアント", "被支援者", "ケースの方", "支援対象"});
};

const Words& words() {
  static const Words w;
  return w;
}

bool starts_with_any(std::string_view s, const std::vector<std::string>& list) {
  for (const auto& w : list) {
    if (s.substr(0, w.size()) == w)
      return true;
  }
  return false;
}

// 「民生委員をしている父が」: the role is that of the family member named right after it.
bool describes_someone(std::string_view after) {
  for (const auto& verb : words().role_verbs) {
    if (after.substr(0, verb.size()) == verb &&
        starts_with_any(after.substr(verb.size()), words().family))
      return true;
  }
  return false;
}

// Step 1: a role word followed by words that make it the writer's. Masks every role word.
bool names_own_role(std::string& norm) {
  bool own = false;
  for (const auto& role : words().roles) {
    for (std::size_t at = norm.find(role); at != std::string::npos; at = norm.find(role, at)) {
      std::string_view after = std::string_view(norm).substr(at + role.size());
      if (after.substr(0, 6) == intents::normalize("さん"))
        after.remove_prefix(6);
      // 「社協の相談員です」: the role after の was masked already. 「相談員ですか」 asks.
      const bool asks = after.substr(0, 9) == intents::normalize("ですか");
      if (!asks && !describes_someone(after) &&
          (starts_with_any(after, words().self) ||
           after.substr(0, 3 + kMask.size()) == intents::normalize("の") + std::string(kMask)))
        own = true;
      norm.replace(at, role.size(), kMask);
      at += kMask.size();
    }
  }
  return own;
}

// Step 2: a person in the writer's charge.
bool names_person_in_charge(const std::string& masked) {
  for (const auto& c : words().clients) {
    if (masked.find(c) != std::string::npos)
      return true;
  }
  const std::string by_title = intents::normalize("担当の");
  for (const auto& charge : words().charge) {
    for (std::size_t at = masked.find(charge); at != std::string::npos;
         at = masked.find(charge, at + 1)) {
      const std::string_view after = std::string_view(masked).substr(at + charge.size());
      if (!starts_with_any(after, words().persons) && !starts_with_any(after, words().others))
        continue;
      if (charge == by_title && starts_with_any(after, words().charge_only))
        continue;
      return true;
    }
  }
  return false;
}

// Step 3: a self-introduction by an occupation, before any が (「訪問看護師です」, not
// 「夫が民生委員なんですが」), then another person (「生徒が」「相談に来た女性が」).
bool introduces_self_then_other(const std::string& masked) {
  constexpr std::size_t kMaxIntroBytes = 90;  // about 30 characters
  std::size_t end = std::string::npos;
  std::size_t end_size = 0;
  for (const auto& e : words().intro_end) {
    const std::size_t at = masked.find(e);
    if (at < end) {
      end = at;
      end_size = e.size();
    }
  }
  if (end > kMaxIntroBytes)  // also none found (npos)
    return false;
  const std::string intro = masked.substr(0, end + end_size);
  if (intro.find(intents::normalize("が")) != std::string::npos)
    return false;
  const bool occupation =
      intro.find(kMask) != std::string::npos ||
      std::any_of(words().occupation.begin(), words().occupation.end(),
                  [&](const std::string& o) { return intro.find(o) != std::string::npos; });
  if (!occupation)
    return false;
  const std::string_view rest = std::string_view(masked).substr(end + end_size);
  for (const auto& other : words().others) {
    for (std::size_t at = rest.find(other); at != std::string_view::npos;
         at = rest.find(other, at + 1)) {
      std::string_view after = rest.substr(at + other.size());
      if (starts_with_any(after, words().honorifics))
        after.remove_prefix(intents::normalize("さん").size());
      if (starts_with_any(after, words().particles))
        return true;
    }
  }
  return false;
}

}  // namespace

bool from_worker(std::string_view text) {
  std::string norm = intents::normalize(text);
  if (names_own_role(norm))
    return true;
  return names_person_in_charge(norm) || introduces_self_then_other(norm);
}

}  // namespace shirube::bot
