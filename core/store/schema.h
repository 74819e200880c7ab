// The tables of a results store: their SQL, for the writer that creates
// them, and their names, for export.
#pragma once

#include <string>
#include <vector>

namespace geneft {

/// The store format this build writes (PRAGMA user_version). 1: the format
/// before provenance (user_version 0 on disk); 2: adds the plugins table;
/// 3: adds the predictions table.
constexpr int kStoreSchemaVersion = 3;

/// CREATE TABLE IF NOT EXISTS for every table; running it twice is harmless.
const char* StoreSchemaSql();

/// The tables a store holds, in the order `geneft export --help` lists them.
const std::vector<std::string>& StoreTables();

}  // namespace geneft
