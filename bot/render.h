#pragma once
// Renderer: turns a place in the tree into the Reply a person sees. It only shows; where the
// person goes is the engine's decision (bot/engine.cpp).
//   step()           the node the session is at: its texts and buttons; for a results node the
//                    cached directory answer (a page of cards, もっと見る when there is more,
//                    「つづきです。」 after the first page, a note when the area has only
//                    nationwide windows, an apology when nothing is found; every page ends
//                    with a nationwide line a tap reaches, and a local answer with a note on
//                    how to find the local window (Reply.notes); the first page of a food or
//                    care_leaver answer leads with 「食料支援を申し込む」, bot/food_form.h); a
//                    crisis node shows the crisis answer again without moving the person.
//   crisis()         the crisis answer of a crisis node with the urgent lines
//   (bot/crisis_answer.h). text_search()    free text that matched no category, looked up in the
//   directory: the cards (led by a 24-hour line when none of them can be tapped)
//                    found, or an apology with the current step; the buttons of the current step
//                    either way, at most three texts.
//   add_other_needs() the other needs one message named, as buttons before the step's own.
// Texts the bot says in its own words come from bot/texts.h.
// Thread-safety: const methods, safe from several threads (the cache is thread-safe); the tree,
// cache and texts must outlive the renderer.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bot/answer_cache.h"
#include "bot/reply.h"
#include "bot/session_store.h"
#include "bot/texts.h"
#include "common/error.h"
#include "intents/intent_matcher.h"
#include "intents/tree.h"
#include "knowledge/types.h"

namespace shirube::bot {

class Renderer {
 public:
  Renderer(const intents::Tree& tree, AnswerCache& cache, const Texts& texts, int stale_days);

  // Every method says what it says in the reply variant `lang` (common/reply_lang.h); step()
  // in the session's (st.reply).
  // The step at st.current (an unknown node resets `st` to the root), in st.reply; the root
  // also offers the language switch (Reply.languages). Fails only when the knowledge base fails.
  Result<Reply> step(SessionState& st, std::int64_t now) const;
  // The crisis answer of `node` (a crisis node). Fails only when the urgent lines cannot be read
  // and none were read before.
  // `multilingual`: the person writes in another language or reads English (lines that answer
  // in English or serve foreign residents first).
  Result<Reply> crisis(const intents::TreeNode& node, bool immediate, std::int64_t now,
                       ReplyLang lang = ReplyLang::kJa, bool multilingual = false) const;
  // The lines reached by writing, after `intro` (bot/crisis_answer.h written_lines_reply).
  Result<Reply> written_lines(const intents::TreeNode& node, const std::string& intro,
                              std::int64_t now, ReplyLang lang = ReplyLang::kJa) const;
  // `found`: the directory's answer to the free text; `current`: step() of where the person is.
  Reply text_search(const Result<knowledge::SearchResult>& found, Reply current, std::int64_t now,
                    ReplyLang lang = ReplyLang::kJa) const;
  // Up to two buttons for the categories of `matches` other than `answered` (and crisis), before
  // the reply's own, as long as the step stays within TreeLimits::kMaxQuickReplies.
  void add_other_needs(Reply& r, const std::vector<intents::IntentMatch>& matches,
                       const std::string& answered, ReplyLang lang = ReplyLang::kJa) const;
  // The language switch: the two variants other than `lang`, each named in itself.
  std::vector<Choice> language_choices(ReplyLang lang) const;

  // The prefecture's name (「山梨県」, "Yamanashi"), or 「お住まいの地域」 for an unknown code.
  std::string prefecture_name(int code, ReplyLang lang = ReplyLang::kJa) const;
  const Texts& texts() const { return texts_; }

 private:
  Result<Reply> results(const intents::TreeNode& node, const Snapshot& at, std::int64_t now,
                        ReplyLang lang) const;
  // Ends the page `shown` (already in r.cards) with a line a tap reaches nationwide, when the
  // last such card on it is not one: the need's own first (its nationwide answer), else a
  // 24-hour line for any worry from the urgent lines. Never 110/119 or a # number. It goes
  // before the programmes known without contact, and leads the `first` page when its first
  // card cannot be tapped.
  void add_nationwide_line(const intents::TreeNode& node,
                           const std::vector<knowledge::Service>& shown, Reply& r, bool first,
                           std::int64_t now, ReplyLang lang) const;
  // Adds the first nationwide line of `from` a tap reaches that is not in `shown` (24-hour
  // only when `only_24h`; never 110/119 or a line open only in announced periods), before the
  // programmes known without contact or leading a `first` page whose first card cannot be
  // tapped. False when there is none.
  bool add_line(const std::vector<knowledge::Service>& from,
                const std::vector<knowledge::Service>& shown, bool only_24h, bool first, Reply& r,
                std::int64_t now, ReplyLang lang) const;

  const intents::Tree& tree_;
  AnswerCache& cache_;
  const Texts& texts_;
  const int stale_days_;
  std::map<std::string, Localized> entry_labels_;  // entry node id -> button label
};

// The note that says how to find the local window for a need (top-level category id): the
// 地域包括支援センター for elderly, the 自立相談支援機関 / 福祉事務所 for money, housing, food,
// work and care leavers, the city office or 社会福祉協議会 otherwise. Never a number.
TextId local_window_note(const std::string& category);

// `r` with `text` before its texts (an error is returned as is).
Result<Reply> with_intro(Result<Reply> r, const std::string& text);

}  // namespace shirube::bot
