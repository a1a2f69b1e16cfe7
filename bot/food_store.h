#pragma once
// FoodStore: food-support applications of care leavers (docs/food-requests.md), in six tables
// of the service database (`food_meta`, `food_partners`, `food_drafts`, `food_requests`,
// `food_worries`, `food_audit`), created and migrated when opened (an ordered list of
// migrations; the version is the row `schema_version` of `food_meta`, since PRAGMA
// user_version belongs to the knowledge base in the same file).
//
// Partners are organisations of the knowledge base that an operator has made partners for
// prefectures (and optionally only some municipalities). A request is routed to the partner
// that lists the person's municipality, else to one that serves the whole prefecture.
//
// Requests are keyed to the applicant by the keyed hash of the sessions
// (SessionStore::user_key), never the raw channel id. Each has an 8-character Crockford
// base32 reference (40 random bits), the consent time and a status:
//   received -> contacted -> handed_over -> closed   (the partner; closing is also allowed
//                                                     from received and contacted)
//   received | contacted | handed_over -> cancelled  (the applicant only)
// Cancelling, closing by purge and erase blank the personal fields (nickname, contact,
// allergies, municipality, worries text). Every read or change of personal data by someone
// other than the applicant, and every change by the applicant, is written to `food_audit`.
//
// The form in progress (a draft) lives here too, keyed the same way, never in the session;
// it is deleted on submission, cancellation, erase, and by purge_drafts() after a day.
//
// Thread-safety: every method may be called from several threads (one connection, one mutex).

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace shirube::sql {
class Database;
}

namespace shirube::bot {

struct FoodPartner {
  std::string org_id;
  std::string org_name;
  std::vector<int> prefectures;             // JIS codes
  std::vector<std::string> municipalities;  // empty = the whole prefectures
  std::int64_t created_at = 0;
};

enum class FoodStatus { kReceived, kContacted, kHandedOver, kClosed, kCancelled };

// "received", "contacted", "handed_over", "closed", "cancelled".
std::string_view status_value(FoodStatus s);
std::optional<FoodStatus> parse_status(std::string_view value);
// What a partner may set after `from` (see above); never kCancelled.
bool partner_may_set(FoodStatus from, FoodStatus to);
bool is_open(FoodStatus s);

// The answers of the form (bot/food_form.h). Empty string = not answered / not given.
struct FoodAnswers {
  std::string nickname;
  std::string age_group;
  int prefecture = 0;
  std::string municipality;
  std::string left_care;
  int household = 0;  // 0 = not answered; 4 means 4 or more
  std::string allergies;
  std::string contact_method;  // "line", "phone", "email"
  std::string contact_value;
  std::string delivery;  // "delivery", "pickup"
  std::string worries;   // scrubbed (bot/food_worries.h) before it is stored
};

struct FoodDraft {
  std::string step;               // the question on screen (bot/food_form.h step ids)
  std::vector<std::string> back;  // steps answered before, for 戻る (most recent last)
  FoodAnswers answers;
  std::string partner_org;  // the partner named at consent ("" before)
  std::string nonce;        // one submission per draft (a double tap sends it twice)
  std::int64_t consent_at = 0;
};

struct FoodRequest {
  std::int64_t id = 0;
  std::string ref;
  std::string partner_org;
  std::string partner_name;
  FoodStatus status = FoodStatus::kReceived;
  std::int64_t consent_at = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  FoodAnswers answers;
  std::string worry_category;  // the intent matcher's top category of the worries, "" none
  std::string note;            // the partner's last note
};

struct FoodPage {
  std::vector<FoodRequest> items;
  int total = 0;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::string actor;   // "worker:3", "applicant", "operator"
  std::string action;  // "create", "list", "read", "update", "export", "cancel", "erase", "purge"
  std::string ref;     // "" for a list
  std::string detail;
};

struct WorryCount {
  std::string month;  // "2026-12" (Japan time)
  std::string category;
  int count = 0;
};

struct WorryText {
  std::string month;
  std::string category;
  std::string text;
};

struct Submitted {
  FoodRequest request;
  bool existing = false;  // the same draft had been sent before: nothing new was stored
};

// 8 Crockford base32 characters (0-9, A-Z without I, L, O, U) from 40 random bits.
Result<std::string> new_food_ref();
// The reference as typed (lower case, 'O' for 0, 'I'/'L' for 1, a hyphen or spaces) in
// canonical form; nullopt when it cannot be one.
std::optional<std::string> canonical_ref(std::string_view typed);

class FoodStore {
 public:
  // Opens `path` (":memory:" allowed), creating or migrating the tables. kUnavailable when the
  // file cannot be opened, kInvalidArgument when its food schema is newer than this program.
  static Result<std::unique_ptr<FoodStore>> open(const std::string& path);
  ~FoodStore();
  FoodStore(const FoodStore&) = delete;
  FoodStore& operator=(const FoodStore&) = delete;
  static constexpr int kSchemaVersion = 1;
  Result<int> schema_version();

  // ---- partners (operators) -------------------------------------------------------------
  // Adds or replaces the partner `p.org_id`. Needs at least one prefecture (1..47).
  Status add_partner(const FoodPartner& p);
  Result<std::vector<FoodPartner>> partners();
  Status remove_partner(const std::string& org_id);  // kNotFound when it is not a partner
  // Partners serving some or all of `prefecture`, whole-prefecture partners first.
  Result<std::vector<FoodPartner>> partners_in(int prefecture);
  // The partner for this place: one listing the municipality, else one serving the whole
  // prefecture; nullopt when none.
  Result<std::optional<FoodPartner>> partner_for(int prefecture, const std::string& municipality);

  // ---- the form in progress ------------------------------------------------------------
  Result<std::optional<FoodDraft>> draft(const std::string& user_key);
  Status save_draft(const std::string& user_key, const FoodDraft& d, std::int64_t now);
  Status drop_draft(const std::string& user_key);
  // Deletes drafts last saved before `cutoff`.
  Result<int> purge_drafts(std::int64_t cutoff);

  // ---- the applicant ----------------------------------------------------------------------
  // One transaction: the request (routed to d.partner_org), its worry row, the audit entry,
  // and the draft deleted. A draft whose nonce was sent before returns that request
  // (existing = true). kInvalidArgument when the draft has no consent or partner.
  Result<Submitted> submit(const std::string& user_key, const FoodDraft& d,
                           const std::string& worry_category, std::int64_t now);
  // Called after submit() stored a new request (never for a second tap), with the partner's
  // organisation id and nothing else, outside the store's lock; what it does cannot fail the
  // request. Set once before the store is shared (`serve`: the LINE push to linked workers).
  void set_on_submitted(std::function<void(const std::string& org_id)> listener);
  // The request sent with this nonce by this user, if any (a second tap after the first).
  Result<std::optional<FoodRequest>> sent_with(const std::string& user_key,
                                               const std::string& nonce);
  // The user's own requests, newest first (personal fields included: they are the user's).
  Result<std::vector<FoodRequest>> requests_of(const std::string& user_key);
  // Cancels the user's open request `ref` and blanks its personal fields. kNotFound when the
  // user has no such request, kConflict when it is no longer open.
  Result<FoodRequest> cancel(const std::string& user_key, const std::string& ref, std::int64_t now);
  // 「データを消して」: blanks the personal fields of every request of the user (open ones
  // are cancelled), their worries' text, and the draft.
  Status erase_user(const std::string& user_key, std::int64_t now);

  // ---- the partner (a worker of organisation `org`; `actor` goes to the audit table) -------
  // `status` nullopt = every status; newest first.
  Result<FoodPage> list(const std::string& org, std::optional<FoodStatus> status, int offset,
                        int limit, const std::string& actor, std::int64_t now);
  // kNotFound when the request does not exist or belongs to another organisation.
  Result<FoodRequest> get(const std::string& org, const std::string& ref, const std::string& actor,
                          std::int64_t now);
  // kNotFound as get(); kConflict when `to` may not follow the current status. A note (up to
  // 1,000 characters, checked by the caller) replaces the last one; nullopt keeps it.
  Result<FoodRequest> update(const std::string& org, const std::string& ref,
                             std::optional<FoodStatus> to, const std::optional<std::string>& note,
                             const std::string& actor, std::int64_t now);
  // Every request of `org` (for the CSV), audited as one "export".
  Result<std::vector<FoodRequest>> all_of(const std::string& org, const std::string& actor,
                                          std::int64_t now);

  // ---- operators ------------------------------------------------------------------------
  // Deletes closed and cancelled requests last changed before `cutoff` (their worry rows keep
  // only month and category); returns how many.
  Result<int> purge(std::int64_t cutoff, std::int64_t now);
  // The newest `limit` audit entries, oldest first.
  Result<std::vector<AuditEntry>> audit_log(int limit);
  Status audit(const std::string& actor, const std::string& action, const std::string& ref,
               const std::string& detail, std::int64_t now);
  // Worries counted by month and category; `month` "" = every month.
  Result<std::vector<WorryCount>> worry_counts(const std::string& month);
  Result<std::vector<WorryText>> worry_texts(const std::string& month);

 private:
  explicit FoodStore(std::unique_ptr<sql::Database> db);
  Result<Submitted> store_request(const std::string& user_key, const FoodDraft& d,
                                  const std::string& worry_category, std::int64_t now);
  std::function<void(const std::string& org_id)> on_submitted_;
  Status audit_locked(const std::string& actor, const std::string& action, const std::string& ref,
                      const std::string& detail, std::int64_t now);
  Result<std::optional<FoodRequest>> find_locked(const std::string& where_sql, const std::string& a,
                                                 const std::string& b);
  std::mutex mu_;
  std::unique_ptr<sql::Database> db_;
};

}  // namespace shirube::bot
