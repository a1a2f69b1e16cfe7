#pragma once
// Readers for the two bundled TSV layouts (knowledge/data/README.md, docs/data-format.md):
// national_services.tsv (14 columns, header "id	name_ja	...") and seed_organizations.tsv
// (12 columns, header "name	legal_form	..."), plus input decoding shared with the CSV
// reader. Thread-safety: pure functions.

#include <string>
#include <string_view>

#include "common/error.h"
#include "knowledge/directory.h"

namespace shirube::knowledge {

// Bytes of an input file -> UTF-8 text: a UTF-8 BOM is dropped; valid UTF-8 is kept;
// anything else is decoded as Shift_JIS (CP932) with iconv. Error kInvalidArgument
// ("file:line: not valid UTF-8 or Shift_JIS") when neither fits.
Result<std::string> decode_input(std::string_view bytes, const std::string& file);

enum class TsvKind { kNational, kLocal, kSeed, kUnknown };
// Which layout a decoded TSV has, from its header line.
TsvKind detect_tsv(std::string_view text);

// Append the rows of one file to `out` (issues included). `file` names it in messages.
void read_national_tsv(std::string_view text, const std::string& file, Directory& out);
void read_seed_tsv(std::string_view text, const std::string& file, Directory& out);
// local_services.tsv: the national columns plus prefecture and municipality (16 columns).
void read_local_tsv(std::string_view text, const std::string& file, Directory& out);

// The three files compiled into the binary, read into one Directory (validated).
Directory bundled_directory();
// Hash of the bundled bytes and of the import rules version; stored in kb_meta so a newer
// binary re-imports.
std::string bundled_data_hash();

}  // namespace shirube::knowledge
