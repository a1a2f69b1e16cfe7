// Over 500 lines on purpose: the whole food-support dialogue, one step after another, so that
// the order of the questions, their checks and their buttons read in one place; storage is
// food_store.cpp and the worries scrubber food_worries.cpp.
#include "bot/food_form.h"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>

#include <re2/re2.h>

#include "bot/food_store.h"
#include "bot/food_worries.h"
#include "bot/render.h"
#include "bot/texts.h"
#include "common/args.h"
#include "common/time_format.h"
#include "common/utf8.h"
#include "intents/intent_matcher.h"
#include "intents/normalize.h"
#include "intents/tree.h"

namespace shirube::bot {

namespace {

constexpr const char* kForm = "food";
constexpr const char* kAreaNode = "food.area";        // its regions and prefectures
constexpr const char* kResultsNode = "food.results";  // food help for today
constexpr std::size_t kMaxNickname = 20;
constexpr std::size_t kMaxMunicipality = 20;
constexpr std::size_t kMaxAllergies = 200;
constexpr std::size_t kMaxWorries = 500;
constexpr std::size_t kMaxStatusItems = 5;
constexpr std::size_t kMaxCancelButtons = 5;

// The questions after consent, in order.
constexpr std::array<const char*, 12> kSteps = {
    "consent",   "nickname",       "age",           "municipality", "left_care", "household",
    "allergies", "contact_method", "contact_value", "delivery",     "worries",   "confirm"};

constexpr std::array<const char*, 3> kContactValues = {"line", "phone", "email"};
constexpr std::array<const char*, 2> kDeliveryValues = {"delivery", "pickup"};
constexpr int kHouseholdOptions = 4;

std::string next_step(const std::string& step) {
  for (std::size_t i = 0; i + 1 < kSteps.size(); ++i) {
    if (step == kSteps[i])
      return kSteps[i + 1];
  }
  return "confirm";
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t bar = s.find('|', start);
    out.push_back(s.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
    if (bar == std::string::npos)
      return out;
    start = bar + 1;
  }
}

std::string trim(std::string_view s) {
  std::string t = ascii_forms(s);
  const auto first = t.find_first_not_of(" \t\r\n");
  if (first == std::string::npos)
    return {};
  const auto last = t.find_last_not_of(" \t\r\n");
  return t.substr(first, last - first + 1);
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::optional<std::string> phone_of(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      digits.push_back(c);
    else if (c != '-' && c != ' ' && c != '(' && c != ')')
      return std::nullopt;
  }
  if (digits.size() < 10 || digits.size() > 11 || digits[0] != '0')
    return std::nullopt;
  return digits;
}

bool is_email(const std::string& text) {
  static const RE2 kEmail(R"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})");
  return text.size() <= 254 && RE2::FullMatch(text, kEmail);
}

bool is_line_id(const std::string& text) {
  static const RE2 kLine(R"([A-Za-z0-9._\-]{4,20})");
  return RE2::FullMatch(text, kLine);
}

std::string status_label(FoodStatus s, const Texts& t, ReplyLang lang) {
  switch (s) {
    case FoodStatus::kReceived:
      return t.get(TextId::kFoodStatusReceived, lang);
    case FoodStatus::kContacted:
      return t.get(TextId::kFoodStatusContacted, lang);
    case FoodStatus::kHandedOver:
      return t.get(TextId::kFoodStatusHandedOver, lang);
    case FoodStatus::kClosed:
      return t.get(TextId::kFoodStatusClosed, lang);
    case FoodStatus::kCancelled:
      return t.get(TextId::kFoodStatusCancelled, lang);
  }
  return t.get(TextId::kFoodStatusReceived, lang);
}

void drop_entry_button(Reply& r) {
  r.choices.erase(std::remove_if(r.choices.begin(), r.choices.end(),
                                 [](const Choice& c) { return c.data == "f=start"; }),
                  r.choices.end());
}

}  // namespace

FoodForm::FoodForm(const intents::Tree& tree, const Texts& texts,
                   const intents::IntentMatcher& matcher, FoodStore& store, const Renderer& render)
    : tree_(tree), texts_(texts), matcher_(matcher), store_(store), render_(render) {}

Status FoodForm::check_texts(const Texts& texts) {
  const std::pair<TextId, std::size_t> lists[] = {
      {TextId::kFoodContactOptions, kContactValues.size()},
      {TextId::kFoodDeliveryOptions, kDeliveryValues.size()},
      {TextId::kFoodHouseholdOptions, static_cast<std::size_t>(kHouseholdOptions)},
      {TextId::kFoodSummaryLabels, 11}};
  for (const auto& [id, n] : lists) {
    if (split(texts.get(id)).size() != n) {
      return Error::invalid_argument("bot/data/texts.json",
                                     "text \"" + std::string(Texts::key(id)) + "\": expected " +
                                         std::to_string(n) + " options separated by |");
    }
  }
  for (TextId id : {TextId::kFoodAgeOptions, TextId::kFoodLeftCareOptions}) {
    const auto opts = split(texts.get(id));
    if (opts.size() < 2 || opts.size() > 10)
      return Error::invalid_argument(
          "bot/data/texts.json", "text \"" + std::string(Texts::key(id)) + "\": 2 to 10 options");
  }
  return {};
}

std::vector<std::string> FoodForm::options(TextId list, ReplyLang lang) const {
  return split(texts_.get(list, lang));
}

Choice FoodForm::resume_choice(ReplyLang lang) const {
  return {texts_.get(TextId::kFoodResumeButton, lang), "f=resume"};
}

bool FoodForm::at_worries(const std::string& key) const {
  auto d = store_.draft(key);
  return d.ok() && d->has_value() && (*d)->step == "worries";
}

Result<Reply> FoodForm::start(SessionState& st, const std::string& key, std::int64_t now) const {
  FoodDraft d;
  if (st.current.prefecture > 0) {
    d.answers.prefecture = st.current.prefecture;
    auto partners = store_.partners_in(d.answers.prefecture);
    if (!partners.ok())
      return partners.error();
    if (partners->empty()) {
      (void)store_.drop_draft(key);
      return no_partner(st, key, d.answers.prefecture,
                        render_.prefecture_name(d.answers.prefecture, st.reply), now);
    }
    d.step = "consent";
  } else {
    d.step = "region";
  }
  if (Status s = store_.save_draft(key, d, now); !s.ok())
    return s.error();
  st.form = kForm;
  return ask(st, key, now);
}

Result<Reply> FoodForm::current(SessionState& st, const std::string& key, std::int64_t now) const {
  return ask(st, key, now);
}

// Long by design: one branch per step of the form (the list in food_form.h), each its question
// and buttons, so the whole dialogue reads in one place.
Result<Reply> FoodForm::ask(SessionState& st, const std::string& key, std::int64_t now,
                            const std::string& problem) const {
  auto loaded = store_.draft(key);
  if (!loaded.ok())
    return loaded.error();
  if (!loaded->has_value()) {
    // The draft is gone (purged after a day, erased): the form is closed.
    st.form.clear();
    return with_intro(render_.step(st, now), texts_.get(TextId::kButtonUnavailable, st.reply));
  }
  const FoodDraft& d = **loaded;
  Reply r;
  r.node = st.current.node;
  r.category = "food";
  if (!problem.empty())
    r.texts.push_back(problem);
  auto add_options = [&](TextId list) {
    const auto opts = options(list, st.reply);
    for (std::size_t i = 0; i < opts.size(); ++i)
      r.choices.push_back({opts[i], "f=ans&v=" + std::to_string(i)});
  };
  const intents::TreeNode* area = tree_.find(kAreaNode);
  const std::string& step = d.step;
  // The steps that are one question with its option buttons or a skip button.
  struct Question {
    const char* step;
    TextId question;
    std::optional<TextId> options;  // a list of labels (texts.h), one button each
    std::optional<TextId> skip;     // a button that skips the question
  };
  static const Question kQuestions[] = {
      {"nickname", TextId::kFoodQNickname, std::nullopt, TextId::kFoodSkipNickname},
      {"age", TextId::kFoodQAge, TextId::kFoodAgeOptions, std::nullopt},
      {"left_care", TextId::kFoodQLeftCare, TextId::kFoodLeftCareOptions, std::nullopt},
      {"household", TextId::kFoodQHousehold, TextId::kFoodHouseholdOptions, std::nullopt},
      {"allergies", TextId::kFoodQAllergies, std::nullopt, TextId::kFoodSkipNone},
      {"contact_method", TextId::kFoodQContactMethod, TextId::kFoodContactOptions, std::nullopt},
      {"delivery", TextId::kFoodQDelivery, TextId::kFoodDeliveryOptions, std::nullopt},
      {"worries", TextId::kFoodQWorries, std::nullopt, TextId::kFoodSkipNone},
  };
  const auto question = std::find_if(std::begin(kQuestions), std::end(kQuestions),
                                     [&step](const Question& q) { return step == q.step; });
  if (question != std::end(kQuestions)) {
    r.texts.push_back(texts_.get(question->question, st.reply));
    if (question->options)
      add_options(*question->options);
    if (question->skip)
      r.choices.push_back({texts_.get(*question->skip, st.reply), "f=skip"});
  } else if (step == "region") {
    r.texts.push_back(texts_.get(TextId::kFoodAreaQuestion, st.reply));
    if (area != nullptr) {
      int i = 0;
      for (const auto& c : area->choices) {
        if (c.prefecture != 0)  // a region, or a prefecture shown alone (北海道); not 全国
          r.choices.push_back({c.label.in(st.reply), "f=ans&v=" + std::to_string(i)});
        ++i;
      }
    }
  } else if (step.rfind("pref:", 0) == 0) {
    r.texts.push_back(texts_.get(TextId::kFoodAreaQuestion, st.reply));
    const auto index = args::parse_int(step.substr(5), 0, 100);
    if (area != nullptr && index && static_cast<std::size_t>(*index) < area->choices.size()) {
      const intents::TreeNode* region =
          tree_.find(area->choices[static_cast<std::size_t>(*index)].to);
      if (region != nullptr) {
        for (const auto& c : region->choices) {
          if (c.prefecture > 0)
            r.choices.push_back({c.label.in(st.reply), "f=ans&v=" + std::to_string(c.prefecture)});
        }
      }
    }
  } else if (step == "consent") {
    auto partners = store_.partners_in(d.answers.prefecture);
    if (!partners.ok())
      return partners.error();
    std::string names;
    for (const auto& p : partners.value()) {
      if (!names.empty())
        names += "、";
      names += p.org_name;
    }
    r.texts.push_back(texts_.get(TextId::kFoodIntro, st.reply));
    r.texts.push_back(texts_.fill(TextId::kFoodReceiver, names, st.reply));
    r.texts.push_back(texts_.get(TextId::kFoodAsks, st.reply));
    r.choices.push_back({texts_.get(TextId::kFoodConsentYes, st.reply), "f=consent"});
  } else if (step == "municipality") {
    r.texts.push_back(texts_.fill(TextId::kFoodQMunicipality,
                                  render_.prefecture_name(d.answers.prefecture, st.reply),
                                  st.reply));
    auto partners = store_.partners_in(d.answers.prefecture);
    if (!partners.ok())
      return partners.error();
    for (const auto& p : partners.value()) {
      for (const auto& m : p.municipalities) {
        if (r.choices.size() < 6)
          r.choices.push_back({m, "f=ans&v=" + std::to_string(r.choices.size())});
      }
    }
  } else if (step == "contact_value") {
    const std::string& m = d.answers.contact_method;
    r.texts.push_back(texts_.get(m == "phone"   ? TextId::kFoodQContactPhone
                                 : m == "email" ? TextId::kFoodQContactEmail
                                                : TextId::kFoodQContactLine,
                                 st.reply));
  } else {  // confirm
    const auto labels = options(TextId::kFoodSummaryLabels, st.reply);
    const auto contact = options(TextId::kFoodContactOptions, st.reply);
    const auto delivery = options(TextId::kFoodDeliveryOptions, st.reply);
    const auto household = options(TextId::kFoodHouseholdOptions, st.reply);
    const FoodAnswers& a = d.answers;
    auto value = [&](const std::string& v) {
      return v.empty() ? texts_.get(TextId::kFoodNoneValue, st.reply) : v;
    };
    auto pick = [&](const std::vector<std::string>& labels_of, const auto& values,
                    const std::string& v) {
      for (std::size_t i = 0; i < values.size() && i < labels_of.size(); ++i) {
        if (v == values[i])
          return labels_of[i];
      }
      return value(v);
    };
    std::string partner_name;
    auto partners = store_.partners();
    if (partners.ok()) {
      for (const auto& p : partners.value()) {
        if (p.org_id == d.partner_org)
          partner_name = p.org_name;
      }
    }
    const std::string household_label = a.household >= 1 && a.household <= kHouseholdOptions
                                            ? household[static_cast<std::size_t>(a.household - 1)]
                                            : value("");
    const std::string rows[] = {value(a.nickname),
                                value(a.age_group),
                                render_.prefecture_name(a.prefecture, st.reply) + a.municipality,
                                value(a.left_care),
                                household_label,
                                value(a.allergies),
                                pick(contact, kContactValues, a.contact_method),
                                value(a.contact_value),
                                pick(delivery, kDeliveryValues, a.delivery),
                                value(a.worries),
                                value(partner_name)};
    std::string summary;
    for (std::size_t i = 0; i < labels.size() && i < std::size(rows); ++i) {
      if (!summary.empty())
        summary += "\n";
      summary += labels[i] + "：" + rows[i];
    }
    r.texts.push_back(texts_.get(TextId::kFoodSummary, st.reply));
    r.texts.push_back(summary);
    r.choices.push_back({texts_.get(TextId::kFoodSend, st.reply), "f=send&t=" + d.nonce});
  }
  if (!d.back.empty() || step.rfind("pref:", 0) == 0)
    r.choices.push_back({texts_.get(TextId::kFoodBack, st.reply), "f=back"});
  r.choices.push_back({texts_.get(TextId::kFoodStop, st.reply), "f=stop"});
  return r;
}

Result<Reply> FoodForm::back(SessionState& st, const std::string& key, std::int64_t now) const {
  ASSIGN_OR_RETURN(std::optional<FoodDraft> loaded, store_.draft(key));
  if (!loaded || loaded->back.empty())
    return stop(st, key, now);
  FoodDraft d = std::move(*loaded);
  d.step = d.back.back();
  d.back.pop_back();
  if (Status s = store_.save_draft(key, d, now); !s.ok())
    return s.error();
  return ask(st, key, now);
}

Result<Reply> FoodForm::advance_to(SessionState& st, FoodDraft& d, const std::string& next,
                                   const std::string& key, std::int64_t now) const {
  d.back.push_back(d.step);
  d.step = next;
  RETURN_IF_ERROR(store_.save_draft(key, d, now));
  return ask(st, key, now);
}

Result<Reply> FoodForm::stop(SessionState& st, const std::string& key, std::int64_t now) const {
  if (Status s = store_.drop_draft(key); !s.ok())
    return s.error();
  st.form.clear();
  auto r = with_intro(render_.step(st, now), texts_.get(TextId::kFoodStopped, st.reply));
  if (r.ok())
    drop_entry_button(*r);
  return r;
}

Result<Reply> FoodForm::food_services(SessionState& st, int prefecture, std::int64_t now) const {
  if (tree_.find(kResultsNode) == nullptr)
    return render_.step(st, now);
  if (!(st.current.node == kResultsNode && st.current.prefecture == prefecture)) {
    st.push(st.current);
    st.current = Snapshot{kResultsNode, prefecture, st.current.situation, 0};
  }
  auto r = render_.step(st, now);
  if (r.ok())
    drop_entry_button(*r);
  return r;
}

Result<Reply> FoodForm::no_partner(SessionState& st, const std::string& key, int prefecture,
                                   const std::string& place, std::int64_t now) const {
  if (Status s = store_.drop_draft(key); !s.ok())
    return s.error();
  st.form.clear();
  auto r = food_services(st, prefecture, now);
  if (!r.ok())
    return r;
  r->texts = {texts_.fill(TextId::kFoodNoPartner, place, st.reply),
              texts_.get(TextId::kFoodToday, st.reply)};
  return r;
}

Result<Reply> FoodForm::choose_prefecture(SessionState& st, const std::string& key, FoodDraft d,
                                          int prefecture, std::int64_t now) const {
  d.answers.prefecture = prefecture;
  st.current.prefecture = prefecture;
  auto partners = store_.partners_in(prefecture);
  if (!partners.ok())
    return partners.error();
  if (partners->empty())
    return no_partner(st, key, prefecture, render_.prefecture_name(prefecture, st.reply), now);
  d.back.push_back(d.step.rfind("pref:", 0) == 0 ? d.step : "region");
  d.step = "consent";
  if (Status s = store_.save_draft(key, d, now); !s.ok())
    return s.error();
  return ask(st, key, now);
}

// Long by design: one branch per button of the form (the f=… list in food_form.h).
Result<Reply> FoodForm::on_postback(SessionState& st, const Postback& pb, const std::string& key,
                                    std::int64_t now) const {
  const std::string& action = pb.form;
  if (action == "start")
    return start(st, key, now);
  if (action == "status")
    return status(st, key);
  if (action == "askcancel") {
    // Postback data comes from the client: only a well-formed reference is repeated.
    const auto ref = canonical_ref(pb.value);
    if (!ref)
      return cancel(st, key);
    Reply r;
    r.node = st.current.node;
    r.category = "food";
    r.texts.push_back(texts_.fill(TextId::kFoodCancelQuestion, *ref, st.reply));
    r.choices.push_back({texts_.get(TextId::kFoodCancelYes, st.reply), "f=cancel&v=" + *ref});
    r.choices.push_back({texts_.get(TextId::kFoodCancelNo, st.reply), "f=keep"});
    return r;
  }
  if (action == "cancel")
    return cancel_ref(st, key, pb.value, now);
  if (action == "keep") {
    if (st.form == kForm)
      return with_intro(ask(st, key, now), texts_.get(TextId::kFoodCancelKept, st.reply));
    return with_intro(render_.step(st, now), texts_.get(TextId::kFoodCancelKept, st.reply));
  }
  if (action == "send")
    return submit(st, key, pb.token, now);
  if (st.form != kForm) {
    // A button of a form that is no longer open.
    auto r = with_intro(render_.step(st, now), texts_.get(TextId::kButtonUnavailable, st.reply));
    return r;
  }
  if (action == "resume")
    return ask(st, key, now);
  if (action == "stop")
    return stop(st, key, now);
  if (action == "back")
    return back(st, key, now);

  ASSIGN_OR_RETURN(std::optional<FoodDraft> loaded, store_.draft(key));
  if (!loaded)
    return ask(st, key, now);  // closes the form
  FoodDraft d = std::move(*loaded);
  const std::string invalid = texts_.get(TextId::kFoodInvalidChoice, st.reply);
  auto advance = [&](const std::string& next) { return advance_to(st, d, next, key, now); };
  if (action == "consent") {
    if (d.step != "consent")
      return ask(st, key, now, invalid);
    auto a = new_food_ref();
    auto b = new_food_ref();
    if (!a.ok() || !b.ok())
      return Error::internal("random", "no nonce");
    d.consent_at = now;
    d.nonce = a.value() + b.value();
    return advance(next_step(d.step));
  }
  if (action == "skip") {
    if (d.step == "nickname")
      d.answers.nickname.clear();
    else if (d.step == "allergies")
      d.answers.allergies.clear();
    else if (d.step == "worries")
      d.answers.worries.clear();
    else
      return ask(st, key, now, invalid);
    return advance(next_step(d.step));
  }
  if (action != "ans")
    return ask(st, key, now, invalid);
  const auto v = args::parse_int(pb.value, 0, 47);
  if (!v)
    return ask(st, key, now, invalid);
  const auto pick = [&](TextId list) -> std::optional<std::string> {
    const auto opts = options(list, st.reply);
    if (static_cast<std::size_t>(*v) >= opts.size())
      return std::nullopt;
    return opts[static_cast<std::size_t>(*v)];
  };
  const intents::TreeNode* area = tree_.find(kAreaNode);
  if (d.step == "region") {
    if (area == nullptr || static_cast<std::size_t>(*v) >= area->choices.size() ||
        area->choices[static_cast<std::size_t>(*v)].prefecture == 0)
      return ask(st, key, now, invalid);
    if (const int code = area->choices[static_cast<std::size_t>(*v)].prefecture; code > 0)
      return choose_prefecture(st, key, d, code, now);
    return advance("pref:" + std::to_string(*v));
  }
  if (d.step.rfind("pref:", 0) == 0) {
    if (*v < 1 || *v > 47)
      return ask(st, key, now, invalid);
    return choose_prefecture(st, key, d, *v, now);
  }
  if (d.step == "age") {
    auto o = pick(TextId::kFoodAgeOptions);
    if (!o)
      return ask(st, key, now, invalid);
    d.answers.age_group = *o;
  } else if (d.step == "municipality") {
    auto partners = store_.partners_in(d.answers.prefecture);
    if (!partners.ok())
      return partners.error();
    std::vector<std::string> shown;
    for (const auto& p : partners.value()) {
      for (const auto& m : p.municipalities)
        shown.push_back(m);
    }
    if (static_cast<std::size_t>(*v) >= shown.size())
      return ask(st, key, now, invalid);
    return on_text(st, shown[static_cast<std::size_t>(*v)], key, now);
  } else if (d.step == "left_care") {
    auto o = pick(TextId::kFoodLeftCareOptions);
    if (!o)
      return ask(st, key, now, invalid);
    d.answers.left_care = *o;
  } else if (d.step == "household") {
    if (*v >= kHouseholdOptions)
      return ask(st, key, now, invalid);
    d.answers.household = *v + 1;
  } else if (d.step == "contact_method") {
    if (static_cast<std::size_t>(*v) >= kContactValues.size())
      return ask(st, key, now, invalid);
    if (d.answers.contact_method != kContactValues[static_cast<std::size_t>(*v)])
      d.answers.contact_value.clear();  // only what they chose is kept
    d.answers.contact_method = kContactValues[static_cast<std::size_t>(*v)];
  } else if (d.step == "delivery") {
    if (static_cast<std::size_t>(*v) >= kDeliveryValues.size())
      return ask(st, key, now, invalid);
    d.answers.delivery = kDeliveryValues[static_cast<std::size_t>(*v)];
  } else {
    return ask(st, key, now, invalid);
  }
  return advance(next_step(d.step));
}

// Long by design: one branch per step that takes written answers, each with its check and
// its kind re-ask.
Result<Reply> FoodForm::on_text(SessionState& st, const std::string& text, const std::string& key,
                                std::int64_t now) const {
  ASSIGN_OR_RETURN(std::optional<FoodDraft> loaded, store_.draft(key));
  if (!loaded)
    return ask(st, key, now);  // closes the form
  FoodDraft d = std::move(*loaded);
  const std::string norm = intents::normalize(text);
  // The label of a button on screen, typed instead of tapped (戻る, やめる, 同意する, 2人 …).
  {
    auto shown = ask(st, key, now);
    if (!shown.ok())
      return shown;
    for (const auto& c : shown->choices) {
      if (!norm.empty() && intents::normalize(c.label) == norm) {
        auto pb = parse_postback(c.data);
        if (pb)
          return on_postback(st, *pb, key, now);
      }
    }
  }
  const std::string answer = trim(text);
  auto advance = [&](const std::string& next) { return advance_to(st, d, next, key, now); };
  auto too_long = [&](std::size_t max) {
    return ask(st, key, now, texts_.fill(TextId::kFoodInvalidLong, std::to_string(max), st.reply));
  };
  const std::string invalid = texts_.get(TextId::kFoodInvalidChoice, st.reply);
  const std::string& step = d.step;
  // A written answer of at most `max` characters, kept as `field` once `keep` has made it safe.
  auto take_text = [&](std::string& field, std::size_t max,
                       const std::function<std::string(const std::string&)>& keep) {
    if (answer.empty())
      return ask(st, key, now, invalid);
    if (utf8::code_points(answer) > max)
      return too_long(max);
    field = keep(answer);
    return advance(next_step(step));
  };
  const auto as_written = [](const std::string& a) { return a; };
  if (step == "region" || step.rfind("pref:", 0) == 0) {
    const intents::AreaMatch area = intents::find_area(answer);
    if (area.prefecture <= 0)
      return ask(st, key, now, texts_.get(TextId::kFoodAreaUnknown, st.reply));
    return choose_prefecture(st, key, d, area.prefecture, now);
  }
  if (step == "nickname")
    return take_text(d.answers.nickname, kMaxNickname, as_written);
  if (step == "municipality") {
    std::string m;
    for (char c : answer) {
      if (c != ' ')
        m.push_back(c);
    }
    const std::string pref_name = render_.prefecture_name(d.answers.prefecture);
    if (m.rfind(pref_name, 0) == 0)
      m = m.substr(pref_name.size());
    const intents::AreaMatch area = intents::find_area(m);
    if (!area.municipality.empty() && area.prefecture == d.answers.prefecture)
      m = area.municipality;
    const bool named =
        ends_with(m, "市") || ends_with(m, "区") || ends_with(m, "町") || ends_with(m, "村");
    if (!named || utf8::code_points(m) < 2 || utf8::code_points(m) > kMaxMunicipality ||
        m.find_first_of("0123456789@") != std::string::npos)
      return ask(st, key, now, texts_.get(TextId::kFoodInvalidMunicipality, st.reply));
    auto partner = store_.partner_for(d.answers.prefecture, m);
    if (!partner.ok())
      return partner.error();
    if (!partner->has_value())
      return no_partner(st, key, d.answers.prefecture, pref_name + m, now);
    d.answers.municipality = m;
    d.partner_org = (*partner)->org_id;
    return advance(next_step(step));
  }
  if (step == "household") {
    std::string digits;
    for (char c : answer) {
      if (c >= '0' && c <= '9')
        digits.push_back(c);
    }
    const auto n = args::parse_int(digits, 1, 30);
    if (!n)
      return ask(st, key, now, invalid);
    d.answers.household = std::min(*n, kHouseholdOptions);
    return advance(next_step(step));
  }
  if (step == "allergies")
    return take_text(d.answers.allergies, kMaxAllergies, as_written);
  if (step == "contact_value") {
    const std::string& m = d.answers.contact_method;
    if (m == "phone") {
      auto phone = phone_of(answer);
      if (!phone)
        return ask(st, key, now, texts_.get(TextId::kFoodInvalidPhone, st.reply));
      d.answers.contact_value = *phone;
    } else if (m == "email") {
      if (!is_email(answer))
        return ask(st, key, now, texts_.get(TextId::kFoodInvalidEmail, st.reply));
      d.answers.contact_value = answer;
    } else {
      std::string id = answer;
      if (!id.empty() && id[0] == '@')
        id.erase(0, 1);
      if (!is_line_id(id))
        return ask(st, key, now, texts_.get(TextId::kFoodInvalidLine, st.reply));
      d.answers.contact_value = id;
    }
    return advance(next_step(step));
  }
  if (step == "worries") {
    // Scrubbed before it is kept anywhere, the draft included.
    return take_text(d.answers.worries, kMaxWorries,
                     [&d](const std::string& a) { return scrub_worries(a, d.answers.nickname); });
  }
  // consent, age, left_care, contact_method, delivery, confirm: buttons (their labels typed
  // were taken above).
  return ask(st, key, now, invalid);
}

Result<Reply> FoodForm::submit(SessionState& st, const std::string& key, const std::string& token,
                               std::int64_t now) const {
  auto loaded = store_.draft(key);
  if (!loaded.ok())
    return loaded.error();
  if (!loaded->has_value() || (*loaded)->nonce != token || (*loaded)->step != "confirm") {
    // A second tap (or a redelivery) after the first was sent: the same request, once.
    if (!token.empty()) {
      auto sent = store_.sent_with(key, token);
      if (!sent.ok())
        return sent.error();
      if (sent->has_value()) {
        Reply r;
        r.node = st.current.node;
        r.category = "food";
        r.texts.push_back(texts_.fill(TextId::kFoodAlreadySent, (*sent)->ref, st.reply));
        r.choices.push_back({texts_.get(TextId::kFoodStatusButton, st.reply), "f=status"});
        r.choices.push_back({tree_.labels().top.in(st.reply), intents::NavLabels::kTopData});
        return r;
      }
    }
    if (st.form == kForm && loaded->has_value())
      return ask(st, key, now, texts_.get(TextId::kFoodInvalidChoice, st.reply));
    st.form.clear();
    return with_intro(render_.step(st, now), texts_.get(TextId::kButtonUnavailable, st.reply));
  }
  const FoodDraft& d = **loaded;
  const std::string category = classify_worries(matcher_, d.answers.worries);
  auto sent = store_.submit(key, d, category, now);
  if (!sent.ok()) {
    if (sent.error().code() == ErrorCode::kNotFound)  // the partner was removed meanwhile
      return no_partner(st, key, d.answers.prefecture,
                        render_.prefecture_name(d.answers.prefecture) + d.answers.municipality,
                        now);
    return sent.error();
  }
  st.form.clear();
  const FoodRequest& req = sent->request;
  auto r = food_services(st, d.answers.prefecture, now);
  if (!r.ok())
    return r;
  r->texts = {texts_.fill(TextId::kFoodDoneRef, req.ref, st.reply),
              texts_.fill(TextId::kFoodDoneWho, req.partner_name, st.reply),
              texts_.get(TextId::kFoodDoneWhen, st.reply) + "\n" +
                  texts_.get(TextId::kFoodToday, st.reply)};
  r->choices.insert(r->choices.begin(),
                    {texts_.get(TextId::kFoodStatusButton, st.reply), "f=status"});
  return r;
}

Result<Reply> FoodForm::status(const SessionState& st, const std::string& key) const {
  auto mine = store_.requests_of(key);
  if (!mine.ok())
    return mine.error();
  Reply r;
  r.node = st.current.node;
  r.category = "food";
  if (mine->empty()) {
    r.texts.push_back(texts_.get(TextId::kFoodStatusNone, st.reply));
  } else {
    std::string lines;
    std::size_t shown = 0;
    for (const auto& q : mine.value()) {
      if (shown++ == kMaxStatusItems)
        break;
      if (!lines.empty())
        lines += "\n";
      lines += texts_.fill(TextId::kFoodStatusItem, q.ref, st.reply) + "：" +
               status_label(q.status, texts_, st.reply) + "（" + q.partner_name + "、" +
               japan_date(q.created_at) + "）";
      if (is_open(q.status) && r.choices.size() < kMaxCancelButtons)
        r.choices.push_back(
            {texts_.fill(TextId::kFoodCancelButton, q.ref, st.reply), "f=askcancel&v=" + q.ref});
    }
    r.texts.push_back(lines);
  }
  if (st.form == kForm)
    r.choices.push_back(resume_choice(st.reply));
  r.choices.push_back({tree_.labels().top.in(st.reply), intents::NavLabels::kTopData});
  return r;
}

Result<Reply> FoodForm::cancel(const SessionState& st, const std::string& key) const {
  auto mine = store_.requests_of(key);
  if (!mine.ok())
    return mine.error();
  std::vector<const FoodRequest*> open;
  for (const auto& q : mine.value()) {
    if (is_open(q.status))
      open.push_back(&q);
  }
  Reply r;
  r.node = st.current.node;
  r.category = "food";
  if (open.empty()) {
    r.texts.push_back(texts_.get(TextId::kFoodCancelNone, st.reply));
  } else if (open.size() == 1) {
    r.texts.push_back(texts_.fill(TextId::kFoodCancelQuestion, open.front()->ref, st.reply));
    r.choices.push_back(
        {texts_.get(TextId::kFoodCancelYes, st.reply), "f=cancel&v=" + open.front()->ref});
    r.choices.push_back({texts_.get(TextId::kFoodCancelNo, st.reply), "f=keep"});
    return r;
  } else {
    return status(st, key);  // one とりけす button per open request
  }
  r.choices.push_back({tree_.labels().top.in(st.reply), intents::NavLabels::kTopData});
  return r;
}

Result<Reply> FoodForm::cancel_ref(const SessionState& st, const std::string& key,
                                   const std::string& typed, std::int64_t now) const {
  const auto ref = canonical_ref(typed);
  Reply r;
  r.node = st.current.node;
  r.category = "food";
  if (!ref) {
    r.texts.push_back(texts_.get(TextId::kFoodCancelNone, st.reply));
  } else {
    auto done = store_.cancel(key, *ref, now);
    if (!done.ok()) {
      if (done.error().code() != ErrorCode::kNotFound &&
          done.error().code() != ErrorCode::kConflict)
        return done.error();
      r.texts.push_back(texts_.get(TextId::kFoodCancelNone, st.reply));
    } else {
      r.texts.push_back(texts_.fill(TextId::kFoodCancelDone, *ref, st.reply));
    }
  }
  r.choices.push_back({texts_.get(TextId::kFoodStatusButton, st.reply), "f=status"});
  r.choices.push_back({tree_.labels().top.in(st.reply), intents::NavLabels::kTopData});
  return r;
}

}  // namespace shirube::bot
