#pragma once
// The command-line parser every subcommand uses: flags with values ("--db PATH"), integer
// flags with a range, switches ("--json"), repeatable flags and positional arguments.
//
// Errors are one line naming the flag, for "shirube <cmd>: <reason>":
//   unknown option '--bogus'
//   --db: needs a value
//   --db: must not be empty
//   --limit: expected an integer from 1 to 100, got 'x'
// "--help" and "-h" stop parsing and set help(); what follows them is not looked at.
// A value is the next argument as it is, even when it starts with '-' ("--age -1" gives
// --age the value "-1", which its range then refuses).
//
// Thread-safety: a Parser is used by one thread; the free functions are pure.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace shirube::args {

// Whole-string decimal digits (no sign, no spaces) with a value in [lo, hi]; nullopt
// otherwise (also on overflow).
std::optional<int> parse_int(std::string_view text, int lo, int hi);

// parse_int with the error a person reads: where = `name` (the flag or variable), what =
// "expected an integer from <lo> to <hi>, got '<text>'".
Result<int> parse_int_named(std::string_view name, std::string_view text, int lo, int hi);

class Parser {
 public:
  // Checks and stores one value; an Error (where = the flag) refuses it.
  using Apply = std::function<Status(const std::string& value)>;

  // "--name VALUE": the value is stored in `out`. Empty values are refused unless
  // `allow_empty`. The last occurrence wins.
  Parser& text(const std::string& name, std::string* out, bool allow_empty = false);
  // "--name N" with lo <= N <= hi.
  Parser& integer(const std::string& name, int* out, int lo, int hi);
  // "--name" alone sets *out to true.
  Parser& flag(std::string name, bool* out);
  // "--name VALUE" checked and stored by `apply` (called for every occurrence, so it may
  // collect repeated flags). Empty values are refused before `apply` sees them.
  Parser& custom(const std::string& name, Apply apply);
  // Arguments that do not start with "--" are appended to `out`; without this call they are
  // an error ("unexpected argument 'x'").
  Parser& positional(std::vector<std::string>* out);

  // Parses `args` (the words after the subcommand). The first problem is the error.
  Status parse(const std::vector<std::string>& args);
  bool help() const { return help_; }

 private:
  struct Option {
    std::string name;
    bool takes_value = true;
    bool* flag = nullptr;
    Apply apply;
  };
  const Option* find(std::string_view name) const;

  std::vector<Option> options_;
  std::vector<std::string>* positional_ = nullptr;
  bool help_ = false;
};

}  // namespace shirube::args
