#include "run/mpi_team.h"

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <mpi.h>
#include <sched.h>

#include <algorithm>
#include <thread>

namespace geneft {

std::string RankReadiness::Name(int rank, const std::string& host) {
  return "rank " + std::to_string(rank) + " on " + host;
}

int DefaultRankThreads(const boost::mpi::communicator& world) {
  MPI_Comm node;
  MPI_Comm_split_type(world, MPI_COMM_TYPE_SHARED, world.rank(), MPI_INFO_NULL, &node);
  int ranks_here = 1;
  MPI_Comm_size(node, &ranks_here);
  MPI_Comm_free(&node);
  cpu_set_t set;
  const int bound = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 0;
  const int online = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (bound > 0 && bound < online) return bound;
  return std::max(1, online / std::max(1, ranks_here));
}

std::vector<RankReadiness> GatherReadiness(const boost::mpi::communicator& world,
                                           RankReadiness mine) {
  mine.host = boost::mpi::environment::processor_name();
  mine.version = "geneft " GENEFT_VERSION;
  std::vector<RankReadiness> all;
  if (world.rank() == 0) boost::mpi::gather(world, mine, all, 0);
  else boost::mpi::gather(world, mine, 0);
  return all;
}

std::string TeamProblem(const std::vector<RankReadiness>& ranks, int mismatch_code, int* exit_code) {
  // Rank 0's own failure first: the others most likely failed alike.
  for (size_t r = 0; r < ranks.size(); ++r)
    if (ranks[r].exit_code >= 0) {
      *exit_code = ranks[r].exit_code;
      return r == 0 ? ranks[r].problem
                    : RankReadiness::Name(static_cast<int>(r), ranks[r].host) + ": " + ranks[r].problem;
    }
  for (size_t r = 1; r < ranks.size(); ++r) {
    const std::string name = RankReadiness::Name(static_cast<int>(r), ranks[r].host);
    *exit_code = mismatch_code;
    if (ranks[r].version != ranks[0].version)
      return name + " runs " + ranks[r].version + ", rank 0 runs " + ranks[0].version +
             ": every rank needs the same geneft build";
    if (ranks[r].fingerprint != ranks[0].fingerprint)
      return name + " prepared another study than rank 0 (fingerprint " + ranks[r].fingerprint +
             ", not " + ranks[0].fingerprint + "): do all ranks read the same study file and plugins?";
  }
  *exit_code = -1;
  return "";
}

int BroadcastVerdict(const boost::mpi::communicator& world, int verdict) {
  boost::mpi::broadcast(world, verdict, 0);
  return verdict;
}

}  // namespace geneft
