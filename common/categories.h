#pragma once
// Facts every part shares: the 17 top-level need categories (the ids of `state.category` and
// of the root menu, in menu order) and the number of prefectures. One place for each: the
// knowledge base, the intent matcher and the decision tree all read them from here.

#include <array>
#include <string_view>

namespace shirube {

inline constexpr std::array<std::string_view, 17> kTopCategories = {
    "crisis",         "violence",          "food",
    "money",          "housing",           "work",
    "loneliness",     "mental_health",     "parenting_family",
    "children_youth", "care_leaver",       "health_disability",
    "elderly",        "foreign_residents", "disaster",
    "hikikomori",     "legal_consumer"};

// Prefectures are numbered by JIS X 0401 code, 1..kPrefectureCount.
inline constexpr int kPrefectureCount = 47;

}  // namespace shirube
