#include "intents/language.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

#include "common/utf8.h"

namespace shirube::intents {
namespace {

constexpr std::string_view kJapanese = "ja";
constexpr std::string_view kSimplified = "zh-Hans";
constexpr std::string_view kTraditional = "zh-Hant";
constexpr std::string_view kKorean = "ko";
constexpr std::string_view kNepali = "ne";
constexpr std::string_view kUnknown;

// Han characters that settle a kana-free text: Japanese-only forms (shinjitai and kokuji),
// then forms only simplified or only traditional Chinese writes (pairs in the same order).
constexpr std::u32string_view kJapaneseHan =
    U"気払売駅働込歳険済労関経発対続読様帰児図広転伝県悪仮楽薬検剤実営圧応価壊覚拡権黒乗歩毎"
    U"変単訳験齢譲勧観辺姉畑峠枠匂円沢浜戻隠従弾恵雑歯臓聴処";
constexpr std::u32string_view kSimplifiedHan =
    U"这们个说时会对没国过还发么钱给话问题请让帮药劳动资应该边样东车门开关长书买卖见觉记认识"
    U"语读写习电为实现热点经济离当欢难饭银饿务业负债员无爱乐从来吗谁专岁儿签证馆网费贷带险疗"
    U"诊钟头妈办处华机进虽视伤压独怀骂杀爷学师赶约骗领护续医脑体号变顾旧恶两厅亲观历惯际礼产"
    U"听闻间问钟级够";
constexpr std::u32string_view kTraditionalHan =
    U"這們個說時會對沒國過還發麼錢給話問題請讓幫藥勞動資應該邊樣東車門開關長書買賣見覺記認識"
    U"語讀寫習電為實現熱點經濟離當歡難飯銀餓務業負債員無愛樂從來嗎誰專歲兒簽證館網費貸帶險療"
    U"診鐘頭媽辦處華機進雖視傷壓獨懷罵殺爺學師趕約騙領護續醫腦體號變顧舊惡兩廳親觀歷慣際禮產"
    U"聽聞間問鐘級夠後牠裡";

// Latin-script languages, in tie-break order, each with its frequent words (lower case,
// apostrophes dropped, space-separated with a space at both ends). A word may be in several
// lists; it then scores for each.
struct Lexicon {
  std::string_view code;
  std::string_view words;
};

constexpr std::array<Lexicon, 8> kLexicons = {{
    {"en",
     " the and is are am was were be been i im me my mine you your he she it its we our they them"
     " this that these what when where who why how can cant could would should will wont do does"
     " did dont doesnt didnt have has had not no to of in on at for from with about but so"
     " because if or just very really need want help please there here any some get got an a"
     " ive id ill anyone someone hello hi hey thanks thank "},
    {"es",
     " el la los las lo que de del y en un una unos es está esta este estoy estás están son soy"
     " fue ser por para con sin mi mis tu yo me te se le les nos no sí si pero muy más mas hay"
     " porque cómo como qué cuando dónde donde ya tengo tiene tienen puedo puede hace nada algo"
     " ayuda necesito quiero ahora también aquí aqui eso esto mucho todo a hola gracias "},
    {"pt",
     " o os a as que de do da dos das no na nos nas em um uma é e eu meu minha meus você voce vc"
     " não nao sim com para pra por mas muito muita estou está esta este tenho tem têm ele ela"
     " eles isso isto ao aos já também tambem aqui quando onde porque como mais sou foi ser preciso"
     " quero ajuda agora nada algo todo pelo pela às vocês vcs tô tá né olá oi obrigado obrigada "},
    {"tl",
     " ang ng mga sa ako ko ka mo siya kami kayo sila tayo hindi na at ay po opo ano bakit pero"
     " wala walang may meron lang naman kasi ba din rin yung nang ito iyan akin natin namin"
     " talaga gusto kailangan paano saan kung para kaya dito doon nga pa si ni niya nila nyo"
     " ninyo kumusta salamat "},
    {"id",
     " saya aku yang dan di ke dari tidak tak ini itu ada dengan untuk tapi sudah belum bisa mau"
     " apa kami kita mereka karena juga tolong bagaimana gimana nggak gak enggak sangat banget saja"
     " aja kalau kalo punya atau akan dia sini sana oleh pada harus perlu ingin terus tiap udah sih"
     " dong kok deh nih halo terima kasih "},
    {"vi",
     " tôi toi không khong là của cua có và em anh chị mình minh được duoc người nguoi những nhung"
     " cho với voi này đã đang dang rất rat làm lam gì nào bị bạn về tiền tien việc viec ở rồi"
     " roi cũng cung nên phải phai muốn muon cần giúp giup một mot các cac thì thi nhưng nhiều"
     " nhieu xin chào cảm ơn "},
    {"ne",
     " ma malai mero meri mera timro tapai tapain hami hamro uni usko cha chha chaina chhaina chu"
     " chhu chan chhan ho hoina ra pani ko ki lai le ta ke kina kasto kasari garna garnu gareko"
     " garchu garchha huncha hunchha hudaina bhayo bhaye thiyo sakdina sakina sakchu dai didi bhai"
     " ani tara kehi aba ali dherai yo tyo paisa kam khana chaiyo chahiyo parcha parchha gayo"
     " aayo namaste dhanyabad sabai kahile ahile aja bholi hijo kati kun kaha lagcha lagchha lagyo"
     " jau janu garne "},
    // Romanised Japanese: particles, copulas and very frequent words.
    {"ja",
     " mou desu masu nai kamo dekinai shitai dou kyou zenbu nanimo kimochi watashi boku ore demo"
     " kedo kara made dake node tte kudasai onegai arigatou sumimasen wakaranai hontou totemo"
     " sugoi muri yada iya jan mo wa ga wo soudan dareka hitori nanka nani doko itsu chotto"
     " zenzen yabai tsurai kowai sabishii hoshii tasukete shinpai daijoubu toko tokoro aru iru"
     " naru shiteru kyou ashita kinou okane shigoto kaisha gakkou kazoku tomodachi heya yachin"
     " kyuuryou "},
}};
constexpr std::size_t kVietnamese = 5;
constexpr std::size_t kRomanisedJapanese = 7;
static_assert(kLexicons[kRomanisedJapanese].code == "ja" && kLexicons[kVietnamese].code == "vi");
constexpr std::size_t kPortuguese = 2;
constexpr std::size_t kSpanish = 1;

bool in(char32_t cp, char32_t first, char32_t last) {
  return cp >= first && cp <= last;
}

bool is_kana(char32_t cp) {
  return in(cp, 0x3041, 0x309F) || in(cp, 0x30A0, 0x30FF) || in(cp, 0x31F0, 0x31FF) ||
         in(cp, 0xFF66, 0xFF9F);
}
bool is_han(char32_t cp) {
  return in(cp, 0x4E00, 0x9FFF) || in(cp, 0x3400, 0x4DBF) || in(cp, 0xF900, 0xFAFF) ||
         in(cp, 0x20000, 0x2FFFF);
}
bool is_hangul(char32_t cp) {
  return in(cp, 0xAC00, 0xD7A3) || in(cp, 0x1100, 0x11FF) || in(cp, 0x3130, 0x318F);
}
bool is_devanagari(char32_t cp) {
  return in(cp, 0x0900, 0x097F) || in(cp, 0xA8E0, 0xA8FF);
}
bool is_combining(char32_t cp) {
  return in(cp, 0x0300, 0x036F);
}
// Latin letters, lower-cased (ASCII, full-width ASCII, Latin-1, Latin Extended-A/B and
// Extended Additional, which holds the Vietnamese tone-marked vowels); 0 when not a letter.
char32_t latin_lower(char32_t cp) {
  if (in(cp, 0xFF21, 0xFF3A) || in(cp, 0xFF41, 0xFF5A))
    cp -= 0xFEE0;
  if (in(cp, 'A', 'Z'))
    return cp + 0x20;
  if (in(cp, 'a', 'z'))
    return cp;
  if (cp == 0xD7 || cp == 0xF7)
    return 0;
  if (in(cp, 0xC0, 0xDE))
    return cp + 0x20;
  if (in(cp, 0xDF, 0xFF))
    return cp;
  if (in(cp, 0x0100, 0x0137) || in(cp, 0x014A, 0x0177) || in(cp, 0x1E00, 0x1EFF))
    return cp | 1U;
  if (cp == 0x01A0 || cp == 0x01AF)
    return cp + 1;
  if (in(cp, 0x0138, 0x024F))
    return cp;
  return 0;
}
// Letters (already lower case) and combining marks only Vietnamese uses among our languages.
bool is_vietnamese_mark(char32_t cp) {
  return cp == 0x0103 || cp == 0x0111 || cp == 0x0129 || cp == 0x0169 || cp == 0x01A1 ||
         cp == 0x01B0 || in(cp, 0x1EA1, 0x1EF9) || cp == 0x0309 || cp == 0x0323 || cp == 0x031B;
}

// Appends the UTF-8 bytes of `cp` at buf[n]; false when it does not fit.
bool append_utf8(char32_t cp, char* buf, std::size_t cap, std::size_t& n) {
  char tmp[4];
  std::size_t len = 0;
  if (cp < 0x80) {
    tmp[len++] = static_cast<char>(cp);
  } else if (cp < 0x800) {
    tmp[len++] = static_cast<char>(0xC0 | (cp >> 6));
    tmp[len++] = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    tmp[len++] = static_cast<char>(0xE0 | (cp >> 12));
    tmp[len++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    tmp[len++] = static_cast<char>(0x80 | (cp & 0x3F));
  }
  if (n + len > cap)
    return false;
  for (std::size_t k = 0; k < len; ++k)
    buf[n++] = tmp[k];
  return true;
}

struct Counts {
  int kana = 0;
  int han = 0;
  int hangul = 0;
  int devanagari = 0;
  int latin = 0;
  int japanese_han = 0;
  int simplified_han = 0;
  int traditional_han = 0;
  std::array<int, kLexicons.size()> latin_score{};
};

// A word of romanised Japanese by its inflection: wanting (shitai), polite forms (masu,
// masen, mashita, desu, deshita), going on (shiteru, tteru), adjectives (shii, kunai, kute,
// katta), passive or done (rareta, rarete, chatta, jatta, nakatta), conditions (kereba); five
// letters at least, so that short words of other languages are not taken.
bool has_japanese_ending(std::string_view w) {
  static constexpr std::array<std::string_view, 21> kEndings = {
      "shitai", "mashita", "masen",  "masu",  "desu",    "deshita", "shiteru",
      "tteru",  "shii",    "kunai",  "kute",  "katta",   "rareta",  "sareta",
      "rarete", "sarete",  "chatta", "jatta", "nakatta", "kereba",  "dekinai"};
  if (w.size() < 5)
    return false;
  return std::any_of(kEndings.begin(), kEndings.end(), [w](std::string_view e) {
    return w.size() >= e.size() && w.compare(w.size() - e.size(), e.size(), e) == 0;
  });
}

// One word of Latin text, lower case, between spaces, as the lexicons store them.
class Word {
 public:
  Word() { clear(); }
  void clear() {
    len_ = 1;
    overflow_ = false;
  }
  void add(char32_t lower) {
    if (!append_utf8(lower, buf_, kCap - 1, len_))
      overflow_ = true;
  }
  bool empty() const { return len_ == 1; }
  // Scores the word in every lexicon that lists it.
  void score(Counts& c) {
    if (empty() || overflow_) {
      clear();
      return;
    }
    buf_[len_] = ' ';
    const std::string_view word(buf_, len_ + 1);
    for (std::size_t l = 0; l < kLexicons.size(); ++l) {
      if (kLexicons[l].words.find(word) != std::string_view::npos)
        ++c.latin_score[l];
    }
    // Romanised Japanese inflects: hanashitai, sabishii, dekimasen, okorareta. An ending only
    // Japanese has scores the word for Japanese (the lexicon cannot list every verb).
    if (has_japanese_ending(std::string_view(buf_ + 1, len_ - 1)))
      ++c.latin_score[kRomanisedJapanese];
    clear();
  }

 private:
  static constexpr std::size_t kCap = 48;
  char buf_[kCap] = {' '};
  std::size_t len_ = 1;
  bool overflow_ = false;
};

Counts count(std::string_view text) {
  Counts c;
  Word word;
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = utf8::next_code_point(text, i);
    if (cp == '\'' || cp == 0x2019)
      continue;  // "don't" -> "dont"
    if (const char32_t lower = latin_lower(cp); lower != 0) {
      ++c.latin;
      word.add(lower);
      if (is_vietnamese_mark(lower))
        c.latin_score[kVietnamese] += 2;
      else if (lower == 0xE3 || lower == 0xF5 || lower == 0xE7)  // ã õ ç
        ++c.latin_score[kPortuguese];
      else if (lower == 0xF1)  // ñ
        ++c.latin_score[kSpanish];
      continue;
    }
    if (is_combining(cp)) {  // decomposed text: the base letter is already in the word
      if (is_vietnamese_mark(cp))
        c.latin_score[kVietnamese] += 2;
      continue;
    }
    word.score(c);
    if (cp == 0xBF || cp == 0xA1) {  // ¿ ¡
      ++c.latin_score[kSpanish];
    } else if (is_kana(cp)) {
      ++c.kana;
    } else if (is_han(cp)) {
      ++c.han;
      if (kJapaneseHan.find(cp) != std::u32string_view::npos)
        ++c.japanese_han;
      if (kSimplifiedHan.find(cp) != std::u32string_view::npos)
        ++c.simplified_han;
      if (kTraditionalHan.find(cp) != std::u32string_view::npos)
        ++c.traditional_han;
    } else if (is_hangul(cp)) {
      ++c.hangul;
    } else if (is_devanagari(cp)) {
      ++c.devanagari;
    }
  }
  word.score(c);
  return c;
}

std::string_view latin_language(const Counts& c) {
  std::size_t best = 0;
  for (std::size_t l = 1; l < kLexicons.size(); ++l) {
    if (c.latin_score[l] > c.latin_score[best])
      best = l;
  }
  return c.latin_score[best] > 0 ? kLexicons[best].code : kUnknown;
}

}  // namespace

std::string_view detect_language(std::string_view text) {
  const Counts c = count(text);
  // A kana or Han character, or a Hangul syllable, carries about as much as three letters.
  constexpr int kCharWeight = 3;
  const int cjk = kCharWeight * (c.kana + c.han);
  const int korean = kCharWeight * c.hangul;
  const int heaviest = std::max({cjk, korean, c.devanagari, c.latin});
  if (heaviest == 0)
    return kUnknown;
  if (cjk == heaviest) {
    if (c.kana > 0 || c.japanese_han > 0)
      return kJapanese;
    return c.traditional_han > c.simplified_han ? kTraditional : kSimplified;
  }
  if (korean == heaviest)
    return kKorean;
  if (c.devanagari == heaviest)
    return kNepali;
  return latin_language(c);
}

}  // namespace shirube::intents
