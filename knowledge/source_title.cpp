#include "knowledge/source_title.h"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "knowledge/text.h"

namespace shirube::knowledge {
namespace {

// The romanised prefecture names used in their official hosts (pref.<name>.lg.jp).
constexpr std::pair<const char*, const char*> kPrefectureHosts[] = {
    {"hokkaido", "北海道"},    {"aomori", "青森県"},     {"iwate", "岩手県"},
    {"miyagi", "宮城県"},      {"akita", "秋田県"},      {"yamagata", "山形県"},
    {"fukushima", "福島県"},   {"ibaraki", "茨城県"},    {"tochigi", "栃木県"},
    {"gunma", "群馬県"},       {"saitama", "埼玉県"},    {"chiba", "千葉県"},
    {"tokyo", "東京都"},       {"kanagawa", "神奈川県"}, {"niigata", "新潟県"},
    {"toyama", "富山県"},      {"ishikawa", "石川県"},   {"fukui", "福井県"},
    {"yamanashi", "山梨県"},   {"nagano", "長野県"},     {"gifu", "岐阜県"},
    {"shizuoka", "静岡県"},    {"aichi", "愛知県"},      {"mie", "三重県"},
    {"shiga", "滋賀県"},       {"kyoto", "京都府"},      {"osaka", "大阪府"},
    {"hyogo", "兵庫県"},       {"nara", "奈良県"},       {"wakayama", "和歌山県"},
    {"tottori", "鳥取県"},     {"shimane", "島根県"},    {"okayama", "岡山県"},
    {"hiroshima", "広島県"},   {"yamaguchi", "山口県"},  {"tokushima", "徳島県"},
    {"kagawa", "香川県"},      {"ehime", "愛媛県"},      {"kochi", "高知県"},
    {"fukuoka", "福岡県"},     {"saga", "佐賀県"},       {"nagasaki", "長崎県"},
    {"kumamoto", "熊本県"},    {"oita", "大分県"},       {"miyazaki", "宮崎県"},
    {"kagoshima", "鹿児島県"}, {"okinawa", "沖縄県"},
};

// National bodies by their host (the longest match wins: sumakoma.mhlw.go.jp is 厚生労働省).
constexpr std::pair<const char*, const char*> kNationalHosts[] = {
    {"mhlw.go.jp", "厚生労働省"},
    {"moj.go.jp", "法務省"},
    {"gender.go.jp", "内閣府男女共同参画局"},
    {"notalone-cao.go.jp", "内閣府（孤独・孤立対策）"},
    {"cao.go.jp", "内閣府"},
    {"npa.go.jp", "警察庁"},
    {"caa.go.jp", "消費者庁"},
    {"mext.go.jp", "文部科学省"},
    {"cfa.go.jp", "こども家庭庁"},
    {"gov-online.go.jp", "政府広報オンライン"},
    {"wam.go.jp", "福祉医療機構（WAM NET）"},
    {"sabekai-tsunagu.go.jp", "内閣府（障害者差別の相談窓口）"},
};

// Words in a host that mark a news site, a blog, or a 社会福祉協議会.
constexpr const char* kNewsMarks[] = {
    "np.co.jp",   "shimpo",       "shimbun",  "nippo",     "times",      "asahi.com",  "nordot.app",
    "newsdig",    "keizai.biz",   "sankei",   "tbs.co.jp", "sun-tv",     "townnews",   "chunichi",
    "shimotsuke", "saga-s.co.jp", "373news",  "sanyonews", "sanin-chuo", "shigahochi", "data-max",
    "pier.news",  "fmyokohama",   "fmtoyama", "fmgifu",    "oita-press"};
constexpr const char* kBlogMarks[] = {"ameblo.jp", "hatenablog",    "blog.goo.ne.jp",
                                      "jimdofree", "biglobe.ne.jp", "sakura.ne.jp",
                                      "hamazo.tv"};
constexpr const char* kShakyoMarks[] = {"shakyo", "syakyo", "sfk.net", "fukushi-tokushima"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> labels(const std::string& host) {
  return text::split(host, '.');
}

bool is_ip(const std::string& host) {
  if (host.empty())
    return false;
  for (char c : host) {
    if (!((c >= '0' && c <= '9') || c == '.'))
      return false;
  }
  return true;
}

bool ends_with_host(const std::string& host, const std::string& suffix) {
  return host == suffix || text::ends_with(host, "." + suffix);
}

// Who published a page on `host`, or "" when the host says nothing we can name.
std::string publisher(const std::string& host) {
  const char* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& [h, name] : kNationalHosts) {
    const std::string suffix(h);
    if (ends_with_host(host, suffix) && suffix.size() > best_len) {
      best = name;
      best_len = suffix.size();
    }
  }
  if (best != nullptr)
    return best;
  const std::vector<std::string> parts = labels(host);
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i] == "pref" || (parts[i] == "metro" && parts[i + 1] == "tokyo")) {
      for (const auto& [romaji, name] : kPrefectureHosts) {
        if (parts[i + 1] == romaji)
          return name;
      }
    }
  }
  if (ends_with_host(host, "go.jp"))
    return "国の機関";
  static constexpr std::pair<const char*, const char*> kLocal[] = {
      {"city", "市"}, {"town", "町"}, {"vill", "村"}};
  for (const auto& [label, name] : kLocal) {
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      if (parts[i] == label)
        return name;
    }
  }
  if (ends_with_host(host, "mykoho.jp"))
    return "市区町村の広報紙";
  return "";
}

}  // namespace

std::string source_title_from_url(std::string_view url_in) {
  std::string url = lower(url_in);
  std::string copy;  // 「（…に保存された写し）」 when the page is a stored copy
  // An archive or a proxy that carries the original address in its path: name the original.
  const std::size_t scheme = url.find("://");
  std::size_t inner = std::string::npos;
  if (scheme != std::string::npos) {
    inner = std::min(url.find("https://", scheme + 3), url.find("http://", scheme + 3));
  }
  std::string host = text::url_host(url);
  if (ends_with_host(host, "megalodon.jp")) {
    copy = "（ウェブ魚拓に保存された写し）";
    // https://megalodon.jp/ref/2021-0626-1709-48/www.pref.tochigi.lg.jp/…
    const std::vector<std::string> path =
        text::split(url.substr(url.find(host) + host.size()), '/');
    host.clear();
    for (const auto& p : path) {
      if (p.find('.') != std::string::npos) {
        host = p;
        break;
      }
    }
  } else if (inner != std::string::npos && inner > scheme + 3) {
    copy = "（別のサイトを通した写し）";
    host = text::url_host(url.substr(inner));
  } else if (text::ends_with(host, ".cache.yimg.jp")) {
    copy = "（検索サイトに保存された写し）";
    // www-pref-gunma-jp.cache.yimg.jp: the original host with its dots written as dashes.
    host = host.substr(0, host.size() - std::string(".cache.yimg.jp").size());
    for (char& c : host) {
      if (c == '-')
        c = '.';
    }
  }
  if (text::starts_with(host, "www."))
    host = host.substr(4);
  if (host.empty() || is_ip(host))
    return "公開されているページ" + copy;
  std::string who = publisher(host);
  if (!who.empty())
    return who + "のページ" + copy;
  for (const char* m : kNewsMarks) {
    if (text::contains(host, m))
      return "報道記事" + copy;
  }
  for (const char* m : kShakyoMarks) {
    if (text::contains(host, m))
      return "社会福祉協議会のページ" + copy;
  }
  for (const char* m : kBlogMarks) {
    if (text::contains(host, m))
      return "ブログ" + copy;
  }
  return "民間団体などのページ" + copy;
}

}  // namespace shirube::knowledge
