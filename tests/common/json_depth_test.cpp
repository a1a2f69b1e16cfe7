#include "common/json_depth.h"

#include <string>

#include <catch2/catch.hpp>

namespace json_depth = shirube::json_depth;

namespace {

std::string nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

}  // namespace

TEST_CASE("JsonDepth: counts arrays and objects up to the limit and no further", "[common]") {
  CHECK_FALSE(json_depth::exceeds(""));
  CHECK_FALSE(json_depth::exceeds(R"({"a":[1,{"b":2}]})", 3));
  CHECK(json_depth::exceeds(R"({"a":[1,{"b":[]}]})", 3));
  CHECK_FALSE(json_depth::exceeds(nested(json_depth::kMaxJsonDepth)));
  CHECK(json_depth::exceeds(nested(json_depth::kMaxJsonDepth + 1)));
  CHECK(json_depth::exceeds(nested(10000)));
  // Siblings do not add up: depth is how far they nest, not how many there are.
  std::string wide = "[";
  for (int i = 0; i < 1000; ++i)
    wide += "[],";
  wide += "[]]";
  CHECK_FALSE(json_depth::exceeds(wide, 2));
}

TEST_CASE("JsonDepth: brackets inside strings and escapes are not nesting", "[common]") {
  const std::string in_string = "{\"t\":\"" + std::string(1000, '[') + "\"}";
  CHECK_FALSE(json_depth::exceeds(in_string, 1));
  CHECK_FALSE(json_depth::exceeds(R"({"t":"a\"[[[[\\"})", 1));
  // The escaped quote does not end the string; the escaped backslash does not escape it.
  CHECK(json_depth::exceeds(R"({"t":"\\",[[]]})", 2));
}
