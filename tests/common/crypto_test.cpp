#include "common/crypto.h"

#include <string>

#include <catch2/catch.hpp>

using shirube::crypto::base64_decode;
using shirube::crypto::base64_encode;
using shirube::crypto::equal_constant_time;
using shirube::crypto::hmac_sha256;
using shirube::crypto::hmac_sha256_hex;
using shirube::crypto::to_hex;

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
