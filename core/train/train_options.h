// Options of one training run: the model and the optimisation. Defaults are
// the paper's (GenEFT Appendix A, Table III) unless a comment says otherwise.
// Member names are the study TOML keys in [model] and [train].
#pragma once

#include <cstdint>
#include <string>

namespace geneft {

struct ModelOptions {
  // ----- encoder -----
  // Embedding dimension d of each element's learnable vector. Table III: 2.
  // Range >= 1.
  int64_t embedding_dim = 2;
  // Encoder initialisation: "normal" (N(0, 1)) or "uniform" (U(-1, 1)),
  // multiplied by encoder_init_scale. The paper's Fig. 6 sweeps the scale.
  std::string encoder_init = "normal";
  // Multiplier of the encoder initialisation; > 0. Sets sigma_c of Eq. 12.
  double encoder_init_scale = 1.0;

  // ----- decoder -----
  // Hidden layers of the MLP decoder; 0 means one affine map straight to the
  // output (paper Fig. 3 uses 0 with mode sqdiff). Table III: 3. Range >= 0.
  int64_t depth = 3;
  // Units per hidden layer. Table III: 50. Range >= 1.
  int64_t width = 50;
  // Hidden activation: tanh (Table III), relu, leaky_relu, gelu, silu,
  // sigmoid, identity.
  std::string activation = "tanh";
  // Decoder weights and biases start U(-s, s) with s = scale / sqrt(fan_in)
  // (PyTorch's nn.Linear default at scale 1). Range > 0.
  double decoder_init_scale = 1.0;

  /// Checks ranges and names; *error says "model.width = 0: must be >= 1"
  /// and *failed_key (when given) "width", so a caller can point at its line.
  bool IsValid(std::string* error, std::string* failed_key = nullptr) const;
};

struct TrainOptions {
  // Fraction of the n^2 ordered pairs used for training; the rest is the
  // test set. Table III: 0.75. Range (0, 1].
  double fraction = 0.75;
  // Step budget B (paper Table IV: 1e5). Range 1 .. 10^12: at 10^4 steps/s
  // that is three years; larger is a typo, and would overflow a study's
  // total cost.
  int64_t steps = 100000;
  // "adam", "adamw" (decoupled weight decay, as the grokking paper's code)
  // or "sgd" (with momentum). With zero weight decay adam = adamw.
  std::string optimizer = "adamw";
  // Encoder and decoder learning rates. Table III: 1e-3. Range > 0.
  double lr_enc = 1e-3;
  double lr_dec = 1e-3;
  // Encoder and decoder weight decay. Table III: 0. Range >= 0.
  double wd_enc = 0.0;
  double wd_dec = 0.0;
  // Adam moments and epsilon (PyTorch defaults); SGD momentum.
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double momentum = 0.9;
  // Pairs per step; 0 = full batch (the paper). Mini-batches are drawn by a
  // seeded shuffle of the training pairs each epoch.
  int64_t batch_size = 0;
  // Evaluate (loss, train/test/all accuracy) every this many steps; the
  // first-passage steps are resolved to this granularity. Range >= 1.
  int64_t eval_every = 100;
  // Accuracy a set must reach (>=) to count as learned. Table IV: 0.9.
  double threshold = 0.9;
  // Stop once train and test accuracy both reached the threshold: the phase
  // within the budget is then decided. Off by default so final accuracies
  // are those at the end of the budget.
  bool early_stop = false;
  // A run whose mean training loss exceeds this at an evaluation is stopped
  // and stored as diverged, the reason quoting the loss and this limit. A
  // model that guesses has ln C per pair (0.69 with two classes); healthy
  // runs of the paper's studies stay below about 3, while an exploding
  // optimizer (SGD at lr 1e3: 1e3 to 3e4) may stay finite and never turn
  // into nan. Range > 0; inf turns the check off. Not part of a run's
  // settings (nor its hash) while at this default, so stores written before
  // it existed keep their runs.
  double max_loss = 100.0;
  // Seed of this run (split and initialisation). Not a TOML key: the study
  // runner derives it from [study] seed and the run's settings.
  uint64_t seed = 0;

  /// Checks ranges and names; *error says "train.lr_enc = -0.1: must be > 0"
  /// and *failed_key (when given) "lr_enc".
  bool IsValid(std::string* error, std::string* failed_key = nullptr) const;
};

/// Calls visit(key, member) for every [model] option, in the order the study
/// file documents them. The one list of model keys: the TOML reader and the
/// run settings analyzers see both walk it. M is ModelOptions, maybe const.
template <class M, class Visitor>
void VisitModelOptions(M& m, Visitor&& visit) {
  visit("embedding_dim", m.embedding_dim);
  visit("encoder_init", m.encoder_init);
  visit("encoder_init_scale", m.encoder_init_scale);
  visit("depth", m.depth);
  visit("width", m.width);
  visit("activation", m.activation);
  visit("decoder_init_scale", m.decoder_init_scale);
}

/// The same for [train] (seed is not a TOML key: the study runner sets it).
template <class T, class Visitor>
void VisitTrainOptions(T& t, Visitor&& visit) {
  visit("fraction", t.fraction);
  visit("steps", t.steps);
  visit("optimizer", t.optimizer);
  visit("lr_enc", t.lr_enc);
  visit("lr_dec", t.lr_dec);
  visit("wd_enc", t.wd_enc);
  visit("wd_dec", t.wd_dec);
  visit("beta1", t.beta1);
  visit("beta2", t.beta2);
  visit("eps", t.eps);
  visit("momentum", t.momentum);
  visit("batch_size", t.batch_size);
  visit("eval_every", t.eval_every);
  visit("threshold", t.threshold);
  visit("early_stop", t.early_stop);
  visit("max_loss", t.max_loss);
}

}  // namespace geneft
