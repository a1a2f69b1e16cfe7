#include "common/reply_lang.h"

#include <nlohmann/json.hpp>

namespace shirube {

std::string read_localized(const nlohmann::json& j, Localized& out) {
  if (!j.is_object())
    return "expected {\"ja\", \"easy\", \"en\"} texts";
  for (const auto& [field, value] : j.items()) {
    if (!reply_lang_from_code(field))
      return "unknown field \"" + field + "\" (variants: ja, easy, en)";
  }
  for (ReplyLang lang : kReplyLangs) {
    const std::string code(reply_lang_code(lang));
    auto it = j.find(code);
    if (it == j.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
      return "\"" + code + "\" missing";
    out.text[static_cast<std::size_t>(lang)] = it->get<std::string>();
  }
  return "";
}

}  // namespace shirube
