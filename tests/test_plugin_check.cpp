// geneft plugins --check FILE.so: good built-in libraries pass every check;
// the deliberately broken test plugins fail with messages that name the
// plugin, the call and the fix.
#include "test_support.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>

namespace {

using geneft::testing::CommandResult;

const std::string kBuiltin = GENEFT_BINARY_DIR "/lib/geneft/plugins/";
const std::string kTest = GENEFT_TEST_PLUGIN_DIR "/";

CommandResult Check(const std::string& file) {
  return geneft::testing::RunGeneft("plugins --check '" + file + "'");
}

// Every output line but the summary starts with "ok" or "FAIL".
void RequireOneVerdictPerLine(const std::string& output) {
  static const std::regex line_re("^(ok   |FAIL ).+|^.+: \\d+ checks, \\d+ failed$");
  size_t start = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    const std::string line = output.substr(start, end - start);
    INFO(line);
    CHECK(std::regex_match(line, line_re));
    start = end + 1;
  }
}

}  // namespace

TEST_CASE("plugins --check passes a good relation library") {
  const CommandResult r = Check(kBuiltin + "libgeneft_relation_mod_k.so");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, !Catch::Contains("FAIL"));
  RequireOneVerdictPerLine(r.output);
  CHECK_THAT(r.output, Catch::Contains("ok   entry point [geneft_entry]"));
  CHECK_THAT(r.output, Catch::Contains("ok   relation 'mod_k': 2 parameters (n int = 30, k int = 3)"));
  CHECK_THAT(r.output, Catch::Contains("ok   relation 'mod_k': get_info: n = 30, 2 classes"));
  CHECK_THAT(r.output, Catch::Contains("ok   relation 'mod_k': get_labels: 900 labels in 0..1"));
  CHECK_THAT(r.output, Catch::Contains("ok   relation 'mod_k': declared properties hold"));
  CHECK_THAT(r.output, Catch::Contains("ok   relation 'mod_k': get_labels refuses a buffer one label short"));
  CHECK_THAT(r.output, Catch::Contains(", 0 failed"));
}

TEST_CASE("plugins --check passes the built-in decoder modes and an analyzer") {
  const CommandResult modes = Check(kBuiltin + "libgeneft_modes.so");
  INFO(modes.output);
  CHECK(modes.exit_code == 0);
  for (const char* id : {"concat", "diff", "sqdiff"})
    CHECK_THAT(modes.output, Catch::Contains("ok   decoder_mode '" + std::string(id) +
                                             "': backward matches finite differences of forward"));

  const CommandResult phase = Check(kBuiltin + "libgeneft_analyzer_phase.so");
  INFO(phase.output);
  CHECK(phase.exit_code == 0);
  CHECK_THAT(phase.output, Catch::Contains("ok   analyzer 'phase': create with default parameters; offers"));
}

TEST_CASE("plugins --check names the bad label, its pair and num_classes") {
  const CommandResult r = Check(kTest + "libgeneft_test_failing.so");
  INFO(r.output);
  CHECK(r.exit_code == 2);
  RequireOneVerdictPerLine(r.output);
  CHECK_THAT(r.output, Catch::Contains("FAIL relation 'out_of_range_labels': get_labels wrote "
                                       "label 7 at (0,0) but num_classes is 2 (and 3 more labels "
                                       "out of range)"));
  CHECK_THAT(r.output, Catch::Contains("FAIL relation 'throws_on_create': create() with default "
                                       "parameters returned NULL: cannot build"));
  CHECK_THAT(r.output, Catch::Contains("FAIL relation 'throws_on_labels': get_labels with room for "
                                       "n * n = 16 labels failed with internal error (-6): labels "
                                       "file vanished"));
  CHECK_THAT(r.output, Catch::Contains("FAIL decoder_mode 'throws_int': input_width(d = 4) failed "
                                       "with internal error (-6): unknown exception in plugin"));
  // The analyzer in the same library is fine: create/destroy passes.
  CHECK_THAT(r.output, Catch::Contains("ok   analyzer 'failing_analyzer': create with default "
                                       "parameters; offers analyze_run"));
  CHECK_THAT(r.output, Catch::Contains(", 4 failed"));
}

TEST_CASE("plugins --check stops at a library the loader refuses") {
  SECTION("no entry point") {
    const CommandResult r = Check(kTest + "libgeneft_test_no_entry.so");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("ok   opens ["));
    CHECK_THAT(r.output, Catch::Contains("FAIL no entry point [geneft_entry]: export one"));
    CHECK_THAT(r.output, Catch::Contains("2 checks, 1 failed"));
  }
  SECTION("another ABI major") {
    const CommandResult r = Check(kTest + "libgeneft_test_abi_wrong_major.so");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("FAIL ABI version: built for ABI 2.0.0; this host speaks "
                                         "ABI 1."));
  }
  SECTION("init refuses") {
    const CommandResult r = Check(kTest + "libgeneft_test_init_fails.so");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("FAIL init() returned 0, refusing to load: license file "
                                         "missing"));
  }
  SECTION("not a library") {
    const CommandResult r = Check(kTest + "no_such_file.so");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("FAIL unable to open plugin ["));
  }
}

TEST_CASE("plugins --check passes a minimal C plugin of an older ABI minor") {
  const CommandResult r = Check(kTest + "libgeneft_test_abi_older_minor.so");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("ok   relation 'minimal': get_element_name is NULL"));
}

TEST_CASE("plugins --check passes a C++ plugin whose geneft_entry is written by hand") {
  const CommandResult r = Check(kTest + "libgeneft_test_hand_entry.so");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  RequireOneVerdictPerLine(r.output);
  CHECK_THAT(r.output, Catch::Contains("ok   entry point [geneft_entry]"));
  CHECK_THAT(r.output, Catch::Contains("ok   exports only [geneft_entry]"));
  // Its deinit is NULL, which the rule allows.
  CHECK_THAT(r.output, Catch::Contains("ok   entry functions: init, get_factory; deinit is NULL"));
  CHECK_THAT(r.output, Catch::Contains(", 0 failed"));
}

TEST_CASE("plugins --check fails a relation of more than GENEFT_MAX_ELEMENTS elements") {
  const CommandResult r = Check(kTest + "libgeneft_test_too_many_elements.so");
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("FAIL relation 'minimal': get_info says n = " +
                                       std::to_string(GENEFT_MAX_ELEMENTS + 1) +
                                       "; at most GENEFT_MAX_ELEMENTS = " +
                                       std::to_string(GENEFT_MAX_ELEMENTS)));
  CHECK_THAT(r.output, !Catch::Contains("get_labels"));
}

TEST_CASE("plugins --check refuses a truncated library instead of dying of SIGBUS") {
  const std::filesystem::path cut = geneft::testing::ScratchFolder("check_truncated") / "t.so";
  geneft::testing::WriteFile(
      cut, geneft::testing::FileBytes(kBuiltin + "libgeneft_relation_mod_k.so").substr(0, 2000));
  const CommandResult r = Check(cut.string());
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("FAIL unable to open plugin [" + cut.string() +
                                       "]: truncated: loadable segment "));
  CHECK_THAT(r.output, Catch::Contains("1 checks, 1 failed"));
}

TEST_CASE("plugins --check says why a file is no library instead of \"Bad file descriptor\"") {
  const CommandResult text = Check(GENEFT_SOURCE_DIR "/README.md");
  CHECK(text.exit_code == 2);
  CHECK_THAT(text.output, Catch::Contains("FAIL unable to open plugin [" GENEFT_SOURCE_DIR
                                          "/README.md]: not an ELF file"));
  const CommandResult missing = Check(kTest + "libgeneft_test_missing_dependency.so");
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.output, Catch::Contains("]: dependency libgeneft_test_dependency.so: cannot "
                                             "open shared object file"));
  for (const CommandResult& r : {text, missing})
    CHECK_THAT(r.output, !Catch::Contains("Bad file descriptor"));
}
