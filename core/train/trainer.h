// Trains one encoder + decoder on a relation: the hot path of every study.
#pragma once

#include "plugin/plugin_instances.h"
#include "train/train_options.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace geneft {

/// What a run recorded every eval_every steps (step 0 included).
struct Trajectory {
  std::vector<int64_t> step;
  std::vector<double> loss;            ///< mean training loss
  std::vector<double> train_accuracy;  ///< over training pairs
  std::vector<double> test_accuracy;   ///< over test pairs (NaN if there are none)
  std::vector<double> all_accuracy;    ///< over all n^2 pairs (paper Fig. 3)

  bool operator==(const Trajectory&) const = default;
};

enum class RunStatus { kCompleted, kStoppedEarly, kDiverged, kCancelled, kFailed };
const char* RunStatusName(RunStatus status);  ///< "completed", "stopped_early", ...

struct TrainResult {
  RunStatus status = RunStatus::kFailed;
  std::string reason;           ///< why a run diverged, failed or was cancelled
  int64_t steps_done = 0;
  int64_t first_train_step = -1;  ///< first evaluated step with train acc >= threshold
  int64_t first_test_step = -1;
  int64_t first_all_step = -1;
  int64_t diverged_step = -1;
  Trajectory trajectory;
  std::vector<float> embeddings;  ///< n x d, row-major, at the end of the run
  std::vector<uint8_t> train_mask;  ///< n x n, 1 for training pairs
  uint32_t embedding_dim = 0;
  /// The model's class probabilities on every pair at the last evaluation
  /// (the trajectory's last point): n x n x class_count, by (row, column,
  /// class). Empty, with class_count 0, when the run never evaluated.
  std::vector<float> probabilities;
  uint32_t class_count = 0;
  double seconds = 0.0;

  /// Every field: the run-outcome codec's round trip relies on it.
  bool operator==(const TrainResult&) const = default;
};

/// The labelled task a run trains on. Read-only and shared between runs.
struct TrainingTask {
  uint32_t n = 0;
  uint32_t num_classes = 2;
  const std::vector<int32_t>* labels = nullptr;  ///< n x n, row-major
};

/// A seeded split of the n^2 pairs: exactly round(fraction * n^2) (at least
/// one) training pairs, chosen uniformly. mask[i*n+j] = 1 for training.
std::vector<uint8_t> SplitPairs(uint32_t n, double fraction, uint64_t seed);

/// The split Train() uses for a run of `train` on n elements: SplitPairs
/// with a seed derived from train.seed. Re-analysis of a stored run uses it
/// too, so a run's training pairs are never stored but always the same.
std::vector<uint8_t> TrainMask(uint32_t n, const TrainOptions& train);

/// Trains one model. `mode` turns embedding pairs into decoder input. The
/// split is TrainMask(n, train).
/// Never throws for a diverging run: it returns status kDiverged with the
/// step. Returns false (and *err) only for bad input or a plugin error,
/// with out->status = kFailed. `cancel`, when set, stops between steps.
bool Train(const ModelOptions& model, const TrainOptions& train, const DecoderMode& mode,
           const TrainingTask& task, TrainResult* out, std::string* err,
           const std::atomic<bool>* cancel = nullptr);

/// Training steps all Train() calls of this process have taken so far: what
/// `geneft analyze --verbose` shows to prove it trained nothing. [thread-safe]
int64_t TrainingStepsTaken();

}  // namespace geneft
