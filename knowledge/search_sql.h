#pragma once
// The search statement of SqliteKnowledgeBase: a Query is checked, then turned into SQL text
// assembled only from fixed fragments, with every value bound (the facet index for categories
// and area, FTS or instr() for words, the order a person should see the results in).
// Thread-safety: pure functions.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "common/error.h"
#include "common/sqlite.h"
#include "knowledge/types.h"

namespace shirube::knowledge {

// A value to bind: text or an integer.
using Param = std::variant<std::string, int64_t>;

// Error kInvalidArgument naming the field of `q` that is out of range.
Status validate_query(const Query& q);

// The search statement for `q` and its parameters, in the order of its placeholders.
void build_search_sql(const Query& q, std::string& sql, std::vector<Param>& params);

// Binds `params` to ?1, ?2, …
void bind_all(sql::Statement& st, const std::vector<Param>& params);

}  // namespace shirube::knowledge
