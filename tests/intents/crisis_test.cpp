#include "intents/crisis.h"

#include <fstream>
#include <initializer_list>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/read_file.h"

using shirube::intents::CrisisDetector;
using shirube::intents::CrisisKind;

using shirube::intents::RiskLevel;

namespace {

// The bundled detector, with or without the risk model; a test fails if it does not load.
std::unique_ptr<CrisisDetector> load_or_fail(bool with_model) {
  auto r = CrisisDetector::load_bundled(true, with_model);
  if (!r.ok())
    FAIL("bundled crisis rules: " << r.error().to_string());
  return std::move(r).value();
}

const CrisisDetector& bundled() {
  static const auto detector = load_or_fail(true);
  return *detector;
}

// The surface rules and the meaning layer, without the risk model (which is retrained with
// every round and may ask about a short everyday line).
const CrisisDetector& rules_only() {
  static const auto detector = load_or_fail(false);
  return *detector;
}

using shirube::testing::read_file;

// Every text is answered as a crisis now (119 or 110 first).
void check_crisis_now(const CrisisDetector& d, std::initializer_list<const char*> texts) {
  for (const char* text : texts) {
    CAPTURE(text);
    const auto r = d.check(text);
    CHECK(r.level == RiskLevel::kCrisis);
    CHECK(r.immediate_danger);
  }
}

struct RecallLine {
  int line = 0;
  std::string text;
  CrisisKind kind = CrisisKind::kNone;
  bool immediate = false;
};

std::vector<RecallLine> recall_set() {
  std::vector<RecallLine> out;
  std::istringstream in(read_file(SHIRUBE_SOURCE_DIR "/tests/data/crisis_recall.tsv"));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#')
      continue;
    std::vector<std::string> f;
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      f.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos)
        break;
      start = tab + 1;
    }
    REQUIRE(f.size() >= 2);
    RecallLine r;
    r.line = n;
    r.text = f[0];
    r.kind = f[1] == "suicide" ? CrisisKind::kSuicide : CrisisKind::kViolence;
    r.immediate = f.size() > 2 && f[2] == "yes";
    out.push_back(r);
  }
  return out;
}

const char* name(CrisisKind k) {
  switch (k) {
    case CrisisKind::kNone:
      return "none";
    case CrisisKind::kSuicide:
      return "suicide";
    case CrisisKind::kViolence:
      return "violence";
  }
  return "?";
}

}  // namespace

TEST_CASE("Crisis: every phrasing in the recall set is caught", "[intents]") {
  const auto lines = recall_set();
  REQUIRE(lines.size() >= 60);
  int caught = 0;
  for (const auto& l : lines) {
    const auto r = bundled().check(l.text);
    INFO("crisis_recall.tsv:" << l.line << " " << l.text << " -> " << name(r.kind) << " rule "
                              << r.rule_id);
    // Caught = the crisis answer or the direct question; hyperbole of distress
    // (死ぬほどつらい) is asked about rather than answered as a crisis.
    const bool found = r.level != RiskLevel::kNone;
    CHECK(found);
    if (found)
      ++caught;
    // The kind that must be answered is present, first or as `also`.
    CHECK((r.kind == l.kind || r.also == l.kind));
    if (l.immediate)
      CHECK(r.immediate_danger);
  }
  CHECK(caught == static_cast<int>(lines.size()));
}

TEST_CASE("Crisis: ordinary requests do not trigger", "[intents]") {
  auto text = GENERATE(
      as<std::string>{}, "ご飯がない", "仕事を探したい", "家賃が払えない", "お金がない",
      "お腹すいた", "死ぬほど笑った", "死ぬほどおいしいラーメン", "DVDを借りたい",
      "学校に行きたくない", "会社にいきたくない", "父が亡くなって寂しい",
      "夫が死んでから一人暮らしです", "生きづらさを感じる", "データが消えた", "電気が消えた",
      "いつも助けられています", "家が見つけられない", "支援を受けられない", "首都圏に住んでいる",
      "仕事をクビになった", "助けてください、食べ物がない", "子どもの後追いがひどい",
      "死亡届の出し方", "I want to diet", "food bank near me", "my phone died",
      "Help me find a job", "今日は暑い", "こんにちは", "老人ホームにいる母のこと",
      "ビルの清掃の仕事", "薬をたくさん飲んでいる", "包丁がない", "気持ちを切り替えたい",
      "眠れない", "わたしのうちは貧乏です", "宿題を全部終わらせたい", "人生相談したい", "odor",
      "ホームにいる", "自分を変えたい", "ケアリーバーです", "ストレスで胃が痛い",
      "借金の取り立てがきつい", "生きづらい", "ペットが死んじゃった", "消しゴムが消えた",
      "夫婦げんかが多い", "首が痛い", "手首が痛い", "腕を骨折した", "料理用の包丁",
      "駅のホームで倒れた", "飛び込み営業がつらい", "薬が切れた", "I got hit by a car",
      "this job is killing me", "killing time", "借金の取り立てが怖い", "夜道が怖い", "地震が怖い",
      "助けてほしい", "たすけてください", "首になった", "上司に怒鳴られる", "死亡保険について",
      "DVDが見たい", "子どもが言うことを聞かない");
  CAPTURE(text);
  const auto r = bundled().check(text);
  INFO("rule " << r.rule_id);
  CHECK_FALSE(r.hit());
}

TEST_CASE("Crisis: immediate danger is told apart from a wish", "[intents]") {
  SECTION("wish, not now") {
    auto text = GENERATE(as<std::string>{}, "死にたい", "消えたい", "飛び降りたい",
                         "DVを受けている", "殴られた", "リスカしてしまう");
    CAPTURE(text);
    const auto r = bundled().check(text);
    CHECK(r.hit());
    CHECK_FALSE(r.immediate_danger);
  }
  SECTION("now") {
    auto text = GENERATE(as<std::string>{}, "今から飛び降りる", "薬を大量に飲んだ", "殴られてる",
                         "刺された", "殺される", "怖い、助けて");
    CAPTURE(text);
    CHECK(bundled().check(text).immediate_danger);
  }
}

TEST_CASE("Crisis: both kinds fire and the most urgent leads", "[intents]") {
  const auto r = bundled().check("夫に殴られて、もう死にたい");
  CHECK(r.kind == CrisisKind::kSuicide);
  CHECK(r.also == CrisisKind::kViolence);
  const auto now = bundled().check("死にたい、今夫に殴られてる");
  CHECK(now.kind == CrisisKind::kViolence);
  CHECK(now.immediate_danger);
  CHECK(now.also == CrisisKind::kSuicide);
  CHECK(bundled().check("死にたい").also == CrisisKind::kNone);
}

TEST_CASE("Crisis: empty, emoji-only and invalid input is not a crisis", "[intents]") {
  auto text = GENERATE(as<std::string>{}, "", "😢😢", "\xff\xfe\xfd", "。。。");
  CAPTURE(text);
  const auto r = bundled().check(text);
  CHECK_FALSE(r.hit());
  CHECK(r.rule_id.empty());
  CHECK(bundled().check("死に\xffたい").hit());
}

TEST_CASE("Crisis: a custom rule file loads and reports the rule id", "[intents]") {
  const std::string tsv =
      "# comment\r\n"
      "\n"
      "a\tsuicide\tno\tfoo\r\n"
      "b\tviolence\tyes\tbar\n";
  auto r = CrisisDetector::load(tsv, "mem.tsv");
  REQUIRE(r.ok());
  const auto hit = r.value()->check("ＦＯＯ");
  CHECK(hit.kind == CrisisKind::kSuicide);
  CHECK(hit.rule_id == "a");
  CHECK_FALSE(hit.immediate_danger);
  CHECK(r.value()->check("xbarx").immediate_danger);
  CHECK_FALSE(r.value()->check("baz").hit());
}

TEST_CASE("Crisis: a bad rule file is an error naming source, line and rule", "[intents]") {
  auto [tsv, expected] = GENERATE(table<std::string, std::string>({
      {"a\tsuicide\tno\t(unclosed\n", "rules.tsv:1: rule 'a': bad pattern: missing )"},
      {"# c\na\tsuicide\tno\tok\nb\tsuicide\tno\t[z-a]\n", "rules.tsv:3: rule 'b': bad pattern"},
      {"a\tsuicide\tno\n", "rules.tsv:1: expected 4 TAB-separated fields, got 3"},
      {"a\tsuicide\tno\tx\textra\n", "rules.tsv:1: expected 4 TAB-separated fields, got 5"},
      {"a\tsad\tno\tx\n", "rules.tsv:1: rule 'a': kind must be suicide or violence, got 'sad'"},
      {"a\tsuicide\tmaybe\tx\n", "rules.tsv:1: rule 'a': immediate must be yes, no or check"},
      {"a\tsuicide\tno\tx\na\tsuicide\tno\ty\n", "rules.tsv:2: duplicate rule id 'a'"},
      {"\tsuicide\tno\tx\n", "rules.tsv:1: empty rule id"},
      {"a\tsuicide\tno\t\n", "rules.tsv:1: rule 'a': empty pattern"},
      {"a\tsuicide\tno\tx|\n", "rules.tsv:1: rule 'a': pattern matches empty text"},
      {"a\tsuicide\tno\tシニタイ\n", "rules.tsv:1: rule 'a': katakana in pattern"},
      {"a\tsuicide\tno\t\xff\n", "rules.tsv:1: invalid UTF-8"},
      {"a\tsuicide\tno\t\bkill\n", "rules.tsv:1: control character in line"},
      {"# only comments\n\n", "rules.tsv: no rules"},
  }));
  CAPTURE(tsv);
  auto r = CrisisDetector::load(tsv, "rules.tsv");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code() == shirube::ErrorCode::kInvalidArgument);
  CHECK_THAT(r.error().message(), Catch::Matchers::StartsWith(expected));
}

TEST_CASE("Crisis: check is safe from several threads at once", "[intents]") {
  const CrisisDetector& d = bundled();
  std::vector<std::thread> threads;
  std::vector<int> caught(4, 0);
  for (std::size_t t = 0; t < caught.size(); ++t) {
    threads.emplace_back([&d, &caught, t] {
      for (int i = 0; i < 200; ++i) {
        if (d.check(i % 2 == 0 ? "ｼﾆﾀｲ" : "殴られてる").hit())
          ++caught[t];
        if (d.check("ご飯がない").hit())
          --caught[t];
      }
    });
  }
  for (auto& th : threads)
    th.join();
  for (int c : caught)
    CHECK(c == 200);
}

TEST_CASE("Crisis: the wish to die and danger now are caught in nine other languages",
          "[intents]") {
  struct Case {
    const char* text;
    CrisisKind kind;
  };
  const Case cases[] = {
      {"我真的很想死", CrisisKind::kSuicide},
      {"活不下去了，想结束自己的生命", CrisisKind::kSuicide},
      {"我不想活了，想輕生", CrisisKind::kSuicide},
      {"너무 힘들어서 죽고 싶어요", CrisisKind::kSuicide},
      {"살고 싶지 않아", CrisisKind::kSuicide},
      {"Em muốn chết lắm rồi", CrisisKind::kSuicide},
      {"toi khong muon song nua", CrisisKind::kSuicide},
      {"Não quero mais viver", CrisisKind::kSuicide},
      {"Estou pensando em suicídio", CrisisKind::kSuicide},
      {"Ya no quiero vivir, quiero morirme", CrisisKind::kSuicide},
      {"Gusto ko nang mamatay", CrisisKind::kSuicide},
      {"ayoko nang mabuhay", CrisisKind::kSuicide},
      {"मलाई मर्न मन लाग्यो", CrisisKind::kSuicide},
      {"ma atmahatya garchu", CrisisKind::kSuicide},
      {"Aku pengen mati aja", CrisisKind::kSuicide},
      {"saya mau bunuh diri", CrisisKind::kSuicide},
      {"我老公打我，我很害怕", CrisisKind::kViolence},
      {"남편이 저를 때려요", CrisisKind::kViolence},
      {"Chồng đánh tôi", CrisisKind::kViolence},
      {"Meu marido me bate", CrisisKind::kViolence},
      {"Mi esposo me golpea", CrisisKind::kViolence},
      {"Binubugbog ako ng asawa ko", CrisisKind::kViolence},
      {"Suami saya memukul saya, ini kekerasan", CrisisKind::kViolence},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto r = bundled().check(c.text);
    CHECK(r.hit());
    CHECK((r.kind == c.kind || r.also == c.kind));
  }
}

TEST_CASE("Crisis: ordinary requests in other languages do not trigger", "[intents]") {
  auto text = GENERATE(as<std::string>{}, "我想找工作", "我没有钱吃饭", "집을 찾고 있어요",
                       "병원에 가고 싶어요", "Tôi cần tìm việc làm",
                       "Preciso de ajuda com o aluguel", "Necesito comida para mis hijos",
                       "Kailangan ko ng trabaho", "मलाई काम चाहियो", "Saya butuh bantuan makanan",
                       "Morri de rir com esse vídeo", "La película de terror me mató de miedo");
  CAPTURE(text);
  const auto r = bundled().check(text);
  INFO("rule " << r.rule_id);
  CHECK_FALSE(r.hit());
}

TEST_CASE("Crisis: a check rule asks, and a crisis rule firing too wins", "[intents]") {
  auto d = CrisisDetector::load(
      "c1\tsuicide\tcheck\tきえたいかも\n"
      "c2\tsuicide\tno\tしにたい\n",
      "rules.tsv");
  REQUIRE(d.ok());
  const auto ask = (*d)->check("きえたいかも");
  CHECK(ask.level == RiskLevel::kCheck);
  CHECK(ask.ask());
  CHECK_FALSE(ask.hit());
  CHECK(ask.rule_id == "c1");
  const auto both = (*d)->check("きえたいかも、しにたい");
  CHECK(both.level == RiskLevel::kCrisis);
  CHECK(both.rule_id == "c2");
}

TEST_CASE("Crisis: a wish named to deny it, or a past told as over, is asked about", "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  for (const char* text :
       {"死にたいとかは全然ないです。ただ最近眠れなくて",
        "別に死にたいとかじゃないけど、ちょっと疲れた", "死にたいわけじゃないんです",
        "前はよく死にたいって思ってたけど、今はカウンセリング通って落ち着いてる",
        "以前DVを受けていて、今は別居しています"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level == RiskLevel::kCheck);
  }
  // The wish itself, or one that is back, keeps the crisis answer.
  for (const char* text :
       {"死にたい", "昔は死にたかった。今もまた死にたい", "死にたくないけど、もう死ぬしかない"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level == RiskLevel::kCrisis);
  }
}

TEST_CASE("Crisis: a set phrase said laughing in another language is asked about", "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  CHECK((*detector)->check("시험 망해서 죽고 싶다 ㅋㅋㅋ 아 배고파").level == RiskLevel::kCheck);
  CHECK((*detector)->check("I want to die lol").level == RiskLevel::kCheck);
  CHECK((*detector)->check("I want to die").level == RiskLevel::kCrisis);
  CHECK((*detector)->check("죽고 싶어요").level == RiskLevel::kCrisis);
  // A word that only starts like laughter is not laughter.
  CHECK((*detector)->check("I want to die, lollipop").level == RiskLevel::kCrisis);
  CHECK((*detector)->check("I want to die hahaha").level == RiskLevel::kCheck);
}

TEST_CASE("Crisis: suicide named as a subject of study or news in another language is asked about",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  for (const char* text :
       {"I'm doing research on suicide rates among young people in Tokyo",
        "자살 통계를 찾고 있어요. 한국이랑 일본 비교하려고요", "我在写一篇关于自杀预防的论文",
        "Estou fazendo uma pesquisa sobre suicídio entre idosos"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level == RiskLevel::kCheck);
  }
  // A student's own wish is not a subject of study.
  CHECK((*detector)->check("I'm a student and I want to kill myself").level == RiskLevel::kCrisis);
}

TEST_CASE("Crisis: an overdose written in kana or with a medicine's name is a crisis",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  for (const char* text : {"くすり一箱ぜんぶのんじゃった", "さっきデパスを全部のんだ",
                           "パブロン一瓶飲んだ。ふわふわする"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level == RiskLevel::kCrisis);
  }
  for (const char* text : {"のんびりしたい", "好きこのんでやってるわけじゃない",
                           "ロキソニン飲んだら頭痛おさまった", "ブロンズ像を見に行った"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level != RiskLevel::kCrisis);
  }
}

TEST_CASE("Crisis: a past told as over some years ago is at most asked about", "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  CHECK((*detector)->check("5年前に死のうとしたことがある。今は元気に働いてる").level ==
        RiskLevel::kCheck);
  CHECK((*detector)->check("昔はリスカしてた。今はもう平気").level == RiskLevel::kCheck);
}

TEST_CASE("Crisis: no will to live, said in another language, is asked about", "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  for (const char* text :
       {"Life feels pointless since I moved here",
        "No tengo ganas de vivir desde que me despidieron", "사는 게 무슨 의미가 있나 싶어요",
        "Minsan naiisip ko walang kwenta ang buhay ko", "一个人在日本，活着有什么意思呢",
        "Hidup saya tidak ada artinya lagi", "Sống để làm gì nữa đây",
        "Não tenho mais vontade de viver"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level >= RiskLevel::kCheck);
  }
  // Living told as good: the rules find nothing (the risk model, retrained with every round,
  // may still ask about a short line that shares its words with the worried ones; how often
  // it asks about everyday messages is measured on everyday_heldout.txt).
  for (const char* text : {"사는 게 재밌어요 요즘", "Tengo ganas de vivir en Tokio",
                           "Buhay estudyante sa Japan, masaya naman"}) {
    CAPTURE(text);
    CHECK(rules_only().check(text).level == RiskLevel::kNone);
    CHECK((*detector)->check(text).level != RiskLevel::kCrisis);
  }
}

TEST_CASE("Crisis: harm told as over, only denied, a fright or a subject is asked about",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::CrisisKind;
  using shirube::intents::RiskLevel;
  for (const char* text :
       {"小学生の頃、母に叩かれてました。今は一人暮らしで平気です",
        "去年まで彼氏に殴られてた。もう別れて離れて暮らしてる",
        "今は友達の家に避難していて安全です。DVの相談窓口を知りたい",
        "叩かれはしないけど、毎日怒鳴られる", "上司に詰められて殺されるかと思ったわ",
        "ドラマのDVのシーンがつらかった"}) {
    CAPTURE(text);
    const auto r = (*detector)->check(text);
    CHECK(r.level == RiskLevel::kCheck);
    CHECK_FALSE(r.immediate_danger);
  }
  // Harm now, again, with fear or being kept in keeps the crisis answer.
  for (const char* text :
       {"今、夫に殴られた。安全な場所はありますか", "昔も殴られてた。昨日もまた殴られた",
        "前に殴られたことがある元夫が家の前にいて怖い", "彼に部屋に閉じ込められて出られない",
        "父が家から出してくれない"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level == RiskLevel::kCrisis);
  }
}

TEST_CASE("Crisis: staying in by oneself is not being kept in", "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::CrisisKind;
  using shirube::intents::RiskLevel;
  for (const char* text :
       {"もう2年も部屋から出てない。親にも会ってない", "家から出ずに人と話さない仕事を探してる"}) {
    CAPTURE(text);
    const auto r = (*detector)->check(text);
    CHECK_FALSE((r.level == RiskLevel::kCrisis && r.kind == CrisisKind::kViolence));
  }
}

TEST_CASE("Crisis: bleeding told in hiragana is a crisis now", "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  const auto r = (*detector)->check("うでを きった。ちが とまらないよ");
  CHECK(r.level == RiskLevel::kCrisis);
  CHECK(r.immediate_danger);
  // ちがう stays "wrong": the rules find nothing (the risk model may ask about a short line).
  CHECK(rules_only().check("それはちがうとおもう").level == RiskLevel::kNone);
  CHECK((*detector)->check("それはちがうとおもう").level != RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: someone else's words passed on, or self-harm in a teacher's training, is asked about",
    "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  for (const char* text : {"後輩が「死にたい」ってメッセージ送ってきた。どう返せばいい？",
                           "中学の教員です。生徒のリストカットについての研修はありますか"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level == RiskLevel::kCheck);
  }
}

TEST_CASE("Crisis: Tohoku voicing, an insulin overdose and becoming a burden are read",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::CrisisKind;
  using shirube::intents::RiskLevel;
  const auto raging = (*detector)->check("おとうが酔って暴れでる。かあさん倒れで動がね");
  CHECK(raging.level == RiskLevel::kCrisis);
  CHECK(raging.kind == CrisisKind::kViolence);
  CHECK((*detector)->check("インスリンを多めに打った").level == RiskLevel::kCrisis);
  CHECK((*detector)->check("もう家族のお荷物になるだけだ").level >= RiskLevel::kCheck);
  CHECK((*detector)->check("내가 사라져도 아무도 슬퍼하지 않을 거야").level >= RiskLevel::kCheck);
  // Denied with たり, or a grandparent's saying quoted: not the crisis answer.
  CHECK((*detector)->check("叩かれたりはしないけど、毎日無視される").level != RiskLevel::kCrisis);
  CHECK((*detector)
            ->check("ばあちゃんの口ぐせは「早よ死にたいわ」やけど毎日元気に畑に出とる")
            .level != RiskLevel::kCrisis);
}

TEST_CASE("Crisis: 'better off without me' is asked about in other languages", "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  for (const char* text :
       {"Todos estariam melhores sem mim aqui", "Mi familia estaría mejor sin mí",
        "Keluarga saya lebih baik tanpa saya", "Nhà mình sẽ tốt hơn nếu không có mình",
        "Mas mabuti kung wala ako dito", "나 없으면 우리 가족이 더 편할 거야"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level >= RiskLevel::kCheck);
  }
}

TEST_CASE("Crisis: a fear of doing it tonight is a crisis and a death of standing is not",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::CrisisKind;
  using shirube::intents::RiskLevel;
  CHECK((*detector)->check("もう限界。今夜こそ本当にやってしまいそう").level == RiskLevel::kCrisis);
  const auto waiting = (*detector)->check("前夫一直在公司外面等我，说要把我带走");
  CHECK(waiting.level == RiskLevel::kCrisis);
  CHECK(waiting.kind == CrisisKind::kViolence);
  CHECK((*detector)->check("このミスがバレたら社会的に死ぬ").level != RiskLevel::kCrisis);
  CHECK((*detector)->check("死ぬ気で高いところの仕事も探してます").level != RiskLevel::kCrisis);
}

TEST_CASE("Crisis: no reason to carry on, and someone breaking the door now, in English and Korean",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::CrisisKind;
  using shirube::intents::RiskLevel;
  CHECK((*detector)->check("honestly i don't see the point of going on here").level >=
        RiskLevel::kCheck);
  CHECK((*detector)->check("여기서 살아갈 이유를 모르겠어").level >= RiskLevel::kCheck);
  const auto door = (*detector)->check("he is pounding on the door and says he will kick it in");
  CHECK(door.level == RiskLevel::kCrisis);
  CHECK(door.kind == CrisisKind::kViolence);
  CHECK(door.immediate_danger);
}

TEST_CASE("Crisis: a message written all in katakana is read like one in hiragana", "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  // Half and full width: the meaning layer and the risk model read them in hiragana, so
  // they get what the same words in hiragana get (before, both were missed).
  const std::pair<const char*, const char*> pairs[] = {
      {"コノママ オワリニシタイ", "このまま おわりにしたい"},
      {"ｺﾝﾔ ﾋﾓ ﾖｳｲ ｼﾀ", "こんや ひも ようい した"},
      {"ﾓｳ ｲｷﾃｲﾀｸﾅｲ", "もう いきていたくない"}};
  for (const auto& [katakana, hiragana] : pairs) {
    CAPTURE(katakana);
    const auto level = (*detector)->check(katakana).level;
    CHECK(level >= RiskLevel::kCheck);
    CHECK(level == (*detector)->check(hiragana).level);
  }
  // A loanword in katakana inside an ordinary sentence is read as it was.
  CHECK((*detector)->check("アルバイトのシフトを減らしたい").level == RiskLevel::kNone);
}

TEST_CASE("Crisis: a wish from school days told as over, and a survivor's lost meaning, are asked",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  // A time of life (高校の時) is a past like 昔 or 当時: with a calm present, asked, not the
  // crisis answer; with a plan now, still a crisis.
  const auto over = (*detector)->check("高校の時は死にたいと思ってたけど、今はけっこう楽しいよ");
  CHECK(over.level == RiskLevel::kCheck);
  CHECK((*detector)->check("高校の時から死にたかった。今夜ロープを用意した").level ==
        RiskLevel::kCrisis);
  // 生き残る is living: no meaning in having survived is asked about.
  CHECK((*detector)->check("事故で自分だけ生き残った意味がわからない").level >= RiskLevel::kCheck);
}

TEST_CASE("Crisis: standing at a platform or a roof and drawn to step off, in Chinese",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  for (const char* text : {"我在天台上，好想跳下去", "站在站台边上，总想往前走"}) {
    CAPTURE(text);
    const auto r = (*detector)->check(text);
    CHECK(r.level == RiskLevel::kCrisis);
    CHECK(r.immediate_danger);
  }
  CHECK((*detector)->check("在天台上看日落，很美").level != RiskLevel::kCrisis);
}

TEST_CASE("Crisis: dying weighed (死のうかと), said in Tohoku speech or as going off to vanish",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  // か before と思う after a will (死のう) weighs it; after a plain verb (死ぬかと思った) it is a
  // fright. べ is the northern let's / I will. 消えてくる, 死んでくる: going off to do it.
  for (const char* text : {"息子を連れて一緒に死のうかと思ってる", "もう海さ入って死ぬべと思う",
                           "みんなごめん、ちょっと消えてくる"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level == RiskLevel::kCrisis);
  }
  CHECK((*detector)->check("激辛ラーメン食べて死ぬかと思った").level != RiskLevel::kCrisis);
  CHECK((*detector)->check("明日も雪かきだべ、腰が死ぬべ笑").level != RiskLevel::kCrisis);
}

TEST_CASE("Crisis: never coming back is asked about, and with a goodbye it is a crisis",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  CHECK((*detector)->check("もう二度とここには戻らないつもり").level >= RiskLevel::kCheck);
  CHECK((*detector)->check("今まで本当にありがとう。もう戻らないつもりです").level ==
        RiskLevel::kCrisis);
  CHECK((*detector)->check("今日は実家に帰らないつもり").level != RiskLevel::kCrisis);
}

TEST_CASE("Crisis: heat, cold or tiredness 'to death' in Vietnamese and Indonesian", "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  for (const char* text : {"lạnh quá muốn chết luôn, Sapporo tuyết nhiều ghê",
                           "ngantuk banget mau mati, kerja shift malam terus"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level != RiskLevel::kCrisis);
  }
  // The wish itself, or the figure beside another signal, is still caught.
  CHECK((*detector)->check("em mệt mỏi lắm, em muốn chết").level == RiskLevel::kCrisis);
  CHECK((*detector)->check("capek banget pengen mati, hidup ini gak ada artinya").level >=
        RiskLevel::kCheck);
}

TEST_CASE("Crisis: a bare しぬ after good news is hyperbole, after exhaustion it is not",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  // IPADIC reads a bare しぬ as する + ぬ; it is read as 死ぬ at the end of a phrase.
  CHECK((*detector)->check("推しの握手会当選した!!しぬ!!").level != RiskLevel::kCrisis);
  CHECK((*detector)->check("もう疲れた。しぬ").level == RiskLevel::kCrisis);
  CHECK((*detector)->check("しぬ").level == RiskLevel::kCrisis);
}

TEST_CASE("Crisis: a wish every day in school days, told as over, is asked", "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  // 毎日 inside a past (中学のとき…思ってた) belongs to that past; 毎日 now is still a crisis.
  CHECK((*detector)->check("中学のとき毎日消えたいって思ってた。今は仕事も楽しい").level ==
        RiskLevel::kCheck);
  CHECK((*detector)->check("毎日死にたい").level == RiskLevel::kCrisis);
  CHECK((*detector)->check("前は平気だったのに、また毎日死にたいって思ってる").level ==
        RiskLevel::kCrisis);
}

TEST_CASE("Crisis: a breakup is not a goodbye, and a client's words are not the writer's wish",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  CHECK((*detector)->check("恋人と別れて、話せる人がいない。集まれる場所ってある?").level !=
        RiskLevel::kCrisis);
  CHECK((*detector)->check("みんなに別れを告げた。もう疲れた").level == RiskLevel::kCrisis);
  CHECK((*detector)
            ->check("利用者さんが「消えたい」とよく口にされます。どう声をかけたらいいですか")
            .level == RiskLevel::kCheck);
}

TEST_CASE("Crisis: no reason or meaning in living, in Chinese, Korean, Portuguese and Spanish",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  for (const char* text :
       {"每天加班，活着到底有什么意思", "이제 살 이유를 모르겠다",
        "não vejo mais sentido em viver aqui", "ya no encuentro razón para vivir"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level >= RiskLevel::kCheck);
  }
}

TEST_CASE("Crisis: dying with a plan and a time now, or as what one should do, is a crisis",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  // 実行 and 決行 are a plan; with 今夜 and a die word in the sentence, the crisis answer.
  const auto tonight = (*detector)->check("家族には悪いけど、死ぬのは今夜決行する");
  CHECK(tonight.level == RiskLevel::kCrisis);
  CHECK(tonight.immediate_danger);
  // べき: what one should do (死ぬべき), like 死ぬしかない.
  CHECK((*detector)->check("あの子を救えなかった私も死ぬべきなんだ").level == RiskLevel::kCrisis);
  // A bare "jump" as the whole message is asked about; running off from a shift is not.
  CHECK((*detector)->check("もう飛ぼうかな").level == RiskLevel::kCheck);
  CHECK((*detector)->check("明日のバイト、店長うざいから飛ぶかも").level != RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: strangling written in kana (しめる), and someone at the door with the police in mind",
    "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::CrisisKind;
  using shirube::intents::RiskLevel;
  const auto choke = (*detector)->check("兄がお母さんの首をしめてる、たすけて");
  CHECK(choke.level == RiskLevel::kCrisis);
  CHECK(choke.kind == CrisisKind::kViolence);
  const auto door =
      (*detector)->check("別れた夫が玄関の前にずっといる。警察に電話したほうがいい？");
  CHECK(door.level == RiskLevel::kCrisis);
  CHECK(door.immediate_danger);
}

TEST_CASE("Crisis: a story's rooftop scene and a school play are subjects, not the writer's",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  CHECK((*detector)
            ->check("映画のラストで主人公が屋上から飛び降りようとする演出、賛否あるよね")
            .level != RiskLevel::kCrisis);
  CHECK((*detector)->check("文化祭の演劇の台本に自殺の場面がある。配慮すべき点は？").level !=
        RiskLevel::kCrisis);
  // The writer on a roof is still the crisis answer.
  CHECK((*detector)->check("いま屋上にいる。飛び降りようと思う").level == RiskLevel::kCrisis);
}

TEST_CASE("Crisis: the brink in English, and the wish in other tenses in Portuguese and Spanish",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  const auto edge = (*detector)->check("I'm on the bridge right now, thinking of jumping");
  CHECK(edge.level == RiskLevel::kCrisis);
  CHECK(edge.immediate_danger);
  for (const char* text :
       {"meu irmão disse que queria morrer", "mi amiga dice que quisiera morirse"}) {
    CAPTURE(text);
    CHECK((*detector)->check(text).level == RiskLevel::kCrisis);
  }
  // Research on the subject in romaji is asked about, not answered.
  CHECK((*detector)->check("ronbun de jisatsu no toukei wo shirabete imasu").level !=
        RiskLevel::kCrisis);
}

TEST_CASE("Crisis: a household poison already drunk and a gas tap about to be opened",
          "[intents]") {
  static const auto detector = shirube::intents::CrisisDetector::load_bundled();
  REQUIRE(detector.ok());
  using shirube::intents::RiskLevel;
  for (const char* text :
       {"さっき漂白剤を少し飲んだ。のどが痛い", "農薬のんじゃった", "tomei veneno de rato",
        "bebí cloro hace un rato", "i swallowed some drain cleaner", "我刚刚从阳台跳下去了",
        "喝了农药，好难受"}) {
    CAPTURE(text);
    const auto hit = (*detector)->check(text);
    CHECK(hit.level == RiskLevel::kCrisis);
    CHECK(hit.immediate_danger);
  }
  CHECK((*detector)->check("もうガスの栓あけようかな。全部終わりにしたい").level ==
        RiskLevel::kCrisis);
  // A question about what would happen, and a gas tap left open by mistake, are not acts.
  CHECK((*detector)->check("洗剤を飲んだらどうなるか気になる").level != RiskLevel::kCrisis);
  // (The rules find nothing; the risk model, retrained with every round, may ask.)
  CHECK(rules_only().check("ガスの元栓閉め忘れてた、危なかった").level == RiskLevel::kNone);
  CHECK((*detector)->check("ガスの元栓閉め忘れてた、危なかった").level != RiskLevel::kCrisis);
  // 去年の今頃 is a time in the past, not now.
  CHECK_FALSE((*detector)->check("去年の今頃は死のうと思ってた。今は元気です").immediate_danger);
}

TEST_CASE("Crisis: a medicine by its brand, the act and a time alone, and buying a means are read",
          "[intents]") {
  const CrisisDetector& d = bundled();
  // An overdose told by the medicine's brand name, not the word 薬.
  for (const char* text : {"彼女がレキソタンを全部飲んじゃったみたい。呼んでも起きない",
                           "母がソラナックスをまとめて飲んだ"}) {
    CAPTURE(text);
    CHECK(d.check(text).level == RiskLevel::kCrisis);
    CHECK(d.check(text).immediate_danger);
  }
  // The act and a time now, nothing else said: asked at least.
  CHECK(d.check("今から飛びます").level >= RiskLevel::kCheck);
  CHECK(d.check("今から切ります").level >= RiskLevel::kCheck);
  // A means bought and a time: buying is not a household use of it.
  CHECK(d.check("ホームセンターで練炭買った。今夜やる").level == RiskLevel::kCrisis);
  // Cooking with it is.
  CHECK(d.check("七輪で焼肉したい、練炭どこで買える？").level == RiskLevel::kNone);
}

TEST_CASE("Crisis: dying as a measure, of the cold or said laughing, and an abbreviation glossed",
          "[intents]") {
  const CrisisDetector& d = bundled();
  for (const char* text :
       {"消えたいってくらい恥ずかしい", "寒さで死ぬべ、今日は鍋だな", "寝癖ひどすぎて死ぬ ワロタ",
        "昨日の会議、部長のギャグで死んだ 爆笑", "OD（オーバードライブ）のつまみを上げた"}) {
    CAPTURE(text);
    CHECK(d.check(text).level == RiskLevel::kNone);
  }
  // The gloss is read as written: an overdose glossed is an overdose.
  CHECK(d.check("OD（オーバードーズ）しちゃった").level == RiskLevel::kCrisis);
  // A wish that comes from an everyday state is asked about, not answered as a crisis.
  CHECK(d.check("暑すぎて消えたい").level == RiskLevel::kCheck);
  // Pain beside it keeps it a crisis.
  CHECK(d.check("つらすぎて消えたい").level == RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: a wish or harm told in the past against 今は is asked, harm coming tonight is not",
    "[intents]") {
  const CrisisDetector& d = bundled();
  for (const char* text :
       {"一昨年は毎晩死にたかった。今はバイトも楽しい", "前は消えたかったけど今は違う",
        "おととし元夫に付きまとわれてた。今は引っ越して連絡もない"}) {
    CAPTURE(text);
    CHECK(d.check(text).level == RiskLevel::kCheck);
  }
  // Told by a teacher or a neighbour, harm with a time now stays a crisis.
  for (const char* text : {"生徒から「今夜母親に殴られる」と相談された",
                           "隣の子が「今日帰ったらお父さんに殺される」って泣いてる"}) {
    CAPTURE(text);
    CHECK(d.check(text).level == RiskLevel::kCrisis);
    CHECK(d.check(text).kind == CrisisKind::kViolence);
  }
  // つける in a bill attaches a charge; on the way home it is being followed.
  CHECK(d.check("請求書見たら知らない手数料をつけられてた").level == RiskLevel::kNone);
  CHECK(d.check("帰り道ずっと男につけられてる").level == RiskLevel::kCrisis);
  // 止まらない is going on; a romaji 時間勤務 is not 監禁.
  CHECK(d.check("リスカが止まらない").level == RiskLevel::kCrisis);
  CHECK(d.check("kyou 12jikan kinmu datta. tsukareta").level != RiskLevel::kCrisis);
}

TEST_CASE("Crisis: a danger told as over in Chinese, English and Portuguese is asked about",
          "[intents]") {
  const CrisisDetector& d = bundled();
  for (const char* text :
       {"我妹妹以前想自杀，现在好多了，我想知道怎么继续陪她",
        "My friend used to self-harm but she's doing better now. How can I support her?",
        "Meu irmão tentou suicídio há alguns anos, agora está bem. Onde posso aprender a "
        "apoiar?"}) {
    CAPTURE(text);
    CHECK(d.check(text).level == RiskLevel::kCheck);
  }
  CHECK(d.check("我现在就想自杀").level == RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: dying said and then out of reach, a quoted threat tonight, and death asked to come",
    "[intents]") {
  const CrisisDetector& d = bundled();
  // Someone says they will die, and then cannot be reached.
  CHECK(d.check("父が「もう終わりにする」と言って出て行った。電話がつながらない").level ==
        RiskLevel::kCrisis);
  // A death grieved and a relative out of reach is not that.
  CHECK(d.check("祖父が亡くなって三日、叔父と連絡がとれない").level == RiskLevel::kNone);
  // A threat in quotes with a time now.
  const auto threat = d.check("夫に「今夜殺してやる」と言われた");
  CHECK(threat.level == RiskLevel::kCrisis);
  CHECK(threat.kind == CrisisKind::kViolence);
  // 殺す気で is an idiom, like 死ぬ気で.
  CHECK(d.check("監督に「殺す気でいけ」と言われた").level != RiskLevel::kCrisis);
  // Net and kana spellings: ひ for い, the jump in kana.
  CHECK(d.check("きえたひ…").level >= RiskLevel::kCheck);
  CHECK(d.check("これからとぶね").level >= RiskLevel::kCheck);
  // Kana dying before a degree is the figure, read as such.
  CHECK(d.check("しぬほどねむい").level == RiskLevel::kNone);
  CHECK(d.check("しにそうなくらい暑い").level == RiskLevel::kNone);
}

TEST_CASE("Crisis: a subject with no one at risk, attending, paying, nearly and stopped are read",
          "[intents]") {
  const CrisisDetector& d = bundled();
  // A subject of prevention or a story, with no one named who might be at risk: nothing to ask.
  CHECK(d.check("ドラマの自殺シーンの描写ってガイドラインある？").level == RiskLevel::kNone);
  CHECK(d.check("自殺防止の啓発ポスターを作る係になった").level == RiskLevel::kNone);
  // A pupil named is someone to ask about.
  CHECK(d.check("生徒が自殺をほのめかしてる、どう対応すれば").level >= RiskLevel::kCheck);
  // 出る as attending, 出す as paying, are not being kept in; a partner keeping one in is.
  CHECK(d.check("部活に出られない日が続いてる").level == RiskLevel::kNone);
  CHECK(d.check("親に学費を出してもらえない").level == RiskLevel::kNone);
  CHECK(d.check("彼氏に部屋から出してもらえない").level == RiskLevel::kCrisis);
  // Nearly hurt by a partner is harm; stopped for years is over.
  CHECK(d.check("元彼に刺されそうになった").level == RiskLevel::kCrisis);
  CHECK(d.check("昔リスカしてたけど、もう5年やってない").level == RiskLevel::kCheck);
  // 昔から with a wish now stays a crisis.
  CHECK(d.check("もう3年何もしてない。昔から死にたい").level == RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: other languages: a relative's 'if I disappear', a jump by train, media and laughter",
    "[intents]") {
  const CrisisDetector& d = bundled();
  CHECK(d.check("Mi hijo me dijo: si desaparezco nadie se va a dar cuenta").level >=
        RiskLevel::kCheck);
  CHECK(d.check("म आज राति रेलमा हाम फाल्छु").level == RiskLevel::kCrisis);
  // A drama's scene, and a wish said laughing, are asked at most.
  CHECK(d.check("이 드라마에서 자살 장면이 너무 많아요").level != RiskLevel::kCrisis);
  CHECK(d.check("Capek banget hari ini, pengen mati 🤣").level != RiskLevel::kCrisis);
}

TEST_CASE("Crisis: poison by name, dialect and romaji vanishing, and danger told of others abroad",
          "[intents]") {
  const CrisisDetector& d = bundled();
  check_crisis_now(d, {"ばあちゃんが殺鼠剤を飲んだって言ってる"});
  for (const char* text : {"もうよか。おらんごとなりたか", "jinsei goto reset shitai",
                           "Temanku bilang hidupnya tidak ada artinya"}) {
    CAPTURE(text);
    CHECK(d.check(text).level >= RiskLevel::kCheck);
  }
  for (const char* text : {"他喝醉了堵在门口不让我走", "老公说要弄死我",
                           "Mi amigo dice que se va a matar esta noche"}) {
    CAPTURE(text);
    CHECK(d.check(text).level == RiskLevel::kCrisis);
  }
}

TEST_CASE(
    "Crisis: thanks alone, Chinese read as Chinese, a first-aid course and a past left behind",
    "[intents]") {
  const CrisisDetector& d = bundled();
  // Thanks alone is not a goodbye; thanks with one still is.
  CHECK(d.check("ありがとう！").level == RiskLevel::kNone);
  CHECK(d.check("ありがと、じゃあね。今までほんとに").level >= RiskLevel::kCheck);
  // 累死了 is tired: the Japanese meaning layer does not read Chinese.
  CHECK(d.check("累死了，今天搬家").level == RiskLevel::kNone);
  // Learning first aid for self-harm is a subject.
  CHECK(d.check("救命講習でリストカットの手当てを習った").level == RiskLevel::kNone);
  // 飲み会 is not an act of drinking a means; a wrist cut with the wish, laughing, still is.
  CHECK(d.check("飲み会の自分、恥ずかしすぎて消えたい笑").level == RiskLevel::kNone);
  CHECK(d.check("手首切って死にたい笑").level == RiskLevel::kCrisis);
  // A past left behind (足を洗う) is asked about, not answered as a crisis.
  CHECK(d.check("若い頃は死んでもいいと思ってた。足洗って今は板前やってる").level ==
        RiskLevel::kCheck);
}

TEST_CASE("Crisis: a day of the week, a note left, a date marked, carrying it out, and pests",
          "[intents]") {
  const CrisisDetector& d = bundled();
  for (const char* text :
       {"薬を3週間分ためた。金曜にまとめて飲む", "母が「死んで償う」と書き置きを残していなくなった",
        "弟が死ぬって言ってて、日付まで決めてる"}) {
    CAPTURE(text);
    CHECK(d.check(text).level == RiskLevel::kCrisis);
  }
  CHECK(d.check("明日決行する").level >= RiskLevel::kCheck);
  CHECK(d.check("もう生きてる資格ない").level >= RiskLevel::kCheck);
  CHECK(d.check("Comprei carvão, vou fazer no carro hoje").level == RiskLevel::kCrisis);
  // Killing an insect is not violence; being treated like one still is.
  CHECK(d.check("ベランダのゴキブリ殺したい").level == RiskLevel::kNone);
  CHECK(d.check("ゴキブリみたいに夫に殴られる").level == RiskLevel::kCrisis);
}

TEST_CASE("Crisis: a poison swallowed in any amount, out of this world, a letter beside a rope",
          "[intents]") {
  const CrisisDetector& d = bundled();
  // A poison a compound noun MeCab splits (殺虫+剤), put in the mouth, however little.
  check_crisis_now(d, {"さっき殺虫剤をちょっとだけ口に含んだ"});
  CHECK(d.check("畑に除草剤をまいた").level != RiskLevel::kCrisis);
  // Not being in this world, said of oneself; someone else's death is told.
  CHECK(d.check("次の誕生日には、たぶん僕はもうこの世にいない").level == RiskLevel::kCrisis);
  CHECK(d.check("祖母はもうこの世にいないけど、よく思い出す").level != RiskLevel::kCrisis);
  // A letter beside a rope or charcoal is a goodbye prepared.
  CHECK(d.check("娘の机にひもと、家族あての手紙が置いてあった").level == RiskLevel::kCrisis);
  // Thoughts of one's own death that keep coming, and not knowing whether one is alive.
  for (const char* text :
       {"最近ずっと、死ぬことばかり考えてる", "自分が生きてるのか死んでるのか分からない",
        "Ninguém se importa se estou vivo ou morto", "Lelah sama semuanya",
        "살든 죽든 아무도 신경 안 써", "Estoy cansada de todo"}) {
    CAPTURE(text);
    CHECK(d.check(text).level >= RiskLevel::kCheck);
  }
}

TEST_CASE("Crisis: a cry for help alone is asked about, and paperwork, denials and dreams are read",
          "[intents]") {
  const CrisisDetector& d = bundled();
  CHECK(d.check("だれか　たすけて").level == RiskLevel::kCheck);
  CHECK(d.check("助けてください。家賃が払えません").rule_id != "m_help_alone");
  // A will or a policy asked about as paperwork.
  CHECK(d.check("自筆の遺言書の作り方を知りたいです").rule_id != "m_goodbye");
  CHECK(d.check("子どもが生まれたので生命保険の見直しを考えています").level != RiskLevel::kCrisis);
  CHECK(d.check("借金は生命保険で返すしかない").level == RiskLevel::kCrisis);
  // Violence denied (ことはない) or told as over, and someone else who does not come out.
  CHECK(d.check("夫から暴力を受けたことはありません。ただ無視されます").level !=
        RiskLevel::kCrisis);
  CHECK(d.check("妹が部屋から出てこなくなって半年。お盆はドアの外に置いてる").level !=
        RiskLevel::kCrisis);
  // An exam failed again and again is not an act; a dream, a gloss and scars of the past.
  CHECK(d.check("資格試験に何回も落ちてる").rule_id != "m_act_maybe");
  CHECK(d.check("電車に飛び込む夢を見た。夢占いだとどういう意味？").level != RiskLevel::kCrisis);
  CHECK(d.check("あのメールが見られたら死ぬ（社会的に）").level == RiskLevel::kNone);
  CHECK(d.check("昔のアムカの傷が目立つ。今はもうしてないけど半袖が着られない").level !=
        RiskLevel::kCrisis);
  // The writer's own job named is not a pupil at risk.
  CHECK(d.check("養護教諭です。自殺予防の研修資料を探しています").level == RiskLevel::kNone);
}

TEST_CASE("Crisis: waiting for death, dying but for someone, marks on the body and giving away",
          "[intents]") {
  const CrisisDetector& d = bundled();
  for (const char* text :
       {"もう八十八や。迎えはいつ来るんかのう", "この子がいなければ、とっくに死んでたと思う",
        "太もも引っかいて傷だらけ。やめられない", "大事にしてたカメラ、友達にあげた",
        "Nada mais importa depois que ela foi embora"}) {
    CAPTURE(text);
    CHECK(d.check(text).level >= RiskLevel::kCheck);
  }
  // Several goodbyes, one's own funeral named, and someone locked in, in Vietnamese.
  CHECK(d.check("「今度会うのは俺の葬式だな」と言い残して出て行った").level == RiskLevel::kCrisis);
  CHECK(d.check("Chủ nhà nhốt con bé trong phòng, không cho ăn").level == RiskLevel::kCrisis);
  // A cure that saved a life, a bruise from a fall, thanks received and being widowed are not.
  for (const char* text : {"あの時手術しなかったら死んでた", "転んで膝を打ってアザになった",
                           "先生からお礼の手紙が届いた", "夫に先立たれて三年になります"}) {
    CAPTURE(text);
    const auto r = d.check(text);
    CHECK(r.level != RiskLevel::kCrisis);
    CHECK(std::string(r.rule_id).rfind("m_", 0) != 0);  // no rule of the meaning layer
  }
}

TEST_CASE("Crisis: a means ordered, said as a relief by someone else, a bare act past undoing",
          "[intents]") {
  const CrisisDetector& d = bundled();
  for (const char* text :
       {"娘の検索履歴に「楽な方法」があって、通販で練炭を注文してた",
        "先輩が「銃があれば楽になれるのに」って言ってた", "飲んじゃった。もう手遅れ",
        "切った。深い", "今、港の防波堤にいる。もう全部どうでもいい",
        "Mi vecino bebió veneno para ratas, está vomitando",
        "Tadi aku sayat lengan, darahnya gak berhenti", "친구가 유서를 보내고 연락이 안 돼요"}) {
    CAPTURE(text);
    CHECK(d.check(text).level == RiskLevel::kCrisis);
  }
  CHECK(d.check("闇金の取り立てがきつい。生命保険、もう使えるはず").level >= RiskLevel::kCheck);
  // An outing, unemployment insurance, a late night, intent denied, a pet's last days and
  // parents' worry about after they are gone are not answered as a crisis.
  for (const char* text :
       {"東尋坊って観光で行く価値ある？", "失業保険ってすぐ出る？", "飲んだ。もう遅いから寝る",
        "死ぬ気はないです。借金の相談がしたい", "猫の最期は老衰で、家で看取れました",
        "私たちがいなくなったら、この子はどうやって暮らすのか。息子とは夕食だけ一緒です",
        "保険金が払われるまでの生活費どうしよう",
        "Mi esposo me grita, pero no me pega. ¿Es violencia?"}) {
    CAPTURE(text);
    CHECK(d.check(text).level != RiskLevel::kCrisis);
  }
}

TEST_CASE("Crisis: a roof tomorrow and being missed in Spanish, not being here in Chinese",
          "[intents]") {
  const CrisisDetector& d = bundled();
  CHECK(d.check("Ya no puedo, esta noche me tiro del puente").level == RiskLevel::kCrisis);
  for (const char* text : {"¿Alguien me extrañaría si ya no estuviera aquí?",
                           "要是我不在了，我妈怎么办", "would anyone notice if i just vanished",
                           "ばいばい", "じいちゃんが「もう生きとってもしょうがない」と言う"}) {
    CAPTURE(text);
    CHECK(d.check(text).level >= RiskLevel::kCheck);
  }
  // Goodbye until tomorrow, and charcoal for grilling fish, are not.
  CHECK(d.check("ばいばい、またね！").level == RiskLevel::kNone);
  CHECK(d.check("七輪で干物を焼くなら練炭と木炭どっち？").level != RiskLevel::kCrisis);
}

TEST_CASE("Crisis: going where one who died is, and death waited for early, are asked about",
          "[intents]") {
  const CrisisDetector& d = bundled();
  CHECK(d.check("夫が亡くなって一年。夫のそばに行きたいと思う夜がある").level >= RiskLevel::kCheck);
  CHECK(d.check("犬のポチが死んだ。ポチのところに行きたい。今夜行く").level == RiskLevel::kCrisis);
  CHECK(d.check("父が「早う迎えが来んかのう」とばかり言う").level >= RiskLevel::kCheck);
  // Visiting the living after a funeral is not.
  CHECK(d.check("祖父が亡くなった。明日は祖母のところに行く").rule_id != "m_goes_to_them");
}

TEST_CASE("Crisis: following one who died, going to them humbly, a roof sought, relief thanked",
          "[intents]") {
  const CrisisDetector& d = bundled();
  CHECK(d.check("妻が亡くなって三月。一周忌を待たずに後を追うつもりです").level ==
        RiskLevel::kCrisis);
  CHECK(d.check("母を亡くしました。今夜、母のもとへ参ります").level == RiskLevel::kCrisis);
  CHECK(d.check("鍵のかかってない屋上に行けるマンションってどこ？").level >= RiskLevel::kCheck);
  // Relief after talking is thanks; a cliff that fell in a storm is not a brink sought; a
  // chase is not following the dead.
  for (const char* text :
       {"話せて楽になりました。ありがとうございました",
        "大雨で裏の崖が崩れた。どこに避難すればいい？", "警察が犯人の後を追っている"}) {
    CAPTURE(text);
    CHECK(d.check(text).level != RiskLevel::kCrisis);
  }
}

TEST_CASE(
    "Crisis: someone found with a cord round the neck, and a will, a debt or pills of the dead",
    "[intents]") {
  const CrisisDetector& d = bundled();
  // Found collapsed or not moving with something round the neck: 119 first, whoever found them.
  check_crisis_now(d,
                   {"グループホームの入居者さんが、クローゼットでベルトを首にかけてぐったりしてる",
                    "兄が部屋で首にネクタイ巻いて動かないんです",
                    "デイサービスの利用者さんがトイレで首にタオルを巻いてぐったりしてる",
                    "担当の患者さんが病室で薬のシートを大量に散らかして、呼びかけても反応がない"});
  // Disappearing would be better, in Korean.
  for (const char* text : {"제가 사라지는 편이 다들 편할 거예요", "저 같은 건 없어지는 게 낫죠"}) {
    CAPTURE(text);
    CHECK(d.check(text).level >= RiskLevel::kCheck);
  }
  // One's own will, dying for a debt and a date for the pills stay crises.
  for (const char* text :
       {"父が亡くなった。私も遺書を書いて後を追う", "借金が返せない。死んで保険金で払う",
        "薬を全部飲む日をカレンダーに書いた"}) {
    CAPTURE(text);
    CHECK(d.check(text).level == RiskLevel::kCrisis);
  }
  // A towel worn at work is no emergency (the risk model may still ask about a neck and a
  // cord); the will or the debt of one who died, and a pill calendar, are nothing.
  CHECK(d.check("首にタオル巻いて畑仕事してる").level != RiskLevel::kCrisis);
  for (const char* text : {"祖母が亡くなって相続の手続き中。遺書の検認ってどこでするの？",
                           "叔父が死んだあと借金が見つかった。放棄はいつまで？",
                           "薬の飲み忘れが多いので、お薬カレンダーを用意した"}) {
    CAPTURE(text);
    CHECK(rules_only().check(text).level == RiskLevel::kNone);
    CHECK(d.check(text).level != RiskLevel::kCrisis);  // the risk model may ask
  }
}

TEST_CASE("Crisis: someone found not responding among pills or blood, in four languages",
          "[intents]") {
  const CrisisDetector& d = bundled();
  // Found collapsed, not waking or not answering, beside a means in quantity or blood, and the
  // act done by someone else in Portuguese, Spanish and Tagalog: 119 first.
  check_crisis_now(d, {"母の部屋に行ったら睡眠薬の空き箱がいっぱいあって、声かけても起きない",
                       "弟が手首から血を流してぐったりしてる",
                       "ルームメイトが薬を大量に飲んだみたいで、返事がない",
                       "Meu irmão tomou todos os comprimidos da minha mãe e está dormindo muito",
                       "Mi amiga se tomó todas sus pastillas y no despierta",
                       "Nilaslas ng pinsan ko ang pulso niya"});
  // Fading away where things are going, and not knowing how to go on living in Vietnamese,
  // are asked about.
  for (const char* text : {"誰とも話さない日が続いて、このまま消えてしまいそう",
                           "Mất việc rồi, em không biết sống tiếp ra sao"}) {
    CAPTURE(text);
    CHECK(d.check(text).level >= RiskLevel::kCheck);
  }
  // A finger cut cooking is no emergency (the risk model may still ask about a cut); first aid
  // asked about, melting ice cream, a father's will and an estate cleared after a death are
  // nothing.
  CHECK(d.check("Se cortó el dedo cocinando").level != RiskLevel::kCrisis);
  for (const char* text : {"熱中症で倒れた人を見たら何をすればいい？", "アイスが溶けて消えそう",
                           "父が遺言書を作りたいと言っている。公正証書遺言の費用は？",
                           "父の家を片付けたい。遺品整理の業者ってどう選べばいいですか"}) {
    CAPTURE(text);
    CHECK(d.check(text).level == RiskLevel::kNone);
  }
}

TEST_CASE("Crisis: an idiom beside a wish, bleeding found, medicine by brand, a woman locked in",
          "[intents]") {
  const CrisisDetector& d = bundled();
  // 死ぬまで beside a wish to end it; blood from an arm, found; a friend hanging in Korean;
  // cold medicine by brand, boxes "gone"; a woman locked in, a passport taken, in Spanish.
  for (const char* text :
       {"介護がこれから死ぬまで続くなら、自分で終わりにしたい", "娘が風呂場で腕から血を流してた",
        "아버지가 창고에서 목을 맨 채로 있어요", "ブロン3箱いった", "ドリエル1シートいった",
        "Mi vecino la encerró en el cuarto y no la deja salir", "Mi jefe me quitó el pasaporte"}) {
    CAPTURE(text);
    CHECK(d.check(text).level == RiskLevel::kCrisis);
  }
  // Not being around in English, and a boss who keeps touching, are asked about at least.
  for (const char* text :
       {"lately i keep thinking about not being around anymore", "店長が毎日体を触ってくる"}) {
    CAPTURE(text);
    CHECK(d.check(text).level >= RiskLevel::kCheck);
  }
  // A death registration handed in (出すんですか is a question, not being kept in), a past
  // told as over, the idiom alone and a phone taken away for grades are not crises; the
  // first and the idiom are nothing at all.
  for (const char* text : {"死亡届ってどこに出すんですか", "死ぬまでに一度は富士山に登りたい"}) {
    CAPTURE(text);
    CHECK(d.check(text).level == RiskLevel::kNone);
  }
  for (const char* text :
       {"前はリスカしてたけど、今はもうしてない", "Mi mamá me quitó el celular por las notas",
        "I won't be around this weekend, going to Osaka"}) {
    CAPTURE(text);
    CHECK(d.check(text).level != RiskLevel::kCrisis);
  }
}

TEST_CASE("Crisis: better gone for the family, and never waking, the dark back or an ex outside",
          "[intents]") {
  const CrisisDetector& d = bundled();
  // いなくなったほうが with any word of better after it; ending everything today in
  // Portuguese; never waking in Chinese; the dark coming back in English; everything
  // pointless in Nepali: asked about at least.
  for (const char* text : {"私がいなくなったほうが、みんな楽になると思う",
                           "僕がいなくなったほうが、会社も回るんだろうな",
                           "hoje vou acabar com tudo", "有时候想干脆睡着了就别醒了",
                           "the dark thoughts are coming back again", "मलाई सबै कुरा व्यर्थ लाग्छ"}) {
    CAPTURE(text);
    CHECK(d.check(text).level >= RiskLevel::kCheck);
  }
  // An ex-husband waiting downstairs: danger now, in Chinese.
  CHECK(d.check("前夫一直在我家樓下等，好怕").level == RiskLevel::kCrisis);
  // A reminder to wake early, a tie to knot and rain in the afternoon: the rules find nothing
  // (the risk model may ask about a short line; never the crisis answer).
  for (const char* text : {"别忘了明天早点醒", "ネクタイの結び方を教えて", "午後から雨らしい",
                           "朋友在楼下等我一起去吃饭"}) {
    CAPTURE(text);
    CHECK(rules_only().check(text).level == RiskLevel::kNone);
    CHECK(d.check(text).level != RiskLevel::kCrisis);
  }
}

TEST_CASE("Crisis: gone if so and things go well, a means gazed at, ending it after wide spaces",
          "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Gone, if so, with something good after it; a means gazed at; 終わりにする in hiragana
  // after the IME's wide spaces; a painless jump looked up in Chinese; better off with the
  // insurance than with me in English: the rules alone ask about them at least.
  for (const char* text :
       {"僕がいなくなれば家族は助かる", "あたしがいなくなったら、きっとみんな楽になるよね",
        "ロープをじっと見てる", "夜中に台所の包丁をずっと眺めてしまう",
        "あした　で　おわりに　します", "查了一下哪里跳下去不会痛",
        "they'd be better off with the payout than with me"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // A residence card taken by a partner, in Tagalog: danger from another person.
  const auto taken =
      rules.check("Kinuha ng asawa ko ang passport ko, kinuha niya ang residence card");
  CHECK(taken.level >= RiskLevel::kCheck);
  CHECK(taken.kind == CrisisKind::kViolence);
  // Someone else gone, a new knife admired while cooking: the rules find nothing.
  for (const char* text :
       {"彼がいなくなれば幸せになれるのに", "父がいなくなってから、家は平和になった",
        "新しい包丁を買って眺めてうっとり。料理が楽しみ"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
  // One prescribed tablet taken every night is not means gathered (it may still be asked
  // about); thirty are.
  CHECK(rules.check("医者に言われた通り、寝る前に眠剤を1錠飲んでいます").level !=
        RiskLevel::kCrisis);
  CHECK(rules.check("寝る前に眠剤を30錠飲んでいます").level == RiskLevel::kCrisis);
}

TEST_CASE("Crisis: not able to go on, a wish hedged, pills saved, a threat sent, rage feared",
          "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Not able to go on living (western ん, 気がしない); a wish said to be "not quite, but near";
  // fading on, if so, and that is fine; tired of living in Tosa speech; pills saved up or
  // kept back; a place for hanging asked; a threat of an end sent to "you"; someone who
  // throws things, feared; a child put out on the balcony; giving up on everything in
  // Portuguese: the rules alone ask at least.
  for (const char* text :
       {"もう生きていけん", "これから先、生きていける気がしません",
        "死にたいってわけじゃないけど、それにかなり近い", "このまま消えていけるなら、それでいい",
        "生きちょるのがしんどい", "眠剤を少しずつためてる", "眠剤、病院で多めにもらって隠してる",
        "首吊れる場所ってどこがいいかな",
        "元夫から「お前の人生めちゃくちゃにして終わらせてやる」ってLINE",
        "夫は怒るとすぐ物を投げる。正直こわい", "お母さんにベランダに出された。寒い",
        "só penso em desistir de tudo"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // The child put out in the cold is a crisis of violence, now.
  const auto out = rules.check("ママにベランダに出されて入れてもらえない");
  CHECK(out.level == RiskLevel::kCrisis);
  CHECK(out.kind == CrisisKind::kViolence);
  // Laundry put out, a ball thrown, a grandmother's peaceful end: no crisis.
  for (const char* text : {"洗濯物をベランダに出した", "子どもとボールを投げて遊んだ"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
  CHECK(rules.check("祖母が亡くなりました。最期は穏やかで、きちんとお別れできました").level !=
        RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: a wish that comes over one, a smile kept up, laughter after w, a lunch on the roof",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // 消えてしまいたくなる (しまう before たい is a wish, not a past), and a smile kept up in
  // front of people (笑ってる is the verb, not laughter): still a crisis.
  for (const char* text : {"ときどき、全部捨てて消えてしまいたくなる",
                           "職場ではずっと笑ってるけど、本当はもう死んでしまいたい"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCrisis);
  }
  // A husband who throws things when angry, in Nepali: danger from another person.
  CHECK(rules.check("मेरो लोग्ने रिसाउँदा सामान फाल्छ").kind == CrisisKind::kViolence);
  // Harm "if I am late" said laughing (w then a space), a lunch on the school roof, a motto
  // with a scratch in it, a policy's beneficiary changed, 手は出さない: no crisis answer.
  for (const char* text :
       {"宿題忘れたら先生に殺されるw 今からやる", "学校の屋上でお弁当食べるのが好き",
        "死ぬこと以外かすり傷、が座右の銘です", "生命保険の受取人を母から妻に変更したい",
        "夫は怒鳴るけど手は出さない。これもモラハラ？"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
  }
}

TEST_CASE("Crisis: a painless way or endless sleep sought, fading out, a threat said laughing",
          "[intents]") {
  const CrisisDetector& rules = rules_only();
  // A way that does not hurt, a sleep that does not end, fading out of everything, 死んだら in
  // kana, the end of one's strength, a threat said to お前; choking, a hand raised to hit and
  // a beating promised, in three languages: the rules alone ask at least.
  for (const char* text :
       {"苦しくない死に方ってあるのかな", "永遠に眠れる薬がほしい",
        "このまま全部からフェードアウトしたい", "しんだら楽になるのかな", "もう限界かもしれない",
        "元カレに「お前、覚えとけよ」って言われた", "他喝醉了就掐我脖子",
        "남편이 화나면 자꾸 손을 올려요", "Os meninos ameaçaram bater nele amanhã"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // A home beside the tracks, a will in a book read for a thesis: nothing.
  for (const char* text : {"線路沿いに住んでて、夜も電車の音がうるさい",
                           "卒論で『こころ』を読んでる。先生の遺書の場面を分析したい"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
}

TEST_CASE("Crisis: a bat swung, hands that come out, voices, a jump meant physically",
          "[intents]") {
  const CrisisDetector& rules = rules_only();
  // A father swinging a bat with the writer hiding: danger now.
  const auto bat = rules.check("父が酔って木刀ふりまわしてる。いま押し入れに隠れてる");
  CHECK(bat.level == RiskLevel::kCrisis);
  CHECK(bat.kind == CrisisKind::kViolence);
  // Hands that come out, a voice that blames, a jump "(物理)", a wall punched in Korean, a
  // neighbour's note feared in Chinese: asked about at least.
  for (const char* text : {"兄はキレるとすぐ手が出てくる", "夜になると「死ね」って声が聞こえる",
                           "家賃払えん。もう飛ぶしかない(物理)", "아빠가 술 마시면 벽을 쳐요",
                           "邻居在我门口写了滚出去，我很害怕"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // Two medicines asked about together, a roof in a game, charcoal for a barbecue, suicide
  // statistics for homework: no crisis answer.
  for (const char* text :
       {"頭痛薬と睡眠薬って一緒に飲んでも大丈夫？", "エペで屋上から飛び降りて敵倒したｗ",
        "練炭ってBBQに使える？", "宿題で日本の自殺者数の推移を調べてる"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
  }
  // A novel about suicide, in Indonesian, is a subject: not the crisis answer.
  CHECK(bundled().check("Saya baca novel tentang bunuh diri, sedih sekali").level !=
        RiskLevel::kCrisis);
}

TEST_CASE("Crisis: the same way as one who died, a home sought out, hair pulled, a threat",
          "[intents]") {
  const CrisisDetector& rules = rules_only();
  for (const char* text : {"姉が亡くなって半年。同じ場所で同じやり方で逝くつもり",
                           "元彼が私の新しい住所を探してるらしい",
                           "Chồng em túm tóc em kéo ra ngoài", "मालिकले धम्की दिन्छ"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  CHECK(rules.check("Chồng em túm tóc em kéo ra ngoài").kind == CrisisKind::kViolence);
  // One prescribed tablet, a recipe made the same way, a beer garden on a roof: no crisis;
  // twenty tablets are.
  CHECK(rules.check("医師の指示で睡眠薬を1錠飲んでいます").level != RiskLevel::kCrisis);
  for (const char* text : {"母と同じやり方で肉じゃが作りたい", "週末は屋上のビアガーデン行こう"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
  CHECK(rules.check("睡眠薬を20錠飲んだ").level == RiskLevel::kCrisis);
}

TEST_CASE("Crisis: the act named the quickest way, letting go up high, a location tracked",
          "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Hanging named as the quickest way; vanishing named as the easiest; letting go of the
  // rail up high, wished; a partner who tracks where one is; threats in Chinese, Korean and
  // Tagalog: the rules alone ask at least.
  for (const char* text :
       {"もう鉄骨から吊るのが一番早い気がする", "このまま静かに消えていくのが一番楽かな",
        "屋上の柵に手をかけると、手を離したくなる", "夫がいつも私の位置情報を見てる。怖い",
        "他说我敢走就让你后悔一辈子", "빚 안 갚으면 집으로 찾아간다고 했어요",
        "Sabi niya may mangyayari sa pamilya ko kapag umalis ako"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  CHECK(rules.check("もう鉄骨から吊るのが一番早い気がする").level == RiskLevel::kCrisis);
  // When to take a cold medicine, a knife for the shop, a karaoke song: no crisis answer.
  for (const char* text :
       {"風邪薬って何時間あけて飲めばいい？", "ペティナイフと牛刀、どっちが使いやすい？",
        "カラオケで「死ぬのがいいわ」を歌った"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
  }
}

TEST_CASE(
    "Crisis: today the last said bare, cannot breathe, pills saved in Chinese, a meal up high",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // A bare "today is the last", not being able to breathe, pills saved up for tonight in
  // Chinese: asked about at least.
  for (const char* text : {"こんやでさいご", "いきができない", "安眠药已经攒够了"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // The last day at work, lunch or a beer on a roof, laughing until breathless: nothing
  // or at most a question.
  for (const char* text : {"今日で最後の出勤です。お世話になりました", "屋上でお弁当食べるの好き",
                           "爆笑しすぎて息苦しい"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
  }
  CHECK(rules.check("屋上でお昼ごはん食べた。風が気持ちいい").level == RiskLevel::kNone);
}

TEST_CASE("Crisis: no one would mind, morning dreaded, a dose forgotten, a report threatened",
          "[intents]") {
  const CrisisDetector& rules = rules_only();
  // A hedged wish with "no one would mind if I were gone", morning dreaded for coming, a
  // threat to report one to immigration (Chinese): asked about at least.
  for (const char* text : {"死にたいってほどじゃないけど、私が消えても誰も気づかないと思う",
                           "また朝が来ると思うと絶望する", "老板说不听话就去入管举报我"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // A dose forgotten and asked about is no act done.
  CHECK(rules.check("毎日飲んでる胃薬、飲み忘れたら次の日2錠飲んでもいいですか").level !=
        RiskLevel::kCrisis);
}

TEST_CASE("Crisis: a dangerous dose asked in four languages, a plan with the act unsaid",
          "[intents]") {
  const CrisisDetector& rules = rules_only();
  // How much of a medicine is dangerous, in Japanese, English, Chinese and Spanish; a plan
  // and "do it" tomorrow; not long left: asked about at least.
  for (const char* text :
       {"睡眠薬って何錠から危ないんですか", "What's the lethal dose of sleeping pills?",
        "安眠药一次吃太多会怎样", "¿Cuántas pastillas son demasiadas?",
        "ずっと前から計画してた。今夜、家族が寝たらやる", "もう長くない気がする"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // A plan for a party, homework done tomorrow: nothing.
  for (const char* text : {"みんなで計画してた旅行、明日から行く", "明日は宿題をやる"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
}

TEST_CASE("Crisis: an overdose by voice input or in kana, and half-width katakana with spaces",
          "[intents]") {
  const CrisisDetector& rules = rules_only();
  // 錠 heard as 条, 飲みました in kana, a count in kanji numerals; a plan in half-width
  // katakana written with spaces: a crisis now, or a crisis.
  for (const char* text :
       {"睡眠薬を三十条のみました", "かぜぐすりを50錠のみました", "ｺﾝﾔ ｼﾇ ｸｽﾘ ｱﾙ"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCrisis);
  }
  CHECK(rules.check("睡眠薬を三十条のみました").immediate_danger);
  // A law's article (第三十条) and きょう as a word: nothing.
  for (const char* text : {"憲法第三十条について調べてる", "きょうのばんごはんなにかな"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
}

TEST_CASE("Crisis: fine to die as a measure of joy, and one or two tablets taken", "[intents]") {
  const CrisisDetector& rules = rules_only();
  // "So happy I could die": no crisis, no question, when nothing dark is in the message.
  for (const char* text :
       {"もう死んでもいいくらい幸せ！今日入籍しました！", "孫が生まれた。死んでもいいほど嬉しい"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
  // The same words beside pain, a goodbye or despair: still asked about or a crisis.
  for (const char* text :
       {"死んでもいいくらい幸せだった、もう思い残すことはない", "死んでもいいくらいつらい",
        "死んでもいいくらい疲れた", "もう思い残すことはない"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // One or two tablets of an everyday medicine: never the crisis answer; eight: a crisis.
  for (const char* text : {"頭痛薬を1錠飲みました", "胃薬を2錠のみました"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
    CHECK(bundled().check(text).level != RiskLevel::kCrisis);
  }
  CHECK(rules.check("鎮痛剤を8錠飲みました").level == RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: fuel spread at home, a part played out, a dose asked, worn-out things, "
    "threats said laughing",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Fuel spread in the home or over oneself, with a fire at hand: a crisis now, also when
  // the sentences are apart or told in western speech (しもうた).
  for (const char* text : {"ガソリンを部屋に撒いた。ライターもある", "頭から灯油かぶった",
                           "灯油、布団に撒いてしもうた", "薬ぜんぶ飲んでしもうた"}) {
    CAPTURE(text);
    const auto r = rules.check(text);
    CHECK(r.level == RiskLevel::kCrisis);
    CHECK(r.immediate_danger);
  }
  // Fuel for the stove, news of an arson: no crisis.
  for (const char* text :
       {"ストーブに灯油を入れた", "灯油を撒いて火をつける事件のニュースを見た"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
  }
  // One's part in life felt over; how much of a medicine is dangerous: asked about.
  for (const char* text :
       {"もう自分の役目は終わった気がする", "頭痛薬ってどのくらい飲んだら危ない？",
        "風邪薬、何個飲んだら危ないの"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // A back, a phone or a symptom that "dies" or goes: nothing; the wish beside it still counts.
  for (const char* text : {"肩が死んでる、マッサージ行きたい", "スマホが死んだ、充電器ない",
                           "この湿疹のかゆみって、そのうち消える？"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
  CHECK(rules.check("痛みが消えるなら死んだほうがまし").level == RiskLevel::kCrisis);
  // Killing as the figure of a scolding, said laughing: nothing (asked when a time is
  // named); the same words with help asked or a weapon: a crisis.
  for (const char* text : {"宿題忘れた。先生に殺されるｗ", "部長に「殺すぞ〜」って笑われた"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
  for (const char* text : {"彼氏に殺される、助けて", "夫が包丁持ってる、殺されるｗ"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCrisis);
  }
  // In English: laughing makes the threat a question, never the crisis answer alone.
  CHECK(rules.check("my mom is gonna kill me lmao").level == RiskLevel::kCheck);
  CHECK(rules.check("he's gonna kill me").level == RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: food and water refused for days, asking to be taken to God, tiredness as a "
    "figure, harm denied with てはいない",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Water refused for days: asked about; with vanishing or despair in the message, a crisis
  // (the words may be in different sentences).
  CHECK(rules.check("もう二日、水も飲んでいません").level == RiskLevel::kCheck);
  CHECK(rules.check("何も口にしてない。水も4日目。このまま消えたらいい").level ==
        RiskLevel::kCrisis);
  // Water cut off, a diet's litres of water: nothing.
  for (const char* text : {"断水して3日、水が出ない", "水を1日2リットル飲むダイエット中"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
  // Praying to be taken to God soon: asked about; a visit to a shrine's god: nothing.
  CHECK(rules.check("仏さまのもとへ早く連れて行ってほしいと毎晩願ってる").level ==
        RiskLevel::kCheck);
  CHECK(rules.check("神様にお参りに行きたい").level == RiskLevel::kNone);
  // 死ぬほど疲れた: asked about, not the crisis answer; looking forward to something after
  // it: nothing; with no meaning left in life: a crisis.
  CHECK(rules.check("仕事で死ぬほど疲れた").level == RiskLevel::kCheck);
  CHECK(rules.check("死ぬほど疲れたけど明日の旅行が楽しみ").level == RiskLevel::kNone);
  CHECK(rules.check("死ぬほど疲れた。生きる意味がない").level == RiskLevel::kCrisis);
  // 殴られてはいない, 蹴られてもいない: harm denied is asked about, never the crisis answer;
  // 殴られてはいるけど is harm told.
  for (const char* text :
       {"彼氏に殴られてはいないけど束縛がきつい", "蹴られてもいないけど、家で無視される"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
  }
  CHECK(rules.check("殴られてはいるけど、もう慣れた").level == RiskLevel::kCrisis);
  // A fishing spot on a bridge is an outing; a place to jump is not.
  CHECK(rules.check("橋の上で釣りしてもいい場所ってある？").level == RiskLevel::kNone);
  CHECK(rules.check("橋から飛び降りる場所を探してる").level == RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: a goodbye from a bridge or the sea, shoes taken off, told to die, giving up "
    "everything, a veiled threat",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // A short goodbye from where one could fall or drown (emoji for the place and the wave
  // too), shoes lined up or taken off there: a crisis now.
  for (const char* text : {"📍東京湾の埠頭🌊 じゃあね", "いま屋上。靴そろえた", "橋の上で靴をぬいだ",
                           "🌉 ばいばい みんな"}) {
    CAPTURE(text);
    const auto r = rules.check(text);
    CHECK(r.level == RiskLevel::kCrisis);
  }
  // An errand by a bridge, a swim, a wave at a friend: no crisis.
  for (const char* text : {"帰りに橋の近くのパン屋寄るね、じゃあね", "海で泳ぐので靴を脱いだ",
                           "おはよう👋", "🌊🌊 夏休み最高👋"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
  }
  CHECK(rules.check("おはよう👋").level == RiskLevel::kNone);
  // Told to die, and it hurts; an urge to hurt oneself; giving up everything: asked about.
  for (const char* text :
       {"姑に「死ね」と毎日言われて、頭から離れない", "イライラすると自分を痛めつけたくなる",
        "審査に落ちたら、もう何もかもやめるつもり"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // An idiom or a tooth told: nothing.
  for (const char* text : {"死ぬ気でやれって先輩に言われた", "歯の神経が死んでるって言われた"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
  // A veiled threat said smiling: asked about; killing as a scolding said laughing by a
  // senior: nothing.
  CHECK(rules.check("断ったら「夜道に気をつけなよ」って笑いながら言われた").level ==
        RiskLevel::kCheck);
  CHECK(rules.check("先輩に「遅刻したら殺すぞ〜」って笑いながら言われた").level ==
        RiskLevel::kNone);
  // A medicine taken as prescribed, asked about with a drink; harm denied with たりはない.
  CHECK(rules.check("血圧の薬を毎日ちゃんと飲んでるけど、ビール一杯なら大丈夫？").level !=
        RiskLevel::kCrisis);
  CHECK(rules.check("殴られたりはないけど、毎日無視される").level != RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: a will to end it beside a pastime, wishes said sideways, a label asked, "
    "photos of one's home",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // The writer's own will to end it wins over the pastime beside it; a means delivered.
  CHECK(rules.check("好きなバンドの解散ライブが終わったら、私も終わりにする").level ==
        RiskLevel::kCrisis);
  // Becoming dust or ash, nowhere one wants to be, doing as one is told when told to die, a
  // cutter that stirs an old urge, a balcony stood on too long, photos of one's home sent by an
  // ex: asked about.
  for (const char* text :
       {"灰になりたい", "もう、どこにも居たくない",
        "毎日「死ね」って言われる。言われたとおりにしようかな",
        "昔切ってた。最近カミソリ見ると落ち着かない",
        "I stand on the rooftop at night longer than I should",
        "元夫が家の前の写真ばかり送ってくる", "mi ex me manda fotos de mi casa todos los días"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // A dream job, a star in the sky, a balcony's view, a parent's instruction: nothing.
  for (const char* text : {"パティシエになりたい", "言われたとおりにしようと思う",
                           "I love my balcony, the view is great"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
  // A wish to quit beside something else that "vanishes" is never the crisis answer.
  CHECK(rules.check("部活やめたいけど、やめたら推薦が消える").level != RiskLevel::kCrisis);
  // これってDV？ with nothing told but control: asked; with a blow told: a crisis.
  CHECK(rules.check("夫が財布を全部管理してる。これってDV？").level == RiskLevel::kCheck);
  CHECK(rules.check("夫に殴られた。これってDVですか").level == RiskLevel::kCrisis);
  // 叩かれたりはしてない: denied.
  CHECK(rules.check("親に毎日どなられる。叩かれたりはしてない").level != RiskLevel::kCrisis);
  // 殴られたりはしている (する and いる, no negation) is harm told.
  CHECK(rules.check("彼に殴られたりはしている").level == RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: ending it planned beside a drug, afraid of what one might do, freezing as a "
    "figure, a confided wish",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // 終わらせる (read as 終わる + せる) willed, with a drug or an amount in the message: a crisis.
  CHECK(rules.check("睡眠薬はある。週末、事故に見せかけて終わらせるつもり").level ==
        RiskLevel::kCrisis);
  // Homework to finish: nothing from the rules.
  CHECK(rules.check("レポートを終わらせるつもり").level == RiskLevel::kNone);
  // Afraid of what one might do: asked about; not knowing what one wants: nothing.
  CHECK(rules.check("退院したら自分が何をするかわからなくて怖い").level == RiskLevel::kCheck);
  CHECK(rules.check("自分が何をしたいか分からない").level == RiskLevel::kNone);
  // Freezing to death said of the cold: nothing; a wish confided by a colleague and asked
  // about by a helper: asked, never the crisis answer.
  CHECK(rules.check("今朝はマイナス10度。凍え死ぬ").level == RiskLevel::kNone);
  CHECK(rules.check("友達に「消えたい」って打ち明けられた。どう返せばいい？").level !=
        RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: a farewell as a list, charcoal and a grill bought, a deep cut told late, a "
    "wish beside mockery, a threat of regret",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Two goodbyes by deeds in separate sentences (a pet left with someone, the room cleared),
  // charcoal and a grill bought when the outing is only what others supposed, a cut told as
  // done and deep: a crisis.
  for (const char* text :
       {"犬は姉に預けた。部屋も片付けた", "七輪と炭を買った。店員さんはBBQだと思ったらしい",
        "駅のトイレでカミソリ使った。血が止まらない"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCrisis);
  }
  // A pet left for a trip, a grill for a barbecue, a cartoon hero named with 炭, a cut while
  // cooking: never the crisis answer.
  for (const char* text : {"出張の間、猫を友達に預けた", "七輪と炭を買った。週末はバーベキュー",
                           "炭治郎が死ぬ夢を見た", "料理中に包丁で指切った。けっこう深い"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
  }
  // Being laughed at does not make a wish a joke; a fright told as over with thanks is no
  // crisis.
  CHECK(rules.check("みんなに笑われた。消えたい").level == RiskLevel::kCrisis);
  CHECK(rules.check("事故のときは死ぬかと思った。今は元気。ありがとう").level !=
        RiskLevel::kCrisis);
  // "You'll regret it" said to the writer: asked about; regret as a thought: nothing.
  CHECK(rules.check("上司に「訴えたら後悔するぞ」と言われた").level == RiskLevel::kCheck);
  CHECK(rules.check("あの時買っておけば後悔しなかった").level == RiskLevel::kNone);
}

TEST_CASE(
    "Crisis: harm at home told beside a game, a letter left out (Chinese), a genre of "
    "game, a goodbye word negated",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Hit by a parent while gaming is the parent's harm, not the game's.
  CHECK(rules.check("ゲームしてたら兄に蹴られた").level == RiskLevel::kCrisis);
  CHECK(rules.check("ゲームでラスボスに殺された").level == RiskLevel::kNone);
  // A letter to one's mother left on the desk: asked about at least.
  CHECK(rules.check("写给妈妈的信留在桌子上了").level >= RiskLevel::kCheck);
  // 死にゲー is a genre; a room not tidied is no goodbye.
  CHECK(rules.check("死にゲーでおすすめある？").level == RiskLevel::kNone);
  CHECK(rules.check("部屋片付けてないって怒られた").level == RiskLevel::kNone);
}

TEST_CASE(
    "Crisis: at peace by morning, a rooftop key beside debts, afraid of doing something "
    "to oneself, one's home found, threats to family and shoves in other languages",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // 楽になっとるべ: ongoing with a will is what will be — a crisis with a plan for tonight; the
  // key to a roof held beside loan sharks: a crisis.
  CHECK(rules.check("今夜は暖房切って寝る。朝には楽になっとるべ").level == RiskLevel::kCrisis);
  CHECK(rules.check("闇金の取り立てが来る。屋上の鍵は持ってる").level == RiskLevel::kCrisis);
  CHECK(rules.check("屋上の鍵を借りて花火を見る").level == RiskLevel::kNone);
  // Asked about: afraid of doing something to oneself, one's address found out, a threat to
  // one's family (Chinese), shoved at work (Korean).
  for (const char* text :
       {"包丁を見ると、自分に何かしそうで怖い", "ネットで知り合った人に最寄り駅を特定された",
        "他说要让我家人后悔", "상사가 자꾸 밀쳐요"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // A quiz about prefectures, a gift to oneself, a horror game's stage: never the crisis answer.
  for (const char* text : {"住んでる県を当てるクイズが楽しい", "自分に何かご褒美を買いたい",
                           "ホラゲの首吊りのステージが怖すぎる"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
  }
}

TEST_CASE(
    "Crisis: a cut told with やる, going quiet, asked to die together, going to one who "
    "died without a particle, a threat at the door (Chinese)",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // A cut on the arm said with やる, bleeding through in class: a crisis now.
  CHECK(rules.check("カミソリで手首やった。授業中なのに血がにじむ").level == RiskLevel::kCrisis);
  // Asked about: going quiet after thanks, a parent who says "shall we die together", wanting
  // to go where one's late wife is, a landlord's threat.
  for (const char* text :
       {"今までありがとう。そのうち連絡できなくなると思う",
        "母が夜中に「一緒に死のうか」と言ってくる",
        "女房が逝って三年。はよう女房のとこ行きたいのう", "房东说不付钱就要我好看"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // A move abroad, a visit to a friend's place, a cutter for crafts: nothing from the rules.
  for (const char* text : {"留学するので、もうすぐ連絡しなくなると思う", "友達のとこ行きたいな",
                           "カッターで工作やった"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
}

TEST_CASE(
    "Crisis: carrying it out set for a day, a drink with a prescribed pill asked about, "
    "laughter typed as XD",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // 決行 written for a day, with dying in the message: a crisis; a festival carried out: not.
  CHECK(rules.check("ノートに「死」ばかり書いてる。カレンダーの金曜に「決行」と書いた").level ==
        RiskLevel::kCrisis);
  CHECK(rules.check("雨でも明日の運動会は決行です").level == RiskLevel::kNone);
  // One prescribed tablet asked about with a drink: never the crisis answer.
  CHECK(rules.check("処方の睡眠薬を1錠、ビールと一緒でも大丈夫？").level != RiskLevel::kCrisis);
  // 想死 said with XD in Chinese: asked, not answered as a crisis.
  CHECK(rules.check("作业多到想死XD").level == RiskLevel::kCheck);
}

TEST_CASE(
    "Crisis: a height or a means asked about as sure to kill, affairs left for those after, "
    "one's own silence foreseen, not coming back, lingering at an edge in other languages",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Asked whether a height or a means is sure: a crisis.
  for (const char* text :
       {"何階から落ちたら即死？", "12階なら確実かな。ベランダから",
        "重りをつけて川に入ったら浮かばないの？", "何メートルから落ちたら助からない？"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCrisis);
  }
  // The same words about a fall feared, a child, diving, a sure pass: never the crisis answer.
  for (const char* text : {"ベランダで洗濯物干すの怖い。5階から落ちたら助からないよね？",
                           "子どもが窓から落ちたら助からない高さですか？",
                           "ダイビングでウェイト重りつけすぎると浮かばないってほんと？",
                           "何階建てなら地震でも確実に安全？"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
  }
  // A PIN or a bankbook left with an apology or despair: a crisis; told for a trip: not.
  CHECK(rules.check("通帳と印鑑は引き出しに置いた。母さんにごめんって伝えて").level ==
        RiskLevel::kCrisis);
  CHECK(rules.check("パスワードは全部ノートにまとめた。もう疲れた").level == RiskLevel::kCrisis);
  CHECK(rules.check("旅行中だから、通帳の場所は母に教えた。もう疲れた").level !=
        RiskLevel::kCrisis);
  // Silence foreseen and someone asked to come by: a crisis; a business trip: nothing.
  const auto silence =
      rules.check("明日の朝、誰かうちに来てもらえませんか。たぶんもう返事できないので");
  CHECK(silence.level == RiskLevel::kCrisis);
  CHECK(silence.rule_id == std::string("m_wont_answer"));
  CHECK(rules.check("明日から出張でたぶん返事できないです。誰か家に来てくれる？").level ==
        RiskLevel::kNone);
  // Going to water in a flood, or with despair, saying one may not come back: asked about; a
  // trip to the sea, a night out: nothing from the rules.
  for (const char* text : {"大雨で川が増水してる。見に行く。戻らないかも",
                           "生きてる意味ない。海に行ってくる。たぶん帰らない"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  for (const char* text : {"海行ってくる！今日は帰らないかも", "今日は飲み会で帰らないかも"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
  // Lingering at a roof or a bridge, in Korean, Chinese, Spanish, Portuguese, Vietnamese.
  for (const char* text : {"밤마다 옥상에서 한참 내려다봐요", "最近常常一个人在桥上发呆",
                           "Paso las noches en el balcón mirando hacia abajo",
                           "Fico no telhado olhando pra baixo", "Em hay ra cầu đứng nhìn xuống"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCheck);
  }
}

TEST_CASE(
    "Crisis: a bare 死ぬ after ordinary sentences is asked, a potential asked is not harm, a "
    "helper's question in English or Chinese is not the crisis answer",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // 死ぬ shouted after ordinary sentences: asked, not answered; 死ぬ alone or after despair:
  // the crisis answer.
  CHECK(rules.check("バイト連勤。ラーメン3杯目。死ぬ").level == RiskLevel::kCheck);
  CHECK(rules.check("死ぬ").level == RiskLevel::kCrisis);
  CHECK(rules.check("もう無理。死ぬ").level == RiskLevel::kCrisis);
  // られますか asks whether one can: no harm; つけられてる is being followed.
  CHECK(rules.check("説明会に要約筆記ってつけられますか").level == RiskLevel::kNone);
  CHECK(rules.check("元彼にあとをつけられてる").level == RiskLevel::kCrisis);
  // A helper asking how to talk with someone at risk: asked, never the crisis answer.
  for (const char* text :
       {"I'm a volunteer. Someone told me \"I want to die\". How can I support them?",
        "我是志工，有個案說想自殺，我該怎麼陪伴"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCheck);
  }
}

TEST_CASE(
    "Crisis: exhaustion or despair said alone is asked, a foot drawn at the platform, a "
    "resident's words quoted with おっしゃる, a prescription and a drink with no stock",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // The whole message is exhaustion or despair: asked.
  for (const char* text : {"つらい", "もう限界かも", "しんどい…", "もうだめだ🥲"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCheck);
  }
  // With anything else said, or laughing: the message tells what it is about.
  for (const char* text : {"部活疲れた", "今日は疲れた", "疲れたw"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
  // A body moving by itself towards the track: at least asked.
  CHECK(rules.check("ホームで電車が入ってくると、体が勝手に動きそうになる").level >=
        RiskLevel::kCheck);
  // A resident's words quoted by a care worker: never the crisis answer.
  CHECK(rules.check("施設の利用者さんが「早く死にたい」とおっしゃいます。どう返せばいいですか")
            .level != RiskLevel::kCrisis);
  // A prescribed pill and a drink tonight, no stock: never the crisis answer; a stock: a crisis.
  CHECK(rules.check("処方されてる安定剤、今夜の忘年会でお酒と飲んでも平気？").level !=
        RiskLevel::kCrisis);
  CHECK(rules.check("処方された眠剤を全部ためた。今夜お酒と飲む").level == RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: told to vanish and doing so, not wanting to live after a hedged wish, Tsugaru "
    "cold, a threat that is banter",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Told to vanish, and meaning to do as told; the wish hedged, then not wanting to live
  // (生きてたく: い dropped): asked about.
  for (const char* text : {"上司に「いなくなれ」と言われた。もうそうしようかな",
                           "死にたいってほどじゃないけど生きていたくもない", "生きてたくない"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  // Told to vanish with nothing more: not the crisis answer.
  CHECK(rules.check("弟に「いなくなれ」って言われてケンカした").level != RiskLevel::kCrisis);
  // さみぃぐで (寒くて) 死ぬ in Tsugaru speech, a threat that is friends' banter: nothing.
  for (const char* text :
       {"外さみぃぐで死ぬ〜", "息子の友達が「殺すぞ」って言い合ってるけど、ただのノリらしい"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kNone);
  }
}

TEST_CASE(
    "Crisis: doing as told with a time set after being told to die, one way to take "
    "responsibility, a wish after a dying word that ended its clause",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Told to die, and doing as told (said plainly) with a time: a crisis.
  const auto as_told = rules.check("義父に毎日「死ねよ」と言われる。今夜、言われたとおりにする");
  CHECK(as_told.level == RiskLevel::kCrisis);
  CHECK(as_told.rule_id == std::string("m_told_to_die"));
  // Doing as a teacher said, with a time: not the crisis answer.
  CHECK(rules.check("先生に言われたとおりにする。明日の朝までに").level != RiskLevel::kCrisis);
  // One way only to take responsibility, or turned over and over: asked about; talked over with
  // a boss: nothing.
  for (const char* text : {"発注ミスで大損させた。責任の取り方はひとつしかないよね",
                           "責任のとり方をずっと考えてしまう"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCheck);
  }
  CHECK(rules.check("責任の取り方について上司と話した").level == RiskLevel::kNone);
  // しぬ〜 said, then something else wished for: never the crisis answer.
  CHECK(rules.check("眠い しぬ〜 はやく寝たい").level != RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: a ride's jump, the next life, a threat on an if, withdrawal, a face before despair, "
    "nothing left, a family member with a weapon, a jump from a place in Chinese",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // A jump in a sport or a ride: asked about at most; the ride beside one's own place and time,
  // or beside a plan: still a crisis.
  for (const char* text : {"スカイダイビングで飛び降りる瞬間が一番こわかった",
                           "パラシュートで飛び降りる体験、予約した！楽しみ"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
  }
  for (const char* text : {"バンジーは怖くてやめた。でも今夜、団地の屋上から飛び降りる",
                           "バンジーの動画見てた。もう飛び降りる覚悟はできてる"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCrisis);
  }
  // The next life wished for as a figure: asked, not answered; going there soon: a crisis.
  for (const char* text : {"来世は石油王の家に生まれたい", "来世では鳥になりたいな"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCheck);
  }
  CHECK(rules.check("早く来世に行きたい").level == RiskLevel::kCrisis);
  // A threat told that hangs on an if, with nothing else: asked about; with fear or a weapon,
  // or a threat to kill for leaving: a crisis.
  CHECK(rules.check("母に「次また遅刻したらしばくで」って言われた").level != RiskLevel::kCrisis);
  CHECK(rules.check("彼に「別れたら殺す」と言われて、包丁を見せられた").level ==
        RiskLevel::kCrisis);
  // Became unable to go out, or money the parents do not give: not being kept in.
  for (const char* text : {"部屋から出られなくなって2年たちます。誰かと話したい",
                           "親が学費出してくれない。奨学金ってどうやって申し込む？"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level != RiskLevel::kCrisis);
  }
  // Someone keeping the writer in, or something done to the writer before it: still a crisis.
  for (const char* text :
       {"夫に鍵を取り上げられて家から出られなくなった", "彼氏に部屋から出してもらえない"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCrisis);
  }
  // A crying face or an emoji before despair said alone: asked about, as without the face.
  for (const char* text : {"(;ω;)もうむり", "😢もう無理", "(；△；) もうだめ"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCheck);
  }
  // Nothing left, of oneself, after a loss: asked about; nothing in the fridge: nothing.
  CHECK(rules.check("母が亡くなって、もう私には何も残ってない").level == RiskLevel::kCheck);
  CHECK(rules.check("冷蔵庫にもう何もない。買い物行かなきゃ").level == RiskLevel::kNone);
  // A son or a grandchild with a weapon at home: a crisis now.
  const auto son = rules.check("孫が包丁振り回してお金出せって言うとる");
  CHECK(son.level == RiskLevel::kCrisis);
  CHECK(son.immediate_danger);
  // A jump from a named place in Chinese: a crisis; the same in a drama's story: not.
  CHECK(rules.check("我决定了,明天从公司楼顶跳下去").level == RiskLevel::kCrisis);
  CHECK(rules.check("看这部剧看哭了,女主最后跳海那段太虐").level != RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: a cord tied said alone, oneself not here and nobody minding, better if one were not "
    "the mother and going to the sea, joy measured with って, ended said alone",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // A cord tied or hung, told as done and nothing else: a crisis now; what it is for named: no.
  const auto cord = rules.check("紐むすんだ");
  CHECK(cord.level == RiskLevel::kCrisis);
  CHECK(cord.immediate_danger);
  CHECK(rules.check("洗濯ロープ張った").level == RiskLevel::kNone);
  // Oneself not being here and nobody minding, in dialect too: asked about; someone else: no.
  for (const char* text :
       {"わいなんかおらんでも誰も困らへんやろ", "僕がいなくても誰も気づかない"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level >= RiskLevel::kCheck);
  }
  CHECK(rules.check("部長がいなくても誰も困らない会議だった").level == RiskLevel::kNone);
  // Better if the writer were not who they are to someone: asked about; with going to the
  // water or a height afterwards: a crisis. Not a task (担当).
  CHECK(rules.check("俺が父親じゃない方が娘は幸せだと思う").level == RiskLevel::kCheck);
  CHECK(rules.check("私が妻じゃない方が夫は楽。今夜、橋に行きます").level == RiskLevel::kCrisis);
  CHECK(rules.check("この案件は私が担当じゃない方がいいと思います").level == RiskLevel::kNone);
  // "Fine to die" as a measure of joy, quoted with って: nothing; of pain: not nothing.
  CHECK(rules.check("死んでもいいってくらい楽しかった！また行きたい").level == RiskLevel::kNone);
  CHECK(rules.check("もう死んでもいいってくらい苦しい").level != RiskLevel::kNone);
  // Ended, told as done, the whole message: asked about; something named as ended: nothing.
  CHECK(rules.check("人生おわった").level >= RiskLevel::kCheck);
  CHECK(rules.check("バイト終わった〜").level == RiskLevel::kNone);
}

TEST_CASE(
    "Crisis: a few kanji alone, oneself belittled and not wanted, a crash into a guardrail, a "
    "jump wished for beauty, a mood that falls, confinement, farewell and poison in Vietnamese, "
    "Nepali and Indonesian",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Despair in a few kanji, sent alone (the language of the whole is a guess): asked about.
  CHECK(rules.check("無理…").level == RiskLevel::kCheck);
  // Oneself, belittled, not wanted: asked about; a thing not wanted: nothing.
  for (const char* text : {"こんな僕いらないよね", "あたしなんかいらんやん"}) {
    CAPTURE(text);
    CHECK(rules.check(text).level == RiskLevel::kCheck);
  }
  CHECK(rules.check("こんな古い服いらないから捨てる").level == RiskLevel::kNone);
  // A crash into a guardrail or a pole to be at ease: a crisis; one that happened: nothing.
  CHECK(rules.check("運転中。このまま電柱に突っ込めば楽になれるかな").level == RiskLevel::kCrisis);
  CHECK(rules.check("雪道でスリップして車が壁に突っ込んだ。修理代いくらかな").level !=
        RiskLevel::kCrisis);
  // A jump wished for the water's beauty or the heat: asked about at most; with a bridge and
  // もう, or tiredness: a crisis.
  CHECK(rules.check("滝つぼの水が透明すぎて飛び込みたくなった！").level != RiskLevel::kCrisis);
  CHECK(rules.check("もう疲れた。川きれい。飛び込みたい").level == RiskLevel::kCrisis);
  // A mood or a measure that falls is no fall.
  CHECK(rules.check("成績が落ちてテンションも落ちてる").level == RiskLevel::kNone);
  // Vietnamese: someone locked in by an employer; Nepali: not in this world tomorrow;
  // Indonesian: a cleaner drunk. A crisis.
  CHECK(rules.check("Em gái tôi bị công ty nhốt trong phòng, không cho ra ngoài").level ==
        RiskLevel::kCrisis);
  CHECK(rules.check("भोलि म यो संसारमा छैन, सबैलाई धन्यवाद").level == RiskLevel::kCrisis);
  const auto poison = rules.check("adik saya minum pemutih tadi, sekarang pusing");
  CHECK(poison.level == RiskLevel::kCrisis);
  CHECK(poison.immediate_danger);
}

TEST_CASE(
    "Crisis: a friend's words of going soon, told to die and agreeing, the end of a story, "
    "someone else's death with debts, a word asked about, not living on said as a joke, an "
    "ending note and a dose limit asked",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // A friend's own words of going soon, passed on: asked about.
  CHECK(rules.check("友達がインスタのストーリーに「もうすぐいなくなるから」って書いてた").level ==
        RiskLevel::kCheck);
  // Told to die, and the writer finds it right, with a height named: a crisis; told to
  // apologise and agreeing: not a crisis.
  CHECK(rules
            .check("父に「お前なんか死んで詫びろ」って言われ続けてる。そうした方が楽な気がして"
                   "きた。ベランダから飛べる")
            .level == RiskLevel::kCrisis);
  CHECK(rules.check("上司に謝れって言われた。そうするのが正解だよね").level != RiskLevel::kCrisis);
  // The end of a story is not one's last; one's own last is.
  CHECK(rules.check("小説で主人公が最後に首を吊るんだけど、伏線どこだった？").level !=
        RiskLevel::kCrisis);
  CHECK(rules.check("最後にもう一回だけ海が見たい。それで終わりにする").level ==
        RiskLevel::kCrisis);
  // Someone else's death with debts left: nothing; one's own after it: a crisis.
  CHECK(rules.check("夫が亡くなって借金が残りました。相続放棄はできますか").level ==
        RiskLevel::kNone);
  CHECK(rules.check("母が死んだら俺も死ぬ").level == RiskLevel::kCrisis);
  // The word itself asked about: nothing; with a time of one's own: a crisis.
  CHECK(rules.check("「首吊り」って英語で何て言う？").level == RiskLevel::kNone);
  CHECK(rules.check("首吊りって英語でなんて言う？今夜やる").level == RiskLevel::kCrisis);
  // Not living on, said laughing: asked about; "not a joke": a crisis.
  CHECK(rules.check("推しが引退…もう生きていけない笑").level == RiskLevel::kCheck);
  CHECK(rules.check("冗談じゃない、もう生きていけない").level == RiskLevel::kCrisis);
  // A will as end-of-life planning: nothing.
  CHECK(rules.check("エンディングノートに遺書っぽいことも書くべき？").level == RiskLevel::kNone);
  // How many tablets are allowed, asked: not a crisis; taken together going on: a crisis.
  CHECK(rules.check("睡眠薬、何錠まで飲んで大丈夫？").level != RiskLevel::kCrisis);
  CHECK(rules.check("睡眠薬と風邪薬ぜんぶ飲んでる。何錠までなら大丈夫？").level ==
        RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: no place of one's own and going to the water, a wish said laughing, a pastime's "
    "letdown with a hope, joy at any age, harm denied with は, one's own unease and being "
    "locked in",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // No place of one's own, then going to a bridge now: a crisis.
  CHECK(rules.check("親と合わない。家に居場所ない。今から橋行く、じゃあね").level ==
        RiskLevel::kCrisis);
  // The wish alone or preferred to something, said laughing: asked about; after a mishap
  // with a pastime: nothing.
  CHECK(rules.check("学校行くくらいなら消えたい笑").level == RiskLevel::kCheck);
  CHECK(rules.check("消えたい笑").level == RiskLevel::kCheck);
  CHECK(rules.check("ガチャ爆死した。もう消えたい笑").level == RiskLevel::kNone);
  // Life without meaning after a pastime's letdown, hoping for next time: asked about; alone:
  // a crisis.
  CHECK(rules.check("推しのツアー全部外れた。生きる意味ない、次こそ当たれ").level ==
        RiskLevel::kCheck);
  CHECK(rules.check("生きる意味ない").level == RiskLevel::kCrisis);
  // Fine to die any time out of joy: nothing; the joy set against it: a crisis.
  CHECK(rules.check("孫がかわいくて、いつ死んでもいいわ笑").level == RiskLevel::kNone);
  CHECK(rules.check("孫はかわいいけど、もういつ死んでもいい").level == RiskLevel::kCrisis);
  // Harm denied with は between: asked about; affirmed with は: a crisis.
  CHECK(rules.check("借金取りにまだ脅されてはないけど不安").level == RiskLevel::kCheck);
  CHECK(rules.check("夫に殴られてはいる").level == RiskLevel::kCrisis);
  // One's own unease holds one in: no danger from anyone; someone feared: a crisis.
  CHECK(rules.check("人と会うのが不安で家から出られない").level == RiskLevel::kNone);
  CHECK(rules.check("夫が怖くて家から出られない").level == RiskLevel::kCrisis);
  // Locked in from outside, or unable to get out: a crisis now; a bike locked: no.
  const auto locked = rules.check("鍵かけられて部屋から出られない");
  CHECK(locked.level == RiskLevel::kCrisis);
  CHECK(locked.immediate_danger);
  CHECK(rules.check("自転車に鍵かけられてて動かせない").level != RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: an attempt survived, a message trailing off at oneself, a cut in the kitchen, joy "
    "in food and tedium as tiredness",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Not able to die, told as done: a crisis, now with an injury told; told as over: asked.
  const auto survived = rules.check("階段から飛んだけど死にきれなかった、足が動かない");
  CHECK(survived.level == RiskLevel::kCrisis);
  CHECK(survived.immediate_danger);
  CHECK(rules.check("昔は死ねなかったけど、今は生きててよかった").level == RiskLevel::kCheck);
  // Trailing off at oneself belittled: asked about; offering oneself: not by this rule.
  CHECK(rules.check("飲んでも眠れない、僕なんて…").level == RiskLevel::kCheck);
  CHECK(rules.check("うちの犬なんか").level == RiskLevel::kNone);
  // A wrist cut with a kitchen tool: asked about; again: a crisis.
  CHECK(rules.check("手首切った…料理中にピーラーで").level == RiskLevel::kCheck);
  CHECK(rules.check("また手首切った、料理中に").level == RiskLevel::kCrisis);
  // Fine to die as a measure of a meal's taste: nothing; tedium as a figure: not a crisis.
  CHECK(rules.check("焼肉うますぎて死んでもいいってくらい").level == RiskLevel::kNone);
  CHECK(rules.check("明日の会議しぬほどめんどくさいです").level != RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: told to die as a request, harm to someone else begun now, life support taken off "
    "and one's life told as over",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Told to die as a request (死んでくれ), and doing as told at a height: a crisis.
  CHECK(rules.check("夫に「死んでくれ」って言われた。言われた通りにする。今屋上").level ==
        RiskLevel::kCrisis);
  // Someone begun hurting someone, seen now: a crisis now; medicine begun: no.
  const auto begun = rules.check("隣の部屋で兄が母を殴り始めた");
  CHECK(begun.level == RiskLevel::kCrisis);
  CHECK(begun.immediate_danger);
  CHECK(rules.check("抗うつ薬を飲み始めて2週間、眠気がすごい").level != RiskLevel::kCrisis);
  // Life support taken off, and the breath going or the ease told: a crisis now; taken off to
  // clean it: no.
  const auto oxygen = rules.check("点滴を自分で抜いた。苦しいけどこれでいい");
  CHECK(oxygen.level == RiskLevel::kCrisis);
  CHECK(oxygen.immediate_danger);
  CHECK(rules.check("酸素のチューブを外して掃除した").level == RiskLevel::kNone);
  // One's life told as over or stuck: asked about; said laughing: no.
  CHECK(rules.check("借金まみれで人生詰んでる").level == RiskLevel::kCheck);
  CHECK(rules.check("推しが結婚して人生終わった笑").level == RiskLevel::kNone);
}

TEST_CASE(
    "Crisis: dying as amends, someone else's plan to go to a brink passed on, he written in "
    "kana and a goodbye for an ordinary ending",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Dying or one's life as amends: a crisis; asked of someone or refused: not this.
  CHECK(rules.check("迷惑かけた分、この命で償います").level == RiskLevel::kCrisis);
  CHECK(rules.check("死をもってお詫びします").level == RiskLevel::kCrisis);
  CHECK(rules.check("あいつと同じとこから落ちて償う").level == RiskLevel::kCrisis);
  CHECK(rules.check("遅刻しました、死んでお詫びします笑").level != RiskLevel::kCrisis);
  CHECK(rules.check("ミスしたので責任取って謝ります").level == RiskLevel::kNone);
  // Someone else's plan to go to a brink soon, passed on: a crisis now; gone before, or a
  // story: no.
  const auto passed_on = rules.check("利用者さんが明日屋上に向かうと話していました");
  CHECK(passed_on.level == RiskLevel::kCrisis);
  CHECK(passed_on.immediate_danger);
  CHECK(rules.check("同僚が今夜ダムに行くって言ってた").level == RiskLevel::kCrisis);
  CHECK(rules.check("友達が先週線路に行ったと話していました").level == RiskLevel::kNone);
  CHECK(rules.check("ドラマの主人公が今日屋上に行くシーン").level == RiskLevel::kNone);
  CHECK(rules.check("患者さんが今日の午後に屋上で日向ぼっこに行く").level == RiskLevel::kNone);
  // He written in kana between spaces is a person (with a knife: a crisis); 枯れた is not.
  CHECK(rules.check("🔪 かれ ドアのまえ").level == RiskLevel::kCrisis);
  CHECK(rules.check("かれた花を捨てた").level == RiskLevel::kNone);
  // A goodbye for retiring or leaving school: nothing; with tiredness and さようなら: a crisis.
  CHECK(rules.check("送別会で今までありがとうのスピーチを頼まれた").level == RiskLevel::kNone);
  CHECK(rules.check("卒業式の手紙に今までありがとうって書いた").level == RiskLevel::kNone);
  CHECK(rules.check("今までありがとう。もう疲れた。さようなら").level == RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: old self-harm marks asked about, documents compared, a cramp, an act as a measure "
    "and the last day at work",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // The marks of self-harm long ago, to treat or hide: nothing; new ones today: a crisis.
  CHECK(rules.check("昔つけたアームカットの跡、皮膚科で消せますか").level == RiskLevel::kNone);
  CHECK(rules.check("リスカの跡が目立つから半袖が着れない").level == RiskLevel::kNone);
  CHECK(rules.check("リスカの跡、今日も新しく増えた").level == RiskLevel::kCrisis);
  // A will and a notarised will compared: nothing; a will written and a time: a crisis.
  CHECK(rules.check("遺書と遺言書ってどう違うんですか").level == RiskLevel::kNone);
  CHECK(rules.check("遺書書いた。今夜決行する").level == RiskLevel::kCrisis);
  // A cramp in the neck (首の筋つった): nothing; hanging wished: a crisis.
  CHECK(rules.check("朝ストレッチしてたら首の筋つった").level == RiskLevel::kNone);
  CHECK(rules.check("首つって死にたい").level == RiskLevel::kCrisis);
  // An act wished as the measure of embarrassment: nothing; of pain: not lowered.
  CHECK(rules.check("首吊りたいほど気まずい空気だった").level == RiskLevel::kNone);
  CHECK(rules.check("飛び降りたいくらい恥ずかしいことした。人前で盛大にこけた").level ==
        RiskLevel::kNone);
  CHECK(rules.check("首吊りたいほど苦しい").level == RiskLevel::kCrisis);
  // Thanks on the last day at work: nothing; a goodbye at a bridge after it: a crisis.
  CHECK(rules.check("明日でバイト最終日、みんなに今までありがとうって言う").level ==
        RiskLevel::kNone);
  CHECK(rules.check("今日で最後の出勤。あとは帰りに陸橋でお別れするだけ").level ==
        RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: drinking all or a cut with blood told bare, a call after the limit, a fixture "
    "tested for one's weight, a jump on an outing and the Aizu copula",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Drinking the whole of something unnamed, told as done: a crisis now; a drink named: no.
  const auto drank = rules.check("ぜんぶ のんだ。もう");
  CHECK(drank.level == RiskLevel::kCrisis);
  CHECK(drank.immediate_danger);
  CHECK(rules.check("もらったジュース全部飲んだ、おいしかった").level == RiskLevel::kNone);
  // A cut with blood and nothing cut named: a crisis; hair cut: no.
  CHECK(rules.check("🩸 また きった").level == RiskLevel::kCrisis);
  CHECK(rules.check("髪切った").level == RiskLevel::kNone);
  // The limit, then a call for someone: asked about.
  CHECK(rules.check("もう限界。だれか").level == RiskLevel::kCheck);
  // A fixture tested for one's weight: a crisis; wondered: asked; exercise: no.
  CHECK(rules.check("カーテンレールが体重に耐えられるか確かめた").level == RiskLevel::kCrisis);
  CHECK(rules.check("クローゼットのポールって体重支えられるのかな").level == RiskLevel::kCheck);
  CHECK(rules.check("つっぱり棒で懸垂しても体重もつ？").level == RiskLevel::kNone);
  // A jump done for fun on an outing: nothing; with nothing fun and the cold: a crisis.
  CHECK(rules.check("堤防から海に飛び込んできた！楽しかった〜").level == RiskLevel::kNone);
  CHECK(rules.check("岩から海に飛び込んで泳いだ、最高").level == RiskLevel::kNone);
  CHECK(rules.check("さっき橋から川に飛び込んだ。冷たい。寒い").level == RiskLevel::kCrisis);
  // Aizu だべした after a past is a copula, not "should": worn out, nothing.
  CHECK(rules.check("草むしり一日やって膝死んだべした").level == RiskLevel::kNone);
}

TEST_CASE(
    "Crisis: what to do after something ends, a jump in a sport named in another sentence, "
    "an animal's scratch bleeding and Cantonese",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // どうすれば after something ended asks what to do; 終わりにすれば stays ending it.
  CHECK(rules.check("バイトが終わった後、どうすればいい？").level == RiskLevel::kNone);
  CHECK(rules.check("もう終わりにすればいいのかな").level != RiskLevel::kNone);
  // A jump wished, then the sport named in the next sentence: asked about at most; with a
  // roof and tonight: a crisis.
  CHECK(rules.check("飛び降りたい気分ｗ いやバンジーの話。近くでできる？").level !=
        RiskLevel::kCrisis);
  CHECK(rules.check("バンジーやりたい。今夜屋上から飛び降りる").level == RiskLevel::kCrisis);
  // A scratch from a cat bleeding from the wrist: no crisis; bleeding alone: a crisis.
  CHECK(rules.check("犬に噛まれて腕から血が出てる").level != RiskLevel::kCrisis);
  CHECK(rules.check("手首から血が出てる").level == RiskLevel::kCrisis);
  // Cantonese: a strip of tablets eaten (a crisis now), not knowing how to go on (asked).
  const auto od = rules.check("頭先食咗成排安眠藥");
  CHECK(od.level == RiskLevel::kCrisis);
  CHECK(od.immediate_danger);
  CHECK(rules.check("我都唔知仲可以點活落去").level == RiskLevel::kCheck);
  CHECK(rules.check("佢哋食咗成盒朱古力").level == RiskLevel::kNone);
}

TEST_CASE(
    "Crisis: a count of pills in Korean, ending it all, not waking in Vietnamese, legs to be "
    "broken, a lawsuit threatened in Spanish, a rope and one's weight in two sentences, an act "
    "as resolve, suicide as a subject over two sentences and a guess after too much",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Korean: a bottle of painkillers taken, the count between the pills and "all": a crisis;
  // a box of chocolates: no.
  CHECK(rules.check("동생이 진통제를 한 통 다 먹었어요").level == RiskLevel::kCrisis);
  CHECK(rules.check("초콜릿 한 통 다 먹었어요").level == RiskLevel::kNone);
  // Wanting to end it all: asked about; wanting to finish the work: no.
  CHECK(rules.check("이제 다 끝내고 싶어").level == RiskLevel::kCheck);
  CHECK(rules.check("일 다 끝내고 싶다").level == RiskLevel::kNone);
  // Vietnamese: not wanting to wake any more: asked about; not early tomorrow: no.
  CHECK(rules.check("tôi mệt lắm, chẳng muốn tỉnh dậy nữa").level == RiskLevel::kCheck);
  CHECK(rules.check("sáng mai không muốn thức dậy sớm").level == RiskLevel::kNone);
  // Legs to be broken over money: violence now.
  const auto legs = rules.check("They said they will break my legs if I dont pay");
  CHECK(legs.level == RiskLevel::kCrisis);
  CHECK(legs.kind == CrisisKind::kViolence);
  // Spanish: a landlord threatening a lawsuit is no violence; a partner's threat is.
  CHECK(rules.check("Mi casero me amenaza con una demanda por el alquiler").level ==
        RiskLevel::kNone);
  CHECK(rules.check("Mi ex me amenazó ayer").level == RiskLevel::kCrisis);
  CHECK(rules.check("Mi novio me amenaza con matarme").level == RiskLevel::kCrisis);
  // How much a rope holds, and one's weight in the next sentence: asked about; a hammock: no.
  CHECK(rules.check("ロープって何キロまで耐えられるのかな。自分の体重は60キロ").level ==
        RiskLevel::kCheck);
  CHECK(rules.check("ハンモックって何キロまで耐える？体重60キロ").level == RiskLevel::kNone);
  // An act as the measure of resolve for an interview or a confession: asked about at most,
  // a celebration tonight in the next sentence too; the resolve alone stays a crisis.
  CHECK(rules.check("首吊る覚悟で面接行ったら受かった").level != RiskLevel::kCrisis);
  CHECK(rules.check("飛び降りる覚悟で告白したら付き合えた！今夜はお祝い").level !=
        RiskLevel::kCrisis);
  CHECK(rules.check("首を吊る覚悟はできた").level == RiskLevel::kCrisis);
  // Suicide as the subject of a thesis, asked about in the next sentence: nothing; the
  // writer's own wish after it: a crisis.
  CHECK(
      rules.check("卒論で自殺対策について調べています。高齢者の自殺の理由を教えてください").level ==
      RiskLevel::kNone);
  CHECK(rules.check("卒論で自殺について調べてる。でも本当は自分も死にたい").level ==
        RiskLevel::kCrisis);
  // A jump stopped in a drama: no crisis; a jump now after watching one: a crisis.
  CHECK(rules.check("ドラマで、屋上から飛び降りようとした子を先生が止めてた。泣いた").level ==
        RiskLevel::kNone);
  CHECK(rules.check("ドラマ見てた。今から屋上から飛び降りる").level == RiskLevel::kCrisis);
  // Kanto べ after too much ramen is a guess, no crisis; もう死ぬべ alone is one.
  CHECK(rules.check("ラーメン食べすぎて死ぬべ").level != RiskLevel::kCrisis);
  CHECK(rules.check("もう死ぬべ").level == RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: ending it decided with a pet to be taken in, killed for a slip, born a mistake, a "
    "degree of wanting to die in Chinese, Spanish and Cantonese asking how to go on, a will as "
    "a likeness and a pet's death thanked",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Ending it decided, and a pet to be taken in by someone: a crisis; the day's work finished
  // and a cat's care already asked of a sister: no crisis.
  CHECK(rules.check("もう終わらせることにした。うちの犬を誰かに引き取ってほしい").level ==
        RiskLevel::kCrisis);
  CHECK(rules.check("今日中に全部終わらせることにした。猫の世話は妹に頼んだ").level !=
        RiskLevel::kCrisis);
  // Killed by a teacher for homework forgotten: asked about, not the crisis answer; with
  // beatings before: a crisis.
  const auto scolded = rules.check("宿題忘れた、先生に殺される");
  CHECK(scolded.level == RiskLevel::kCheck);
  CHECK(scolded.kind == CrisisKind::kViolence);
  CHECK(rules.check("宿題忘れたら父に殺される。前も殴られた").level == RiskLevel::kCrisis);
  // Being born told as a mistake: asked about.
  CHECK(rules.check("生まれてきたこと自体が間違いだった").level == RiskLevel::kCheck);
  // Chinese: tired to the point of wanting to die is asked about; wanting to die is a crisis.
  CHECK(rules.check("累得想死").level == RiskLevel::kCheck);
  CHECK(rules.check("我好想死").level == RiskLevel::kCrisis);
  // What going on living is for (Spanish), how long one can hold on (Cantonese): asked about.
  CHECK(rules.check("¿Para qué seguir viviendo así?").level == RiskLevel::kCheck);
  CHECK(rules.check("仲可以撐到幾時").level == RiskLevel::kCheck);
  // A message likened to a will: asked about at most.
  CHECK(rules.check("遺書っぽいメッセージ書いちゃった").level == RiskLevel::kCheck);
  // A budgie's death, thanked: no crisis.
  CHECK(rules.check("インコが死んじゃった。ありがとうって言った").level != RiskLevel::kCrisis);
}

TEST_CASE(
    "Crisis: dying of too much with an adverb between, no confidence to go on living, a crash "
    "wondered about, walking into the mountains not to come back, and play or a seminar as "
    "the subject",
    "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Eating too much, then もう死にそう: asked about at most; wanting to die after working too
  // much stays a crisis.
  CHECK(rules.check("食べすぎてもう死にそう").level != RiskLevel::kCrisis);
  CHECK(rules.check("働きすぎてもう死にたい").level == RiskLevel::kCrisis);
  // No confidence to go on living: caught.
  CHECK(rules.check("もう生きていく自信がない").level != RiskLevel::kNone);
  // Driving into a pole wondered about: asked; a crash in the news (らしい): no.
  CHECK(rules.check("このまま電柱に突っ込んだらって考える").level == RiskLevel::kCheck);
  CHECK(rules.check("電柱に突っ込んだらしい、ニュースで見た").level == RiskLevel::kNone);
  // Walking into the mountains not to come back (Chinese): a crisis; a weekend climb: no.
  CHECK(rules.check("走進山裡就不回來了").level == RiskLevel::kCrisis);
  CHECK(rules.check("週末は山に登って、夜は帰らない").level == RiskLevel::kNone);
  // A will-writing class at a seminar, nearly killed at hide-and-seek: no crisis.
  CHECK(rules.check("終活セミナーで遺書の書き方を習った").level != RiskLevel::kCrisis);
  CHECK(rules.check("かくれんぼで兄に殺されかけた笑").level == RiskLevel::kNone);
}

TEST_CASE("Crisis: going too after a funeral, with a way decided, and a finger-or-life ultimatum",
          "[intents]") {
  const CrisisDetector& rules = rules_only();
  // Going too after a father's funeral: asked about; with a way decided: a crisis; going to
  // a friend's father's funeral too: no crisis.
  CHECK(rules.check("父の葬式が終わったら俺も行く").level == RiskLevel::kCheck);
  CHECK(rules.check("母の葬式が終わったら私も行く。やり方も決めてある").level ==
        RiskLevel::kCrisis);
  CHECK(rules.check("友達の父の葬式に俺も行く").level != RiskLevel::kCrisis);
  // A finger or one's life, to choose: violence.
  const auto ultimatum = rules.check("指か命か選べって言われた");
  CHECK(ultimatum.level != RiskLevel::kNone);
  CHECK(ultimatum.kind == CrisisKind::kViolence);
}
