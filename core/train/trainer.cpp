// Train(): one run of encoder + decoder on a relation, read top-down:
//   1. check the options and the task
//   2. split the pairs (seeded)
//   3. build and initialise the model, then the optimizer
//   4. evaluate at step 0; then each step: batch -> gradient -> update,
//      evaluating every eval_every steps and at the last one
//   5. report the embeddings, status and time
// Each evaluation runs every pair and computes the class probabilities with
// the loss; those of the last evaluation that entered the trajectory are the
// run's predictions (no second pass over the pairs at the end).
// All buffers are allocated in 1-3; the step loop allocates nothing.
//
// Randomness: each purpose (split, encoder init, decoder init, batch order)
// draws from its own stream seeded by DeriveSeed(train.seed, stream), so the
// same options and seed give bit-identical runs, on every machine and kernel
// set alike (kernels.h: the arithmetic contract).
#include "train/trainer.h"

#include "train/model.h"
#include "train/optimizer.h"
#include "train/pass_count.h"
#include "train/rng.h"

#include <geneft/relation.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <new>
#include <numeric>

namespace geneft {

const char* RunStatusName(RunStatus status) {
  switch (status) {
    case RunStatus::kCompleted: return "completed";
    case RunStatus::kStoppedEarly: return "stopped_early";
    case RunStatus::kDiverged: return "diverged";
    case RunStatus::kCancelled: return "cancelled";
    case RunStatus::kFailed: return "failed";
  }
  return "unknown";
}

namespace {

// Correct-pair counts of one evaluation.
struct Counts {
  int64_t train = 0, test = 0, all = 0;
};

class TrainingRun {
 public:
  TrainingRun(const ModelOptions& model, const TrainOptions& train, const DecoderMode& mode,
              const TrainingTask& task, const std::atomic<bool>* cancel, TrainResult* out)
      : model_options_(model), options_(train), input_(mode), task_(task), cancel_(cancel),
        out_(out) {}

  bool Run(std::string* err) {
    const auto start = std::chrono::steady_clock::now();
    const bool ok = Check(err) && Prepare(err) && Loop(err);
    out_->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (model_ != nullptr)
      out_->embeddings.assign(model_->encoder(), model_->encoder() + model_->encoder_size());
    if (!ok) {
      out_->status = RunStatus::kFailed;
      out_->reason = *err;
    }
    return ok;
  }

 private:
  // ----- 1. checks -----

  bool Check(std::string* err) {
    if (!model_options_.IsValid(err) || !options_.IsValid(err)) return false;
    const uint32_t n = task_.n;
    if (n == 0 || n > GENEFT_MAX_ELEMENTS)
      return *err = "task.n = " + std::to_string(n) + ": must be in 1.." +
                    std::to_string(GENEFT_MAX_ELEMENTS) + " (GENEFT_MAX_ELEMENTS)",
             false;
    if (task_.num_classes < 2)
      return *err = "task.num_classes = " + std::to_string(task_.num_classes) + ": must be >= 2",
             false;
    if (task_.labels == nullptr || task_.labels->size() != size_t{n} * n)
      return *err = "task labels: expected an n x n = " + std::to_string(size_t{n} * n) +
                    " matrix", false;
    for (size_t p = 0; p < task_.labels->size(); ++p) {
      const int32_t label = (*task_.labels)[p];
      if (label < 0 || label >= static_cast<int32_t>(task_.num_classes))
        return *err = "task label of pair (" + std::to_string(p / n) + ", " +
                      std::to_string(p % n) + ") is " + std::to_string(label) + ", outside 0.." +
                      std::to_string(task_.num_classes - 1), false;
    }
    return true;
  }

  // ----- 2-3. split, model, optimizer, work buffers -----

  bool Prepare(std::string* err) {
    const uint32_t n = task_.n;
    const size_t pairs = size_t{n} * n;
    labels_ = task_.labels->data();

    // The split; pair lists in ascending order.
    out_->train_mask = TrainMask(n, options_);
    all_pairs_.resize(pairs);
    std::iota(all_pairs_.begin(), all_pairs_.end(), 0u);
    for (uint32_t p = 0; p < pairs; ++p)
      (out_->train_mask[p] ? train_pairs_ : test_pairs_).push_back(p);
    need_train_ = PassCount(options_.threshold, train_pairs_.size());
    need_test_ = PassCount(options_.threshold, test_pairs_.size());
    need_all_ = PassCount(options_.threshold, pairs);

    // The model.
    ModelShape shape;
    shape.n = n;
    shape.d = static_cast<uint32_t>(model_options_.embedding_dim);
    shape.num_classes = task_.num_classes;
    shape.depth = static_cast<int>(model_options_.depth);
    shape.width = static_cast<int>(model_options_.width);
    ParseActivation(model_options_.activation, &shape.activation);
    const KernelIsa isa = DefaultKernelIsa();
    model_ = Model<float>::Create(shape, input_, kDefaultChunkColumns, isa, err);
    if (model_ == nullptr) return false;
    Rng encoder_rng(DeriveSeed(options_.seed, RandomStream::kEncoderInit));
    Rng decoder_rng(DeriveSeed(options_.seed, RandomStream::kDecoderInit));
    model_->Initialize(model_options_.encoder_init == "normal", model_options_.encoder_init_scale,
                       model_options_.decoder_init_scale, &encoder_rng, &decoder_rng);
    out_->embedding_dim = shape.d;

    // The optimizer: encoder and decoder groups.
    OptimizerSettings settings;
    ParseOptimizer(options_.optimizer, &settings.kind);
    settings.beta1 = options_.beta1;
    settings.beta2 = options_.beta2;
    settings.eps = options_.eps;
    settings.momentum = options_.momentum;
    std::vector<ParamGroup<float>> groups = {
        {model_->encoder(), model_->encoder_grad(), model_->encoder_size(), options_.lr_enc,
         options_.wd_enc},
        {model_->decoder(), model_->decoder_grad(), model_->decoder_size(), options_.lr_dec,
         options_.wd_dec},
    };
    optimizer_ = std::make_unique<Optimizer<float>>(settings, std::move(groups), isa);

    // Batches: the whole training set, or a reshuffled order cut in pieces.
    const size_t train_count = train_pairs_.size();
    mini_batch_ = options_.batch_size > 0 && static_cast<size_t>(options_.batch_size) < train_count;
    if (mini_batch_) {
      order_ = train_pairs_;
      position_ = order_.size();  // shuffle before the first batch
      shuffle_rng_ = std::make_unique<Rng>(DeriveSeed(options_.seed, RandomStream::kBatchShuffle));
    }

    // Evaluation buffers and the trajectory, sized for every evaluation.
    loss_.resize(pairs);
    correct_.resize(pairs);
    probabilities_.resize(pairs * task_.num_classes);
    out_->probabilities.reserve(probabilities_.size());
    // (Capped: a trajectory past a million points may grow, and allocate, later.)
    const size_t points =
        std::min<size_t>(static_cast<size_t>(options_.steps / options_.eval_every) + 2, 1 << 20);
    Trajectory& t = out_->trajectory;
    for (auto* v : {&t.loss, &t.train_accuracy, &t.test_accuracy, &t.all_accuracy})
      v->reserve(points);
    t.step.reserve(points);
    return true;
  }

  // ----- 4. the step loop -----

  bool Loop(std::string* err) {
    bool stop = false;
    if (!Evaluate(0, &stop, err)) return false;
    for (int64_t step = 1; step <= options_.steps && !stop; ++step) {
      if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) {
        Finish(RunStatus::kCancelled, "cancelled at step " + std::to_string(step));
        return true;
      }
      if (!TakeStep(step, &stop, err)) return false;
      if (stop) return true;
      out_->steps_done = step;
      if (step % options_.eval_every == 0 || step == options_.steps) {
        if (!Evaluate(step, &stop, err)) return false;
      }
    }
    if (!stop) Finish(RunStatus::kCompleted, "");
    return true;
  }

  bool TakeStep(int64_t step, bool* stop, std::string* err) {
    size_t count = 0;
    const uint32_t* batch = NextBatch(&count);
    bool finite = true;
    if (!model_->Gradient(batch, count, labels_, &finite, err)) return false;
    if (!finite) {
      // Recompute the batch loss only to name it in the reason.
      if (!model_->Evaluate(batch, count, labels_, loss_.data(), correct_.data(), err))
        return false;
      const double loss = std::accumulate(loss_.begin(), loss_.begin() + count, 0.0);
      Diverge(step, std::string("loss became ") + (std::isnan(loss) ? "nan" : "inf") +
                        " at step " + std::to_string(step));
      *stop = true;
      return true;
    }
    if (!optimizer_->Step()) {
      Diverge(step, "parameters became nan or inf at step " + std::to_string(step));
      *stop = true;
    }
    return true;
  }

  // The pairs of this step's batch (full batch, or the next piece of the
  // current epoch's seeded shuffle).
  const uint32_t* NextBatch(size_t* count) {
    if (!mini_batch_) {
      *count = train_pairs_.size();
      return train_pairs_.data();
    }
    if (position_ >= order_.size()) {
      for (size_t k = order_.size() - 1; k > 0; --k)
        std::swap(order_[k], order_[shuffle_rng_->Below(k + 1)]);
      position_ = 0;
    }
    *count = std::min<size_t>(options_.batch_size, order_.size() - position_);
    const uint32_t* batch = order_.data() + position_;
    position_ += *count;
    return batch;
  }

  // Loss and accuracies at the current parameters, from integer counts.
  bool Evaluate(int64_t step, bool* stop, std::string* err) {
    if (!model_->Evaluate(all_pairs_.data(), all_pairs_.size(), labels_, loss_.data(),
                          correct_.data(), err, probabilities_.data()))
      return false;
    Counts c;
    double train_loss = 0.0;
    for (size_t p = 0; p < all_pairs_.size(); ++p) {
      if (out_->train_mask[p]) {
        train_loss += loss_[p];
        c.train += correct_[p];
      } else {
        c.test += correct_[p];
      }
    }
    c.all = c.train + c.test;
    const int64_t n_train = train_pairs_.size(), n_test = test_pairs_.size();
    train_loss /= static_cast<double>(n_train);
    if (!std::isfinite(train_loss)) {
      Diverge(step, std::string("loss became ") + (std::isnan(train_loss) ? "nan" : "inf") +
                        " at step " + std::to_string(step));
      *stop = true;
      return true;
    }
    if (train_loss > options_.max_loss) {
      Diverge(step, fmt::format("loss became {:.6g} at step {}, above train.max_loss = {:g}",
                                train_loss, step, options_.max_loss));
      *stop = true;
      return true;
    }
    Trajectory& t = out_->trajectory;
    t.step.push_back(step);
    t.loss.push_back(train_loss);
    t.train_accuracy.push_back(static_cast<double>(c.train) / n_train);
    t.test_accuracy.push_back(n_test > 0 ? static_cast<double>(c.test) / n_test : std::nan(""));
    t.all_accuracy.push_back(static_cast<double>(c.all) / (n_train + n_test));
    KeepPredictions();
    if (out_->first_train_step < 0 && c.train >= need_train_) out_->first_train_step = step;
    if (out_->first_test_step < 0 && n_test > 0 && c.test >= need_test_)
      out_->first_test_step = step;
    if (out_->first_all_step < 0 && c.all >= need_all_) out_->first_all_step = step;
    // With no test pairs, the train set alone decides.
    const bool decided = out_->first_train_step >= 0 && (out_->first_test_step >= 0 || n_test == 0);
    if (options_.early_stop && decided && step < options_.steps) {
      Finish(RunStatus::kStoppedEarly, fmt::format("train and test accuracy reached {} by step {}",
                                                   options_.threshold, step));
      *stop = true;
    }
    return true;
  }

  // The probabilities just computed become the run's predictions; the
  // previous ones' buffer is reused by the next evaluation (no allocation
  // after the first).
  void KeepPredictions() {
    if (out_->probabilities.size() != probabilities_.size())
      out_->probabilities.resize(probabilities_.size());
    out_->probabilities.swap(probabilities_);
    out_->class_count = task_.num_classes;
  }

  void Diverge(int64_t step, std::string reason) {
    out_->diverged_step = step;
    out_->steps_done = step;
    Finish(RunStatus::kDiverged, std::move(reason));
  }

  void Finish(RunStatus status, std::string reason) {
    out_->status = status;
    out_->reason = std::move(reason);
  }

  const ModelOptions& model_options_;
  const TrainOptions& options_;
  PluginDecoderInput input_;
  const TrainingTask& task_;
  const std::atomic<bool>* cancel_;
  TrainResult* out_;

  const int32_t* labels_ = nullptr;
  std::vector<uint32_t> all_pairs_, train_pairs_, test_pairs_;
  int64_t need_train_ = 0, need_test_ = 0, need_all_ = 0;
  std::unique_ptr<Model<float>> model_;
  std::unique_ptr<Optimizer<float>> optimizer_;
  bool mini_batch_ = false;
  std::vector<uint32_t> order_;
  size_t position_ = 0;
  std::unique_ptr<Rng> shuffle_rng_;
  std::vector<double> loss_;
  std::vector<uint8_t> correct_;
  std::vector<float> probabilities_;  ///< the evaluation in progress, n x n x C
};

// Steps every Train() of this process took, added once per run.
std::atomic<int64_t> g_steps_taken{0};

}  // namespace

int64_t TrainingStepsTaken() { return g_steps_taken.load(); }

std::vector<uint8_t> TrainMask(uint32_t n, const TrainOptions& train) {
  return SplitPairs(n, train.fraction, DeriveSeed(train.seed, RandomStream::kSplit));
}

bool Train(const ModelOptions& model, const TrainOptions& train, const DecoderMode& mode,
           const TrainingTask& task, TrainResult* out, std::string* err,
           const std::atomic<bool>* cancel) {
  *out = TrainResult{};
  try {
    TrainingRun run(model, train, mode, task, cancel, out);
    const bool ok = run.Run(err);
    g_steps_taken += out->steps_done;
    return ok;
  } catch (const std::bad_alloc&) {
    *err = "training ran out of memory";
  } catch (const std::exception& e) {
    *err = std::string("training failed: ") + e.what();
  }
  out->status = RunStatus::kFailed;
  out->reason = *err;
  return false;
}

}  // namespace geneft
