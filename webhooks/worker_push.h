#pragma once
// The push to support workers linked over LINE (bot/worker_links.h) when a food-support request
// is routed to their organisation: 「新しい申込が1件あります」 and where to see it (/worker/food),
// nothing about the applicant. Each push goes through LineChannel::notify (durable, the
// senders' retry); a push that cannot be queued is logged (never its user id) and never fails
// or delays the request.
// Thread-safety: as the link store and `notify`.

#include <functional>
#include <string>

#include "common/error.h"

namespace shirube::bot {
class WorkerLinks;
}

namespace shirube::webhooks {

// The text of the push; `food_page` is the partner's page (a URL or the path /worker/food).
std::string food_push_text(const std::string& food_page);

using Notify = std::function<Status(const std::string& to, const std::string& text)>;

// Queues the push for every active LINE link of `org`; returns how many were queued.
int push_new_food_request(bot::WorkerLinks& links, const std::string& org,
                          const std::string& food_page, const Notify& notify);

}  // namespace shirube::webhooks
