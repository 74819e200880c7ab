// The trainer end to end: the split, learning equality mod 3 with the
// paper's defaults, determinism, divergence, early stop, cancellation and
// option checking. Labels are built here; the decoder mode is the plugin.
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"
#include "test_support.h"
#include "train/train_options.h"
#include "train/trainer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

std::unique_ptr<geneft::DecoderMode> LoadMode(const char* id) {
  std::string err;
  auto mode = geneft::testing::BuiltinPlugins().CreateDecoderMode(id, "", &err);
  INFO("decoder mode " << id << ": " << err);
  REQUIRE(mode != nullptr);
  return mode;
}

// R_ij = [i = j mod k] on n elements (paper Table I), or the C-class label
// (i + j) mod k when `classes` > 2.
std::vector<int32_t> ModLabels(uint32_t n, uint32_t k, bool sum_classes = false) {
  std::vector<int32_t> labels(n * n);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j)
      labels[i * n + j] = sum_classes ? static_cast<int32_t>((i + j) % k) : (i % k == j % k);
  return labels;
}

struct Run {
  geneft::TrainResult result;
  bool ok = false;
  std::string err;
};

Run TrainMod3(const geneft::ModelOptions& model, const geneft::TrainOptions& train,
              const char* mode_id = "concat", const std::atomic<bool>* cancel = nullptr) {
  static const std::vector<int32_t> labels = ModLabels(30, 3);
  auto mode = LoadMode(mode_id);
  Run run;
  run.ok = geneft::Train(model, train, *mode, geneft::TrainingTask{30, 2, &labels}, &run.result,
                         &run.err, cancel);
  return run;
}

bool SameBits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("SplitPairs takes exactly round(fraction * n^2) pairs, seeded", "[trainer][split]") {
  struct Case {
    uint32_t n;
    double fraction;
    size_t expected;
  };
  for (const Case& c :
       {Case{30, 0.75, 675}, Case{30, 0.5, 450}, Case{7, 0.3, 15}, Case{5, 0.001, 1},
        Case{4, 1.0, 16}, Case{1, 0.5, 1}, Case{10, 0.125, 13}}) {
    INFO("n = " << c.n << ", fraction = " << c.fraction);
    const std::vector<uint8_t> mask = geneft::SplitPairs(c.n, c.fraction, 42);
    REQUIRE(mask.size() == size_t{c.n} * c.n);
    size_t count = 0;
    for (uint8_t m : mask) {
      CHECK(m <= 1);
      count += m;
    }
    CHECK(count == c.expected);
  }
  CHECK(geneft::SplitPairs(30, 0.75, 7) == geneft::SplitPairs(30, 0.75, 7));
  CHECK(geneft::SplitPairs(30, 0.75, 7) != geneft::SplitPairs(30, 0.75, 8));

  // Each pair is a training pair about `fraction` of the time over seeds.
  const uint32_t n = 4;
  std::vector<int> hits(n * n, 0);
  const int seeds = 4000;
  for (int s = 0; s < seeds; ++s) {
    const std::vector<uint8_t> mask = geneft::SplitPairs(n, 0.5, s);
    for (size_t p = 0; p < mask.size(); ++p) hits[p] += mask[p];
  }
  for (int h : hits) CHECK(std::abs(h / double(seeds) - 0.5) < 0.04);
}

TEST_CASE("the paper's defaults learn equality mod 3 and generalize", "[trainer][learning]") {
  geneft::ModelOptions model;  // Table III: d = 2, depth 3, width 50, tanh
  geneft::TrainOptions train;  // fraction 0.75, lr 1e-3, no weight decay
  train.steps = 2000;          // the test set passes 0.9 near step 400
  for (uint64_t seed : {1u, 2u, 3u}) {
    train.seed = seed;
    const Run run = TrainMod3(model, train);
    INFO("seed " << seed << ": " << run.err);
    REQUIRE(run.ok);
    const geneft::TrainResult& r = run.result;
    CHECK(r.status == geneft::RunStatus::kCompleted);
    CHECK(r.steps_done == 2000);
    CHECK(r.trajectory.test_accuracy.back() > 0.9);
    CHECK(r.trajectory.train_accuracy.back() > 0.99);
    CHECK(r.first_train_step > 0);
    CHECK(r.first_test_step > 0);
    CHECK(r.first_all_step > 0);
    CHECK(r.trajectory.loss.back() < r.trajectory.loss.front());
    CHECK(r.embeddings.size() == 60);
    CHECK(r.embedding_dim == 2);
    size_t train_pairs = 0;
    for (uint8_t m : r.train_mask) train_pairs += m;
    CHECK(train_pairs == 675);
  }
}

TEST_CASE("the trajectory is evaluated at 0, every eval_every steps and the last",
          "[trainer][trajectory]") {
  geneft::ModelOptions model;
  geneft::TrainOptions train;
  train.steps = 250;
  train.eval_every = 100;
  const Run run = TrainMod3(model, train);
  REQUIRE(run.ok);
  const geneft::Trajectory& t = run.result.trajectory;
  CHECK(t.step == std::vector<int64_t>{0, 100, 200, 250});
  CHECK(t.loss.size() == 4);
  CHECK(t.train_accuracy.size() == 4);
  CHECK(t.test_accuracy.size() == 4);
  CHECK(t.all_accuracy.size() == 4);
  // Accuracies are counts over 675 / 225 / 900 pairs.
  for (size_t k = 0; k < 4; ++k) {
    const double train_correct = t.train_accuracy[k] * 675, test_correct = t.test_accuracy[k] * 225;
    CHECK(train_correct == Approx(std::round(train_correct)).margin(1e-9));
    CHECK(test_correct == Approx(std::round(test_correct)).margin(1e-9));
    CHECK(t.all_accuracy[k] * 900 == Approx(std::round(train_correct) + std::round(test_correct)));
  }
}

TEST_CASE("the same options and seed give bit-identical runs", "[trainer][determinism]") {
  geneft::ModelOptions model;
  geneft::TrainOptions train;
  train.steps = 300;
  train.eval_every = 50;
  for (int64_t batch : {0, 64}) {
    train.batch_size = batch;
    INFO("batch_size " << batch);
    const Run a = TrainMod3(model, train), b = TrainMod3(model, train);
    REQUIRE((a.ok && b.ok));
    CHECK(SameBits(a.result.trajectory.loss, b.result.trajectory.loss));
    CHECK(SameBits(a.result.trajectory.test_accuracy, b.result.trajectory.test_accuracy));
    CHECK(a.result.train_mask == b.result.train_mask);
    REQUIRE(a.result.embeddings.size() == b.result.embeddings.size());
    CHECK(std::memcmp(a.result.embeddings.data(), b.result.embeddings.data(),
                      a.result.embeddings.size() * sizeof(float)) == 0);

    geneft::TrainOptions other = train;
    other.seed = train.seed + 1;
    const Run c = TrainMod3(model, other);
    REQUIRE(c.ok);
    CHECK(c.result.train_mask != a.result.train_mask);
    CHECK(c.result.embeddings != a.result.embeddings);
  }
}

TEST_CASE("runs on several threads match the same runs in sequence", "[trainer][threads]") {
  // Studies train runs in parallel with one shared decoder-mode instance.
  const std::vector<int32_t> labels = ModLabels(30, 3);
  auto mode = LoadMode("concat");
  geneft::ModelOptions model;
  geneft::TrainOptions train;
  train.steps = 200;
  const int runs = 4;
  std::vector<geneft::TrainResult> parallel(runs), sequential(runs);
  auto run = [&](int k, geneft::TrainResult* out) {
    geneft::TrainOptions t = train;
    t.seed = static_cast<uint64_t>(k);
    std::string err;
    geneft::Train(model, t, *mode, geneft::TrainingTask{30, 2, &labels}, out, &err);
  };
  std::vector<std::thread> threads;
  for (int k = 0; k < runs; ++k) threads.emplace_back(run, k, &parallel[k]);
  for (std::thread& t : threads) t.join();
  for (int k = 0; k < runs; ++k) run(k, &sequential[k]);
  for (int k = 0; k < runs; ++k) {
    INFO("run " << k);
    CHECK(parallel[k].status == geneft::RunStatus::kCompleted);
    CHECK(SameBits(parallel[k].trajectory.loss, sequential[k].trajectory.loss));
    CHECK(parallel[k].embeddings == sequential[k].embeddings);
  }
}

TEST_CASE("mini-batches, other modes, optimizers and activations train", "[trainer][options]") {
  geneft::ModelOptions model;
  geneft::TrainOptions train;
  train.steps = 300;
  SECTION("mini-batches of 100") {
    train.batch_size = 100;
    const Run run = TrainMod3(model, train);
    REQUIRE(run.ok);
    CHECK(run.result.trajectory.loss.back() < run.result.trajectory.loss.front());
  }
  SECTION("a batch larger than the training set is the full batch") {
    train.batch_size = 5000;
    const Run big = TrainMod3(model, train);
    train.batch_size = 0;
    const Run full = TrainMod3(model, train);
    REQUIRE((big.ok && full.ok));
    CHECK(SameBits(big.result.trajectory.loss, full.result.trajectory.loss));
  }
  for (const char* mode : {"diff", "sqdiff"}) {
    SECTION(std::string("decoder mode ") + mode) {
      const Run run = TrainMod3(model, train, mode);
      REQUIRE(run.ok);
      CHECK(run.result.status == geneft::RunStatus::kCompleted);
      CHECK(run.result.trajectory.loss.back() < run.result.trajectory.loss.front());
    }
  }
  for (const char* optimizer : {"adam", "adamw", "sgd"}) {
    SECTION(std::string("optimizer ") + optimizer) {
      train.optimizer = optimizer;
      train.wd_dec = 0.1;
      train.wd_enc = 0.01;
      if (std::string(optimizer) == "sgd") train.lr_enc = train.lr_dec = 0.05;
      const Run run = TrainMod3(model, train);
      REQUIRE(run.ok);
      CHECK(run.result.trajectory.loss.back() < run.result.trajectory.loss.front());
    }
  }
  for (const char* activation : {"relu", "leaky_relu", "gelu", "silu", "sigmoid", "identity"}) {
    SECTION(std::string("activation ") + activation) {
      model.activation = activation;
      model.encoder_init = "uniform";
      const Run run = TrainMod3(model, train);
      REQUIRE(run.ok);
      CHECK(run.result.trajectory.loss.back() < run.result.trajectory.loss.front());
    }
  }
  SECTION("depth 0 with sqdiff (paper Fig. 3)") {
    model.depth = 0;
    const Run run = TrainMod3(model, train, "sqdiff");
    REQUIRE(run.ok);
    CHECK(run.result.trajectory.loss.back() < run.result.trajectory.loss.front());
  }
}

TEST_CASE("a C-class task uses softmax and learns", "[trainer][classes]") {
  const uint32_t n = 12;
  const std::vector<int32_t> labels = ModLabels(n, 3, /*sum_classes=*/true);  // (i + j) mod 3
  auto mode = LoadMode("concat");
  geneft::ModelOptions model;
  geneft::TrainOptions train;
  train.steps = 1500;
  train.fraction = 1.0;
  train.lr_enc = train.lr_dec = 3e-3;
  geneft::TrainResult r;
  std::string err;
  REQUIRE(geneft::Train(model, train, *mode, geneft::TrainingTask{n, 3, &labels}, &r, &err));
  INFO(err);
  CHECK(r.status == geneft::RunStatus::kCompleted);
  CHECK(r.trajectory.loss.front() == Approx(std::log(3.0)).epsilon(0.3));
  CHECK(r.trajectory.train_accuracy.back() > 0.9);
  // No test pairs: NaN accuracy, no test passage.
  CHECK(std::isnan(r.trajectory.test_accuracy.back()));
  CHECK(r.first_test_step == -1);
}

TEST_CASE("a huge learning rate diverges with a step and a reason", "[trainer][divergence]") {
  // relu: with tanh the saturated units bound the logits, and SGD at 1e6
  // only makes the loss huge (about 1e7), never inf or nan.
  geneft::ModelOptions model;
  model.activation = "relu";
  geneft::TrainOptions train;
  train.optimizer = "sgd";
  train.lr_enc = train.lr_dec = 1e6;
  train.steps = 1000;
  const Run run = TrainMod3(model, train);
  INFO(run.err);
  REQUIRE(run.ok);  // divergence is a result, not an error
  const geneft::TrainResult& r = run.result;
  CHECK(r.status == geneft::RunStatus::kDiverged);
  CHECK(r.diverged_step >= 1);
  CHECK(r.diverged_step < 1000);
  CHECK(r.steps_done == r.diverged_step);
  INFO(r.reason);
  CHECK_THAT(r.reason,
             Catch::Matches("(loss became (nan|inf)|parameters became nan or inf) at step " +
                            std::to_string(r.diverged_step)));
  CHECK(std::string(geneft::RunStatusName(r.status)) == "diverged");
}

TEST_CASE("a loss exploding to huge finite values diverges, quoting it and train.max_loss",
          "[trainer][divergence]") {
  // tanh bounds the hidden units, so SGD at 1e3 never reaches inf or nan:
  // the training loss swings between about 1e3 and 3e4 instead of learning.
  geneft::ModelOptions model;
  geneft::TrainOptions train;
  train.optimizer = "sgd";
  train.lr_enc = train.lr_dec = 1e3;
  train.steps = 300;
  const Run run = TrainMod3(model, train);
  REQUIRE(run.ok);
  const geneft::TrainResult& r = run.result;
  INFO(r.reason);
  CHECK(r.status == geneft::RunStatus::kDiverged);
  CHECK(r.diverged_step == 100);  // the first evaluation after step 0
  CHECK(r.steps_done == 100);
  CHECK_THAT(r.reason, Catch::Matches("loss became [0-9.e+]+ at step 100, above train.max_loss = 100"));
  const double measured = std::stod(r.reason.substr(std::string("loss became ").size()));
  CHECK(measured > 100);
  CHECK(r.trajectory.step.back() == 0);  // the exploded evaluation is not a trajectory point

  // With the check off, the same run goes to its budget without a finite loss check firing.
  train.max_loss = std::numeric_limits<double>::infinity();
  const Run unchecked = TrainMod3(model, train);
  REQUIRE(unchecked.ok);
  CHECK(unchecked.result.status == geneft::RunStatus::kCompleted);
  CHECK(*std::max_element(unchecked.result.trajectory.loss.begin(),
                          unchecked.result.trajectory.loss.end()) > 100);
}

TEST_CASE("early_stop stops once train and test passed the threshold", "[trainer][early_stop]") {
  geneft::ModelOptions model;
  geneft::TrainOptions train;
  train.steps = 5000;
  train.eval_every = 50;
  train.early_stop = true;
  const Run run = TrainMod3(model, train);
  REQUIRE(run.ok);
  const geneft::TrainResult& r = run.result;
  CHECK(r.status == geneft::RunStatus::kStoppedEarly);
  REQUIRE(r.first_train_step >= 0);
  REQUIRE(r.first_test_step >= 0);
  CHECK(r.steps_done == std::max(r.first_train_step, r.first_test_step));
  CHECK(r.trajectory.step.back() == r.steps_done);
  CHECK(r.steps_done < 5000);
  CHECK(r.trajectory.test_accuracy.back() >= 0.9);
}

TEST_CASE("a set cancel flag stops the run", "[trainer][cancel]") {
  const std::atomic<bool> cancel{true};
  geneft::ModelOptions model;
  geneft::TrainOptions train;
  train.steps = 100;
  const Run run = TrainMod3(model, train, "concat", &cancel);
  REQUIRE(run.ok);
  CHECK(run.result.status == geneft::RunStatus::kCancelled);
  CHECK(run.result.steps_done == 0);
  CHECK(run.result.trajectory.step == std::vector<int64_t>{0});
}

TEST_CASE("invalid options are rejected with a message naming key and value",
          "[trainer][options]") {
  std::string err;
  {
    geneft::TrainOptions t;
    t.lr_enc = -0.1;
    CHECK_FALSE(t.IsValid(&err));
    CHECK(err == "train.lr_enc = -0.1: must be > 0");
    t.lr_enc = std::nan("");
    CHECK_FALSE(t.IsValid(&err));
    CHECK(err == "train.lr_enc = nan: must be finite");
    t = {};
    t.optimizer = "adamm";
    CHECK_FALSE(t.IsValid(&err));
    CHECK(err == "train.optimizer: unknown optimizer 'adamm', did you mean 'adam'?");
    t = {};
    t.fraction = 0.0;
    CHECK_FALSE(t.IsValid(&err));
    CHECK(err == "train.fraction = 0: must be in (0, 1]");
    t = {};
    t.eval_every = 0;
    CHECK_FALSE(t.IsValid(&err));
    CHECK(err == "train.eval_every = 0: must be >= 1");
    t = {};
    t.beta2 = 1.0;
    CHECK_FALSE(t.IsValid(&err));
    CHECK(err == "train.beta2 = 1: must be in [0, 1)");
    t = {};
    t.wd_dec = -1;
    CHECK_FALSE(t.IsValid(&err));
    CHECK(err == "train.wd_dec = -1: must be >= 0");
    t = {};
    t.max_loss = 0;
    CHECK_FALSE(t.IsValid(&err));
    CHECK(err == "train.max_loss = 0: must be > 0 (inf turns the check off)");
    t.max_loss = std::nan("");
    CHECK_FALSE(t.IsValid(&err));
    CHECK(err == "train.max_loss = nan: must be > 0 (inf turns the check off)");
    CHECK(geneft::TrainOptions{}.IsValid(&err));
  }
  {
    geneft::ModelOptions m;
    m.activation = "tanhh";
    CHECK_FALSE(m.IsValid(&err));
    CHECK(err == "model.activation: unknown activation 'tanhh', did you mean 'tanh'?");
    m.activation = "softplus";
    CHECK_FALSE(m.IsValid(&err));
    CHECK(err ==
          "model.activation: unknown activation 'softplus' (valid activations: tanh, relu, "
          "leaky_relu, gelu, silu, sigmoid, identity)");
    m = {};
    m.width = 0;
    CHECK_FALSE(m.IsValid(&err));
    CHECK(err == "model.width = 0: must be >= 1");
    m = {};
    m.encoder_init = "xavier";
    CHECK_FALSE(m.IsValid(&err));
    CHECK(err ==
          "model.encoder_init: unknown initialisation 'xavier' (valid initialisations: normal, "
          "uniform)");
    m = {};
    m.decoder_init_scale = 0;
    CHECK_FALSE(m.IsValid(&err));
    CHECK(err == "model.decoder_init_scale = 0: must be > 0");
    CHECK(geneft::ModelOptions{}.IsValid(&err));
  }
  // Train refuses them too, as a failed run.
  geneft::ModelOptions model;
  model.depth = -1;
  const Run run = TrainMod3(model, geneft::TrainOptions{});
  CHECK_FALSE(run.ok);
  CHECK(run.err == "model.depth = -1: must be >= 0");
  CHECK(run.result.status == geneft::RunStatus::kFailed);
  CHECK(run.result.reason == run.err);
}

TEST_CASE("a malformed task is refused", "[trainer][options]") {
  auto mode = LoadMode("concat");
  std::vector<int32_t> labels = ModLabels(4, 2);
  labels[5] = 2;
  geneft::TrainResult r;
  std::string err;
  CHECK_FALSE(geneft::Train({}, {}, *mode, geneft::TrainingTask{4, 2, &labels}, &r, &err));
  CHECK(err == "task label of pair (1, 1) is 2, outside 0..1");
  CHECK(r.status == geneft::RunStatus::kFailed);
  CHECK_FALSE(geneft::Train({}, {}, *mode, geneft::TrainingTask{5, 2, &labels}, &r, &err));
  CHECK(err == "task labels: expected an n x n = 25 matrix");
}

TEST_CASE("a task of more than GENEFT_MAX_ELEMENTS elements is refused naming the limit",
          "[trainer][options]") {
  auto mode = LoadMode("concat");
  const std::vector<int32_t> labels;  // never read: the size checks come first
  geneft::TrainResult r;
  std::string err;
  const uint32_t limit = GENEFT_MAX_ELEMENTS;
  CHECK_FALSE(geneft::Train({}, {}, *mode, geneft::TrainingTask{limit + 1, 2, &labels}, &r, &err));
  CHECK(err == "task.n = " + std::to_string(limit + 1) + ": must be in 1.." +
                   std::to_string(limit) + " (GENEFT_MAX_ELEMENTS)");
  // At the limit, n passes and the (empty) label matrix is what is refused.
  CHECK_FALSE(geneft::Train({}, {}, *mode, geneft::TrainingTask{limit, 2, &labels}, &r, &err));
  CHECK_THAT(err, Catch::StartsWith("task labels: expected an n x n = "));
}
