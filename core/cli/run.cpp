// geneft check / geneft run: validate a study, then run what the store lacks.
#include "analyze/reanalysis.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_summary.h"
#include "run/study_runner.h"
#include "store/result_store.h"
#include "store/set_aside.h"
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
  AddStudyTrustOption(&options, &flags->common);
  if (int code = ParseOptions(args, options, "study", &file); code >= 0) return code;
  if (file.empty()) return Fail(kExitBadInput, std::string("missing study file; usage: ") + usage);
  StudyConfig config;
  std::string err;
  if (!LoadStudy(file, &config, &err)) return Fail(kExitBadInput, err);
  const bool ok = PrepareStudy(std::move(config), StudyPluginSources(flags->common), study, &err);
  PrintPluginPathMessages(flags->common, study->plugin_warnings, study->plugin_notes);
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
  const std::string definition = store.Open(path, &err) ? store.StudyValue("definition", &err) : "";
  if (!err.empty() || !store.RunStatuses(&stored, &err)) return err;
  if (!definition.empty() && TrainingFingerprint(definition) != study.fingerprint) {
    std::string changed = DefinitionDiff(TrainingPart(definition), study.training_definition);
    if (!changed.empty()) changed.pop_back();  // the final line break
    return path.string() + " holds a different study definition (geneft run refuses it; " +
           "--new-store keeps it aside and starts afresh); what changed:\n" + changed;
  }
  size_t done = 0;
  for (const RunSpec& run : study.runs) done += stored.count(run.hash);
  return fmt::format("{}: {} of {} runs stored, {} to train", path.string(), done,
                     study.runs.size(), study.runs.size() - done);
}

// A study whose analysis changed since the store was made (an analyzer
// added, or its parameters) is analyzed over the stored runs, no training.
// Results of another analyzer version are only named: `geneft analyze`
// refreshes them.
bool AnalyzeChangedAnalysis(const PreparedStudy& study, ResultStore& store,
                            ReanalysisSummary* summary, std::string* err) {
  std::vector<StoredPlugin> provenance;
  if (!store.reader().Plugins(&provenance, err)) return false;
  std::vector<StaleAnalyzer> changed;
  for (StaleAnalyzer& s : StaleAnalyzers(study, provenance, false)) {
    if (s.analysis_changed) changed.push_back(std::move(s));
    else
      fmt::print(stderr,
                 "geneft: stored results of analyzer {} came from another version ({}); "
                 "`geneft analyze {}` refreshes them\n",
                 s.analyzer->id(), s.why, store.reader().path().string());
  }
  return ReanalyzeStoredRuns(study, changed, store, summary, err);
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
             StoreState(study, StorePath(study, flags, StudyRunOptions{})));
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
  // The lock first: --new-store must not move a store another run writes.
  StoreLock lock;
  if (!lock.Acquire(store_path, CommandLine("run", args), &err))
    return Fail(lock.busy() ? kExitBadInput : kExitInternal, err);
  std::filesystem::path kept;
  if (flags.new_store && !SetAsideStore(store_path, &kept, &err)) return Fail(kExitInternal, err);
  if (!kept.empty()) fmt::print(stderr, "geneft: previous store kept as {}\n", kept.string());

  ResultStore store;
  if (!store.Open(lock, &err)) return Fail(kExitInternal, err);
  if (!store.migration().empty()) fmt::print(stderr, "geneft: {}\n", store.migration());
  if (!store.BindStudy(study, flags.shard, &err)) return Fail(kExitBadInput, err);
  if (!flags.common.quiet) fmt::print("{}", ConfigurationReport(study));
  ReanalysisSummary reanalysis;
  if (!AnalyzeChangedAnalysis(study, store, &reanalysis, &err)) return Fail(kExitInternal, err);

  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
  ThreadPoolScheduler scheduler(flags.jobs);
  StudySummary summary;
  if (!RunStudy(study, run_options, scheduler, store, g_stop, &summary, &err))
    return Fail(kExitInternal, err);
  if (!summary.interrupted && (!AnalyzeStoredStudy(study, store, &summary, &err) ||
                                !store.UpdateDefinition(study, &err)))
    return Fail(kExitInternal, err);

  if (study.runs.size() == 1)
    PrintSingleRun(store.reader(), study.runs.front(), study.config.train.threshold);
  fmt::print("{}", ReanalysisReport(reanalysis));
  fmt::print("{}", flags.common.quiet ? BriefStudyReport(summary) + "\n"
                                      : FullStudyReport(study, summary, store_path.string()));
  if (summary.interrupted) return kExitRunsFailed;
  return HasFailures(summary) ? kExitRunsFailed : kExitOk;
}

}  // namespace geneft::cli
