#pragma once
// The request head as GuardedServer (http_guard.h) checks it before httplib parses anything:
// bare CR/LF/NUL, folded or nameless header lines, too many lines, Content-Length once and
// numeric, no Transfer-Encoding, the body within the limit; and the answer to a refusal.
// Thread-safety: pure functions.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "webhooks/http_guard.h"

namespace shirube::webhooks {

struct Refusal {
  int status = 0;      // 400, 408, 411, 413 or 431
  std::string reason;  // "<field>: <what>"
};

// What the header block says about the body.
struct Framing {
  std::size_t content_length = 0;
  bool expect_continue = false;
};

// Checks the header block (request line and header lines, without the final CRLF CRLF).
// Returns a refusal, or fills `out`.
std::optional<Refusal> check_headers(std::string_view block, const HttpLimits& limits,
                                     Framing& out);

// The whole HTTP/1.1 response to a refusal: its status, a JSON error body, Connection: close.
std::string refusal_response(const Refusal& r);

}  // namespace shirube::webhooks
