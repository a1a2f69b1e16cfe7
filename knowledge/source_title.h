#pragma once
// A readable title for a source page known only by its address, for the rows of the bundled
// TSVs (they carry a URL, no title): who published the page, in the words people use, never a
// bare domain or IP address.
//   https://www.mhlw.go.jp/…                      -> 厚生労働省のページ
//   https://www.pref.yamanashi.jp/…               -> 山梨県のページ
//   https://www.city.sendai.jp/…                  -> 市のページ
//   https://www-pref-gunma-jp.cache.yimg.jp/…     -> 群馬県のページ（検索サイトに保存された写し）
//   https://megalodon.jp/ref/…/www.pref.tochigi.lg.jp/… ->
//   栃木県のページ（ウェブ魚拓に保存された写し） https://www.kyoto-np.co.jp/…                  ->
//   報道記事 anything else                                 -> 民間団体などのページ
// The address itself stays in source_url, so the title can link to it.
// Thread-safety: pure function.

#include <string>
#include <string_view>

namespace shirube::knowledge {

std::string source_title_from_url(std::string_view url);

}  // namespace shirube::knowledge
