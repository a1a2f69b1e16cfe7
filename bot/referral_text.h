#pragma once
// How one service reads on a referral: what it is, how to reach it, its hours, its cost, when
// it was last verified and its source, as labelled lines. The referral sheet
// (webhooks/referral_sheet.h) prints them on its page and in its text, and a worker over LINE
// (bot/worker_mode.h) gets the same text to forward. A value the data does not give says so.
// Thread-safety: pure functions.

#include <string>
#include <vector>

#include "knowledge/types.h"

namespace shirube::bot {

struct ReferralLine {
  const char* label;  // 「どんなところ」「連絡方法」「受付時間」「費用」「最終確認」「出典」
  std::string value;
};

// The sheet's closing line: hours and contacts change.
inline constexpr const char* kReferralCaveat =
    "受付時間や連絡先は変わることがあります。連絡の前に確かめてください。";

std::vector<ReferralLine> referral_lines(const knowledge::Service& s);

// "\n<n>. <name>\n・<label>：<value>\n…" (the sheet's text for one service).
std::string referral_service_text(int n, const knowledge::Service& s);

}  // namespace shirube::bot
