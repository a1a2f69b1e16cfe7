#include "common/crypto.h"

#include <optional>
#include <string>

#include <catch2/catch.hpp>

using shirube::crypto::base64_decode;
using shirube::crypto::base64_encode;
using shirube::crypto::equal_constant_time;
using shirube::crypto::hmac_sha256;
using shirube::crypto::hmac_sha256_hex;
using shirube::crypto::to_hex;
namespace crypto = shirube::crypto;

// RFC 4231, section 4: test cases 1, 2 and 6 (HMAC-SHA-256).
TEST_CASE("Crypto: HMAC-SHA256 matches the RFC 4231 test vectors", "[common]") {
  SECTION("test case 1: 20-byte key") {
    const std::string key(20, '\x0b');
    CHECK(hmac_sha256_hex(key, "Hi There") ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }
  SECTION("test case 2: a key shorter than the block") {
    CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
  SECTION("test case 6: a key larger than the block") {
    const std::string key(131, '\xaa');
    CHECK(hmac_sha256_hex(key, "Test Using Larger Than Block-Size Key - Hash Key First") ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }
}

TEST_CASE("Crypto: the raw HMAC is 32 bytes and its hex is the same value", "[common]") {
  const std::string raw = hmac_sha256("Jefe", "what do ya want for nothing?");
  CHECK(raw.size() == 32);
  CHECK(to_hex(raw) == hmac_sha256_hex("Jefe", "what do ya want for nothing?"));
  CHECK(hmac_sha256("", "").size() == 32);  // an empty key is a valid zero-length key
}

TEST_CASE("Crypto: to_hex is lowercase, two digits a byte", "[common]") {
  CHECK(to_hex(std::string("\x00\x0f\xa0\xff", 4)) == "000fa0ff");
  CHECK(to_hex("").empty());
}

TEST_CASE("Crypto: base64 decoding is strict", "[common]") {
  SECTION("accept") {
    CHECK(base64_decode("YQ==") == std::string("a"));
    CHECK(base64_decode("YWI=") == std::string("ab"));
    CHECK(base64_decode("YWJj") == std::string("abc"));
    CHECK(base64_encode("abc") == "YWJj");
    CHECK(base64_encode("ab") == "YWI=");
  }
  SECTION("reject") {
    const std::string bad =
        GENERATE(as<std::string>{}, "", "YQ", "YQ=", "Y===", "YR==", "YWJ=", "YQ==YQ==", "YW J",
                 "YWJj\n", "YW-j", "=YWJ");
    CAPTURE(bad);
    CHECK_FALSE(base64_decode(bad).has_value());
  }
}

TEST_CASE("Crypto: constant-time comparison compares length and every byte", "[common]") {
  CHECK(equal_constant_time("", ""));
  CHECK(equal_constant_time("abc", "abc"));
  CHECK_FALSE(equal_constant_time("abc", "abd"));
  CHECK_FALSE(equal_constant_time("abc", "ab"));
  CHECK_FALSE(equal_constant_time(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST_CASE("Crypto: sealed text opens under its key only, and any change is refused", "[common]") {
  const std::string key(32, 'k');
  const std::string text = R"({"u":"U4af4980629aaaaaaaaaaaaaaaaaaaaaa","t":"死にたい"})";
  const std::string sealed = crypto::seal(key, text);
  REQUIRE(sealed.size() == 12 + text.size() + 16);
  CHECK(sealed.find("U4af49806") == std::string::npos);
  CHECK(crypto::open_sealed(key, sealed) == std::optional<std::string>(text));
  // A fresh nonce each time: the same text never seals to the same bytes.
  CHECK(crypto::seal(key, text) != sealed);
  CHECK_FALSE(crypto::open_sealed(std::string(32, 'x'), sealed).has_value());
  for (const std::size_t at : {std::size_t{0}, std::size_t{12}, sealed.size() - 1}) {
    std::string changed = sealed;
    changed[at] = static_cast<char>(changed[at] ^ 1);
    CAPTURE(at);
    CHECK_FALSE(crypto::open_sealed(key, changed).has_value());
  }
  CHECK_FALSE(crypto::open_sealed(key, sealed.substr(0, 27)).has_value());
  CHECK(crypto::open_sealed(key, crypto::seal(key, "")) == std::optional<std::string>(""));
  // Keys of another length are refused.
  CHECK(crypto::seal("short", text).empty());
  CHECK_FALSE(crypto::open_sealed("short", sealed).has_value());
}
