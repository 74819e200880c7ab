// Reading a results store: the study table, runs, settings, results,
// series, trajectories, embeddings and any table whole (for export). Every
// query the report, the study view and the CLI make lives here.
//
// A reader opened on a path never writes: the report and export read a store
// while `geneft run` writes it (SQLite's write-ahead log keeps each reader on
// one committed state), and read a finished store on a read-only file system.
#pragma once

#include "store/sqlite_db.h"
#include "store/store_rows.h"

#include <filesystem>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace geneft {

/// One cell of a table read whole: SQL NULL, an INTEGER, a REAL or text.
struct TableCell {
  enum Kind { kNull, kInteger, kReal, kText, kBlob };
  Kind kind = kNull;
  /// "" for NULL; a REAL as the shortest text that reads back as exactly
  /// `real` (SQLite's own text keeps 15 digits and loses the rest); a BLOB
  /// as its bytes in lowercase hex, two digits a byte, in stored order
  std::string text;
  int64_t integer = 0;  ///< the value of an INTEGER cell
  double real = 0;      ///< the value of a REAL cell

  bool IsNumber() const { return kind == kInteger || kind == kReal; }
};

class StoreReader {
 public:
  /// A reader to Open().
  StoreReader() = default;
  /// Reads through `db`, a connection its owner keeps open as long as this
  /// reader lives (the writer's own, so it sees what it just wrote).
  explicit StoreReader(SqliteDb* db) : db_(db) {}

  /// Opens the store at `path` for reading only. When SQLite cannot read it
  /// that way because no -shm file can be created beside it (a read-only
  /// file system or folder) and no write-ahead log holds data (so no writer
  /// is at work), reads it as an immutable file. Fails, with *err naming the
  /// store, when the file is missing or is no SQLite database.
  bool Open(const std::filesystem::path& path, std::string* err);

  /// True when Open() fell back to reading an immutable file.
  bool immutable() const { return immutable_; }
  const std::filesystem::path& path() const { return db_->path(); }

  /// The study table (name, fingerprint, definition, text, run_count, ...).
  bool StudyTable(std::map<std::string, std::string>* out, std::string* err);
  /// One value of the study table, or "" when absent (then *err stays empty).
  std::string StudyValue(const std::string& key, std::string* err);

  /// Every run, by run_index and replicate.
  bool Runs(std::vector<StoredRun>* out, std::string* err);
  /// Status and reason of every stored run, by hash: what resuming skips.
  bool RunStatuses(std::map<std::string, StoredStatus>* out, std::string* err);
  /// Every row of run_settings.
  bool Settings(std::vector<StoredSetting>* out, std::string* err);
  /// Every row of results (runs' and the study's), by run_hash and name.
  bool Results(std::vector<StoredResult>* out, std::string* err);
  /// The study-level series (run_hash ''), by name, each point by index.
  bool StudySeries(std::map<std::string, std::vector<SeriesPoint>>* out, std::string* err);
  /// One run's trajectory by step (empty when none was stored).
  bool Trajectory(const std::string& run_hash, std::vector<TrajectoryPoint>* out, std::string* err);
  /// One run's final embedding by element and dimension (empty when none).
  bool Embedding(const std::string& run_hash, std::vector<EmbeddingValue>* out, std::string* err);

  /// One run's predictions into *out; *found false (and *out empty) when the
  /// store has none for it (a run stored before schema 3, or a failed one).
  bool Predictions(const std::string& run_hash, StoredPredictions* out, bool* found,
                   std::string* err);

  /// The store's format: PRAGMA user_version, 1 for a store written before
  /// versions were recorded (kStoreSchemaVersion in schema.h).
  bool SchemaVersion(int* out, std::string* err);
  /// Every row of `plugins`, by kind and id; none for a store of schema 1.
  bool Plugins(std::vector<StoredPlugin>* out, std::string* err);

  /// Reads table `name` (one of StoreTables()) whole: `header` gets the
  /// column names once, then `row` one cell per column for each row. A table
  /// the store predates (predictions in a store of schema 2) has no rows.
  /// A BLOB cell reads as TableCell::kBlob, its bytes in lowercase hex.
  bool Table(const std::string& name,
             const std::function<void(const std::vector<std::string>&)>& header,
             const std::function<void(const std::vector<TableCell>&)>& row, std::string* err);

  /// Reads every table of StoreTables() whole, in that order, within one read
  /// transaction: all of them show the same committed state even while a
  /// writer is at work. `header` gets a table's name and columns before its
  /// rows go to `row`.
  bool EveryTable(
      const std::function<void(const std::string&, const std::vector<std::string>&)>& header,
      const std::function<void(const std::vector<TableCell>&)>& row, std::string* err);

  /// Runs SQLite's integrity check; true when it answers "ok", else *err
  /// quotes its first finding.
  bool IntegrityCheck(std::string* err);

 private:
  SqliteDb own_;
  SqliteDb* db_ = &own_;
  bool immutable_ = false;
};

}  // namespace geneft
