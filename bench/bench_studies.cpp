// Issue 4's benchmark line: runs per second of one small sweep with 1 job
// and with 2 jobs, measured side by side in one invocation, and the ratio.
// Each configuration runs `repeats` times into a fresh store; the median
// is reported. Prints figures, never fails on speed.
#include "bench_clock.h"
#include "small_study.h"
#include "study_rate.h"

#include "study/prepared_study.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  geneft::StudyConfig config;
  geneft::PreparedStudy study;
  std::string err;
  if (!geneft::ParseStudy(geneft::bench::kSmallStudy, "bench-studies", &config, &err) ||
      !geneft::PrepareStudy(std::move(config), {}, &study, &err)) {
    fmt::print(stderr, "bench_studies: {}\n", err);
    return 1;
  }
  std::vector<double> one, two;
  if (!geneft::bench::OneAndTwoWorkers(study, "bench-studies", repeats, &one, &two, &err)) {
    fmt::print(stderr, "bench_studies: {}\n", err);
    return 1;
  }
  const double a = geneft::bench::Median(one), b = geneft::bench::Median(two);
  fmt::print("study: {} runs of {} steps (mod 3, n = 30, concat, 3 x 50 tanh), {} repeats, "
             "{} hardware threads\n",
             study.runs.size(), study.runs.front().config.train.steps, repeats,
             std::thread::hardware_concurrency());
  fmt::print("--jobs 1: {:7.2f} runs/s (median)\n", a);
  fmt::print("--jobs 2: {:7.2f} runs/s (median)\n", b);
  fmt::print("ratio jobs 2 / jobs 1: {:.2f} (target >= 1.8 on 2 cores)\n", b / a);
  return 0;
}
