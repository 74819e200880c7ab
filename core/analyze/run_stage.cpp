#include "analyze/run_stage.h"

#include "plugin/host.h"

namespace geneft {

void AnalyzeTrainedRun(const PreparedStudy& study, const RunSpec& run, const TrainResult& r,
                       const std::vector<const Analyzer*>& analyzers, AnalysisResults* out,
                       std::vector<std::string>* errors) {
  const Relation& relation = study.RelationOf(run);
  const Trajectory& t = r.trajectory;
  const geneft_relation_view relation_view{sizeof(geneft_relation_view), &relation.info(),
                                           relation.labels().data(), &run.settings, Host()};
  geneft_run_view view{};
  view.struct_size = sizeof(geneft_run_view);
  view.relation = &relation_view;
  view.train_mask = r.train_mask.data();
  view.run_params = &run.settings;
  view.embedding_dim = r.embedding_dim;
  view.embeddings = r.embeddings.data();
  view.trajectory_length = t.step.size();
  view.trajectory_step = t.step.data();
  view.trajectory_loss = t.loss.data();
  view.trajectory_train_accuracy = t.train_accuracy.data();
  view.trajectory_test_accuracy = t.test_accuracy.data();
  view.trajectory_all_accuracy = t.all_accuracy.data();
  view.budget_steps = run.config.train.steps;
  view.steps_done = r.steps_done;
  view.first_train_step = r.first_train_step;
  view.first_test_step = r.first_test_step;
  view.diverged = r.status == RunStatus::kDiverged ? 1 : 0;
  if (!r.probabilities.empty()) {
    view.class_count = r.class_count;
    view.probabilities = r.probabilities.data();
  }

  for (const Analyzer* analyzer : analyzers) {
    std::string why;
    if (!AnalyzeRun(*analyzer, view, out, &why)) errors->push_back(why);
  }
}

std::vector<const Analyzer*> StudyAnalyzers(const PreparedStudy& study) {
  std::vector<const Analyzer*> out;
  for (const auto& a : study.analyzers) out.push_back(a.get());
  return out;
}

}  // namespace geneft
