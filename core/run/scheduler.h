// Where runs execute. The study runner hands a scheduler a number of jobs;
// the scheduler runs them somewhere and hands each finished job back on the
// caller's thread, which is the only one that writes the store. The local
// thread pool is the first implementation; sharding (--shard I/N) selects
// jobs before they reach a scheduler, so batch systems need nothing more.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

namespace geneft {

class Scheduler {
 public:
  virtual ~Scheduler() = default;

  /// Runs work(i) for every i < job_count, in any order and concurrently.
  /// Calls deliver(i) on the calling thread once work(i) returned, in
  /// completion order, and tick() about once a second. Once `stop` is set,
  /// no new job starts; Run returns when the jobs in flight are delivered.
  virtual void Run(size_t job_count, const std::function<void(size_t)>& work,
                   const std::function<void(size_t)>& deliver, const std::function<void()>& tick,
                   const std::atomic<bool>& stop) = 0;

  /// Workers actually used (for "given vs used" in the summary).
  virtual int workers() const = 0;
};

/// One worker thread per job slot, each running one job at a time.
class ThreadPoolScheduler : public Scheduler {
 public:
  /// jobs <= 0 means one per hardware thread.
  explicit ThreadPoolScheduler(int jobs);
  void Run(size_t job_count, const std::function<void(size_t)>& work,
           const std::function<void(size_t)>& deliver, const std::function<void()>& tick,
           const std::atomic<bool>& stop) override;
  int workers() const override { return workers_; }

 private:
  int workers_;
};

}  // namespace geneft
