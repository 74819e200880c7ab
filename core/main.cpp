// geneft: predict, train and compare generalization (GenEFT, Baek, Liu &
// Tegmark). main() only picks the subcommand; each lives in cli_*.cpp.
#include "cli/commands.h"
#include "plugin/plugin_library.h"
#include <geneft/common/names.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const geneft::cli::Args& args);
};

constexpr Command kCommands[] = {
    {"run", "train the study's runs and print their results", &geneft::cli::Run},
    {"analyze", "run new, changed or updated analyzers over a store's runs, no training",
     &geneft::cli::Analyze},
    {"theory", "predict from the relation alone: b, p_c, accuracy bounds", &geneft::cli::Theory},
    {"check", "validate a study file and its plugins without running", &geneft::cli::Check},
    {"export", "write a store's table as CSV or JSON", &geneft::cli::ExportStore},
    {"merge", "combine the stores of a sharded study", &geneft::cli::Merge},
    {"report", "write an HTML report with figures from a store", &geneft::cli::Report},
    {"plugins", "list every plugin found: id, kind, version, file", &geneft::cli::Plugins},
    {"describe", "show a plugin's parameters, or [model] and [train] keys: types, defaults, help", &geneft::cli::Describe},
};

void PrintUsage(FILE* out) {
  std::fprintf(out,
               "usage: geneft [--help] [--version] <command> [<args>]\n\n"
               "geneft predicts how much data and which learning rates a model needs to\n"
               "generalize (GenEFT effective theory), trains encoder + decoder models on\n"
               "relations, and compares the two.\n\ncommands:\n");
  for (const Command& c : kCommands) std::fprintf(out, "  %-10s %s\n", c.name, c.summary);
  std::fprintf(out,
               "\n`geneft <command> --help` shows a command's options.\n"
               "exit status: 0 ok, 1 internal failure, 2 bad input, 3 a run or an analyzer failed\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(stderr);
    return geneft::cli::kExitBadInput;
  }
  const std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    PrintUsage(stdout);
    return geneft::cli::kExitOk;
  }
  if (first == "--version") {
    std::printf("geneft %s (plugin ABI %s)\n", GENEFT_VERSION,
                geneft::VersionString(geneft::HostAbiVersion()).c_str());
    return geneft::cli::kExitOk;
  }
  const geneft::cli::Args args(argv + 2, argv + argc);
  for (const Command& c : kCommands)
    if (first == c.name) return c.run(args);

  std::vector<std::string> known;
  for (const Command& c : kCommands) known.emplace_back(c.name);
  return geneft::cli::Fail(geneft::cli::kExitBadInput,
                           geneft::UnknownName("command", first, known));
}
