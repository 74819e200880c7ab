#include "run/run_executor.h"

namespace geneft {

bool ExecuteRun(const PreparedStudy& study, const RunSpec& run, RunOutcome* out,
                std::string* err, const std::atomic<bool>* cancel) {
  const Relation& relation = study.RelationOf(run);
  const TrainOptions& train = run.config.train;
  const ParamSet& run_settings = run.settings;
  const TrainingTask task{relation.n(), relation.info().num_classes, &relation.labels()};
  if (!Train(run.config.model, train, study.DecoderModeOf(run), task, &out->train, err, cancel))
    return false;

  const TrainResult& r = out->train;
  const Trajectory& t = r.trajectory;
  const geneft_relation_view relation_view{sizeof(geneft_relation_view), &relation.info(),
                                           relation.labels().data(), &run_settings};
  geneft_run_view view{};
  view.struct_size = sizeof(geneft_run_view);
  view.relation = &relation_view;
  view.train_mask = r.train_mask.data();
  view.run_params = &run_settings;
  view.embedding_dim = r.embedding_dim;
  view.embeddings = r.embeddings.data();
  view.trajectory_length = t.step.size();
  view.trajectory_step = t.step.data();
  view.trajectory_loss = t.loss.data();
  view.trajectory_train_accuracy = t.train_accuracy.data();
  view.trajectory_test_accuracy = t.test_accuracy.data();
  view.trajectory_all_accuracy = t.all_accuracy.data();
  view.budget_steps = train.steps;
  view.steps_done = r.steps_done;
  view.first_train_step = r.first_train_step;
  view.first_test_step = r.first_test_step;
  view.diverged = r.status == RunStatus::kDiverged ? 1 : 0;

  for (const auto& analyzer : study.analyzers) {
    std::string why;
    if (!AnalyzeRun(*analyzer, view, &out->analysis, &why)) out->analysis_errors.push_back(why);
  }
  return true;
}

}  // namespace geneft
