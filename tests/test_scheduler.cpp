// ThreadPoolScheduler (core/run/scheduler.cpp): every job runs once, at
// most `workers` at a time, each delivered on the caller's thread; a stop
// starts no new job and still delivers the ones in flight; the progress tick
// keeps its pace of about once a second.
#include "run/scheduler.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <utility>
#include <vector>

using geneft::ThreadPoolScheduler;

namespace {

const std::atomic<bool> kNeverStop{false};

// Scheduler::Run with the local jobs only (the remote hooks stay empty).
void RunJobs(ThreadPoolScheduler& scheduler, size_t count, std::function<void(size_t)> work,
             std::function<void(size_t)> deliver, std::function<void()> tick,
             const std::atomic<bool>& stop) {
  geneft::SchedulerJobs jobs;
  jobs.count = count;
  jobs.work = std::move(work);
  jobs.deliver = std::move(deliver);
  jobs.tick = std::move(tick);
  scheduler.Run(jobs, stop);
}

}  // namespace

TEST_CASE("every job runs exactly once and is delivered on the calling thread") {
  ThreadPoolScheduler scheduler(3);
  CHECK(scheduler.workers() == 3);
  const size_t jobs = 200;
  std::vector<std::atomic<int>> ran(jobs);
  std::vector<int> delivered(jobs, 0);
  const std::thread::id caller = std::this_thread::get_id();
  bool delivered_elsewhere = false, worked_on_caller = false;
  RunJobs(scheduler, 
      jobs,
      [&](size_t i) {
        worked_on_caller = worked_on_caller || std::this_thread::get_id() == caller;
        ran[i].fetch_add(1);
      },
      [&](size_t i) {
        delivered_elsewhere = delivered_elsewhere || std::this_thread::get_id() != caller;
        CHECK(ran[i].load() == 1);  // delivered only after its work returned
        ++delivered[i];
      },
      [] {}, kNeverStop);
  for (size_t i = 0; i < jobs; ++i) {
    CHECK(ran[i].load() == 1);
    CHECK(delivered[i] == 1);
  }
  CHECK_FALSE(delivered_elsewhere);
  CHECK_FALSE(worked_on_caller);
}

TEST_CASE("no more jobs run at once than there are workers, and all of them do") {
  ThreadPoolScheduler scheduler(2);
  std::atomic<int> running{0}, most{0};
  RunJobs(scheduler, 
      8,
      [&](size_t) {
        const int now = running.fetch_add(1) + 1;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        running.fetch_sub(1);
      },
      [](size_t) {}, [] {}, kNeverStop);
  CHECK(most.load() == 2);
}

TEST_CASE("jobs that all finish before the last worker starts still end the run") {
  // The first worker may take every job and leave while the pool is still
  // starting threads; Run once counted workers down as they left, started
  // too few, and waited for ever.
  ThreadPoolScheduler scheduler(3);
  for (int repeat = 0; repeat < 200; ++repeat) {
    int delivered = 0;
    RunJobs(scheduler, 3, [](size_t) {}, [&](size_t) { ++delivered; }, [] {}, kNeverStop);
    REQUIRE(delivered == 3);
  }
}

TEST_CASE("fewer jobs than workers, and no jobs at all") {
  ThreadPoolScheduler scheduler(4);
  std::atomic<int> ran{0};
  int delivered = 0;
  RunJobs(scheduler, 1, [&](size_t) { ran.fetch_add(1); }, [&](size_t) { ++delivered; }, [] {},
                kNeverStop);
  CHECK(ran.load() == 1);
  CHECK(delivered == 1);
  RunJobs(scheduler, 0, [&](size_t) { ran.fetch_add(1); }, [&](size_t) { ++delivered; }, [] {},
                kNeverStop);
  CHECK(ran.load() == 1);
  CHECK(delivered == 1);
}

TEST_CASE("a stop starts no new job and delivers the jobs in flight") {
  ThreadPoolScheduler scheduler(2);
  std::atomic<bool> stop{false};
  std::atomic<int> started{0}, finished{0};
  std::vector<size_t> delivered;
  RunJobs(scheduler, 
      100,
      [&](size_t) {
        if (started.fetch_add(1) == 2) stop.store(true);  // the third job asks to stop
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        finished.fetch_add(1);
      },
      [&](size_t i) { delivered.push_back(i); }, [] {}, stop);
  // Each of the two workers finishes at most the job it holds.
  CHECK(started.load() >= 3);
  CHECK(started.load() <= 4);
  CHECK(finished.load() == started.load());
  CHECK(delivered.size() == static_cast<size_t>(started.load()));
}

// The number of ticks while `jobs` jobs of `job_time` each run on one worker,
// and the seconds the run took.
std::pair<int, double> Ticks(size_t jobs, std::chrono::microseconds job_time) {
  ThreadPoolScheduler scheduler(1);
  int ticks = 0;
  const auto start = std::chrono::steady_clock::now();
  RunJobs(scheduler, 
      jobs, [&](size_t) { std::this_thread::sleep_for(job_time); }, [](size_t) {},
      [&] { ++ticks; }, kNeverStop);
  return {ticks, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
}

TEST_CASE("the tick comes about once a second, however often jobs finish") {
  // One long job: the loop wakes each second to tick.
  const auto [long_ticks, long_seconds] = Ticks(1, std::chrono::milliseconds(2300));
  CHECK(long_ticks >= 1);
  CHECK(long_ticks <= static_cast<int>(long_seconds));
  // Many short jobs wake the loop at every delivery; the tick keeps its pace.
  const auto [short_ticks, short_seconds] = Ticks(3000, std::chrono::microseconds(500));
  INFO(short_seconds << " s");
  CHECK(short_ticks <= static_cast<int>(short_seconds));
}

TEST_CASE("zero or fewer jobs asked means one worker per hardware thread") {
  const int expected = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CHECK(ThreadPoolScheduler(0).workers() == expected);
  CHECK(ThreadPoolScheduler(-3).workers() == expected);
}
