// Slightly over 500 lines: the connection front (poll loop, deadlines, limits) is one state
// machine; the request-head rules are in http_head.cpp.
#include "webhooks/http_guard.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "webhooks/http_head.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace shirube::webhooks {

using Clock = std::chrono::steady_clock;

struct GuardedServer::Counters {
  std::atomic<std::uint64_t> accepted{0};
  std::atomic<std::uint64_t> dispatched{0};
  std::atomic<std::uint64_t> timed_out{0};
  std::atomic<std::uint64_t> too_large{0};
  std::atomic<std::uint64_t> malformed{0};
  std::atomic<std::uint64_t> evicted{0};
};

namespace {

constexpr std::size_t kReadChunk = 64 * 1024;
// After a refusal the connection is read and discarded this long (at most this much) before
// it is closed, so that the client can read the answer instead of a reset.
constexpr int kLingerMs = 1000;
constexpr std::size_t kLingerBytes = 1024 * 1024;

void close_socket(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  const int rc = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                      : ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (rc != 0)
    return;
  char buf[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
    port = ntohs(a->sin6_port);
  }
  ip = buf;
}

// One request's bytes, already received, for httplib to read; its answer goes to the socket.
class RequestStream final : public httplib::Stream {
 public:
  RequestStream(int fd, std::string_view request, int write_timeout_ms, bool continue_sent)
      : fd_(fd),
        request_(request),
        write_timeout_ms_(write_timeout_ms),
        swallow_continue_(continue_sent) {}

  bool is_readable() const override { return pos_ < request_.size(); }
  bool is_writable() const override { return !failed_; }

  ssize_t read(char* ptr, size_t size) override {
    const std::size_t n = std::min(size, request_.size() - pos_);
    std::memcpy(ptr, request_.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n";
    if (swallow_continue_ && std::string_view(ptr, size).substr(0, kContinue.size()) == kContinue) {
      // The front already told the client to go on before it read the body.
      swallow_continue_ = false;
      return static_cast<ssize_t>(size);
    }
    if (failed_)
      return -1;
    const auto deadline = Clock::now() + std::chrono::milliseconds(write_timeout_ms_);
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::send(fd_, ptr + done, size - done, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        done += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && errno != EAGAIN && errno != EINTR) {
        failed_ = true;
        return -1;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      pollfd p{fd_, POLLOUT, 0};
      if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) {
        failed_ = true;
        return -1;
      }
    }
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address_of(fd_, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_of(fd_, false, ip, port);
  }
  socket_t socket() const override { return fd_; }

  bool failed() const { return failed_; }

 private:
  int fd_;
  std::string_view request_;
  std::size_t pos_ = 0;
  int write_timeout_ms_;
  bool swallow_continue_;
  bool failed_ = false;
};

}  // namespace

// The poll() thread that collects requests, and the workers that serve complete ones. It is
// httplib's task queue: the accept loop "enqueues" each new connection, which runs at once
// on the accept thread and only hands the socket over (process_and_close_socket below).
class GuardedServer::Front final : public httplib::TaskQueue {
 public:
  explicit Front(GuardedServer& server)
      : server_(server), limits_(server.limits_), pool_(limits_.workers) {
    wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    poller_ = std::thread([this] { run(); });
  }
  ~Front() override = default;

  void enqueue(std::function<void()> fn) override { fn(); }

  void shutdown() override {
    server_.front_.store(nullptr);  // the accept loop has ended: nothing new arrives
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    wake();
    poller_.join();
    pool_.shutdown();  // requests already complete are still answered
    std::lock_guard<std::mutex> lock(mu_);
    for (Conn& c : incoming_)
      close_socket(c.fd);
    incoming_.clear();
    ::close(wake_fd_);
  }

  // A new connection, or one whose last answer was sent; `buffered` holds bytes it already
  // sent beyond that request.
  void adopt(int fd, std::string buffered = {}, std::size_t served = 0) {
    Conn c;
    c.fd = fd;
    c.buf = std::move(buffered);
    c.served = served;
    c.since = Clock::now();
    c.deadline = c.since + std::chrono::milliseconds(limits_.idle_timeout_ms);
    if (!c.buf.empty())
      start_request(c, c.since);
    bool adopted = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!stopping_) {
        incoming_.push_back(std::move(c));
        adopted = true;
      }
    }
    if (!adopted) {
      close_socket(fd);
      return;
    }
    wake();
  }

 private:
  struct Conn {
    int fd = -1;
    std::string buf;
    Clock::time_point since;     // waiting since (eviction order)
    Clock::time_point deadline;  // idle, request or linger deadline
    bool started = false;        // a byte of the current request has arrived
    bool lingering = false;      // refused: discarding input until closed
    std::size_t lingered = 0;
    std::size_t scanned = 0;  // buf searched for the end of the head up to here
    std::size_t need = 0;     // head + body bytes, once the head is complete
    bool continue_sent = false;
    std::size_t served = 0;
  };

  void wake() {
    const uint64_t one = 1;
    (void)!::write(wake_fd_, &one, sizeof one);
  }

  void start_request(Conn& c, Clock::time_point now) {
    c.started = true;
    c.deadline = now + std::chrono::milliseconds(limits_.request_timeout_ms);
  }

  void refuse(Conn& c, const Refusal& r, Clock::time_point now) {
    auto& counters = *server_.counters_;
    if (r.status == 408) {
      ++counters.timed_out;
    } else if (r.status == 431 || r.status == 413) {
      ++counters.too_large;
    } else {
      ++counters.malformed;
    }
    if (r.status != 408)
      log("refused " + std::to_string(r.status) + " " + r.reason);
    const std::string response = refusal_response(r);
    (void)::send(c.fd, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(c.fd, SHUT_WR);
    c.lingering = true;
    c.buf.clear();
    c.deadline = now + std::chrono::milliseconds(kLingerMs);
  }

  void log(const std::string& line) {
    if (limits_.log) {
      limits_.log(line);
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  }

  // Reads what is there. False when the connection is finished with (closed by the peer,
  // an error, or lingered enough).
  bool receive(Conn& c, Clock::time_point now) {
    char chunk[kReadChunk];
    const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, MSG_DONTWAIT);
    if (n == 0)
      return false;
    if (n < 0)
      return errno == EAGAIN || errno == EINTR;  // EWOULDBLOCK is EAGAIN on Linux
    if (c.lingering) {
      c.lingered += static_cast<std::size_t>(n);
      return c.lingered < kLingerBytes;
    }
    if (!c.started)
      start_request(c, now);
    c.buf.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  // Decides what the bytes so far mean: wait for more, refuse, or hand the request over.
  // True when the connection left this thread (handed to a worker).
  bool examine(Conn& c, Clock::time_point now) {
    if (c.lingering || !c.started)
      return false;
    if (c.need == 0) {
      // Empty lines before a request are allowed (RFC 9112 2.2).
      std::size_t skip = 0;
      while (c.buf.compare(skip, 2, "\r\n") == 0)
        skip += 2;
      if (skip > 0) {
        c.buf.erase(0, skip);
        c.scanned = 0;
        if (c.buf.empty()) {
          c.started = false;
          c.deadline = now + std::chrono::milliseconds(limits_.idle_timeout_ms);
          return false;
        }
      }
      const std::size_t from = c.scanned >= 3 ? c.scanned - 3 : 0;
      const std::size_t end = c.buf.find("\r\n\r\n", from);
      if (end == std::string::npos) {
        c.scanned = c.buf.size();
        if (c.buf.size() > limits_.max_header_bytes) {
          refuse(c,
                 {431, "headers: more than " + std::to_string(limits_.max_header_bytes) + " bytes"},
                 now);
        }
        return false;
      }
      if (end + 4 > limits_.max_header_bytes) {
        refuse(c,
               {431, "headers: more than " + std::to_string(limits_.max_header_bytes) + " bytes"},
               now);
        return false;
      }
      Framing framing;
      if (auto refusal = check_headers(std::string_view(c.buf).substr(0, end), limits_, framing)) {
        refuse(c, *refusal, now);
        return false;
      }
      c.need = end + 4 + framing.content_length;
      if (framing.expect_continue && c.buf.size() < c.need) {
        constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        (void)::send(c.fd, kContinue.data(), kContinue.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        c.continue_sent = true;
      }
    }
    if (c.buf.size() < c.need)
      return false;
    dispatch(std::move(c));
    return true;
  }

  void dispatch(Conn c) {
    ++server_.counters_->dispatched;
    auto conn = std::make_shared<Conn>(std::move(c));
    pool_.enqueue([this, conn] { serve(*conn); });
  }

  // On a worker: one request through httplib, then back to waiting (or closed).
  void serve(Conn& c) {
    const std::string_view request = std::string_view(c.buf).substr(0, c.need);
    RequestStream strm(c.fd, request, limits_.write_timeout_ms, c.continue_sent);
    const bool last = c.served + 1 >= limits_.max_requests_per_connection;
    bool closed_by_client = false;
    const bool ok = server_.serve_one(strm, last, closed_by_client);
    if (!ok || closed_by_client || last || strm.failed()) {
      close_socket(c.fd);
      return;
    }
    adopt(c.fd, c.buf.substr(c.need), c.served + 1);
  }

  // Closes the connection that has waited longest; returns the bytes it held.
  std::size_t evict_oldest(std::vector<Conn>& conns) {
    auto oldest = std::min_element(conns.begin(), conns.end(),
                                   [](const Conn& a, const Conn& b) { return a.since < b.since; });
    const std::size_t held = oldest->buf.size();
    ++server_.counters_->evicted;  // before the peer can see the close
    close_socket(oldest->fd);
    conns.erase(oldest);
    return held;
  }

  void run() {
    std::vector<Conn> conns;
    std::vector<pollfd> fds;
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_)
          break;
        for (Conn& c : incoming_)
          conns.push_back(std::move(c));
        incoming_.clear();
      }
      while (conns.size() > limits_.max_connections)
        evict_oldest(conns);
      std::size_t buffered = 0;
      for (const Conn& c : conns)
        buffered += c.buf.size();
      while (buffered > limits_.max_buffered_bytes && !conns.empty()) {
        buffered -= evict_oldest(conns);
      }
      auto now = Clock::now();
      // Bytes that arrived with an earlier request may already make a whole request.
      for (std::size_t i = 0; i < conns.size();) {
        if (conns[i].started && conns[i].need == 0 && examine(conns[i], now)) {
          conns.erase(conns.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
          ++i;
        }
      }
      Clock::time_point next = now + std::chrono::seconds(1);
      fds.clear();
      fds.push_back({wake_fd_, POLLIN, 0});
      for (const Conn& c : conns) {
        fds.push_back({c.fd, POLLIN, 0});
        next = std::min(next, c.deadline);
      }
      const auto wait = std::max<long long>(
          0, std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count() + 1);
      const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(wait));
      if (ready < 0 && errno != EINTR)
        break;
      if (fds[0].revents != 0) {
        uint64_t n = 0;
        (void)!::read(wake_fd_, &n, sizeof n);
      }
      now = Clock::now();
      std::vector<Conn> kept;
      kept.reserve(conns.size());
      for (std::size_t i = 0; i < conns.size(); ++i) {
        Conn& c = conns[i];
        const short revents = fds[i + 1].revents;
        if (revents != 0) {
          if (!receive(c, now)) {
            close_socket(c.fd);
            continue;
          }
          if (examine(c, now))
            continue;
        }
        if (now >= c.deadline) {
          if (c.lingering || !c.started) {
            close_socket(c.fd);  // idle keep-alive, or refused and lingered enough
            continue;
          }
          refuse(c,
                 {408, "request: not received within " +
                           std::to_string(limits_.request_timeout_ms) + " ms"},
                 now);
        }
        kept.push_back(std::move(c));
      }
      conns = std::move(kept);
    }
    for (Conn& c : conns)
      close_socket(c.fd);
  }

  GuardedServer& server_;
  const HttpLimits& limits_;
  httplib::ThreadPool pool_;
  int wake_fd_ = -1;
  std::thread poller_;
  std::mutex mu_;
  bool stopping_ = false;
  std::vector<Conn> incoming_;
};

GuardedServer::GuardedServer(HttpLimits limits)
    : limits_(std::move(limits)), counters_(std::make_unique<Counters>()) {
  limits_.workers = std::max<std::size_t>(1, limits_.workers);
  limits_.max_connections = std::max<std::size_t>(1, limits_.max_connections);
  limits_.max_requests_per_connection =
      std::max<std::size_t>(1, limits_.max_requests_per_connection);
  // A keep-alive response written as headers then body would otherwise wait for the peer's
  // delayed ACK (about 40 ms on Linux) on every request, on every route.
  set_tcp_nodelay(true);
  new_task_queue = [this] {
    // Called by listen_after_bind() before its accept loop.
    auto* front = new Front(*this);
    front_.store(front);
    return front;
  };
}

GuardedServer::~GuardedServer() = default;

bool GuardedServer::bind_to_port(const std::string& host, int port, int socket_flags) {
  if (!httplib::Server::bind_to_port(host, port, socket_flags))
    return false;
  // listen() again on a listening socket only changes the backlog.
  const socket_t listening = svr_sock_.load();
  if (listening != INVALID_SOCKET)
    (void)::listen(listening, limits_.listen_backlog);
  return true;
}

int GuardedServer::bind_to_any_port(const std::string& host, int socket_flags) {
  const int port = httplib::Server::bind_to_any_port(host, socket_flags);
  const socket_t listening = svr_sock_.load();
  if (port > 0 && listening != INVALID_SOCKET)
    (void)::listen(listening, limits_.listen_backlog);
  return port;
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  ++counters_->accepted;
  Front* front = front_.load();
  if (front == nullptr) {
    close_socket(sock);
    return false;
  }
  front->adopt(sock);
  return true;
}

bool GuardedServer::serve_one(httplib::Stream& strm, bool close_connection,
                              bool& connection_closed) {
  return process_request(strm, close_connection, connection_closed, nullptr);
}

HttpGuardStats GuardedServer::stats() const {
  HttpGuardStats s;
  s.accepted = counters_->accepted.load();
  s.dispatched = counters_->dispatched.load();
  s.timed_out = counters_->timed_out.load();
  s.too_large = counters_->too_large.load();
  s.malformed = counters_->malformed.load();
  s.evicted = counters_->evicted.load();
  return s;
}

}  // namespace shirube::webhooks
