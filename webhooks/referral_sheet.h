#pragma once
// A referral sheet as a person reads it: a printable HTML page (A4, large type, styles in
// /referral.css) and plain text for LINE or e-mail. Per service: its name, what it is, how to
// reach it, its hours, its cost, when it was last verified and its source; the worker's note
// first; the date the sheet stops working last. Missing or expired sheets get a kind page.
// Thread-safety: pure functions.

#include <string>
#include <vector>

#include "knowledge/types.h"
#include "webhooks/worker_store.h"

namespace shirube::webhooks {

std::string referral_html(const Referral& referral,
                          const std::vector<knowledge::Service>& services);
std::string referral_text(const Referral& referral,
                          const std::vector<knowledge::Service>& services);
std::string referral_missing_html();
std::string referral_missing_text();

// HTML-escaped text (& < > " ').
std::string html_escape(const std::string& s);

}  // namespace shirube::webhooks
