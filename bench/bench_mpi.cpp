// Issue 19's benchmark: runs per second of one fixed small study with the
// local scheduler (--jobs 1, --jobs 2) and under mpirun (1 and 2 ranks of
// one thread each), side by side in one invocation, interleaved; medians of
// `repeats`; the ratio 2 ranks / 1 rank; and the overhead per run (storing
// on rank 0 plus moving the run between ranks) against its training time
// and against a default run's (1e5 steps). Runs the geneft binary beside
// this one, as a user would. Prints figures, never fails on speed.
#include "small_study.h"

#include <fmt/core.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr int kRuns = geneft::bench::kSmallStudyRuns, kSteps = geneft::bench::kSmallStudySteps;
constexpr double kDefaultRunSteps = 1e5;

struct Measure {
  double study_seconds = 0;  // geneft's own "time" row: the study, without start-up
  double wall_seconds = 0;   // the whole command, MPI start-up included
  double train_ms = 0, store_ms = 0, move_ms = 0;  // per run, from "time per run"
};

struct Config {
  std::string name;
  std::string command;  // without --out
  std::vector<Measure> measures;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

// Runs `command` into a fresh store and reads the FullReport's rows.
bool RunOnce(const std::string& command, const fs::path& store, Measure* m, std::string* err) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(store.string() + suffix);
  const auto start = std::chrono::steady_clock::now();
  FILE* pipe = popen((command + " --out " + store.string() + " 2> /dev/null").c_str(), "r");
  if (pipe == nullptr) return *err = "cannot start: " + command, false;
  std::string out;
  char buf[4096];
  for (size_t got; (got = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, got);
  const int status = pclose(pipe);
  m->wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::smatch time, per_run, moving;
  if (status != 0 || !std::regex_search(out, time, std::regex(R"(\n  time +([0-9.]+) s\n)")) ||
      !std::regex_search(out, per_run, std::regex(R"(time per run +([0-9.]+) s training, ([0-9.]+) ms storing)")))
    return *err = "unexpected output (exit status " + std::to_string(status) + ") of " + command + ":\n" + out, false;
  m->study_seconds = std::stod(time[1]);
  m->train_ms = 1e3 * std::stod(per_run[1]);
  m->store_ms = std::stod(per_run[2]);
  if (std::regex_search(out, moving, std::regex(R"(ms storing, ([0-9.]+) ms moving)")))
    m->move_ms = std::stod(moving[1]);
  return true;
}

template <class F>
double MedianOf(const Config& c, F field) {
  std::vector<double> v;
  for (const Measure& m : c.measures) v.push_back(field(m));
  return Median(v);
}

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  const fs::path bin = fs::canonical("/proc/self/exe").parent_path();
  const fs::path geneft = bin / "geneft";
  const fs::path dir = fs::temp_directory_path() / fmt::format("geneft-bench-mpi-{}", getpid());
  fs::create_directories(dir);
  const fs::path study = dir / "bench-mpi.toml";
  std::ofstream(study) << geneft::bench::kSmallStudy;

  const std::string run = geneft.string() + " run " + study.string();
  std::vector<Config> configs = {{"local --jobs 1", run + " --jobs 1", {}},
                                 {"local --jobs 2", run + " --jobs 2", {}}};
#ifdef GENEFT_WITH_MPI
  const bool have_mpirun = std::system("command -v mpirun > /dev/null 2>&1") == 0;
  const std::string mpirun = std::string("mpirun") + (getuid() == 0 ? " --allow-run-as-root" : "");
  if (have_mpirun)
    for (int ranks : {1, 2})
      configs.push_back({fmt::format("mpirun -np {} --mpi", ranks),
                         fmt::format("{} -np {} {} --mpi --jobs 1", mpirun, ranks, run), {}});
#else
  const bool have_mpirun = false;
#endif

  std::string err;
  for (int r = 0; r < repeats; ++r)  // interleaved, so drift hits all alike
    for (Config& c : configs) {
      Measure m;
      if (!RunOnce(c.command, dir / "store.db", &m, &err)) {
        fmt::print(stderr, "bench_mpi: {}\n", err);
        return 1;
      }
      c.measures.push_back(m);
    }
  fs::remove_all(dir);

  fmt::print("study: {} runs of {} steps (mod 3, n = 30, concat, 3 x 50 tanh), {} repeats, "
             "{} hardware threads; medians\n\n",
             kRuns, kSteps, repeats, std::thread::hardware_concurrency());
  fmt::print("{:<22} {:>8} {:>10} {:>10} {:>12} {:>11} {:>10}\n", "", "runs/s", "study s", "wall s",
             "train ms/run", "store ms/run", "move ms/run");
  std::map<std::string, double> rate;
  for (const Config& c : configs) {
    rate[c.name] = kRuns / MedianOf(c, [](const Measure& m) { return m.study_seconds; });
    fmt::print("{:<22} {:>8.2f} {:>10.2f} {:>10.2f} {:>12.1f} {:>11.2f} {:>10.2f}\n", c.name,
               rate[c.name], MedianOf(c, [](const Measure& m) { return m.study_seconds; }),
               MedianOf(c, [](const Measure& m) { return m.wall_seconds; }),
               MedianOf(c, [](const Measure& m) { return m.train_ms; }),
               MedianOf(c, [](const Measure& m) { return m.store_ms; }),
               MedianOf(c, [](const Measure& m) { return m.move_ms; }));
  }
  fmt::print("\nratio local jobs 2 / jobs 1: {:.2f}\n", rate["local --jobs 2"] / rate["local --jobs 1"]);
  if (!have_mpirun) {
    fmt::print("MPI: not measured ({})\n", std::system("command -v mpirun > /dev/null 2>&1") == 0
                                               ? "this geneft was built without MPI"
                                               : "mpirun not found");
    return 0;
  }
  fmt::print("ratio MPI 2 ranks / 1 rank: {:.2f} (target >= 1.8 on 2 cores)\n",
             rate["mpirun -np 2 --mpi"] / rate["mpirun -np 1 --mpi"]);
  fmt::print("ratio MPI 1 rank / local jobs 1: {:.2f}\n",
             rate["mpirun -np 1 --mpi"] / rate["local --jobs 1"]);
  const Config& two = configs.back();
  const double overhead_ms = MedianOf(two, [](const Measure& m) { return m.store_ms + m.move_ms; });
  const double train_ms = MedianOf(two, [](const Measure& m) { return m.train_ms; });
  fmt::print("overhead per run with 2 ranks (store + move): {:.2f} ms = {:.3f}% of this study's "
             "training per run, {:.4f}% of a default run ({:.0f} steps, ~{:.1f} s here; target < 1%)\n",
             overhead_ms, 100 * overhead_ms / train_ms,
             100 * overhead_ms / (train_ms * kDefaultRunSteps / kSteps), kDefaultRunSteps,
             train_ms * kDefaultRunSteps / kSteps / 1e3);
  return 0;
}
