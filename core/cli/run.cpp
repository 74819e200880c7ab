// geneft check / geneft run: validate a study, then run what the store lacks.
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_steps.h"
#include "cli/run_summary.h"
#include "run/study_runner.h"
#include "run/study_session.h"
#include "store/result_store.h"
#include "study/prepared_study.h"

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <map>

namespace geneft::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void OnInterrupt(int) { g_stop.store(true, std::memory_order_relaxed); }

// Parses the command line (flags into the options' targets, the study file
// into *file). Returns -1, or an exit code.
int ParseRunArgs(const Args& args, boost::program_options::options_description options,
                 const char* usage, RunFlags* flags, std::string* file) {
  AddStudyTrustOption(&options, &flags->common);
  if (int code = ParseOptions(args, options, "study", file); code >= 0) return code;
  if (file->empty()) return Fail(kExitBadInput, std::string("missing study file; usage: ") + usage);
  return -1;
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
  const double test_accuracy = stored->test_accuracy.value_or(nan);
  if (std::isnan(test_accuracy))  // no test pair: every pair is in the training set
    fmt::print("  {:<20} none: train.fraction = {:g} leaves no test pairs\n", "test accuracy",
               run.config.train.fraction);
  else
    fmt::print("  {:<20} {:.4f}   ({})\n", "test accuracy", test_accuracy,
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

}  // namespace

int LoadRunStudy(const std::string& file, const RunFlags& flags, bool print_warnings,
                 PreparedStudy* study, std::string* err) {
  StudyConfig config;
  if (!LoadStudy(file, &config, err)) return kExitBadInput;
  const bool ok = PrepareStudy(std::move(config), StudyPluginSources(flags.common), study, err);
  if (print_warnings) PrintPluginPathMessages(flags.common, study->plugin_warnings, study->plugin_notes);
  return ok ? -1 : kExitBadInput;
}

int OpenRunStore(const PreparedStudy& study, const RunFlags& flags, StudyRunOptions* options,
                 StudyStore* store, std::string* err) {
  options->jobs = flags.jobs;
  options->quiet = flags.common.quiet;
  if (!ParseShard(flags.shard, options, err)) return kExitBadInput;
  const StoreRequest request{flags.out, flags.new_store, flags.shard, flags.command_line};
  bool bad_input = false;
  const bool opened = OpenStudyStore(study, request, *options, store, &bad_input, err);
  if (!store->kept.empty()) fmt::print(stderr, "geneft: previous store kept as {}\n", store->kept.string());
  if (!opened) return bad_input ? kExitBadInput : kExitInternal;
  return -1;
}

const std::atomic<bool>& StopOnSignals() {
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
  return g_stop;
}

int RunAndReport(const PreparedStudy& study, const RunFlags& flags, const StudyRunOptions& options,
                 Scheduler& scheduler, StudyStore& store, StudySummary* summary) {
  if (!store.store.migration().empty()) fmt::print(stderr, "geneft: {}\n", store.store.migration());
  if (!flags.common.quiet) fmt::print("{}", ConfigurationReport(study));
  const std::atomic<bool>& stop = StopOnSignals();
  std::string err;
  ReanalysisSummary reanalysis;
  if (!RunAndAnalyze(study, options, scheduler, store, stop, summary, &reanalysis, &err))
    return Fail(kExitInternal, err);
  for (const std::string& v : reanalysis.other_versions)
    fmt::print(stderr, "geneft: stored results of {}; `geneft analyze {}` refreshes them\n", v,
               store.path.string());

  if (study.runs.size() == 1)
    PrintSingleRun(store.store.reader(), study.runs.front(), study.config.train.threshold);
  fmt::print("{}", ReanalysisReport(reanalysis));
  fmt::print("{}", flags.common.quiet ? BriefStudyReport(*summary) + "\n"
                                      : FullStudyReport(study, *summary, store.path.string()));
  if (summary->interrupted) return kExitRunsFailed;
  return HasFailures(*summary) ? kExitRunsFailed : kExitOk;
}

int Check(const Args& args) {
  RunFlags flags;
  PreparedStudy study;
  namespace po = boost::program_options;
  auto options = CommonOptionsDescription("geneft check STUDY.toml [options]", &flags.common);
  options.add_options()("out,o", po::value(&flags.out),
                        "the results store to look into (default: STUDY.db beside the study)");
  std::string file, err;
  if (int code = ParseRunArgs(args, options, "geneft check STUDY.toml", &flags, &file); code >= 0)
    return code;
  if (int code = LoadRunStudy(file, flags, true, &study, &err); code >= 0) return Fail(code, err);
  fmt::print("{}", ConfigurationReport(study));
  std::string axes;
  for (const SweepAxis& a : study.sweep.axes) {
    std::string keys;
    for (const std::string& k : a.keys) keys += (keys.empty() ? "" : " + ") + k;
    axes += fmt::format("\n  {:<14} {} ({} values)", "sweep", keys, a.size());
  }
  if (study.sweep.replicates > 1) axes += fmt::format("\n  {:<14} x {} replicates", "", study.sweep.replicates);
  StoreRequest store;
  store.out = flags.out;
  fmt::print("{}\n\n  runs: {}, cost: {} training steps ({:.3g} per run)\n  store: {}\n"
             "ok: study is valid\n",
             axes, study.runs.size(), study.TotalSteps(),
             static_cast<double>(study.TotalSteps()) / study.runs.size(),
             StoreState(study, StorePathFor(study, store, StudyRunOptions{})));
  return kExitOk;
}

#ifndef GENEFT_WITH_MPI
int RunOnMpi(const RunFlags&, const std::string&) {
  return Fail(kExitBadInput,
              "--mpi: this geneft was built without MPI; install its packages "
              "(bash scripts/install-deps.sh --mpi) and build again");
}
#endif

int Run(const Args& args) {
  RunFlags flags;
  namespace po = boost::program_options;
  auto options = CommonOptionsDescription("geneft run STUDY.toml [options]", &flags.common);
  options.add_options()("jobs,j", po::value(&flags.jobs),
                        "runs at once (default: one per core; with --mpi, per rank)")(
      "out,o", po::value(&flags.out), "the results store (default: STUDY.db beside the study)")(
      "new-store", po::bool_switch(&flags.new_store),
      "start a new store, moving an existing one aside")(
      "shard", po::value(&flags.shard), "run only shard I of N (I/N) into its own store")(
      "mpi", po::bool_switch(&flags.mpi),
      "run as one rank of an MPI job (mpirun, srun): rank 0 stores, every rank trains")(
      "mpi-timeout", po::value(&flags.mpi_timeout)->default_value(flags.mpi_timeout),
      "with --mpi: seconds without word from a rank before its runs go to others");
  std::string file, err;
  if (int code = ParseRunArgs(args, options, "geneft run STUDY.toml", &flags, &file); code >= 0)
    return code;
  flags.command_line = CommandLine("run", args);
  if (flags.mpi) return RunOnMpi(flags, file);

  PreparedStudy study;
  if (int code = LoadRunStudy(file, flags, true, &study, &err); code >= 0) return Fail(code, err);
  StudyRunOptions run_options;
  StudyStore store;
  if (int code = OpenRunStore(study, flags, &run_options, &store, &err); code >= 0)
    return Fail(code, err);
  ThreadPoolScheduler scheduler(flags.jobs);
  StudySummary summary;
  return RunAndReport(study, flags, run_options, scheduler, store, &summary);
}

}  // namespace geneft::cli
