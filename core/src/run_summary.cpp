#include "run_summary.h"

#include "relation_properties.h"

#include <fmt/core.h>

#include <cmath>

namespace geneft {
namespace {

std::string Params(const ParamSet& params) {
  std::string out;
  for (const auto& [key, value] : params.values)
    out += (out.empty() ? "" : ", ") + key + " = " + ParamValueToString(value);
  return out.empty() ? "(no parameters)" : out;
}

std::string Passage(int64_t step, double threshold) {
  return step < 0 ? fmt::format("never reached {:g}", threshold)
                  : fmt::format("first >= {:g} at step {}", threshold, step);
}

double Last(const std::vector<double>& v) { return v.empty() ? std::nan("") : v.back(); }

}  // namespace

std::string ConfigurationReport(const PreparedStudy& s) {
  const StudyConfig& c = s.config;
  const geneft_relation_info& info = s.relation->info();
  std::string out;
  out += fmt::format("Study {}  ({})\n", c.study.name, c.file.string());
  if (!c.study.description.empty()) out += fmt::format("  {}\n", c.study.description);
  out += fmt::format("  {:<14} relation.{}: {}\n", "relation", c.relation.id, Params(c.relation.params));
  out += fmt::format("  {:<14} n = {}, {} label classes, declared: {}\n", "", info.n,
                     info.num_classes, PropertyNames(info.properties));
  out += fmt::format("  {:<14} decoder_mode.{}: {}\n", "decoder mode", c.decoder_mode.id,
                     Params(c.decoder_mode.params));
  const ModelOptions& m = c.model;
  out += fmt::format("  {:<14} d = {}, encoder init {} x {:g}; {} hidden layers of {} ({}), init x {:g}\n",
                     "model", m.embedding_dim, m.encoder_init, m.encoder_init_scale, m.depth,
                     m.width, m.activation, m.decoder_init_scale);
  const TrainOptions& t = c.train;
  out += fmt::format("  {:<14} fraction {:g}, {} steps, {}, lr enc/dec {:g}/{:g}, wd enc/dec {:g}/{:g}, "
                     "batch {}, seed {}\n",
                     "training", t.fraction, t.steps, t.optimizer, t.lr_enc, t.lr_dec, t.wd_enc,
                     t.wd_dec, t.batch_size == 0 ? std::string("full") : std::to_string(t.batch_size),
                     t.seed);
  for (const PluginChoice& a : c.analyzers)
    out += fmt::format("  {:<14} analyzer.{}: {}\n", "analyzer", a.id, Params(a.params));
  return out;
}

std::string RunReport(const PreparedStudy& s, const RunOutcome& o) {
  const TrainResult& r = o.train;
  const Trajectory& t = r.trajectory;
  const double threshold = s.config.train.threshold;
  std::string out = "\nRun\n";
  out += fmt::format("  {:<20} {} / {}\n", "steps", r.steps_done, s.config.train.steps);
  out += fmt::format("  {:<20} {:.4f}\n", "final loss", Last(t.loss));
  out += fmt::format("  {:<20} {:.4f}   ({})\n", "train accuracy", Last(t.train_accuracy),
                     Passage(r.first_train_step, threshold));
  out += fmt::format("  {:<20} {:.4f}   ({})\n", "test accuracy", Last(t.test_accuracy),
                     Passage(r.first_test_step, threshold));
  out += fmt::format("  {:<20} {:.4f}   ({})\n", "all-pairs accuracy", Last(t.all_accuracy),
                     Passage(r.first_all_step, threshold));
  out += fmt::format("  {:<20} {:.2f} s  ({:.0f} steps/s)\n", "time", r.seconds,
                     r.seconds > 0 ? r.steps_done / r.seconds : 0.0);
  if (!o.analysis.scalars.empty() || !o.analysis.texts.empty()) out += "\nAnalyzers\n";
  for (const auto& [name, value] : o.analysis.scalars)
    out += fmt::format("  {:<28} {:.6g}\n", name, value);
  for (const auto& [name, value] : o.analysis.texts) out += fmt::format("  {:<28} {}\n", name, value);
  for (const std::string& e : o.analysis_errors) out += fmt::format("  failed: {}\n", e);
  std::string reason = r.reason;
  if (reason.empty()) {
    reason = r.status == RunStatus::kStoppedEarly ? "train and test accuracy both reached the threshold"
                                                  : "step budget used";
  }
  out += fmt::format("\nTermination: {} ({})\n", RunStatusName(r.status), reason);
  return out;
}

std::string BriefRunReport(const RunOutcome& o, double threshold) {
  const TrainResult& r = o.train;
  const auto passage = [&](int64_t step) {
    return step < 0 ? std::string("never") : fmt::format(">={:g} at {}", threshold, step);
  };
  return fmt::format("{}: train {:.3f} ({}), test {:.3f} ({}), {:.1f} s", RunStatusName(r.status),
                     Last(r.trajectory.train_accuracy), passage(r.first_train_step),
                     Last(r.trajectory.test_accuracy), passage(r.first_test_step), r.seconds);
}

}  // namespace geneft
