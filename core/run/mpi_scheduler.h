// Rank 0 of `geneft run --mpi`: a Scheduler that runs jobs on its own
// threads and hands the others, one at a time as their threads free up, to
// the worker ranks (mpi_worker.h), costliest first. Results come back as
// bytes (SchedulerJobs::receive) and are delivered on the caller's thread
// like local ones, so the study runner stays the only store writer.
//
// A worker that goes silent for MpiOptions::timeout_seconds is given up on
// and its runs go to others (where the launcher keeps the job alive). On a
// stop (SIGTERM: Open MPI sends it to every rank when one dies) the workers
// are told to cancel, and runs not back within stop_grace_seconds are
// reported lost, by name, through SchedulerJobs::lost. Built with MPI only.
#pragma once

#include "run/mpi_protocol.h"
#include "run/mpi_team.h"
#include "run/scheduler.h"

#include <boost/mpi/communicator.hpp>

#include <vector>

namespace geneft {

class MpiScheduler : public Scheduler {
 public:
  /// On rank 0 of `world`. `ranks` from GatherReadiness (index = rank);
  /// rank 0 itself trains on options.threads threads.
  MpiScheduler(const boost::mpi::communicator& world, std::vector<RankReadiness> ranks,
               const MpiOptions& options);
  void Run(const SchedulerJobs& jobs, const std::atomic<bool>& stop) override;
  int workers() const override;
  /// "MPI: 3 ranks on 2 hosts (node1, node2), 6 threads".
  std::string Describe() const override;
  /// Per remote run: the time its worker thread waited between handing
  /// over its previous result and receiving this job, plus decoding here.
  double transfer_seconds() const override { return transfer_seconds_; }

 private:
  boost::mpi::communicator world_;
  std::vector<RankReadiness> ranks_;
  MpiOptions options_;
  double transfer_seconds_ = 0;
};

}  // namespace geneft
