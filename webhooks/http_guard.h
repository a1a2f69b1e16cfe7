#pragma once
// GuardedServer: an httplib::Server whose connections wait for their request in one
// poll() thread instead of in a worker thread. cpp-httplib 0.11.4 gives each connection a
// worker for as long as it stays open and only times out single reads, so a handful of
// clients sending one byte every few seconds (or idling between keep-alive requests) holds
// every worker and the service stops answering. Here a connection reaches a worker only
// once its whole request (headers and body) has arrived; until then it costs a socket and
// a buffer, nothing else.
//
// Before a request reaches httplib, the front refuses (status, JSON error body, then the
// connection is closed):
//   408  the request did not arrive completely within `request_timeout_ms` of its first byte
//   431  the request line and headers take more than `max_header_bytes`, or more than
//        `max_header_count` header lines
//   400  ambiguous framing: Content-Length twice, not a non-negative decimal integer,
//        Transfer-Encoding together with Content-Length; a header line that is folded,
//        has no name or whitespace in it, or a bare CR, LF or NUL in the header block
//   411  Transfer-Encoding without Content-Length (chunked request bodies are not accepted)
//   413  Content-Length above `max_body_bytes` (the body is never read)
// An idle keep-alive connection is closed after `idle_timeout_ms`; above `max_connections`
// waiting connections, or `max_buffered_bytes` received and not yet served, the one waiting
// longest is closed. A request never reads past its own
// Content-Length: pipelined bytes wait for the next turn of the connection.
//
// Everything else (routing, handlers, the error handler, the logger, the response) is
// httplib's own Server::process_request on a stream over the received bytes.
// Thread-safety: configure before listen(); stats() may be called from any thread.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <httplib.h>

namespace shirube::webhooks {

struct HttpLimits {
  std::size_t workers = 16;                  // threads that run handlers
  int request_timeout_ms = 10000;            // first byte to last body byte of one request
  int idle_timeout_ms = 5000;                // keep-alive: wait this long for the next request
  int write_timeout_ms = 10000;              // writing one response
  std::size_t max_header_bytes = 16 * 1024;  // request line and headers
  std::size_t max_header_count = 64;         // header lines
  std::size_t max_body_bytes = 2 * 1024 * 1024;
  std::size_t max_connections = 256;  // waiting for (or sending) a request
  // Bytes held by all waiting connections together; above it the longest waiting is closed.
  std::size_t max_buffered_bytes = 64 * 1024 * 1024;
  std::size_t max_requests_per_connection = 1000;
  int listen_backlog = 1024;  // connections the kernel completes before they are accepted
  // Receives one line per refused request (status and reason; never a path or header
  // value). Empty: stderr.
  std::function<void(const std::string&)> log;
};

// Counts since the server was created.
struct HttpGuardStats {
  std::uint64_t accepted = 0;    // connections
  std::uint64_t dispatched = 0;  // complete requests handed to a worker
  std::uint64_t timed_out = 0;   // 408
  std::uint64_t too_large = 0;   // 431 and 413
  std::uint64_t malformed = 0;   // 400 and 411
  std::uint64_t evicted = 0;     // closed to make room for a new connection
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(HttpLimits limits = {});
  ~GuardedServer() override;
  GuardedServer(const GuardedServer&) = delete;
  GuardedServer& operator=(const GuardedServer&) = delete;

  const HttpLimits& limits() const { return limits_; }
  HttpGuardStats stats() const;

  // As httplib's, then the listen backlog is widened (the library listens with 5: a burst
  // of connections would wait for the kernel's one-second retry). Done here, in the thread
  // that binds, so no other thread touches the listening socket while stop() may close it.
  bool bind_to_port(const std::string& host, int port, int socket_flags = 0);
  int bind_to_any_port(const std::string& host, int socket_flags = 0);

  class Front;  // the poll() thread and the workers (http_guard.cpp)

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool serve_one(httplib::Stream& strm, bool close_connection, bool& connection_closed);

  HttpLimits limits_;
  std::atomic<Front*> front_{nullptr};
  struct Counters;
  std::unique_ptr<Counters> counters_;
};

}  // namespace shirube::webhooks
