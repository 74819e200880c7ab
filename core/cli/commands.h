// The geneft command line: each subcommand is one function taking the words
// after its name. Exit codes are shared by all of them.
#pragma once

#include <string>
#include <vector>

namespace geneft::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,   ///< a bug, an I/O failure, a plugin crash
  kExitBadInput = 2,   ///< a bad study file, unknown plugin or option
  kExitRunsFailed = 3, ///< the work finished, but a run failed or diverged (now or stored
                       ///< earlier), or an analyzer stage failed
};

using Args = std::vector<std::string>;

int Plugins(const Args& args);   // geneft plugins
int Describe(const Args& args);  // geneft describe ID
int Check(const Args& args);     // geneft check STUDY.toml
int Run(const Args& args);       // geneft run STUDY.toml
int Analyze(const Args& args);   // geneft analyze STORE [--study STUDY.toml]
int Theory(const Args& args);    // geneft theory STUDY.toml | --relation ID
int ExportStore(const Args& args);  // geneft export STORE
int Merge(const Args& args);     // geneft merge OUT.db IN.db...
int Report(const Args& args);    // geneft report STORE [-o DIR]

/// Prints "geneft: error: <message>" to stderr once and returns `code`.
int Fail(int code, const std::string& message);

}  // namespace geneft::cli
