#include "study/study_config.h"

#include "study/toml_reader.h"
#include <geneft/common/names.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace geneft {
namespace {

const std::vector<std::string> kTopLevelTables = {"study", "relation", "decoder_mode", "model",
                                                  "train", "analyzer", "sweep"};

bool ReadPluginChoice(const toml::table& root, const char* name, const std::string& file,
                      const char* default_id, PluginChoice* choice, std::string* err) {
  choice->source = SourceRef{file, name};
  const toml::node* node = root.get(name);
  if (node == nullptr) {
    if (default_id == nullptr) {
      *err = file + ": missing table [" + name + "] (it names the plugin: plugin = \"...\")";
      return false;
    }
    choice->id = default_id;
    return true;
  }
  const toml::table* table = node->as_table();
  if (table == nullptr) {
    *err = Where(file, node->source()) + ": '" + name + "' must be a table";
    return false;
  }
  choice->table = *table;
  const toml::node* id = table->get("plugin");
  if (id == nullptr && default_id != nullptr) {
    choice->id = default_id;
    return true;
  }
  if (id == nullptr || !id->is_string()) {
    *err = Where(file, table->source()) + ": [" + name +
           "] needs plugin = \"<id>\" (run `geneft plugins` to list them)";
    return false;
  }
  choice->id = *id->value<std::string>();
  return true;
}

const toml::table* SubTable(const toml::table& root, const char* name, const std::string& file,
                            std::string* err) {
  const toml::node* node = root.get(name);
  if (node == nullptr) return nullptr;
  if (!node->is_table())
    *err = Where(file, node->source()) + ": '" + name + "' must be a table";
  return node->as_table();
}

}  // namespace

bool ParseStudy(std::string_view text, const std::string& file, StudyConfig* config,
                std::string* err) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(file));
  } catch (const toml::parse_error& e) {
    *err = Where(file, e.source()) + ": malformed TOML: " + std::string(e.description());
    return false;
  }
  if (!ParseStudyTable(root, file, config, err)) return false;
  config->text = std::string(text);
  if (config->file.empty()) config->file = file;
  return true;
}

bool ParseStudyTable(const toml::table& root, const std::string& file, StudyConfig* config,
                     std::string* err) {
  config->root = root;
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    if (std::find(kTopLevelTables.begin(), kTopLevelTables.end(), name) == kTopLevelTables.end()) {
      *err = Where(file, key.source()) + ": " + UnknownName("table", name, kTopLevelTables);
      return false;
    }
  }

  std::string sub_err;
  const toml::table* study = SubTable(root, "study", file, &sub_err);
  const toml::table* model = SubTable(root, "model", file, &sub_err);
  const toml::table* train = SubTable(root, "train", file, &sub_err);
  if (!sub_err.empty()) return *err = sub_err, false;

  TomlReader study_reader(study, SourceRef{file, "study"});
  study_reader.Read("name", &config->study.name);
  study_reader.Read("description", &config->study.description);
  study_reader.Read("plugin_path", &config->study.plugin_path);
  study_reader.Read("seed", &config->study.seed);
  if (!study_reader.Finish(err)) return false;

  TomlReader model_reader(model, SourceRef{file, "model"});
  VisitModelOptions(config->model,
                    [&](const char* key, auto& value) { model_reader.Read(key, &value); });
  if (!model_reader.Finish(err)) return false;

  TomlReader train_reader(train, SourceRef{file, "train"});
  VisitTrainOptions(config->train,
                    [&](const char* key, auto& value) { train_reader.Read(key, &value); });
  if (!train_reader.Finish(err)) return false;

  if (!ReadPluginChoice(root, "relation", file, nullptr, &config->relation, err)) return false;
  if (!ReadPluginChoice(root, "decoder_mode", file, "concat", &config->decoder_mode, err))
    return false;

  if (const toml::node* node = root.get("analyzer")) {
    const toml::array* list = node->as_array();
    if (list == nullptr || !list->is_array_of_tables()) {
      *err = Where(file, node->source()) +
             ": 'analyzer' must be an array of tables: [[analyzer]] plugin = \"...\"";
      return false;
    }
    for (size_t i = 0; i < list->size(); ++i) {
      const toml::table& t = *list->get(i)->as_table();
      PluginChoice choice;
      choice.source = SourceRef{file, "analyzer " + std::to_string(i + 1)};
      choice.table = t;
      const toml::node* id = t.get("plugin");
      if (id == nullptr || !id->is_string()) {
        *err = Where(file, t.source()) + ": [[analyzer]] number " + std::to_string(i + 1) +
               " needs plugin = \"<id>\"";
        return false;
      }
      choice.id = *id->value<std::string>();
      config->analyzers.push_back(std::move(choice));
    }
  }

  std::string why;
  if (!config->model.IsValid(&why) || !config->train.IsValid(&why)) {
    *err = file + ": " + why;
    return false;
  }
  return true;
}

bool LoadStudy(const std::filesystem::path& file, StudyConfig* config, std::string* err) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    *err = "unable to open study [" + file.string() + "]: " + std::strerror(errno);
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  config->file = file;
  return ParseStudy(text.str(), file.string(), config, err);
}

std::vector<std::filesystem::path> StudyPluginPath(const StudyConfig& config) {
  std::vector<std::filesystem::path> path = PluginRegistry::DefaultSearchPath();
  const std::filesystem::path base = config.file.parent_path();
  for (const std::string& entry : config.study.plugin_path) {
    const std::filesystem::path p(entry);
    path.push_back(p.is_absolute() ? p : base / p);
  }
  return path;
}

namespace {

bool ResolveOne(const PluginRegistry& registry, PluginKind kind, PluginChoice* choice,
                std::string* err) {
  const PluginInfo* info = registry.Find(kind, choice->id);
  if (info == nullptr) {
    // Copied tables keep the source of keys, not of values.
    std::string where = choice->source.file;
    for (const auto& [key, node] : choice->table)
      if (key.str() == "plugin") where = Where(choice->source.file, key.source());
    *err = where + ": [" + choice->source.table + "] " + registry.UnknownMessage(kind, choice->id);
    return false;
  }
  SourceRef source = choice->source;
  source.table += " (" + info->qualified_id() + ")";
  return ValidateParams(info->params, choice->table, source, {"plugin"}, &choice->params, err);
}

}  // namespace

bool ResolvePlugins(const PluginRegistry& registry, StudyConfig* config, std::string* err) {
  if (!ResolveOne(registry, PluginKind::kRelation, &config->relation, err)) return false;
  if (!ResolveOne(registry, PluginKind::kDecoderMode, &config->decoder_mode, err)) return false;
  for (PluginChoice& analyzer : config->analyzers)
    if (!ResolveOne(registry, PluginKind::kAnalyzer, &analyzer, err)) return false;
  return true;
}

}  // namespace geneft
