#include "common/args.h"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using shirube::Status;
using shirube::args::Parser;

namespace {

struct Flags {
  std::string db = "default.db";
  int limit = 10;
  bool json = false;
  std::vector<std::string> rest;
};

Parser parser_for(Flags& f) {
  Parser p;
  p.text("--db", &f.db).integer("--limit", &f.limit, 1, 100).flag("--json", &f.json);
  p.positional(&f.rest);
  return p;
}

std::string error_of(const std::vector<std::string>& args) {
  Flags f;
  Parser p = parser_for(f);
  const Status s = p.parse(args);
  return s.ok() ? std::string("(ok)") : s.error().message();
}

}  // namespace

TEST_CASE("Args: flags with values, switches and positional arguments are read", "[common]") {
  Flags f;
  Parser p = parser_for(f);
  REQUIRE(p.parse({"--db", "x.db", "a", "--limit", "42", "--json", "b"}).ok());
  CHECK_FALSE(p.help());
  CHECK(f.db == "x.db");
  CHECK(f.limit == 42);
  CHECK(f.json);
  CHECK(f.rest == std::vector<std::string>{"a", "b"});
}

TEST_CASE("Args: defaults stay when a flag is absent, the last occurrence wins", "[common]") {
  Flags f;
  Parser p = parser_for(f);
  REQUIRE(p.parse({"--limit", "5", "--limit", "7"}).ok());
  CHECK(f.db == "default.db");
  CHECK(f.limit == 7);
  CHECK_FALSE(f.json);
}

TEST_CASE("Args: a value that is not an integer names the flag, the range and the value",
          "[common]") {
  CHECK(error_of({"--limit", "x"}) == "--limit: expected an integer from 1 to 100, got 'x'");
  CHECK(error_of({"--limit", "-1"}) == "--limit: expected an integer from 1 to 100, got '-1'");
  CHECK(error_of({"--limit", "+5"}) == "--limit: expected an integer from 1 to 100, got '+5'");
  CHECK(error_of({"--limit", "5x"}) == "--limit: expected an integer from 1 to 100, got '5x'");
  CHECK(error_of({"--limit", " 5"}) == "--limit: expected an integer from 1 to 100, got ' 5'");
  CHECK(error_of({"--limit", "99999999999999999999"}) ==
        "--limit: expected an integer from 1 to 100, got '99999999999999999999'");
}

TEST_CASE("Args: an integer out of range is refused at both ends", "[common]") {
  CHECK(error_of({"--limit", "0"}) == "--limit: expected an integer from 1 to 100, got '0'");
  CHECK(error_of({"--limit", "101"}) == "--limit: expected an integer from 1 to 100, got '101'");
  CHECK(error_of({"--limit", "1"}) == "(ok)");
  CHECK(error_of({"--limit", "100"}) == "(ok)");
}

TEST_CASE("Args: an unknown flag is an error naming it", "[common]") {
  CHECK(error_of({"--bogus"}) == "unknown option '--bogus'");
  CHECK(error_of({"a", "--bogus", "1"}) == "unknown option '--bogus'");
  Parser no_positional;
  const Status s = no_positional.parse({"stray"});
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message() == "unexpected argument 'stray'");
}

TEST_CASE("Args: a flag without its value, or with an empty one, is an error", "[common]") {
  CHECK(error_of({"--db"}) == "--db: needs a value");
  CHECK(error_of({"--json", "--limit"}) == "--limit: needs a value");
  CHECK(error_of({"--db", ""}) == "--db: must not be empty");
  CHECK(error_of({"--limit", ""}) == "--limit: must not be empty");
}

TEST_CASE("Args: --help stops parsing, whatever follows", "[common]") {
  Flags f;
  Parser p = parser_for(f);
  REQUIRE(p.parse({"--help", "--bogus"}).ok());
  CHECK(p.help());
  Parser q = parser_for(f);
  REQUIRE(q.parse({"-h"}).ok());
  CHECK(q.help());
}

TEST_CASE("Args: custom flags see every occurrence and may refuse a value", "[common]") {
  std::vector<std::string> seen;
  Parser p;
  p.custom("--category", [&seen](const std::string& v) -> Status {
    if (v == "pets")
      return shirube::Error::invalid_argument("--category", "unknown category 'pets'");
    seen.push_back(v);
    return {};
  });
  REQUIRE(p.parse({"--category", "food", "--category", "work"}).ok());
  CHECK(seen == std::vector<std::string>{"food", "work"});
  const Status s = p.parse({"--category", "pets"});
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message() == "--category: unknown category 'pets'");
}

TEST_CASE("Args: parse_int takes whole decimal strings within the range only", "[common]") {
  using shirube::args::parse_int;
  CHECK(parse_int("0", 0, 47) == 0);
  CHECK(parse_int("047", 0, 47) == 47);
  CHECK_FALSE(parse_int("48", 0, 47).has_value());
  CHECK_FALSE(parse_int("", 0, 47).has_value());
  CHECK_FALSE(parse_int("-0", 0, 47).has_value());
  CHECK_FALSE(parse_int("1e2", 0, 1000).has_value());
}
