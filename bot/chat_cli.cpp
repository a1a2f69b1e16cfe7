#include "bot/chat_cli.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "bot/channel_user.h"
#include "bot/engine.h"
#include "bot/results_query.h"
#include "bot/texts.h"
#include "common/args.h"
#include "intents/tree.h"
#include "knowledge/knowledge_base.h"

namespace shirube::bot {

namespace {

constexpr const char* kHelp =
    "usage: shirube chat [--db PATH] [--user ID]\n"
    "\n"
    "Talk to the bot in this terminal: type the number of a choice, or write freely.\n"
    "An empty line shows the choices again; 'q' or end of input quits.\n"
    "\n"
    "  --db PATH   knowledge base (built from the bundled data when empty or new);\n"
    "              default: an in-memory database with the bundled data\n"
    "  --user ID   conversation id (default: terminal); sessions are kept in the database\n";

void print_reply(const Reply& r, std::ostream& out) {
  const ReplyLang lang = reply_lang_from_code(r.lang).value_or(ReplyLang::kJa);
  const auto say = [lang](TextId id) -> const std::string& {
    return Texts::bundled().get(id, lang);
  };
  const auto known = [&say](const std::string& value) {
    return value.empty() ? say(TextId::kCardNotConfirmed) : value;
  };
  for (const auto& t : r.texts)
    out << t << "\n";
  for (const auto& l : r.links)
    out << "  ☎ " << l.label << "  <" << l.uri << ">\n";
  for (std::size_t i = 0; i < r.cards.size(); ++i) {
    const ResultCard& c = r.cards[i];
    out << "  [" << (i + 1) << "] " << c.title;
    if (!c.title_en.empty())
      out << " / " << c.title_en;
    if (!c.organization.empty() && c.organization != c.title)
      out << "（" << c.organization << "）";
    out << "\n";
    if (!c.summary.empty())
      out << "      " << c.summary << "\n";
    out << "      " << say(TextId::kCardLabelContact) << known(c.contact);
    if (c.action)
      out << "  <" << c.action->uri << ">";
    out << "\n";
    out << "      " << say(TextId::kCardLabelHours) << known(c.hours) << "\n";
    if (!c.cost.empty())
      out << "      " << say(TextId::kCardLabelCost) << c.cost << "\n";
    out << "      " << say(TextId::kCardLabelArea) << (c.area.empty() ? "—" : c.area) << " / "
        << say(TextId::kCardLabelSource) << (c.source_title.empty() ? c.source_url : c.source_title)
        << " / " << c.date_label;
    if (c.stale)
      out << say(TextId::kCardMaybeOld);
    out << "\n";
  }
  for (std::size_t i = 0; i < r.choices.size(); ++i) {
    out << "  " << (i + 1) << ") " << r.choices[i].label << "\n";
  }
  for (const auto& l : r.languages)  // typed as written: 「English」「やさしい日本語」「日本語」
    out << "  [" << l.label << "]\n";
  out.flush();
}

// What a typed line means: a number picks a choice on screen; anything else is free text.
Input input_for(const std::string& line, const Reply& last) {
  Input in;
  in.kind = Input::Kind::kText;
  in.text = line;
  if (line.size() <= 2 && line.find_first_not_of("0123456789") == std::string::npos) {
    const std::size_t n = std::stoul(line);
    if (n >= 1 && n <= last.choices.size()) {
      in.kind = Input::Kind::kPostback;
      in.data = last.choices[n - 1].data;
    }
  }
  return in;
}

// The conversation on stdin/stdout until q or end of input: 0, or 1 when a turn fails.
int converse(Engine& engine, const std::string& terminal_user) {
  const std::string user = channel_user_id(Channel::kTerminal, terminal_user);
  Input start;
  start.kind = Input::Kind::kFollow;
  auto first = engine.handle(user, start);
  if (!first.ok()) {
    std::fprintf(stderr, "shirube chat: %s\n", first.error().message().c_str());
    return 1;
  }
  Reply last = std::move(first).value();
  print_reply(last, std::cout);

  std::string line;
  while (true) {
    std::cout << "> " << std::flush;
    if (!std::getline(std::cin, line))
      break;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
      line.pop_back();
    if (line == "q" || line == "quit" || line == "exit")
      break;
    if (line.empty()) {
      for (std::size_t i = 0; i < last.choices.size(); ++i) {
        std::cout << "  " << (i + 1) << ") " << last.choices[i].label << "\n";
      }
      continue;
    }
    auto reply = engine.handle(user, input_for(line, last));
    if (!reply.ok()) {
      std::fprintf(stderr, "shirube chat: %s\n", reply.error().message().c_str());
      return 1;
    }
    std::cout << "\n";
    last = std::move(reply).value();
    print_reply(last, std::cout);
  }
  std::cout << "\n";
  return 0;
}

}  // namespace

int run_chat(const std::vector<std::string>& args) {
  std::string db = ":memory:";
  std::string user = "terminal";
  args::Parser parser;
  parser.text("--db", &db).text("--user", &user);
  if (Status s = parser.parse(args); !s.ok()) {
    std::fprintf(stderr, "shirube chat: %s (try --help)\n", s.error().message().c_str());
    return 2;
  }
  if (parser.help()) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  auto kb = knowledge::KnowledgeBase::open_with_bundled_data(db);
  if (!kb.ok()) {
    std::fprintf(stderr, "shirube chat: %s\n", kb.error().message().c_str());
    return 2;
  }
  auto tree = intents::Tree::load_bundled();
  if (!tree.ok()) {
    std::fprintf(stderr, "shirube chat: %s\n", tree.error().message().c_str());
    return 2;
  }
  // Every answer in the tree must find someone to send people to, in every prefecture.
  if (Status s = validate_coverage(*tree, **kb); !s.ok()) {
    std::fprintf(stderr, "shirube chat: %s\n", s.error().message().c_str());
    return 2;
  }
  EngineOptions options;
  options.session_db = db;
  EngineParts parts;
  parts.tree = std::make_shared<const intents::Tree>(std::move(tree).value());
  auto engine = Engine::create(**kb, options, std::move(parts));
  if (!engine.ok()) {
    std::fprintf(stderr, "shirube chat: %s\n", engine.error().message().c_str());
    return 2;
  }

  return converse(**engine, user);
}

}  // namespace shirube::bot
