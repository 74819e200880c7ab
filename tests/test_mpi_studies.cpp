// geneft run --mpi under mpirun, as a user runs it: the store equals a local
// run's (run hashes and every stored number but wall times), a worker killed
// mid-study loses only its run in flight, named, and the study resumes to
// the same store; with a launcher that keeps the job alive, the lost run is
// given to another worker. Skipped (exit 77) where this build or this
// machine has no MPI.
#include "store/store_reader.h"

#include "store_rows.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

namespace fs = std::filesystem;

namespace {

const std::string kGeneft = GENEFT_BINARY_DIR "/bin/geneft";
// As root mpirun refuses to start without these; --oversubscribe lets 3
// ranks share fewer cores.
const std::string kMpirun = "mpirun --allow-run-as-root --oversubscribe";

using Result = geneft::testing::CommandResult;
using geneft::testing::Query;
using geneft::testing::StoredRunCount;

// CTest counts exit code 77 as skipped (tests/links.cmake).
void SkipUnlessMpi() {
#ifndef GENEFT_WITH_MPI
  std::printf("skipped: this geneft was built without MPI (GENEFT_MPI=OFF, or Boost.MPI missing)\n");
  std::exit(77);
#endif
  if (std::system("command -v mpirun > /dev/null 2>&1") != 0) {
    std::printf("skipped: mpirun not found (bash scripts/install-deps.sh --mpi)\n");
    std::exit(77);
  }
}

fs::path Fresh(const std::string& name) {
  const fs::path dir = fs::path(GENEFT_BINARY_DIR) / "tests" / "mpi_studies" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path WriteStudy(const fs::path& dir, const std::string& body) {
  const fs::path file = dir / "study.toml";
  std::ofstream(file) << "[relation]\nplugin = \"mod_k\"\nn = 10\nk = 2\n"
                         "[model]\ndepth = 1\nwidth = 8\n[[analyzer]]\nplugin = \"phase\"\n"
                      << body;
  return file;
}

// Asserts that two stores hold the same runs with the same numbers: every
// table that describes runs or the study's analysis, every column but the
// wall-clock ones (runs.seconds, runs.finished_at).
void CheckSameStore(const fs::path& a, const fs::path& b) {
  for (const char* sql :
       {"SELECT run_hash, run_index, replicate, status, reason, seed, steps_budget, steps_done, "
        "first_train_step, first_test_step, first_all_step, diverged_step, final_loss, train_accuracy, "
        "test_accuracy, all_accuracy, settings FROM runs ORDER BY run_hash",
        "SELECT * FROM run_settings ORDER BY run_hash, key",
        "SELECT * FROM trajectories ORDER BY run_hash, step",
        "SELECT * FROM embeddings ORDER BY run_hash, element, dim",
        "SELECT * FROM results ORDER BY run_hash, name",
        "SELECT * FROM series ORDER BY run_hash, name, idx"}) {
    INFO(sql);
    const std::vector<std::string> rows = Query(a, sql);
    // Only the series may be empty: no per-run analyzer here draws one.
    if (std::string(sql).find("FROM series") == std::string::npos) CHECK(!rows.empty());
    CHECK(Query(b, sql) == rows);
  }
}

// The rank `rank` process that mpirun `launcher` started, or -1.
pid_t RankProcess(pid_t launcher, int rank) {
  const std::string wanted = "OMPI_COMM_WORLD_RANK=" + std::to_string(rank);
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream status(entry.path() / "status");
    pid_t parent = -1;
    for (std::string line; std::getline(status, line);)
      if (line.rfind("PPid:", 0) == 0) parent = std::stoi(line.substr(5));
    if (parent != launcher) continue;
    std::ifstream environ(entry.path() / "environ");
    for (std::string var; std::getline(environ, var, '\0');)
      if (var == wanted) return std::stoi(name);
  }
  return -1;
}

// mpirun started in the background, its output collected.
struct Launch {
  pid_t pid = -1;
  int output = -1;  // read end of its stdout + stderr

  explicit Launch(const std::vector<std::string>& argv) {
    int pipe_fds[2];
    REQUIRE(pipe(pipe_fds) == 0);
    pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      dup2(pipe_fds[1], STDOUT_FILENO);
      dup2(pipe_fds[1], STDERR_FILENO);
      close(pipe_fds[0]);
      std::vector<char*> args;
      for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execvp(args[0], args.data());
      _exit(127);
    }
    close(pipe_fds[1]);
    output = pipe_fds[0];
  }
  Launch(const Launch&) = delete;
  Launch& operator=(const Launch&) = delete;
  // A test that failed half-way leaves no job behind: mpirun stops its ranks.
  ~Launch() {
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    close(output);
  }
  // Reads everything it prints until it ends; returns that and its exit code.
  Result Finish() {
    Result r;
    char buf[4096];
    for (ssize_t got; (got = read(output, buf, sizeof buf)) > 0;) r.output.append(buf, got);
    close(output);
    int status = 0;
    waitpid(pid, &status, 0);
    pid = -1;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
  }
};

std::vector<std::string> MpiRunArgs(int ranks, const fs::path& study, const std::vector<std::string>& extra) {
  std::vector<std::string> argv = {"mpirun", "--allow-run-as-root", "--oversubscribe", "-np",
                                   std::to_string(ranks), kGeneft, "run", study.string(), "--mpi",
                                   "--jobs", "1"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

// Waits until `store` holds at least `runs` runs (at most two minutes).
void WaitForRuns(const fs::path& store, size_t runs) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (StoredRunCount(store) < runs && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(StoredRunCount(store) >= runs);
}

// 12 runs of about a second each (n = 10, 8 hidden units, 40,000 steps).
const char* kLongerRuns = "[train]\nsteps = 40000\neval_every = 2000\n"
                          "[sweep]\n\"train.lr_dec\" = \"logspace(-3, -2, 4)\"\nreplicates = 3\n";

}  // namespace

TEST_CASE("mpirun -np 3 fills the store a local run fills, run for run and number for number") {
  SkipUnlessMpi();
  const fs::path dir = Fresh("same_store");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 1500\neval_every = 100\n"
                                         "[sweep]\n\"train.lr_dec\" = [1e-3, 1e-2, 1e-1]\nreplicates = 3\n");
  REQUIRE(geneft::testing::RunGeneft("run " + study.string() + " --quiet --jobs 2 --out " +
                                     (dir / "local.db").string()).exit_code == 0);
  const Result mpi = geneft::testing::RunCommand(kMpirun + " -np 3 " + kGeneft + " run " + study.string() +
                                                 " --mpi --jobs 1 --out " + (dir / "mpi.db").string());
  INFO(mpi.output);
  CHECK(mpi.exit_code == 0);
  CHECK_THAT(mpi.output, Catch::Contains("MPI: 3 ranks on 1 host"));
  CHECK_THAT(mpi.output, Catch::Contains("Termination: FINISHED (every run stored)"));
  // "moving" is reported only once a run came back from another rank.
  CHECK_THAT(mpi.output, Catch::Contains("ms moving"));
  CHECK(StoredRunCount(dir / "mpi.db") == 9);
  CheckSameStore(dir / "local.db", dir / "mpi.db");
}

TEST_CASE("geneft run --mpi without a launcher runs the study as a single rank") {
  SkipUnlessMpi();
  const fs::path dir = Fresh("one_rank");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 500\neval_every = 100\n"
                                         "[sweep]\n\"train.lr_dec\" = [1e-3, 1e-2]\n");
  REQUIRE(geneft::testing::RunGeneft("run " + study.string() + " --quiet --out " +
                                     (dir / "local.db").string()).exit_code == 0);
  const Result mpi = geneft::testing::RunCommand(
      "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 " + kGeneft + " run " + study.string() +
      " --mpi --out " + (dir / "mpi.db").string());
  INFO(mpi.output);
  CHECK(mpi.exit_code == 0);
  CHECK_THAT(mpi.output, Catch::Contains("MPI: 1 rank on 1 host"));
  CheckSameStore(dir / "local.db", dir / "mpi.db");
}

TEST_CASE("a bad study under mpirun is reported once, by rank 0, with exit status 2") {
  SkipUnlessMpi();
  const fs::path dir = Fresh("bad_study");
  const fs::path study = WriteStudy(dir, "[train]\nstepz = 100\n");
  const Result r = geneft::testing::RunCommand(kMpirun + " -np 2 " + kGeneft + " run " + study.string() + " --mpi");
  INFO(r.output);
  CHECK(r.exit_code == 2);
  const std::string error = "geneft: error: ";
  const size_t first = r.output.find(error);
  REQUIRE(first != std::string::npos);
  CHECK(r.output.find(error, first + 1) == std::string::npos);
  CHECK_THAT(r.output, Catch::Contains("unknown key 'stepz', did you mean 'steps'?"));
  CHECK(StoredRunCount(dir / "study.db") == 0);
}

TEST_CASE("a worker killed mid-study loses only its run in flight, named, and a rerun completes the same store") {
  SkipUnlessMpi();
  const fs::path dir = Fresh("killed_worker");
  const fs::path study = WriteStudy(dir, kLongerRuns);
  const fs::path store = dir / "study.db";
  Launch job(MpiRunArgs(3, study, {}));
  WaitForRuns(store, 3);
  const pid_t worker = RankProcess(job.pid, 1);
  REQUIRE(worker > 0);
  REQUIRE(kill(worker, SIGKILL) == 0);
  const Result killed = job.Finish();
  INFO(killed.output);
  CHECK(killed.exit_code != 0);
  CHECK_THAT(killed.output, Catch::Contains("Termination: INTERRUPTED"));
  // Rank 0 names the run rank 1 had: "! run 7 (...): lost, not stored:
  // rank 1 on HOST did not return it before the stop".
  std::smatch lost;
  const bool named = std::regex_search(killed.output, lost,
                                       std::regex(R"(! run (\d+) \([^\n]*lost, not stored: rank 1 on )"));
  REQUIRE(named);
  const std::string lost_index = std::to_string(std::stoi(lost[1]) - 1);
  CHECK(Query(store, "SELECT COUNT(*) FROM runs WHERE run_index = " + lost_index).front() == "0");

  const size_t before = StoredRunCount(store);
  CHECK(before >= 3);
  CHECK(before < 12);
  CHECK(Query(store, "SELECT COUNT(*) FROM runs WHERE status NOT IN ('completed', 'stopped_early')")
            .front() == "0");
  geneft::StoreReader s;
  std::string err;
  REQUIRE(s.Open(store, &err));
  CHECK(s.IntegrityCheck(&err));

  const Result resumed = Launch(MpiRunArgs(3, study, {"--quiet"})).Finish();
  INFO(resumed.output);
  CHECK(resumed.exit_code == 0);
  CHECK_THAT(resumed.output, Catch::Contains("12 runs: " + std::to_string(before) + " stored before, " +
                                             std::to_string(12 - before) + " completed"));
  REQUIRE(geneft::testing::RunGeneft("run " + study.string() + " --quiet --out " +
                                     (dir / "local.db").string()).exit_code == 0);
  CheckSameStore(dir / "local.db", store);
}

TEST_CASE("with mpirun --enable-recovery the run of a killed worker goes to another and the study completes") {
  SkipUnlessMpi();
  const fs::path dir = Fresh("recovery");
  const fs::path study = WriteStudy(dir, kLongerRuns);
  const fs::path store = dir / "study.db";
  std::vector<std::string> argv = MpiRunArgs(3, study, {"--mpi-timeout", "4"});
  argv.insert(argv.begin() + 1, "--enable-recovery");
  Launch job(argv);
  WaitForRuns(store, 2);
  const pid_t worker = RankProcess(job.pid, 1);
  REQUIRE(worker > 0);
  REQUIRE(kill(worker, SIGKILL) == 0);
  const Result r = job.Finish();
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("moved: rank 1 on "));
  CHECK_THAT(r.output, Catch::Contains("sent nothing for 4 s; given to another worker"));
  CHECK_THAT(r.output, Catch::Contains("Termination: FINISHED (every run stored)"));
  REQUIRE(geneft::testing::RunGeneft("run " + study.string() + " --quiet --out " +
                                     (dir / "local.db").string()).exit_code == 0);
  CheckSameStore(dir / "local.db", store);
}

TEST_CASE("geneft run --mpi in a build without MPI is refused with exit status 2") {
#ifdef GENEFT_WITH_MPI
  std::printf("skipped: this build has MPI; the refusal is for builds without it\n");
  std::exit(77);
#endif
  const fs::path dir = Fresh("no_mpi");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 100\n");
  const Result r = geneft::testing::RunGeneft("run " + study.string() + " --mpi");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("--mpi: this geneft was built without MPI"));
  CHECK(!fs::exists(dir / "study.db"));
}
