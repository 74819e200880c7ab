#include "store/sqlite_db.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstring>

namespace geneft {

std::string SqliteUri(const std::filesystem::path& path, SqliteAccess access) {
  // An absolute path gets an empty authority ("file:///..."), so that a path
  // starting with "//" is not read as a host name.
  std::string uri = path.is_absolute() ? "file://" : "file:";
  for (const unsigned char c : path.string()) {
    if (std::isalnum(c) != 0 || std::strchr("/._-~", c) != nullptr) uri += static_cast<char>(c);
    else uri += fmt::format("%{:02X}", c);
  }
  switch (access) {
    case SqliteAccess::kReadWrite: return uri;
    case SqliteAccess::kReadOnly: return uri + "?mode=ro";
    case SqliteAccess::kImmutable: return uri + "?mode=ro&immutable=1";
  }
  return uri;
}

bool SqliteDb::Open(const std::filesystem::path& path, SqliteAccess access, std::string* err) {
  Close();
  path_ = path;
  // URIs are enabled for ATTACH too (merge attaches its inputs read-only).
  const int flags = SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX |
                    (access == SqliteAccess::kReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                                        : SQLITE_OPEN_READONLY);
  if (sqlite3_open_v2(SqliteUri(path, access).c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    *err = Error("unable to open");
    // SQLite's own text ("unable to open database file") does not say why.
    if (db_ != nullptr && sqlite3_system_errno(db_) != 0)
      *err += std::string(" (") + std::strerror(sqlite3_system_errno(db_)) + ")";
    return false;
  }
  sqlite3_busy_timeout(db_, 10000);
  return true;
}

void SqliteDb::Close() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
  db_ = nullptr;
}

SqliteDb::~SqliteDb() { Close(); }

std::string SqliteDb::Error(const std::string& what) const {
  return "store [" + path_.string() + "]: " + what + ": " +
         (db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory");
}

bool SqliteDb::Exec(const std::string& sql, std::string* err) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return true;
  *err = "store [" + path_.string() + "]: " + (message != nullptr ? message : "error");
  sqlite3_free(message);
  return false;
}

bool SqliteDb::Prepare(const std::string& sql, SqliteStatement* statement, std::string* err) {
  statement->db_ = this;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement->stmt_, nullptr) == SQLITE_OK) return true;
  *err = Error("cannot prepare '" + sql.substr(0, 60) + "'");
  return false;
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

void SqliteStatement::Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
void SqliteStatement::Bind(int index, double value) {
  if (std::isnan(value)) sqlite3_bind_null(stmt_, index);
  else sqlite3_bind_double(stmt_, index, value);
}
void SqliteStatement::Bind(int index, const std::string& value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}
void SqliteStatement::BindNull(int index) { sqlite3_bind_null(stmt_, index); }
void SqliteStatement::BindBlob(int index, const void* data, size_t size) {
  sqlite3_bind_blob64(stmt_, index, data, size, SQLITE_TRANSIENT);
}

bool SqliteStatement::Step(bool* row, std::string* err) {
  const int rc = sqlite3_step(stmt_);
  *row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE) return true;
  *err = db_->Error("statement failed");
  return false;
}

bool SqliteStatement::Run(std::string* err) {
  bool row = false;
  const bool ok = Step(&row, err);
  Reset();
  return ok;
}

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t SqliteStatement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }
double SqliteStatement::Double(int column) const {
  return IsNull(column) ? std::nan("") : sqlite3_column_double(stmt_, column);
}
std::string SqliteStatement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  return text != nullptr ? reinterpret_cast<const char*>(text) : "";
}
std::string SqliteStatement::Blob(int column) const {
  const void* bytes = sqlite3_column_blob(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  return bytes != nullptr ? std::string(static_cast<const char*>(bytes), size) : std::string();
}
bool SqliteStatement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
int SqliteStatement::Type(int column) const { return sqlite3_column_type(stmt_, column); }
void SqliteStatement::Get(int column, std::optional<int64_t>* out) const {
  if (IsNull(column)) out->reset();
  else *out = Int(column);
}
void SqliteStatement::Get(int column, std::optional<double>* out) const {
  if (IsNull(column)) out->reset();
  else *out = Double(column);
}
int SqliteStatement::Columns() const { return sqlite3_column_count(stmt_); }
std::string SqliteStatement::ColumnName(int column) const {
  return sqlite3_column_name(stmt_, column);
}

}  // namespace geneft
