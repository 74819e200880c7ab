// Range and name checks of ModelOptions and TrainOptions. Each message names
// the TOML key, its value and what was expected.
#include "train/activation.h"
#include "train/train_options.h"

#include <fmt/format.h>

#include <cmath>
#include <initializer_list>
#include <string_view>

namespace geneft {
namespace {

constexpr int64_t kMaxSteps = 1'000'000'000'000;

// Collects the first failed check; later checks are skipped.
class Checker {
 public:
  Checker(const char* table, std::string* error) : table_(table), error_(error) {}

  template <typename T>
  void Require(bool ok, const char* key, const T& value, std::string_view what) {
    if (ok || failed_) return;
    failed_ = true;
    if (error_ != nullptr) *error_ = fmt::format("{}.{} = {}: {}", table_, key, value, what);
  }

  void OneOf(const char* key, const std::string& value, std::initializer_list<const char*> names) {
    for (const char* name : names)
      if (value == name) return;
    std::string list;
    for (const char* name : names) list += (list.empty() ? "" : ", ") + std::string(name);
    Require(false, key, "'" + value + "'", "expected one of " + list);
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
  const char* table_;
  std::string* error_;
  bool failed_ = false;
};

}  // namespace

bool ModelOptions::IsValid(std::string* error) const {
  Checker c("model", error);
  // Upper bounds keep sizes within the 32-bit indices of the trainer and
  // catch typos before a huge allocation.
  c.Require(embedding_dim >= 1, "embedding_dim", embedding_dim, "must be >= 1");
  c.Require(embedding_dim <= 4096, "embedding_dim", embedding_dim, "must be <= 4096");
  c.OneOf("encoder_init", encoder_init, {"normal", "uniform"});
  c.Positive("encoder_init_scale", encoder_init_scale);
  c.Require(depth >= 0, "depth", depth, "must be >= 0");
  c.Require(depth <= 1000, "depth", depth, "must be <= 1000");
  c.Require(width >= 1, "width", width, "must be >= 1");
  c.Require(width <= 65536, "width", width, "must be <= 65536");
  if (c.ok() && !ParseActivation(activation, nullptr))
    c.Require(false, "activation", "'" + activation + "'",
              "expected one of " + std::string(ActivationNameList()));
  c.Positive("decoder_init_scale", decoder_init_scale);
  return c.ok();
}

bool TrainOptions::IsValid(std::string* error) const {
  Checker c("train", error);
  c.Require(fraction > 0.0 && fraction <= 1.0, "fraction", fraction, "must be in (0, 1]");
  c.Require(steps >= 1, "steps", steps, "must be >= 1");
  c.Require(steps <= kMaxSteps, "steps", steps, "must be <= 10^12");
  c.OneOf("optimizer", optimizer, {"adam", "adamw", "sgd"});
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
  return c.ok();
}

}  // namespace geneft
