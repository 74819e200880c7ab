// WriteTextFile (core/util/text_file.cpp): the file written, and the system's
// reason when it cannot be.
#include "util/text_file.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string ReadBack(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a text file is created, then replaced whole") {
  const fs::path dir = fs::path(GENEFT_BINARY_DIR) / "tests" / "text_file";
  fs::create_directories(dir);
  const fs::path file = dir / "out.txt";
  std::string err;
  REQUIRE(geneft::WriteTextFile(file, "first line\nsecond line\n", &err));
  CHECK(ReadBack(file) == "first line\nsecond line\n");
  REQUIRE(geneft::WriteTextFile(file, "short", &err));
  CHECK(ReadBack(file) == "short");
  CHECK(err.empty());
}

TEST_CASE("a file that cannot be opened or written names the path and the reason") {
  std::string err;
  const fs::path missing = fs::path(GENEFT_BINARY_DIR) / "no_such_folder" / "out.txt";
  CHECK_FALSE(geneft::WriteTextFile(missing, "x", &err));
  CHECK(err == "cannot write " + missing.string() + ": No such file or directory");
  // /dev/full accepts the open and refuses the data, at write or close.
  CHECK_FALSE(geneft::WriteTextFile("/dev/full", std::string(1 << 16, 'x'), &err));
  CHECK(err == "cannot write /dev/full: No space left on device");
}
