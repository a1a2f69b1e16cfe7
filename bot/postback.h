#pragma once
// Postback data: what a button sends back, parsed. The format is the tree's (intents/tree.h):
//   n=<node>[&p=<code>][&s=<situation>]   more=<page>   nav=<word>   lang=<variant>
//   f=<form action>[&v=<value>][&t=<token>]   (the food-support form, bot/food_form.h)
//   w=<worker action>[&v=<value>]              (the LINE worker mode, bot/worker_mode.h)
// Parts are joined by '&', each is key=value; the keys are n, p, s, more, nav, lang, f, v, t and w.
// A value of p is a prefecture code 0..47, of more a page 0..10000, both plain decimal digits (at
// most six). Postback data comes from the client, so anything else is refused: an empty or longer
// than TreeLimits::kMaxDataBytes string, a part without '=', an unknown key, a bad number, or data
// that names none of node, page, nav, lang, form action and worker action. Whether the node or the
// situation exists is the engine's question, not the parser's. Thread-safety: pure functions.

#include <optional>
#include <string>
#include <string_view>

namespace shirube::bot {

struct Postback {
  std::string node;               // n: "" when absent
  std::optional<int> prefecture;  // p: 0 = nationwide, 1..47
  std::string situation;          // s: "" when absent
  std::optional<int> more;        // more: results page (0-based)
  std::string nav;                // nav: "back", "top", "erase", "resume" (not checked here)
  std::string lang;               // lang: "ja", "easy", "en" (not checked here)
  std::string form;               // f: a food-form action ("start", "ans", "send", ...)
  std::string value;              // v: the action's value (an option index, a reference)
  std::string token;              // t: the draft's nonce on 送信する
  std::string worker;             // w: a worker-mode action ("need", "area", "next", ...)
};

// nullopt when `data` is not well-formed (see above).
std::optional<Postback> parse_postback(std::string_view data);

}  // namespace shirube::bot
