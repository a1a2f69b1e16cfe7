#include "app/config.h"

#include <map>
#include <optional>
#include <string>

#include <catch2/catch.hpp>

using shirube::Result;
using shirube::app::Config;

namespace {

// An environment of its own per test: the process environment is never touched, so tests
// may run in parallel.
Result<Config> from(const std::map<std::string, std::string>& env) {
  return Config::from([&env](const char* name) -> std::optional<std::string> {
    const auto it = env.find(name);
    if (it == env.end())
      return std::nullopt;
    return it->second;
  });
}

}  // namespace

TEST_CASE("Config: an empty environment gives the documented defaults", "[app]") {
  const Result<Config> c = from({});
  REQUIRE(c.ok());
  CHECK(c->line_channel_secret.empty());
  CHECK(c->line_access_token.empty());
  CHECK(c->user_key_secret.empty());
  CHECK(c->line_api_base == "https://api.line.me");
  CHECK(c->line_data_api_base == "https://api-data.line.me");
  CHECK(c->line_api_timeout_ms == 10000);
  CHECK(c->line_reply_window_ms == 50000);
  CHECK(c->line_workers == 4);
  CHECK(c->line_loading_per_second == 90);
  CHECK(c->http_request_timeout_ms == 10000);
  CHECK(c->http_max_connections == 256);
  CHECK_FALSE(c->line_inbox_sync_full);
}

TEST_CASE("Config: every variable is read into its field", "[app]") {
  const Result<Config> c = from({{"LINE_CHANNEL_SECRET", "s3cret"},
                                 {"LINE_CHANNEL_ACCESS_TOKEN", "tok"},
                                 {"SHIRUBE_USER_KEY_SECRET", "key"},
                                 {"SHIRUBE_LINE_API_BASE", "http://127.0.0.1:9"},
                                 {"SHIRUBE_LINE_DATA_API_BASE", "http://127.0.0.1:10"},
                                 {"SHIRUBE_LINE_API_TIMEOUT_MS", "300"},
                                 {"SHIRUBE_LINE_REPLY_WINDOW_MS", "0"},
                                 {"SHIRUBE_LINE_WORKERS", "64"},
                                 {"SHIRUBE_LINE_SENDERS", "256"},
                                 {"SHIRUBE_LINE_LOADING_PER_SECOND", "1"},
                                 {"SHIRUBE_HTTP_REQUEST_TIMEOUT_MS", "1000"},
                                 {"SHIRUBE_HTTP_MAX_CONNECTIONS", "768"},
                                 {"SHIRUBE_LINE_INBOX_SYNC", "FULL"}});
  REQUIRE(c.ok());
  CHECK(c->line_channel_secret == "s3cret");
  CHECK(c->line_access_token == "tok");
  CHECK(c->user_key_secret == "key");
  CHECK(c->line_api_base == "http://127.0.0.1:9");
  CHECK(c->line_data_api_base == "http://127.0.0.1:10");
  CHECK(c->line_api_timeout_ms == 300);
  CHECK(c->line_reply_window_ms == 0);
  CHECK(c->line_workers == 64);
  CHECK(c->line_senders == 256);
  CHECK(c->line_loading_per_second == 1);
  CHECK(c->http_request_timeout_ms == 1000);
  CHECK(c->http_max_connections == 768);
  CHECK(c->line_inbox_sync_full);
}

TEST_CASE("Config: an empty variable counts as unset", "[app]") {
  const Result<Config> c = from({{"SHIRUBE_LINE_WORKERS", ""}, {"SHIRUBE_LINE_API_BASE", ""}});
  REQUIRE(c.ok());
  CHECK(c->line_workers == 4);
  CHECK(c->line_senders == 64);
  CHECK(c->line_api_base == "https://api.line.me");
}

TEST_CASE("Config: a bad value is an error naming the variable, never a silent default", "[app]") {
  struct Case {
    const char* name;
    const char* value;
    const char* expected;
  };
  const Case cases[] = {
      {"SHIRUBE_HTTP_MAX_CONNECTIONS", "1024",
       "SHIRUBE_HTTP_MAX_CONNECTIONS: expected an integer from 16 to 768, got '1024'"},
      {"SHIRUBE_HTTP_REQUEST_TIMEOUT_MS", "10",
       "SHIRUBE_HTTP_REQUEST_TIMEOUT_MS: expected an integer from 1000 to 120000, got '10'"},
      {"SHIRUBE_LINE_WORKERS", "four",
       "SHIRUBE_LINE_WORKERS: expected an integer from 1 to 64, got 'four'"},
      {"SHIRUBE_LINE_WORKERS", "0",
       "SHIRUBE_LINE_WORKERS: expected an integer from 1 to 64, got '0'"},
      {"SHIRUBE_LINE_SENDERS", "257",
       "SHIRUBE_LINE_SENDERS: expected an integer from 1 to 256, got '257'"},
      {"SHIRUBE_LINE_API_TIMEOUT_MS", "-5",
       "SHIRUBE_LINE_API_TIMEOUT_MS: expected an integer from 100 to 60000, got '-5'"},
      {"SHIRUBE_LINE_REPLY_WINDOW_MS", "60001",
       "SHIRUBE_LINE_REPLY_WINDOW_MS: expected an integer from 0 to 60000, got '60001'"},
      {"SHIRUBE_LINE_LOADING_PER_SECOND", "9x",
       "SHIRUBE_LINE_LOADING_PER_SECOND: expected an integer from 1 to 100, got '9x'"},
      {"SHIRUBE_LINE_INBOX_SYNC", "off",
       "SHIRUBE_LINE_INBOX_SYNC: expected normal or full, got 'off'"},
      {"SHIRUBE_LINE_API_BASE", "ftp://example.com",
       "SHIRUBE_LINE_API_BASE: expected an http:// or https:// URL, got 'ftp://example.com'"},
      {"SHIRUBE_LINE_DATA_API_BASE", "api-data.line.me",
       "SHIRUBE_LINE_DATA_API_BASE: expected an http:// or https:// URL, got 'api-data.line.me'"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name, c.value);
    const Result<Config> r = from({{c.name, c.value}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code() == shirube::ErrorCode::kInvalidArgument);
    CHECK(r.error().message() == c.expected);
  }
}

TEST_CASE("Config: an error about one variable does not show the secrets", "[app]") {
  const Result<Config> r = from({{"LINE_CHANNEL_SECRET", "s3cret-value"},
                                 {"LINE_CHANNEL_ACCESS_TOKEN", "token-value"},
                                 {"SHIRUBE_USER_KEY_SECRET", "key-value"},
                                 {"SHIRUBE_LINE_WORKERS", "x"}});
  REQUIRE_FALSE(r.ok());
  const std::string text = r.error().to_string();
  CHECK(text.find("s3cret-value") == std::string::npos);
  CHECK(text.find("token-value") == std::string::npos);
  CHECK(text.find("key-value") == std::string::npos);
}
