// Reading a results store in tests: a query's rows as text, and how many
// runs a store holds while a study may still be writing it.
#pragma once

#include "store/sqlite_db.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace geneft::testing {

/// Rows of a query, each row's columns joined by '|'.
inline std::vector<std::string> Query(const std::filesystem::path& store_path, const std::string& sql) {
  SqliteDb db;
  std::string err;
  REQUIRE(db.Open(store_path, SqliteAccess::kReadOnly, &err));
  SqliteStatement s;
  REQUIRE(db.Prepare(sql, &s, &err));
  std::vector<std::string> rows;
  bool row = false;
  while (s.Step(&row, &err) && row) {
    std::string line;
    for (int c = 0; c < s.Columns(); ++c) line += (c ? "|" : "") + s.Text(c);
    rows.push_back(line);
  }
  REQUIRE(err.empty());
  return rows;
}

/// Runs in the store; 0 while it does not exist or cannot be read yet.
inline size_t StoredRunCount(const std::filesystem::path& store_path) {
  if (!std::filesystem::exists(store_path)) return 0;
  SqliteDb db;
  std::string err;
  SqliteStatement s;
  bool row = false;
  if (!db.Open(store_path, SqliteAccess::kReadOnly, &err) ||
      !db.Prepare("SELECT COUNT(*) FROM runs", &s, &err) || !s.Step(&row, &err) || !row)
    return 0;
  return static_cast<size_t>(s.Int(0));
}

}  // namespace geneft::testing
