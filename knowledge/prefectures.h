#pragma once
// Prefecture parsing beyond knowledge_base.h's prefecture_code(): finding the prefectures
// named in free area text ("東京都新宿区、北海道旭川市", "全国,山梨県,福岡県").
// Thread-safety: pure functions over immutable data.

#include <string_view>
#include <vector>

namespace shirube::knowledge {

// Codes of every prefecture named (full name, e.g. 山梨県, or 北海道) in `text`, in code
// order, without duplicates. Other words ("関東各都県", "全国") are ignored.
std::vector<int> prefectures_in_text(std::string_view text);

// True when `text` says nationwide (全国).
bool is_national_text(std::string_view text);

}  // namespace shirube::knowledge
