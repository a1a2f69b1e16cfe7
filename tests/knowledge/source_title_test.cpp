#include "knowledge/source_title.h"

#include <string>

#include <catch2/catch.hpp>

using namespace shirube;  // NOLINT(google-build-using-namespace)

TEST_CASE("SourceTitle: who published the page, never the bare address", "[knowledge]") {
  auto [url, title] = GENERATE(table<std::string, std::string>({
      {"https://www.mhlw.go.jp/mamorouyokokoro/", "厚生労働省のページ"},
      {"https://sumakoma.mhlw.go.jp/", "厚生労働省のページ"},
      {"https://www8.cao.go.jp/x.html", "内閣府のページ"},
      {"https://www.notalone-cao.go.jp/", "内閣府（孤独・孤立対策）のページ"},
      {"https://www.pref.yamanashi.jp/a.html", "山梨県のページ"},
      {"https://web.pref.hyogo.lg.jp/a.html", "兵庫県のページ"},
      {"https://www.fukushihoken.metro.tokyo.lg.jp/a", "東京都のページ"},
      {"https://www.city.sendai.jp/a", "市のページ"},
      {"https://www.town.shimamoto.lg.jp/a", "町のページ"},
      {"https://www-pref-gunma-jp.cache.yimg.jp/a", "群馬県のページ（検索サイトに保存された写し）"},
      {"https://megalodon.jp/ref/2021-0626-1709-48/www.pref.tochigi.lg.jp/c03/a.html",
       "栃木県のページ（ウェブ魚拓に保存された写し）"},
      {"http://40.74.122.252/index.cgi/larger-text/https://www.moj.go.jp/isa/a.pdf",
       "法務省のページ（別のサイトを通した写し）"},
      {"http://210.140.72.150/seikatsukankyo/a.html", "公開されているページ"},
      {"https://www.kyoto-np.co.jp/articles/-/1", "報道記事"},
      {"https://www.g-shakyo.or.jp/a", "社会福祉協議会のページ"},
      {"https://ameblo.jp/x/entry-1.html", "ブログ"},
      {"https://childline.or.jp/chat", "民間団体などのページ"},
      {"", "公開されているページ"},
  }));
  CAPTURE(url);
  CHECK(knowledge::source_title_from_url(url) == title);
}
