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

/// How a connection may use its file.
enum class SqliteAccess {
  kReadWrite,  ///< read and write; the file is created when missing
  kReadOnly,   ///< never writes the database (SQLite may still create -wal/-shm beside it)
  kImmutable,  ///< reads the file as it is: no locks, no -wal/-shm; only for a file nobody writes
};

/// The file: URI SQLite opens `path` by with `access` (also usable in
/// ATTACH): metacharacters escaped, "?mode=ro" (and "&immutable=1") appended for reading.
std::string SqliteUri(const std::filesystem::path& path, SqliteAccess access);

class SqliteDb {
 public:
  /// Opens `path` with `access`. On failure returns false with *err.
  bool Open(const std::filesystem::path& path, SqliteAccess access, std::string* err);
  /// Closes the connection, if open (SQLite finishes closing once the last
  /// statement of it is finalized).
  void Close();
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
  /// Binds `size` bytes from `data` as a BLOB (copied).
  void BindBlob(int index, const void* data, size_t size);
  /// An empty optional is bound as NULL.
  template <class T>
  void Bind(int index, const std::optional<T>& value) {
    if (value) Bind(index, *value);
    else BindNull(index);
  }

  /// Steps once: true while a row is available; *done set at the end.
  bool Step(bool* row, std::string* err);
  /// Runs to completion (an INSERT/UPDATE) and resets for reuse.
  bool Run(std::string* err);
  void Reset();

  int64_t Int(int column) const;
  double Double(int column) const;  ///< NaN for NULL
  std::string Text(int column) const;
  /// The bytes of a BLOB column (empty for NULL).
  std::string Blob(int column) const;
  bool IsNull(int column) const;
  /// SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT or SQLITE_BLOB.
  int Type(int column) const;
  int Columns() const;
  std::string ColumnName(int column) const;

  // Reading a column into a typed member; NULL leaves an optional empty.
  void Get(int column, int64_t* out) const { *out = Int(column); }
  void Get(int column, std::string* out) const { *out = Text(column); }
  void Get(int column, std::optional<int64_t>* out) const;
  void Get(int column, std::optional<double>* out) const;

 private:
  friend class SqliteDb;
  sqlite3_stmt* stmt_ = nullptr;
  const SqliteDb* db_ = nullptr;
};

}  // namespace geneft
