// Helpers shared by the tests: the built-in plugins, and the geneft binary
// run as a user runs it.
#pragma once

#include "plugin/plugin_registry.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace geneft::testing {

/// Every plugin the build produced, loaded once per test program.
inline const PluginRegistry& BuiltinPlugins() {
  static const PluginRegistry registry = [] {
    PluginRegistry r;
    std::string err;
    const bool ok = r.LoadDirectory(GENEFT_BINARY_DIR "/lib/geneft/plugins", &err);
    INFO(err);
    REQUIRE(ok);
    REQUIRE(!r.plugins().empty());
    return r;
  }();
  return registry;
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  ///< stdout and stderr together
};

/// Runs a shell command and collects what it prints.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  for (size_t got; (got = fread(buf, 1, sizeof buf, pipe)) > 0;) r.output.append(buf, got);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

/// Runs `geneft <args>` from the build and collects what it prints.
inline CommandResult RunGeneft(const std::string& args) {
  return RunCommand(GENEFT_BINARY_DIR "/bin/geneft " + args);
}

}  // namespace geneft::testing
