#include "bot/crisis_answer.h"

#include <algorithm>

#include "bot/cards.h"
#include "knowledge/contact.h"

namespace shirube::bot {

namespace {

using intents::NodeType;
using intents::TreeLimits;

constexpr const char* kEmergencyNumbers[] = {"110", "119"};

bool is_tel(const std::string& contact, const char* number) {
  if (contact.rfind(number, 0) != 0)
    return false;  // cheap test first: most rows are not
  auto a = contact_action(contact);
  return a && a->uri == std::string("tel:") + number;
}

bool is_emergency(const knowledge::Service& s) {
  return is_tel(s.contact, "110") || is_tel(s.contact, "119");
}

// A line for someone who writes in another language: it answers in English or serves foreign
// residents.
bool serves_foreign_residents(const knowledge::Service& s) {
  return answers_in_english(s) ||
         std::any_of(s.categories.begin(), s.categories.end(),
                     [](const std::string& c) { return c.rfind("foreign", 0) == 0; });
}

bool is_violence(const knowledge::Service& s) {
  return std::any_of(s.categories.begin(), s.categories.end(),
                     [](const std::string& c) { return c.rfind("violence", 0) == 0; });
}

// The first service whose contact is the number `number`, or nullptr.
const knowledge::Service* find_tel(const std::vector<knowledge::Service>& services,
                                   const char* number) {
  for (const auto& s : services) {
    if (is_tel(s.contact, number))
      return &s;
  }
  return nullptr;
}

}  // namespace

CrisisLines order_crisis_lines(const std::vector<knowledge::Service>& services, bool violence,
                               bool immediate, bool multilingual) {
  CrisisLines lines;
  auto& order = lines.order;
  auto full = [&order] { return order.size() >= CrisisLines::kCandidates; };
  auto add = [&order](const knowledge::Service& s) {
    if (std::find(order.begin(), order.end(), &s) == order.end())
      order.push_back(&s);
  };
  if (immediate) {
    // Someone hurting the person now: the police first. An overdose, an injury or an act
    // starting now: the ambulance first.
    static constexpr const char* kPoliceFirst[] = {"110", "119"};
    static constexpr const char* kAmbulanceFirst[] = {"119", "110"};
    for (const char* num : violence ? kPoliceFirst : kAmbulanceFirst) {
      if (const knowledge::Service* s = find_tel(services, num))
        order.push_back(s);
    }
  }
  // Someone who writes in another language: the lines that answer in other languages first.
  if (multilingual) {
    for (bool h24 : {true, false}) {
      for (const auto& s : services) {
        if (!full() && s.is_24h == h24 && serves_foreign_residents(s) && !is_emergency(s))
          add(s);
      }
    }
  }
  if (violence) {
    for (bool h24 : {true, false}) {
      for (const auto& s : services) {
        if (!full() && s.is_24h == h24 && is_violence(s) && !is_emergency(s))
          add(s);
      }
    }
  }
  for (const auto& s : services) {
    if (!full() && s.is_24h && !(violence && is_violence(s)) && !is_emergency(s))
      add(s);
  }
  lines.buttons = order.size();
  for (const auto& s : services) {
    if (!full() && !is_emergency(s))
      add(s);
  }
  if (lines.buttons == 0)
    lines.buttons = order.size();  // no 24-hour line in the data: offer what there is
  return lines;
}

const intents::TreeNode* crisis_node(const intents::Tree& tree, bool violence) {
  for (const auto& n : tree.nodes()) {
    if (n.type == NodeType::kCrisis && n.violence == violence)
      return &n;
  }
  return nullptr;
}

namespace {

// An empty crisis reply of `node`: crisis, its id, and its category (or violence / crisis).
Reply crisis_reply_of(const intents::TreeNode& node) {
  Reply r;
  r.crisis = true;
  r.risk = intents::RiskLevel::kCrisis;
  r.node = node.id;
  r.category =
      node.category.empty() ? std::string(node.violence ? "violence" : "crisis") : node.category;
  return r;
}

}  // namespace

Reply crisis_reply(const intents::TreeNode& node, const std::vector<knowledge::Service>& services,
                   bool immediate, const Wording& w, int stale_days, std::int64_t now,
                   bool multilingual) {
  const Texts& texts = w.texts;
  const CrisisLines lines = order_crisis_lines(services, node.violence, immediate, multilingual);
  Reply r = crisis_reply_of(node);
  if (immediate)
    r.texts.push_back(texts.get(TextId::kCrisisCallNow, w.lang));
  for (const auto& t : node.texts)
    r.texts.push_back(t.in(w.lang));
  for (std::size_t i = 0; i < lines.order.size(); ++i) {
    const knowledge::Service& s = *lines.order[i];
    // A # number has no tap (it is shown on its card with how to call it); a line open only in
    // announced periods, or closed now by its hours, gets no button: its card says why.
    std::optional<Link> action;
    if (!knowledge::open_only_in_periods(s) &&
        open_state(s, now) != knowledge::hours::OpenState::kClosed)
      action = contact_action(s.contact, texts, w.lang);
    if (i < lines.buttons && action && r.links.size() < CrisisLines::kMaxLinks)
      r.links.push_back({crisis_link_label(s, *action, texts, w.lang), action->uri});
    if (r.cards.size() < TreeLimits::kPageSize)
      r.cards.push_back(make_card(s, stale_days, now, texts, w.lang));
  }
  if (!immediate) {
    // 110/119 always close the list (see the header).
    for (const char* num : kEmergencyNumbers) {
      const knowledge::Service* s = find_tel(services, num);
      if (s == nullptr)
        continue;
      if (auto action = contact_action(s->contact, texts, w.lang))
        r.links.push_back({crisis_link_label(*s, *action, texts, w.lang), action->uri});
    }
  }
  for (const auto& c : intents::shown_choices(w.tree, node, -1, w.lang))
    r.choices.push_back({c.label, c.data});
  return r;
}

Reply written_lines_reply(const intents::TreeNode& node,
                          const std::vector<knowledge::Service>& services, const std::string& intro,
                          const Wording& w, int stale_days, std::int64_t now) {
  const Texts& texts = w.texts;
  Reply r = crisis_reply_of(node);
  r.texts.push_back(intro);
  // Lines taking messages now (or whose hours do not say) first, then those closed now, whose
  // cards say so; a line open only in announced periods is never offered as a button.
  for (bool closed : {false, true}) {
    for (const auto& s : services) {
      if ((s.channel != "chat" && s.channel != "sns") || knowledge::open_only_in_periods(s) ||
          (open_state(s, now) == knowledge::hours::OpenState::kClosed) != closed)
        continue;
      auto action = contact_action(s.contact, texts, w.lang);
      if (!action || action->uri.rfind("tel:", 0) == 0)
        continue;
      if (r.links.size() < CrisisLines::kMaxLinks)
        r.links.push_back({crisis_link_label(s, *action, texts, w.lang), action->uri});
      if (r.cards.size() < TreeLimits::kPageSize)
        r.cards.push_back(make_card(s, stale_days, now, texts, w.lang));
    }
  }
  if (r.links.empty()) {
    Reply full = crisis_reply(node, services, false, w, stale_days, now);
    full.texts.insert(full.texts.begin(), intro);
    return full;
  }
  for (const auto& c : intents::shown_choices(w.tree, node, -1, w.lang))
    r.choices.push_back({c.label, c.data});
  return r;
}

std::string crisis_link_label(const knowledge::Service& s, const Link& action, const Texts& texts,
                              ReplyLang lang) {
  // In English the line's English name where the data has one (its card shows both).
  const std::string& name = lang == ReplyLang::kEn && !s.name_en.empty() ? s.name_en : s.name;
  if (action.uri.rfind("tel:", 0) != 0)
    return texts.fill(TextId::kCrisisOpenLink, name, lang);
  if (name.find(s.contact) != std::string::npos)
    return name;
  return s.contact + " " + name;
}

}  // namespace shirube::bot
