// Issue 9's benchmark of the trainer, every figure measured in one
// invocation and printed with its target. For the paper's default run
// (GenEFT Table III: n = 30, d = 2, concat, 3 hidden layers of 50 tanh
// units, full batch of 675 pairs, Adam at lr 1e-3, float32) on one core:
//   1. steps/s per kernel set this CPU supports (or only the one
//      GENEFT_KERNEL_ISA names), median of `repeats`;
//   2. FLOPs of one step: matrix products (forward, gradient wrt input,
//      gradient wrt weights) apart from the rest;
//   3. this core's FP32 FMA peak from a register-blocked FMA loop, and the
//      fraction of it the best kernel set reaches (also run by run, each
//      against the FMA loop timed just before it);
//   4. PyTorch's steps/s for the same run (bench/torch_speed.py, when
//      python3 can import torch) and the ratio;
//   5. two default runs trained at once on two threads vs one alone;
//   6. cost per sample of n = 300 with mini-batches of 1024 vs n = 30 full
//      batch;
//   7. peak resident memory of a process doing one default run.
// Items 3-6 use the last kernel set of 1; torch_steps = 0 skips 4. Prints
// figures; asserts nothing.
//
//   bench_trainer [steps = 3000] [repeats = 5] [torch_steps = 1000]
//                 [n300_steps = 1500] [peak_repeats = 3]
#include "bench_clock.h"
#include "plugin/build_paths.h"
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"
#include "step_breakdown.h"
#include "train/kernels/kernels.h"
#include "train/trainer.h"

#include <fmt/format.h>
#include <immintrin.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using geneft::bench::Median;
using geneft::bench::ThreadSeconds;

std::unique_ptr<geneft::DecoderMode> MakeConcat(const geneft::PluginRegistry& registry) {
  std::string err;
  auto mode = registry.CreateDecoderMode("concat", "", &err);
  if (mode == nullptr)
    fmt::print(stderr, "bench_trainer: cannot create decoder mode concat: {}\n", err);
  return mode;
}

// Labels of equality mod 3 on n elements (paper Table I), n x n row-major.
std::vector<int32_t> Mod3Labels(uint32_t n) {
  std::vector<int32_t> labels(static_cast<size_t>(n) * n);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j) labels[static_cast<size_t>(i) * n + j] = i % 3 == j % 3;
  return labels;
}

// ----- 2. FLOPs of one step ------------------------------------------------

struct StepFlops {
  double forward = 0, grad_input = 0, grad_weights = 0;  // matrix products
  double bias = 0, activation = 0, loss = 0, embedding = 0, optimizer = 0;
  double hidden_values = 0;  // tanh values of a step (hidden units x batch), not FLOPs
  double products() const { return forward + grad_input + grad_weights; }
  double rest() const { return bias + activation + loss + embedding + optimizer; }
  double total() const { return products() + rest(); }
};

// One full-batch step of `batch` pairs through layers widths[0] -> ... ->
// widths.back(), embeddings n x d, Adam. A product of m x k by k x b costs
// 2 m k b. Activations count 1 per unit forward, 3 backward (g * (1 - y^2));
// the loss 4 per pair; Adam 12 per parameter.
StepFlops CountStepFlops(const std::vector<double>& widths, double batch, double n, double d) {
  StepFlops f;
  double decoder_params = 0, hidden_units = 0, biases = 0;
  for (size_t l = 0; l + 1 < widths.size(); ++l) {
    const double in = widths[l], out = widths[l + 1];
    f.forward += 2 * in * out * batch;
    f.grad_input += 2 * in * out * batch;  // layer 0 too: the encoder is trained
    f.grad_weights += 2 * in * out * batch;
    decoder_params += in * out + out;
    biases += out;
    if (l + 2 < widths.size()) hidden_units += out;
  }
  f.bias = 2 * biases * batch;  // add forward, sum over the batch backward
  f.hidden_values = hidden_units * batch;
  f.activation = 4 * f.hidden_values;
  f.loss = 4 * batch;
  f.embedding = 2 * d * batch;  // scatter-add of both embeddings' gradients
  f.optimizer = 12 * (decoder_params + n * d);
  return f;
}

// ----- 3. FP32 FMA peak ----------------------------------------------------

constexpr int kAccumulators = 12;
volatile float g_sink = 0.0f;

// Each iteration: kAccumulators independent a = a * m + c per vector.
#define GENEFT_REP12(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11)

__attribute__((target("avx512f"))) void FmaLoopAvx512(int64_t iterations) {
  const __m512 m = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-6f);
#define GENEFT_INIT(i) __m512 a##i = _mm512_set1_ps(1.0f + 0.01f * i);
#define GENEFT_STEP(i) a##i = _mm512_fmadd_ps(a##i, m, c);
#define GENEFT_SUM(i) s = _mm512_add_ps(s, a##i);
  GENEFT_REP12(GENEFT_INIT)
  for (int64_t it = 0; it < iterations; ++it) {
    GENEFT_REP12(GENEFT_STEP)
  }
  __m512 s = _mm512_setzero_ps();
  GENEFT_REP12(GENEFT_SUM)
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, s);
  float total = 0.0f;
  for (float x : lanes) total += x;
  g_sink = total;
#undef GENEFT_INIT
#undef GENEFT_STEP
#undef GENEFT_SUM
}

__attribute__((target("avx2,fma"))) void FmaLoopAvx2(int64_t iterations) {
  const __m256 m = _mm256_set1_ps(0.999999f), c = _mm256_set1_ps(1e-6f);
#define GENEFT_INIT(i) __m256 a##i = _mm256_set1_ps(1.0f + 0.01f * i);
#define GENEFT_STEP(i) a##i = _mm256_fmadd_ps(a##i, m, c);
#define GENEFT_SUM(i) s = _mm256_add_ps(s, a##i);
  GENEFT_REP12(GENEFT_INIT)
  for (int64_t it = 0; it < iterations; ++it) {
    GENEFT_REP12(GENEFT_STEP)
  }
  __m256 s = _mm256_setzero_ps();
  GENEFT_REP12(GENEFT_SUM)
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, s);
  float total = 0.0f;
  for (float x : lanes) total += x;
  g_sink = total;
#undef GENEFT_INIT
#undef GENEFT_STEP
#undef GENEFT_SUM
}

// SSE has no FMA: a multiply and an add, still 2 FLOPs per lane.
void FmaLoopSse(int64_t iterations) {
  const __m128 m = _mm_set1_ps(0.999999f), c = _mm_set1_ps(1e-6f);
#define GENEFT_INIT(i) __m128 a##i = _mm_set1_ps(1.0f + 0.01f * i);
#define GENEFT_STEP(i) a##i = _mm_add_ps(_mm_mul_ps(a##i, m), c);
#define GENEFT_SUM(i) s = _mm_add_ps(s, a##i);
  GENEFT_REP12(GENEFT_INIT)
  for (int64_t it = 0; it < iterations; ++it) {
    GENEFT_REP12(GENEFT_STEP)
  }
  __m128 s = _mm_setzero_ps();
  GENEFT_REP12(GENEFT_SUM)
  alignas(16) float lanes[4];
  _mm_store_ps(lanes, s);
  g_sink = lanes[0] + lanes[1] + lanes[2] + lanes[3];
#undef GENEFT_INIT
#undef GENEFT_STEP
#undef GENEFT_SUM
}
#undef GENEFT_REP12

struct Peak {
  const char* isa = "sse";
  int lanes = 4;
  double gflops = 0;
};

// The widest FMA loop this CPU runs, calibrated to about 0.1 s per timing.
class PeakMeter {
 public:
  PeakMeter() {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
      isa_ = "avx512f", lanes_ = 16, loop_ = FmaLoopAvx512;
    } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
      isa_ = "avx2+fma", lanes_ = 8, loop_ = FmaLoopAvx2;
    }
    for (;;) {
      const double start = ThreadSeconds();
      loop_(iterations_);
      const double seconds = ThreadSeconds() - start;
      if (seconds > 0.02) {
        iterations_ = static_cast<int64_t>(static_cast<double>(iterations_) * 0.1 / seconds) + 1;
        break;
      }
      iterations_ *= 4;
    }
  }
  /// GFLOP/s of one timing (CPU time).
  double Once() const {
    const double start = ThreadSeconds();
    loop_(iterations_);
    const double seconds = ThreadSeconds() - start;
    return 2.0 * lanes_ * kAccumulators * static_cast<double>(iterations_) / seconds * 1e-9;
  }
  /// The median of `repeats` timings.
  Peak Measure(int repeats) const {
    std::vector<double> rates;
    for (int r = 0; r < repeats; ++r) rates.push_back(Once());
    return Peak{isa_, lanes_, Median(rates)};
  }

 private:
  const char* isa_ = "sse";
  int lanes_ = 4;
  void (*loop_)(int64_t) = FmaLoopSse;
  int64_t iterations_ = 1 << 20;
};

// ----- 7. peak memory of one run -------------------------------------------

// Forks a child that loads the plugins and, when `steps` > 0, trains one
// default run; returns its peak resident set in MB (-1 on failure). Called
// first thing in main, while this process is still small, because the
// child's peak counts the pages it inherits.
double ChildPeakMb(int64_t steps) {
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    geneft::PluginRegistry registry;
    std::string err;
    registry.LoadDirectory(GENEFT_BUILD_PLUGIN_DIR, &err);
    auto mode = MakeConcat(registry);
    if (mode == nullptr) _exit(1);
    if (steps > 0) {
      const std::vector<int32_t> labels = Mod3Labels(30);
      const geneft::TrainingTask task{30, 2, &labels};
      geneft::ModelOptions model;
      geneft::TrainOptions train;
      train.steps = steps;
      train.optimizer = "adam";
      geneft::TrainResult result;
      if (!geneft::Train(model, train, *mode, task, &result, &err)) _exit(1);
    }
    _exit(0);
  }
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return -1;
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KB on Linux
}

// ----- 4. PyTorch ----------------------------------------------------------

// PyTorch's steps per second of wall time and of its thread's CPU time; wall
// 0 if torch is missing, -1 if the script failed.
struct TorchRate {
  double wall = -1;
  double cpu = -1;
};

TorchRate TorchStepsPerSecond(int64_t steps) {
  const std::string command = fmt::format("/usr/bin/python3 '{}/bench/torch_speed.py' {} 2>&1",
                                          GENEFT_SOURCE_DIR, steps);
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  TorchRate rate;
  char line[512];
  while (std::fgets(line, sizeof line, pipe) != nullptr) {
    double value = 0;
    if (std::sscanf(line, "torch_steps_per_s %lf", &value) == 1) rate.wall = value;
    if (std::sscanf(line, "torch_steps_per_cpu_s %lf", &value) == 1) rate.cpu = value;
    if (std::string(line).rfind("torch_missing", 0) == 0) rate.wall = 0;
  }
  const int status = pclose(pipe);
  if (rate.wall < 0 && status != 0 && access("/usr/bin/python3", X_OK) != 0) rate.wall = 0;
  return rate;
}

// ----- where a step's time goes (--breakdown) ------------------------------

// Operations of one vector's tanh that run on the FMA pipes (activation_math.h's
// TanhOf: a minimum, a multiply, 8 fmas, a multiply, a minimum). Each takes
// a pipe for as long as one FMA, 2 FLOPs a lane at the peak rate. Its bit
// operations and its division are left out, so a floor built on it stays
// one (on a Zen 2 core the divider slows the FMA pipes too).
constexpr double kTanhFmaPipeOps = 12;

// The least CPU time a step can take under the arithmetic contract, seconds
// per step, from the run's own figures: every product at the peak, plus the
// tanh at the rate it runs alone (it waits on its dependency chains; a bound
// while the tanh does not overlap the products), or plus only its FMA-pipe
// operations at the peak rate (a floor, overlap or not).
struct StepBound {
  double products = 0;    ///< every product at the peak
  double tanh_alone = 0;  ///< the tanh timed alone
  double tanh_ops = 0;    ///< the tanh's FMA-pipe operations at the peak
  double bound() const { return products + tanh_alone; }
  double floor() const { return products + tanh_ops; }
};

StepBound BoundOfStep(const geneft::bench::StepBreakdown& b, const StepFlops& flops,
                      double peak_gflops) {
  const double flops_per_second = peak_gflops * 1e9;
  return {flops.products() / flops_per_second, b.tanh_alone(),
          flops.hidden_values * kTanhFmaPipeOps * 2 / flops_per_second};
}

StepBound PrintBreakdown(geneft::KernelIsa isa, const geneft::bench::StepBreakdown& b,
                         const StepFlops& flops, double peak_gflops, int repeats) {
  fmt::print("where a step's time goes ({}; CPU microseconds per step, median of {}):\n",
             geneft::KernelIsaName(isa), repeats);
  const auto line = [&](const char* what, double seconds, double counted_flops) {
    fmt::print("  {:<18} {:7.1f} us {:5.1f}%", what, seconds * 1e6, 100.0 * seconds / b.step);
    if (counted_flops > 0) {
      const double gflops = counted_flops / seconds * 1e-9;
      fmt::print("   {:5.2f} MFLOP at {:5.1f} GFLOP/s = {:4.1f}% of peak", counted_flops * 1e-6,
                 gflops, 100.0 * gflops / peak_gflops);
    }
    fmt::print("\n");
  };
  line("forward products", b.forward(), flops.forward);
  line("tanh", b.tanh(), 0);
  line("input gradient", b.input_grad(), flops.grad_input);
  // (The bias gradient comes out of the weight tiles: its time is in this
  // line, its FLOPs, not products, are not.)
  line("weight+bias grad", b.weight_grad(), flops.grad_weights);
  line("adam", b.adam, 0);
  line("kernels together", b.kernels(), 0);
  line("rest of the step", b.step - b.kernels(), 0);
  line("one step", b.step, flops.total());
  fmt::print("  (rest: loss gradient, decoder mode, gathers, transposes, embedding gradient)\n");
  // Per layer, each product's GFLOP/s and fraction of the peak: the narrow
  // input and output layers run far below the 50 x 50 ones.
  double sum_in_out = 0;
  for (const geneft::bench::LayerTimes& l : b.layers) sum_in_out += double(l.in) * l.out;
  fmt::print("  per layer, us (% of peak):     forward      tanh   input grad  weight grad\n");
  for (const geneft::bench::LayerTimes& l : b.layers) {
    const double layer_flops = flops.forward * l.in * l.out / sum_in_out;
    const auto cell = [&](double seconds) {
      return fmt::format("{:6.1f} ({:2.0f}%)", seconds * 1e6,
                         100.0 * layer_flops / seconds * 1e-9 / peak_gflops);
    };
    fmt::print("    {:>2} x {:<2}                   {}  {:6.1f}  {}  {}\n", l.in, l.out,
               cell(l.forward), l.tanh * 1e6, cell(l.input_grad), cell(l.weight_grad));
  }
  fmt::print("  (the one-output layer takes both gradients in one pass: its input grad is that "
             "pass minus its weight grad alone)\n");
  const StepBound bound = BoundOfStep(b, flops, peak_gflops);
  fmt::print("  bound under the contract, the tanh not overlapping the products: the products "
             "at the peak {:.1f} us + the tanh alone (its vectors streamed, nothing else) {:.1f} "
             "us = {:.1f} us per step, at most {:.0f} steps/s; this step takes {:.2f} times it\n",
             bound.products * 1e6, bound.tanh_alone * 1e6, bound.bound() * 1e6, 1 / bound.bound(),
             b.step / bound.bound());
  fmt::print("  floor, overlapping or not: the tanh's {:.0f} operations per vector on the FMA "
             "pipes at the peak instead: {:.1f} us per step, at most {:.0f} steps/s\n",
             kTanhFmaPipeOps, bound.floor() * 1e6, 1 / bound.floor());
  fmt::print("\n");
  return bound;
}

}  // namespace

// ----- 8. what the run's bookkeeping costs -------------------------------

// Percent more CPU time per step of a default run (evaluating both splits
// and recording every eval_every = 100 steps) than of the same run
// evaluating only at its first and last step, median of `repeats`
// interleaved pairs (negative when within the noise); NaN with *err if
// training fails.
double BookkeepingPercent(const geneft::ModelOptions& model, const geneft::TrainOptions& train,
                          const geneft::DecoderMode& mode, const geneft::TrainingTask& task,
                          int repeats, std::string* err) {
  geneft::TrainOptions quiet = train;
  quiet.eval_every = train.steps;
  const auto cpu_per_step = [&](const geneft::TrainOptions& options) {
    geneft::TrainResult result;
    const double start = ThreadSeconds();
    if (!geneft::Train(model, options, mode, task, &result, err)) return std::nan("");
    return (ThreadSeconds() - start) / static_cast<double>(result.steps_done);
  };
  std::vector<double> percents;
  for (int r = 0; r < repeats; ++r) {
    const double with = cpu_per_step(train), without = cpu_per_step(quiet);
    if (std::isnan(with) || std::isnan(without)) return NAN;
    percents.push_back(100.0 * (with - without) / without);
  }
  return Median(percents);
}

int main(int argc, char** argv) {
  // Flags apart from the positional numbers.
  bool breakdown = false;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--breakdown") breakdown = true;
    else argv[kept++] = argv[i];
  }
  argc = kept;

  // 7 first: the child must fork from a small process.
  const double baseline_mb = ChildPeakMb(0);
  const double run_mb = ChildPeakMb(2000);

  const int64_t steps = argc > 1 ? std::atoll(argv[1]) : 3000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
  const int64_t torch_steps = argc > 3 ? std::atoll(argv[3]) : 1000;
  const int64_t n300_steps = argc > 4 ? std::atoll(argv[4]) : 1500;
  const int peak_repeats = argc > 5 ? std::atoi(argv[5]) : 3;

  geneft::PluginRegistry registry;
  std::string err;
  registry.LoadDirectory(GENEFT_BUILD_PLUGIN_DIR, &err);
  auto mode = MakeConcat(registry);
  if (mode == nullptr) return 1;

  const uint32_t n = 30;
  const std::vector<int32_t> labels = Mod3Labels(n);
  const geneft::TrainingTask task{n, 2, &labels};

  geneft::ModelOptions model;  // Table III defaults
  geneft::TrainOptions train;
  train.steps = steps;
  train.optimizer = "adam";

  const StepFlops flops = CountStepFlops({4, 50, 50, 50, 1}, 675, n, 2);
  const PeakMeter peak_meter;

  // ----- 1. steps/s per kernel set -----
  fmt::print("paper default run: n = 30, 675 training pairs, concat, depth 3, width 50, tanh, "
             "adam, full batch, {} steps, median of {}\n", steps, repeats);
  geneft::KernelIsa only = geneft::KernelIsa::kGeneric;
  const char* forced = std::getenv("GENEFT_KERNEL_ISA");
  const bool one = forced != nullptr && geneft::ParseKernelIsa(forced, &only);
  geneft::KernelIsa best = geneft::KernelIsa::kGeneric;
  double best_rate = 0;
  double best_cpu_rate = 0;  // per second of CPU time: what a busy machine disturbs least
  std::vector<double> best_fractions;  // of the peak, each run against its own FMA timing
  for (geneft::KernelIsa isa :
       {geneft::KernelIsa::kGeneric, geneft::KernelIsa::kAvx2, geneft::KernelIsa::kAvx512}) {
    if (!geneft::KernelIsaSupported(isa) || (one && isa != only)) continue;
    setenv("GENEFT_KERNEL_ISA", geneft::KernelIsaName(isa), 1);
    std::vector<double> rates, cpu_rates, fractions;
    geneft::TrainResult result;
    for (int r = 0; r < repeats; ++r) {
      // The FMA loop just before each run: on a host whose speed drifts
      // (a busy neighbour), each run's fraction of the peak is then
      // measured at one time, not minutes apart.
      const double peak_now = peak_meter.Once();
      const double cpu_start = ThreadSeconds();
      if (!geneft::Train(model, train, *mode, task, &result, &err)) {
        fmt::print(stderr, "bench_trainer: training failed: {}\n", err);
        return 1;
      }
      const double steps_done = static_cast<double>(result.steps_done);
      rates.push_back(steps_done / result.seconds);
      cpu_rates.push_back(steps_done / (ThreadSeconds() - cpu_start));
      fractions.push_back(cpu_rates.back() * flops.total() * 1e-9 / peak_now);
    }
    std::sort(rates.begin(), rates.end());
    fmt::print("  {:8s} {:6.0f} steps/s (min {:.0f}, max {:.0f}; per CPU second {:.0f}); "
               "final test accuracy {:.3f}\n",
               geneft::KernelIsaName(isa), rates[rates.size() / 2], rates.front(), rates.back(),
               Median(cpu_rates), result.trajectory.test_accuracy.back());
    best = isa;
    best_rate = rates[rates.size() / 2];
    best_cpu_rate = Median(cpu_rates);
    std::sort(fractions.begin(), fractions.end());
    best_fractions = fractions;
  }
  setenv("GENEFT_KERNEL_ISA", geneft::KernelIsaName(best), 1);
  fmt::print("figures below use kernel set {} ({:.0f} steps/s)\n\n", geneft::KernelIsaName(best),
             best_rate);

  // ----- 2. FLOPs per step -----
  fmt::print("FLOPs per step (B = 675 pairs, layers 4-50-50-50-1, sum of in*out = 5250):\n");
  fmt::print("  products  {:5.2f} M = 3 x 2*B*5250: forward {:.2f} M, grad wrt input {:.2f} M, "
             "grad wrt weights {:.2f} M\n",
             flops.products() * 1e-6, flops.forward * 1e-6, flops.grad_input * 1e-6,
             flops.grad_weights * 1e-6);
  fmt::print("  rest      {:5.2f} M = bias 2*B*151 {:.3f} M + tanh 4*B*150 {:.3f} M + loss 4*B "
             "{:.3f} M + embedding grad 2*d*B {:.3f} M + adam 12*5311 params {:.3f} M\n",
             flops.rest() * 1e-6, flops.bias * 1e-6, flops.activation * 1e-6, flops.loss * 1e-6,
             flops.embedding * 1e-6, flops.optimizer * 1e-6);
  fmt::print("  total     {:5.2f} M per step (evaluation every 100 steps not counted)\n\n",
             flops.total() * 1e-6);

  // ----- 3. peak and fraction -----
  const Peak peak = peak_meter.Measure(peak_repeats);
  const double achieved = best_rate * flops.total() * 1e-9;
  const double achieved_cpu = best_cpu_rate * flops.total() * 1e-9;
  fmt::print("FP32 peak of this core: {:.1f} GFLOP/s ({} FMA loop, {} lanes x {} accumulators, "
             "median of {})\n", peak.gflops, peak.isa, peak.lanes, kAccumulators, peak_repeats);
  // The peak is timed in CPU time, so the CPU-time figure is the like for
  // like one; the wall-time one equals it on an idle machine.
  fmt::print("  trainer ({}): per CPU second {:.1f} GFLOP/s = {:.1f}% of peak (target >= 70%); "
             "per wall second {:.1f} GFLOP/s = {:.1f}%\n",
             geneft::KernelIsaName(best), achieved_cpu, 100.0 * achieved_cpu / peak.gflops,
             achieved, 100.0 * achieved / peak.gflops);
  fmt::print("  each run against the FMA loop timed just before it: median {:.1f}% of peak "
             "(min {:.1f}%, max {:.1f}%)\n\n",
             100.0 * Median(best_fractions), 100.0 * best_fractions.front(),
             100.0 * best_fractions.back());

  // ----- breakdown, per kernel set (--breakdown) -----
  StepBound best_bound;  // of the set the figures use, with --breakdown
  if (breakdown) {
    for (geneft::KernelIsa isa :
         {geneft::KernelIsa::kGeneric, geneft::KernelIsa::kAvx2, geneft::KernelIsa::kAvx512}) {
      if (!geneft::KernelIsaSupported(isa) || (one && isa != only)) continue;
      geneft::bench::StepBreakdown b;
      if (!geneft::bench::MeasureStepBreakdown(isa, *mode, repeats, &b, &err)) {
        fmt::print(stderr, "bench_trainer: {}\n", err);
        return 1;
      }
      const StepBound bound = PrintBreakdown(isa, b, flops, peak.gflops, repeats);
      if (isa == best) best_bound = bound;
    }
  }

  // ----- 4. PyTorch -----
  const TorchRate torch_rate = torch_steps > 0 ? TorchStepsPerSecond(torch_steps) : TorchRate{};
  if (torch_steps <= 0) {
    fmt::print("PyTorch: skipped (torch_steps = {})\n\n", torch_steps);
  } else if (torch_rate.wall == 0) {
    fmt::print("PyTorch: not installed (apt-get install python3-torch)\n\n");
  } else if (torch_rate.wall < 0 || torch_rate.cpu <= 0) {
    fmt::print("PyTorch: bench/torch_speed.py failed\n\n");
  } else {
    fmt::print("PyTorch (1 thread, same run, {} steps): {:.0f} steps/s, {:.0f} per CPU second; "
               "geneft {} / PyTorch = {:.1f}x per CPU second (target >= 30), {:.1f}x per wall "
               "second\n",
               torch_steps, torch_rate.wall, torch_rate.cpu, geneft::KernelIsaName(best),
               best_cpu_rate / torch_rate.cpu, best_rate / torch_rate.wall);
    if (best_bound.products > 0) {
      // 30x needs 30 x PyTorch's rate: that rate as a share of the most
      // steps/s each bound allows.
      const double needed = 30 * torch_rate.cpu;
      fmt::print("  30x PyTorch is {:.0f} steps/s per CPU second: {:.0f}% of the breakdown's "
                 "bound, {:.0f}% of its floor\n",
                 needed, 100.0 * needed * best_bound.bound(), 100.0 * needed * best_bound.floor());
    }
    fmt::print("\n");
  }

  // ----- 5. two runs at once -----
  {
    const int pair_repeats = std::max(1, std::min(repeats, 3));
    auto mode_b = MakeConcat(registry);
    if (mode_b == nullptr) return 1;
    std::vector<double> rate_a, rate_b;
    bool ok = true;
    for (int r = 0; r < pair_repeats && ok; ++r) {
      geneft::TrainResult result_a, result_b;
      std::string err_a, err_b;
      bool ok_a = false, ok_b = false;
      std::thread a([&] { ok_a = geneft::Train(model, train, *mode, task, &result_a, &err_a); });
      std::thread b([&] { ok_b = geneft::Train(model, train, *mode_b, task, &result_b, &err_b); });
      a.join();
      b.join();
      ok = ok_a && ok_b;
      if (!ok) fmt::print(stderr, "bench_trainer: training failed: {}{}\n", err_a, err_b);
      rate_a.push_back(static_cast<double>(result_a.steps_done) / result_a.seconds);
      rate_b.push_back(static_cast<double>(result_b.steps_done) / result_b.seconds);
    }
    if (!ok) return 1;
    const double a = Median(rate_a), b = Median(rate_b);
    fmt::print("two runs at once ({} hardware threads, median of {}): {:.0f} and {:.0f} steps/s "
               "= {:.0f}% and {:.0f}% of one run alone (target >= 90%)\n\n",
               std::thread::hardware_concurrency(), pair_repeats, a, b, 100.0 * a / best_rate,
               100.0 * b / best_rate);
  }

  // ----- 6. cost per sample, n = 300 mini-batch vs n = 30 full batch -----
  {
    const int size_repeats = std::max(1, std::min(repeats, 3));
    const uint32_t big_n = 300;
    const std::vector<int32_t> big_labels = Mod3Labels(big_n);
    const geneft::TrainingTask big_task{big_n, 2, &big_labels};
    geneft::TrainOptions big_train = train;
    big_train.steps = n300_steps;
    big_train.eval_every = n300_steps;  // evaluate at the first and last step only
    big_train.batch_size = 1024;
    geneft::TrainOptions small_train = train;
    small_train.eval_every = steps;
    std::vector<double> big_cost, small_cost;
    geneft::TrainResult result;
    for (int r = 0; r < size_repeats; ++r) {
      if (!geneft::Train(model, big_train, *mode, big_task, &result, &err)) {
        fmt::print(stderr, "bench_trainer: training failed: {}\n", err);
        return 1;
      }
      big_cost.push_back(result.seconds / static_cast<double>(result.steps_done) / 1024);
      if (!geneft::Train(model, small_train, *mode, task, &result, &err)) {
        fmt::print(stderr, "bench_trainer: training failed: {}\n", err);
        return 1;
      }
      small_cost.push_back(result.seconds / static_cast<double>(result.steps_done) / 675);
    }
    const double big = Median(big_cost), small = Median(small_cost);
    fmt::print("cost per sample (evaluation only at the first and last step, median of {}):\n",
               size_repeats);
    fmt::print("  n = 300, 67,500 training pairs, batch 1024, {} steps: {:.1f} ns/sample\n",
               n300_steps, big * 1e9);
    fmt::print("  n = 30, full batch of 675, {} steps:                  {:.1f} ns/sample\n", steps,
               small * 1e9);
    fmt::print("  ratio {:.2f} (target <= 1.5)\n\n", big / small);
  }

  // ----- 8. bookkeeping -----
  {
    const double percent = BookkeepingPercent(model, train, *mode, task, repeats, &err);
    if (std::isnan(percent)) {
      fmt::print(stderr, "bench_trainer: training failed: {}\n", err);
      return 1;
    }
    fmt::print("evaluation and trajectory recording every {} steps: {:+.1f}% CPU time per step "
               "against evaluating only at the first and last step (median of {}; target < 5%)\n\n",
               train.eval_every, percent, repeats);
  }

  // ----- 7. peak memory -----
  if (run_mb < 0) {
    fmt::print("peak memory: child run failed\n");
  } else {
    fmt::print("peak memory of a process training one default run (2000 steps): {:.1f} MB "
               "(target < 20 MB; {:.1f} MB of it before training: plugins loaded)\n",
               run_mb, baseline_mb);
  }
  return 0;
}
