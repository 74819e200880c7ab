// Options every subcommand shares, and parsing with Boost.Program_options.
#pragma once

#include "cli/commands.h"
#include "study/prepared_study.h"

#include <boost/program_options.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace geneft::cli {

struct CommonOptions {
  std::vector<std::string> plugin_dirs;  ///< --plugin-path DIR (repeatable), searched last
  bool quiet = false;                    ///< --quiet: no progress, only results and errors
  bool verbose = false;                  ///< --verbose: also the plugins' info messages
  bool trust_study_plugins = false;      ///< --trust-study-plugins (commands reading a study)
};

boost::program_options::options_description CommonOptionsDescription(const std::string& usage,
                                                                     CommonOptions* common);

/// Adds --trust-study-plugins, for the commands that read a study file.
void AddStudyTrustOption(boost::program_options::options_description* options,
                         CommonOptions* common);

/// Parses args; a single optional positional goes to *positional. Returns
/// -1 to continue, or an exit code (help printed, or a usage error).
int ParseOptions(const Args& args, const boost::program_options::options_description& options,
                 const char* positional_name, std::string* positional);
/// Same, for a command without positionals.
int ParseOptions(const Args& args, const boost::program_options::options_description& options);
/// Same, with any number of positionals collected into *positional.
int ParseOptions(const Args& args, const boost::program_options::options_description& options,
                 const char* positional_name, std::vector<std::string>* positional);

/// "geneft COMMAND ARGS...": who holds a store's lock, for a refused writer.
std::string CommandLine(const std::string& command, const Args& args);

/// The default plugin path plus --plugin-path folders.
std::vector<std::filesystem::path> SearchPath(const CommonOptions& common);
/// What the user allows a study's plugins to come from (--plugin-path,
/// --trust-study-plugins).
PluginSources StudyPluginSources(const CommonOptions& common);
std::string JoinPaths(const std::vector<std::filesystem::path>& paths);

/// What loading the plugin path met, on stderr: each refused library as a
/// warning; each folder entry skipped as no library file as a note, only
/// with --verbose.
void PrintPluginPathMessages(const CommonOptions& common, const std::vector<std::string>& warnings,
                             const std::vector<std::string>& notes);

}  // namespace geneft::cli
