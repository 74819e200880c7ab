#include "run/mpi_worker.h"

#include <fmt/core.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace geneft {
namespace {

struct Job {
  uint64_t id = 0, key = 0;
};

// What the message loop and the worker threads share.
class Mailbox {
 public:
  /// A worker thread's wait: a job (true), or its turn to end (false).
  bool NextJob(Job* job) {
    std::unique_lock<std::mutex> lock(mutex_);
    to_threads_.wait(lock, [&] { return !jobs_.empty() || endings_ > 0; });
    if (jobs_.empty()) {
      --endings_;
      return false;
    }
    *job = jobs_.front();
    jobs_.pop_front();
    return true;
  }
  void AddJob(const Job& job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(job);
    to_threads_.notify_one();
  }
  /// `n` threads may end once no job is waiting.
  void EndThreads(int n) {
    std::lock_guard<std::mutex> lock(mutex_);
    endings_ += n;
    to_threads_.notify_all();
  }
  void AddResult(MpiResult result) {
    std::lock_guard<std::mutex> lock(mutex_);
    results_.push_back(std::move(result));
    to_loop_.notify_one();
  }
  /// Waits up to `seconds` for a result; takes all that are there.
  std::deque<MpiResult> TakeResults(double seconds) {
    std::unique_lock<std::mutex> lock(mutex_);
    to_loop_.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return !results_.empty(); });
    return std::exchange(results_, {});
  }

 private:
  std::mutex mutex_;
  std::condition_variable to_threads_, to_loop_;
  std::deque<Job> jobs_;
  int endings_ = 0;
  std::deque<MpiResult> results_;
};

}  // namespace

bool ServeMpiJobs(const boost::mpi::communicator& world, const RemoteWork& work,
                  const MpiOptions& options, const std::atomic<bool>& stop, std::string* err) {
  Mailbox mailbox;
  std::atomic<bool> cancel{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < options.threads; ++t)
    threads.emplace_back([&] {
      bool first = true;
      auto idle_since = MpiClock::now();
      for (Job job; mailbox.NextJob(&job);) {
        MpiResult r;
        r.job = job.id;
        r.idle_seconds = first ? 0.0 : SecondsSince(idle_since);
        first = false;
        r.finished = work(job.key, cancel, &r.bytes);
        if (!r.finished) r.bytes.clear();
        mailbox.AddResult(std::move(r));
        idle_since = MpiClock::now();
      }
    });

  MpiOutbox outbox(world);
  for (int t = 0; t < options.threads; ++t) outbox.Send(0, kRequest);
  auto heard = MpiClock::now(), told = MpiClock::now();
  int ended = 0;
  bool ok = true;
  while (ended < options.threads) {
    outbox.Progress();
    for (MpiMessage m; PollMessage(world, &m);) {
      if (m.source != 0) continue;
      heard = MpiClock::now();
      Job job;
      if (m.tag == kJob && UnpackJob(m.bytes, &job.id, &job.key)) mailbox.AddJob(job);
      else if (m.tag == kNoMore) ++ended, mailbox.EndThreads(1);
      else if (m.tag == kCancel) cancel = true;
    }
    if (stop.load(std::memory_order_relaxed)) cancel = true;
    for (MpiResult& r : mailbox.TakeResults(options.poll_seconds)) {
      outbox.Send(0, kResult, PackResult(r));
      told = MpiClock::now();
    }
    if (SecondsSince(told) >= options.heartbeat_seconds) {
      outbox.Send(0, kHeartbeat);
      told = MpiClock::now();
    }
    if (SecondsSince(heard) > options.timeout_seconds) {
      *err = fmt::format("rank 0 sent nothing for {:.0f} s; giving up", options.timeout_seconds);
      ok = false;
      cancel = true;
      mailbox.EndThreads(options.threads - ended);
      break;
    }
  }
  for (std::thread& t : threads) t.join();
  outbox.Flush(options.stop_grace_seconds);
  return ok;
}

}  // namespace geneft
