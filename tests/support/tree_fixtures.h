#pragma once
// Small decision trees for tests: build tree.json documents node by node.

#include <string>

#include <nlohmann/json.hpp>

#include "common/embedded.h"
#include "intents/tree.h"

namespace shirube::testing {

using nlohmann::json;

// A text in the three reply variants: the same words in each, or `en` for English.
inline json loc(const std::string& ja, const std::string& en = "") {
  return json{{"ja", ja}, {"easy", ja}, {"en", en.empty() ? ja : en}};
}

// The bundled labels and regions (all 47 prefectures) around a small node list.
inline json tree_with(json nodes) {
  auto bundled = json::parse(*embedded_file("intents/data/tree.json"));
  return json{{"root", "root"},
              {"labels", bundled.at("labels")},
              {"regions", bundled.at("regions")},
              {"nodes", std::move(nodes)}};
}

inline json menu(const std::string& id, json choices, const std::string& category = "") {
  json n{{"id", id},
         {"type", "menu"},
         {"text", loc("えらんでください")},
         {"choices", std::move(choices)}};
  if (!category.empty())
    n["category"] = category;
  return n;
}

inline json results(const std::string& id, const std::string& category) {
  return json{{"id", id},
              {"type", "results"},
              {"category", category},
              {"text", loc("相談先です。")},
              {"query", {{"categories", {category}}}}};
}

inline json choice(const std::string& label, const std::string& to) {
  return json{{"label", loc(label)}, {"to", to}};
}

// A valid little tree: root -> 食べ物 -> area -> results, root -> words.
inline json small_nodes() {
  return json::array(
      {menu("root", {choice("食べ物", "food.area"), choice("ことばで", "words")}),
       json{{"id", "food.area"},
            {"type", "area"},
            {"category", "food"},
            {"text", loc("どちらにお住まいですか？")},
            {"next", "food.results"}},
       results("food.results", "food"),
       json{{"id", "words"}, {"type", "text"}, {"text", loc("ことばで教えてください")}}});
}

inline std::string parse_error(const json& doc) {
  auto t = intents::Tree::parse(doc.dump(), "tree.json");
  return t.ok() ? std::string("(accepted)") : t.error().message();
}

}  // namespace shirube::testing
