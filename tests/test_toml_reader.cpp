// TomlReader (core/study/toml_reader.cpp): typed keys of one host table,
// each mistake an error naming file, line, table and key; what is absent
// keeps its default.
#include "study/toml_reader.h"

#include <catch2/catch.hpp>


using geneft::TomlReader;

namespace {

// The parsed text stays alive with the reader; keys keep their lines.
struct Table {
  explicit Table(const std::string& text) : root(toml::parse(text, std::string_view("s.toml"))) {}
  const toml::table* train() const { return root["train"].as_table(); }
  geneft::SourceRef Source() const { return {"s.toml", "train", geneft::KeyRegion(root, "train")}; }
  toml::table root;
};

// The error of reading `key` as T from "[train]\n<line>".
template <class T>
std::string ReadError(const std::string& line, const char* key) {
  const Table t("[train]\n" + line + "\n");
  TomlReader reader(t.train(), t.Source());
  T value{};
  reader.Read(key, &value);
  std::string err;
  return reader.Finish(&err) ? "ok" : err;
}

}  // namespace

TEST_CASE("present keys are read with their types, absent ones keep their defaults") {
  const Table t(
      "[train]\nsteps = 7\nseed = 3\nlr = 0.5\nwhole = 2\nflag = true\nname = \"x\"\n"
      "dirs = [\"a\", \"b\"]\n");
  TomlReader reader(t.train(), t.Source());
  int64_t steps = 0, absent = 42;
  uint64_t seed = 0;
  double lr = 0, whole = 0;
  bool flag = false;
  std::string name;
  std::vector<std::string> dirs;
  reader.Read("steps", &steps);
  reader.Read("absent", &absent);
  reader.Read("seed", &seed);
  reader.Read("lr", &lr);
  reader.Read("whole", &whole);
  reader.Read("flag", &flag);
  reader.Read("name", &name);
  reader.Read("dirs", &dirs);
  std::string err;
  REQUIRE(reader.Finish(&err));
  CHECK(steps == 7);
  CHECK(absent == 42);
  CHECK(seed == 3);
  CHECK(lr == 0.5);
  CHECK(whole == 2.0);  // an integer is a number
  CHECK(flag);
  CHECK(name == "x");
  CHECK(dirs == std::vector<std::string>{"a", "b"});
}

TEST_CASE("an absent table leaves every value at its default") {
  TomlReader reader(nullptr, {"s.toml", "model", {}});
  int64_t depth = 3;
  reader.Read("depth", &depth);
  std::string err;
  CHECK(reader.Finish(&err));
  CHECK(depth == 3);
  CHECK(reader.Where("depth") == "s.toml");
}

TEST_CASE("a wrong type names the file, the line of the key, the table and what was expected") {
  CHECK(ReadError<int64_t>("steps = 1.5", "steps") == "s.toml:2: [train] key 'steps' must be an integer");
  CHECK(ReadError<int64_t>("steps = \"3\"", "steps") == "s.toml:2: [train] key 'steps' must be an integer");
  CHECK(ReadError<uint64_t>("seed = -1", "seed") ==
        "s.toml:2: [train] key 'seed' must be a non-negative integer");
  CHECK(ReadError<bool>("flag = 1", "flag") == "s.toml:2: [train] key 'flag' must be true or false");
  CHECK(ReadError<std::string>("name = 3", "name") == "s.toml:2: [train] key 'name' must be a string");
  CHECK(ReadError<std::vector<std::string>>("dirs = [\"a\", 1]", "dirs") ==
        "s.toml:2: [train] key 'dirs' must be an array of strings");
  CHECK(ReadError<std::vector<std::string>>("dirs = \"a\"", "dirs") ==
        "s.toml:2: [train] key 'dirs' must be an array of strings");
}

TEST_CASE("a double takes floats and exact integers, never inf, nan or an integer beyond 2^53") {
  CHECK(ReadError<double>("lr = 9007199254740992", "lr") == "ok");  // 2^53: exact
  CHECK(ReadError<double>("lr = -9007199254740992", "lr") == "ok");
  CHECK(ReadError<double>("lr = 1152921504606846976", "lr") == "ok");  // 2^60: exact
  CHECK(ReadError<double>("lr = 9007199254740993", "lr") ==
        "s.toml:2: [train] key 'lr' must be a finite number (the integer 9007199254740993 is "
        "beyond 2^53 and has no exact double; write it as a float to accept the rounding)");
  CHECK_THAT(ReadError<double>("lr = 9223372036854775807", "lr"),
             Catch::Contains("the integer 9223372036854775807 is beyond 2^53"));
  CHECK(ReadError<double>("lr = inf", "lr") == "s.toml:2: [train] key 'lr' must be a finite number");
  CHECK(ReadError<double>("lr = nan", "lr") == "s.toml:2: [train] key 'lr' must be a finite number");
  CHECK(ReadError<double>("lr = true", "lr") == "s.toml:2: [train] key 'lr' must be a finite number");

  // The value read is the value written.
  const Table t("[train]\nlr = 9007199254740992\n");
  TomlReader reader(t.train(), t.Source());
  double lr = 0;
  reader.Read("lr", &lr);
  CHECK(lr == 9007199254740992.0);
}

TEST_CASE("a key nobody reads is unknown: the nearest known key, or the list") {
  const Table t("[train]\nsteps = 1\nstepz = 2\n");
  TomlReader reader(t.train(), t.Source());
  int64_t steps = 0;
  reader.Read("steps", &steps);
  std::string err;
  CHECK_FALSE(reader.Finish(&err));
  CHECK(err == "s.toml:3: [train] unknown key 'stepz', did you mean 'steps'?");

  const Table far("[train]\nzzz = 2\n");
  TomlReader far_reader(far.train(), far.Source());
  far_reader.Read("steps", &steps);
  far_reader.Allow("plugin");
  CHECK_FALSE(far_reader.Finish(&err));
  CHECK(err == "s.toml:2: [train] unknown key 'zzz' (valid keys: steps, plugin)");

  const Table allowed("[train]\nplugin = \"x\"\n");
  TomlReader allowed_reader(allowed.train(), allowed.Source());
  allowed_reader.Allow("plugin");
  CHECK(allowed_reader.Finish(&err));
}

TEST_CASE("the first mistake is the one reported") {
  const Table t("[train]\nsteps = \"a\"\nlr = \"b\"\nzzz = 1\n");
  TomlReader reader(t.train(), t.Source());
  int64_t steps = 0;
  double lr = 0;
  reader.Read("steps", &steps);
  reader.Read("lr", &lr);
  std::string err;
  CHECK_FALSE(reader.Finish(&err));
  CHECK(err == "s.toml:2: [train] key 'steps' must be an integer");
}

TEST_CASE("Where points at a key, else at the table's header") {
  const Table t("\n[train]\nsteps = 1\n");
  TomlReader reader(t.train(), t.Source());
  CHECK(reader.Where("steps") == "s.toml:3");
  CHECK(reader.Where("lr") == "s.toml:2");
}

TEST_CASE("keys keep their lines in a copied table, where values lose theirs") {
  // Every sweep point is a copy of the study: messages must still have lines.
  const Table t("[train]\n\nsteps = \"a\"\n");
  const toml::table copy = *t.train();
  TomlReader reader(&copy, t.Source());
  int64_t steps = 0;
  reader.Read("steps", &steps);
  std::string err;
  CHECK_FALSE(reader.Finish(&err));
  CHECK(err == "s.toml:3: [train] key 'steps' must be an integer");
}
