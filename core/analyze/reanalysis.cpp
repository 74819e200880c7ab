#include "analyze/reanalysis.h"

#include "analyze/run_stage.h"
#include "store/provenance.h"
#include "train/trainer.h"

#include <algorithm>

namespace geneft {
namespace {

std::string OneLine(std::string text) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  std::replace(text.begin(), text.end(), '\n', ',');
  return text.empty() ? "defaults" : text;
}

// Why `stored` (nullptr: none) is not `current`; "" when it is.
std::string Difference(const StoredPlugin* stored, const StoredPlugin& current,
                       bool* analysis_changed) {
  *analysis_changed = true;
  if (stored == nullptr) return "new";
  if (stored->params != current.params)
    return "parameters changed (" + OneLine(stored->params) + " -> " + OneLine(current.params) + ")";
  *analysis_changed = false;
  if (stored->version != current.version)
    return "version " + stored->version + " -> " + current.version;
  return "";
}

// A stored run read back as the trainer returned it: what the live per-run
// stage saw, with the train mask recomputed by the trainer's own split.
// *has_predictions false for a run stored before predictions were.
bool LoadTrainedRun(StoreReader& reader, const PreparedStudy& study, const RunSpec& run,
                    const StoredRun& stored, TrainResult* out, bool* has_predictions,
                    std::string* err) {
  std::vector<TrajectoryPoint> trajectory;
  std::vector<EmbeddingValue> embedding;
  StoredPredictions predictions;
  if (!reader.Trajectory(run.hash, &trajectory, err) ||
      !reader.Embedding(run.hash, &embedding, err) ||
      !reader.Predictions(run.hash, &predictions, has_predictions, err))
    return false;
  out->class_count = predictions.class_count;
  out->probabilities = std::move(predictions.probabilities);
  out->status = stored.status == "diverged" ? RunStatus::kDiverged : RunStatus::kCompleted;
  out->steps_done = stored.steps_done.value_or(0);
  out->first_train_step = stored.first_train_step.value_or(-1);
  out->first_test_step = stored.first_test_step.value_or(-1);
  out->first_all_step = stored.first_all_step.value_or(-1);
  out->diverged_step = stored.diverged_step.value_or(-1);
  Trajectory& t = out->trajectory;
  for (const TrajectoryPoint& p : trajectory) {
    t.step.push_back(p.step), t.loss.push_back(p.loss);
    t.train_accuracy.push_back(p.train_accuracy), t.test_accuracy.push_back(p.test_accuracy);
    t.all_accuracy.push_back(p.all_accuracy);
  }
  for (const EmbeddingValue& e : embedding) {
    out->embedding_dim = std::max<uint32_t>(out->embedding_dim, static_cast<uint32_t>(e.dim + 1));
    out->embeddings.push_back(static_cast<float>(e.value));
  }
  out->train_mask = TrainMask(study.RelationOf(run).n(), run.config.train);
  return true;
}

}  // namespace

std::vector<StaleAnalyzer> StaleAnalyzers(const PreparedStudy& study,
                                          const std::vector<StoredPlugin>& stored, bool all) {
  std::vector<StaleAnalyzer> out;
  for (size_t i = 0; i < study.analyzers.size(); ++i) {
    const PluginChoice& choice = study.config.analyzers[i];
    StaleAnalyzer s;
    s.analyzer = study.analyzers[i].get();
    s.current = CurrentProvenance(study.registry, PluginKind::kAnalyzer, choice.id,
                                  AnalyzerParamsText(choice));
    const auto row = std::find_if(stored.begin(), stored.end(), [&](const StoredPlugin& p) {
      return p.kind == "analyzer" && p.id == choice.id;
    });
    s.why = Difference(row == stored.end() ? nullptr : &*row, s.current, &s.analysis_changed);
    if (s.why.empty() && all) s.why = "asked for (--all)";
    if (!s.why.empty()) out.push_back(std::move(s));
  }
  return out;
}

bool ReanalyzeStoredRuns(const PreparedStudy& study, const std::vector<StaleAnalyzer>& stale,
                         ResultStore& store, ReanalysisSummary* summary, std::string* err) {
  if (stale.empty()) return true;
  std::vector<StoredRun> stored;
  if (!store.reader().Runs(&stored, err)) return false;
  std::map<std::string, const RunSpec*> by_hash;
  for (const RunSpec& run : study.runs) by_hash[run.hash] = &run;

  // Per analyzer: run hash -> results, and the reasons its failures change.
  std::vector<std::map<std::string, AnalysisResults>> results(stale.size());
  std::map<std::string, std::string> reasons;
  std::vector<size_t> analyzed(stale.size(), 0);
  for (const StoredRun& row : stored) {
    const auto spec = by_hash.find(row.hash);
    if (spec == by_hash.end() || row.status == "failed") continue;
    TrainResult trained;
    bool has_predictions = false;
    if (!LoadTrainedRun(store.reader(), study, *spec->second, row, &trained, &has_predictions,
                        err))
      return false;
    ++summary->runs;
    if (!has_predictions) ++summary->runs_without_predictions;
    std::string& reason = reasons.emplace(row.hash, row.reason).first->second;
    for (size_t i = 0; i < stale.size(); ++i) {
      if (!stale[i].analyzer->HasRunStage()) continue;
      AnalysisResults& out = results[i][row.hash];
      std::vector<std::string> errors;
      AnalyzeTrainedRun(study, *spec->second, trained, {stale[i].analyzer}, &out, &errors);
      ++analyzed[i];
      reason = WithAnalyzerFailure(reason, stale[i].analyzer->id(),
                                   errors.empty() ? "" : errors.front());
      for (const std::string& e : errors) ++summary->failures[e];
      for (const std::string& n : out.notes) ++summary->notes[n];
      for (const std::string& w : out.warnings) ++summary->warnings[w];
    }
  }
  for (size_t i = 0; i < stale.size(); ++i) {
    if (!store.ReplaceAnalyzerResults(stale[i].current, results[i], reasons, err)) return false;
    summary->analyzed.push_back(stale[i].analyzer->id() + ": " + stale[i].why + ", " +
                                std::to_string(analyzed[i]) + " runs");
  }
  return true;
}

bool ReanalyzeChangedAnalysis(const PreparedStudy& study, ResultStore& store,
                              ReanalysisSummary* summary, std::string* err) {
  std::vector<StoredPlugin> provenance;
  if (!store.reader().Plugins(&provenance, err)) return false;
  std::vector<StaleAnalyzer> changed;
  for (StaleAnalyzer& s : StaleAnalyzers(study, provenance, false)) {
    if (s.analysis_changed)
      changed.push_back(std::move(s));
    else
      summary->other_versions.push_back("analyzer " + s.analyzer->id() +
                                        " came from another version (" + s.why + ")");
  }
  return ReanalyzeStoredRuns(study, changed, store, summary, err);
}

}  // namespace geneft
