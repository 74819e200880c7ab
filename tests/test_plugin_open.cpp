// Opening a plugin library (plugin/plugin_library.h): the ELF headers are
// checked before the system loader maps the file, every refusal says why in
// words, and a plugin folder's odd entries are skipped, never fatal.
#include "plugin/plugin_library.h"
#include "plugin/plugin_registry.h"

#include "test_support.h"

#include <catch2/catch.hpp>

#include <elf.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Catch::Contains;
using Catch::StartsWith;

const fs::path kTestPlugins = GENEFT_TEST_PLUGIN_DIR;
const fs::path kGoodLibrary = GENEFT_BINARY_DIR "/lib/geneft/plugins/libgeneft_relation_mod_k.so";

std::string OpenError(const fs::path& file) {
  std::string err;
  const auto library = geneft::PluginLibrary::Open(file, &err);
  return library ? "opened" : err;
}

// A built plugin with one byte of its ELF header replaced.
fs::path Patched(const fs::path& dir, const std::string& name, size_t offset, char value) {
  std::string bytes = geneft::testing::FileBytes(kGoodLibrary);
  bytes[offset] = value;
  geneft::testing::WriteFile(dir / name, bytes);
  return dir / name;
}

}  // namespace

TEST_CASE("a truncated library is refused before the system loader maps it") {
  const fs::path dir = geneft::testing::ScratchFolder("open_truncated");
  const fs::path cut = dir / "truncated.so";
  geneft::testing::WriteFile(cut, geneft::testing::FileBytes(kGoodLibrary).substr(0, 2000));
  // The system loader maps segments past the end of such a file: SIGBUS.
  const std::string err = OpenError(cut);
  CHECK_THAT(err, StartsWith("unable to open plugin [" + cut.string() + "]: truncated: "));
  CHECK_THAT(err, Contains("but the file has 2000 bytes"));

  geneft::testing::WriteFile(cut, geneft::testing::FileBytes(kGoodLibrary).substr(0, 40));
  CHECK_THAT(OpenError(cut), Contains("truncated: 40 bytes, shorter than an ELF header"));
}

TEST_CASE("a file that is no library for this machine is refused with the reason") {
  const fs::path dir = geneft::testing::ScratchFolder("open_foreign");
  geneft::testing::WriteFile(dir / "text.so", "not a library at all\n");
  CHECK_THAT(OpenError(dir / "text.so"), Contains("]: not an ELF file"));

  const fs::path elf32 = Patched(dir, "elf32.so", EI_CLASS, ELFCLASS32);
  CHECK_THAT(OpenError(elf32),
             Contains("]: a 32-bit ELF file; this host loads 64-bit libraries"));

  // Another machine's library: the same file with e_machine changed.
  const uint16_t host = [] {
    Elf64_Ehdr header;
    std::memcpy(&header, geneft::testing::FileBytes(kGoodLibrary).data(), sizeof header);
    return header.e_machine;
  }();
  const uint16_t other = host == EM_AARCH64 ? EM_X86_64 : EM_AARCH64;
  const fs::path foreign = Patched(dir, "foreign.so", offsetof(Elf64_Ehdr, e_machine),
                                   static_cast<char>(other));
  CHECK_THAT(OpenError(foreign), Contains(other == EM_AARCH64 ? "]: built for AArch64; this host is "
                                                              : "]: built for x86-64; this host is "));

  const fs::path program = Patched(dir, "program.so", offsetof(Elf64_Ehdr, e_type), ET_EXEC);
  CHECK_THAT(OpenError(program), Contains("]: an ELF executable, not a shared library"));

  fs::create_directory(dir / "folder.so");
  CHECK_THAT(OpenError(dir / "folder.so"), Contains("]: a directory, not a library file"));
  CHECK_THAT(OpenError(dir / "absent.so"), Contains("]: no such file or directory"));
}

TEST_CASE("the system loader's refusal is passed on: undefined symbol, missing dependency") {
  const std::string undefined = OpenError(kTestPlugins / "libgeneft_test_undefined_symbol.so");
  CHECK_THAT(undefined, StartsWith("unable to open plugin ["));
  CHECK_THAT(undefined, Contains("]: undefined symbol: geneft_test_nowhere_defined"));

  const std::string missing = OpenError(kTestPlugins / "libgeneft_test_missing_dependency.so");
  CHECK_THAT(missing, Contains("]: dependency libgeneft_test_dependency.so: cannot open shared "
                               "object file"));
  for (const std::string& err : {undefined, missing})
    CHECK_THAT(err, !Contains("Bad file descriptor"));
}

TEST_CASE("the opener lists its steps, the same for --check as for the loader") {
  std::vector<geneft::OpenStep> steps;
  std::string err;
  auto library = geneft::PluginLibrary::Open(kGoodLibrary, &err, &steps);
  REQUIRE(library != nullptr);
  REQUIRE(steps.size() == 5);
  for (const geneft::OpenStep& step : steps) CHECK(step.ok);
  CHECK_THAT(steps[0].text, StartsWith("opens [" + kGoodLibrary.string() + "]: ELF64 shared "
                                       "library for "));
  CHECK(steps[1].text == "entry point [geneft_entry]");
  CHECK_THAT(steps[2].text, StartsWith("ABI 1."));
  CHECK(steps[3].text == "entry functions: init, get_factory, deinit");
  CHECK(steps[4].text == "init() accepts");

  steps.clear();
  CHECK(geneft::PluginLibrary::Open(kTestPlugins / "libgeneft_test_init_fails.so", &err,
                                    &steps) == nullptr);
  REQUIRE(steps.size() == 5);
  CHECK_FALSE(steps.back().ok);
  CHECK(steps.back().text == "init() returned 0, refusing to load: license file missing");
  CHECK_THAT(err, StartsWith("error during initialization of plugin ["));
}

TEST_CASE("a plugin folder's entries that are no library file are skipped with a note") {
  const fs::path dir = geneft::testing::ScratchFolder("folder_entries");
  fs::copy_file(kTestPlugins / "libgeneft_test_abi_older_minor.so", dir / "good.so");
  fs::create_symlink("loop.so", dir / "loop.so");  // refers to itself
  fs::create_symlink("absent.so", dir / "dangling.so");
  fs::create_directory(dir / "folder.so");

  geneft::PluginRegistry registry;
  std::string err;
  std::vector<std::string> notes;
  CHECK(registry.LoadDirectory(dir, &err, &notes));
  CHECK(err.empty());
  CHECK(registry.Find(geneft::PluginKind::kRelation, "minimal") != nullptr);
  REQUIRE(notes.size() == 3);
  CHECK(notes[0] == "skipped [" + (dir / "dangling.so").string() +
                        "]: a symbolic link to a missing file");
  CHECK(notes[1] == "skipped [" + (dir / "folder.so").string() +
                        "]: a directory, not a library file");
  CHECK(notes[2] == "skipped [" + (dir / "loop.so").string() +
                        "]: a symbolic link that never reaches a file: too many levels of "
                        "symbolic links");
}
