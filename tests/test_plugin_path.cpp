// The plugin path as a user meets it: a broken or odd entry in a plugin
// folder never stops a command.
#include "test_support.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using Catch::Contains;
using geneft::testing::CommandResult;
using geneft::testing::RunGeneft;

const std::string kDefaultStudy = GENEFT_SOURCE_DIR "/share/studies/mod3.toml";

// A folder holding one library cut to its first 2000 bytes.
fs::path FolderWithTruncatedLibrary() {
  const fs::path dir = geneft::testing::ScratchFolder("path_truncated");
  const std::string bytes = geneft::testing::FileBytes(
      GENEFT_BINARY_DIR "/lib/geneft/plugins/libgeneft_relation_mod_k.so");
  geneft::testing::WriteFile(dir / "t.so", bytes.substr(0, 2000));
  return dir;
}

}  // namespace

TEST_CASE("a truncated library on the plugin path is a warning naming it; commands go on") {
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
