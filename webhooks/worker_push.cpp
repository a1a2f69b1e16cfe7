#include "webhooks/worker_push.h"

#include "bot/worker_links.h"
#include "webhooks/line_log.h"

namespace shirube::webhooks {

std::string food_push_text(const std::string& food_page) {
  return "新しい申込が1件あります。\n支援者用ページで見てください：" + food_page;
}

int push_new_food_request(bot::WorkerLinks& links, const std::string& org,
                          const std::string& food_page, const Notify& notify) {
  auto targets = links.push_targets(org);
  if (!targets.ok()) {
    line::log_line(std::string("food push: cannot read the LINE links: ") +
                   targets.error().code_name());
    return 0;
  }
  const std::string text = food_push_text(food_page);
  int queued = 0;
  for (const std::string& to : *targets) {
    if (Status s = notify(to, text); s.ok()) {
      ++queued;
    } else {
      line::log_line(std::string("food push: not queued: ") + s.error().code_name());
    }
  }
  return queued;
}

}  // namespace shirube::webhooks
