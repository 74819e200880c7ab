// Issue 21's sweep line: runs per minute of a fixed, reduced Fig. 5a grid
// (share/studies/paper/fig5a-mod3-learning-rates.toml: mod 3, n = 30, the
// paper's default model, eta_enc x eta_dec, the phase and repon analyzers)
// with 1 and with 2 worker threads, side by side in one invocation, and the
// ratio (target >= 1.9). The grid is 2 x 4 = 8 runs of 3,000 steps instead
// of 9 x 9 of 1e5, and every run trains all its steps (no early stop), so
// that the ratio measures the workers, not which runs happen to stop
// early. The load average is printed at the start and the end: on a
// shared machine another process's work shows there, not in the ratio's
// label. Prints figures, never fails on speed.
//
//   bench_sweep [repeats = 3]
#include "bench_clock.h"
#include "study_rate.h"

#include "study/prepared_study.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

constexpr const char* kReducedFig5a = R"toml(
[study]
name = "bench-sweep-fig5a-reduced"
[relation]
plugin = "mod_k"
k = 3
[train]
steps = 3000
eval_every = 100
early_stop = false
[sweep]
"train.lr_enc" = [1e-3, 1e-2]
"train.lr_dec" = "logspace(-4, -1, 4)"
[[analyzer]]
plugin = "phase"
budget = 3000
[[analyzer]]
plugin = "repon"
)toml";

void PrintLoad(const char* when) {
  double load[3] = {-1, -1, -1};
  if (getloadavg(load, 3) != 3) {
    fmt::print("load average at the {}: unavailable\n", when);
    return;
  }
  fmt::print("load average at the {}: {:.2f} {:.2f} {:.2f} (1, 5, 15 min; {} hardware threads)\n",
             when, load[0], load[1], load[2], std::thread::hardware_concurrency());
}

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  PrintLoad("start");
  geneft::StudyConfig config;
  geneft::PreparedStudy study;
  std::string err;
  if (!geneft::ParseStudy(kReducedFig5a, "bench-sweep", &config, &err) ||
      !geneft::PrepareStudy(std::move(config), {}, &study, &err)) {
    fmt::print(stderr, "bench_sweep: {}\n", err);
    return 1;
  }
  std::vector<double> one, two;  // runs per second
  if (!geneft::bench::OneAndTwoWorkers(study, "bench-sweep", repeats, &one, &two, &err)) {
    fmt::print(stderr, "bench_sweep: {}\n", err);
    return 1;
  }
  const double a = 60 * geneft::bench::Median(one), b = 60 * geneft::bench::Median(two);
  fmt::print("reduced Fig. 5a grid: {} runs of {} steps (lr_enc x lr_dec, phase + repon), "
             "median of {}\n",
             study.runs.size(), study.runs.front().config.train.steps, repeats);
  fmt::print("  1 worker:  {:6.1f} runs/min\n", a);
  fmt::print("  2 workers: {:6.1f} runs/min\n", b);
  fmt::print("  ratio 2 workers / 1: {:.2f} (target >= 1.9)\n", b / a);
  PrintLoad("end");
  return 0;
}
