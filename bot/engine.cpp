#include "bot/engine.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "bot/cards.h"
#include "bot/results_query.h"
#include "bot/session_store.h"
#include "common/args.h"
#include "common/utf8.h"
#include "intents/crisis.h"
#include "intents/intent_matcher.h"
#include "intents/normalize.h"
#include "intents/tree.h"
#include "knowledge/knowledge_base.h"

namespace shirube::bot {

Engine::~Engine() = default;

namespace {

using intents::NavLabels;
using intents::NodeType;
using intents::TreeLimits;
using intents::TreeNode;

constexpr const char* kRootId = "root";
constexpr std::size_t kMaxCrisisLinks = 5;     // before 110/119, which are always added
constexpr std::size_t kCrisisCandidates = 12;  // rows considered for the crisis links and cards
constexpr std::int64_t kPurgeEverySeconds = 600;
constexpr std::size_t kStripes = 64;
constexpr std::size_t kMaxCacheEntries = 8192;  // ~20 answers x 48 areas x a few pages

enum class Nav { kNone, kBack, kTop, kErase };

// A parsed postback: "n=<node>&p=<code>&s=<situation>", "more=<page>", "nav=<word>".
struct Postback {
  std::string node;
  std::optional<int> prefecture;
  std::string situation;
  std::optional<int> more;
  std::string nav;
};

using args::parse_int;

std::optional<Postback> parse_postback(std::string_view data) {
  if (data.empty() || data.size() > TreeLimits::kMaxDataBytes)
    return std::nullopt;
  Postback pb;
  while (!data.empty()) {
    const std::size_t amp = data.find('&');
    std::string_view part = data.substr(0, amp);
    data = amp == std::string_view::npos ? std::string_view() : data.substr(amp + 1);
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos)
      return std::nullopt;
    const std::string_view k = part.substr(0, eq);
    const std::string_view v = part.substr(eq + 1);
    if (k == "n") {
      pb.node = std::string(v);
    } else if (k == "p") {
      pb.prefecture = parse_int(v, 0, 47);
      if (!pb.prefecture)
        return std::nullopt;
    } else if (k == "s") {
      pb.situation = std::string(v);
    } else if (k == "more") {
      pb.more = parse_int(v, 0, 10000);
      if (!pb.more)
        return std::nullopt;
    } else if (k == "nav") {
      pb.nav = std::string(v);
    } else {
      return std::nullopt;
    }
  }
  if (pb.node.empty() && !pb.more && pb.nav.empty())
    return std::nullopt;
  return pb;
}

std::int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool is_tel(const std::string& contact, const char* number) {
  if (contact.rfind(number, 0) != 0)
    return false;  // cheap test first: most rows are not
  auto a = contact_action(contact);
  return a && a->uri == std::string("tel:") + number;
}

class EngineImpl final : public Engine {
 public:
  EngineImpl(knowledge::KnowledgeBase& kb, EngineOptions options, EngineParts parts,
             std::unique_ptr<SessionStore> store)
      : kb_(kb), options_(std::move(options)), parts_(std::move(parts)), store_(std::move(store)) {
    if (!options_.clock)
      options_.clock = system_now;
    auto add = [this](Nav nav, std::initializer_list<const char*> words) {
      for (const char* w : words)
        nav_words_.emplace_back(intents::normalize(w), nav);
    };
    add(Nav::kBack, {"戻る", "もどる", "back", "戻って"});
    add(Nav::kTop, {"最初から", "さいしょから", "メニュー", "menu", "はじめから"});
    add(Nav::kErase, {"データを消して", "データ削除", "データをけして", "データを削除して"});
    // A whole message that only greets: answered with a greeting and the current step, not
    // with "not understood" (and not looked up in the directory).
    for (const char* w : {"こんにちは", "こんにちわ", "こんばんは", "こんばんわ", "おはよう",
                          "おはようございます", "はじめまして", "よろしく", "よろしくお願いします",
                          "よろしくおねがいします", "もしもし", "hello", "hi", "やあ", "どうも"}) {
      greetings_.insert(intents::normalize(w));
    }
    // The button text that leads to each category (root and その他), for extra-need buttons.
    for (const auto& n : tree().nodes()) {
      if (!n.category.empty())
        continue;
      for (const auto& c : n.choices)
        entry_labels_.emplace(c.to, c.label);
    }
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

    bool erase_user = false;
    auto reply = dispatch(state, input, now, erase_user);
    if (!reply.ok())
      return reply;
    if (erase_user) {
      // The confirmation must not leave a row behind: nothing is saved after this.
      if (Status s = store_->erase(key); !s.ok())
        return s.error();
      return reply;
    }
    (void)store_->save(key, state, now);  // see above: the reply is sent even so
    return reply;
  }

  Status erase(const std::string& user_id) override {
    const std::string key = store_->user_key(user_id);
    std::lock_guard<std::mutex> turn(stripes_[std::hash<std::string>{}(key) % kStripes]);
    return store_->erase(key);
  }

 private:
  const intents::Tree& tree() const { return *parts_.tree; }

  void maybe_purge(std::int64_t now) {
    std::int64_t last = last_purge_.load();
    if (now - last < kPurgeEverySeconds)
      return;
    if (!last_purge_.compare_exchange_strong(last, now))
      return;
    // Best effort: a failed purge only delays deleting expired rows, which load() ignores.
    (void)store_->purge(now - options_.session_ttl_seconds);
  }

  Result<Reply> dispatch(SessionState& st, const Input& in, std::int64_t now, bool& erase_user) {
    switch (in.kind) {
      case Input::Kind::kText:
        return on_text(st, in.text, now, erase_user);
      case Input::Kind::kPostback:
        return on_postback(st, in.data, now, erase_user);
      case Input::Kind::kLocation:
        return on_location(st, in.prefecture, now);
      case Input::Kind::kFollow: {
        st = SessionState{};
        auto r = render(st, now);
        if (r.ok()) {
          r->texts.insert(r->texts.begin(),
                          "友だち追加ありがとうございます。しるべは、困りごとの相談先を"
                          "いっしょにさがします。");
        }
        return r;
      }
      case Input::Kind::kMedia: {
        auto r = render(st, now);
        if (r.ok()) {
          r->texts.insert(r->texts.begin(),
                          "送ってくれてありがとう。スタンプや画像は読めないので、"
                          "ボタンかことばで教えてください。");
        }
        return r;
      }
    }
    return render(st, now);
  }

  // ---- free text: crisis first, then navigation words, then the step, then intents ------
  Result<Reply> on_text(SessionState& st, const std::string& raw, std::int64_t now,
                        bool& erase_user) {
    const std::string text = utf8::sanitize(raw);
    const intents::CrisisResult crisis = parts_.crisis->check(text);
    if (crisis.hit()) {
      return crisis_answer(st, crisis.kind == intents::CrisisKind::kViolence,
                           crisis.immediate_danger, /*by_tap=*/false, now);
    }
    const std::string norm = intents::normalize(text);
    for (const auto& [word, nav] : nav_words_) {
      if (!word.empty() && norm == word)
        return navigate(st, nav, now, erase_user);
    }
    if (greetings_.count(norm) > 0) {
      auto r = render(st, now);
      if (r.ok()) {
        r->texts.insert(r->texts.begin(), "こんにちは。しるべです。");
        if (r->texts.size() > 3)
          r->texts.resize(3);
      }
      return r;
    }
    const TreeNode* node = tree().find(st.current.node);
    if (node->type == NodeType::kTextEntry)
      return route_text(st, text, now, true);

    // The label of a button on screen, typed instead of tapped.
    if (!norm.empty()) {
      const auto shown = shown_choices(*node, more_page_hint(st));
      for (const auto& c : shown) {
        if (intents::normalize(c.label) == norm)
          return on_postback(st, c.data, now, erase_user);
      }
    }
    // The answer to 「どちらにお住まいですか？」 written out.
    if (node->type == NodeType::kArea || node->type == NodeType::kRegion) {
      const intents::AreaMatch area = intents::find_area(text);
      if (area.prefecture > 0 || norm == intents::normalize("全国")) {
        st.push(st.current);
        st.current = Snapshot{node->next, area.prefecture, st.current.situation, 0};
        return render(st, now);
      }
    }
    return route_text(st, text, now, false);
  }

  // 「ことばで教えてください」 and free text anywhere: the intent matcher picks the category.
  Result<Reply> route_text(SessionState& st, const std::string& text, std::int64_t now,
                           bool asked) {
    const auto matches = parts_.intents->match(text);
    for (const auto& m : matches) {
      const TreeNode* entry = tree().category_entry(m.category);
      if (entry == nullptr)
        continue;
      st.push(st.current);
      const intents::AreaMatch area = intents::find_area(text);
      Snapshot next{entry->id, st.current.prefecture, st.current.situation, 0};
      if (area.prefecture > 0)
        next.prefecture = area.prefecture;
      // Named a place too (「山梨で食べ物に困って」): skip the area question.
      if (entry->type == NodeType::kArea && area.prefecture > 0)
        next.node = entry->next;
      if (entry->type == NodeType::kCrisis) {
        st.history.pop_back();  // crisis_answer keeps its own way back
        return crisis_answer(st, entry->violence, false, /*by_tap=*/false, now);
      }
      st.current = next;
      auto r = render(st, now);
      if (!r.ok())
        return r;
      if (asked)
        r->texts.insert(r->texts.begin(), "教えてくれてありがとう。");
      add_other_needs(*r, matches, m.category);
      return r;
    }
    // Nothing matched: look the words up in the directory before giving up.
    Reply r;
    knowledge::Query q;
    q.text = text;
    q.prefecture = std::max(0, st.current.prefecture);
    q.for_people = true;
    q.limit = static_cast<int>(TreeLimits::kPageSize);
    auto found = kb_.search(q);
    auto current = render(st, now);
    if (!current.ok())
      return current;
    if (found.ok() && !found->services.empty()) {
      r.texts.push_back("ことばで相談先をさがしました。ちがうときは、ボタンからえらんでください。");
      for (const auto& s : found->services) {
        r.cards.push_back(make_card(s, options_.stale_days, now));
      }
    } else {
      r.texts.push_back(
          "ごめんなさい、うまくわかりませんでした。ボタンからえらぶか、"
          "ちがうことばで教えてください。");
      for (auto& t : current->texts)
        r.texts.push_back(std::move(t));
      if (r.cards.empty())
        r.cards = std::move(current->cards);
    }
    r.choices = std::move(current->choices);
    r.node = current->node;
    r.category = current->category;
    r.crisis = current->crisis;
    r.links = std::move(current->links);
    if (r.texts.size() > 3)
      r.texts.resize(3);
    return r;
  }

  Result<Reply> navigate(SessionState& st, Nav nav, std::int64_t now, bool& erase_user) {
    switch (nav) {
      case Nav::kBack: {
        const TreeNode* node = tree().find(st.current.node);
        if (node->type == NodeType::kCrisis && st.resume)
          return resume(st, now);
        if (st.history.empty()) {
          st.current = Snapshot{};
        } else {
          st.current = st.history.back();
          st.history.pop_back();
        }
        return render(st, now);
      }
      case Nav::kTop:
        st = SessionState{};
        return render(st, now);
      case Nav::kErase: {
        erase_user = true;
        st = SessionState{};
        Reply r;
        r.texts.push_back("あなたについて保存していた記録を、すべて消しました。");
        r.choices.push_back({NavLabels::kTop, NavLabels::kTopData});
        r.node = kRootId;
        return r;
      }
      case Nav::kNone:
        break;
    }
    return render(st, now);
  }

  Result<Reply> resume(SessionState& st, std::int64_t now) {
    const TreeNode* node = tree().find(st.current.node);
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
    return render(st, now);
  }

  Result<Reply> on_postback(SessionState& st, const std::string& data, std::int64_t now,
                            bool& erase_user) {
    auto pb = parse_postback(data);
    if (!pb)
      return not_understood(st, now);
    if (!pb->nav.empty()) {
      if (pb->nav == "back")
        return navigate(st, Nav::kBack, now, erase_user);
      if (pb->nav == "top")
        return navigate(st, Nav::kTop, now, erase_user);
      if (pb->nav == "erase")
        return navigate(st, Nav::kErase, now, erase_user);
      if (pb->nav == "resume")
        return resume(st, now);
      return not_understood(st, now);
    }
    if (pb->more) {
      const TreeNode* node = tree().find(st.current.node);
      if (node->type != NodeType::kResults)
        return render(st, now);
      st.push(st.current);
      st.current.page = *pb->more;
      return render(st, now);
    }
    const TreeNode* target = tree().find(pb->node);
    if (target == nullptr)
      return not_understood(st, now);
    if (target->type == NodeType::kCrisis) {
      st.push(st.current);
      return crisis_answer(st, target->violence, false, /*by_tap=*/true, now, target);
    }
    st.push(st.current);
    Snapshot next{target->id, st.current.prefecture, st.current.situation, 0};
    if (pb->prefecture)
      next.prefecture = *pb->prefecture;
    // Only situations some button offers are kept: postback data comes from the client.
    if (!pb->situation.empty() && situations_.count(pb->situation) != 0) {
      next.situation = pb->situation;
    }
    st.current = next;
    return render(st, now);
  }

  // One message can name several needs (「お金がなくて家賃も払えない」): the first is answered,
  // the next ones become buttons, as long as the step stays within 13 quick replies.
  void add_other_needs(Reply& r, const std::vector<intents::IntentMatch>& matches,
                       const std::string& answered) const {
    std::vector<Choice> extra;
    for (const auto& m : matches) {
      if (m.category == answered || m.category == "crisis" || extra.size() == 2)
        continue;
      const TreeNode* entry = tree().category_entry(m.category);
      auto label = entry_labels_.find(entry == nullptr ? "" : entry->id);
      if (label == entry_labels_.end())
        continue;
      extra.push_back({label->second, "n=" + entry->id});
    }
    if (extra.empty() || r.choices.size() + extra.size() > TreeLimits::kMaxQuickReplies)
      return;
    r.choices.insert(r.choices.begin(), extra.begin(), extra.end());
  }

  Result<Reply> on_location(SessionState& st, int prefecture, std::int64_t now) {
    if (prefecture < 1 || prefecture > 47) {
      auto r = render(st, now);
      if (r.ok()) {
        r->texts.insert(r->texts.begin(),
                        "場所から都道府県がわかりませんでした。ボタンからえらんでください。");
      }
      return r;
    }
    const TreeNode* node = tree().find(st.current.node);
    st.push(st.current);
    st.current.prefecture = prefecture;
    st.current.page = 0;
    const bool answers_area = node->type == NodeType::kArea || node->type == NodeType::kRegion;
    if (answers_area)
      st.current.node = node->next;
    auto r = render(st, now);
    if (r.ok() && !answers_area && node->type != NodeType::kResults) {
      r->texts.insert(r->texts.begin(),
                      "場所を受け取りました（" + prefecture_name(prefecture) + "）。");
    }
    return r;
  }

  Result<Reply> not_understood(SessionState& st, std::int64_t now) {
    auto r = render(st, now);
    if (r.ok()) {
      r->texts.insert(r->texts.begin(), "ごめんなさい、そのボタンは使えなくなりました。");
    }
    return r;
  }

  int more_page_hint(const SessionState& st) const { return st.current.page + 1; }

  // ---- the crisis answer --------------------------------------------------------------
  Result<Reply> crisis_answer(SessionState& st, bool violence, bool immediate, bool by_tap,
                              std::int64_t now, const TreeNode* node = nullptr) {
    if (node == nullptr) {
      for (const auto& n : tree().nodes()) {
        if (n.type == NodeType::kCrisis && n.violence == violence) {
          node = &n;
          break;
        }
      }
    }
    if (node == nullptr)
      return Error::internal("tree", "no crisis node");
    const TreeNode* here = tree().find(st.current.node);
    if (by_tap) {
      st.resume.reset();  // ほかの相談先もみる then leads to the crisis node's next step
    } else if (here->type != NodeType::kCrisis) {
      st.resume = st.current;  // never lose the person's place
    }
    st.current = Snapshot{node->id, st.current.prefecture, st.current.situation, 0};

    auto cached = cached_urgent(violence, now);
    if (!cached.ok())
      return cached.error();
    const std::vector<knowledge::Service>& services = **cached;
    // Order: 110/119 when there is danger now; for violence, the DV lines (24-hour first);
    // then the 24-hour lines; then the rest of the urgent lines (cards only, not buttons).
    std::vector<const knowledge::Service*> order;
    auto emergency = [](const knowledge::Service& s) {
      return is_tel(s.contact, "110") || is_tel(s.contact, "119");
    };
    auto is_violence = [](const knowledge::Service& s) {
      return std::any_of(s.categories.begin(), s.categories.end(),
                         [](const std::string& c) { return c.rfind("violence", 0) == 0; });
    };
    // Only the first few are shown, and a large directory can hold thousands of urgent rows:
    // each pass stops once enough are chosen.
    auto full = [&order] { return order.size() >= kCrisisCandidates; };
    if (immediate) {
      for (const char* num : {"110", "119"}) {
        for (const auto& s : services) {
          if (is_tel(s.contact, num)) {
            order.push_back(&s);
            break;
          }
        }
      }
    }
    if (violence) {
      for (bool h24 : {true, false}) {
        for (const auto& s : services) {
          if (full())
            break;
          if (s.is_24h == h24 && is_violence(s) && !emergency(s))
            order.push_back(&s);
        }
      }
    }
    for (const auto& s : services) {
      if (full())
        break;
      if (s.is_24h && !(violence && is_violence(s)) && !emergency(s))
        order.push_back(&s);
    }
    std::size_t buttons = order.size();
    for (const auto& s : services) {
      if (full())
        break;
      if (std::find(order.begin(), order.end(), &s) == order.end() && !emergency(s)) {
        order.push_back(&s);
      }
    }
    if (buttons == 0)
      buttons = order.size();  // no 24-hour line in the data: offer what there is
    Reply r;
    r.crisis = true;
    r.node = node->id;
    r.category =
        node->category.empty() ? std::string(violence ? "violence" : "crisis") : node->category;
    if (immediate)
      r.texts.push_back("いま危ないときは、すぐに電話してください。");
    for (const auto& t : node->texts)
      r.texts.push_back(t);
    for (std::size_t i = 0; i < order.size(); ++i) {
      const knowledge::Service& s = *order[i];
      auto action = contact_action(s.contact);
      if (i < buttons && action && r.links.size() < kMaxCrisisLinks) {
        r.links.push_back({link_label(s, *action), action->uri});
      }
      if (r.cards.size() < TreeLimits::kPageSize) {
        r.cards.push_back(make_card(s, options_.stale_days, now));
      }
    }
    if (!immediate) {
      // 110/119 always close the list: someone who writes 死にたい may be in danger without
      // saying so (design.md: crisis lines and 110/119 before anything else).
      for (const char* num : {"110", "119"}) {
        for (const auto& s : services) {
          if (!is_tel(s.contact, num))
            continue;
          if (auto action = contact_action(s.contact))
            r.links.push_back({link_label(s, *action), action->uri});
          break;
        }
      }
    }
    for (const auto& c : intents::shown_choices(*node, -1))
      r.choices.push_back({c.label, c.data});
    return r;
  }

  // The button text carries the number itself, so a person who cannot tap (a desktop, a
  // screen reader, a friend's phone) still sees what to dial. Number first: a label cut to
  // fit keeps it.
  static std::string link_label(const knowledge::Service& s, const Link& action) {
    if (action.uri.rfind("tel:", 0) != 0)
      return "ひらく " + s.name;
    if (s.name.find(s.contact) != std::string::npos)
      return s.name;
    return s.contact + " " + s.name;
  }

  // ---- showing a node -------------------------------------------------------------------
  Result<Reply> render(SessionState& st, std::int64_t now) {
    const TreeNode* node = tree().find(st.current.node);
    if (node == nullptr) {
      st = SessionState{};
      node = &tree().root();
    }
    if (node->type == NodeType::kCrisis) {
      // Shown again (戻る into it, a restart): the same answer, without moving the person.
      SessionState copy = st;
      auto r = crisis_answer(copy, node->violence, false, /*by_tap=*/true, now, node);
      return r;
    }
    Reply r;
    r.node = node->id;
    if (!node->category.empty())
      r.category = node->category;
    int more = -1;
    if (node->type == NodeType::kResults) {
      const knowledge::Query q = results_query(*node, st.current.prefecture, st.current.page);
      auto cached = cached_search(node->id, q, now);
      if (!cached.ok())
        return cached.error();
      const knowledge::SearchResult* found = cached->get();
      if (st.current.page > 0) {
        r.texts.push_back("つづきです。");
      } else {
        for (const auto& t : node->texts)
          r.texts.push_back(t);
      }
      if (q.prefecture > 0 && st.current.page == 0 && !found->services.empty() &&
          found->services.front().area_scope == "national") {
        // Local rows rank first, so a national first row means there are none here yet.
        r.texts.push_back(prefecture_name(q.prefecture) +
                          "の窓口は、まだ見つかっていません。全国の窓口をお知らせします。");
      }
      for (const auto& s : found->services)
        r.cards.push_back(make_card(s, options_.stale_days, now));
      if (r.cards.empty()) {
        r.texts.push_back("ごめんなさい、いまお知らせできる相談先が見つかりませんでした。");
      }
      if (q.offset + static_cast<int>(found->services.size()) < found->total) {
        more = st.current.page + 1;
      }
    } else {
      for (const auto& t : node->texts)
        r.texts.push_back(t);
    }
    for (const auto& c : intents::shown_choices(*node, more))
      r.choices.push_back({c.label, c.data});
    return r;
  }

  // Tree answers are the same for everyone who asks the same step in the same area, so they
  // are kept for a short while: at 100k services one search costs milliseconds, a cached page
  // microseconds. An import shows up within result_cache_seconds. Free-text searches are not
  // cached (their keys are unbounded and they are rare).
  using SharedResult = std::shared_ptr<const knowledge::SearchResult>;
  using SharedServices = std::shared_ptr<const std::vector<knowledge::Service>>;

  Result<SharedResult> cached_search(const std::string& node_id, const knowledge::Query& q,
                                     std::int64_t now) {
    const std::string key = node_id + "|" + std::to_string(q.prefecture) + "|" +
                            std::to_string(q.offset) + "|" + q.situation;
    if (options_.result_cache_seconds > 0) {
      std::lock_guard<std::mutex> lock(cache_mu_);
      auto it = search_cache_.find(key);
      if (it != search_cache_.end() && it->second.expires > now)
        return it->second.value;
    }
    auto found = kb_.search(q);
    if (!found.ok())
      return found.error();
    auto shared = std::make_shared<const knowledge::SearchResult>(std::move(found).value());
    if (options_.result_cache_seconds > 0) {
      std::lock_guard<std::mutex> lock(cache_mu_);
      if (search_cache_.size() >= kMaxCacheEntries)
        search_cache_.clear();
      search_cache_[key] = {shared, now + options_.result_cache_seconds};
    }
    return shared;
  }

  // Shared, not copied: with a large directory the urgent list can hold thousands of rows.
  Result<SharedServices> cached_urgent(bool violence, std::int64_t now) {
    const std::size_t slot = violence ? 1 : 0;
    if (options_.result_cache_seconds > 0) {
      std::lock_guard<std::mutex> lock(cache_mu_);
      if (urgent_cache_[slot].expires > now)
        return urgent_cache_[slot].value;
    }
    auto found = kb_.urgent_services(violence);
    if (!found.ok()) {
      // Crisis lines from a minute ago beat no crisis lines.
      std::lock_guard<std::mutex> lock(cache_mu_);
      if (urgent_cache_[slot].value)
        return urgent_cache_[slot].value;
      return found.error();
    }
    auto shared = std::make_shared<const std::vector<knowledge::Service>>(std::move(found).value());
    if (options_.result_cache_seconds > 0) {
      std::lock_guard<std::mutex> lock(cache_mu_);
      urgent_cache_[slot] = {shared, now + options_.result_cache_seconds};
    }
    return shared;
  }

  std::string prefecture_name(int code) const {
    for (const auto& [c, name] : tree().prefectures()) {
      if (c == code)
        return name;
    }
    return "お住まいの地域";
  }

  knowledge::KnowledgeBase& kb_;
  EngineOptions options_;
  EngineParts parts_;
  std::unique_ptr<SessionStore> store_;
  std::vector<std::pair<std::string, Nav>> nav_words_;
  std::set<std::string> greetings_;                  // normalised
  std::map<std::string, std::string> entry_labels_;  // entry node id -> button label
  std::set<std::string> situations_;                 // situations the tree's buttons set
  std::array<std::mutex, kStripes> stripes_;
  template <typename T>
  struct Cached {
    T value;
    std::int64_t expires = 0;
  };
  std::mutex cache_mu_;
  std::map<std::string, Cached<SharedResult>> search_cache_;
  std::array<Cached<SharedServices>, 2> urgent_cache_;
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
  auto store = SessionStore::open(options.session_db, options.user_key_secret);
  if (!store.ok())
    return store.error();
  return std::unique_ptr<Engine>(
      new EngineImpl(kb, options, std::move(parts), std::move(store).value()));
}

}  // namespace shirube::bot
