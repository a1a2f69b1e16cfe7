#pragma once
// The levels of risk the crisis detector gives a message, and the kinds of danger.
// Thread-safety: plain values.

#include <cstddef>

namespace shirube::intents {

// Ordered by severity, so a level can index an array and levels compare with <.
//   kCrisis  the crisis answer takes over (the lines first, 110/119 when immediate);
//   kCheck   the message might mean suicide: the bot asks gently and directly, shows the
//            lines in the same reply and keeps the person's topic for afterwards;
//   kNone    nothing worrying.
enum class RiskLevel { kNone = 0, kCheck = 1, kCrisis = 2 };
constexpr std::size_t kRiskLevelCount = 3;
const char* risk_level_name(RiskLevel level);  // "none", "check", "crisis"

enum class CrisisKind { kNone, kSuicide, kViolence };

}  // namespace shirube::intents
