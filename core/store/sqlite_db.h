// A thin RAII layer over the SQLite C API: a connection and prepared
// statements, with errors as messages naming the database and the statement.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace geneft {

class SqliteStatement;

class SqliteDb {
 public:
  /// Opens (creating) `path`. On failure returns false with *err.
  bool Open(const std::filesystem::path& path, bool read_only, std::string* err);
  ~SqliteDb();
  SqliteDb() = default;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  /// Runs one or more statements without results.
  bool Exec(const std::string& sql, std::string* err);
  bool Prepare(const std::string& sql, SqliteStatement* statement, std::string* err);
  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }
  /// "store [path]: <sqlite message>".
  std::string Error(const std::string& what) const;

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

class SqliteStatement {
 public:
  SqliteStatement() = default;
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Binding, 1-based like SQLite. A NaN double is bound as NULL.
  void Bind(int index, int64_t value);
  void Bind(int index, double value);
  void Bind(int index, const std::string& value);
  void BindNull(int index);

  /// Steps once: true while a row is available; *done set at the end.
  bool Step(bool* row, std::string* err);
  /// Runs to completion (an INSERT/UPDATE) and resets for reuse.
  bool Run(std::string* err);
  void Reset();

  int64_t Int(int column) const;
  double Double(int column) const;  ///< NaN for NULL
  std::string Text(int column) const;
  bool IsNull(int column) const;
  bool IsNumeric(int column) const;  ///< INTEGER or REAL
  int Columns() const;
  std::string ColumnName(int column) const;

 private:
  friend class SqliteDb;
  sqlite3_stmt* stmt_ = nullptr;
  const SqliteDb* db_ = nullptr;
};

}  // namespace geneft
