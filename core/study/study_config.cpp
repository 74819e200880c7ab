#include "study/study_config.h"

#include "study/toml_reader.h"
#include <geneft/common/names.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace geneft {
namespace {

const std::vector<std::string> kTopLevelTables = {"study", "relation", "decoder_mode", "model",
                                                  "train", "analyzer", "sweep"};

// Takes `table` (a plugin's table, choice->source already set) as the
// choice: its `plugin` key names the plugin, or `default_id` when absent.
bool ReadPluginTable(const toml::table& table, const char* default_id, PluginChoice* choice,
                     std::string* err) {
  choice->table = table;
  const toml::node* id = table.get("plugin");
  if (id == nullptr && default_id != nullptr) {
    choice->id = default_id;
    return true;
  }
  if (id == nullptr || !id->is_string()) {
    *err = choice->source.WhereKey(table, "plugin") + ": [" + choice->source.table +
           "] needs plugin = \"<id>\" (run `geneft plugins` to list them)";
    return false;
  }
  choice->id = *id->value<std::string>();
  return true;
}

bool ReadPluginChoice(const toml::table& root, const char* name, const std::string& file,
                      const char* default_id, PluginChoice* choice, std::string* err) {
  choice->source = SourceRef{file, name, KeyRegion(root, name)};
  const toml::node* node = root.get(name);
  if (node == nullptr) {
    if (default_id == nullptr) {
      // Nothing in the file to point at.
      *err = file + ": missing table [" + name + "] (it names the plugin: plugin = \"...\")";
      return false;
    }
    choice->id = default_id;
    return true;
  }
  if (!node->is_table()) {
    *err = Where(file, choice->source.at) + ": '" + name + "' must be a table";
    return false;
  }
  return ReadPluginTable(*node->as_table(), default_id, choice, err);
}

const toml::table* SubTable(const toml::table& root, const char* name, const std::string& file,
                            std::string* err) {
  const toml::node* node = root.get(name);
  if (node == nullptr) return nullptr;
  if (!node->is_table())
    *err = Where(file, KeyRegion(root, name)) + ": '" + name + "' must be a table";
  return node->as_table();
}

// One [[analyzer]] table; `index` counts from 0.
bool ReadAnalyzer(const toml::table& root, const toml::table& table, size_t index,
                  const std::string& file, PluginChoice* choice, std::string* err) {
  // A copied document (a sweep point) knows only the place of the first
  // [[analyzer]] header.
  const toml::source_region at =
      table.source().begin.line > 0 ? table.source() : KeyRegion(root, "analyzer");
  choice->source = SourceRef{file, "analyzer " + std::to_string(index + 1), at};
  return ReadPluginTable(table, nullptr, choice, err);
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

  if (study != nullptr && study->contains("plugin_path")) {
    *err = Where(file, KeyRegion(*study, "plugin_path")) +
           ": [study] plugin_path is not read any more: a study file may not load every "
           "library of a folder. Name the library files in plugin_files = [...] (loaded only "
           "with --trust-study-plugins), or give the folder with --plugin-path DIR";
    return false;
  }
    TomlReader study_reader(study, SourceRef{file, "study", KeyRegion(root, "study")});
  study_reader.Read("name", &config->study.name);
  study_reader.Read("description", &config->study.description);
  study_reader.Read("plugin_files", &config->study.plugin_files);
  study_reader.Read("seed", &config->study.seed);
  if (!study_reader.Finish(err)) return false;

  TomlReader model_reader(model, SourceRef{file, "model", KeyRegion(root, "model")});
  VisitModelOptions(config->model,
                    [&](const char* key, auto& value) { model_reader.Read(key, &value); });
  if (!model_reader.Finish(err)) return false;

  TomlReader train_reader(train, SourceRef{file, "train", KeyRegion(root, "train")});
  VisitTrainOptions(config->train,
                    [&](const char* key, auto& value) { train_reader.Read(key, &value); });
  if (!train_reader.Finish(err)) return false;

  if (!ReadPluginChoice(root, "relation", file, nullptr, &config->relation, err)) return false;
  if (!ReadPluginChoice(root, "decoder_mode", file, "concat", &config->decoder_mode, err))
    return false;

  if (const toml::node* node = root.get("analyzer")) {
    const toml::array* list = node->as_array();
    if (list == nullptr || !list->is_array_of_tables()) {
      *err = Where(file, KeyRegion(root, "analyzer")) +
             ": 'analyzer' must be an array of tables: [[analyzer]] plugin = \"...\"";
      return false;
    }
    for (size_t i = 0; i < list->size(); ++i) {
      PluginChoice choice;
      if (!ReadAnalyzer(root, *list->get(i)->as_table(), i, file, &choice, err)) return false;
      config->analyzers.push_back(std::move(choice));
    }
  }

  std::string why, key;
  if (!config->model.IsValid(&why, &key)) return *err = model_reader.Where(key) + ": " + why, false;
  if (!config->train.IsValid(&why, &key)) return *err = train_reader.Where(key) + ": " + why, false;
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

bool LoadStudyPluginFiles(const StudyConfig& config, bool trusted, PluginRegistry* registry,
                          std::string* err) {
  const std::vector<std::string>& names = config.study.plugin_files;
  if (names.empty()) return true;
  const std::string file = config.file.empty() ? "<study>" : config.file.string();
  const toml::table* study = config.root["study"].as_table();
  const std::string where = study ? Where(file, KeyRegion(*study, "plugin_files")) : file;
  if (!trusted) {
    std::string named;
    for (const std::string& name : names) named += (named.empty() ? "" : ", ") + name;
    *err = where + ": [study] plugin_files names " +
           std::to_string(names.size()) +
           (names.size() == 1 ? " plugin library (" : " plugin libraries (") + named +
           "), and a study file loads no code on its own: pass --trust-study-plugins "
           "(trust_study_plugins=True in Python) if you trust its author, or give their "
           "folder with --plugin-path DIR";
    return false;
  }
  const std::filesystem::path base = config.file.parent_path();
  for (size_t i = 0; i < names.size(); ++i) {
    const std::filesystem::path name(names[i]);
    std::string why;
    if (!registry->LoadLibrary(name.is_absolute() ? name : base / name, &why)) {
      *err = where + ": [study] plugin_files: " + why;
      return false;
    }
  }
  return true;
}

namespace {

bool ResolveOne(const PluginRegistry& registry, PluginKind kind, PluginChoice* choice,
                std::string* err) {
  const PluginInfo* info = registry.Find(kind, choice->id);
  if (info == nullptr) {
    *err = choice->source.WhereKey(choice->table, "plugin") + ": [" + choice->source.table + "] " +
           registry.UnknownMessage(kind, choice->id);
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
