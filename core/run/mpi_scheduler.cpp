#include "run/mpi_scheduler.h"

#include <fmt/core.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

namespace geneft {
namespace {

// Jobs waiting to start, costliest first. Rank 0's threads take from it
// directly; the coordinator takes for the other ranks and puts back the
// jobs of a worker given up on.
class JobQueue {
 public:
  explicit JobQueue(const SchedulerJobs& jobs) : order_(jobs.count) {
    std::iota(order_.begin(), order_.end(), size_t{0});
    if (jobs.cost)
      std::stable_sort(order_.begin(), order_.end(),
                       [&](size_t a, size_t b) { return jobs.cost(a) > jobs.cost(b); });
  }
  /// Waits for a job (true) or for the queue to be closed and empty (false).
  bool Pop(size_t* i) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return !order_.empty() || closed_; });
    return TakeFront(i);
  }
  bool TryPop(size_t* i) {
    std::lock_guard<std::mutex> lock(mutex_);
    return TakeFront(i);
  }
  void PushFront(size_t i) {
    std::lock_guard<std::mutex> lock(mutex_);
    order_.push_front(i);
    changed_.notify_one();
  }
  /// No job will be added; with `drop`, the waiting ones are dropped too.
  void Close(bool drop) {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    if (drop) order_.clear();
    changed_.notify_all();
  }
  bool empty() {
    std::lock_guard<std::mutex> lock(mutex_);
    return order_.empty();
  }
  bool closed() {
    std::lock_guard<std::mutex> lock(mutex_);
    return closed_;
  }

 private:
  bool TakeFront(size_t* i) {
    if (order_.empty()) return false;
    *i = order_.front();
    order_.pop_front();
    return true;
  }
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<size_t> order_;
  bool closed_ = false;
};

// One worker rank as the coordinator tracks it.
struct Peer {
  int rank = 0;
  std::string name;           // "rank 2 on node7"
  int threads = 1;
  int waiting = 0;            // its requests not answered yet
  int retired = 0;            // its threads told there is no more
  std::set<size_t> in_flight;
  MpiClock::time_point heard, told;  // last message from it, to it
  bool gone = false;          // silent too long: its runs went to others
  bool leaving = false;       // it cancelled a run (stopped itself): no more jobs

  bool done() const { return gone || retired == threads; }
};

// One MpiScheduler::Run: rank 0's threads, and on the caller's thread the
// message loop that feeds the other ranks and delivers every result.
class Coordinator {
 public:
  Coordinator(const boost::mpi::communicator& world, const std::vector<RankReadiness>& ranks,
              const MpiOptions& options, const SchedulerJobs& jobs, const std::atomic<bool>& stop)
      : world_(world), options_(options), jobs_(jobs), stop_(stop), queue_(jobs), outbox_(world) {
    for (size_t r = 1; r < ranks.size(); ++r) {
      Peer p;
      p.rank = static_cast<int>(r);
      p.name = RankReadiness::Name(p.rank, ranks[r].host);
      p.threads = ranks[r].threads;
      p.heard = p.told = MpiClock::now();
      peers_.push_back(p);
    }
  }

  double Run() {
    StartLocalThreads();
    auto last_tick = MpiClock::now();
    while (!Finished()) {
      outbox_.Progress();
      for (MpiMessage m; PollMessage(world_, &m);) Handle(m);
      DeliverLocal();
      if (stop_.load(std::memory_order_relaxed) && !stopping_) BeginStop();
      CheckSilence();
      for (Peer& p : peers_) Answer(p);
      SendHeartbeats();
      if (!stopping_ && queue_.empty() && RemoteInFlight() == 0) queue_.Close(false);
      if (SecondsSince(last_tick) >= 1.0) jobs_.tick(), last_tick = MpiClock::now();
      WaitForLocal();
    }
    for (std::thread& t : threads_) t.join();
    DeliverLocal();
    for (Peer& p : peers_)
      for (size_t i : p.in_flight) jobs_.lost(i, p.name + " did not return it before the stop", false);
    outbox_.Flush(options_.stop_grace_seconds);
    return transfer_seconds_;
  }

 private:
  void StartLocalThreads() {
    local_running_ = options_.threads;
    for (int t = 0; t < options_.threads; ++t)
      threads_.emplace_back([this] {
        for (size_t i; !stop_.load(std::memory_order_relaxed) && queue_.Pop(&i);) {
          jobs_.work(i);
          std::lock_guard<std::mutex> lock(mutex_);
          local_done_.push_back(i);
          local_cv_.notify_one();
        }
        std::lock_guard<std::mutex> lock(mutex_);
        --local_running_;
        local_cv_.notify_one();
      });
  }

  void WaitForLocal() {
    std::unique_lock<std::mutex> lock(mutex_);
    local_cv_.wait_for(lock, std::chrono::duration<double>(options_.poll_seconds),
                       [&] { return !local_done_.empty() || local_running_ == 0; });
  }

  void DeliverLocal() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!local_done_.empty()) {
      const size_t i = local_done_.front();
      local_done_.pop_front();
      lock.unlock();
      jobs_.deliver(i);
      lock.lock();
    }
  }

  Peer* PeerOf(int rank) { return rank >= 1 && rank <= static_cast<int>(peers_.size()) ? &peers_[rank - 1] : nullptr; }

  void Send(Peer& p, MpiTag tag, std::string bytes = {}) {
    outbox_.Send(p.rank, tag, std::move(bytes));
    p.told = MpiClock::now();
  }

  void Handle(const MpiMessage& m) {
    Peer* p = PeerOf(m.source);
    if (p == nullptr) return;
    p->heard = MpiClock::now();
    if (m.tag != kRequest && m.tag != kResult) return;  // a heartbeat: heard is all
    if (p->gone) {  // given up on, yet alive: let its thread end
      Send(*p, kNoMore);
      ++p->retired;
      return;
    }
    ++p->waiting;
    if (m.tag == kResult) Receive(*p, m.bytes);
  }

  // A result: the next job goes out first, so the worker does not wait
  // while this one is decoded and stored.
  void Receive(Peer& p, const std::string& payload) {
    MpiResult r;
    if (!UnpackResult(payload, &r) || p.in_flight.erase(r.job) == 0) {
      Answer(p);
      return;  // not a job of this peer's: nothing to deliver
    }
    if (!r.finished) p.leaving = true;
    Answer(p);
    const size_t i = r.job;
    if (!r.finished) {
      if (stopping_) {
        jobs_.lost(i, "interrupted on " + p.name, false);
      } else {
        queue_.PushFront(i);
        jobs_.lost(i, p.name + " was stopped before it finished", true);
      }
      return;
    }
    const auto start = MpiClock::now();
    std::string why;
    const bool decoded = jobs_.receive(i, r.bytes, &why);
    transfer_seconds_ += r.idle_seconds + SecondsSince(start);
    if (decoded) jobs_.deliver(i);
    else jobs_.lost(i, "its result from " + p.name + " does not decode: " + why, false);
  }

  // Answers the peer's waiting requests: a job each while there are jobs,
  // "no more" once there will be none; otherwise they wait (a job may come
  // back from a worker given up on).
  void Answer(Peer& p) {
    if (p.gone) return;
    while (p.waiting > 0) {
      size_t i = 0;
      if (!stopping_ && !p.leaving && queue_.TryPop(&i)) {
        Send(p, kJob, PackJob(i, jobs_.key(i)));
        p.in_flight.insert(i);
      } else if (stopping_ || p.leaving || queue_.closed()) {
        Send(p, kNoMore);
        ++p.retired;
      } else {
        return;
      }
      --p.waiting;
    }
  }

  void BeginStop() {
    stopping_ = true;
    stop_at_ = MpiClock::now();
    queue_.Close(true);
    for (Peer& p : peers_)
      if (!p.gone && !p.in_flight.empty()) Send(p, kCancel);
  }

  void CheckSilence() {
    for (Peer& p : peers_) {
      if (p.gone || SecondsSince(p.heard) <= options_.timeout_seconds) continue;
      p.gone = true;
      const std::string why = fmt::format("{} sent nothing for {:.0f} s", p.name, options_.timeout_seconds);
      for (size_t i : p.in_flight) {
        if (!stopping_) queue_.PushFront(i);
        jobs_.lost(i, why + (stopping_ ? "" : "; given to another worker"), !stopping_);
      }
      p.in_flight.clear();
      p.waiting = 0;
    }
  }

  void SendHeartbeats() {
    for (Peer& p : peers_)
      if (!p.done() && SecondsSince(p.told) >= options_.heartbeat_seconds) Send(p, kHeartbeat);
  }

  size_t RemoteInFlight() const {
    size_t n = 0;
    for (const Peer& p : peers_) n += p.in_flight.size();
    return n;
  }

  bool Finished() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (local_running_ > 0 || !local_done_.empty()) return false;
    }
    if (stopping_) return RemoteInFlight() == 0 || SecondsSince(stop_at_) >= options_.stop_grace_seconds;
    return std::all_of(peers_.begin(), peers_.end(), [](const Peer& p) { return p.done(); });
  }

  const boost::mpi::communicator& world_;
  const MpiOptions& options_;
  const SchedulerJobs& jobs_;
  const std::atomic<bool>& stop_;
  JobQueue queue_;
  MpiOutbox outbox_;
  std::vector<Peer> peers_;
  bool stopping_ = false;
  MpiClock::time_point stop_at_;
  double transfer_seconds_ = 0;

  std::vector<std::thread> threads_;
  std::mutex mutex_;  // guards the two below
  std::condition_variable local_cv_;
  std::deque<size_t> local_done_;
  int local_running_ = 0;
};

}  // namespace

MpiScheduler::MpiScheduler(const boost::mpi::communicator& world, std::vector<RankReadiness> ranks,
                           const MpiOptions& options)
    : world_(world), ranks_(std::move(ranks)), options_(options) {}

void MpiScheduler::Run(const SchedulerJobs& jobs, const std::atomic<bool>& stop) {
  Coordinator coordinator(world_, ranks_, options_, jobs, stop);
  transfer_seconds_ = coordinator.Run();
}

int MpiScheduler::workers() const {
  int n = 0;
  for (const RankReadiness& r : ranks_) n += r.threads;
  return n;
}

std::string MpiScheduler::Describe() const {
  std::vector<std::string> hosts;
  for (const RankReadiness& r : ranks_)
    if (std::find(hosts.begin(), hosts.end(), r.host) == hosts.end()) hosts.push_back(r.host);
  std::string names;
  for (size_t h = 0; h < hosts.size() && h < 3; ++h) names += (h ? ", " : "") + hosts[h];
  if (hosts.size() > 3) names += ", ...";
  return fmt::format("MPI: {} rank{} on {} host{} ({}), {} threads", ranks_.size(),
                     ranks_.size() == 1 ? "" : "s", hosts.size(), hosts.size() == 1 ? "" : "s", names,
                     workers());
}

}  // namespace geneft
