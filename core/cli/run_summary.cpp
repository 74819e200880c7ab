#include "cli/run_summary.h"

#include <geneft/common/relation_properties.h>

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


}  // namespace

std::string ConfigurationReport(const PreparedStudy& s) {
  const StudyConfig& c = s.config;
  const geneft_relation_info& info = s.FirstRelation().info();
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
                     "batch {}, study seed {}\n",
                     "training", t.fraction, t.steps, t.optimizer, t.lr_enc, t.lr_dec, t.wd_enc,
                     t.wd_dec, t.batch_size == 0 ? std::string("full") : std::to_string(t.batch_size),
                     c.study.seed);
  for (const PluginChoice& a : c.analyzers)
    out += fmt::format("  {:<14} analyzer.{}: {}\n", "analyzer", a.id, Params(a.params));
  return out;
}

std::string ReanalysisReport(const ReanalysisSummary& s) {
  if (s.analyzed.empty()) return "";
  std::string out = fmt::format("\nAnalyzed again over {} stored runs, without training\n", s.runs);
  for (const std::string& line : s.analyzed) out += "  " + line + "\n";
  if (s.runs_without_predictions > 0)
    out += fmt::format("  note: {} of the {} runs were stored without predictions (before store "
                       "schema 3): analyzers got probabilities = NULL for them\n",
                       s.runs_without_predictions, s.runs);
  const auto lines = [&](const std::map<std::string, size_t>& messages, const char* kind) {
    for (const auto& [message, runs] : messages)
      out += fmt::format("  {} {} ({} run{})\n", kind, message, runs, runs == 1 ? "" : "s");
  };
  lines(s.failures, "!");
  lines(s.notes, "note:");
  lines(s.warnings, "warning:");
  return out;
}

}  // namespace geneft
