#include "study/prepared_study.h"

#include "train/rng.h"
#include "util/hashing.h"

#include <algorithm>
#include <sstream>

namespace geneft {
namespace {

std::string InstanceKey(const PluginChoice& choice) {
  std::string key = choice.id;
  for (const auto& [k, v] : choice.params.values) key += ";" + k + "=" + ParamValueToString(v);
  return key;
}

std::string NodeText(const toml::node& node) {
  std::ostringstream s;
  node.visit([&](const auto& v) {
    if constexpr (toml::is_floating_point<decltype(v)>) s << ShortestDouble(*v);
    else s << v;
  });
  return s.str();
}

std::string StudyFileName(const StudyConfig& config) {
  return config.file.empty() ? "<study>" : config.file.string();
}

// " (sweep point relation.n = 31, run 2 of 4)", appended to a message about
// one run of a sweep; "" when nothing is swept.
std::string PointContext(const PreparedStudy& study, const RunSpec& run) {
  if (run.swept.empty()) return "";
  std::string settings;
  for (const auto& [k, v] : run.swept) settings += (settings.empty() ? "" : ", ") + k + " = " + v;
  return " (sweep point " + settings + ", run " + std::to_string(run.index + 1) + " of " +
         std::to_string(study.runs.size()) + ")";
}

// Applies one sweep point to the study and resolves it into a RunSpec.
bool ResolveRun(const PreparedStudy& study, const SweepPoint& point, size_t index, RunSpec* run,
                std::string* err) {
  toml::table root = study.config.root;
  root.erase("sweep");
  for (const auto& [key, value] : point.values) {
    SetSetting(&root, key, *value.get(0), study.sweep.KeyRegion(key));
    run->swept.emplace_back(key, NodeText(*value.get(0)));
  }
  run->index = index;
  std::string why;
  if (!ParseStudyTable(root, StudyFileName(study.config), &run->config, &why) ||
      !ResolvePlugins(study.registry, &run->config, &why)) {
    *err = why + PointContext(study, *run);
    return false;
  }
  run->config.file = study.config.file;
  run->replicate = point.replicate;
  run->settings = RunSettings(run->config);
  run->settings.values["replicate"] = point.replicate;
  // The seed depends on the settings and the study seed, never on order.
  const std::string without_seed = CanonicalText(run->settings);
  // 63 bits, so that it is also a valid TOML / SQLite integer.
  const uint64_t seed = SplitMix64(study.config.study.seed ^ Fnv1a64(without_seed)) >> 1;
  run->config.train.seed = seed;
  run->settings.values["train.seed"] = static_cast<int64_t>(seed);
  run->canonical = CanonicalText(run->settings);
  run->hash = Hex64(Fnv1a64(run->canonical));
  run->relation_key = InstanceKey(run->config.relation);
  run->mode_key = InstanceKey(run->config.decoder_mode);
  return true;
}

// A plugin refusing one run's parameters in create(): its own message, with
// where they come from (the sweep entry of a swept parameter, else the
// plugin's table) and the sweep point. Several swept parameters of one
// plugin: the first is named, the point lists them all.
std::string CreateFailure(const PreparedStudy& study, const RunSpec& run,
                          const PluginChoice& choice, const std::string& why) {
  toml::source_region at = choice.source.at;
  for (const auto& [key, value] : run.swept)
    if (key.rfind(choice.source.table + ".", 0) == 0) {
      at = study.sweep.KeyRegion(key);
      break;
    }
  return Where(StudyFileName(study.config), at) + ": [" + choice.source.table + "] " + why +
         PointContext(study, run);
}

// Every setting a sweep may name: the first run's settings, and the
// parameters of every plugin a swept "relation.plugin" or
// "decoder_mode.plugin" lists (an unknown id is reported by its run).
std::vector<std::string> SweepableSettings(const StudyConfig& config,
                                           const PluginRegistry& registry,
                                           const SweepSpec& sweep) {
  std::vector<std::string> settings;
  for (const auto& [key, value] : RunSettings(config).values) settings.push_back(key);
  const std::pair<const char*, PluginKind> swappable[] = {
      {"relation", PluginKind::kRelation}, {"decoder_mode", PluginKind::kDecoderMode}};
  for (const auto& [table, kind] : swappable)
    for (const SweepAxis& axis : sweep.axes)
      for (size_t k = 0; k < axis.keys.size(); ++k) {
        if (axis.keys[k] != std::string(table) + ".plugin") continue;
        for (const toml::node& id : axis.values[k]) {
          const PluginInfo* info = registry.Find(kind, id.value_or(std::string()));
          if (info == nullptr) continue;
          for (const ParamSpec& p : info->params) {
            const std::string key = std::string(table) + "." + p.name;
            if (std::find(settings.begin(), settings.end(), key) == settings.end())
              settings.push_back(key);
          }
        }
      }
  return settings;
}

std::string Definition(const PreparedStudy& s) {
  std::string d = "study.seed = " + std::to_string(s.config.study.seed) + "\n";
  d += "sweep.replicates = " + std::to_string(s.sweep.replicates) + "\n";
  for (const SweepAxis& a : s.sweep.axes)
    for (size_t k = 0; k < a.keys.size(); ++k) {
      std::string values;
      for (const toml::node& v : a.values[k]) values += (values.empty() ? "" : ", ") + NodeText(v);
      d += "sweep." + a.keys[k] + " = [" + values + "]\n";
    }
  // Settings of the first run stand for the unswept ones.
  const std::vector<std::string> swept = s.sweep.Keys();
  std::istringstream lines(s.runs.front().canonical);
  for (std::string line; std::getline(lines, line);) {
    const std::string key = line.substr(0, line.find(" = "));
    if (key != "replicate" && key != "train.seed" &&
        std::find(swept.begin(), swept.end(), key) == swept.end())
      d += line + "\n";
  }
  // The analyzers, with their parameters as written: a parameter a newer plugin adds with a
  // default that keeps the old behaviour must not orphan existing stores.
  for (size_t i = 0; i < s.config.analyzers.size(); ++i) {
    const std::string prefix = "analyzer." + std::to_string(i + 1);
    d += prefix + " = " + s.config.analyzers[i].id + "\n";
    std::istringstream params(AnalyzerParamsText(s.config.analyzers[i]));
    for (std::string line; std::getline(params, line);)
      d += prefix + "." + s.config.analyzers[i].id + "." + line + "\n";
  }
  return d;
}

}  // namespace

void LoadPluginPath(const std::vector<std::filesystem::path>& path, PluginRegistry* registry,
                    std::vector<std::string>* warnings, std::vector<std::string>* notes) {
  for (const std::filesystem::path& dir : path) {
    std::string err;
    if (!registry->LoadDirectory(dir, &err, notes)) {
      std::istringstream lines(err);
      for (std::string line; std::getline(lines, line);) warnings->push_back(line);
    }
  }
}

std::string CanonicalText(const ParamSet& settings) {
  std::string out;  // ParamSet's map is sorted by key
  for (const auto& [key, value] : settings.values) out += key + " = " + ParamValueToString(value) + "\n";
  return out;
}

std::string TrainingPart(const std::string& definition) {
  std::string out;
  std::istringstream lines(definition);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("analyzer.", 0) != 0) out += line + "\n";
  return out;
}

std::string TrainingFingerprint(const std::string& definition) {
  return Hex64(Fnv1a64(TrainingPart(definition)));
}

std::vector<std::pair<std::string, std::string>> AnalyzersInDefinition(
    const std::string& definition) {
  // Definition()'s lines: "analyzer.N = id", then "analyzer.N.id.key = value".
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream lines(definition);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("analyzer.", 0) != 0) continue;
    const size_t eq = line.find(" = ");
    if (eq == std::string::npos) continue;
    const std::string key = line.substr(9, eq - 9);
    const size_t dot = key.find('.');
    if (dot == std::string::npos) {
      out.emplace_back(line.substr(eq + 3), "");
    } else if (!out.empty()) {
      const std::string prefix = out.back().first + ".";
      const std::string param = key.substr(dot + 1);
      if (param.rfind(prefix, 0) == 0)
        out.back().second += param.substr(prefix.size()) + line.substr(eq) + "\n";
    }
  }
  return out;
}

std::string AnalyzerParamsText(const PluginChoice& analyzer) {
  std::string out;
  for (const auto& [k, v] : analyzer.params.values)
    if (analyzer.table.contains(k)) out += k + " = " + ParamValueToString(v) + "\n";
  return out;
}

int64_t PreparedStudy::TotalSteps() const {
  int64_t total = 0;
  for (const RunSpec& r : runs) total += r.config.train.steps;
  return total;
}

bool PrepareStudy(StudyConfig config, const PluginSources& sources, PreparedStudy* out,
                  std::string* err) {
  std::vector<std::filesystem::path> path = PluginRegistry::DefaultSearchPath();
  path.insert(path.end(), sources.extra_dirs.begin(), sources.extra_dirs.end());
  LoadPluginPath(path, &out->registry, &out->plugin_warnings, &out->plugin_notes);
  if (!LoadStudyPluginFiles(config, sources.trust_study_files, &out->registry, err)) return false;
  if (!ResolvePlugins(out->registry, &config, err)) return false;
  const std::string file = StudyFileName(config);
  if (!ParseSweep(config.root, file, &out->sweep, err) ||
      !CheckSweepKeys(out->sweep, file, SweepableSettings(config, out->registry, out->sweep), err))
    return false;
  out->config = std::move(config);

  const std::vector<SweepPoint> points = ExpandSweep(out->sweep);
  out->runs.resize(points.size());
  for (size_t i = 0; i < points.size(); ++i)
    if (!ResolveRun(*out, points[i], i, &out->runs[i], err)) return false;

  for (const RunSpec& run : out->runs) {
    if (out->relations.count(run.relation_key) == 0) {
      auto relation = out->registry.CreateRelation(run.config.relation.id,
                                                   run.config.relation.params, err);
      if (!relation) return *err = CreateFailure(*out, run, run.config.relation, *err), false;
      out->relations[run.relation_key] = std::move(relation);
    }
    if (out->decoder_modes.count(run.mode_key) == 0) {
      auto mode = out->registry.CreateDecoderMode(run.config.decoder_mode.id,
                                                  run.config.decoder_mode.params, err);
      if (!mode) return *err = CreateFailure(*out, run, run.config.decoder_mode, *err), false;
      out->decoder_modes[run.mode_key] = std::move(mode);
    }
  }
  for (const PluginChoice& choice : out->config.analyzers) {
    auto analyzer = out->registry.CreateAnalyzer(choice.id, choice.params, err);
    if (!analyzer) {
      *err = Where(file, choice.source.at) + ": [" + choice.source.table + "] " + *err;
      return false;
    }
    out->analyzers.push_back(std::move(analyzer));
  }
  out->definition = Definition(*out);
  out->training_definition = TrainingPart(out->definition);
  out->fingerprint = TrainingFingerprint(out->definition);
  return true;
}

ParamSet RunSettings(const StudyConfig& c) {
  ParamSet s;
  auto& v = s.values;
  VisitModelOptions(c.model,
                    [&](const char* key, const auto& value) { v[std::string("model.") + key] = value; });
  VisitTrainOptions(c.train,
                    [&](const char* key, const auto& value) { v[std::string("train.") + key] = value; });
  // An option added after stores were written enters a run's settings (and
  // so its hash) only when set away from its default: those stores stay valid.
  if (c.train.max_loss == TrainOptions{}.max_loss) v.erase("train.max_loss");
  v["relation.plugin"] = c.relation.id;
  for (const auto& [key, value] : c.relation.params.values) v["relation." + key] = value;
  v["decoder_mode.plugin"] = c.decoder_mode.id;
  for (const auto& [key, value] : c.decoder_mode.params.values) v["decoder_mode." + key] = value;
  return s;
}

}  // namespace geneft
