#pragma once
// Does a message in the help chat come from a support worker writing about someone they
// support? A general rule over what the message says, on the normalized text
// (intents/normalize.h):
//   1. the writer names their own role: a role word (相談員, 支援員, ケースワーカー, 民生委員,
//      ソーシャルワーカー, 保健師, ケアマネ, 社協の職員 …) followed by words that make it the
//      writer's (です, をしています, として, の者, で働いています …); a role word with a
//      particle that makes it someone else (民生委員に, 社協に行った, ケースワーカーが) does not
//      count;
//   2. or the writer talks about a person in their charge: 支援している / 担当している /
//      受け持っている / 関わっている … + a person (方, 子, 利用者, ご家庭 …), or 利用者さん,
//      相談者さん, クライアント.
// Role words are masked before step 2, so 「担当のケースワーカー」 (a help-seeker's worker) is not
// 「担当のケース」. tests/data/worker_messages.tsv measures the rule on messages written after
// it, in four batches (docs/benchmarks.md has the numbers of each, measured before any change).
// Thread-safety: pure function (the word lists are built once).

#include <string_view>

namespace shirube::bot {

bool from_worker(std::string_view text);

}  // namespace shirube::bot
