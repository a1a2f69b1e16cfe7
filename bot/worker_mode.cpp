#include "bot/worker_mode.h"

#include <algorithm>

#include "bot/referral_text.h"
#include "bot/render.h"
#include "intents/intent_matcher.h"
#include "intents/normalize.h"
#include "intents/tree.h"
#include "knowledge/knowledge_base.h"

namespace shirube::bot {

namespace {

constexpr std::size_t kNeedsFirstPage = 11;  // + ほかの分野 + 支援者モード終了 = 13 buttons
constexpr int kMaxServices = 200;

const std::string& norm_of(const char* words) {
  static thread_local std::string out;
  out = intents::normalize(words);
  return out;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A municipality written as a word of its own (「山梨県 北杜市」「北杜市」), after the
// prefecture when both are in one word; "" when none.
std::string written_city(const std::string& text) {
  std::string spaced = text;
  for (const char* sep : {"\u3000", "\u3001", "\uff0c", ","}) {
    for (std::size_t at = spaced.find(sep); at != std::string::npos; at = spaced.find(sep))
      spaced.replace(at, std::string_view(sep).size(), " ");
  }
  std::size_t start = 0;
  while (start < spaced.size()) {
    std::size_t end = spaced.find(' ', start);
    if (end == std::string::npos)
      end = spaced.size();
    std::string word = spaced.substr(start, end - start);
    start = end + 1;
    if (!(ends_with(word, "市") || ends_with(word, "区") || ends_with(word, "町") ||
          ends_with(word, "村")))
      continue;
    for (const char* pref_end : {"県", "都", "府", "北海道"}) {
      const std::size_t at = word.find(pref_end);
      if (at != std::string::npos)
        word = word.substr(at + std::string_view(pref_end).size());
    }
    if (word.size() > 3)  // more than the 市 itself
      return word;
  }
  return {};
}

}  // namespace

WorkerMode::WorkerMode(knowledge::KnowledgeBase& kb, const Texts& texts, const intents::Tree& tree,
                       const intents::IntentMatcher& matcher, WorkerLinks& links)
    : kb_(kb), texts_(texts), tree_(tree), matcher_(matcher), links_(links) {}

std::optional<std::string> WorkerMode::registration(const std::string& norm) {
  const std::string& head = norm_of("支援者登録");
  if (norm.rfind(head, 0) != 0)
    return std::nullopt;
  return norm.substr(head.size());
}

bool WorkerMode::is_code_only(const std::string& norm) {
  const auto code = registration(norm);
  return code && code->size() <= 16 && std::all_of(code->begin(), code->end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
         });
}

bool WorkerMode::is_exit(const std::string& norm) {
  return norm == norm_of("支援者モード終了") || norm == norm_of("支援者モードを終了");
}

bool WorkerMode::is_menu(const std::string& norm) {
  return norm == norm_of("支援者メニュー") || norm == norm_of("支援者モード");
}

Result<Reply> WorkerMode::link(SessionState& st, const std::string& code, std::int64_t now) const {
  constexpr std::string_view kLine = "line:";
  Reply r;
  r.node = st.current.node;
  if (st.channel_user.rfind(kLine, 0) != 0) {
    r.texts.push_back(text(TextId::kWorkerLineOnly, st));
    return r;
  }
  auto done = links_.redeem(code, st.user_key, st.channel_user.substr(kLine.size()), now);
  if (!done.ok())
    return done.error();
  switch (done->outcome) {
    case LinkOutcome::kLinked:
      st.worker = WorkerSearch{};
      st.worker.on = true;
      st.asked = false;
      st.resume.reset();
      return with_intro(ask_need(st, 0), text(TextId::kWorkerLinked, st));
    case LinkOutcome::kExpired:
      r.texts.push_back(text(TextId::kWorkerCodeExpired, st));
      break;
    case LinkOutcome::kUsed:
      r.texts.push_back(text(TextId::kWorkerCodeUsed, st));
      break;
    case LinkOutcome::kLimited:
      r.texts.push_back(text(TextId::kWorkerCodeLimited, st));
      break;
    case LinkOutcome::kWrong:
      r.texts.push_back(text(TextId::kWorkerCodeWrong, st));
      break;
  }
  return r;
}

std::optional<Reply> WorkerMode::unlinked(SessionState& st) const {
  auto org = links_.org_of(st.user_key);
  if (org.ok() && org->has_value())
    return std::nullopt;
  // Revoked (or unreadable): the mode ends; the person is answered as anyone else from now.
  st.worker = WorkerSearch{};
  Reply r;
  r.node = st.current.node;
  r.texts.push_back(text(TextId::kWorkerNotLinked, st));
  return r;
}

Result<Reply> WorkerMode::enter(SessionState& st) const {
  if (auto r = unlinked(st))
    return std::move(*r);
  st.worker = WorkerSearch{};
  st.worker.on = true;
  return ask_need(st, 0);
}

Reply WorkerMode::leave(SessionState& st) const {
  st.worker = WorkerSearch{};
  Reply r;
  r.node = st.current.node;
  r.texts.push_back(text(TextId::kWorkerLeft, st));
  r.choices.push_back({tree_.labels().top.in(st.reply), intents::NavLabels::kTopData});
  return r;
}

Result<std::vector<knowledge::Category>> WorkerMode::needs() const {
  auto all = kb_.categories();
  if (!all.ok())
    return all.error();
  std::vector<knowledge::Category> top;
  for (auto& c : *all) {
    if (c.parent.empty())
      top.push_back(std::move(c));
  }
  std::stable_sort(top.begin(), top.end(),
                   [](const auto& a, const auto& b) { return a.sort < b.sort; });
  return top;
}

std::string WorkerMode::need_label(const std::string& id) const {
  auto all = needs();
  if (all.ok()) {
    for (const auto& c : *all) {
      if (c.id == id)
        return c.label;
    }
  }
  return id;
}

std::string WorkerMode::area_label(const WorkerSearch& w, ReplyLang lang) const {
  if (w.prefecture <= 0)
    return texts_.get(TextId::kWorkerNationwide, lang);
  return tree_.prefecture_name(w.prefecture, lang) + w.city;
}

Reply WorkerMode::ask_need(const SessionState& st, int page) const {
  Reply r;
  r.node = st.current.node;
  r.texts.push_back(text(TextId::kWorkerAskNeed, st));
  auto all = needs();
  if (all.ok()) {
    const std::size_t from = page == 0 ? 0 : kNeedsFirstPage;
    const std::size_t to = page == 0 ? std::min(kNeedsFirstPage, all->size()) : all->size();
    for (std::size_t i = from; i < to; ++i)
      r.choices.push_back({(*all)[i].label, "w=need&v=" + (*all)[i].id});
    if (page == 0 && all->size() > kNeedsFirstPage)
      r.choices.push_back({text(TextId::kWorkerMoreNeeds, st), "w=needs"});
    if (page != 0)
      r.choices.push_back({text(TextId::kWorkerRestart, st), "w=menu"});
  }
  r.choices.push_back({text(TextId::kWorkerExit, st), "w=exit"});
  return r;
}

Reply WorkerMode::ask_area(const SessionState& st, const std::string& intro) const {
  Reply r;
  r.node = st.current.node;
  if (!intro.empty())
    r.texts.push_back(intro);
  r.texts.push_back(texts_.fill(TextId::kWorkerAskArea, need_label(st.worker.need), st.reply));
  if (st.worker.prefecture > 0) {
    r.choices.push_back({tree_.prefecture_name(st.worker.prefecture, st.reply),
                         "w=area&v=" + std::to_string(st.worker.prefecture)});
  }
  r.choices.push_back({text(TextId::kWorkerNationwide, st), "w=area&v=0"});
  r.choices.push_back({text(TextId::kWorkerChangeNeed, st), "w=change_need"});
  r.choices.push_back({text(TextId::kWorkerExit, st), "w=exit"});
  return r;
}

Result<Reply> WorkerMode::next_step(SessionState& st) const {
  if (st.worker.need.empty())
    return ask_need(st, 0);
  if (st.worker.prefecture < 0)
    return ask_area(st, "");
  return results(st);
}

Result<Reply> WorkerMode::on_text(SessionState& st, const std::string& text,
                                  const std::string& norm) const {
  if (auto r = unlinked(st))
    return std::move(*r);
  if (is_exit(norm))
    return leave(st);
  if (is_menu(norm) || norm == norm_of("最初から"))
    return enter(st);
  // A need and an area in any order, in one message or two (「食べ物 甲府市」).
  WorkerSearch& w = st.worker;
  const auto matches = matcher_.match(text);
  const bool named_need = !matches.empty();
  if (named_need)
    w.need = matches.front().category;
  const intents::AreaMatch area = intents::find_area(text);
  bool named_area = false;
  if (area.prefecture > 0) {
    w.prefecture = area.prefecture;
    w.city = area.municipality.empty() ? written_city(text) : area.municipality;
    named_area = true;
  } else if (norm == norm_of("全国") || norm == norm_of("全国の窓口")) {
    w.prefecture = 0;
    w.city.clear();
    named_area = true;
  }
  w.page = 0;
  if (!named_need && !named_area) {
    if (w.need.empty())
      return ask_need(st, 0);
    return ask_area(st, this->text(TextId::kWorkerAreaUnknown, st));
  }
  return next_step(st);
}

Result<Reply> WorkerMode::on_postback(SessionState& st, const Postback& pb) const {
  if (auto r = unlinked(st))
    return std::move(*r);
  st.worker.on = true;
  WorkerSearch& w = st.worker;
  const std::string& a = pb.worker;
  if (a == "exit")
    return leave(st);
  if (a == "menu")
    return enter(st);
  if (a == "needs")
    return ask_need(st, 1);
  if (a == "change_need") {
    w.need.clear();
    return ask_need(st, 0);
  }
  if (a == "change_area") {
    w.page = 0;
    return ask_area(st, "");
  }
  if (a == "need") {
    auto all = needs();
    if (!all.ok())
      return all.error();
    const bool known =
        std::any_of(all->begin(), all->end(), [&](const auto& c) { return c.id == pb.value; });
    if (!known)
      return ask_need(st, 0);
    w.need = pb.value;
    w.page = 0;
    return next_step(st);
  }
  if (a == "area") {
    const auto code = pb.value.size() <= 2 && !pb.value.empty() &&
                              std::all_of(pb.value.begin(), pb.value.end(),
                                          [](char c) { return c >= '0' && c <= '9'; })
                          ? std::stoi(pb.value)
                          : -1;
    if (code < 0 || code > 47)
      return ask_area(st, "");
    if (code != w.prefecture)
      w.city.clear();
    w.prefecture = code;
    w.page = 0;
    return next_step(st);
  }
  if (a == "next") {
    ++w.page;
    return next_step(st);
  }
  return next_step(st);
}

Result<std::vector<knowledge::Service>> WorkerMode::find(const WorkerSearch& w) const {
  knowledge::Query q;
  q.categories = {w.need};
  q.prefecture = std::max(0, w.prefecture);
  q.national_only = w.prefecture == 0;
  q.for_people = true;  // what the person can reach; records for workers stay out
  q.limit = kMaxServices;
  auto found = kb_.search(q);
  if (!found.ok())
    return found.error();
  std::vector<knowledge::Service> out = std::move(found->services);
  if (w.city.empty())
    return out;
  // A municipality: its own windows first, then the prefecture's and the nationwide ones;
  // windows of other municipalities are left out.
  const auto in_city = [&](const knowledge::Service& s) {
    return s.area_text.find(w.city) != std::string::npos;
  };
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const knowledge::Service& s) {
                             return s.area_scope == "municipality" && !in_city(s);
                           }),
            out.end());
  std::stable_partition(out.begin(), out.end(), in_city);
  return out;
}

Result<Reply> WorkerMode::results(SessionState& st) const {
  auto found = find(st.worker);
  if (!found.ok())
    return found.error();
  const std::size_t total = found->size();
  std::size_t first = static_cast<std::size_t>(std::max(0, st.worker.page)) * kServicesPerReply;
  if (first >= total) {
    st.worker.page = 0;
    first = 0;
  }
  Reply r;
  r.node = st.current.node;
  r.category = st.worker.need;
  const std::string what = need_label(st.worker.need) + "・" + area_label(st.worker, st.reply);
  if (total == 0) {
    r.texts.push_back(text(TextId::kWorkerResultsNone, st));
  } else {
    const std::size_t last = std::min(total, first + kServicesPerReply);
    r.texts.push_back(texts_.fill(TextId::kWorkerResultsHead,
                                  what + " " + std::to_string(first + 1) + "-" +
                                      std::to_string(last) + "/" + std::to_string(total),
                                  st.reply));
    for (std::size_t i = first; i < last; ++i) {
      std::string t = referral_service_text(static_cast<int>(i + 1), (*found)[i]);
      t.erase(0, t.find_first_not_of('\n'));
      t += kReferralCaveat;
      r.texts.push_back(std::move(t));
    }
    if (last < total)
      r.choices.push_back({text(TextId::kWorkerNext, st), "w=next"});
  }
  r.choices.push_back({text(TextId::kWorkerChangeArea, st), "w=change_area"});
  r.choices.push_back({text(TextId::kWorkerChangeNeed, st), "w=change_need"});
  r.choices.push_back({text(TextId::kWorkerRestart, st), "w=menu"});
  r.choices.push_back({text(TextId::kWorkerExit, st), "w=exit"});
  return r;
}

}  // namespace shirube::bot
