// Steps per second of the paper's default run (GenEFT Table III: n = 30,
// d = 2, concat, 3 hidden layers of 50 tanh units, full batch of 675 pairs,
// Adam at lr 1e-3, float32) on one core, median of several repeats, for
// each kernel set this CPU supports (or only the one GENEFT_KERNEL_ISA
// names). Prints figures; asserts nothing.
//
//   bench_trainer [steps = 3000] [repeats = 5]
#include "kernels.h"
#include "plugin_instances.h"
#include "plugin_registry.h"
#include "trainer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

namespace {

// CPU time of this thread: unlike wall time, not inflated when other
// processes share the core.
double ThreadSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t steps = argc > 1 ? std::atoll(argv[1]) : 3000;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;

  geneft::PluginRegistry registry;
  std::string err;
  registry.LoadDirectory(GENEFT_BUILD_PLUGIN_DIR, &err);
  auto mode = registry.CreateDecoderMode("concat", "", &err);
  if (mode == nullptr) {
    fmt::print(stderr, "bench_trainer: cannot create decoder mode concat: {}\n", err);
    return 1;
  }

  // Equality mod 3 on 30 elements (paper Table I).
  const uint32_t n = 30;
  std::vector<int32_t> labels(n * n);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j) labels[i * n + j] = i % 3 == j % 3;
  const geneft::TrainingTask task{n, 2, &labels};

  geneft::ModelOptions model;  // Table III defaults
  geneft::TrainOptions train;
  train.steps = steps;
  train.optimizer = "adam";

  fmt::print("paper default run: n = 30, 675 training pairs, concat, depth 3, width 50, tanh, "
             "adam, full batch, {} steps, median of {}\n", steps, repeats);
  geneft::KernelIsa only = geneft::KernelIsa::kGeneric;
  const char* forced = std::getenv("GENEFT_KERNEL_ISA");
  const bool one = forced != nullptr && geneft::ParseKernelIsa(forced, &only);
  for (geneft::KernelIsa isa :
       {geneft::KernelIsa::kGeneric, geneft::KernelIsa::kAvx2, geneft::KernelIsa::kAvx512}) {
    if (!geneft::KernelIsaSupported(isa) || (one && isa != only)) continue;
    setenv("GENEFT_KERNEL_ISA", geneft::KernelIsaName(isa), 1);
    std::vector<double> rates, cpu_rates;
    geneft::TrainResult result;
    for (int r = 0; r < repeats; ++r) {
      const double cpu_start = ThreadSeconds();
      if (!geneft::Train(model, train, *mode, task, &result, &err)) {
        fmt::print(stderr, "bench_trainer: training failed: {}\n", err);
        return 1;
      }
      const double steps_done = static_cast<double>(result.steps_done);
      rates.push_back(steps_done / result.seconds);
      cpu_rates.push_back(steps_done / (ThreadSeconds() - cpu_start));
    }
    std::sort(rates.begin(), rates.end());
    std::sort(cpu_rates.begin(), cpu_rates.end());
    fmt::print("  {:8s} {:6.0f} steps/s (min {:.0f}, max {:.0f}; per CPU second {:.0f}); "
               "final test accuracy {:.3f}\n",
               geneft::KernelIsaName(isa), rates[rates.size() / 2], rates.front(), rates.back(),
               cpu_rates[cpu_rates.size() / 2], result.trajectory.test_accuracy.back());
  }
  return 0;
}
