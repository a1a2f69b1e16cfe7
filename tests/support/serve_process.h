#pragma once
// ServeProcess: `shirube serve --port 0 --db <db>` as a child process with a LINE channel
// pointed at `api_base`; the port is read from its "shirube: listening on http://HOST:PORT"
// line, stderr goes to `log_path`. Killed (SIGKILL) if still running at scope exit.
// terminate() sends SIGTERM and returns the exit status (-1 when it did not exit normally).
// `launcher`, when given, comes before the binary in the command line (found on PATH), e.g.
// unshare and a shell that mounts something and then execs the rest: it must exec the server
// (same pid) for pid(), kill9() and terminate() to reach it.
// Thread-safety: one test thread.

#include <chrono>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, for posix_spawn

namespace shirube::testing {

class ServeProcess {
 public:
  ServeProcess(const std::string& db, const std::string& api_base, const std::string& log_path,
               const std::string& secret, const std::map<std::string, std::string>& extra_env = {},
               const std::vector<std::string>& launcher = {}) {
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) {
      const std::string kv = *e;
      if (kv.rfind("LINE_", 0) == 0 || kv.rfind("SHIRUBE_", 0) == 0)
        continue;
      env_strings.push_back(kv);
    }
    env_strings.push_back("LINE_CHANNEL_SECRET=" + secret);
    env_strings.push_back("LINE_CHANNEL_ACCESS_TOKEN=serve-process-token");
    env_strings.push_back("SHIRUBE_LINE_API_BASE=" + api_base);
    env_strings.push_back("SHIRUBE_USER_KEY_SECRET=serve-process-user-key");
    for (const auto& [k, v] : extra_env)
      env_strings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : env_strings)
      envp.push_back(s.data());
    envp.push_back(nullptr);

    std::vector<std::string> args = launcher;
    for (const char* a :
         {SHIRUBE_BINARY_PATH, "serve", "--host", "127.0.0.1", "--port", "0", "--db"})
      args.emplace_back(a);
    args.push_back(db);
    std::vector<char*> argv;
    for (auto& s : args)
      argv.push_back(s.data());
    argv.push_back(nullptr);

    int out[2];
    REQUIRE(::pipe(out) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    const int rc = posix_spawnp(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    REQUIRE(rc == 0);
    stdout_fd_ = out[0];
    port_ = read_port(std::chrono::seconds(60));
  }
  ~ServeProcess() {
    if (pid_ > 0)
      kill9();
    if (stdout_fd_ >= 0)
      ::close(stdout_fd_);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // True while the process has not exited (one that has is reaped here).
  bool running() {
    if (pid_ <= 0)
      return false;
    if (::waitpid(pid_, nullptr, WNOHANG) == 0)
      return true;
    pid_ = -1;
    return false;
  }

  void kill9() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  int terminate() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  int read_port(std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string buf;
    const std::string marker = "listening on http://127.0.0.1:";
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{stdout_fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0)
        continue;
      char chunk[256];
      const ssize_t n = ::read(stdout_fd_, chunk, sizeof chunk);
      if (n <= 0)
        return -1;  // exited before listening
      buf.append(chunk, static_cast<std::size_t>(n));
      const auto at = buf.find(marker);
      if (at != std::string::npos && buf.find('\n', at) != std::string::npos) {
        return std::atoi(buf.c_str() + at + marker.size());
      }
    }
    return -1;
  }

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = -1;
};

}  // namespace shirube::testing
