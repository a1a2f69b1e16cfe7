#include "bot/render.h"

#include <algorithm>
#include <utility>

#include "bot/cards.h"
#include "bot/crisis_answer.h"
#include "bot/results_query.h"
#include "knowledge/contact.h"

namespace shirube::bot {

namespace {

using intents::NodeType;
using intents::TreeLimits;
using intents::TreeNode;

constexpr std::size_t kMaxTexts = 3;  // free-text answers: the rest would push the buttons away

void add_buttons(Reply& r, const intents::Tree& tree, const TreeNode& node, int more_page,
                 ReplyLang lang) {
  for (const auto& c : intents::shown_choices(tree, node, more_page, lang))
    r.choices.push_back({c.label, c.data});
}

}  // namespace

Renderer::Renderer(const intents::Tree& tree, AnswerCache& cache, const Texts& texts,
                   int stale_days)
    : tree_(tree), cache_(cache), texts_(texts), stale_days_(stale_days) {
  // The button text that leads to each category (root and その他), for extra-need buttons.
  for (const auto& n : tree_.nodes()) {
    if (!n.category.empty())
      continue;
    for (const auto& c : n.choices)
      entry_labels_.emplace(c.to, c.label);
  }
}

Result<Reply> Renderer::step(SessionState& st, std::int64_t now) const {
  const TreeNode* node = tree_.find(st.current.node);
  if (node == nullptr) {
    st = SessionState{};
    node = &tree_.root();
  }
  const ReplyLang lang = st.reply;
  if (node->type == NodeType::kCrisis)  // shown again (戻る into it, a restart): the same answer
    return crisis(*node, false, now, lang, st.reads_other_language());
  if (node->type == NodeType::kResults)
    return results(*node, st.current, now, lang);
  Reply r;
  r.node = node->id;
  r.asks_area = node->type == NodeType::kArea || node->type == NodeType::kRegion;
  if (!node->category.empty())
    r.category = node->category;
  for (const auto& t : node->texts)
    r.texts.push_back(t.in(lang));
  add_buttons(r, tree_, *node, -1, lang);
  if (node == &tree_.root())
    r.languages = language_choices(lang);
  return r;
}

std::vector<Choice> Renderer::language_choices(ReplyLang lang) const {
  static constexpr std::pair<ReplyLang, TextId> kNames[] = {
      {ReplyLang::kJa, TextId::kLangNameJa},
      {ReplyLang::kEasy, TextId::kLangNameEasy},
      {ReplyLang::kEn, TextId::kLangNameEn}};
  std::vector<Choice> out;
  for (const auto& [l, name] : kNames) {
    if (l != lang)
      out.push_back({texts_.get(name, lang), "lang=" + std::string(reply_lang_code(l))});
  }
  return out;
}

Result<Reply> Renderer::results(const TreeNode& node, const Snapshot& at, std::int64_t now,
                                ReplyLang lang) const {
  const knowledge::Query q = results_query(node, at.prefecture, at.page);
  auto cached = cache_.search(node.id, q, now);
  if (!cached.ok())
    return cached.error();
  const knowledge::SearchResult& found = **cached;
  Reply r;
  r.node = node.id;
  if (!node.category.empty())
    r.category = node.category;
  if (at.page > 0) {
    r.texts.push_back(texts_.get(TextId::kResultsContinued, lang));
  } else {
    for (const auto& t : node.texts)
      r.texts.push_back(t.in(lang));
  }
  if (q.prefecture > 0 && at.page == 0 && !found.services.empty() &&
      found.services.front().area_scope == "national") {
    // Local rows rank first, so a national first row means there are none here yet.
    r.texts.push_back(
        texts_.fill(TextId::kResultsNoLocal, prefecture_name(q.prefecture, lang), lang));
  }
  for (const auto& s : found.services)
    r.cards.push_back(make_card(s, stale_days_, now, texts_, lang));
  if (lang == ReplyLang::kEn)  // lines that answer in English first, in the order found
    std::stable_partition(r.cards.begin(), r.cards.end(), [&found](const ResultCard& c) {
      return std::any_of(found.services.begin(), found.services.end(),
                         [&c](const knowledge::Service& s) {
                           return s.id == c.service_id && answers_in_english(s);
                         });
    });
  // What a person can reach now first: among the cards a tap reaches (the directory ranks them
  // first), one closed now by its hours goes after those open now or of unknown hours.
  const auto tap_end =
      std::find_if(r.cards.begin(), r.cards.end(), [](const ResultCard& c) { return !c.action; });
  std::stable_partition(r.cards.begin(), tap_end,
                        [](const ResultCard& c) { return !c.closed_now; });
  if (r.cards.empty())
    r.texts.push_back(texts_.get(TextId::kResultsNone, lang));
  add_nationwide_line(node, found.services, r, at.page == 0, now, lang);
  if (q.prefecture > 0 && at.page == 0)
    r.notes.push_back(texts_.get(local_window_note(node.category), lang));
  const bool more = q.offset + static_cast<int>(found.services.size()) < found.total;
  add_buttons(r, tree_, node, more ? at.page + 1 : -1, lang);
  // Care leavers short of food can apply for food support here (bot/food_form.h).
  if ((node.category == "food" || node.category == "care_leaver") && at.page == 0)
    r.choices.insert(r.choices.begin(), {texts_.get(TextId::kFoodEntryButton, lang), "f=start"});
  return r;
}

void Renderer::add_nationwide_line(const TreeNode& node,
                                   const std::vector<knowledge::Service>& shown, Reply& r,
                                   bool first, std::int64_t now, ReplyLang lang) const {
  // Done when the last card a tap can reach, in the order shown, is nationwide.
  for (auto c = r.cards.rbegin(); c != r.cards.rend(); ++c) {
    if (!c->action)
      continue;
    const auto s = std::find_if(shown.begin(), shown.end(), [&c](const knowledge::Service& x) {
      return x.id == c->service_id;
    });
    if (s != shown.end() && s->area_scope == "national")
      return;
    break;
  }
  // The need's own nationwide lines first (the first page of the nationwide answer, which
  // ranks what a tap reaches first); a need without one gets a 24-hour line for any worry.
  auto national = cache_.search(node.id, results_query(node, 0, 0), now);
  if (national.ok() && add_line((*national)->services, shown, false, first, r, now, lang))
    return;
  auto urgent = cache_.urgent(false, now);
  if (urgent.ok())
    add_line(**urgent, shown, true, first, r, now, lang);
}

bool Renderer::add_line(const std::vector<knowledge::Service>& from,
                        const std::vector<knowledge::Service>& shown, bool only_24h, bool first,
                        Reply& r, std::int64_t now, ReplyLang lang) const {
  auto is_shown = [&shown](const knowledge::Service& s) {
    return std::any_of(shown.begin(), shown.end(),
                       [&s](const knowledge::Service& x) { return x.id == s.id; });
  };
  for (const auto& s : from) {
    if (s.area_scope != "national" || is_shown(s) || (only_24h && !s.is_24h) ||
        knowledge::open_only_in_periods(s) || s.contact == "110" || s.contact == "119" ||
        !contact_action(s.contact, texts_)) {
      continue;
    }
    // The line goes before the programmes known without contact (they come last), and leads
    // a first page whose first card cannot be tapped.
    auto at = std::find_if(r.cards.begin(), r.cards.end(),
                           [](const ResultCard& c) { return !c.kind_label.empty(); });
    if (first && (r.cards.empty() || !r.cards.front().action))
      at = r.cards.begin();
    r.cards.insert(at, make_card(s, stale_days_, now, texts_, lang));
    return true;
  }
  return false;
}

TextId local_window_note(const std::string& category) {
  if (category == "elderly")
    return TextId::kResultsLocalElderly;
  for (const char* c : {"money", "housing", "food", "work", "care_leaver"}) {
    if (category == c)
      return TextId::kResultsLocalLiving;
  }
  return TextId::kResultsLocalOther;
}

Result<Reply> Renderer::written_lines(const TreeNode& node, const std::string& intro,
                                      std::int64_t now, ReplyLang lang) const {
  auto services = cache_.urgent(node.violence, now);
  if (!services.ok())
    return services.error();
  return written_lines_reply(node, **services, intro, Wording{texts_, tree_, lang}, stale_days_,
                             now);
}

Result<Reply> Renderer::crisis(const TreeNode& node, bool immediate, std::int64_t now,
                               ReplyLang lang, bool multilingual) const {
  auto services = cache_.urgent(node.violence, now);
  if (!services.ok())
    return services.error();
  return crisis_reply(node, **services, immediate, Wording{texts_, tree_, lang}, stale_days_, now,
                      multilingual);
}

Reply Renderer::text_search(const Result<knowledge::SearchResult>& found, Reply current,
                            std::int64_t now, ReplyLang lang) const {
  Reply r;
  if (found.ok() && !found->services.empty()) {
    r.texts.push_back(texts_.get(TextId::kSearchFound, lang));
    for (const auto& s : found->services)
      r.cards.push_back(make_card(s, stale_days_, now, texts_, lang));
    // Nothing found can be tapped: a 24-hour line for any worry comes first.
    if (std::none_of(r.cards.begin(), r.cards.end(),
                     [](const ResultCard& c) { return c.action.has_value(); })) {
      auto urgent = cache_.urgent(false, now);
      if (urgent.ok())
        add_line(**urgent, found->services, true, true, r, now, lang);
    }
  } else {
    r.texts.push_back(texts_.get(TextId::kSearchNotUnderstood, lang));
    for (auto& t : current.texts)
      r.texts.push_back(std::move(t));
    r.cards = std::move(current.cards);
  }
  r.choices = std::move(current.choices);
  r.node = current.node;
  r.asks_area = current.asks_area;
  r.category = current.category;
  r.crisis = current.crisis;
  r.links = std::move(current.links);
  r.languages = std::move(current.languages);
  if (r.texts.size() > kMaxTexts)
    r.texts.resize(kMaxTexts);
  return r;
}

void Renderer::add_other_needs(Reply& r, const std::vector<intents::IntentMatch>& matches,
                               const std::string& answered, ReplyLang lang) const {
  std::vector<Choice> extra;
  for (const auto& m : matches) {
    if (m.category == answered || m.category == "crisis" || extra.size() == 2)
      continue;
    const TreeNode* entry = tree_.category_entry(m.category);
    auto label = entry_labels_.find(entry == nullptr ? "" : entry->id);
    if (label == entry_labels_.end())
      continue;
    extra.push_back({label->second.in(lang), "n=" + entry->id});
  }
  if (extra.empty() || r.choices.size() + extra.size() > TreeLimits::kMaxQuickReplies)
    return;
  r.choices.insert(r.choices.begin(), extra.begin(), extra.end());
}

std::string Renderer::prefecture_name(int code, ReplyLang lang) const {
  std::string name = tree_.prefecture_name(code, lang);
  return name.empty() ? texts_.get(TextId::kAreaUnknown, lang) : name;
}

Result<Reply> with_intro(Result<Reply> r, const std::string& text) {
  if (r.ok())
    r->texts.insert(r->texts.begin(), text);
  return r;
}

}  // namespace shirube::bot
