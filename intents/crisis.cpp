#include "intents/crisis.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "common/embedded.h"
#include "common/utf8.h"
#include "intents/language.h"
#include "intents/meaning.h"
#include "intents/normalize.h"
#include "intents/risk_model.h"
#include "intents/romaji.h"
#include "intents/rule_file.h"

namespace shirube::intents {
namespace {

constexpr const char* kBundledPath = "intents/data/crisis.tsv";
// The risk model reads messages of at least this many characters once normalised (letters,
// kana, kanji, digits; punctuation, spaces and emoji do not count).
constexpr std::size_t kModelMinChars = 8;

// Laughter in the other languages: ㅋㅋ and ㅎㅎ (Korean), 哈哈 (Chinese), 555 (Thai-style, also
// used by Vietnamese and Indonesian writers), and the words lol, lmao, haha, hehe, jaja, kkk,
// rsrs, wkwk (stretched too: loool, hahaha). Japanese laughter (笑, w, 草) is the meaning
// layer's.
bool laughing_outside_japanese(std::string_view raw_text, std::string_view lang) {
  if (lang == "ja")
    return false;
  // In the text as written: NFKC turns ㅋ (a compatibility jamo) into another code point.
  for (const char* mark :
       {"ㅋㅋ", "ㅎㅎ", "哈哈", "555", "XD", "xD", "\xF0\x9F\x98\x82", "\xF0\x9F\xA4\xA3"}) {
    if (raw_text.find(mark) != std::string_view::npos)
      return true;
  }
  const std::string spaced = normalize_keep_spaces(raw_text);
  std::size_t start = 0;
  while (start < spaced.size()) {
    std::size_t end = spaced.find(' ', start);
    if (end == std::string::npos)
      end = spaced.size();
    const std::string_view word = std::string_view(spaced).substr(start, end - start);
    static const RE2 kLaugh(
        "l+o+l+s?|lmf?ao+|(ha){2,}h?|(he){2,}h?|(ja){2,}j?|k{3,}|(rs){2,}|(wk){2,}w?|x+d+");
    if (RE2::FullMatch(re2::StringPiece(word.data(), word.size()), kLaugh))
      return true;
    start = end + 1;
  }
  return false;
}

// Word lists per language, compiled once. A language's lists all match a message when each
// is found in the text folded to lower case or in the text as written (NFKC folding changes
// some scripts' letters, so both are tried).
class WordsByLanguage {
 public:
  struct Lists {
    const char* lang;
    std::vector<const char*> patterns;  // RE2, case-insensitive
  };

  WordsByLanguage(std::initializer_list<Lists> lists) {
    for (const Lists& l : lists) {
      Entry entry{l.lang, {}};
      for (const char* pattern : l.patterns)
        entry.compiled.push_back(std::make_unique<RE2>(std::string("(?i)(") + pattern + ")"));
      entries_.push_back(std::move(entry));
    }
  }

  // False for a language with no lists.
  bool all_found(std::string_view raw_text, std::string_view lang) const {
    for (const Entry& entry : entries_) {
      if (lang != entry.lang)
        continue;
      const std::string folded = normalize_keep_spaces(raw_text);
      const std::string written(raw_text);
      return std::all_of(entry.compiled.begin(), entry.compiled.end(), [&](const auto& re) {
        return RE2::PartialMatch(folded, *re) || RE2::PartialMatch(written, *re);
      });
    }
    return false;
  }

 private:
  struct Entry {
    std::string_view lang;
    std::vector<std::unique_ptr<RE2>> compiled;
  };
  std::vector<Entry> entries_;
};

// A few kanji and nothing but marks and spaces (限界, 絶望…): Japanese or Chinese alike.
bool few_kanji_only(std::string_view raw_text) {
  int kanji = 0;
  for (std::size_t i = 0; i < raw_text.size();) {
    const char32_t c = utf8::next_code_point(raw_text, i);
    if (c >= U'\u4E00' && c <= U'\u9FFF')
      ++kanji;
    else if (c < 0x80 ? std::isalnum(static_cast<int>(c)) != 0
                      : (c >= U'\u3040' && c <= U'\u30FF') || (c >= 0xAC00 && c <= 0xD7AF))
      return false;
  }
  return kanji > 0 && kanji <= 4;
}

// Suicide as a subject in the other languages: study, research, prevention, policy, news and
// statistics ("writing a paper on suicide prevention", 자살 예방 정책 조사, 自杀人数下降了), and
// how to answer someone else who says it ("if a friend says…", 如果有人說想死該怎麼回應). The
// Japanese meaning layer reads these (its `topic` concept); here the words themselves, in the
// text folded to lower case. A student's words alone are not enough: a student may be the one
// at risk.
bool about_the_subject_outside_japanese(std::string_view raw_text, std::string_view lang) {
  static const WordsByLanguage kSubject = {
      {"en",
       {"prevention|research|statistic|\\bstats?\\b|\\bpaper\\b|thesis|polic(y|ies)|\\bnews\\b|"
        "article|documentary|awareness|if (someone|a friend|a person|somebody) (says|tells|said)|"
        "how (do i|to|should i|can i) (respond|reply|answer)|"
        "(social worker|counsell?or|caseworker|case worker|volunteer|my (client|student|patient))"
        "[^?]*how (do|can|should) i (ask|talk|respond|reply|answer|support)|"
        "\\b(movie|film|drama|tv show|series|"
        "scene|episode|anime|manga|song|lyrics|novel|book)\\b"}},
      {"pt",
       {"preven[çc][ãa]o|pesquisa|estat[íi]stica|not[íi]cia|artigo|pol[íi]tica|novela|filme|"
        "\\bcena\\b|m[úu]sica|s[ée]rie|anime|livro|romance|como (responder|perguntar)"}},
      {"es",
       {"prevenci[óo]n|investigaci[óo]n|estad[íi]stica|noticia|art[íi]culo|pol[íi]tica|"
        "pel[íi]cula|\\bserie\\b|escena|canci[óo]n|telenovela|anime|novela|libro|"
        "c[óo]mo (le )?pregunt|c[óo]mo (le )?respond"}},
      {"tl", {"pag-iwas|pananaliksik|balita|istatistika|palabas|pelikula|eksena|kanta|teleserye"}},
      {"id",
       {"pencegahan|meneliti|penelitian|berita|statistik|skripsi|\\bfilm\\b|\\bdrama\\b|"
        "adegan|\\blagu\\b|sinetron|anime|\\bnovel\\b|\\bbuku\\b"}},
      {"vi",
       {"phòng chống|phòng ngừa|nghiên cứu|tin tức|thống kê|luận văn|chính sách|\\bphim\\b|"
        "bài hát|\\bcảnh\\b"}},
      {"ko", {"예방|연구|조사|정책|뉴스|통계|논문|드라마|영화|장면|노래|웹툰|애니|소설"}},
      {"zh-Hans",
       {"预防|防治|报告|资料|作业|研究|调查|政策|新闻|统计|论文|人数|数据|如果(有人|朋友|别人)|"
        "怎么回应|电视剧|社工|个案|志工|义工|辅导员|培训课程|"
        "电影|剧情|场景|歌词|动漫|日剧|韩剧|小说|这部剧|那部剧|追剧|剧里|女主|男主|主角|"
        "漫画|番剧|游戏里"}},
      {"zh-Hant",
       {"預防|防治|報告|資料|作業|研究|調查|政策|新聞|統計|論文|人數|數據|如果(有人|朋友|別人)|"
        "怎麼回應|電視劇|社工|個案|志工|義工|輔導員|訓練課程|"
        "電影|劇情|場景|歌詞|動漫|日劇|韓劇|小說|這部劇|那部劇|追劇|劇裡|女主|男主|主角|"
        "漫畫|遊戲裡"}},
      {"ne", {"रोकथाम|अनुसन्धान|समाचार|तथ्यांक|फिल्म|गीत|नाटक"}},
      // Romaji Japanese (the kana reading is the meaning layer's): sotsuron, toukei, data.
      {"ja", {"\\b(toukei|sotsuron|ronbun|repooto|kenkyuu|deeta|data|jugyou)\\b"}},
  };
  return kSubject.all_found(raw_text, lang);
}

// A danger told as over in the languages the meaning layer does not read: a time before and
// a present that is well or safe, both in the message ("she left him last month, she's safe
// now", 我朋友以前想自殺，現在好很多了). As in Japanese, asked about, never the crisis answer.
bool told_as_over_outside_japanese(std::string_view raw_text, std::string_view lang) {
  // Per language: a time before, then a present that is well or safe.
  static const WordsByLanguage kOver = {
      {"en",
       {"\\b(used to|years? ago|months? ago|last (year|month|summer|winter)|back then|when i was|"
        "in the past)\\b",
        "\\b((is|am|are|'s|'m) (safe|fine|okay|ok|better|doing (well|better|fine)) now|"
        "(been )?clean (for )?(\\d+|a few|many|several) (years?|yrs?|months?)|"
        "now (she|he|i|they|we)('s|'m| is| am| are) (safe|fine|okay|ok|better)|much better now|"
        "recovered|moved on)\\b"}},
      {"zh-Hans",
       {"以前|过去|去年|那时|曾经|几年前|上个月",
        "现在(已经)?(好|没事|安全|很好|稳定)|好多了|好很多|康复|走出来"}},
      {"zh-Hant",
       {"以前|過去|去年|那時|曾經|幾年前|上個月",
        "現在(已經)?(好|沒事|安全|很好|穩定)|好多了|好很多|康復|走出來"}},
      {"ko",
       {"예전에|옛날에|작년에|전에는|몇 년 전|지난달",
        "지금은 (괜찮|좋아|안전|잘 지내)|많이 좋아졌|회복"}},
      {"vi",
       {"trước đây|hồi trước|năm ngoái|ngày xưa|mấy năm trước|tháng trước",
        "bây giờ (đã |thì )?(ổn|khỏe|an toàn|tốt hơn)|đã khỏi|đỡ hơn nhiều|đã vượt qua"}},
      {"pt",
       {"no passado|ano passado|m[êe]s passado|h[áa] (\\d+|alguns|uns) anos|quando eu era",
        "agora (j[áa] )?(est[áa]|estou|t[áa]|to) (bem|segur[ao]|melhor)|j[áa] passou|se recuperou|"
        "me recuperei"}},
      {"es",
       {"en el pasado|el año pasado|el mes pasado|hace (\\d+|unos|algunos) años|cuando era",
        "ahora (ya )?(est[áa]|estoy) (bien|a salvo|segur[ao]|mejor)|ya pas[óo]|se recuper[óo]|"
        "me recuper[ée]"}},
      {"tl",
       {"\\bdati\\b|noong isang taon|noong nakaraang buwan|ilang taon na",
        "ngayon (ay )?(okay|ok|maayos|ligtas|mas mabuti|magaling)|gumaling"}},
      {"id",
       {"\\bdulu\\b|dahulu|tahun lalu|bulan lalu|beberapa tahun (yang )?lalu",
        "sekarang (sudah )?(baik|aman|lebih baik|membaik|tenang)|sudah pulih"}},
      {"ne", {"पहिले|गत वर्ष|केही वर्ष अघि|गत महिना", "अहिले (ठीक|सुरक्षित|राम्रो)|निको"}},
  };
  return kOver.all_found(raw_text, lang);
}

// Harm from someone named to deny it, in the languages the meaning layer does not read ("he
// has never hit me", "no me pega", "não me bate"): asked about, never the crisis answer.
bool denied_outside_japanese(std::string_view raw_text, std::string_view lang) {
  static const WordsByLanguage kDenied = {
      {"en",
       {"\\b(never|not once) (hit|hits|beat|beats|hurt|hurts|touched) me\\b|"
        "\\b(has|have)( never|n't|nt) (hit|beaten|hurt) me\\b|"
        "\\b(does|did)( not|n't|nt) (hit|beat|hurt) me\\b"}},
      {"es",
       {"\\bno me (pega|golpea|ha pegado|ha golpeado)\\b|\\bnunca me (pega|golpea|ha pegado)"}},
      {"pt", {"\\bn(ã|a)o me (bate|bateu|agride)\\b|\\bnunca me (bateu|bate|agrediu)"}},
      {"tl", {"hindi (niya )?ako (sinasaktan|sinaktan|binubugbog)"}},
      {"id", {"(tidak|tak|gak|nggak) pernah (memukul|mukul|menampar)"}},
      {"vi", {"không (bao giờ )?đánh (tôi|em|mình)|chưa (bao giờ )?đánh"}},
      {"ko", {"때리지는? 않|때린 적은? 없"}},
      {"zh-Hans", {"(没有|没|不)(打|动手打)(过)?我|从(来)?不打"}},
      {"zh-Hant", {"(沒有|沒|不)(打|動手打)(過)?我|從(來)?不打"}},
  };
  return kDenied.all_found(raw_text, lang);
}

// OD(オーバードライブ), PC（パソコン）: a Latin abbreviation glossed in katakana right after it
// is read as the gloss, so an abbreviation that is also a crisis word (OD) means what the
// writer says it means; OD(オーバードーズ) still reads as an overdose.
std::string with_glosses_read(std::string_view raw_text) {
  if (raw_text.find('(') == std::string_view::npos &&
      raw_text.find("\xEF\xBC\x88") == std::string_view::npos)  // （
    return std::string(raw_text);
  static const RE2 kGloss("\\b[A-Za-z]{2,5}\\s*[(（]([ァ-ヺー・]+)[)）]");
  std::string out(raw_text);
  RE2::GlobalReplace(&out, kGloss, "\\1");
  return out;
}

// An everyday state said "to death" in the languages the meaning layer does not read: heat,
// cold, tiredness, sleepiness, laughter, excitement, taste ("nóng muốn chết", "mệt muốn chết
// luôn", "panas banget mau mati"). The message with these phrases taken out; a crisis rule that
// still matches it is not hyperbole. Hunger and pain are not here: as in Japanese
// (死ぬほどお腹すいた), they are often real deprivation and stay caught.
std::string without_everyday_figures(std::string_view raw_text) {
  static const RE2 kFigure(
      "(?i)\\b(n[óo]ng|m[ệe]t|l[ạa]nh|bu[ồo]n ng[ủu]|h[ồo]i h[ộo]p|vui|s[ưu][ớo]ng|ngon|c[ưu][ờo]i|"
      "b[ậa]n|panas|dingin|capek|cape|ngantuk|seneng|senang|ketawa|lucu|enak|sibuk)"
      "( (qu[áa]|th[ếe]|l[ắa]m|banget|bgt|sekali|amat))? (mu[ốo]n ch[ếe]t|(mau |pengen |ingin "
      ")?mati)\\b");
  std::string text(raw_text);
  RE2::GlobalReplace(&text, kFigure, " ");
  return text;
}

// Small vowels and ー folded: how people stretch or soften a word ("しにたぃ", "しにたぁい",
// "しーにーたーい") without changing it. Only for crisis matching: elsewhere ー carries meaning.
// Writes the folded form of `s` into `out`; false when nothing changed.
bool fold_stylised_kana(const std::string& s, std::string& out) {
  out.clear();
  bool changed = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 == 0xE3 && i + 2 < s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      const auto b2 = static_cast<unsigned char>(s[i + 2]);
      if (b1 == 0x83 && b2 == 0xBC) {  // ー U+30FC
        i += 2;
        changed = true;
        continue;
      }
      // ぁ(3041) ぃ(3043) ぅ(3045) ぇ(3047) ぉ(3049): E3 81 81/83/85/87/89. Before a big
      // vowel it stretches the sound ("しにたぁい"): drop it. Otherwise it stands for the big
      // vowel ("しにたぃ"): +1 gives あいうえお.
      if (b1 == 0x81 && (b2 == 0x81 || b2 == 0x83 || b2 == 0x85 || b2 == 0x87 || b2 == 0x89)) {
        changed = true;
        if (i + 5 < s.size() && static_cast<unsigned char>(s[i + 3]) == 0xE3 &&
            static_cast<unsigned char>(s[i + 4]) == 0x81) {
          const auto n2 = static_cast<unsigned char>(s[i + 5]);
          if (n2 == 0x82 || n2 == 0x84 || n2 == 0x86 || n2 == 0x88 || n2 == 0x8A) {
            i += 2;
            continue;
          }
        }
        out.push_back(s[i]);
        out.push_back(s[i + 1]);
        out.push_back(static_cast<char>(b2 + 1));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return changed;
}

struct Rule {
  std::string id;
  CrisisKind kind = CrisisKind::kNone;
  bool immediate = false;
  bool check = false;  // asks (level check) instead of answering with the crisis lines
};

// Higher is more urgent: immediate first, then suicide before violence (a person who wants
// to die and is hurt by someone gets the 24-hour suicide lines first; both are shown by the
// engine when `also` is set).
int urgency(const Rule& r) {
  return (r.check ? 0 : 4) + (r.immediate ? 2 : 0) + (r.kind == CrisisKind::kSuicide ? 1 : 0);
}

class RuleCrisisDetector final : public CrisisDetector {
 public:
  RuleCrisisDetector(std::vector<Rule> rules, std::unique_ptr<PatternSet> set,
                     std::unique_ptr<MeaningReader> meaning, std::unique_ptr<RiskModel> model)
      : rules_(std::move(rules)),
        set_(std::move(set)),
        meaning_(std::move(meaning)),
        model_(std::move(model)) {}

  // The rules first; a message they leave at none is given to the model, which can only
  // raise it to check (ask), with the kind it finds more likely. Not for very short
  // messages (「戻る」, 「明日は晴れ」, emoji alone: too little for the model to go on, and the
  // rules know the short crisis phrases), nor where the meaning layer found hyperbole.
  // Japanese typed in romaji is read in hiragana too (intents/romaji.h): the rules, the
  // meaning layer and the model see both the letters and the kana.
  CrisisResult check(std::string_view raw_text) const override {
    return check_text(with_kana_reading(with_glosses_read(raw_text)));
  }

 private:
  CrisisResult check_text(std::string_view raw_text) const {
    bool hyperbole = false;
    CrisisResult found = check_rules(raw_text, hyperbole);
    // "lol my boss is gonna kill me 😂": a threat rule's crisis now, said laughing outside
    // Japanese, is asked about too (the check answer still shows 110 first for violence).
    const bool laughed_off_threat = found.level == RiskLevel::kCrisis && found.immediate_danger &&
                                    found.kind == CrisisKind::kViolence &&
                                    found.also == CrisisKind::kNone && meaning_ &&
                                    laughing_outside_japanese(raw_text, detect_language(raw_text));
    if (laughed_off_threat) {
      found.level = RiskLevel::kCheck;
      found.immediate_danger = false;
      return found;
    }
    if (found.level != RiskLevel::kNone && !found.immediate_danger && meaning_) {
      const std::string_view lang = detect_language(raw_text);
      if (lang != "ja") {
        const std::string plain = without_everyday_figures(raw_text);
        if (plain.size() != raw_text.size() && match_rules(plain).level == RiskLevel::kNone)
          return {};
      }
      // "this test is gonna kill me lmao", "죽고 싶다 ㅋㅋ": a set phrase said laughing in a
      // language the meaning layer does not read is asked about rather than answered; so is
      // suicide named as a subject of study or news there.
      if (found.level == RiskLevel::kCrisis &&
          (laughing_outside_japanese(raw_text, lang) ||
           about_the_subject_outside_japanese(raw_text, lang) ||
           told_as_over_outside_japanese(raw_text, lang) ||
           (found.kind == CrisisKind::kViolence && denied_outside_japanese(raw_text, lang)))) {
        found.level = RiskLevel::kCheck;
        return found;
      }
    }
    if (found.level != RiskLevel::kNone || !model_ || hyperbole ||
        utf8::code_points(normalize(raw_text)) < kModelMinChars)
      return found;
    const RiskPrediction p = model_->predict(raw_text);
    if (p.risk() < model_->threshold())
      return found;
    found.level = RiskLevel::kCheck;
    found.kind = p.other > p.self ? CrisisKind::kViolence : CrisisKind::kSuicide;
    found.rule_id = "model";
    found.by_model = true;
    return found;
  }

  CrisisResult check_rules(std::string_view raw_text, bool& hyperbole) const {
    CrisisResult surface = match_rules(raw_text);
    if (!meaning_)
      return surface;
    const Reading reading = meaning_->read(raw_text);
    // The meaning layer reads Japanese: Chinese shares its characters (弄死我, 累死了), but
    // what it reads there is not meant (累死了 is tired, not dying) and its ceilings are not
    // to lower what the surface rules found.
    // (Only worth asking when something fired: most messages pass with nothing found.)
    const bool fired =
        surface.level != RiskLevel::kNone || reading.level != RiskLevel::kNone || reading.hyperbole;
    // (限界, 絶望 sent alone: a few kanji and nothing else are read as Japanese here, where the
    // language of the whole is a guess.)
    if (fired && detect_language(raw_text) != "ja" && !few_kanji_only(raw_text))
      return surface;
    hyperbole = reading.hyperbole;
    // Hyperbole (死ぬほど眠い) or a subject (自殺予防のポスター): a surface crisis or check
    // that comes only from such sentences is lowered to what the meaning layer says they are
    // (none, or check with distress).
    if (reading.hyperbole && surface.level > reading.hyperbole_level &&
        !match_rules(reading.rest).hit()) {
      surface.level = reading.hyperbole_level;
      if (surface.level == RiskLevel::kNone)
        surface = {};
      else
        surface.immediate_danger = false;
    }
    // Harm told as over, only denied or named as a subject: a violence rule's crisis is
    // lowered to asking whether someone is hurting them now.
    if (surface.kind == CrisisKind::kViolence && surface.also == CrisisKind::kNone &&
        surface.level > reading.violence_cap) {
      surface.level = reading.violence_cap;
      surface.immediate_danger = false;
    }
    if (reading.level > surface.level ||
        (reading.level == surface.level && reading.level != RiskLevel::kNone && reading.immediate &&
         !surface.immediate_danger)) {
      CrisisResult meant;
      meant.level = reading.level;
      meant.kind = reading.kind;
      meant.immediate_danger = reading.immediate;
      meant.rule_id = reading.rule;
      if (surface.kind != CrisisKind::kNone && surface.kind != reading.kind)
        meant.also = surface.kind;
      else
        meant.also = surface.also;
      return meant;
    }
    if (surface.kind != CrisisKind::kNone && reading.kind != CrisisKind::kNone &&
        reading.kind != surface.kind && reading.level == RiskLevel::kCrisis)
      surface.also = reading.kind;
    return surface;
  }

  CrisisResult match_rules(std::string_view raw_text) const {
    // One RE2::Set over every rule: the cost is one DFA pass per text form, whatever the
    // number of rules. The buffers are per thread, so a check allocates little beyond the
    // normalised string.
    thread_local std::vector<int> hits;
    thread_local std::string folded;
    hits.clear();
    const std::string compact = normalize(raw_text);
    if (compact.empty())
      return {};
    set_->match(compact, &hits);
    if (fold_stylised_kana(compact, folded))
      set_->match(folded, &hits);
    // Digits for kana ("4にたい") and emoji for the means ("💊ぜんぶ").
    const std::string read_out = normalize(prepare_text(raw_text));
    if (read_out != compact)
      set_->match(read_out, &hits);
    // The spaced form only adds word breaks between ASCII words ("want to die"); text with
    // no ASCII letter gives nothing new there, so most Japanese messages take one pass.
    if (has_ascii_letter(compact)) {
      const std::string spaced = normalize_keep_spaces(raw_text);
      if (spaced != compact)
        set_->match(spaced, &hits);
    }
    if (hits.empty())
      return {};

    const Rule* best = nullptr;
    std::size_t best_index = 0;
    bool saw_suicide = false;
    bool saw_violence = false;
    for (int h : hits) {
      const auto i = static_cast<std::size_t>(h);
      const Rule& r = rules_[i];
      if (!r.check)
        (r.kind == CrisisKind::kSuicide ? saw_suicide : saw_violence) = true;
      if (best == nullptr || urgency(r) > urgency(*best) ||
          (urgency(r) == urgency(*best) && i < best_index)) {
        best = &r;
        best_index = i;
      }
    }
    CrisisResult result;
    result.level = best->check ? RiskLevel::kCheck : RiskLevel::kCrisis;
    result.kind = best->kind;
    result.immediate_danger = best->immediate;
    result.rule_id = best->id;
    if (saw_suicide && saw_violence) {
      result.also =
          best->kind == CrisisKind::kSuicide ? CrisisKind::kViolence : CrisisKind::kSuicide;
    }
    return result;
  }

  std::vector<Rule> rules_;
  std::unique_ptr<PatternSet> set_;
  std::unique_ptr<MeaningReader> meaning_;
  std::unique_ptr<RiskModel> model_;  // null: rules only
};

}  // namespace

CrisisDetector::~CrisisDetector() = default;

Result<std::unique_ptr<CrisisDetector>> CrisisDetector::load(std::string_view tsv,
                                                             const std::string& source_name) {
  return load(tsv, source_name, nullptr);
}

Result<std::unique_ptr<CrisisDetector>> CrisisDetector::load(std::string_view tsv,
                                                             const std::string& source_name,
                                                             std::unique_ptr<MeaningReader> meaning,
                                                             std::unique_ptr<RiskModel> model) {
  auto set = std::make_unique<PatternSet>();
  std::vector<Rule> rules;

  auto rows = read_rule_rows(tsv, source_name, 4);
  if (!rows.ok())
    return rows.error();
  for (const RuleRow& row : rows.value()) {
    const std::string where = source_name + ":" + std::to_string(row.line);
    Rule rule;
    rule.id = row.fields[0];
    if (rule.id.empty())
      return Error::invalid_argument(where, "empty rule id");
    for (const Rule& earlier : rules) {
      if (earlier.id == rule.id) {
        return Error::invalid_argument(where, "duplicate rule id '" + rule.id + "'");
      }
    }
    const std::string& kind = row.fields[1];
    if (kind == "suicide") {
      rule.kind = CrisisKind::kSuicide;
    } else if (kind == "violence") {
      rule.kind = CrisisKind::kViolence;
    } else {
      return Error::invalid_argument(
          where, "rule '" + rule.id + "': kind must be suicide or violence, got '" + kind + "'");
    }
    const std::string& immediate = row.fields[2];
    if (immediate != "yes" && immediate != "no" && immediate != "check") {
      return Error::invalid_argument(
          where,
          "rule '" + rule.id + "': immediate must be yes, no or check, got '" + immediate + "'");
    }
    rule.immediate = immediate == "yes";
    rule.check = immediate == "check";
    const std::string& pattern = row.fields[3];
    const std::string problem = set->add(pattern);
    if (!problem.empty())
      return Error::invalid_argument(where, "rule '" + rule.id + "': " + problem);
    rules.push_back(std::move(rule));
  }
  if (rules.empty())
    return Error::invalid_argument(source_name, "no rules");
  if (!set->compile()) {
    return Error::invalid_argument(source_name, "the rules do not fit in memory together");
  }
  return std::unique_ptr<CrisisDetector>(std::make_unique<RuleCrisisDetector>(
      std::move(rules), std::move(set), std::move(meaning), std::move(model)));
}

Result<std::unique_ptr<CrisisDetector>> CrisisDetector::load_bundled(bool with_meaning,
                                                                     bool with_model) {
  return load_bundled(with_meaning, with_model, nullptr);
}

Result<std::unique_ptr<CrisisDetector>> CrisisDetector::load_bundled(
    bool with_meaning, bool with_model, std::unique_ptr<RiskModel> model) {
  const auto data = embedded_file(kBundledPath);
  if (!data)
    return Error::internal(kBundledPath, "not embedded in this binary");
  if (!with_meaning)
    return load(*data, kBundledPath, nullptr);
  ASSIGN_OR_RETURN(std::unique_ptr<MeaningReader> meaning, MeaningReader::load_bundled());
  if (!with_model) {
    model.reset();
  } else if (!model) {
    ASSIGN_OR_RETURN(model, RiskModel::load_bundled());
  }
  return load(*data, kBundledPath, std::move(meaning), std::move(model));
}

const char* risk_level_name(RiskLevel level) {
  switch (level) {
    case RiskLevel::kCrisis:
      return "crisis";
    case RiskLevel::kCheck:
      return "check";
    case RiskLevel::kNone:
      break;
  }
  return "none";
}

}  // namespace shirube::intents
