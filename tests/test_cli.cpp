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
  CHECK_THAT(bad.output, Catch::Contains("unknown plugin 'relation.mod_kk', did you mean 'relation.mod_k'?"));
  // A bare id is compared with the bare ids.
  const Result bare = Geneft("describe mod_kk");
  CHECK(bare.exit_code == 2);
  CHECK_THAT(bare.output, Catch::Contains("unknown plugin 'mod_kk', did you mean 'mod_k'?"));
  const Result far = Geneft("describe relation.zzz");
  CHECK_THAT(far.output, Catch::Contains("unknown plugin 'relation.zzz' (valid plugins: "));
  CHECK_THAT(far.output, Catch::Contains("relation.greater_than"));
}

TEST_CASE("geneft describe model and train list every key with its default, range and help") {
  const Result model = Geneft("describe model");
  CHECK(model.exit_code == 0);
  CHECK_THAT(model.output, Catch::Matches("(.|\n)*\n  embedding_dim +int +2 +1 \\.\\. 4096 +dimension(.|\n)*"));
  CHECK_THAT(model.output, Catch::Matches("(.|\n)*\n  activation +string +\"tanh\" +tanh \\| relu(.|\n)*"));
  CHECK_THAT(model.output, Catch::Matches("(.|\n)*\n  decoder_init_scale +double +1\\.0 +> 0 +(.|\n)*"));
  const Result train = Geneft("describe train");
  CHECK(train.exit_code == 0);
  CHECK_THAT(train.output, Catch::Matches("(.|\n)*\n  lr_enc +double +0\\.001 +> 0 +encoder(.|\n)*"));
  CHECK_THAT(train.output, Catch::Matches("(.|\n)*\n  steps +int +100000 +1 \\.\\. 10\\^12 +(.|\n)*"));
  CHECK_THAT(train.output, Catch::Matches("(.|\n)*\n  early_stop +bool +false +(.|\n)*"));
  CHECK_THAT(train.output, Catch::Matches("(.|\n)*\n  max_loss +double +100\\.0 +(.|\n)*"));
  // Every key a study file takes is listed, and each has a range and help.
  for (const char* key : {"fraction", "optimizer", "lr_dec", "wd_enc", "wd_dec", "beta1", "beta2",
                          "eps", "momentum", "batch_size", "eval_every", "threshold"})
    CHECK_THAT(train.output, Catch::Matches("(.|\n)*\n  " + std::string(key) + " +\\S+ +\\S+ +\\S.*\\S +\\S.*\n(.|\n)*"));
}

TEST_CASE("option values from a fixed list suggest the nearest one") {
  const Result theory = Geneft("theory --relation mod_k --format tabel");
  CHECK(theory.exit_code == 2);
  CHECK_THAT(theory.output, Catch::Contains("--format: unknown format 'tabel', did you mean 'table'?"));
  // Checked before the store is opened.
  const Result format = Geneft("export no_such.db --format xml");
  CHECK(format.exit_code == 2);
  CHECK_THAT(format.output, Catch::Contains("--format: unknown format 'xml' (valid formats: csv, json)"));
  const Result table = Geneft("export no_such.db --table runz");
  CHECK(table.exit_code == 2);
  CHECK_THAT(table.output, Catch::Contains("--table: unknown table 'runz', did you mean 'runs'?"));
}

TEST_CASE("geneft check accepts the default study and refuses a broken one") {
  const Result ok = Geneft("check " GENEFT_SOURCE_DIR "/share/studies/mod3.toml");
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.output, Catch::Contains("relation.mod_k: k = 3, n = 30"));

  const std::string bad = WriteStudy("cli_bad.toml", "[relation]\nplugin = \"mod_k\"\nk = 0\n");
  const Result refused = Geneft("check " + bad);
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output,
             Catch::Contains("geneft: error: " + bad + ":1: [relation] relation.mod_k: k = 0"));
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

TEST_CASE("a store or file that cannot be written says why") {
  const std::string study = WriteStudy("cli_unwritable.toml", R"(
[relation]
plugin = "mod_k"
n = 6
k = 2
[model]
depth = 0
[train]
steps = 10
eval_every = 5
)");
  const std::string no_folder = GENEFT_BINARY_DIR "/tests/no_such_folder";
  const Result run = Geneft("run " + study + " --quiet --out " + no_folder + "/s.db");
  CHECK(run.exit_code == 1);
  // The writer's lock comes first, beside the store: it names the path and why.
  CHECK_THAT(run.output, Catch::Contains(no_folder + "/s.db.lock]: No such file or directory"));

  const std::string store = GENEFT_BINARY_DIR "/tests/cli_unwritable.db";
  std::remove(store.c_str());
  REQUIRE(Geneft("run " + study + " --quiet").exit_code == 0);
  const Result exported = Geneft("export " + store + " -o " + no_folder + "/runs.csv");
  CHECK(exported.exit_code == 1);
  CHECK_THAT(exported.output, Catch::Contains("geneft: error: cannot write " + no_folder +
                                              "/runs.csv: No such file or directory"));
}

TEST_CASE("an unknown option suggests the nearest of the command's options") {
  const Result typo = Geneft("export no_such.db --fromat csv");
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.output,
             Catch::Contains("geneft: error: unknown option '--fromat', did you mean '--format'?"));
  // Far from every option: the command's own options are listed.
  const Result far = Geneft("run --zzzzzz " GENEFT_SOURCE_DIR "/share/studies/mod3.toml");
  CHECK(far.exit_code == 2);
  CHECK_THAT(far.output, Catch::Contains("unknown option '--zzzzzz' (valid options: --help, "
                                         "--plugin-path, --quiet, --verbose, --jobs, --out,"));
}

TEST_CASE("geneft theory on a multi-class relation prints every analyzer's predictions") {
  // addition has one class per sum: info_bound gives its b and bound, repon its odds.
  const auto r = geneft::testing::RunGeneft("theory --relation addition");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("repon.p_generalize"));
  CHECK_THAT(r.output, Catch::Contains("info_bound.p_c"));
  CHECK_THAT(r.output, !Catch::Contains("not available"));
}

TEST_CASE("unknown commands and missing files are bad input (exit 2)") {
  const Result unknown = Geneft("frobnicate");
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.output, Catch::Contains("geneft: error: unknown command 'frobnicate' (valid "
                                             "commands: run, analyze, theory, check, export, merge,"));
  const Result typo = Geneft("rn share/studies/mod3.toml");
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.output, Catch::Contains("geneft: error: unknown command 'rn', did you mean 'run'?"));
  const Result missing = Geneft("run no_such_study.toml");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.output, Catch::Contains("unable to open study [no_such_study.toml]"));
}

TEST_CASE("a study without a test set says so instead of printing nan") {
  const std::string study = WriteStudy("cli_no_test_set.toml", R"(
[relation]
plugin = "mod_k"
n = 8
k = 2
[model]
depth = 1
width = 4
[train]
fraction = 1
steps = 20
eval_every = 10
)");
  std::remove((study.substr(0, study.size() - 5) + ".db").c_str());
  const Result r = Geneft("run " + study);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("test accuracy        none: train.fraction = 1 leaves no test pairs"));
  CHECK_THAT(r.output, !Catch::Contains("nan"));
}

TEST_CASE("the cost line holds the largest step budget a study allows") {
  // Replicated runs of `steps` each.
  const auto replicated = [](const std::string& name, const std::string& steps) {
    return WriteStudy(name, "[relation]\nplugin = \"mod_k\"\n[train]\nsteps = " + steps +
                                "\n[sweep]\nreplicates = 3\n");
  };
  const Result ok = Geneft("check " + replicated("cli_most_steps.toml", "1000000000000"));
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.output, Catch::Contains("runs: 3, cost: 3000000000000 training steps (1e+12 per run)"));
  const Result refused = Geneft("check " + replicated("cli_huge_steps.toml", "9223372036854775807"));
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Catch::Contains("cli_huge_steps.toml"));
  CHECK_THAT(refused.output, Catch::Contains("train.steps = 9223372036854775807: must be <= 10^12"));
}

TEST_CASE("theory: a --set value that is no TOML value names the key and shows the quoting") {
  const Result r = Geneft("theory --relation graph --set file=edges.txt");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("--set file=edges.txt: 'edges.txt' is not a TOML value"));
  CHECK_THAT(r.output, Catch::Contains("--set 'file=\"edges.txt\"'"));
  // Numbers, booleans and quoted strings pass as before.
  CHECK(Geneft("theory --relation mod_k --set k=5 --set train.lr_dec=1e-2").exit_code == 0);
}
