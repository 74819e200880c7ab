// Range and name checks of ModelOptions and TrainOptions. Each message names
// the TOML key, its value and what was expected.
#include "train/activation.h"
#include "train/train_options.h"
#include <geneft/common/names.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

namespace geneft {
namespace {

constexpr int64_t kMaxSteps = 1'000'000'000'000;

// Collects the first failed check and its key; later checks are skipped.
class Checker {
 public:
  Checker(const char* table, std::string* error, std::string* failed_key)
      : table_(table), error_(error), failed_key_(failed_key) {}

  template <typename T>
  void Require(bool ok, const char* key, const T& value, std::string_view what) {
    if (ok) return;
    Fail(key, fmt::format("{}.{} = {}: {}", table_, key, value, what));
  }

  // A name from a fixed list: "train.optimizer: unknown optimizer 'adamm', did you mean 'adam'?".
  void OneOf(const char* key, const char* kind, const std::string& value,
             const std::vector<std::string>& names) {
    if (std::find(names.begin(), names.end(), value) != names.end()) return;
    Fail(key, fmt::format("{}.{}: {}", table_, key, UnknownName(kind, value, names)));
  }

  // Finite first, so "nan" and "inf" get their own message.
  void Positive(const char* key, double value) {
    Require(std::isfinite(value), key, value, "must be finite");
    Require(value > 0.0, key, value, "must be > 0");
  }
  void NonNegative(const char* key, double value) {
    Require(std::isfinite(value), key, value, "must be finite");
    Require(value >= 0.0, key, value, "must be >= 0");
  }
  // [0, 1), as Adam's betas and SGD's momentum need.
  void UnitInterval(const char* key, double value) {
    Require(value >= 0.0 && value < 1.0, key, value, "must be in [0, 1)");
  }

  bool ok() const { return !failed_; }

 private:
  void Fail(const char* key, std::string message) {
    if (failed_) return;
    failed_ = true;
    if (error_ != nullptr) *error_ = std::move(message);
    if (failed_key_ != nullptr) *failed_key_ = key;
  }

  const char* table_;
  std::string* error_;
  std::string* failed_key_;
  bool failed_ = false;
};

}  // namespace

bool ModelOptions::IsValid(std::string* error, std::string* failed_key) const {
  Checker c("model", error, failed_key);
  // Upper bounds keep sizes within the 32-bit indices of the trainer and
  // catch typos before a huge allocation.
  c.Require(embedding_dim >= 1, "embedding_dim", embedding_dim, "must be >= 1");
  c.Require(embedding_dim <= 4096, "embedding_dim", embedding_dim, "must be <= 4096");
  c.OneOf("encoder_init", "initialisation", encoder_init, {"normal", "uniform"});
  c.Positive("encoder_init_scale", encoder_init_scale);
  c.Require(depth >= 0, "depth", depth, "must be >= 0");
  c.Require(depth <= 1000, "depth", depth, "must be <= 1000");
  c.Require(width >= 1, "width", width, "must be >= 1");
  c.Require(width <= 65536, "width", width, "must be <= 65536");
  c.OneOf("activation", "activation", activation, ActivationNames());
  c.Positive("decoder_init_scale", decoder_init_scale);
  return c.ok();
}

bool TrainOptions::IsValid(std::string* error, std::string* failed_key) const {
  Checker c("train", error, failed_key);
  c.Require(fraction > 0.0 && fraction <= 1.0, "fraction", fraction, "must be in (0, 1]");
  c.Require(steps >= 1, "steps", steps, "must be >= 1");
  c.Require(steps <= kMaxSteps, "steps", steps, "must be <= 10^12");
  c.OneOf("optimizer", "optimizer", optimizer, {"adam", "adamw", "sgd"});
  c.Positive("lr_enc", lr_enc);
  c.Positive("lr_dec", lr_dec);
  c.NonNegative("wd_enc", wd_enc);
  c.NonNegative("wd_dec", wd_dec);
  c.UnitInterval("beta1", beta1);
  c.UnitInterval("beta2", beta2);
  c.Positive("eps", eps);
  c.UnitInterval("momentum", momentum);
  c.Require(batch_size >= 0, "batch_size", batch_size, "must be >= 0 (0 = full batch)");
  c.Require(batch_size <= (int64_t{1} << 31), "batch_size", batch_size, "must be <= 2^31");
  c.Require(eval_every >= 1, "eval_every", eval_every, "must be >= 1");
  c.Require(threshold >= 0.0 && threshold <= 1.0, "threshold", threshold, "must be in [0, 1]");
  c.Require(max_loss > 0.0, "max_loss", max_loss, "must be > 0 (inf turns the check off)");
  return c.ok();
}

}  // namespace geneft
