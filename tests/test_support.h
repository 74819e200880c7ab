// Helpers shared by the tests: the built-in plugins, and the geneft binary
// run as a user runs it.
#pragma once

#include "plugin/plugin_registry.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
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

/// A fresh, empty folder for files a test writes: <build>/tests/scratch/<name>.
inline std::filesystem::path ScratchFolder(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(GENEFT_BINARY_DIR) / "tests" / "scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// The bytes of a file (a built plugin, to copy cut short or altered).
inline std::string FileBytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void WriteFile(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

}  // namespace geneft::testing
