// geneft plugins / geneft describe: what the plugin path offers, and the
// keys of a study's [model] and [train] tables (geneft describe model).
// geneft plugins --check FILE.so: one library exercised on its own.
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/plugin_lookup.h"
#include "plugin/plugin_check.h"
#include "study/prepared_study.h"
#include "train/option_docs.h"

#include <fmt/core.h>

#include <cstdio>

namespace geneft::cli {

namespace {

// Prints one line per check ("ok   ..." / "FAIL ...") and a summary; exit 0
// when every check passed, else 2.
int CheckLibrary(const std::string& file) {
  std::vector<PluginCheckLine> lines;
  const bool ok = CheckPluginLibrary(file, &lines);
  size_t failed = 0;
  for (const PluginCheckLine& line : lines) {
    fmt::print("{:<4} {}\n", line.ok ? "ok" : "FAIL", line.text);
    failed += line.ok ? 0 : 1;
  }
  fmt::print("{}: {} checks, {} failed\n", file, lines.size(), failed);
  return ok ? kExitOk : kExitBadInput;
}

// The keys of [model] or [train], with type, default, range and help.
int DescribeTable(const std::string& table, const std::vector<OptionDoc>& docs) {
  fmt::print("[{}] keys of a study file (built into the host; defaults are the paper's)\n\n",
             table);
  fmt::print("  {:<18} {:<8} {:<10} {:<20} {}\n", "key", "type", "default", "range", "help");
  for (const OptionDoc& d : docs)
    fmt::print("  {:<18} {:<8} {:<10} {:<20} {}\n", d.key, d.type, d.default_value, d.range,
               d.help);
  return kExitOk;
}

}  // namespace

int Plugins(const Args& args) {
  CommonOptions common;
  std::string check;
  auto options = CommonOptionsDescription("geneft plugins [--check FILE.so]", &common);
  options.add_options()("check", boost::program_options::value(&check)->value_name("FILE.so"),
                        "load this one plugin library and exercise every plugin in it; "
                        "exit 0 if all checks pass, else 2");
  if (int code = ParseOptions(args, options); code >= 0) return code;
  if (!check.empty()) return CheckLibrary(check);

  PluginRegistry registry;
  std::vector<std::string> warnings, notes;
  std::string err;
  const bool found = FindPlugins(SearchPath(common), &registry, &warnings, &notes, &err);
  fmt::print("{:<13} {:<24} {:<8} {}\n", "kind", "id", "version", "file");
  for (const PluginInfo& p : registry.plugins())
    fmt::print("{:<13} {:<24} {:<8} {}\n", PluginKindName(p.kind), p.id, p.version, p.file());
  PrintPluginPathMessages(common, warnings, notes);
  if (!found) return Fail(kExitBadInput, err);
  return warnings.empty() ? kExitOk : kExitBadInput;
}

int Describe(const Args& args) {
  CommonOptions common;
  std::string id;
  auto options = CommonOptionsDescription("geneft describe ID | model | train", &common);
  if (int code = ParseOptions(args, options, "id", &id); code >= 0) return code;
  if (id.empty())
    return Fail(kExitBadInput, "describe needs a plugin id (e.g. relation.mod_k), model or train");
  if (id == "model") return DescribeTable("model", ModelOptionDocs());
  if (id == "train") return DescribeTable("train", TrainOptionDocs());

  PluginRegistry registry;
  std::vector<std::string> warnings, notes;
  LoadPluginPath(SearchPath(common), &registry, &warnings, &notes);
  PrintPluginPathMessages(common, warnings, notes);
  std::string err;
  const PluginInfo* p = FindPluginByName(registry, id, &err);
  if (p == nullptr) return Fail(kExitBadInput, err);
  fmt::print("{} {}\n  {}\n  file: {}\n", p->qualified_id(), p->version, p->description, p->file());
  if (p->params.empty()) {
    fmt::print("  no parameters\n");
    return kExitOk;
  }
  fmt::print("\n  {:<16} {:<12} {:<10} {}\n", "parameter", "type", "default", "help");
  for (const ParamSpec& s : p->params)
    fmt::print("  {:<16} {:<12} {:<10} {}\n", s.name, ParamTypeName(s.type),
               s.required ? "(required)" : s.default_literal, s.help);
  return kExitOk;
}

}  // namespace geneft::cli
