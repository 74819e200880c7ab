// The rows of a results store as the host reads them back (store_reader.h).
// A NULL column is an empty optional, or NaN where a comment says so.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace geneft {

/// One row of `runs`: a run's outcome and its canonical settings.
struct StoredRun {
  std::string hash;  ///< run_hash: names the run (hash of its settings)
  int64_t index = 0, replicate = 0, seed = 0;
  std::string status;  ///< completed, stopped_early, diverged, failed
  std::string reason;  ///< why it stopped, diverged or failed; analyzer failures appended
  std::optional<int64_t> steps_budget, steps_done;
  /// First evaluated step each set reached the threshold (-1: never); the
  /// step a run diverged at (-1: it did not). Empty for a failed run.
  std::optional<int64_t> first_train_step, first_test_step, first_all_step, diverged_step;
  std::optional<double> final_loss, train_accuracy, test_accuracy, all_accuracy, seconds;
  std::string settings;     ///< canonical settings text, one "key = value" a line
  std::string finished_at;  ///< UTC, ISO 8601
};

/// Calls visit(column, member) for every column of `runs`, in the table's
/// order: the one list of those columns, for writing, reading and the study
/// view. R is StoredRun, maybe const.
template <class R, class Visitor>
void VisitRunColumns(R& r, Visitor&& visit) {
  visit("run_hash", r.hash);
  visit("run_index", r.index);
  visit("replicate", r.replicate);
  visit("status", r.status);
  visit("reason", r.reason);
  visit("seed", r.seed);
  visit("steps_budget", r.steps_budget);
  visit("steps_done", r.steps_done);
  visit("first_train_step", r.first_train_step);
  visit("first_test_step", r.first_test_step);
  visit("first_all_step", r.first_all_step);
  visit("diverged_step", r.diverged_step);
  visit("final_loss", r.final_loss);
  visit("train_accuracy", r.train_accuracy);
  visit("test_accuracy", r.test_accuracy);
  visit("all_accuracy", r.all_accuracy);
  visit("seconds", r.seconds);
  visit("settings", r.settings);
  visit("finished_at", r.finished_at);
}

/// What resuming needs of a stored run.
struct StoredStatus {
  std::string status;
  std::string reason;
};

/// One row of `run_settings`.
struct StoredSetting {
  std::string run_hash, key;
  std::string value;             ///< canonical text ("0.001", "'concat'")
  std::optional<double> number;  ///< set when the value is numeric
  bool swept = false;            ///< the sweep chose this value (or it is the replicate)
};

/// One row of `results`: an analyzer's scalar or text ("phase.phase");
/// run_hash is "" for the study level.
struct StoredResult {
  std::string run_hash, name;
  std::optional<double> number;
  std::optional<std::string> text;
};

/// One row of `plugins`: where stored results came from.
struct StoredPlugin {
  std::string kind;          ///< relation, decoder_mode, analyzer
  std::string id;            ///< "phase"
  std::string version;       ///< the plugin's version, "unknown" for a migrated store
  std::string library_hash;  ///< 16 hex digits of the library file, "unknown" likewise
  std::string params;        ///< an analyzer's parameters, "key = value" lines
  std::string host_version;  ///< the geneft that recorded the row
  std::string recorded_at;   ///< UTC, ISO 8601
};

/// One point of a stored series; err is NaN when the analyzer gave none.
struct SeriesPoint {
  double x = 0, y = 0, err = 0;
};

/// One evaluation of a stored trajectory; NaN where nothing was measured
/// (test accuracy without test pairs).
struct TrajectoryPoint {
  int64_t step = 0;
  double loss = 0, train_accuracy = 0, test_accuracy = 0, all_accuracy = 0;
};

/// A run's stored predictions: its final model's class probabilities on
/// every pair (schema.cpp: predictions).
struct StoredPredictions {
  uint32_t class_count = 0;
  std::vector<float> probabilities;  ///< n x n x class_count, by (row, column, class)
};

/// One coordinate of a stored final embedding.
struct EmbeddingValue {
  int64_t element = 0;
  std::string name;  ///< the element's name (the relation's label, or its index)
  int64_t dim = 0;
  double value = 0;
};

}  // namespace geneft
