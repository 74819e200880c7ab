// Issue 4's benchmark line: runs per second of one small sweep with 1 job
// and with 2 jobs, measured side by side in one invocation, and the ratio.
// Each configuration runs `repeats` times into a fresh store; the median
// is reported. Prints figures, never fails on speed.
#include "small_study.h"

#include "run/scheduler.h"
#include "run/study_runner.h"
#include "store/result_store.h"
#include "study/prepared_study.h"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <thread>

namespace {

double RunsPerSecond(const geneft::PreparedStudy& study, int jobs) {
  const std::filesystem::path store_path =
      std::filesystem::temp_directory_path() / fmt::format("geneft-bench-studies-{}.db", jobs);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(store_path.string() + suffix);
  geneft::StoreLock lock;
  geneft::ResultStore store;
  std::string err;
  if (!lock.Acquire(store_path, "bench_studies", &err) || !store.Open(lock, &err) ||
      !store.BindStudy(study, "", &err)) {
    fmt::print(stderr, "bench_studies: {}\n", err);
    std::exit(1);
  }
  geneft::ThreadPoolScheduler scheduler(jobs);
  geneft::StudyRunOptions options;
  options.jobs = jobs;
  options.quiet = true;
  geneft::StudySummary summary;
  const std::atomic<bool> stop{false};
  if (!geneft::RunStudy(study, options, scheduler, store, stop, &summary, &err)) {
    fmt::print(stderr, "bench_studies: {}\n", err);
    std::exit(1);
  }
  return summary.completed / summary.seconds;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

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
  for (int r = 0; r < repeats; ++r) {  // interleaved, so drift hits both alike
    one.push_back(RunsPerSecond(study, 1));
    two.push_back(RunsPerSecond(study, 2));
  }
  const double a = Median(one), b = Median(two);
  fmt::print("study: {} runs of {} steps (mod 3, n = 30, concat, 3 x 50 tanh), {} repeats, "
             "{} hardware threads\n",
             study.runs.size(), study.runs.front().config.train.steps, repeats,
             std::thread::hardware_concurrency());
  fmt::print("--jobs 1: {:7.2f} runs/s (median)\n", a);
  fmt::print("--jobs 2: {:7.2f} runs/s (median)\n", b);
  fmt::print("ratio jobs 2 / jobs 1: {:.2f} (target >= 1.8 on 2 cores)\n", b / a);
  return 0;
}
