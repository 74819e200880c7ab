// Where runs execute. The study runner hands a scheduler a set of jobs; the
// scheduler runs them somewhere and hands each finished job back on the
// caller's thread, which is the only one that writes the store. The local
// thread pool runs every job in this process; the MPI scheduler
// (mpi_scheduler.h, built with MPI only) also ships jobs to other processes,
// which is what the hooks marked "remote" are for. Sharding (--shard I/N)
// selects jobs before they reach a scheduler, so batch systems need nothing
// more.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace geneft {

/// The jobs of one Scheduler::Run, and what the caller does with each.
struct SchedulerJobs {
  size_t count = 0;
  /// Runs job i in this process; its result waits in the caller's memory. [any thread]
  std::function<void(size_t i)> work;
  /// Hands job i's result to the caller (which stores it). [caller's thread]
  std::function<void(size_t i)> deliver;
  /// Called about once a second. [caller's thread]
  std::function<void()> tick;

  // Remote: set by callers whose jobs may run in another process. Local
  // schedulers ignore them.

  /// What another process needs to run job i: the key its RemoteWork takes.
  std::function<uint64_t(size_t i)> key;
  /// Fills job i's result from the bytes RemoteWork wrote elsewhere; false
  /// (and *err) when they do not decode. deliver(i) follows. [caller's thread]
  std::function<bool(size_t i, const std::string& bytes, std::string* err)> receive;
  /// Job i left with a worker that died, stopped or was interrupted (`why`
  /// names it). `again`: the job went to another worker and will be
  /// delivered; otherwise it never will be. [caller's thread]
  std::function<void(size_t i, const std::string& why, bool again)> lost;
  /// Expected cost of job i (training steps): costlier jobs start first so
  /// that no long job starts last. Empty: in index order.
  std::function<double(size_t i)> cost;
};

/// What a process that runs remote jobs does with one: runs the job named by
/// `key` and writes its result's bytes (SchedulerJobs::receive reads them).
/// Returns false, with nothing to send, when `cancel` stopped the job before
/// it finished. [any thread]
using RemoteWork =
    std::function<bool(uint64_t key, const std::atomic<bool>& cancel, std::string* result)>;

class Scheduler {
 public:
  virtual ~Scheduler() = default;

  /// Runs jobs.work(i) for every i < jobs.count, in any order, concurrently
  /// and possibly elsewhere. Calls jobs.deliver(i) on the calling thread once
  /// job i finished, in completion order, and jobs.tick() about once a
  /// second. Once `stop` is set, no new job starts; Run returns when the jobs
  /// in flight are delivered or reported lost.
  virtual void Run(const SchedulerJobs& jobs, const std::atomic<bool>& stop) = 0;

  /// Workers actually used (for "given vs used" in the summary).
  virtual int workers() const = 0;

  /// Where the jobs ran, for the summary: "threads of this process".
  virtual std::string Describe() const = 0;

  /// Seconds spent moving jobs and results between processes during the
  /// last Run, summed over jobs; 0 for a scheduler that never does.
  virtual double transfer_seconds() const { return 0.0; }
};

/// One worker thread per job slot, each running one job at a time.
class ThreadPoolScheduler : public Scheduler {
 public:
  /// jobs <= 0 means one per hardware thread.
  explicit ThreadPoolScheduler(int jobs);
  void Run(const SchedulerJobs& jobs, const std::atomic<bool>& stop) override;
  int workers() const override { return workers_; }
  std::string Describe() const override;

 private:
  int workers_;
};

}  // namespace geneft
