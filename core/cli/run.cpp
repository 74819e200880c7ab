// geneft check / geneft run: validate a study, then run what the store lacks.
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_summary.h"
#include "run/study_runner.h"
#include "store/result_store.h"
#include "study/prepared_study.h"

#include <fmt/core.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <ctime>

namespace geneft::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnInterrupt(int) { g_stop.store(true, std::memory_order_relaxed); }

struct RunFlags {
  CommonOptions common;
  int jobs = 0;
  std::string out;
  bool new_store = false;
  std::string shard;  // "I/N", 1-based
};

// Loads, validates and prepares the study named on the command line.
int Prepare(const Args& args, boost::program_options::options_description options,
            const char* usage, RunFlags* flags, PreparedStudy* study) {
  std::string file;
  if (int code = ParseOptions(args, options, "study", &file); code >= 0) return code;
  if (file.empty()) return Fail(kExitBadInput, std::string("missing study file; usage: ") + usage);
  StudyConfig config;
  std::string err;
  if (!LoadStudy(file, &config, &err)) return Fail(kExitBadInput, err);
  const bool ok = PrepareStudy(std::move(config), ExtraDirs(flags->common), study, &err);
  for (const std::string& w : study->plugin_warnings) fmt::print(stderr, "geneft: warning: {}\n", w);
  return ok ? -1 : Fail(kExitBadInput, err);
}

bool ParseShard(const std::string& text, StudyRunOptions* o, std::string* err) {
  if (text.empty()) return true;
  int i = 0, n = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d/%d%c", &i, &n, &extra) != 2 || n < 1 || i < 1 || i > n) {
    *err = "--shard '" + text + "': expected I/N with 1 <= I <= N, e.g. --shard 2/8";
    return false;
  }
  o->shard_index = i - 1;
  o->shard_count = n;
  return true;
}

std::filesystem::path StorePath(const PreparedStudy& study, const RunFlags& f,
                                const StudyRunOptions& o) {
  if (!f.out.empty()) return f.out;
  std::filesystem::path p = study.config.file;
  std::string name = p.stem().string();
  if (o.shard_count > 1) name += fmt::format(".shard-{}-of-{}", o.shard_index + 1, o.shard_count);
  return p.replace_filename(name + ".db");
}

// Moves an existing store (and its WAL files) aside: nothing computed is lost.
bool SetAside(const std::filesystem::path& store, std::string* kept, std::string* err) {
  std::error_code ec;
  if (!std::filesystem::exists(store, ec)) return true;
  *kept = store.string() + "." + std::to_string(std::time(nullptr)) + ".old";
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::filesystem::path from = store.string() + suffix;
    if (std::filesystem::exists(from, ec)) std::filesystem::rename(from, *kept + suffix, ec);
    if (ec) return *err = "cannot move " + from.string() + " aside: " + ec.message(), false;
  }
  return true;
}

// One-run studies end with the run's own report, read back from the store
// so that a resumed study prints the same thing.
void PrintSingleRun(ResultStore& store, const RunSpec& run, double threshold) {
  std::string err;
  SqliteStatement s;
  if (!store.db().Prepare("SELECT status, train_accuracy, first_train_step, test_accuracy, "
                          "first_test_step, all_accuracy, steps_done, seconds FROM runs WHERE run_hash = ?",
                          &s, &err))
    return;
  s.Bind(1, run.hash);
  bool row = false;
  if (!s.Step(&row, &err) || !row) return;
  const auto passage = [&](int c) {
    return s.IsNull(c) || s.Int(c) < 0 ? fmt::format("never reached {:g}", threshold)
                                       : fmt::format("first >= {:g} at step {}", threshold, s.Int(c));
  };
  fmt::print("\nRun {} ({})\n", run.hash, s.Text(0));
  fmt::print("  {:<20} {:.4f}   ({})\n", "train accuracy", s.Double(1), passage(2));
  if (std::isnan(s.Double(3)))  // no test pair: every pair is in the training set
    fmt::print("  {:<20} none: train.fraction = {:g} leaves no test pairs\n", "test accuracy",
               run.config.train.fraction);
  else
    fmt::print("  {:<20} {:.4f}   ({})\n", "test accuracy", s.Double(3), passage(4));
  fmt::print("  {:<20} {:.4f}\n", "all-pairs accuracy", s.Double(5));
  fmt::print("  {:<20} {} in {:.2f} s ({:.0f} steps/s)\n", "steps", s.Int(6), s.Double(7),
             s.Double(7) > 0 ? s.Int(6) / s.Double(7) : 0.0);
  SqliteStatement results;
  if (!store.db().Prepare("SELECT name, number, text FROM results WHERE run_hash = ? ORDER BY name",
                          &results, &err))
    return;
  results.Bind(1, run.hash);
  for (bool more = false; results.Step(&more, &err) && more;)
    fmt::print("  {:<32} {}\n", results.Text(0),
               results.IsNull(1) ? results.Text(2) : fmt::format("{:.6g}", results.Double(1)));
}

}  // namespace

int Check(const Args& args) {
  RunFlags flags;
  PreparedStudy study;
  auto options = CommonOptionsDescription("geneft check STUDY.toml", &flags.common);
  if (int code = Prepare(args, options, "geneft check STUDY.toml", &flags, &study); code >= 0)
    return code;
  fmt::print("{}", ConfigurationReport(study));
  std::string axes;
  for (const SweepAxis& a : study.sweep.axes) {
    std::string keys;
    for (const std::string& k : a.keys) keys += (keys.empty() ? "" : " + ") + k;
    axes += fmt::format("\n  {:<14} {} ({} values)", "sweep", keys, a.size());
  }
  if (study.sweep.replicates > 1) axes += fmt::format("\n  {:<14} x {} replicates", "", study.sweep.replicates);
  fmt::print("{}\n\n  runs: {}, cost: {} training steps ({:.3g} per run)\nok: study is valid\n", axes,
             study.runs.size(), study.TotalSteps(),
             static_cast<double>(study.TotalSteps()) / study.runs.size());
  return kExitOk;
}

int Run(const Args& args) {
  RunFlags flags;
  PreparedStudy study;
  namespace po = boost::program_options;
  auto options = CommonOptionsDescription("geneft run STUDY.toml [options]", &flags.common);
  options.add_options()("jobs,j", po::value(&flags.jobs), "runs at once (default: one per core)")(
      "out,o", po::value(&flags.out), "the results store (default: STUDY.db beside the study)")(
      "new-store", po::bool_switch(&flags.new_store),
      "start a new store, moving an existing one aside")(
      "shard", po::value(&flags.shard), "run only shard I of N (I/N) into its own store");
  if (int code = Prepare(args, options, "geneft run STUDY.toml", &flags, &study); code >= 0)
    return code;

  StudyRunOptions run_options;
  run_options.jobs = flags.jobs;
  run_options.quiet = flags.common.quiet;
  std::string err;
  if (!ParseShard(flags.shard, &run_options, &err)) return Fail(kExitBadInput, err);
  const std::filesystem::path store_path = StorePath(study, flags, run_options);
  std::string kept;
  if (flags.new_store && !SetAside(store_path, &kept, &err)) return Fail(kExitInternal, err);
  if (!kept.empty()) fmt::print(stderr, "geneft: previous store kept as {}\n", kept);

  ResultStore store;
  if (!store.Open(store_path, &err)) return Fail(kExitInternal, err);
  if (!store.BindStudy(study, flags.shard, &err)) return Fail(kExitBadInput, err);
  if (!flags.common.quiet) fmt::print("{}", ConfigurationReport(study));

  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
  ThreadPoolScheduler scheduler(flags.jobs);
  StudySummary summary;
  if (!RunStudy(study, run_options, scheduler, store, g_stop, &summary, &err))
    return Fail(kExitInternal, err);
  if (!summary.interrupted && !AnalyzeStoredStudy(study, store, &summary, &err))
    return Fail(kExitInternal, err);

  if (study.runs.size() == 1) PrintSingleRun(store, study.runs.front(), study.config.train.threshold);
  fmt::print("{}", flags.common.quiet ? BriefStudyReport(summary) + "\n"
                                      : FullStudyReport(study, summary, store_path.string()));
  if (summary.interrupted) return kExitRunsFailed;
  return summary.failed + summary.diverged > 0 ? kExitRunsFailed : kExitOk;
}

}  // namespace geneft::cli
