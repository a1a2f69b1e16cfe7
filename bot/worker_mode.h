#pragma once
// WorkerMode: the LINE worker mode. A support worker links their LINE account to their
// organisation once (「支援者登録 CODE」, a code from `shirube worker link`, bot/worker_links.h)
// and then searches for the person they support: a need (the 17 categories, a button or words)
// and an area (a prefecture, optionally a municipality, or nationwide), answered with a few
// services per reply as referral text ready to forward (bot/referral_text.h: what it is, how
// to reach it, hours, cost, last verified, source), with buttons for the next services, another
// area, another need, the menu and 「支援者モード終了」. The engine keeps crisis detection before
// all of this (bot/engine.cpp); the mode is SessionState::worker.
// Thread-safety: const methods, safe from several threads (the knowledge base and the link
// store are); everything passed in must outlive it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bot/postback.h"
#include "bot/reply.h"
#include "bot/session_store.h"
#include "bot/texts.h"
#include "bot/worker_links.h"
#include "common/error.h"
#include "knowledge/types.h"

namespace shirube::knowledge {
class KnowledgeBase;
}
namespace shirube::intents {
class IntentMatcher;
class Tree;
}  // namespace shirube::intents

namespace shirube::bot {

class WorkerMode {
 public:
  static constexpr std::size_t kServicesPerReply = 4;  // + the heading = LINE's 5 messages

  WorkerMode(knowledge::KnowledgeBase& kb, const Texts& texts, const intents::Tree& tree,
             const intents::IntentMatcher& matcher, WorkerLinks& links);

  // What a normalized message (intents::normalize) asks of the mode: the code after
  // 「支援者登録」 (maybe "" or malformed), or nullopt when the message is not a registration.
  static std::optional<std::string> registration(const std::string& norm);
  // A registration followed by letters and digits only (at most 16), nothing else.
  static bool is_code_only(const std::string& norm);
  static bool is_exit(const std::string& norm);  // 「支援者モード終了」
  static bool is_menu(const std::string& norm);  // 「支援者メニュー」「支援者モード」

  // 「支援者登録 CODE」: links a LINE user (st.channel_user "line:…") and opens the menu; a
  // code that does not work, or a channel other than LINE, is answered and changes nothing.
  Result<Reply> link(SessionState& st, const std::string& code, std::int64_t now) const;
  // The menu (the need question) when the user is linked; else how to register.
  Result<Reply> enter(SessionState& st) const;
  // A message or a tap (w=…) in the mode.
  Result<Reply> on_text(SessionState& st, const std::string& text, const std::string& norm) const;
  Result<Reply> on_postback(SessionState& st, const Postback& pb) const;

 private:
  // Still linked? A revoked link ends the mode (answered with how to register).
  std::optional<Reply> unlinked(SessionState& st) const;
  Reply leave(SessionState& st) const;
  Reply ask_need(const SessionState& st, int page) const;
  Reply ask_area(const SessionState& st, const std::string& intro) const;
  Result<Reply> next_step(SessionState& st) const;
  Result<Reply> results(SessionState& st) const;
  Result<std::vector<knowledge::Service>> find(const WorkerSearch& w) const;
  Result<std::vector<knowledge::Category>> needs() const;
  std::string need_label(const std::string& id) const;
  std::string area_label(const WorkerSearch& w, ReplyLang lang) const;
  const std::string& text(TextId id, const SessionState& st) const {
    return texts_.get(id, st.reply);
  }

  knowledge::KnowledgeBase& kb_;
  const Texts& texts_;
  const intents::Tree& tree_;
  const intents::IntentMatcher& matcher_;
  WorkerLinks& links_;
};

}  // namespace shirube::bot
