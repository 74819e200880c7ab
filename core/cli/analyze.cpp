// geneft analyze: the analyzers of a study that are new, changed or of
// another version, run over the runs a store holds, without training; then
// every analyzer's study stage.
#include "analyze/reanalysis.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_summary.h"
#include "run/study_runner.h"
#include "store/provenance.h"
#include "store/result_store.h"
#include "train/trainer.h"

#include <fmt/core.h>

namespace geneft::cli {
namespace {

// The study `file` defines, or else the one the store at `store` was made
// with (its text as stored, read without writing).
bool LoadAnalyzedStudy(const std::string& file, const std::filesystem::path& store,
                       StudyConfig* config, std::string* err) {
  if (!file.empty()) return LoadStudy(file, config, err);
  StoreReader reader;
  if (!reader.Open(store, err)) return false;
  const std::string text = reader.StudyValue("text", err);
  const std::string name = reader.StudyValue("file", err);
  if (!err->empty()) return false;
  if (text.empty()) {
    *err = "store [" + store.string() + "]: holds no study definition; name it with --study";
    return false;
  }
  if (!ParseStudy(text, name + " (as stored in " + store.string() + ")", config, err)) return false;
  config->file = name;
  return true;
}

}  // namespace

int Analyze(const Args& args) {
  CommonOptions common;
  std::string store_arg, study_file;
  bool all = false;
  namespace po = boost::program_options;
  auto options = CommonOptionsDescription("geneft analyze STORE [--study STUDY.toml] [options]",
                                          &common);
  options.add_options()("study", po::value(&study_file),
                        "the study whose analyzers to run (default: the one the store holds)")(
      "all", po::bool_switch(&all), "run every analyzer again, current or not");
  AddStudyTrustOption(&options, &common);
  if (int code = ParseOptions(args, options, "store", &store_arg); code >= 0) return code;
  if (store_arg.empty())
    return Fail(kExitBadInput, "missing store; usage: geneft analyze STORE [--study STUDY.toml]");
  const std::filesystem::path store_path = store_arg;

  std::string err;
  StudyConfig config;
  if (!LoadAnalyzedStudy(study_file, store_path, &config, &err)) return Fail(kExitBadInput, err);
  PreparedStudy study;
  const bool prepared = PrepareStudy(std::move(config), StudyPluginSources(common), &study, &err);
  PrintPluginPathMessages(common, study.plugin_warnings, study.plugin_notes);
  if (!prepared) return Fail(kExitBadInput, err);

  StoreLock lock;
  if (!lock.Acquire(store_path, CommandLine("analyze", args), &err))
    return Fail(lock.busy() ? kExitBadInput : kExitInternal, err);
  ResultStore store;
  if (!store.Open(lock, &err)) return Fail(kExitInternal, err);
  if (!store.migration().empty()) fmt::print(stderr, "geneft: {}\n", store.migration());
  if (!store.BindStudy(study, "", &err)) return Fail(kExitBadInput, err);

  std::vector<StoredPlugin> provenance;
  if (!store.reader().Plugins(&provenance, &err)) return Fail(kExitInternal, err);
  const std::vector<StaleAnalyzer> stale = StaleAnalyzers(study, provenance, all);
  const int64_t steps_before = TrainingStepsTaken();
  ReanalysisSummary reanalysis;
  StudySummary summary;
  if (!ReanalyzeStoredRuns(study, stale, store, &reanalysis, &err) ||
      !AnalyzeStoredStudy(study, store, &summary, &err) || !store.UpdateDefinition(study, &err))
    return Fail(kExitInternal, err);

  if (stale.empty()) fmt::print("every analyzer's stored results are current\n");
  fmt::print("{}", ReanalysisReport(reanalysis));
  if (const std::string kept = KeptResultsNote(AnalyzersNoLongerNamed(provenance, study.definition));
      !kept.empty())
    fmt::print("note: {}\n", kept);
  if (common.verbose)
    fmt::print("training steps taken: {}\n", TrainingStepsTaken() - steps_before);
  for (const std::string& e : summary.analyzer_errors) fmt::print("  ! study analyzer: {}\n", e);
  for (const auto& [message, runs] : summary.analyzer_notes) fmt::print("  note: {}\n", message);
  for (const auto& [message, runs] : summary.analyzer_warnings)
    fmt::print("  warning: {}\n", message);
  if (!summary.study_results.empty()) fmt::print("\nStudy results\n");
  for (const std::string& line : summary.study_results) fmt::print("  {}\n", line);
  const bool failed = !reanalysis.failures.empty() || !summary.analyzer_errors.empty();
  return failed ? kExitRunsFailed : kExitOk;
}

}  // namespace geneft::cli
