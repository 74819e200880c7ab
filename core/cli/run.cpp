// geneft check / geneft run: validate a study, then run what the store lacks.
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_summary.h"
#include "run/study_session.h"
#include "study/prepared_study.h"

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <map>
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

// One-run studies end with the run's own report, read back from the store
// so that a resumed study prints the same thing.
void PrintSingleRun(StoreReader& store, const RunSpec& run, double threshold) {
  std::string err;
  std::vector<StoredRun> runs;
  std::vector<StoredResult> results;
  if (!store.Runs(&runs, &err) || !store.Results(&results, &err)) return;
  const auto stored = std::find_if(runs.begin(), runs.end(),
                                   [&](const StoredRun& r) { return r.hash == run.hash; });
  if (stored == runs.end()) return;
  const auto passage = [&](const std::optional<int64_t>& step) {
    return !step || *step < 0 ? fmt::format("never reached {:g}", threshold)
                              : fmt::format("first >= {:g} at step {}", threshold, *step);
  };
  const double nan = std::nan("");
  const int64_t steps = stored->steps_done.value_or(0);
  const double seconds = stored->seconds.value_or(nan);
  fmt::print("\nRun {} ({})\n", run.hash, stored->status);
  fmt::print("  {:<20} {:.4f}   ({})\n", "train accuracy", stored->train_accuracy.value_or(nan),
             passage(stored->first_train_step));
  fmt::print("  {:<20} {:.4f}   ({})\n", "test accuracy", stored->test_accuracy.value_or(nan),
             passage(stored->first_test_step));
  fmt::print("  {:<20} {:.4f}\n", "all-pairs accuracy", stored->all_accuracy.value_or(nan));
  fmt::print("  {:<20} {} in {:.2f} s ({:.0f} steps/s)\n", "steps", steps, seconds,
             seconds > 0 ? steps / seconds : 0.0);
  for (const StoredResult& r : results)
    if (r.run_hash == run.hash)
      fmt::print("  {:<32} {}\n", r.name,
                 r.number ? fmt::format("{:.6g}", *r.number) : r.text.value_or(""));
}

// What `geneft run` would find in the store at `path`, read without writing
// it (a store on a read-only file system, or one a run is writing, is fine).
std::string StoreState(const PreparedStudy& study, const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return fmt::format("{} (none yet: {} runs to train)", path.string(), study.runs.size());
  StoreReader store;
  std::string err;
  std::map<std::string, StoredStatus> stored;
  const std::string fingerprint = store.Open(path, &err) ? store.StudyValue("fingerprint", &err) : "";
  if (!err.empty() || !store.RunStatuses(&stored, &err)) return err;
  if (!fingerprint.empty() && fingerprint != study.fingerprint) {
    std::string changed = DefinitionDiff(store.StudyValue("definition", &err), study.definition);
    if (!changed.empty()) changed.pop_back();  // the final line break
    return path.string() + " holds a different study definition (geneft run refuses it; " +
           "--new-store keeps it aside and starts afresh); what changed:\n" + changed;
  }
  size_t done = 0;
  for (const RunSpec& run : study.runs) done += stored.count(run.hash);
  return fmt::format("{}: {} of {} runs stored, {} to train", path.string(), done,
                     study.runs.size(), study.runs.size() - done);
}

}  // namespace

int Check(const Args& args) {
  RunFlags flags;
  PreparedStudy study;
  namespace po = boost::program_options;
  auto options = CommonOptionsDescription("geneft check STUDY.toml [options]", &flags.common);
  options.add_options()("out,o", po::value(&flags.out),
                        "the results store to look into (default: STUDY.db beside the study)");
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
  fmt::print("{}\n\n  runs: {}, cost: {} training steps ({:.3g} per run)\n  store: {}\n"
             "ok: study is valid\n",
             axes, study.runs.size(), study.TotalSteps(),
             static_cast<double>(study.TotalSteps()) / study.runs.size(),
             StoreState(study, StorePathFor(study, StoreRequest{flags.out}, StudyRunOptions{})));
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
  const StoreRequest request{flags.out, flags.new_store, flags.shard, CommandLine("run", args)};
  StudyStore store;
  bool bad_input = false;
  const bool opened = OpenStudyStore(study, request, run_options, &store, &bad_input, &err);
  if (!store.kept.empty()) fmt::print(stderr, "geneft: previous store kept as {}\n", store.kept.string());
  if (!opened) return Fail(bad_input ? kExitBadInput : kExitInternal, err);
  if (!flags.common.quiet) fmt::print("{}", ConfigurationReport(study));

  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
  StudySummary summary;
  if (!RunAndAnalyze(study, run_options, store, g_stop, &summary, &err))
    return Fail(kExitInternal, err);

  if (study.runs.size() == 1)
    PrintSingleRun(store.store.reader(), study.runs.front(), study.config.train.threshold);
  fmt::print("{}", flags.common.quiet ? BriefStudyReport(summary) + "\n"
                                      : FullStudyReport(study, summary, store.path.string()));
  if (summary.interrupted) return kExitRunsFailed;
  return HasFailures(summary) ? kExitRunsFailed : kExitOk;
}

}  // namespace geneft::cli
