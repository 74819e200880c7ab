// Every rank but 0 of `geneft run --mpi`: asks rank 0 for jobs, one per
// idle thread, runs each with a RemoteWork and sends its result back, until
// rank 0 has no more. Built with MPI only.
#pragma once

#include "run/mpi_protocol.h"
#include "run/scheduler.h"

#include <boost/mpi/communicator.hpp>

#include <atomic>
#include <string>

namespace geneft {

/// Serves rank 0 of `world` with options.threads threads until every thread
/// was told there is no more. `stop` (a signal to this process) cancels the
/// jobs in flight; rank 0 then hands them to others. Returns false, with
/// *err, when rank 0 sent nothing for options.timeout_seconds.
bool ServeMpiJobs(const boost::mpi::communicator& world, const RemoteWork& work,
                  const MpiOptions& options, const std::atomic<bool>& stop, std::string* err);

}  // namespace geneft
