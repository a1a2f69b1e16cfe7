#pragma once
// FoodForm: the food-support application of care leavers as a dialogue (docs/food-requests.md,
// README "Food support"). The engine (bot/engine.cpp) keeps the order of a turn — the crisis
// check first, then this form while it is open (SessionState::form == "food") — and hands the
// form its taps (f=… postbacks, bot/postback.h) and its text.
//
// Steps, one question per message, each with 戻る and やめる:
//   region, pref     the prefecture when the session does not know it (a region, then a
//                    prefecture; or written: 「山梨県」)
//   consent          what it is, who receives it (the partners' names), what is asked and why;
//                    同意する / やめる. Without a partner in the prefecture: said plainly, with
//                    the food services of the area, and nothing is sent.
//   nickname (optional), age, municipality (routes to the partner; none there: as above),
//   left_care, household, allergies (optional), contact_method, contact_value (format-checked),
//   delivery, worries (optional; scrubbed at once, bot/food_worries.h), confirm (a summary;
//   送信する carries the draft's nonce, so a second tap finds the first request)
// After 送信する: the reference, who contacts the person and how, when, and the food services of
// the area. The answers live in FoodStore's draft until then, never in the session.
// Also: 「申込の状況」 (status()) and 「申込をとりけす」 (cancel()).
// Its buttons (postback f=…): start, consent, ans&v=<option>, skip, back, stop,
// send&t=<nonce>, resume, status, askcancel&v=<ref>, cancel&v=<ref>, keep. Values from the
// client are checked (an option index in range, a well-formed reference of this user).
// Every word it says is in bot/data/texts.json (bot/texts.h, kFood…).
// Thread-safety: const methods; the store is thread-safe; the engine serialises turns of a user.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bot/postback.h"
#include "bot/reply.h"
#include "bot/session_store.h"
#include "common/error.h"
#include "common/reply_lang.h"

namespace shirube::intents {
class IntentMatcher;
class Tree;
}  // namespace shirube::intents

namespace shirube::bot {

class FoodStore;
struct FoodDraft;
class Renderer;
class Texts;
enum class TextId : std::size_t;

class FoodForm {
 public:
  FoodForm(const intents::Tree& tree, const Texts& texts, const intents::IntentMatcher& matcher,
           FoodStore& store, const Renderer& render);

  // The option lists of texts.json have as many entries as the form has values for them.
  static Status check_texts(const Texts& texts);

  // True while the question on screen is 「ほかに困っていることはありますか」 (worries), the one
  // step where people write about their troubles; false otherwise or when the draft cannot be
  // read. The engine asks the risk model's check question there only (bot/engine.cpp).
  bool at_worries(const std::string& key) const;

  // Opens the form (the entry button, or 「食料支援を申し込みたい」).
  Result<Reply> start(SessionState& st, const std::string& key, std::int64_t now) const;
  // A tap with f=…; `pb.form` is not empty.
  Result<Reply> on_postback(SessionState& st, const Postback& pb, const std::string& key,
                            std::int64_t now) const;
  // Text while the form is open (after the engine's crisis check).
  Result<Reply> on_text(SessionState& st, const std::string& text, const std::string& key,
                        std::int64_t now) const;
  // The open question again (after a crisis answer or the check question); closes the form
  // when its draft is gone.
  Result<Reply> current(SessionState& st, const std::string& key, std::int64_t now) const;
  // 戻る inside the form.
  Result<Reply> back(SessionState& st, const std::string& key, std::int64_t now) const;
  // 「申込の状況」: the person's own requests.
  Result<Reply> status(const SessionState& st, const std::string& key) const;
  // 「申込をとりけす」: asks which / whether to cancel.
  Result<Reply> cancel(const SessionState& st, const std::string& key) const;
  // The button that resumes the form (added to a crisis answer given in its middle).
  Choice resume_choice(ReplyLang lang) const;

 private:
  Result<Reply> ask(SessionState& st, const std::string& key, std::int64_t now,
                    const std::string& problem = {}) const;
  Result<Reply> stop(SessionState& st, const std::string& key, std::int64_t now) const;
  // The draft moves on to `next` (remembering where it was, for 戻る), is saved, and its next
  // question is asked.
  Result<Reply> advance_to(SessionState& st, FoodDraft& d, const std::string& next,
                           const std::string& key, std::int64_t now) const;
  Result<Reply> no_partner(SessionState& st, const std::string& key, int prefecture,
                           const std::string& place, std::int64_t now) const;
  Result<Reply> submit(SessionState& st, const std::string& key, const std::string& token,
                       std::int64_t now) const;
  Result<Reply> cancel_ref(const SessionState& st, const std::string& key, const std::string& typed,
                           std::int64_t now) const;
  Result<Reply> choose_prefecture(SessionState& st, const std::string& key, FoodDraft d,
                                  int prefecture, std::int64_t now) const;
  Result<Reply> food_services(SessionState& st, int prefecture, std::int64_t now) const;
  // The labels of a |-separated list in the reply variant `lang`.
  std::vector<std::string> options(TextId list, ReplyLang lang) const;

  const intents::Tree& tree_;
  const Texts& texts_;
  const intents::IntentMatcher& matcher_;
  FoodStore& store_;
  const Renderer& render_;
};

}  // namespace shirube::bot
