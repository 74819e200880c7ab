// study -> runs -> trainer -> analyzers -> store: runs every run of a
// prepared study that the store does not hold yet, in parallel, writing each
// as it finishes, then the study-level analyzers.
#pragma once

#include "run/scheduler.h"
#include "store/result_store.h"
#include "study/prepared_study.h"

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace geneft {

struct StudyRunOptions {
  // Runs at once; 0 = one per hardware thread. Each run is single-threaded.
  int jobs = 0;
  // This process runs shard `shard_index` (0-based) of `shard_count`: the
  // runs whose index % shard_count == shard_index.
  int shard_index = 0;
  int shard_count = 1;
  // No progress output.
  bool quiet = false;
  // Called on the writer's thread once the runs to do are known and after
  // each run is stored, with the runs done (those stored before included)
  // and failed so far, of summary.total: for a caller that shows progress its
  // own way (the Python module). May be empty; independent of `quiet`.
  std::function<void(size_t done, size_t failed, size_t total)> on_progress;
};

struct StudySummary {
  size_t total = 0;      ///< runs in the study (or this shard)
  size_t skipped = 0;    ///< already in the store
  size_t completed = 0;  ///< finished now, within budget or stopped early
  size_t diverged = 0;
  size_t failed = 0;
  size_t dropped = 0;    ///< in flight when interrupted or lost: not stored, will rerun
  /// Of the runs already in the store: those stored as diverged or failed,
  /// and those stored with a failed per-run analyzer stage.
  size_t diverged_before = 0, failed_before = 0, analyzer_failed_before = 0;
  size_t analyzer_failed = 0;  ///< runs of now whose per-run analyzer stage failed
  int jobs_given = 0, jobs_used = 0;
  std::string scheduler;  ///< where the runs went (Scheduler::Describe)
  double seconds = 0;
  // Where a stored run's time went, summed over the `trained` runs stored
  // now (completed or diverged): training itself, writing the store, and
  // moving the run between processes (MPI only).
  size_t trained = 0;
  double train_seconds = 0, store_seconds = 0, transfer_seconds = 0;
  bool interrupted = false;
  /// Run label -> what went wrong, for runs of now and runs stored earlier.
  std::vector<std::pair<std::string, std::string>> problems;
  /// Analyzer failure message -> runs it happened to, now or stored earlier.
  std::map<std::string, size_t> analyzer_failures;
  std::vector<std::string> analyzer_errors;                   ///< study-level failures
  /// Analyzers' notes (no answer for this input: not a failure) and
  /// warnings (NaN results), message -> runs (0 for the study level).
  std::map<std::string, size_t> analyzer_notes, analyzer_warnings;
  /// Study-level scalars and texts ("phase.boundary.slope = 1.02"), for the
  /// report a person reads; series stay in the store.
  std::vector<std::string> study_results;
};

/// Runs what is missing from `store`. Returns false only if the store could
/// not be written (then *err); failed runs are in the summary.
bool RunStudy(const PreparedStudy& study, const StudyRunOptions& options, Scheduler& scheduler,
              ResultStore& store, const std::atomic<bool>& stop, StudySummary* summary,
              std::string* err);

/// What a worker process of a study does with a job RunStudy hands out (the
/// key is the run's index): trains and analyses the run and encodes the
/// ExecutedRun (run/outcome_codec.h), which RunStudy decodes and stores.
/// Holds a reference to `study`.
RemoteWork StudyRunWork(const PreparedStudy& study);

/// Runs each analyzer's study stage over everything stored and stores it;
/// failures and the results go into *summary.
bool AnalyzeStoredStudy(const PreparedStudy& study, ResultStore& store, StudySummary* summary,
                        std::string* err);

/// "run 12 (train.lr_enc = 1e-05, model.depth = 2)".
std::string RunLabel(const RunSpec& run);

/// True when any run of the study failed or diverged, now or stored
/// earlier, or an analyzer stage failed: `geneft run` then exits 3.
bool HasFailures(const StudySummary& summary);

/// The FullReport of a study: given/used, counts, time, problems, and a
/// final "Termination:" line; BriefReport is one line, followed by a line
/// for each distinct analyzer failure (so --quiet hides none).
std::string FullStudyReport(const PreparedStudy& study, const StudySummary& summary,
                            const std::string& store_path);
std::string BriefStudyReport(const StudySummary& summary);

}  // namespace geneft
