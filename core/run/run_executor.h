// One run: train on the prepared study's relation, then each analyzer's
// per-run stage. Reads the prepared study only, so runs may go in parallel.
#pragma once

#include "analyze/analysis.h"
#include "study/prepared_study.h"
#include "train/trainer.h"

#include <atomic>
#include <string>
#include <vector>

namespace geneft {

// A field added here must also be added to the codec's field list
// (run/outcome_codec.cpp), or runs trained on other MPI ranks arrive
// without it; tests/test_outcome_codec.cpp fails until it is.
struct RunOutcome {
  TrainResult train;
  AnalysisResults analysis;
  std::vector<std::string> analysis_errors;  ///< an analyzer's failure does not fail the run

  bool operator==(const RunOutcome&) const = default;
};

/// ExecuteRun's whole answer in one value: what a runner keeps until the
/// run is stored, and what the codec ships from another process.
struct ExecutedRun {
  bool ok = false;      ///< ExecuteRun returned true
  std::string failure;  ///< its error when !ok
  RunOutcome outcome;

  bool operator==(const ExecutedRun&) const = default;
};

/// Trains one run of the study and analyses the result. Returns false only
/// when training itself failed (bad input or a plugin error); a diverged run
/// returns true with status kDiverged. [thread-safe] over distinct outcomes.
bool ExecuteRun(const PreparedStudy& study, const RunSpec& run, RunOutcome* out,
                std::string* err, const std::atomic<bool>* cancel = nullptr);

}  // namespace geneft
