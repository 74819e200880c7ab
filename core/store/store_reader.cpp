#include "store/store_reader.h"

#include "plugin/params.h"
#include "store/schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace geneft {
namespace {

// Prepares `sql`, binds `bind` (if any) to its one parameter, and calls
// row(statement) for each result row.
template <typename RowFn>
bool ForEachRow(SqliteDb& db, const std::string& sql, const std::string* bind, RowFn row,
                std::string* err) {
  SqliteStatement s;
  if (!db.Prepare(sql, &s, err)) return false;
  if (bind != nullptr) s.Bind(1, *bind);
  bool more = false;
  while (s.Step(&more, err) && more) row(s);
  return err->empty();
}

// Reads the schema: the first statement that touches the file (opening is
// lazy). *err gets SQLite's reason ("file is not a database").
bool Readable(SqliteDb& db, std::string* err) {
  std::string ignored;
  if (ForEachRow(db, "SELECT COUNT(*) FROM sqlite_master", nullptr,
                 [](const SqliteStatement&) {}, &ignored))
    return true;
  *err = db.Error("cannot read");
  return false;
}

// True when `path` + "-wal" exists and is not empty: committed transactions
// may then live there and not yet in the main file.
bool WalHoldsData(const std::filesystem::path& path) {
  std::error_code ec;
  const std::filesystem::path wal = path.string() + "-wal";
  return std::filesystem::exists(wal, ec) && std::filesystem::file_size(wal, ec) > 0;
}

// One cell of a row of a table read whole.
TableCell CellAt(const SqliteStatement& s, int column) {
  TableCell cell;
  switch (s.Type(column)) {
    case SQLITE_NULL: break;
    case SQLITE_INTEGER:
      cell.kind = TableCell::kInteger;
      cell.integer = s.Int(column);
      cell.text = std::to_string(cell.integer);
      break;
    case SQLITE_FLOAT:
      cell.kind = TableCell::kReal;
      cell.real = s.Double(column);
      cell.text = ShortestDouble(cell.real);
      break;
    case SQLITE_BLOB:
      cell.kind = TableCell::kBlob;
      for (unsigned char byte : s.Blob(column)) cell.text += fmt::format("{:02x}", byte);
      break;
    default:
      cell.kind = TableCell::kText;
      cell.text = s.Text(column);
  }
  return cell;
}

bool HasTable(SqliteDb& db, const std::string& name, bool* present, std::string* err) {
  SqliteStatement s;
  if (!db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", &s, err))
    return false;
  s.Bind(1, name);
  return s.Step(present, err);
}

// The columns of table `name` as this build creates it, for a store that
// predates the table.
bool CurrentColumns(const std::string& name, std::vector<std::string>* out, std::string* err) {
  SqliteDb memory;
  SqliteStatement s;
  if (!memory.Open(":memory:", SqliteAccess::kReadWrite, err) ||
      !memory.Exec(StoreSchemaSql(), err) ||
      !memory.Prepare("SELECT * FROM " + name, &s, err))
    return false;
  for (int c = 0; c < s.Columns(); ++c) out->push_back(s.ColumnName(c));
  return true;
}

}  // namespace

bool StoreReader::Open(const std::filesystem::path& path, std::string* err) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    *err = "store [" + path.string() + "]: no such file";
    return false;
  }
  db_ = &own_;
  immutable_ = false;
  std::string why;
  if (own_.Open(path, SqliteAccess::kReadOnly, &why) && Readable(own_, &why)) return true;
  // Reading a write-ahead-log store needs its -shm file, which SQLite cannot
  // create on a read-only file system. Without a -wal holding data no writer
  // is at work (a writer keeps its -wal and -shm, and with them a reader gets
  // through above) and every commit is in the main file: read that as it is.
  if (!WalHoldsData(path)) {
    std::string ignored;
    if (own_.Open(path, SqliteAccess::kImmutable, &ignored) && Readable(own_, &ignored)) {
      immutable_ = true;
      return true;
    }
  } else {
    why += " (its write-ahead log " + path.string() +
           "-wal holds data SQLite reads only through a -shm file beside it; copy the store "
           "with its -wal file to a writable folder)";
  }
  own_.Close();
  *err = why;
  return false;
}

bool StoreReader::StudyTable(std::map<std::string, std::string>* out, std::string* err) {
  return ForEachRow(*db_, "SELECT key, value FROM study", nullptr,
                    [&](const SqliteStatement& s) { (*out)[s.Text(0)] = s.Text(1); }, err);
}

std::string StoreReader::StudyValue(const std::string& key, std::string* err) {
  std::string value;
  ForEachRow(*db_, "SELECT value FROM study WHERE key = ?", &key,
             [&](const SqliteStatement& s) { value = s.Text(0); }, err);
  return value;
}

bool StoreReader::Runs(std::vector<StoredRun>* out, std::string* err) {
  std::string columns;
  StoredRun names;
  VisitRunColumns(names, [&](const char* column, const auto&) {
    columns += (columns.empty() ? "" : ", ") + std::string(column);
  });
  return ForEachRow(
      *db_, "SELECT " + columns + " FROM runs ORDER BY run_index, replicate", nullptr,
      [&](const SqliteStatement& s) {
        StoredRun& run = out->emplace_back();
        int c = 0;
        VisitRunColumns(run, [&](const char*, auto& member) { s.Get(c++, &member); });
      },
      err);
}

bool StoreReader::RunStatuses(std::map<std::string, StoredStatus>* out, std::string* err) {
  return ForEachRow(
      *db_, "SELECT run_hash, status, reason FROM runs", nullptr,
      [&](const SqliteStatement& s) { (*out)[s.Text(0)] = {s.Text(1), s.Text(2)}; }, err);
}

bool StoreReader::Settings(std::vector<StoredSetting>* out, std::string* err) {
  return ForEachRow(
      *db_, "SELECT run_hash, key, value, number, swept FROM run_settings", nullptr,
      [&](const SqliteStatement& s) {
        StoredSetting& setting = out->emplace_back();
        setting.run_hash = s.Text(0), setting.key = s.Text(1), setting.value = s.Text(2);
        s.Get(3, &setting.number);
        setting.swept = s.Int(4) != 0;
      },
      err);
}

bool StoreReader::Results(std::vector<StoredResult>* out, std::string* err) {
  return ForEachRow(
      *db_, "SELECT run_hash, name, number, text FROM results ORDER BY run_hash, name", nullptr,
      [&](const SqliteStatement& s) {
        StoredResult& result = out->emplace_back();
        result.run_hash = s.Text(0), result.name = s.Text(1);
        s.Get(2, &result.number);
        if (!s.IsNull(3)) result.text = s.Text(3);
      },
      err);
}

bool StoreReader::StudySeries(std::map<std::string, std::vector<SeriesPoint>>* out,
                              std::string* err) {
  return ForEachRow(
      *db_, "SELECT name, x, y, err FROM series WHERE run_hash = '' ORDER BY name, idx", nullptr,
      [&](const SqliteStatement& s) {
        (*out)[s.Text(0)].push_back({s.Double(1), s.Double(2), s.Double(3)});
      },
      err);
}

bool StoreReader::Trajectory(const std::string& run_hash, std::vector<TrajectoryPoint>* out,
                             std::string* err) {
  return ForEachRow(
      *db_,
      "SELECT step, loss, train_accuracy, test_accuracy, all_accuracy FROM trajectories "
      "WHERE run_hash = ? ORDER BY step",
      &run_hash,
      [&](const SqliteStatement& s) {
        out->push_back({s.Int(0), s.Double(1), s.Double(2), s.Double(3), s.Double(4)});
      },
      err);
}

bool StoreReader::Embedding(const std::string& run_hash, std::vector<EmbeddingValue>* out,
                            std::string* err) {
  return ForEachRow(
      *db_,
      "SELECT element, name, dim, value FROM embeddings WHERE run_hash = ? ORDER BY element, dim",
      &run_hash,
      [&](const SqliteStatement& s) {
        out->push_back({s.Int(0), s.Text(1), s.Int(2), s.Double(3)});
      },
      err);
}

bool StoreReader::Predictions(const std::string& run_hash, StoredPredictions* out, bool* found,
                              std::string* err) {
  *out = StoredPredictions{};
  *found = false;
  bool present = false;
  if (!HasTable(*db_, "predictions", &present, err)) return false;
  if (!present) return true;
  std::string bytes;
  if (!ForEachRow(
          *db_, "SELECT class_count, probabilities FROM predictions WHERE run_hash = ?", &run_hash,
          [&](const SqliteStatement& s) {
            *found = true;
            out->class_count = static_cast<uint32_t>(s.Int(0));
            bytes = s.Blob(1);
          },
          err))
    return false;
  static_assert(std::endian::native == std::endian::little,
                "predictions are stored little-endian: add byte swaps for this machine");
  if (*found && (out->class_count == 0 || bytes.size() % (sizeof(float) * out->class_count) != 0)) {
    *err = "store [" + path().string() + "]: predictions of run " + run_hash + ": " +
           std::to_string(bytes.size()) + " bytes, not a whole number of " +
           std::to_string(out->class_count) + "-class float32 rows";
    return false;
  }
  out->probabilities.resize(bytes.size() / sizeof(float));
  if (!bytes.empty()) std::memcpy(out->probabilities.data(), bytes.data(), bytes.size());
  return true;
}

bool StoreReader::SchemaVersion(int* out, std::string* err) {
  *out = 1;
  return ForEachRow(
      *db_, "PRAGMA user_version", nullptr,
      [&](const SqliteStatement& s) { *out = std::max<int>(1, static_cast<int>(s.Int(0))); }, err);
}

bool StoreReader::Plugins(std::vector<StoredPlugin>* out, std::string* err) {
  bool present = false;
  if (!ForEachRow(*db_, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'plugins'",
                  nullptr, [&](const SqliteStatement&) { present = true; }, err))
    return false;
  if (!present) return true;
  return ForEachRow(
      *db_,
      "SELECT kind, id, version, library_hash, params, host_version, recorded_at FROM plugins "
      "ORDER BY kind, id",
      nullptr,
      [&](const SqliteStatement& s) {
        out->push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5),
                        s.Text(6)});
      },
      err);
}

bool StoreReader::Table(const std::string& name,
                        const std::function<void(const std::vector<std::string>&)>& header,
                        const std::function<void(const std::vector<TableCell>&)>& row,
                        std::string* err) {
  const std::vector<std::string>& tables = StoreTables();
  if (std::find(tables.begin(), tables.end(), name) == tables.end()) {
    *err = "store [" + path().string() + "]: no table '" + name + "'";
    return false;
  }
  bool present = false;
  if (!HasTable(*db_, name, &present, err)) return false;
  if (!present) {
    std::vector<std::string> columns;
    if (!CurrentColumns(name, &columns, err)) return false;
    header(columns);
    return true;
  }
  SqliteStatement s;
  if (!db_->Prepare("SELECT * FROM " + name, &s, err)) return false;
  std::vector<std::string> columns;
  for (int c = 0; c < s.Columns(); ++c) columns.push_back(s.ColumnName(c));
  header(columns);
  std::vector<TableCell> cells(columns.size());
  bool more = false;
  while (s.Step(&more, err) && more) {
    for (int c = 0; c < s.Columns(); ++c) cells[c] = CellAt(s, c);
    row(cells);
  }
  return err->empty();
}

bool StoreReader::EveryTable(
    const std::function<void(const std::string&, const std::vector<std::string>&)>& header,
    const std::function<void(const std::vector<TableCell>&)>& row, std::string* err) {
  if (!db_->Exec("BEGIN", err)) return false;
  bool ok = true;
  for (const std::string& table : StoreTables()) {
    ok = Table(table, [&](const std::vector<std::string>& columns) { header(table, columns); },
               row, err);
    if (!ok) break;
  }
  if (ok) return db_->Exec("COMMIT", err);
  std::string ignored;
  db_->Exec("ROLLBACK", &ignored);
  return false;
}

bool StoreReader::IntegrityCheck(std::string* err) {
  std::string finding;
  if (!ForEachRow(*db_, "PRAGMA integrity_check", nullptr,
                  [&](const SqliteStatement& s) {
                    if (finding.empty()) finding = s.Text(0);
                  },
                  err))
    return false;
  if (finding == "ok") return true;
  *err = "store [" + path().string() + "]: integrity check: " + finding;
  return false;
}

}  // namespace geneft
