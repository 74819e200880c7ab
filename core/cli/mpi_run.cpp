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

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

namespace geneft::cli {

namespace {

// MPI_Finalize (the environment's destructor) waits for every rank, and
// without a fault-tolerant MPI a rank that died never arrives: after
// mpirun --enable-recovery moved a killed worker's runs, the study was
// complete and stored, yet rank 0 and the other workers sat in
// MPI_Finalize for good (seen on Open MPI 4.1, now and then). So each rank
// gives Finalize as long as it gives a silent peer, then leaves without it
// (its results are stored and its output flushed by then).
int LeaveIfFinalizeHangs(int exit_code, double seconds, std::string who) {
  std::fflush(stdout);
  std::fflush(stderr);
  std::thread([exit_code, seconds, who = std::move(who)] {
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    std::fprintf(stderr,
                 "geneft: %s: MPI_Finalize still waiting after %.0f s (a rank of this job is "
                 "gone); leaving without it\n",
                 who.c_str(), seconds);
    std::fflush(stderr);
    std::_Exit(exit_code);
  }).detach();
  return exit_code;
}

}  // namespace

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
    const std::string me = RankReadiness::Name(world.rank(), env.processor_name());
    if (!ServeMpiJobs(world, StudyRunWork(study), mpi, stop, &err))
      return LeaveIfFinalizeHangs(Fail(kExitInternal, me + ": " + err), mpi.timeout_seconds, me);
    return LeaveIfFinalizeHangs(kExitOk, mpi.timeout_seconds, me);
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
  store.reset();
  return LeaveIfFinalizeHangs(exit_code, mpi.timeout_seconds,
                              RankReadiness::Name(0, env.processor_name()));
}

}  // namespace geneft::cli
