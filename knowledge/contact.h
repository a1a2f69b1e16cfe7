#pragma once
// What a record's contact lets a person do. The contact is text as in the source; this reads
// the number or address at its start and the note after it, and never guesses:
//   "0120-783-556"                          phone, tel:0120783556
//   "0120-279-338（音声ガイダンスで「4」を選択）" phone that needs a menu choice (note kept)
//   "110", "189"                            short public numbers: phone
//   "#8008"                                 a # number: dialled by hand (tel:%23… does not work on
//                                           iPhone), so no tap
//   "https://talkme.jp/"                    a page (cut at the first space or non-ASCII)
//   「お住まいの市の相談窓口」, a LINE id    text only
// reach(): 2 = a tap calls or opens it on any phone, 1 = a number or account to use by hand,
// 0 = nothing to call now (no contact, or a line open only in announced periods). Answers for
// people rank by it.
// Thread-safety: pure functions.

#include <string>
#include <string_view>

#include "knowledge/types.h"

namespace shirube::knowledge {

struct Contact {
  enum class Kind { kNone, kPhone, kHashNumber, kUrl };
  Kind kind = Kind::kNone;
  std::string shown;   // "0120-279-338", "#8008", the URL
  std::string digits;  // phone: "0120279338"; # number: "8008"
  std::string uri;     // "tel:0120279338" or the URL; "" when a tap cannot reach it
  // A menu choice is needed after the call connects (ガイダンス, 「4」を押す, 選択).
  bool menu_choice = false;
  std::string note;  // the bracketed note after the number, without brackets ("" when none)
};

Contact parse_contact(std::string_view contact);

// The hours say the line opens only in announced periods (期間のみ, 期間限定, 常設ではない), or
// the record is seasonal.
bool open_only_in_periods(const Service& s);

int reach(const Service& s);

}  // namespace shirube::knowledge
