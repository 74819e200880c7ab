#include "run/run_executor.h"

#include "analyze/run_stage.h"

namespace geneft {

bool ExecuteRun(const PreparedStudy& study, const RunSpec& run, RunOutcome* out,
                std::string* err, const std::atomic<bool>* cancel) {
  const Relation& relation = study.RelationOf(run);
  const TrainingTask task{relation.n(), relation.info().num_classes, &relation.labels()};
  if (!Train(run.config.model, run.config.train, study.DecoderModeOf(run), task, &out->train, err,
             cancel))
    return false;
  AnalyzeTrainedRun(study, run, out->train, StudyAnalyzers(study), &out->analysis,
                    &out->analysis_errors);
  return true;
}

}  // namespace geneft
