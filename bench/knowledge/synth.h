#pragma once
// Synthetic directories for benchmarks: realistic Japanese names and descriptions, spread
// over the 47 prefectures (plus ~2% national rows) and all 17 categories.
// Thread-safety: pure functions (they write files).

#include <string>

namespace shirube::bench {

// Writes organizations.csv, services.csv, service_areas.csv, taxonomy_terms.csv and attributes.csv
// (the HSDS-style layout `shirube import` accepts) for `services` services into `dir`
// (created if missing). Same seed, same files. Returns `dir`.
std::string write_synthetic_directory(int services, unsigned seed, const std::string& dir);

// Builds a ready database at `db_path` (bundled data + `services` synthetic services).
// Returns "" on success, otherwise the reason.
std::string build_synthetic_database(int services, unsigned seed, const std::string& db_path);

}  // namespace shirube::bench
