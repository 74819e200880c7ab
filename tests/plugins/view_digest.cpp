// Test analyzer "view_digest": stores a fingerprint of everything a run view
// carries (the train mask, embeddings, trajectory, predictions and the
// scalars), so that a test can compare what `geneft analyze` hands an
// analyzer with what a fresh run hands it, byte for byte.
#include <geneft/plugin.hpp>

#include <cstdio>
#include <string>

namespace {

// FNV-1a over `count` items of `data`'s bytes, as 16 hex digits.
template <class T>
std::string Digest(const T* data, size_t count) {
  uint64_t h = 1469598103934665603ull;
  const auto* bytes = reinterpret_cast<const unsigned char*>(data);
  for (size_t i = 0; data != nullptr && i < count * sizeof(T); ++i) h = (h ^ bytes[i]) * 1099511628211ull;
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

class ViewDigest {
 public:
  explicit ViewDigest(const geneft::sdk::Params&) {}

  void analyze_run(const geneft_run_view& run, const geneft::sdk::Sink& sink) const {
    const size_t n = run.relation->info->n, length = run.trajectory_length;
    sink.text("train_mask", Digest(run.train_mask, n * n));
    sink.text("embeddings", Digest(run.embeddings, n * run.embedding_dim));
    sink.text("trajectory", Digest(run.trajectory_step, length) +
                                Digest(run.trajectory_loss, length) +
                                Digest(run.trajectory_train_accuracy, length) +
                                Digest(run.trajectory_test_accuracy, length) +
                                Digest(run.trajectory_all_accuracy, length));
    const geneft::sdk::Predictions p = geneft::sdk::predictions(run);
    sink.text("probabilities", p.empty() ? "none" : Digest(p.probabilities.data(), p.probabilities.size()));
    sink.scalar("class_count", p.class_count);
    sink.scalar("embedding_dim", run.embedding_dim);
    sink.scalar("steps", static_cast<double>(run.steps_done));
    sink.scalar("budget", static_cast<double>(run.budget_steps));
    sink.scalar("first_train_step", static_cast<double>(run.first_train_step));
    sink.scalar("first_test_step", static_cast<double>(run.first_test_step));
    sink.scalar("diverged", run.diverged);
    sink.scalar("has_host", geneft::sdk::host_of(run) != nullptr &&
                                    geneft::sdk::host_of(*run.relation) != nullptr);
  }
};

const geneft_param_spec kNoParams[] = {{"unused", GENEFT_PARAM_INT, "0", "no effect"}};

}  // namespace

GENEFT_PLUGIN_LIBRARY(geneft::sdk::analyzer<ViewDigest>(
    "view_digest", "1.0.0", "fingerprints of everything a run view carries", kNoParams));
