// The study's results in one SQLite file. Exactly one ResultStore writes a
// file (the study runner's main thread); each run is one transaction, in
// write-ahead-log mode, so a study killed at any moment keeps every finished
// run and never a half-written one.
//
// Tables: study (key/value: name, fingerprint, definition, text, versions),
// runs (one row per run: status, reason, seed, timings, accuracies,
// first-passage steps, canonical settings), run_settings (every setting of
// every run, long form), trajectories, embeddings, results (analyzer
// scalars and texts; run_hash '' for study level), series (analyzer curves).
#pragma once

#include "analyze/analysis.h"
#include "run/run_executor.h"
#include "store/sqlite_db.h"
#include "study/prepared_study.h"

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace geneft {

class ResultStore {
 public:
  /// Opens or creates the store and its tables.
  bool Open(const std::filesystem::path& path, std::string* err);
  bool OpenReadOnly(const std::filesystem::path& path, std::string* err);

  /// Ties the store to `study`: an empty store records it; a store made by
  /// the same study definition is accepted; any other is refused with the
  /// settings that changed ("train.steps: 20000 -> 30000").
  bool BindStudy(const PreparedStudy& study, const std::string& shard, std::string* err);

  /// Hashes of the runs already stored (finished, failed or diverged).
  std::set<std::string> StoredRuns(std::string* err);

  /// Writes one finished run, its trajectory, embeddings and analyzer
  /// results, in one transaction.
  bool WriteRun(const PreparedStudy& study, const RunSpec& run, const RunOutcome& outcome,
                std::string* err);
  /// Records a run that failed before producing results (plugin error).
  bool WriteFailedRun(const RunSpec& run, const std::string& reason, std::string* err);

  /// Replaces the study-level analyzer results.
  bool WriteStudyResults(const AnalysisResults& results, std::string* err);

  /// A value of the study table ("fingerprint", "definition", "name"), or "".
  std::string StudyValue(const std::string& key, std::string* err);

  /// Copies every run of `other` not yet here (same fingerprint required).
  bool MergeFrom(const std::filesystem::path& other, int* copied, std::string* err);

  /// Runs `PRAGMA integrity_check`; true when it answers "ok".
  bool IntegrityCheck(std::string* err);

  SqliteDb& db() { return db_; }

 private:
  bool Transaction(const std::function<bool()>& body, std::string* err);
  SqliteDb db_;
};

/// What differs between two study definitions, one "key: old -> new" per line.
std::string DefinitionDiff(const std::string& stored, const std::string& current);

}  // namespace geneft
