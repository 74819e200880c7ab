#include "run/scheduler.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace geneft {

ThreadPoolScheduler::ThreadPoolScheduler(int jobs)
    : workers_(jobs > 0 ? jobs : std::max(1u, std::thread::hardware_concurrency())) {}

std::string ThreadPoolScheduler::Describe() const {
  return std::to_string(workers_) + (workers_ == 1 ? " thread" : " threads") + " of this process";
}

void ThreadPoolScheduler::Run(const SchedulerJobs& jobs, const std::atomic<bool>& stop) {
  const size_t job_count = jobs.count;
  std::mutex mutex;
  std::condition_variable finished_cv;
  std::deque<size_t> finished;
  std::atomic<size_t> next{0};
  const int worker_count = static_cast<int>(std::min<size_t>(workers_, job_count));
  // Workers still running; guarded by `mutex`. The loop below counts with
  // worker_count: an early worker may finish every job (and leave) before
  // the last one starts.
  int running = worker_count;

  std::vector<std::thread> threads;
  for (int w = 0; w < worker_count; ++w) {
    threads.emplace_back([&] {
      for (;;) {
        if (stop.load(std::memory_order_relaxed)) break;
        const size_t i = next.fetch_add(1);
        if (i >= job_count) break;
        jobs.work(i);
        std::lock_guard<std::mutex> lock(mutex);
        finished.push_back(i);
        finished_cv.notify_one();
      }
      std::lock_guard<std::mutex> lock(mutex);
      --running;
      finished_cv.notify_one();
    });
  }

  constexpr auto kTickInterval = std::chrono::seconds(1);
  auto last_tick = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex);
  for (;;) {
    finished_cv.wait_for(lock, kTickInterval, [&] { return !finished.empty() || running == 0; });
    while (!finished.empty()) {
      const size_t i = finished.front();
      finished.pop_front();
      lock.unlock();
      jobs.deliver(i);
      lock.lock();
    }
    if (running == 0) break;
    // Deliveries wake the loop early; the tick keeps its own pace.
    const auto now = std::chrono::steady_clock::now();
    if (now - last_tick < kTickInterval) continue;
    last_tick = now;
    lock.unlock();
    jobs.tick();
    lock.lock();
  }
  lock.unlock();
  for (std::thread& t : threads) t.join();
}

}  // namespace geneft
