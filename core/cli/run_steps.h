// The steps of `geneft run` that the local path (run.cpp) and the MPI path
// (mpi_run.cpp, built with MPI only) share, in the order they happen.
#pragma once

#include "cli/options.h"
#include "run/scheduler.h"
#include "run/study_runner.h"
#include "run/study_session.h"
#include "study/prepared_study.h"

#include <atomic>
#include <filesystem>
#include <string>

namespace geneft::cli {

struct RunFlags {
  CommonOptions common;
  int jobs = 0;          ///< --jobs: runs at once (per rank with --mpi); 0 = automatic
  std::string out;       ///< --out: the store; "" = STUDY.db beside the study
  bool new_store = false;
  std::string shard;     ///< "I/N", 1-based; "" = the whole study
  bool mpi = false;      ///< --mpi: this process is one rank of an MPI job
  double mpi_timeout = 60;  ///< --mpi-timeout: seconds of silence before a rank counts as gone
  std::string command_line;  ///< names the store lock's holder to a second writer
};

/// Reads and prepares the study file. Returns -1, or an exit code with *err.
/// Plugin warnings go to stderr when `print_warnings`.
int LoadRunStudy(const std::string& file, const RunFlags& flags, bool print_warnings,
                 PreparedStudy* study, std::string* err);

/// --jobs and --shard into `options`; then the store (--out or beside the
/// study) locked, an old one moved aside with --new-store, opened and bound
/// to the study. Returns -1, or an exit code with *err.
int OpenRunStore(const PreparedStudy& study, const RunFlags& flags, StudyRunOptions* options,
                 StudyStore* store, std::string* err);

/// From here on SIGINT and SIGTERM set the returned flag: runs in flight
/// stop, finished ones are kept.
const std::atomic<bool>& StopOnSignals();

/// One rank's part of `geneft run --mpi` (mpi_run.cpp): rank 0 does what a
/// local run does, with the other ranks as workers. In a build without MPI
/// it says so and returns kExitBadInput. Returns the exit code.
int RunOnMpi(const RunFlags& flags, const std::string& file);

/// Prints the configuration, runs what the store lacks on `scheduler`, runs
/// the study-level analyzers and prints the report. Returns the exit code.
int RunAndReport(const PreparedStudy& study, const RunFlags& flags, const StudyRunOptions& options,
                 Scheduler& scheduler, StudyStore& store, StudySummary* summary);

}  // namespace geneft::cli
