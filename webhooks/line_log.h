#pragma once
// One log line of the LINE channel on stderr: "shirube line: <text>".
// Log lines carry event ids (not personal), kinds and outcomes; never user ids, tokens or
// what people wrote.
// Thread-safety: safe from any thread (one fprintf per line).

#include <cstdio>
#include <string>

namespace shirube::webhooks::line {

inline void log_line(const std::string& text) {
  std::fprintf(stderr, "shirube line: %s\n", text.c_str());
}

}  // namespace shirube::webhooks::line
