#pragma once
// The optional 「ほかに困っていることはありますか」 answer of a food-support application, made
// safe to keep for counting: e-mail addresses, LINE ids after 「ID」, phone numbers and names
// (the nickname the person gave, up to 8 characters before さん/くん/ちゃん/様/氏/先生 or
// 「といいます」, and what follows 「名前は」) are replaced by ［メール］, ［ID］, ［電話番号］
// and ［名前］. It errs on the side of removing too much. The intent matcher then gives the
// category it is counted under (docs/food-requests.md).
// Thread-safety: pure functions.

#include <string>
#include <string_view>

namespace shirube::intents {
class IntentMatcher;
}

namespace shirube::bot {

// Full-width digits, letters and signs (０９０－１２３４, ｍａｉｌ＠…) and the ideographic space as
// ASCII; everything else unchanged.
std::string ascii_forms(std::string_view text);

// The text with personal details replaced (see above); `nickname` may be "".
std::string scrub_worries(std::string_view text, std::string_view nickname);

// The top category of the matcher for `scrubbed`, "other" when nothing matched, "" for "".
std::string classify_worries(const intents::IntentMatcher& matcher, std::string_view scrubbed);

}  // namespace shirube::bot
