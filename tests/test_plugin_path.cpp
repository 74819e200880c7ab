// The plugin path as a user meets it: a broken or odd entry in a plugin
// folder never stops a command, and a study file loads no code unless the
// user trusts it (README, "Plugins").
#include "test_support.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using Catch::Contains;
using geneft::testing::CommandResult;
using geneft::testing::RunGeneft;

const fs::path kTestPlugins = GENEFT_TEST_PLUGIN_DIR;
const std::string kDefaultStudy = GENEFT_SOURCE_DIR "/share/studies/mod3.toml";

// A folder holding one library cut to its first 2000 bytes.
fs::path FolderWithTruncatedLibrary() {
  const fs::path dir = geneft::testing::ScratchFolder("path_truncated");
  const std::string bytes = geneft::testing::FileBytes(
      GENEFT_BINARY_DIR "/lib/geneft/plugins/libgeneft_relation_mod_k.so");
  geneft::testing::WriteFile(dir / "t.so", bytes.substr(0, 2000));
  return dir;
}

// A study of the frozen ABI 1.1 test relation; `study_table` is its [study].
std::string StudyOfFrozenPlugin(const std::string& name, const std::string& study_table) {
  const fs::path dir = geneft::testing::ScratchFolder(name);
  geneft::testing::WriteFile(dir / "study.toml", study_table + R"(
[relation]
plugin = "frozen_parity"
n = 4

[train]
steps = 10
)");
  return (dir / "study.toml").string();
}

}  // namespace

TEST_CASE("a truncated library on the plugin path is a warning naming it, and commands go on") {
  const fs::path dir = FolderWithTruncatedLibrary();
  const std::string warning =
      "geneft: warning: unable to open plugin [" + (dir / "t.so").string() + "]: truncated";

  const CommandResult list = RunGeneft("plugins --plugin-path '" + dir.string() + "'");
  INFO(list.output);
  CHECK(list.exit_code == 2);  // `plugins` reports refused libraries as bad input
  CHECK_THAT(list.output, Contains(warning));
  CHECK_THAT(list.output, Contains("relation      mod_k"));

  const CommandResult check = RunGeneft("check " + kDefaultStudy + " --plugin-path '" +
                                        dir.string() + "'");
  INFO(check.output);
  CHECK(check.exit_code == 0);
  CHECK_THAT(check.output, Contains(warning));
  CHECK_THAT(check.output, Contains("ok: study is valid"));
}

TEST_CASE("folder entries named .so that are no library are skipped, noted with --verbose") {
  const fs::path dir = geneft::testing::ScratchFolder("path_odd_entries");
  fs::create_symlink("loop.so", dir / "loop.so");
  fs::create_symlink("absent.so", dir / "dangling.so");
  fs::create_directory(dir / "folder.so");

  const CommandResult quiet = RunGeneft("plugins --plugin-path '" + dir.string() + "'");
  INFO(quiet.output);
  CHECK(quiet.exit_code == 0);
  CHECK_THAT(quiet.output, !Contains("skipped"));

  const CommandResult verbose = RunGeneft("check " + kDefaultStudy + " -v --plugin-path '" +
                                          dir.string() + "'");
  INFO(verbose.output);
  CHECK(verbose.exit_code == 0);
  for (const char* entry : {"loop.so", "dangling.so", "folder.so"})
    CHECK_THAT(verbose.output,
               Contains("geneft: note: skipped [" + (dir / entry).string() + "]: "));
}

TEST_CASE("a study's plugin_files load only with --trust-study-plugins") {
  const std::string refusing = (kTestPlugins / "libgeneft_test_init_fails.so").string();
  const std::string study =
      StudyOfFrozenPlugin("trust_refusing", "[study]\nplugin_files = [\"" + refusing + "\"]\n");

  // Untrusted: refused before anything loads, so the library's init() never ran.
  const CommandResult untrusted = RunGeneft("check " + study);
  INFO(untrusted.output);
  CHECK(untrusted.exit_code == 2);
  CHECK_THAT(untrusted.output,
             Contains("geneft: error: " + study + ":2: [study] plugin_files names 1 plugin "
                      "library (" + refusing + "), and a study file loads no code on its own: "
                      "pass --trust-study-plugins"));
  CHECK_THAT(untrusted.output, !Contains("license file missing"));

  // Trusted: loaded, and its refusal names the study's line and the library.
  const CommandResult trusted = RunGeneft("check " + study + " --trust-study-plugins");
  INFO(trusted.output);
  CHECK(trusted.exit_code == 2);
  CHECK_THAT(trusted.output, Contains(study + ":2: [study] plugin_files: error during "
                                      "initialization of plugin [" + refusing +
                                      "]: license file missing"));
}

TEST_CASE("a trusted study's plugin_files are found beside the study file") {
  const std::string study = StudyOfFrozenPlugin("trust_relative", "[study]\n"
                                                "plugin_files = [\"lib/frozen.so\"]\n");
  const fs::path lib = fs::path(study).parent_path() / "lib";
  fs::create_directory(lib);
  fs::copy_file(kTestPlugins / "libgeneft_test_abi_1_1.so", lib / "frozen.so");

  const CommandResult r = RunGeneft("check " + study + " --trust-study-plugins");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Contains("relation.frozen_parity: n = 4"));
}

TEST_CASE("the user's own --plugin-path folder needs no trust, and a study's plugin_path is refused") {
  const std::string study = StudyOfFrozenPlugin("trust_user_path", "");
  const fs::path lib = fs::path(study).parent_path() / "lib";
  fs::create_directory(lib);
  fs::copy_file(kTestPlugins / "libgeneft_test_abi_1_1.so", lib / "frozen.so");
  const CommandResult r = RunGeneft("check " + study + " --plugin-path '" + lib.string() + "'");
  INFO(r.output);
  CHECK(r.exit_code == 0);

  const std::string folders =
      StudyOfFrozenPlugin("trust_folders", "[study]\nname = \"x\"\nplugin_path = [\"lib\"]\n");
  const CommandResult refused = RunGeneft("check " + folders);
  INFO(refused.output);
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Contains(folders + ":3: [study] plugin_path is not read any more"));
  CHECK_THAT(refused.output, Contains("plugin_files"));
  CHECK_THAT(refused.output, Contains("--plugin-path DIR"));
}
