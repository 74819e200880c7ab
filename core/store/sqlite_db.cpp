#include "store/sqlite_db.h"

#include <cmath>
#include <cstring>

namespace geneft {

bool SqliteDb::Open(const std::filesystem::path& path, bool read_only, std::string* err) {
  path_ = path;
  const int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.string().c_str(), &db_, flags | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    *err = Error("unable to open");
    // SQLite's own text ("unable to open database file") does not say why.
    if (db_ != nullptr && sqlite3_system_errno(db_) != 0)
      *err += std::string(" (") + std::strerror(sqlite3_system_errno(db_)) + ")";
    return false;
  }
  sqlite3_busy_timeout(db_, 10000);
  return true;
}

SqliteDb::~SqliteDb() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

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
bool SqliteStatement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
bool SqliteStatement::IsNumeric(int column) const {
  const int type = sqlite3_column_type(stmt_, column);
  return type == SQLITE_INTEGER || type == SQLITE_FLOAT;
}
int SqliteStatement::Columns() const { return sqlite3_column_count(stmt_); }
std::string SqliteStatement::ColumnName(int column) const {
  return sqlite3_column_name(stmt_, column);
}

}  // namespace geneft
