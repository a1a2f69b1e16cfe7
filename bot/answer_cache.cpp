#include "bot/answer_cache.h"

#include <utility>

namespace shirube::bot {

Result<AnswerCache::SharedResult> AnswerCache::search(const std::string& node_id,
                                                      const knowledge::Query& q, std::int64_t now) {
  const std::string key = node_id + "|" + std::to_string(q.prefecture) + "|" +
                          std::to_string(q.offset) + "|" + q.situation;
  if (seconds_ > 0) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = search_.find(key);
    if (it != search_.end() && it->second.expires > now)
      return it->second.value;
  }
  auto found = kb_.search(q);
  if (!found.ok())
    return found.error();
  auto shared = std::make_shared<const knowledge::SearchResult>(std::move(found).value());
  if (seconds_ > 0) {
    std::lock_guard<std::mutex> lock(mu_);
    if (search_.size() >= kMaxEntries)
      search_.clear();
    search_[key] = {shared, now + seconds_};
  }
  return shared;
}

Result<AnswerCache::SharedServices> AnswerCache::urgent(bool violence, std::int64_t now) {
  const std::size_t slot = violence ? 1 : 0;
  if (seconds_ > 0) {
    std::lock_guard<std::mutex> lock(mu_);
    if (urgent_[slot].expires > now)
      return urgent_[slot].value;
  }
  auto found = kb_.urgent_services(violence);
  if (!found.ok()) {
    std::lock_guard<std::mutex> lock(mu_);
    if (urgent_[slot].value)
      return urgent_[slot].value;
    if (held_[slot])
      return held_[slot];
    return found.error();
  }
  auto shared = std::make_shared<const std::vector<knowledge::Service>>(std::move(found).value());
  if (seconds_ > 0) {
    std::lock_guard<std::mutex> lock(mu_);
    urgent_[slot] = {shared, now + seconds_};
  }
  return shared;
}

Status AnswerCache::preload(std::int64_t now) {
  for (const bool violence : {false, true}) {
    auto found = kb_.urgent_services(violence);
    if (!found.ok())
      return found.error();
    auto shared = std::make_shared<const std::vector<knowledge::Service>>(std::move(found).value());
    const std::size_t slot = violence ? 1 : 0;
    std::lock_guard<std::mutex> lock(mu_);
    held_[slot] = shared;
    if (seconds_ > 0)
      urgent_[slot] = {shared, now + seconds_};
  }
  return {};
}

}  // namespace shirube::bot
