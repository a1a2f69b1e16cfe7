// Over 500 lines on purpose: EngineImpl is the one place where a turn's order is decided
// (crisis check, the check question, the food form, navigation words, the step, intents);
// what each part says or renders lives in its own file (render, crisis_answer, postback,
// nav_words, food_form).
#include "bot/engine.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <set>

#include "bot/answer_cache.h"
#include "bot/crisis_answer.h"
#include "bot/food_form.h"
#include "bot/food_store.h"
#include "bot/nav_words.h"
#include "bot/postback.h"
#include "bot/render.h"
#include "bot/session_store.h"
#include "bot/texts.h"
#include "bot/worker_links.h"
#include "bot/worker_message.h"
#include "bot/worker_mode.h"
#include "common/utf8.h"
#include "intents/crisis.h"
#include "intents/intent_matcher.h"
#include "intents/language.h"
#include "intents/normalize.h"
#include "intents/tree.h"
#include "knowledge/knowledge_base.h"

namespace shirube::bot {

Engine::~Engine() = default;

intents::RiskLevel Engine::risk_level(std::string_view /*text*/) const {
  return intents::RiskLevel::kNone;
}

namespace {

using intents::NavLabels;
using intents::NodeType;
using intents::TreeLimits;
using intents::TreeNode;

constexpr const char* kRootId = "root";
constexpr std::int64_t kPurgeEverySeconds = 600;
constexpr std::int64_t kDraftSeconds = 24 * 3600;  // an unfinished food form is kept a day
constexpr std::size_t kStripes = 64;
constexpr std::size_t kMaxFreeTextTexts = 3;  // a greeting: the rest would push the buttons away

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool asks_area(const TreeNode& node) {
  return node.type == NodeType::kArea || node.type == NodeType::kRegion;
}

// The orchestration of one turn: which handler runs, where the person goes next, what is saved.
// What is said is the renderer's (bot/render.h), the words it says are data (bot/texts.h).
class EngineImpl final : public Engine {
 public:
  EngineImpl(knowledge::KnowledgeBase& kb, EngineOptions options, EngineParts parts, Texts texts,
             std::unique_ptr<SessionStore> store)
      : kb_(kb),
        options_(std::move(options)),
        parts_(std::move(parts)),
        texts_(std::move(texts)),
        store_(std::move(store)),
        cache_(kb, options_.result_cache_seconds),
        render_(*parts_.tree, cache_, texts_, options_.stale_days),
        form_(*parts_.tree, texts_, *parts_.intents, *parts_.food, render_),
        worker_(kb, texts_, *parts_.tree, *parts_.intents, *parts_.worker_links) {
    if (!options_.clock)
      options_.clock = system_now;
    for (const auto& n : tree().nodes()) {
      for (const auto& c : n.choices) {
        if (!c.situation.empty())
          situations_.insert(c.situation);
      }
    }
  }

  Result<Reply> handle(const std::string& user_id, const Input& input) override {
    const std::string key = store_->user_key(user_id);
    std::lock_guard<std::mutex> turn(stripes_[std::hash<std::string>{}(key) % kStripes]);
    const std::int64_t now = options_.clock();
    maybe_purge(now);

    // An answer matters more than the place: if the session store fails (busy, disk), the
    // turn still runs from the root and the reply still goes out (crisis lines included).
    auto loaded = store_->load(key, now, options_.session_ttl_seconds);
    SessionState state = loaded.ok() ? loaded->value_or(SessionState{}) : SessionState{};
    // A node that no longer exists (the tree changed since the session was saved): start over.
    if (tree().find(state.current.node) == nullptr)
      state = SessionState{};
    state.user_key = key;
    state.channel_user = user_id;

    // A variant chosen outside the conversation (the web page's switch) holds from this turn.
    if (const auto lang = reply_lang_from_code(input.lang)) {
      state.reply = *lang;
      state.reply_chosen = true;
    }
    const ReplyLang before = state.reply;
    bool erase_user = false;
    auto reply = dispatch(state, input, now, erase_user);
    if (!reply.ok())
      return reply;
    if (state.supporter && !state.worker.on && reply->risk == intents::RiskLevel::kNone)
      speak_for_supporter(state, *reply);
    // Turned to English by a message's language: the way back is one tap (not on a crisis
    // answer, whose lines come first and alone).
    if (state.reply != before && reply->languages.empty() && !reply->crisis)
      reply->languages = render_.language_choices(state.reply);
    reply->lang = std::string(reply_lang_code(state.reply));
    reply->detected = state.lang;
    if (erase_user) {
      // The confirmation must not leave a row behind: nothing is saved after this.
      if (Status s = store_->erase(key); !s.ok())
        return s.error();
      if (Status s = parts_.food->erase_user(key, now); !s.ok())
        return s.error();
      if (Status s = parts_.worker_links->erase_user(key); !s.ok())
        return s.error();
      return reply;
    }
    (void)store_->save(key, state, now);  // see above: the reply is sent even so
    return reply;
  }

  // Reads the crisis lines into memory, where they stay for the engine's life (see create()).
  Status preload_crisis_lines() { return cache_.preload(options_.clock()); }

  intents::RiskLevel risk_level(std::string_view text) const override {
    return parts_.crisis->check(text).level;
  }

  Status erase(const std::string& user_id) override {
    const std::string key = store_->user_key(user_id);
    std::lock_guard<std::mutex> turn(stripes_[std::hash<std::string>{}(key) % kStripes]);
    if (Status s = store_->erase(key); !s.ok())
      return s;
    if (Status s = parts_.worker_links->erase_user(key); !s.ok())
      return s;
    return parts_.food->erase_user(key, options_.clock());
  }

 private:
  const intents::Tree& tree() const { return *parts_.tree; }
  static bool multilingual(const SessionState& st) { return st.reads_other_language(); }
  const std::string& text(TextId id, const SessionState& st) const {
    return texts_.get(id, st.reply);
  }
  // The food-support form is open and on screen (not behind a crisis answer).
  bool form_open(const SessionState& st) const {
    return !st.form.empty() && tree().find(st.current.node)->type != NodeType::kCrisis;
  }
  // 「食料支援を申し込みたい」「申込の状況」「申込をとりけす」 (action rows of intents.tsv).
  std::optional<Result<Reply>> food_action(SessionState& st,
                                           const std::vector<std::string>& actions,
                                           std::int64_t now) {
    for (const auto& a : actions) {
      if (a == "food_status")
        return form_.status(st, st.user_key);
      if (a == "food_cancel")
        return form_.cancel(st, st.user_key);
      if (a == "food_apply") {
        if (form_open(st))
          return form_.current(st, st.user_key, now);
        return form_.start(st, st.user_key, now);
      }
    }
    return std::nullopt;
  }

  void maybe_purge(std::int64_t now) {
    std::int64_t last = last_purge_.load();
    if (now - last < kPurgeEverySeconds)
      return;
    if (!last_purge_.compare_exchange_strong(last, now))
      return;
    // Best effort: a failed purge only delays deleting expired rows, which load() ignores.
    (void)store_->purge(now - options_.session_ttl_seconds);
    (void)store_->cap(options_.max_sessions);
    (void)parts_.food->purge_drafts(now - kDraftSeconds);
  }

  Result<Reply> dispatch(SessionState& st, const Input& in, std::int64_t now, bool& erase_user) {
    switch (in.kind) {
      case Input::Kind::kText:
        return on_text(st, in.text, now, erase_user);
      case Input::Kind::kPostback:
        return on_postback(st, in.data, now, erase_user);
      case Input::Kind::kLocation:
        return on_location(st, in.prefecture, now);
      case Input::Kind::kFollow:
        restart(st);
        return with_intro(render_.step(st, now), text(TextId::kFollowWelcome, st));
      case Input::Kind::kMedia:
        return with_intro(render_.step(st, now), text(TextId::kMediaUnreadable, st));
    }
    return render_.step(st, now);
  }

  // ---- free text: crisis first, then navigation words, then the step, then intents ------
  Result<Reply> on_text(SessionState& st, const std::string& raw, std::int64_t now,
                        bool& erase_user) {
    const std::string text = utf8::sanitize(raw);
    // 「支援者登録 ABCDE-FGHJK」 is no sign of the person's language, and holds nothing the
    // crisis check could read (its risk model would read random letters as it may).
    const bool code_only = WorkerMode::is_code_only(intents::normalize(text));
    if (!code_only)
      note_language(st, text);
    const intents::CrisisResult crisis =
        code_only ? intents::CrisisResult{} : parts_.crisis->check(text);
    // A worker about the person they support: the crisis answer, worded for a worker (what to
    // do now, the lines to give the person), also where others would get the check question.
    if ((crisis.hit() || crisis.ask()) && from_worker(text))
      return worker_crisis(st, crisis, now);
    if (crisis.hit())
      return crisis_message(st, crisis, now);
    const std::string norm = intents::normalize(text);
    if (st.asked) {
      st.asked = false;
      if (const Nav answer = nav_words_.answer(norm); answer != Nav::kNone)
        return answer_check(st, answer == Nav::kCheckYes, now);
      st.asked_violence = false;
    }
    // The risk model alone does not ask after the crisis answer (the lines are already there;
    // 「電話はちょっとこわいです」 is answered below), nor about an answer to a question of the
    // food form other than its worries (「たぶん20くらい」 at the age step), nor about the bot's
    // own commands (支援者モード終了, 最初から): the rules still do.
    const bool at_crisis = tree().find(st.current.node)->type == NodeType::kCrisis;
    const bool form_answer = form_open(st) && !form_.at_worries(st.user_key);
    const auto command = [&] {
      return nav_words_.command(norm) != Nav::kNone || WorkerMode::is_exit(norm) ||
             WorkerMode::is_menu(norm);
    };
    if (crisis.ask() && !(crisis.by_model && (at_crisis || form_answer || command())))
      return ask_check(st, text, crisis.kind == intents::CrisisKind::kViolence, now);
    if (auto worker = worker_text(st, text, norm, now, erase_user))
      return std::move(*worker);
    if (form_open(st)) {
      // The form takes the text, except 最初から / データを消して and the status words.
      if (const Nav nav = nav_words_.command(norm); nav == Nav::kTop || nav == Nav::kErase)
        return navigate(st, nav, now, erase_user);
      // 「申込をやめたい」 while applying stops this application.
      const auto acts = parts_.intents->actions(text);
      if (!acts.empty() && acts.front() == "food_cancel") {
        Postback stop;
        stop.form = "stop";
        return form_.on_postback(st, stop, st.user_key, now);
      }
      if (auto r = food_action(st, acts, now))
        return std::move(*r);
      return form_.on_text(st, text, st.user_key, now);
    }
    if (const TreeNode* here = tree().find(st.current.node);
        here->type == NodeType::kCrisis && nav_words_.fears_calling(norm))
      return render_.written_lines(*here, this->text(TextId::kCrisisWritten, st), now, st.reply);
    if (nav_words_.thanks(norm))
      return answer_thanks(st, now);
    if (const Nav nav = nav_words_.command(norm); nav != Nav::kNone)
      return navigate(st, nav, now, erase_user);
    if (const auto lang = nav_words_.language(norm))
      return switch_language(st, *lang, now);
    if (nav_words_.is_greeting(norm)) {
      // Answered with a greeting and the current step, not with "not understood".
      auto r = with_intro(render_.step(st, now), this->text(TextId::kGreetingReply, st));
      if (r.ok() && r->texts.size() > kMaxFreeTextTexts)
        r->texts.resize(kMaxFreeTextTexts);
      return r;
    }
    if (auto r = food_action(st, parts_.intents->actions(text), now))
      return std::move(*r);
    if (!st.supporter && from_worker(text)) {
      st.supporter = true;
      return with_intro(
          on_step_text(st, text, norm, crisis.level, now, erase_user),
          texts_.fill(TextId::kSupporterIntro, options_.worker_console_url, st.reply));
    }
    return on_step_text(st, text, norm, crisis.level, now, erase_user);
  }

  // A crisis message: the crisis answer.
  Result<Reply> crisis_message(SessionState& st, const intents::CrisisResult& crisis,
                               std::int64_t now) {
    st.asked = false;
    st.asked_violence = false;
    const bool again = tree().find(st.current.node)->type == NodeType::kCrisis;
    auto r = crisis_answer(st, crisis.kind == intents::CrisisKind::kViolence,
                           crisis.immediate_danger, /*by_tap=*/false, now);
    // A second crisis message is met with other, warmer words, not the same block.
    if (again && r.ok()) {
      r->texts.clear();
      if (crisis.immediate_danger)
        r->texts.push_back(text(TextId::kCrisisCallNow, st));
      r->texts.push_back(text(TextId::kCrisisAgain, st));
    }
    return r;
  }

  // A worker about the person they support in crisis.
  Result<Reply> worker_crisis(SessionState& st, const intents::CrisisResult& crisis,
                              std::int64_t now) {
    st.asked = false;
    st.asked_violence = false;
    st.supporter = true;
    auto r = crisis_answer(st, crisis.kind == intents::CrisisKind::kViolence,
                           crisis.immediate_danger, /*by_tap=*/false, now);
    // Someone found after an act (an overdose, a cord round the neck): call now comes first,
    // as in the crisis answer to anyone, then what a worker can do.
    if (r.ok()) {
      r->texts.clear();
      if (crisis.immediate_danger)
        r->texts.push_back(text(TextId::kCrisisCallNow, st));
      r->texts.push_back(text(TextId::kSupporterCrisis, st));
    }
    return r;
  }

  // The LINE worker mode (bot/worker_mode.h), after the crisis check: 「支援者登録 CODE」 from
  // anyone, 「支援者メニュー」 from a linked worker, and every message while in the mode (but
  // データを消して). nullopt: not for the mode.
  std::optional<Result<Reply>> worker_text(SessionState& st, const std::string& text,
                                           const std::string& norm, std::int64_t now,
                                           bool& erase_user) {
    if (auto code = WorkerMode::registration(norm))
      return worker_.link(st, *code, now);
    if (!st.worker.on)
      return WorkerMode::is_menu(norm) ? std::optional<Result<Reply>>(worker_.enter(st))
                                       : std::nullopt;
    if (const Nav nav = nav_words_.command(norm); nav == Nav::kErase)
      return navigate(st, nav, now, erase_user);
    return worker_.on_text(st, text, norm);
  }

  // Free text that is not a crisis, a command or a greeting: an answer to the step on screen,
  // else a need in the person's words.
  // `risk`: the crisis detector's level for the text (see route_text).
  Result<Reply> on_step_text(SessionState& st, const std::string& text, const std::string& norm,
                             intents::RiskLevel risk, std::int64_t now, bool& erase_user) {
    const TreeNode* node = tree().find(st.current.node);
    if (node->type == NodeType::kTextEntry)
      return route_text(st, text, risk, now, true);

    // The label of a button on screen, typed instead of tapped.
    if (!norm.empty()) {
      for (const auto& c : intents::shown_choices(tree(), *node, st.current.page + 1, st.reply)) {
        if (intents::normalize(c.label) == norm)
          return on_postback(st, c.data, now, erase_user);
      }
    }
    // The answer to 「どちらにお住まいですか？」 written out.
    if (asks_area(*node)) {
      const int area = typed_area(text, norm);
      if (area >= 0) {
        st.push(st.current);
        st.current = Snapshot{node->next, area, st.current.situation, 0};
        return render_.step(st, now);
      }
    }
    return route_text(st, text, risk, now, false);
  }

  // The language is kept in the session: a short 「うん」 or a number keeps the last one. Written
  // in another language: English replies, until the person chooses a variant. Not from an answer
  // to the food form (a town, a nickname), nor from kanji alone that may be Japanese: a place
  // (「甲府市」) or fewer than six characters.
  static void note_language(SessionState& st, const std::string& text) {
    const std::string_view lang = intents::detect_language(text);
    if (lang.empty())
      return;
    st.lang = std::string(lang);
    if (lang == "ja" || st.reply_chosen || !st.form.empty())
      return;
    if (lang.rfind("zh", 0) == 0 &&
        (intents::find_area(text).prefecture > 0 || utf8::code_points(text) < 6))
      return;
    st.reply = ReplyLang::kEn;
  }

  // A worker writing for someone in the help chat: the area question and the answers speak of
  // 「ご本人」.
  void speak_for_supporter(const SessionState& st, Reply& r) const {
    const TreeNode* node = tree().find(st.current.node);
    if (node == nullptr)
      return;
    if (node->type == NodeType::kArea) {
      for (std::string& t : r.texts) {
        for (const auto& q : node->texts) {
          if (t == q.in(st.reply))
            t = text(TextId::kSupporterAreaQuestion, st);
        }
      }
    } else if (node->type == NodeType::kResults && !r.cards.empty()) {
      r.texts.insert(r.texts.begin(), text(TextId::kSupporterResults, st));
    }
    // How to find the local window, said of the person's town, not the writer's.
    static constexpr std::pair<TextId, TextId> kLocalNotes[] = {
        {TextId::kResultsLocalElderly, TextId::kSupporterLocalElderly},
        {TextId::kResultsLocalLiving, TextId::kSupporterLocalLiving},
        {TextId::kResultsLocalOther, TextId::kSupporterLocalOther}};
    for (std::string& note : r.notes) {
      for (const auto& [plain, worded] : kLocalNotes) {
        if (note == text(plain, st))
          note = text(worded, st);
      }
    }
  }

  // 「ありがとう」: a kind closing before the current step; after the crisis answer, the lines
  // still one tap away.
  Result<Reply> answer_thanks(SessionState& st, std::int64_t now) {
    const TreeNode* here = tree().find(st.current.node);
    if (here->type != NodeType::kCrisis)
      return with_intro(render_.step(st, now), text(TextId::kThanksReply, st));
    auto r = render_.crisis(*here, false, now, st.reply, multilingual(st));
    if (r.ok()) {
      r->texts = {text(TextId::kThanksReply, st)};
      r->cards.clear();
    }
    return r;
  }

  // The area a whole answer to 「どちらにお住まいですか？」 names: a prefecture (「山梨」, or its
  // name in any reply variant, "Tokyo"), 0 for 全国 / "nationwide", -1 for none.
  int typed_area(const std::string& text, const std::string& norm) const {
    if (const intents::AreaMatch area = intents::find_area(text); area.prefecture > 0)
      return area.prefecture;
    if (norm == intents::normalize("全国") || norm == intents::normalize("nationwide"))
      return 0;
    for (const auto& [code, name] : tree().prefectures()) {
      for (ReplyLang lang : kReplyLangs) {
        if (intents::normalize(tree().prefecture_name(code, lang)) == norm)
          return code;
      }
    }
    return -1;
  }

  // 「ことばで教えてください」 and free text anywhere: the intent matcher picks the category.
  // Crisis words in a text the detector found no risk in are talked about (「利用者さんに死に
  // たいと言われたら」, 「リスカの跡はあるけど今は大丈夫」): mental health, not the crisis answer.
  Result<Reply> route_text(SessionState& st, const std::string& text, intents::RiskLevel risk,
                           std::int64_t now, bool asked) {
    const auto matches = risk == intents::RiskLevel::kNone
                             ? intents::as_talked_about(parts_.intents->match(text))
                             : parts_.intents->match(text);
    for (const auto& m : matches) {
      const TreeNode* entry = tree().category_entry(m.category);
      if (entry == nullptr)
        continue;
      st.push(st.current);
      if (entry->type == NodeType::kCrisis) {
        st.history.pop_back();  // crisis_answer keeps its own way back
        return crisis_answer(st, entry->violence, false, /*by_tap=*/false, now);
      }
      const intents::AreaMatch area = intents::find_area(text);
      Snapshot next{entry->id, st.current.prefecture, st.current.situation, 0};
      if (area.prefecture > 0)
        next.prefecture = area.prefecture;
      // Named a place too (「山梨で食べ物に困って」), or a worker whose person's area is known:
      // skip the area question.
      if (entry->type == NodeType::kArea &&
          (area.prefecture > 0 || (st.supporter && st.current.prefecture >= 0)))
        next.node = entry->next;
      st.current = next;
      auto r = render_.step(st, now);
      if (!r.ok())
        return r;
      if (asked)
        r->texts.insert(r->texts.begin(), this->text(TextId::kTextThanks, st));
      render_.add_other_needs(*r, matches, m.category, st.reply);
      return r;
    }
    // Nothing matched: look the words up in the directory before giving up.
    knowledge::Query q;
    q.text = text;
    q.prefecture = std::max(0, st.current.prefecture);
    q.for_people = true;
    q.limit = static_cast<int>(TreeLimits::kPageSize);
    auto found = kb_.search(q);
    auto current = render_.step(st, now);
    if (!current.ok())
      return current;
    return render_.text_search(found, std::move(current).value(), now, st.reply);
  }

  Result<Reply> navigate(SessionState& st, Nav nav, std::int64_t now, bool& erase_user) {
    switch (nav) {
      case Nav::kBack: {
        if (form_open(st))
          return form_.back(st, st.user_key, now);
        const TreeNode* node = tree().find(st.current.node);
        if (node->type == NodeType::kCrisis && st.resume)
          return resume(st, now);
        if (st.history.empty()) {
          st.current = Snapshot{};
        } else {
          st.current = st.history.back();
          st.history.pop_back();
        }
        return render_.step(st, now);
      }
      case Nav::kTop: {
        if (!st.form.empty())
          (void)parts_.food->drop_draft(st.user_key);  // also purged after a day
        // A worker writing for someone keeps that person's area across topics.
        const bool supporter = st.supporter;
        const int area = st.current.prefecture;
        restart(st);
        if (supporter) {
          st.supporter = true;
          st.current.prefecture = area;
        }
        return render_.step(st, now);
      }
      case Nav::kErase: {
        erase_user = true;
        restart(st);  // the confirmation in the person's language; nothing is saved
        Reply r;
        r.texts.push_back(text(TextId::kEraseDone, st));
        r.choices.push_back({tree().labels().top.in(st.reply), NavLabels::kTopData});
        r.node = kRootId;
        return r;
      }
      case Nav::kResume:
        return resume(st, now);
      case Nav::kCheckYes:
      case Nav::kCheckNo:
        st.asked = false;
        return answer_check(st, nav == Nav::kCheckYes, now);
      case Nav::kNone:
        break;
    }
    return render_.step(st, now);
  }

  // 「やさしい日本語」「English」「日本語」: the same step again, in the chosen variant.
  Result<Reply> switch_language(SessionState& st, ReplyLang lang, std::int64_t now) {
    st.reply = lang;
    st.reply_chosen = true;
    auto r = with_intro(render_.step(st, now), text(TextId::kLangSwitched, st));
    if (r.ok() && r->languages.empty())
      r->languages = render_.language_choices(lang);
    return r;
  }

  // Back to the root, keeping the person's language.
  static void restart(SessionState& st) {
    SessionState fresh;
    fresh.lang = st.lang;
    fresh.reply = st.reply;
    fresh.reply_chosen = st.reply_chosen;
    fresh.user_key = st.user_key;  // this turn's, never stored
    fresh.channel_user = st.channel_user;
    st = std::move(fresh);
  }

  Result<Reply> resume(SessionState& st, std::int64_t now) {
    const TreeNode* node = tree().find(st.current.node);
    if (!st.form.empty() && node->type == NodeType::kCrisis) {
      // Back to the open question of the form after a crisis answer.
      if (st.resume) {
        st.current = *st.resume;
        st.resume.reset();
      }
      if (tree().find(st.current.node) == nullptr)
        st.current = Snapshot{};
      return form_.current(st, st.user_key, now);
    }
    if (st.resume) {
      st.current = *st.resume;
      st.resume.reset();
    } else if (node->type == NodeType::kCrisis && !node->next.empty()) {
      st.push(st.current);
      st.current = Snapshot{node->next, st.current.prefecture, st.current.situation, 0};
    } else {
      st.current = Snapshot{};
    }
    if (tree().find(st.current.node) == nullptr)
      st.current = Snapshot{};
    return render_.step(st, now);
  }

  Result<Reply> on_postback(SessionState& st, const std::string& data, std::int64_t now,
                            bool& erase_user) {
    auto pb = parse_postback(data);
    if (!pb)
      return not_understood(st, now);
    if (!pb->lang.empty()) {
      const auto lang = reply_lang_from_code(pb->lang);
      if (!lang)
        return not_understood(st, now);
      return switch_language(st, *lang, now);
    }
    if (!pb->worker.empty())
      return worker_.on_postback(st, *pb);
    // In the worker mode the way back from a crisis answer, 最初から and 戻る lead to its menu.
    if (st.worker.on && (pb->nav == "top" || pb->nav == "resume" || pb->nav == "back"))
      return worker_.enter(st);
    if (!pb->form.empty()) {
      if (pb->form == "resume" && !st.form.empty())
        return resume(st, now);
      // A tap on a question of the form while a crisis answer is on screen: back to the form.
      if (!st.form.empty() && !form_open(st) && st.resume) {
        st.current = *st.resume;
        st.resume.reset();
      }
      return form_.on_postback(st, *pb, st.user_key, now);
    }
    if (!pb->nav.empty()) {
      const Nav nav = nav_from_postback(pb->nav);
      if (nav == Nav::kNone)
        return not_understood(st, now);
      return navigate(st, nav, now, erase_user);
    }
    if (pb->more) {
      const TreeNode* node = tree().find(st.current.node);
      if (node->type != NodeType::kResults)
        return render_.step(st, now);
      st.push(st.current);
      st.current.page = *pb->more;
      return render_.step(st, now);
    }
    const TreeNode* target = tree().find(pb->node);
    if (target == nullptr)
      return not_understood(st, now);
    st.push(st.current);
    if (target->type == NodeType::kCrisis)
      return crisis_answer(st, target->violence, false, /*by_tap=*/true, now, target);
    Snapshot next{target->id, st.current.prefecture, st.current.situation, 0};
    if (pb->prefecture)
      next.prefecture = *pb->prefecture;
    // Only situations some button offers are kept: postback data comes from the client.
    if (!pb->situation.empty() && situations_.count(pb->situation) != 0)
      next.situation = pb->situation;
    st.current = next;
    return render_.step(st, now);
  }

  Result<Reply> on_location(SessionState& st, int prefecture, std::int64_t now) {
    if (prefecture < 1 || prefecture > 47)
      return with_intro(render_.step(st, now), text(TextId::kLocationUnknown, st));
    const TreeNode* node = tree().find(st.current.node);
    st.push(st.current);
    st.current.prefecture = prefecture;
    st.current.page = 0;
    const bool answers_area = asks_area(*node);
    if (answers_area)
      st.current.node = node->next;
    auto r = render_.step(st, now);
    if (answers_area || node->type == NodeType::kResults)
      return r;
    return with_intro(std::move(r),
                      texts_.fill(TextId::kLocationReceived,
                                  render_.prefecture_name(prefecture, st.reply), st.reply));
  }

  // ---- the check question: a message that might mean suicide -----------------------------
  // Asked directly, with the lines in the same reply; the person's topic is kept in
  // st.resume for ちがう (or for ほかの相談先もみる after うん).
  // `violence`: the danger may come from someone else, so the question and the lines are
  // about that (the DV and police side), and うん leads to that crisis answer.
  Result<Reply> ask_check(SessionState& st, const std::string& message, bool violence,
                          std::int64_t now) {
    Snapshot topic = st.current;
    for (const auto& m : intents::as_talked_about(parts_.intents->match(message))) {
      const TreeNode* entry = tree().category_entry(m.category);
      if (entry == nullptr || entry->type == NodeType::kCrisis)
        continue;
      topic = Snapshot{entry->id, st.current.prefecture, st.current.situation, 0};
      const intents::AreaMatch area = intents::find_area(message);
      if (area.prefecture > 0) {
        topic.prefecture = area.prefecture;
        if (entry->type == NodeType::kArea)
          topic.node = entry->next;
      }
      break;
    }
    const TreeNode* node = crisis_node(tree(), violence);
    if (node == nullptr)
      return Error::internal("tree", "no crisis node");
    auto lines = render_.crisis(*node, false, now, st.reply, multilingual(st));
    if (!lines.ok())
      return lines;
    Reply r;
    r.texts = {text(violence ? TextId::kCheckQuestionViolence : TextId::kCheckQuestion, st),
               text(TextId::kCheckLines, st)};
    r.links = std::move(lines->links);
    r.choices = {{text(TextId::kCheckYes, st), "nav=yes"}, {text(TextId::kCheckNo, st), "nav=no"}};
    r.node = st.current.node;
    r.risk = intents::RiskLevel::kCheck;
    st.asked = true;
    st.asked_violence = violence;
    st.resume = topic;
    return r;
  }

  // うん -> the crisis answer (ほかの相談先もみる then leads to the topic); ちがう -> the topic.
  Result<Reply> answer_check(SessionState& st, bool yes, std::int64_t now) {
    const std::optional<Snapshot> topic = st.resume;
    const bool violence = st.asked_violence;
    st.asked_violence = false;
    if (yes) {
      auto r = crisis_answer(st, violence, false, /*by_tap=*/false, now);
      if (topic)
        st.resume = topic;
      return r;
    }
    if (topic && !(*topic == st.current)) {
      st.push(st.current);
      st.current = *topic;
    }
    st.resume.reset();
    if (tree().find(st.current.node) == nullptr)
      st.current = Snapshot{};
    if (form_open(st))
      return with_intro(form_.current(st, st.user_key, now), text(TextId::kCheckNoReply, st));
    return with_intro(render_.step(st, now), text(TextId::kCheckNoReply, st));
  }

  Result<Reply> not_understood(SessionState& st, std::int64_t now) {
    return with_intro(render_.step(st, now), text(TextId::kButtonUnavailable, st));
  }

  // ---- the crisis answer: where the person goes (what is said: bot/crisis_answer.h) -----
  Result<Reply> crisis_answer(SessionState& st, bool violence, bool immediate, bool by_tap,
                              std::int64_t now, const TreeNode* node = nullptr) {
    if (node == nullptr)
      node = crisis_node(tree(), violence);
    if (node == nullptr)
      return Error::internal("tree", "no crisis node");
    const TreeNode* here = tree().find(st.current.node);
    if (by_tap) {
      st.resume.reset();  // ほかの相談先もみる then leads to the crisis node's next step
    } else if (here->type != NodeType::kCrisis) {
      st.resume = st.current;  // never lose the person's place
    }
    st.current = Snapshot{node->id, st.current.prefecture, st.current.situation, 0};
    auto r = render_.crisis(*node, immediate, now, st.reply, multilingual(st));
    // In the middle of the food-support form: one tap goes back to its question.
    if (r.ok() && !st.form.empty() && r->choices.size() < TreeLimits::kMaxQuickReplies)
      r->choices.insert(r->choices.begin(), form_.resume_choice(st.reply));
    return r;
  }

  knowledge::KnowledgeBase& kb_;
  EngineOptions options_;
  EngineParts parts_;
  const Texts texts_;
  std::unique_ptr<SessionStore> store_;
  AnswerCache cache_;
  const Renderer render_;
  const FoodForm form_;
  const WorkerMode worker_;
  const NavWords nav_words_;
  std::set<std::string> situations_;  // situations the tree's buttons set
  std::array<std::mutex, kStripes> stripes_;
  std::atomic<std::int64_t> last_purge_{0};
};

}  // namespace

Result<std::unique_ptr<Engine>> Engine::create(knowledge::KnowledgeBase& kb,
                                               const EngineOptions& options) {
  return create(kb, options, EngineParts{});
}

Result<std::unique_ptr<Engine>> Engine::create(knowledge::KnowledgeBase& kb,
                                               const EngineOptions& options, EngineParts parts) {
  if (!parts.crisis) {
    auto c = intents::CrisisDetector::load_bundled();
    if (!c.ok())
      return c.error();
    parts.crisis = std::move(c).value();
  }
  if (!parts.intents) {
    auto m = intents::IntentMatcher::load_bundled();
    if (!m.ok())
      return m.error();
    parts.intents = std::move(m).value();
  }
  if (!parts.tree) {
    auto t = intents::Tree::load_bundled();
    if (!t.ok())
      return t.error();
    parts.tree = std::make_shared<const intents::Tree>(std::move(t).value());
  }
  if (options.session_ttl_seconds <= 0) {
    return Error::invalid_argument("session_ttl_seconds", "must be positive");
  }
  auto texts = Texts::load_bundled();
  if (!texts.ok())
    return texts.error();
  if (Status s = FoodForm::check_texts(texts.value()); !s.ok())
    return s.error();
  if (!parts.food) {
    auto food = FoodStore::open(options.session_db);
    if (!food.ok())
      return food.error();
    parts.food = std::shared_ptr<FoodStore>(std::move(food).value());
  }
  if (!parts.worker_links) {
    auto links = WorkerLinks::open(options.session_db, options.worker_link_seal_key);
    if (!links.ok())
      return links.error();
    parts.worker_links = std::shared_ptr<WorkerLinks>(std::move(links).value());
  }
  auto store = SessionStore::open(options.session_db, options.user_key_secret);
  if (!store.ok())
    return store.error();
  auto engine = std::make_unique<EngineImpl>(kb, options, std::move(parts),
                                             std::move(texts).value(), std::move(store).value());
  // Held from start-up: when the database fails later, a person in crisis still gets the
  // lines. An engine that cannot read them does not start.
  if (Status s = engine->preload_crisis_lines(); !s.ok())
    return Error(s.error().code(), "crisis lines", s.error().message());
  return std::unique_ptr<Engine>(std::move(engine));
}

}  // namespace shirube::bot
