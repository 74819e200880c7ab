#include "cli/options.h"

#include "plugin/host.h"
#include "plugin/plugin_registry.h"

#include <geneft/common/names.h>

#include <fmt/core.h>

#include <algorithm>
#include <iostream>

namespace geneft::cli {

namespace po = boost::program_options;

int Fail(int code, const std::string& message) {
  fmt::print(stderr, "geneft: error: {}\n", message);
  return code;
}

namespace {

// Plugin log lines of every level, not only warnings and errors.
void ShowPluginInfo(bool verbose) {
  if (!verbose) return;
  SetPluginLogHandler([](int32_t level, const std::string& text) {
    static const char* const kLevels[] = {"debug", "info", "warning", "error"};
    fmt::print(stderr, "geneft: plugin {}: {}\n", kLevels[std::clamp(level, 0, 3)], text);
  });
}

}  // namespace

po::options_description CommonOptionsDescription(const std::string& usage, CommonOptions* c) {
  po::options_description options("usage: " + usage + "\noptions");
  options.add_options()("help,h", "show this help")(
      "plugin-path", po::value(&c->plugin_dirs)->composing(),
      "also load plugins from this folder (repeatable)")(
      "quiet,q", po::bool_switch(&c->quiet), "print results and errors only")(
      "verbose,v", po::bool_switch(&c->verbose)->notifier(&ShowPluginInfo),
      "also print what plugins report about themselves (a graph's shape, ...)");
  return options;
}

void AddStudyTrustOption(po::options_description* options, CommonOptions* common) {
  options->add_options()(
      "trust-study-plugins", po::bool_switch(&common->trust_study_plugins),
      "load the plugin libraries the study file names in [study] plugin_files (their code "
      "runs: only for a study whose author you trust)");
}

namespace {

// "--threds" -> "unknown option '--threds', did you mean '--threads'?", the
// candidates being the command's visible long options.
std::string UnknownOption(const std::string& name, const po::options_description& options) {
  std::vector<std::string> known;
  for (const auto& option : options.options())
    if (!option->long_name().empty()) known.push_back("--" + option->long_name());
  return UnknownName("option", name, known);
}

// Parses with `extra` holding the hidden positional option (if any).
int Parse(const Args& args, const po::options_description& options,
          const po::options_description& extra, const po::positional_options_description& positionals) {
  po::options_description all(options);
  all.add(extra);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positionals).run(), vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    return Fail(kExitBadInput, UnknownOption(e.get_option_name(), options));
  } catch (const po::error& e) {
    return Fail(kExitBadInput, std::string(e.what()) + " (see --help)");
  }
  if (vm.count("help") != 0) {
    std::cout << options << "\n";
    return kExitOk;
  }
  return -1;
}

}  // namespace

int ParseOptions(const Args& args, const po::options_description& options,
                 const char* positional_name, std::string* positional) {
  po::options_description extra;
  po::positional_options_description positionals;
  if (positional_name != nullptr) {
    extra.add_options()(positional_name, po::value(positional), "");
    positionals.add(positional_name, 1);
  }
  return Parse(args, options, extra, positionals);
}

int ParseOptions(const Args& args, const po::options_description& options) {
  return Parse(args, options, po::options_description(), po::positional_options_description());
}

int ParseOptions(const Args& args, const po::options_description& options,
                 const char* positional_name, std::vector<std::string>* positional) {
  po::options_description extra;
  extra.add_options()(positional_name, po::value(positional)->composing(), "");
  po::positional_options_description positionals;
  positionals.add(positional_name, -1);
  return Parse(args, options, extra, positionals);
}

std::vector<std::filesystem::path> SearchPath(const CommonOptions& common) {
  std::vector<std::filesystem::path> path = PluginRegistry::DefaultSearchPath();
  path.insert(path.end(), common.plugin_dirs.begin(), common.plugin_dirs.end());
  return path;
}

std::string CommandLine(const std::string& command, const Args& args) {
  std::string line = "geneft " + command;
  for (const std::string& arg : args) line += " " + arg;
  return line;
}

PluginSources StudyPluginSources(const CommonOptions& common) {
  PluginSources sources;
  sources.extra_dirs.assign(common.plugin_dirs.begin(), common.plugin_dirs.end());
  sources.trust_study_files = common.trust_study_plugins;
  return sources;
}

std::string JoinPaths(const std::vector<std::filesystem::path>& paths) {
  std::string out;
  for (const auto& p : paths) out += (out.empty() ? "" : ", ") + p.string();
  return out.empty() ? "(nothing)" : out;
}

void PrintPluginPathMessages(const CommonOptions& common, const std::vector<std::string>& warnings,
                             const std::vector<std::string>& notes) {
  for (const std::string& w : warnings) fmt::print(stderr, "geneft: warning: {}\n", w);
  if (common.verbose)
    for (const std::string& n : notes) fmt::print(stderr, "geneft: note: {}\n", n);
}

}  // namespace geneft::cli
