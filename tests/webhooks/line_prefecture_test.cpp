#include "webhooks/line_prefecture.h"

#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

using shirube::webhooks::line::prefecture_for;
using shirube::webhooks::line::prefecture_table_size;

TEST_CASE("LinePrefecture: the bundled table has the 47 prefectures", "[line]") {
  CHECK(prefecture_table_size() == 47);
}

TEST_CASE("LinePrefecture: maps points to the prefecture of the nearest office", "[line]") {
  struct Point {
    double lat;
    double lon;
    int code;
  };
  // Well inside each prefecture (city halls and stations), so nearest-office is right.
  const Point p = GENERATE(values<Point>({
      {35.67966, 139.73669, 13},  // 千代田区紀尾井町
      {43.0687, 141.3508, 1},     // 札幌駅
      {26.2066, 127.6466, 47},    // 那覇空港
      {34.7025, 135.4959, 27},    // 大阪駅
      {35.6662, 138.5686, 19},    // 甲府市
      {33.5902, 130.4207, 40},    // 博多駅
      {38.2601, 140.8821, 4},     // 仙台駅
      {31.5838, 130.5415, 46},    // 鹿児島中央駅
      {36.5780, 136.6479, 17},    // 金沢駅
      {34.3853, 132.4752, 34},    // 広島駅
  }));
  CAPTURE(p.lat, p.lon);
  CHECK(prefecture_for(p.lat, p.lon).code == p.code);
}

TEST_CASE("LinePrefecture: points outside Japan or invalid give 0", "[line]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(prefecture_for(51.5074, -0.1278).code == 0);   // London
  CHECK(prefecture_for(31.2304, 121.4737).code == 0);  // Shanghai
  CHECK(prefecture_for(27.0944, 142.1918).code == 0);  // Ogasawara: too far from any office
  CHECK(prefecture_for(nan, 139.0).code == 0);
  CHECK(prefecture_for(95.0, 139.0).code == 0);
  CHECK(prefecture_for(0.0, 0.0).code == 0);
}

TEST_CASE("LinePrefecture: near a border the nearest office can be the neighbour's", "[line]") {
  // Documented approximation (docs/line-channel.md): 福山市 (広島県) is nearer the 岡山県 office.
  const auto m = prefecture_for(34.486, 133.362);
  CHECK(m.code == 33);
  CHECK(m.name == "岡山県");
}
