#include "prepared_study.h"

#include <sstream>

namespace geneft {

void LoadPluginPath(const std::vector<std::filesystem::path>& path, PluginRegistry* registry,
                    std::vector<std::string>* warnings) {
  for (const std::filesystem::path& dir : path) {
    std::string err;
    if (!registry->LoadDirectory(dir, &err)) {
      std::istringstream lines(err);
      for (std::string line; std::getline(lines, line);) warnings->push_back(line);
    }
  }
}

bool PrepareStudy(StudyConfig config, const std::vector<std::filesystem::path>& extra_plugin_dirs,
                  PreparedStudy* out, std::string* err) {
  std::vector<std::filesystem::path> path = StudyPluginPath(config);
  path.insert(path.end(), extra_plugin_dirs.begin(), extra_plugin_dirs.end());
  LoadPluginPath(path, &out->registry, &out->plugin_warnings);
  if (!ResolvePlugins(out->registry, &config, err)) return false;

  out->relation = out->registry.CreateRelation(config.relation.id, config.relation.params, err);
  if (!out->relation) return false;
  out->decoder_mode =
      out->registry.CreateDecoderMode(config.decoder_mode.id, config.decoder_mode.params, err);
  if (!out->decoder_mode) return false;
  for (const PluginChoice& choice : config.analyzers) {
    auto analyzer = out->registry.CreateAnalyzer(choice.id, choice.params, err);
    if (!analyzer) return false;
    out->analyzers.push_back(std::move(analyzer));
  }
  out->config = std::move(config);
  return true;
}

ParamSet RunSettings(const StudyConfig& c) {
  ParamSet s;
  auto& v = s.values;
  v["model.embedding_dim"] = c.model.embedding_dim;
  v["model.encoder_init"] = c.model.encoder_init;
  v["model.encoder_init_scale"] = c.model.encoder_init_scale;
  v["model.depth"] = c.model.depth;
  v["model.width"] = c.model.width;
  v["model.activation"] = c.model.activation;
  v["model.decoder_init_scale"] = c.model.decoder_init_scale;
  v["train.fraction"] = c.train.fraction;
  v["train.steps"] = c.train.steps;
  v["train.optimizer"] = c.train.optimizer;
  v["train.lr_enc"] = c.train.lr_enc;
  v["train.lr_dec"] = c.train.lr_dec;
  v["train.wd_enc"] = c.train.wd_enc;
  v["train.wd_dec"] = c.train.wd_dec;
  v["train.batch_size"] = c.train.batch_size;
  v["train.eval_every"] = c.train.eval_every;
  v["train.threshold"] = c.train.threshold;
  v["train.seed"] = static_cast<int64_t>(c.train.seed);
  v["relation.plugin"] = c.relation.id;
  for (const auto& [key, value] : c.relation.params.values) v["relation." + key] = value;
  v["decoder_mode.plugin"] = c.decoder_mode.id;
  for (const auto& [key, value] : c.decoder_mode.params.values) v["decoder_mode." + key] = value;
  return s;
}

}  // namespace geneft
