#pragma once
// KnowledgeBase: the SQLite directory of services and organisations.
// Thread-safety: all methods are safe to call from several threads (one connection guarded
// by a mutex; searches are short).

#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "knowledge/types.h"

namespace shirube::sql {
class Database;
}

namespace shirube::knowledge {

class KnowledgeBase {
 public:
  // Opens `path` (":memory:" allowed), creating or migrating the schema to the current
  // version. Error kUnavailable when the file cannot be opened, kInternal when a migration fails.
  static Result<std::unique_ptr<KnowledgeBase>> open(const std::string& path);

  // open() and, when the database holds no data from the bundled files (or older bundled
  // data), imports the bundled TSVs compiled into the binary. Used by `serve` and `chat`.
  static Result<std::unique_ptr<KnowledgeBase>> open_with_bundled_data(const std::string& path);

  virtual ~KnowledgeBase();

  // Ranked search. Rules: role-"other" organisations never appear; inactive services never
  // appear; prefecture filter keeps that prefecture's rows plus national rows; local rows
  // rank before national; in crisis and violence categories 24-hour lines rank first.
  virtual Result<SearchResult> search(const Query& q) = 0;
  virtual Result<Service> get_service(const std::string& id) = 0;
  virtual Result<std::vector<Prefecture>> prefectures() = 0;
  virtual Result<std::vector<Category>> categories() = 0;
  // Urgent services for the crisis answer: crisis lines (and violence lines when
  // `violence` is set), 24-hour first.
  virtual Result<std::vector<Service>> urgent_services(bool violence) = 0;
  // True when the database answers a trivial query (for /healthz).
  virtual bool healthy() = 0;
};

// Prefecture lookups that need no database (the 47 are fixed).
const std::vector<Prefecture>& all_prefectures();
// "山梨県", "山梨", "19", "やまなし" -> 19; 0 when unknown.
int prefecture_code(const std::string& name_or_code);

}  // namespace shirube::knowledge
