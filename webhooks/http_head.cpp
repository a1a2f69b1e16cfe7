#include "webhooks/http_head.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace shirube::webhooks {
namespace {

struct StatusInfo {
  int status;
  const char* text;  // reason phrase
  const char* code;  // error.code of the body
};

constexpr StatusInfo kStatuses[] = {
    {400, "Bad Request", "invalid_argument"},
    {408, "Request Timeout", "request_timeout"},
    {411, "Length Required", "length_required"},
    {413, "Payload Too Large", "payload_too_large"},
    {431, "Request Header Fields Too Large", "headers_too_large"},
};

const StatusInfo& info_of(int status) {
  for (const StatusInfo& s : kStatuses) {
    if (s.status == status)
      return s;
  }
  return kStatuses[0];
}

bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z')
      x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z')
      y = static_cast<char>(y - 'A' + 'a');
    if (x != y)
      return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::string refusal_response(const Refusal& r) {
  const StatusInfo& info = info_of(r.status);
  const std::string body =
      nlohmann::json{{"error", {{"code", info.code}, {"message", r.reason}}}}.dump();
  return "HTTP/1.1 " + std::to_string(r.status) + " " + info.text +
         "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

std::optional<Refusal> check_headers(std::string_view block, const HttpLimits& limits,
                                     Framing& out) {
  for (std::size_t i = 0; i < block.size(); ++i) {
    const char c = block[i];
    if (c == '\0' || (c == '\n' && (i == 0 || block[i - 1] != '\r')) ||
        (c == '\r' && (i + 1 >= block.size() || block[i + 1] != '\n'))) {
      return Refusal{400, "header: bare CR, LF or NUL in the request head"};
    }
  }
  std::size_t lines = 0;
  int content_lengths = 0;
  bool transfer_encoding = false;
  std::size_t pos = block.find("\r\n");
  while (pos != std::string_view::npos) {
    const std::size_t start = pos + 2;
    std::size_t end = block.find("\r\n", start);
    const std::string_view line =
        block.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    pos = end;
    if (++lines > limits.max_header_count) {
      return Refusal{
          431, "headers: more than " + std::to_string(limits.max_header_count) + " header lines"};
    }
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
      return Refusal{400, "header: folded header lines are not accepted"};
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0)
      return Refusal{400, "header: a line without a name"};
    const std::string_view name = line.substr(0, colon);
    if (!std::all_of(name.begin(), name.end(), is_token_char))
      return Refusal{400, "header: a name with a space or another character not allowed"};
    const std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "content-length")) {
      if (++content_lengths > 1)
        return Refusal{400, "Content-Length: must appear once"};
      if (value.empty() || value.size() > 18 ||
          !std::all_of(value.begin(), value.end(), [](char d) { return d >= '0' && d <= '9'; })) {
        return Refusal{400, "Content-Length: must be a non-negative integer"};
      }
      out.content_length = static_cast<std::size_t>(std::stoull(std::string(value)));
    } else if (iequals(name, "transfer-encoding")) {
      transfer_encoding = true;
    } else if (iequals(name, "expect") && iequals(value, "100-continue")) {
      out.expect_continue = true;
    }
  }
  if (transfer_encoding && content_lengths > 0)
    return Refusal{400, "Transfer-Encoding: must not be sent with Content-Length"};
  if (transfer_encoding)
    return Refusal{411, "Content-Length: required (chunked request bodies are not accepted)"};
  if (out.content_length > limits.max_body_bytes) {
    return Refusal{413,
                   "body: must be at most " + std::to_string(limits.max_body_bytes) + " bytes"};
  }
  return std::nullopt;
}

}  // namespace shirube::webhooks
