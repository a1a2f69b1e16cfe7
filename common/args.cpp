#include "common/args.h"

#include <charconv>

namespace shirube::args {

std::optional<int> parse_int(std::string_view text, int lo, int hi) {
  if (text.empty() || text.front() < '0' || text.front() > '9')
    return std::nullopt;
  int v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || v < lo || v > hi)
    return std::nullopt;
  return v;
}

Result<int> parse_int_named(std::string_view name, std::string_view text, int lo, int hi) {
  if (const std::optional<int> v = parse_int(text, lo, hi))
    return *v;
  return Error::invalid_argument(std::string(name),
                                 "expected an integer from " + std::to_string(lo) + " to " +
                                     std::to_string(hi) + ", got '" + std::string(text) + "'");
}

Parser& Parser::text(const std::string& name, std::string* out, bool allow_empty) {
  Option o;
  o.name = name;
  o.apply = [name, out, allow_empty](const std::string& v) -> Status {
    if (v.empty() && !allow_empty)
      return Error::invalid_argument(name, "must not be empty");
    *out = v;
    return {};
  };
  options_.push_back(std::move(o));
  return *this;
}

Parser& Parser::integer(const std::string& name, int* out, int lo, int hi) {
  return custom(name, [name, out, lo, hi](const std::string& v) -> Status {
    Result<int> n = parse_int_named(name, v, lo, hi);
    if (!n.ok())
      return n.error();
    *out = *n;
    return {};
  });
}

Parser& Parser::flag(std::string name, bool* out) {
  Option o;
  o.name = std::move(name);
  o.takes_value = false;
  o.flag = out;
  options_.push_back(std::move(o));
  return *this;
}

Parser& Parser::custom(const std::string& name, Apply apply) {
  Option o;
  o.name = name;
  o.apply = [name, apply = std::move(apply)](const std::string& v) -> Status {
    if (v.empty())
      return Error::invalid_argument(name, "must not be empty");
    return apply(v);
  };
  options_.push_back(std::move(o));
  return *this;
}

Parser& Parser::positional(std::vector<std::string>* out) {
  positional_ = out;
  return *this;
}

const Parser::Option* Parser::find(std::string_view name) const {
  for (const Option& o : options_) {
    if (o.name == name)
      return &o;
  }
  return nullptr;
}

Status Parser::parse(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      help_ = true;
      return {};
    }
    const Option* o = find(a);
    if (o == nullptr) {
      if (a.rfind("--", 0) == 0 || positional_ == nullptr)
        return Error::invalid_argument(
            "", (a.rfind("--", 0) == 0 ? "unknown option '" : "unexpected argument '") + a + "'");
      positional_->push_back(a);
      continue;
    }
    if (!o->takes_value) {
      *o->flag = true;
      continue;
    }
    if (i + 1 >= args.size())
      return Error::invalid_argument(o->name, "needs a value");
    if (Status s = o->apply(args[++i]); !s.ok())
      return s;
  }
  return {};
}

}  // namespace shirube::args
