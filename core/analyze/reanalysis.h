// Analysis after training: the analyzers whose stored results are not
// current (new, parameters changed, another version), run again over the
// stored runs without a single training step.
#pragma once

#include "analyze/analysis.h"
#include "store/result_store.h"
#include "study/prepared_study.h"

#include <map>
#include <string>
#include <vector>

namespace geneft {

/// An analyzer of the study whose stored results are not current.
struct StaleAnalyzer {
  const Analyzer* analyzer = nullptr;
  StoredPlugin current;  ///< its provenance as loaded now
  /// "new", "parameters changed (threshold = 0.9 -> threshold = 0.8)",
  /// "version 1.0.0 -> 1.0.1".
  std::string why;
  /// New or with other parameters: the study's analysis changed, and `geneft
  /// run` analyzes it itself; only another version waits for `geneft analyze`.
  bool analysis_changed = false;
};

/// The study's analyzers whose provenance in `stored` differs from what is
/// loaded now; with `all`, every analyzer (`geneft analyze --all`).
std::vector<StaleAnalyzer> StaleAnalyzers(const PreparedStudy& study,
                                          const std::vector<StoredPlugin>& stored, bool all);

struct ReanalysisSummary {
  size_t runs = 0;                    ///< stored runs handed to the analyzers again
  /// Of those, runs stored without predictions (before store schema 3):
  /// their analyzers saw probabilities = NULL.
  size_t runs_without_predictions = 0;
  std::vector<std::string> analyzed;  ///< "phase: parameters changed (...), 9 runs"
  /// Message -> runs it happened to: failures, notes (not available) and
  /// warnings (NaN results).
  std::map<std::string, size_t> failures, notes, warnings;
  /// Analyzers left as they are because only their version differs:
  /// "analyzer phase came from another version (version 1.0.0 -> 1.0.1)" (`geneft analyze` refreshes them).
  std::vector<std::string> other_versions;
};

/// Runs the per-run stage of each of `stale` over every stored run of
/// `study` (failed runs, which have no model, aside) and replaces that
/// analyzer's per-run results, reasons and provenance in `store`, one
/// transaction per analyzer. The study stage is the caller's next step.
/// Returns false only when the store could not be read or written.
bool ReanalyzeStoredRuns(const PreparedStudy& study, const std::vector<StaleAnalyzer>& stale,
                         ResultStore& store, ReanalysisSummary* summary, std::string* err);

/// What `geneft run` does before training when the study's analysis changed
/// since the store was made (an analyzer added, or its parameters): those
/// analyzers run over the stored runs, no training. Analyzers of another
/// version are only listed in summary->other_versions.
bool ReanalyzeChangedAnalysis(const PreparedStudy& study, ResultStore& store,
                              ReanalysisSummary* summary, std::string* err);

}  // namespace geneft
