// Writing a study's results into one SQLite file (tables: schema.h). Exactly
// one ResultStore writes a file, under its StoreLock (on the study runner's
// main thread); each run is one transaction, in write-ahead-log mode, so a study killed at any moment
// keeps every finished run and never a half-written one.
#pragma once

#include "analyze/analysis.h"
#include "run/run_executor.h"
#include "store/sqlite_db.h"
#include "store/store_lock.h"
#include "store/store_reader.h"
#include "study/prepared_study.h"

#include <filesystem>
#include <functional>
#include <map>
#include <string>

namespace geneft {

class ResultStore {
 public:
  /// Opens or creates the store `lock` guards, and its tables. `lock` must
  /// be held, and outlive this store. A store of an older schema is
  /// migrated in one transaction (then migration() says so); its analyzers'
  /// provenance, which it did not record, reads "unknown".
  bool Open(const StoreLock& lock, std::string* err);
  /// "store [x.db]: schema 2 -> 3 (predictions added for the runs stored
  /// from now on)" after Open migrated the store, else "".
  const std::string& migration() const { return migration_; }

  /// Ties the store to `study`: an empty store records it, with the
  /// provenance of every plugin (StudyProvenance); a store whose training definition is the
  /// same is accepted (analysis may differ: see ReplaceAnalyzerResults); any
  /// other is refused with the settings that changed
  /// ("train.steps: 20000 -> 30000").
  bool BindStudy(const PreparedStudy& study, const std::string& shard, std::string* err);

  /// Records the study's current definition (its analysis part may have
  /// changed since BindStudy) and study text.
  bool UpdateDefinition(const PreparedStudy& study, std::string* err);

  /// Replaces, in one transaction, every per-run result and series of the
  /// analyzer `provenance` names with `results` (run hash -> what it wrote),
  /// sets the reasons in `reasons` (run hash -> reason with this analyzer's
  /// failure, if any), and records `provenance`.
  bool ReplaceAnalyzerResults(const StoredPlugin& provenance,
                              const std::map<std::string, AnalysisResults>& results,
                              const std::map<std::string, std::string>& reasons,
                              std::string* err);

  /// Writes one finished run, its trajectory, embeddings, predictions and
  /// analyzer results, in one transaction.
  bool WriteRun(const PreparedStudy& study, const RunSpec& run, const RunOutcome& outcome,
                std::string* err);
  /// Records a run that failed before producing results (plugin error).
  bool WriteFailedRun(const RunSpec& run, const std::string& reason, std::string* err);

  /// Replaces the study-level analyzer results.
  bool WriteStudyResults(const AnalysisResults& results, std::string* err);

  /// Reads through this store's connection: sees every committed write.
  StoreReader& reader() { return reader_; }

 private:
  friend bool MergeStore(ResultStore& out, const std::filesystem::path& in, int* copied,
                         std::string* err);
  /// Runs `body` in one IMMEDIATE transaction; rolls back when it fails.
  bool Transaction(const std::function<bool()>& body, std::string* err);

  /// Creates the tables, or brings a store of schema 1 or 2 to
  /// kStoreSchemaVersion.
  bool CreateOrMigrate(std::string* err);

  SqliteDb db_;
  StoreReader reader_{&db_};
  std::string migration_;
};

/// What differs between two study definitions, one "key: old -> new" per line.
std::string DefinitionDiff(const std::string& stored, const std::string& current);

}  // namespace geneft
