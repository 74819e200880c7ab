// geneft run --mpi: one rank's part of a study run as an MPI job (mpirun,
// srun). Every rank reads and prepares the study itself; rank 0 also opens
// the store. Once all ranks are ready for the same study, rank 0 runs it as
// a local run does, with an MpiScheduler that hands runs to the others,
// and the others serve it until it has no more. Built with MPI only.
#include "cli/commands.h"
#include "cli/run_steps.h"
#include "run/mpi_scheduler.h"
#include "run/mpi_team.h"
#include "run/mpi_worker.h"

#include <boost/mpi/environment.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace geneft::cli {

int RunOnMpi(const RunFlags& flags, const std::string& file) {
  boost::mpi::environment env(boost::mpi::threading::funneled);
  if (env.thread_level() < boost::mpi::threading::funneled)
    return Fail(kExitInternal, "this MPI library cannot run geneft's threads (it lacks MPI_THREAD_FUNNELED)");
  const boost::mpi::communicator world;
  const bool lead = world.rank() == 0;

  MpiOptions mpi;
  mpi.threads = flags.jobs > 0 ? flags.jobs : DefaultRankThreads(world);
  mpi.timeout_seconds = flags.mpi_timeout;
  RankReadiness mine;
  mine.threads = mpi.threads;
  if (!mpi.IsValid(&mine.problem)) mine.exit_code = kExitBadInput;

  PreparedStudy study;
  StudyRunOptions run_options;
  auto store = std::make_unique<StudyStore>();
  int& code = mine.exit_code;
  if (code < 0) code = LoadRunStudy(file, flags, lead, &study, &mine.problem);
  if (lead && code < 0) code = OpenRunStore(study, flags, &run_options, store.get(), &mine.problem);
  mine.fingerprint = study.fingerprint;

  const std::vector<RankReadiness> ranks = GatherReadiness(world, mine);
  std::string problem;
  int verdict = -1;
  if (lead) problem = TeamProblem(ranks, kExitBadInput, &verdict);
  verdict = BroadcastVerdict(world, verdict);
  if (verdict >= 0) return lead ? Fail(verdict, problem) : verdict;

  if (!lead) {
    const std::atomic<bool>& stop = StopOnSignals();
    std::string err;
    if (!ServeMpiJobs(world, StudyRunWork(study), mpi, stop, &err))
      return Fail(kExitInternal, RankReadiness::Name(world.rank(), env.processor_name()) + ": " + err);
    return kExitOk;
  }
  MpiScheduler scheduler(world, ranks, mpi);
  StudySummary summary;
  const int exit_code = RunAndReport(study, flags, run_options, scheduler, *store, &summary);
  if (summary.interrupted) {
    // The launcher is tearing the job down (it sends SIGTERM to every rank
    // when one dies, SIGKILL a second later) and a dead rank would keep
    // MPI_Finalize waiting: leave now, the store closed.
    store.reset();
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(exit_code);
  }
  return exit_code;
}

}  // namespace geneft::cli
