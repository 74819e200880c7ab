// Studies end to end through the geneft binary: resume after kill -9, a
// changed study refused, shards merged equal to one unsharded run, failures
// recorded, export.
#include "store/store_reader.h"

#include "store_rows.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

namespace fs = std::filesystem;

namespace {

const std::string kGeneft = GENEFT_BINARY_DIR "/bin/geneft";

using Result = geneft::testing::CommandResult;
using geneft::testing::Query;
using geneft::testing::StoredRunCount;

Result Geneft(const std::string& args) { return geneft::testing::RunGeneft(args); }

fs::path Fresh(const std::string& name) {
  const fs::path dir = fs::path(GENEFT_BINARY_DIR) / "tests" / "studies" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path WriteStudy(const fs::path& dir, const std::string& body) {
  const fs::path file = dir / "study.toml";
  std::ofstream(file) << "[relation]\nplugin = \"mod_k\"\nn = 10\nk = 2\n"
                         "[model]\ndepth = 1\nwidth = 8\n"
                      << body;
  return file;
}

// Starts `geneft run STUDY --jobs 1 --quiet` in the background, its output
// discarded; returns its pid.
pid_t StartQuietRun(const fs::path& study) {
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, STDOUT_FILENO);
    dup2(devnull, STDERR_FILENO);
    execl(kGeneft.c_str(), "geneft", "run", study.c_str(), "--jobs", "1", "--quiet", nullptr);
    _exit(127);
  }
  return child;
}

// Waits (at most two minutes) until `store` holds `count` runs.
void WaitForStoredRuns(const fs::path& store, size_t count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (StoredRunCount(store) < count && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

}  // namespace

TEST_CASE("a study killed with SIGKILL resumes and stores every run exactly once") {
  const fs::path dir = Fresh("resume");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 60000\neval_every = 2000\n"
                                         "[sweep]\n\"train.lr_dec\" = \"logspace(-3, -2, 4)\"\n"
                                         "replicates = 3\n");
  const fs::path store = dir / "study.db";

  const pid_t child = StartQuietRun(study);
  // Kill it once a few runs are in, mid-way through another.
  WaitForStoredRuns(store, 3);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  const size_t before = StoredRunCount(store);
  INFO("runs stored when killed: " << before);
  CHECK(before >= 3);
  CHECK(before < 12);

  const Result resumed = Geneft("run " + study.string() + " --quiet");
  CHECK(resumed.exit_code == 0);
  CHECK_THAT(resumed.output, Catch::Contains("12 runs: " + std::to_string(before) + " stored before"));

  const auto hashes = Query(store, "SELECT run_hash FROM runs");
  CHECK(hashes.size() == 12);
  CHECK(std::set<std::string>(hashes.begin(), hashes.end()).size() == 12);
  CHECK(Query(store, "SELECT DISTINCT run_index FROM runs").size() == 12);
  geneft::StoreReader s;
  std::string err;
  REQUIRE(s.Open(store, &err));
  CHECK(s.IntegrityCheck(&err));
  // A third invocation finds nothing to do.
  CHECK_THAT(Geneft("run " + study.string() + " --quiet").output,
             Catch::Contains("12 runs: 12 stored before, 0 completed"));
}

TEST_CASE("one writer per store: a second run, a new store and a merge are refused while it writes") {
  const fs::path dir = Fresh("locked");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 60000\neval_every = 2000\n"
                                         "[sweep]\nreplicates = 3\n");
  const fs::path store = dir / "study.db";
  const pid_t first = StartQuietRun(study);
  WaitForStoredRuns(store, 1);
  REQUIRE(StoredRunCount(store) >= 1);

  const Result second = Geneft("run " + study.string() + " --quiet");
  CHECK(second.exit_code == 2);
  CHECK_THAT(second.output, Catch::Contains("store [" + store.string() +
                                            "] is being written by another geneft (pid " +
                                            std::to_string(first)));
  CHECK_THAT(second.output, Catch::Contains("geneft run " + study.string() + " --jobs 1 --quiet"));
  const Result aside = Geneft("run " + study.string() + " --quiet --new-store");
  CHECK(aside.exit_code == 2);
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().extension() != ".old");
  const Result merge = Geneft("merge " + store.string() + " " + store.string());
  CHECK(merge.exit_code == 2);
  CHECK_THAT(merge.output, Catch::Contains("is being written by another geneft"));

  // Readers need no lock.
  CHECK(Geneft("export " + store.string()).exit_code == 0);
  const Result report = Geneft("report " + store.string() + " -o " + (dir / "report").string());
  INFO(report.output);
  CHECK(report.exit_code == 0);

  // A lock dies with its holder, however it ends: the study resumes.
  kill(first, SIGKILL);
  int status = 0;
  waitpid(first, &status, 0);
  const Result resumed = Geneft("run " + study.string() + " --quiet --jobs 2");
  CHECK(resumed.exit_code == 0);
  CHECK(StoredRunCount(store) == 3);
  CHECK_FALSE(fs::exists(dir / "study.db.lock"));
}

TEST_CASE("Ctrl-C stops a study cleanly: in-flight runs dropped, finished ones kept") {
  const fs::path dir = Fresh("interrupt");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 60000\neval_every = 2000\n"
                                         "[sweep]\nreplicates = 12\n");
  const fs::path store = dir / "study.db";
  int out_pipe[2];
  REQUIRE(pipe(out_pipe) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(out_pipe[1], STDERR_FILENO);
    close(out_pipe[0]);
    execl(kGeneft.c_str(), "geneft", "run", study.c_str(), "--jobs", "2", nullptr);
    _exit(127);
  }
  close(out_pipe[1]);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (StoredRunCount(store) < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  kill(child, SIGINT);
  std::string output;
  char buf[4096];
  for (ssize_t got; (got = read(out_pipe[0], buf, sizeof buf)) > 0;) output.append(buf, got);
  close(out_pipe[0]);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 3);
  CHECK_THAT(output, Catch::Contains("Termination: INTERRUPTED"));
  const size_t stored = StoredRunCount(store);
  CHECK(stored >= 2);
  CHECK(stored < 12);
  geneft::StoreReader s;
  std::string err;
  REQUIRE(s.Open(store, &err));
  CHECK(s.IntegrityCheck(&err));
  CHECK(Query(store, "SELECT COUNT(*) FROM runs WHERE status NOT IN ('completed', 'stopped_early')")
            .front() == "0");

  const Result resumed = Geneft("run " + study.string() + " --quiet");
  CHECK(resumed.exit_code == 0);
  CHECK(StoredRunCount(store) == 12);
}

TEST_CASE("a changed study is refused against an existing store, unless a new one is asked for") {
  const fs::path dir = Fresh("changed");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 200\n");
  REQUIRE(Geneft("run " + study.string() + " --quiet").exit_code == 0);

  WriteStudy(dir, "[train]\nsteps = 300\n");
  const Result refused = Geneft("run " + study.string() + " --quiet");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Catch::Contains("different study definition"));
  CHECK_THAT(refused.output, Catch::Contains("train.steps: 200 -> 300"));

  const Result fresh = Geneft("run " + study.string() + " --quiet --new-store");
  CHECK(fresh.exit_code == 0);
  CHECK_THAT(fresh.output, Catch::Contains("previous store kept as"));
  size_t kept = 0;
  for (const auto& e : fs::directory_iterator(dir)) kept += e.path().extension() == ".old";
  CHECK(kept == 1);
}

TEST_CASE("new stores asked for within a second keep every earlier store") {
  const fs::path dir = Fresh("new_store_twice");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 1\n");
  // A store's identity: when its run finished and how long it took.
  const auto identity = [](const fs::path& store) {
    return Query(store, "SELECT finished_at || ' ' || seconds FROM runs").front();
  };
  // Five one-step runs take well under a second, so at least two of the four
  // set-asides fall within the same second.
  std::set<std::string> made;
  for (int i = 0; i < 5; ++i) {
    REQUIRE(Geneft("run " + study.string() + " --quiet --new-store").exit_code == 0);
    made.insert(identity(dir / "study.db"));
  }
  REQUIRE(made.size() == 5);
  // Four of the five were set aside: each must still be there.
  std::set<std::string> found = {identity(dir / "study.db")};
  size_t kept = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".old") ++kept, found.insert(identity(e.path()));
  CHECK(kept == 4);
  CHECK(found == made);
}

TEST_CASE("a finished store on a read-only file system is exported, reported, merged and checked") {
  // A private mount namespace in which the test's folder is a read-only bind
  // mount: a real read-only file system, seen by no other process.
  if (geneft::testing::RunCommand("unshare -m true").exit_code != 0) {
    WARN("not tested: this machine lets no process mount a read-only file system (needs root)");
    return;
  }
  const fs::path dir = Fresh("read_only");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 100\n[sweep]\n\"model.width\" = [4, 8]\n");
  REQUIRE(Geneft("run " + study.string() + " --quiet").exit_code == 0);
  const fs::path store = dir / "study.db";
  REQUIRE_FALSE(fs::exists(store.string() + "-wal"));  // a finished run leaves no log behind
  const fs::path out = Fresh("read_only_out");
  const std::string geneft = kGeneft + " ";
  const auto read_only = [&](const std::string& command) {
    return geneft::testing::RunCommand("unshare -m sh -c 'mount --bind " + dir.string() + " " +
                                       dir.string() + " && mount -o remount,ro,bind " +
                                       dir.string() + " " + dir.string() + " && " + command + "'");
  };

  const Result touch = read_only("touch " + (dir / "probe").string());
  INFO(touch.output);
  REQUIRE(touch.exit_code != 0);
  REQUIRE_THAT(touch.output, Catch::Contains("Read-only file system"));
  const Result exported = read_only(geneft + "export " + store.string());
  INFO(exported.output);
  CHECK(exported.exit_code == 0);
  CHECK_THAT(exported.output, Catch::StartsWith("run_hash,run_index,"));
  const Result report = read_only(geneft + "report " + store.string() + " -o " + (out / "report").string());
  INFO(report.output);
  CHECK(report.exit_code == 0);
  const Result merged = read_only(geneft + "merge " + (out / "merged.db").string() + " " + store.string());
  INFO(merged.output);
  CHECK(merged.exit_code == 0);
  CHECK(StoredRunCount(out / "merged.db") == 2);
  const Result check = read_only(geneft + "check " + study.string());
  CHECK(check.exit_code == 0);
  CHECK_THAT(check.output, Catch::Contains("2 of 2 runs stored, 0 to train"));
  CHECK_FALSE(fs::exists(store.string() + "-shm"));  // nothing was created beside the store

  // A log holding commits cannot be read without a -shm file: refused, not ignored.
  {
    geneft::SqliteDb db;
    std::string err;
    REQUIRE(db.Open(store, geneft::SqliteAccess::kReadWrite, &err));
    REQUIRE(db.Exec("PRAGMA wal_autocheckpoint = 0; "
                    "INSERT INTO study VALUES('note', 'written after the run');", &err));
    fs::copy_file(store.string() + "-wal", (out / "study.db-wal").string());
    fs::copy_file(store, out / "study.db");
  }
  fs::rename(out / "study.db", dir / "logged.db");
  fs::rename(out / "study.db-wal", dir / "logged.db-wal");
  const Result logged = read_only(geneft + "export " + (dir / "logged.db").string());
  CHECK(logged.exit_code == 2);
  CHECK_THAT(logged.output, Catch::Contains("logged.db-wal holds data"));
}

TEST_CASE("analyzer parameters bind the store as written, defaults a plugin adds do not") {
  const fs::path dir = Fresh("analyzer_params");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 200\n[[analyzer]]\nplugin = \"phase\"\n");
  REQUIRE(Geneft("run " + study.string() + " --quiet").exit_code == 0);
  const std::string definition =
      Query(dir / "study.db", "SELECT value FROM study WHERE key = 'definition'").front();
  CHECK_THAT(definition, Catch::Contains("analyzer.1 = phase\n"));
  CHECK_THAT(definition, !Catch::Contains("analyzer.1.phase."));

  // A parameter written now changes the analysis, not the training: the
  // stored run is analyzed again, and the definition records the parameter.
  WriteStudy(dir, "[train]\nsteps = 200\n[[analyzer]]\nplugin = \"phase\"\ngap = 500\n");
  const Result reanalyzed = Geneft("run " + study.string() + " --quiet");
  CHECK(reanalyzed.exit_code == 0);
  CHECK_THAT(reanalyzed.output, Catch::Contains("phase: parameters changed (defaults -> gap = 500), 1 runs"));
  CHECK_THAT(Query(dir / "study.db", "SELECT value FROM study WHERE key = 'definition'").front(),
             Catch::Contains("analyzer.1.phase.gap = 500\n"));
}

TEST_CASE("a study stores its relation's predictions beside the runs, from settings all runs share") {
  const fs::path dir = Fresh("relation_stage");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 100\n[sweep]\n\"train.fraction\" = [0.3, 0.6]\n"
                                         "[[analyzer]]\nplugin = \"info_bound\"\ntraining_sets = 2\n");
  const Result run = Geneft("run " + study.string());
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.output, Catch::Contains("Study results"));
  // b of equality mod 2 on 10 elements: log2(10! / (5! 5! 2)) = log2(126).
  const auto b = Query(dir / "study.db", "SELECT number FROM results WHERE run_hash = '' AND name = 'info_bound.b'");
  REQUIRE(b.size() == 1);
  CHECK(std::stod(b.front()) == Approx(std::log2(126.0)));
  CHECK(Query(dir / "study.db", "SELECT COUNT(*) FROM series WHERE run_hash = ''").front() != "0");
}

TEST_CASE("shards merged equal one unsharded run of the same study, run for run") {
  const fs::path dir = Fresh("shards");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 300\neval_every = 50\n"
                                         "[sweep]\n\"train.lr_enc\" = [1e-3, 3e-3, 1e-2]\nreplicates = 2\n");
  REQUIRE(Geneft("run " + study.string() + " --quiet --out " + (dir / "all.db").string()).exit_code == 0);
  REQUIRE(Geneft("run " + study.string() + " --quiet --shard 1/2").exit_code == 0);
  REQUIRE(Geneft("run " + study.string() + " --quiet --shard 2/2").exit_code == 0);
  CHECK(StoredRunCount(dir / "study.shard-1-of-2.db") == 3);
  const Result merged = Geneft("merge " + (dir / "merged.db").string() + " " +
                               (dir / "study.shard-1-of-2.db").string() + " " +
                               (dir / "study.shard-2-of-2.db").string());
  CHECK(merged.exit_code == 0);

  const std::string sql =
      "SELECT run_hash, status, steps_done, first_train_step, first_test_step, final_loss, "
      "test_accuracy FROM runs ORDER BY run_hash";
  CHECK(Query(dir / "merged.db", sql) == Query(dir / "all.db", sql));
  const std::string trajectory = "SELECT run_hash, step, loss FROM trajectories ORDER BY run_hash, step";
  CHECK(Query(dir / "merged.db", trajectory) == Query(dir / "all.db", trajectory));
  // Provenance comes along: the merged store knows which plugins wrote it.
  const std::string plugins = "SELECT kind, id, version, library_hash FROM plugins ORDER BY kind, id";
  CHECK(Query(dir / "merged.db", plugins) == Query(dir / "all.db", plugins));
  CHECK(Query(dir / "merged.db", plugins).size() == 2);
}

TEST_CASE("stores of different studies are not merged") {
  const fs::path dir = Fresh("merge_other");
  const fs::path a = WriteStudy(dir, "[train]\nsteps = 100\n");
  REQUIRE(Geneft("run " + a.string() + " --quiet --out " + (dir / "a.db").string()).exit_code == 0);
  WriteStudy(dir, "[train]\nsteps = 150\n");
  REQUIRE(Geneft("run " + a.string() + " --quiet --out " + (dir / "b.db").string()).exit_code == 0);
  const Result r = Geneft("merge " + (dir / "a.db").string() + " " + (dir / "b.db").string());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("holds a different study"));
}

TEST_CASE("a diverging run is stored with its reason, the study goes on and exits 3") {
  const fs::path dir = Fresh("diverge");
  const fs::path study = WriteStudy(
      dir, "[train]\nsteps = 200\noptimizer = \"sgd\"\n[sweep]\n\"train.lr_dec\" = [0.001, 1e30]\n");
  const Result r = Geneft("run " + study.string());
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.output, Catch::Contains("diverged"));
  CHECK_THAT(r.output, Catch::Contains("Termination: FINISHED WITH FAILURES"));
  const auto statuses = Query(dir / "study.db", "SELECT status FROM runs ORDER BY run_index");
  REQUIRE(statuses.size() == 2);
  CHECK(statuses[0] != "diverged");
  CHECK(statuses[1] == "diverged");
}

TEST_CASE("a study run again over stored failures still exits 3 and counts them as stored earlier") {
  const fs::path dir = Fresh("failures_stored");
  const fs::path study = WriteStudy(
      dir, "[train]\nsteps = 200\noptimizer = \"sgd\"\n[sweep]\n\"train.lr_dec\" = [0.001, 1e38]\n");
  REQUIRE(Geneft("run " + study.string() + " --quiet").exit_code == 3);
  const Result quiet = Geneft("run " + study.string() + " --quiet");
  CHECK(quiet.exit_code == 3);
  CHECK_THAT(quiet.output, Catch::Contains("1 diverged (stored earlier)"));
  const Result full = Geneft("run " + study.string());
  CHECK(full.exit_code == 3);
  CHECK_THAT(full.output, Catch::Contains("run 2 (train.lr_dec = 1e+38): diverged (stored earlier): loss became nan"));
  CHECK_THAT(full.output, Catch::Contains("Termination: FINISHED WITH FAILURES"));

  // A run that failed (its decoder mode throws) counts the same way.
  const fs::path failing = WriteStudy(dir, "[decoder_mode]\nplugin = \"throws_int\"\n[train]\nsteps = 10\n");
  const std::string plugins = " --plugin-path " GENEFT_TEST_PLUGIN_DIR " --out " + (dir / "failed.db").string();
  REQUIRE(Geneft("run " + failing.string() + " --quiet" + plugins).exit_code == 3);
  const Result again = Geneft("run " + failing.string() + " --quiet" + plugins);
  CHECK(again.exit_code == 3);
  CHECK_THAT(again.output, Catch::Contains("1 failed (stored earlier)"));
}

TEST_CASE("analyzer failures show with --quiet and exit 3, now and when stored earlier") {
  const fs::path dir = Fresh("analyzer_failure");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 10\n[sweep]\nreplicates = 2\n"
                                         "[[analyzer]]\nplugin = \"failing_analyzer\"\n");
  const std::string run = "run " + study.string() + " --quiet --plugin-path " GENEFT_TEST_PLUGIN_DIR;
  const Result first = Geneft(run);
  CHECK(first.exit_code == 3);
  CHECK_THAT(first.output, Catch::Contains("analyzer.failing_analyzer: analyze_run failed "
                                           "(invalid argument): run view has no predictions"));
  CHECK_THAT(first.output, Catch::Contains("(2 runs)"));
  const Result again = Geneft(run);
  CHECK(again.exit_code == 3);
  CHECK_THAT(again.output, Catch::Contains("2 analyzer failures (stored earlier)"));
  CHECK_THAT(again.output, Catch::Contains("analyze_run failed"));
}

TEST_CASE("an analyzer without an answer adds a note, stored with the run, and exits 0") {
  const fs::path dir = Fresh("analyzer_not_available");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 10\n[sweep]\nreplicates = 2\n"
                                         "[[analyzer]]\nplugin = \"failing_analyzer\"\n"
                                         "not_available = 1\n");
  const Result run =
      Geneft("run " + study.string() + " --quiet --plugin-path " GENEFT_TEST_PLUGIN_DIR);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.output, Catch::Contains("note: analyzer.failing_analyzer: analyze_run: not "
                                         "available: bound not available for this relation (2 runs)"));
  CHECK(Query(dir / "study.db", "SELECT text FROM results WHERE name = "
                                "'failing_analyzer.not_available'") ==
        std::vector<std::string>(2, "bound not available for this relation"));
}

TEST_CASE("geneft check counts runs and cost, and export writes CSV and JSON") {
  const fs::path dir = Fresh("export");
  const fs::path study = WriteStudy(dir, "[train]\nsteps = 100\n[sweep]\n\"model.width\" = [4, 8]\n");
  const Result check = Geneft("check " + study.string());
  CHECK(check.exit_code == 0);
  CHECK_THAT(check.output, Catch::Contains("runs: 2, cost: 200 training steps"));
  REQUIRE(Geneft("run " + study.string() + " --quiet").exit_code == 0);

  const Result csv = Geneft("export " + (dir / "study.db").string() + " --format csv");
  CHECK(csv.exit_code == 0);
  CHECK_THAT(csv.output, Catch::StartsWith("run_hash,run_index,replicate,status,"));
  // Header and one record per run; quoted fields may hold line breaks.
  size_t records = 0;
  bool quoted = false;
  for (char c : csv.output) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted) ++records;
  }
  CHECK(records == 3);
  const Result json = Geneft("export " + (dir / "study.db").string() + " --format json --table run_settings");
  CHECK_THAT(json.output, Catch::Contains("\"key\": \"model.width\""));
  CHECK(Geneft("export " + (dir / "study.db").string() + " --table runz").exit_code == 2);
}
