// The geneft binary as a user runs it: exit codes and messages.
#include "test_support.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <string>

namespace {

using Result = geneft::testing::CommandResult;

Result Geneft(const std::string& args) { return geneft::testing::RunGeneft(args); }

std::string WriteStudy(const std::string& name, const std::string& text) {
  const std::string path = GENEFT_BINARY_DIR "/tests/" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("geneft --version prints the host and ABI versions") {
  const Result r = Geneft("--version");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Matches("geneft \\d+\\.\\d+\\.\\d+ \\(plugin ABI 1\\.\\d+\\.\\d+\\)\n"));
}

TEST_CASE("geneft --help lists the commands") {
  const Result r = Geneft("--help");
  CHECK(r.exit_code == 0);
  for (const char* command : {"run", "check", "plugins", "describe"})
    CHECK_THAT(r.output, Catch::Contains(std::string("  ") + command));
}

TEST_CASE("geneft plugins lists the built-in plugins with kind, version and file") {
  const Result r = Geneft("plugins");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Matches("(.|\n)*relation +mod_k +1\\.0\\.0 +.*relation_mod_k\\.so(.|\n)*"));
  CHECK_THAT(r.output, Catch::Matches("(.|\n)*decoder_mode +sqdiff +1\\.0\\.0(.|\n)*"));
}

TEST_CASE("geneft describe shows a plugin's parameters") {
  const Result r = Geneft("describe relation.mod_k");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Matches("(.|\n)*\n  k +int +3 +(.|\n)*"));
  CHECK_THAT(r.output, Catch::Matches("(.|\n)*\n  n +int +30 +(.|\n)*"));
  const Result bad = Geneft("describe relation.mod_kk");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("did you mean 'relation.mod_k'?"));
}

TEST_CASE("geneft check accepts the default study and refuses a broken one") {
  const Result ok = Geneft("check " GENEFT_SOURCE_DIR "/share/studies/mod3.toml");
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.output, Catch::Contains("relation.mod_k: k = 3, n = 30"));

  const std::string bad = WriteStudy("cli_bad.toml", "[relation]\nplugin = \"mod_k\"\nk = 0\n");
  const Result refused = Geneft("check " + bad);
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Catch::Contains("geneft: error: relation.mod_k: k = 0"));
}

TEST_CASE("geneft run trains one model and reports accuracies and first passages") {
  const std::string study = WriteStudy("cli_small.toml", R"(
[relation]
plugin = "mod_k"
n = 12
k = 2
[model]
depth = 1
width = 8
[train]
steps = 300
eval_every = 50
)");
  std::remove((study.substr(0, study.size() - 5) + ".db").c_str());
  const Result r = Geneft("run " + study);
  CHECK(r.exit_code == 0);
  const std::regex accuracy_line(
      R"(train accuracy +[01]\.\d{4} +\((first >= 0\.9 at step \d+|never reached 0\.9)\))");
  CHECK(std::regex_search(r.output, accuracy_line));
  CHECK_THAT(r.output, Catch::Contains("test accuracy"));
  CHECK_THAT(r.output, Catch::Contains("Termination: FINISHED (every run stored)"));
}

TEST_CASE("geneft theory on a multi-class relation prints the others' predictions and a note") {
  // info_bound has no bound for 19 classes: a note, not an exit that hides repon.
  const auto r = geneft::testing::RunGeneft("theory --relation addition");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("repon.p_generalize"));
  CHECK_THAT(r.output, Catch::Contains("geneft: note: analyzer.info_bound: analyze_relation: not "
                                       "available:"));
}

TEST_CASE("unknown commands and missing files are bad input (exit 2)") {
  CHECK(Geneft("frobnicate").exit_code == 2);
  const Result missing = Geneft("run no_such_study.toml");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.output, Catch::Contains("unable to open study [no_such_study.toml]"));
}
