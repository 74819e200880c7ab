#include "study_rate.h"

#include "run/scheduler.h"
#include "run/study_runner.h"
#include "store/result_store.h"
#include "store/store_lock.h"

#include <fmt/core.h>

#include <atomic>
#include <filesystem>

namespace geneft::bench {

bool StudyRunsPerSecond(const PreparedStudy& study, int jobs, const std::string& bench,
                        double* runs_per_second, std::string* err) {
  const std::filesystem::path store_path =
      std::filesystem::temp_directory_path() / fmt::format("geneft-{}-{}.db", bench, jobs);
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(store_path.string() + suffix);
  StoreLock lock;
  ResultStore store;
  if (!lock.Acquire(store_path, bench, err) || !store.Open(lock, err) ||
      !store.BindStudy(study, "", err))
    return false;
  ThreadPoolScheduler scheduler(jobs);
  StudyRunOptions options;
  options.jobs = jobs;
  options.quiet = true;
  StudySummary summary;
  const std::atomic<bool> stop{false};
  if (!RunStudy(study, options, scheduler, store, stop, &summary, err)) return false;
  *runs_per_second = static_cast<double>(summary.completed) / summary.seconds;
  return true;
}

bool OneAndTwoWorkers(const PreparedStudy& study, const std::string& bench, int repeats,
                      std::vector<double>* one, std::vector<double>* two, std::string* err) {
  for (int r = 0; r < repeats; ++r) {
    double rate_one = 0, rate_two = 0;
    if (!StudyRunsPerSecond(study, 1, bench, &rate_one, err) ||
        !StudyRunsPerSecond(study, 2, bench, &rate_two, err))
      return false;
    one->push_back(rate_one);
    two->push_back(rate_two);
  }
  return true;
}

}  // namespace geneft::bench
