// What `geneft run` does around the runs of a prepared study: the store
// opened for it (the writer's lock, a new store on request, the study bound
// to the store), then the runs and the study-level analyzers. The command
// and the Python module both call these, so a study runs alike from either.
#pragma once

#include "analyze/reanalysis.h"
#include "run/study_runner.h"
#include "store/result_store.h"
#include "store/store_lock.h"
#include "study/prepared_study.h"

#include <atomic>
#include <filesystem>
#include <string>

namespace geneft {

/// Where and how a study's results are stored.
struct StoreRequest {
  /// The store file; empty: STUDY.db beside the study file (with a shard,
  /// STUDY.shard-I-of-N.db).
  std::filesystem::path out;
  /// Start a new store, moving an existing one aside (--new-store).
  bool new_store = false;
  /// "I/N" as given (--shard), recorded with the study; "" for every run.
  std::string shard;
  /// Who writes, shown to a second writer the lock refuses:
  /// "geneft run mod3.toml -j 2".
  std::string writer;
};

/// A study's store, locked, open and bound to the study. The lock is held
/// until this object is destroyed.
struct StudyStore {
  std::filesystem::path path;
  std::filesystem::path kept;  ///< where --new-store moved the old store; empty if none
  StoreLock lock;              ///< declared before `store`, so it outlives it
  ResultStore store;
};

/// Reads "I/N" (1-based, 1 <= I <= N) into options' shard_index and
/// shard_count; "" leaves them. False with *err for anything else.
bool ParseShard(const std::string& text, StudyRunOptions* options, std::string* err);

/// The store `request` names, or the default beside the study file.
std::filesystem::path StorePathFor(const PreparedStudy& study, const StoreRequest& request,
                                   const StudyRunOptions& options);

/// Takes the store's lock, moves an old store aside if asked, opens the
/// store and binds it to `study`. On failure returns false with *err, and
/// *bad_input true when the user can fix it (another writer holds the store,
/// or the store holds another study definition), false for an internal
/// failure (a file that cannot be created or moved).
bool OpenStudyStore(const PreparedStudy& study, const StoreRequest& request,
                    const StudyRunOptions& options, StudyStore* out, bool* bad_input,
                    std::string* err);

/// First analyzes the stored runs again for analyzers the study added or
/// changed (*reanalysis); then runs what the store lacks on `scheduler`;
/// then, unless `stop` ended the runs early, the analyzers' study stage, and
/// records the study's current definition. False only when the store could
/// not be written or read (then *err); failed runs and analyzer failures
/// are in the summaries.
bool RunAndAnalyze(const PreparedStudy& study, const StudyRunOptions& options, Scheduler& scheduler,
                   StudyStore& store, const std::atomic<bool>& stop, StudySummary* summary,
                   ReanalysisSummary* reanalysis, std::string* err);

}  // namespace geneft
