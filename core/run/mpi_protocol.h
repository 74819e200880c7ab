// The messages between rank 0 and the other ranks of `geneft run --mpi`, and
// the options both ends share. Built with MPI only.
//
//   worker -> 0   kRequest    one of its threads is idle: give it a job
//   0 -> worker   kJob        {job, key}: run it (one answer per request)
//   0 -> worker   kNoMore     no job for that request: the thread ends
//   worker -> 0   kResult     a job's result; it also requests the next job
//   0 -> worker   kCancel     rank 0 stops: cancel the jobs in flight
//   both ways     kHeartbeat  still here
//
// Every rank sends without blocking and looks for messages between short
// sleeps, so a waiting rank costs no core (Open MPI's blocking receive
// spins) and a dead peer never blocks one.
#pragma once

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/request.hpp>

#include <chrono>
#include <cstdint>
#include <list>
#include <string>

namespace geneft {

struct MpiOptions {
  /// Runs at once on this rank (rank 0 trains too). At least 1.
  int threads = 1;
  /// Seconds without any message from a rank before it counts as gone:
  /// rank 0 gives a silent worker's runs to others (the job goes on only
  /// where the launcher keeps it alive, e.g. mpirun --enable-recovery); a
  /// worker stops waiting for a silent rank 0. Larger than heartbeat_seconds.
  double timeout_seconds = 60;
  /// Seconds between "still here" messages. > 0.
  double heartbeat_seconds = 2;
  /// Seconds an idle rank sleeps between looks for messages: the most a
  /// message waits. Each look costs microseconds. > 0.
  double poll_seconds = 0.001;
  /// After a stop, seconds rank 0 waits for the runs in flight on other
  /// ranks before naming them lost. Keep it well under the launcher's delay
  /// between SIGTERM and SIGKILL (1 s for Open MPI). >= 0.
  double stop_grace_seconds = 0.4;

  /// Checks the ranges above; *err reads "mpi timeout = 1 s: must be longer
  /// than the 2 s heartbeat".
  bool IsValid(std::string* err) const;
};

enum MpiTag : int { kRequest = 1, kJob, kNoMore, kResult, kCancel, kHeartbeat };

using MpiClock = std::chrono::steady_clock;
double SecondsSince(MpiClock::time_point t);

/// kJob's payload.
std::string PackJob(uint64_t job, uint64_t key);
bool UnpackJob(const std::string& bytes, uint64_t* job, uint64_t* key);

/// kResult's payload: which job, whether it finished (false: it was
/// cancelled and `bytes` is empty), how long the thread waited for it after
/// its previous job (0 for a thread's first job), and the result's bytes.
struct MpiResult {
  uint64_t job = 0;
  bool finished = false;
  double idle_seconds = 0;
  std::string bytes;
};
std::string PackResult(const MpiResult& result);
bool UnpackResult(const std::string& payload, MpiResult* result);

struct MpiMessage {
  int source = -1;
  int tag = 0;
  std::string bytes;
};

/// Receives the next message that has arrived, if any, without waiting.
bool PollMessage(const boost::mpi::communicator& world, MpiMessage* out);

/// Messages sent without blocking: each keeps its bytes until MPI is done
/// with them. [one thread]
class MpiOutbox {
 public:
  explicit MpiOutbox(const boost::mpi::communicator& world) : world_(world) {}
  void Send(int dest, MpiTag tag, std::string bytes = {});
  /// Forgets the sends MPI has completed.
  void Progress();
  /// Waits until every send completed or `seconds` passed; the rest are
  /// cancelled (their peer is gone). Returns true when all completed.
  bool Flush(double seconds);

 private:
  struct Pending {
    boost::mpi::request request;
    std::string bytes;
  };
  boost::mpi::communicator world_;
  std::list<Pending> pending_;  // a list: each send's bytes stay where MPI saw them
};

}  // namespace geneft
