// The ranks of `geneft run --mpi` agreeing to start: each has prepared the
// study on its own (same file, same plugins), rank 0 has opened the store,
// and the job goes on only when every rank is ready for the same study with
// the same geneft. Built with MPI only.
#pragma once

#include <boost/mpi/communicator.hpp>

#include <string>
#include <vector>

namespace geneft {

/// What one rank says when the team forms.
struct RankReadiness {
  int exit_code = -1;       ///< -1: ready; otherwise the exit code of its failure
  std::string problem;      ///< its error when not ready
  std::string fingerprint;  ///< of the study it prepared
  int threads = 1;          ///< runs at once there
  std::string host;         ///< MPI's processor name (filled by GatherReadiness)
  std::string version;      ///< its geneft build (filled by GatherReadiness)

  /// "rank 2 on node7", for messages.
  static std::string Name(int rank, const std::string& host);

  template <class Archive>
  void serialize(Archive& a, unsigned /*version*/) {
    a& exit_code& problem& fingerprint& threads& host& version;
  }
};

/// Threads for this rank when --jobs is not given: the CPUs the launcher
/// bound it to, or, when it is not bound, its node's CPUs shared among the
/// ranks on that node (at least one). Collective: every rank calls it.
int DefaultRankThreads(const boost::mpi::communicator& world);

/// Collective: rank 0 receives every rank's readiness (index = rank); the
/// others receive nothing.
std::vector<RankReadiness> GatherReadiness(const boost::mpi::communicator& world,
                                           RankReadiness mine);

/// On rank 0: why the team cannot start, or "" when it can. `*exit_code`
/// is the failing rank's code, or `mismatch_code` when the ranks prepared
/// different studies or run different geneft builds.
std::string TeamProblem(const std::vector<RankReadiness>& ranks, int mismatch_code, int* exit_code);

/// Collective: every rank returns rank 0's `verdict` (-1: go on).
int BroadcastVerdict(const boost::mpi::communicator& world, int verdict);

}  // namespace geneft
