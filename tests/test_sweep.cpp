// [sweep]: ranges, lists, grids, zipped axes, replicates, and their errors.
#include "study/sweep.h"

#include <catch2/catch.hpp>

#include <cmath>

using geneft::SweepSpec;

namespace {

SweepSpec Parse(const std::string& text, std::string* err) {
  SweepSpec spec;
  err->clear();
  geneft::ParseSweep(toml::parse(text, std::string_view("s.toml")), "s.toml", &spec, err);
  return spec;
}

double At(const geneft::SweepPoint& p, const std::string& key) {
  for (const auto& [k, v] : p.values)
    if (k == key) return *v.get(0)->value<double>();
  return NAN;
}

}  // namespace

TEST_CASE("no [sweep] table means one run") {
  std::string err;
  const SweepSpec spec = Parse("[train]\nsteps = 3\n", &err);
  CHECK(err.empty());
  CHECK(spec.RunCount() == 1);
  CHECK(geneft::ExpandSweep(spec).size() == 1);
}

TEST_CASE("logspace, linspace and range expand to the expected values") {
  std::string err;
  const SweepSpec spec = Parse(
      "[sweep]\n\"train.lr_enc\" = \"logspace(-5, -2, 4)\"\n"
      "\"train.fraction\" = \"linspace(0.1, 0.9, 5)\"\n\"model.depth\" = \"range(0, 6, 2)\"\n",
      &err);
  REQUIRE(err.empty());
  REQUIRE(spec.axes.size() == 3);
  const auto& lr = spec.axes[0].values[0];
  REQUIRE(lr.size() == 4);
  CHECK(*lr.get(0)->value<double>() == Approx(1e-5));
  CHECK(*lr.get(3)->value<double>() == Approx(1e-2));
  CHECK(*spec.axes[1].values[0].get(2)->value<double>() == Approx(0.5));
  const auto& depth = spec.axes[2].values[0];
  REQUIRE(depth.size() == 3);
  CHECK(*depth.get(2)->value_exact<int64_t>() == 4);  // integers stay integers
  CHECK(spec.RunCount() == 4 * 5 * 3);
}

TEST_CASE("a grid varies the first axis slowest, replicates innermost") {
  std::string err;
  const SweepSpec spec =
      Parse("[sweep]\n\"train.lr_enc\" = [1, 2]\n\"train.lr_dec\" = [10, 20, 30]\nreplicates = 2\n", &err);
  REQUIRE(err.empty());
  const auto points = geneft::ExpandSweep(spec);
  REQUIRE(points.size() == 12);
  CHECK(At(points[0], "train.lr_enc") == 1);
  CHECK(At(points[0], "train.lr_dec") == 10);
  CHECK(points[0].replicate == 0);
  CHECK(points[1].replicate == 1);
  CHECK(At(points[2], "train.lr_dec") == 20);
  CHECK(At(points[6], "train.lr_enc") == 2);
  CHECK(At(points[11], "train.lr_dec") == 30);
}

TEST_CASE("zipped keys move together and form one axis of the grid") {
  std::string err;
  const SweepSpec spec = Parse(
      "[sweep]\n\"train.fraction\" = [0.3, 0.6]\n"
      "[[sweep.zip]]\n\"decoder_mode.plugin\" = [\"concat\", \"sqdiff\"]\n\"model.depth\" = [3, 0]\n",
      &err);
  REQUIRE(err.empty());
  const auto points = geneft::ExpandSweep(spec);
  REQUIRE(points.size() == 4);
  for (const auto& p : points) {
    std::string mode;
    int64_t depth = -1;
    for (const auto& [k, v] : p.values) {
      if (k == "decoder_mode.plugin") mode = *v.get(0)->value<std::string>();
      if (k == "model.depth") depth = *v.get(0)->value<int64_t>();
    }
    CHECK(((mode == "concat" && depth == 3) || (mode == "sqdiff" && depth == 0)));
  }
}

TEST_CASE("nested TOML tables in [sweep] are the same as dotted keys") {
  std::string err;
  const SweepSpec spec = Parse("[sweep.train]\nlr_enc = [1, 2, 3]\n", &err);
  REQUIRE(err.empty());
  CHECK(spec.Keys() == std::vector<std::string>{"train.lr_enc"});
}

TEST_CASE("sweep mistakes are errors naming file, line and key") {
  std::string err;
  Parse("[sweep]\n\"train.lr_enc\" = \"logspace(-5, -2)\"\n", &err);
  CHECK_THAT(err, Catch::StartsWith("s.toml:2: [sweep] 'train.lr_enc'"));
  CHECK_THAT(err, Catch::Contains("count >= 1"));
  Parse("[sweep]\n\"train.steps\" = []\n", &err);
  CHECK_THAT(err, Catch::Contains("the list is empty"));
  Parse("[[sweep.zip]]\n\"train.lr_enc\" = [1, 2]\n\"train.lr_dec\" = [1, 2, 3]\n", &err);
  CHECK_THAT(err, Catch::Contains("has 3 values, the group's first key has 2"));
  Parse("[sweep]\nreplicates = 0\n", &err);
  CHECK_THAT(err, Catch::Contains("replicates must be an integer >= 1"));
}

TEST_CASE("swept keys are checked against the settings, naming the line of the [sweep] entry") {
  std::string err;
  const SweepSpec spec = Parse("[sweep]\n\"train.lr_dec\" = [1, 2]\n\n\"train.lr_encc\" = [1]\n", &err);
  REQUIRE(err.empty());
  const std::vector<std::string> settings = {"train.lr_enc", "train.lr_dec", "model.depth"};
  CHECK_FALSE(geneft::CheckSweepKeys(spec, "s.toml", settings, &err));
  CHECK(err == "s.toml:4: [sweep] unknown setting 'train.lr_encc', did you mean 'train.lr_enc'?");

  const SweepSpec bare = Parse("[sweep]\n\"lr_enc\" = [1, 2]\n", &err);
  CHECK_FALSE(geneft::CheckSweepKeys(bare, "s.toml", settings, &err));
  CHECK(err == "s.toml:2: [sweep] unknown setting 'lr_enc' (valid settings: train.lr_enc, "
               "train.lr_dec, model.depth)");

  const SweepSpec good = Parse("[sweep]\n\"model.depth\" = [1, 2]\n", &err);
  CHECK(geneft::CheckSweepKeys(good, "s.toml", settings, &err));
}

TEST_CASE("a key swept twice is refused at its second entry") {
  std::string err;
  Parse("[sweep]\n\"train.lr_enc\" = [1, 2]\n[[sweep.zip]]\n\"train.lr_dec\" = [1, 2]\n"
        "\"train.lr_enc\" = [3, 4]\n",
        &err);
  CHECK(err == "s.toml:5: [sweep] 'train.lr_enc' is swept twice");
}

TEST_CASE("each swept key keeps the line of its entry, zipped ones too") {
  std::string err;
  const SweepSpec spec = Parse(
      "[sweep]\n\"train.lr_enc\" = [1, 2]\n[[sweep.zip]]\n\"model.depth\" = [1, 2]\n"
      "\"model.width\" = [4, 8]\n",
      &err);
  REQUIRE(err.empty());
  CHECK(spec.KeyRegion("train.lr_enc").begin.line == 2);
  CHECK(spec.KeyRegion("model.depth").begin.line == 4);
  CHECK(spec.KeyRegion("model.width").begin.line == 5);
  CHECK(spec.KeyRegion("train.steps").begin.line == 0);
  CHECK(spec.RunCount() == 4);
}

TEST_CASE("a swept value replaces the study's own and takes the place of its [sweep] entry") {
  toml::table root = toml::parse("[train]\nlr_dec = 0.1\nsteps = 5\n", std::string_view("s.toml"));
  toml::source_region at;
  at.begin = {9, 1};
  geneft::SetSetting(&root, "train.lr_dec", toml::value<double>(0.5), at);
  geneft::SetSetting(&root, "model.depth", toml::value<int64_t>(2), at);
  const toml::table& train = *root["train"].as_table();
  CHECK(*train["lr_dec"].value<double>() == 0.5);
  CHECK(train.find("lr_dec")->first.source().begin.line == 9);
  CHECK(train.find("steps")->first.source().begin.line == 3);  // untouched
  CHECK(*root["model"]["depth"].value<int64_t>() == 2);
}

TEST_CASE("range strings read their numbers exactly and give finite values only") {
  std::string err;
  // Integers beyond 2^53 have no exact double: refused, not rounded.
  Parse("[sweep]\n\"train.lr_enc\" = \"linspace(0, 9007199254740993, 2)\"\n", &err);
  CHECK_THAT(err, Catch::StartsWith("s.toml:2: [sweep] 'train.lr_enc'"));
  CHECK_THAT(err, Catch::Contains("argument 2: the integer 9007199254740993 is beyond 2^53"));
  // 2^53 itself is exact.
  SweepSpec spec = Parse("[sweep]\n\"train.lr_enc\" = \"linspace(0, 9007199254740992, 2)\"\n", &err);
  REQUIRE(err.empty());
  CHECK(*spec.axes[0].values[0].get(1)->value<double>() == 9007199254740992.0);
  // range() is integer arithmetic, even at the ends of int64.
  spec = Parse("[sweep]\n\"train.steps\" = \"range(9223372036854775805, 9223372036854775807)\"\n",
               &err);
  REQUIRE(err.empty());
  CHECK(*spec.axes[0].values[0].get(1)->value_exact<int64_t>() == 9223372036854775806);
  spec = Parse("[sweep]\n\"model.depth\" = \"range(5, 0, -2)\"\n", &err);
  REQUIRE(err.empty());
  REQUIRE(spec.axes[0].values[0].size() == 3);
  CHECK(*spec.axes[0].values[0].get(2)->value_exact<int64_t>() == 1);

  Parse("[sweep]\n\"model.depth\" = \"range(0, 1.5)\"\n", &err);
  CHECK_THAT(err, Catch::EndsWith("'range(0, 1.5)': range takes integers"));
  Parse("[sweep]\n\"model.depth\" = \"range(0, 5, 0)\"\n", &err);
  CHECK_THAT(err, Catch::EndsWith("range needs a non-zero step"));
  Parse("[sweep]\n\"model.depth\" = \"range(0, 99999999999999999999)\"\n", &err);
  CHECK_THAT(err, Catch::EndsWith("argument 2: the integer 99999999999999999999 is out of range"));
  Parse("[sweep]\n\"model.depth\" = \"range(0, 10000000000)\"\n", &err);
  CHECK_THAT(err, Catch::EndsWith("gives more than 1000000 values"));
  Parse("[sweep]\n\"train.lr_enc\" = \"linspace(1, nan, 3)\"\n", &err);
  CHECK_THAT(err, Catch::EndsWith("argument 2: 'nan' is not a finite number"));
  Parse("[sweep]\n\"train.lr_enc\" = \"logspace(1, 400, 2)\"\n", &err);
  CHECK_THAT(err, Catch::EndsWith("value 2 is not a finite number (10^400)"));
  Parse("[sweep]\n\"train.lr_enc\" = \"linspace(0, 1, 2.5)\"\n", &err);
  CHECK_THAT(err, Catch::EndsWith("the count must be an integer >= 1"));
  Parse("[sweep]\n\"train.lr_enc\" = \"cubic(0, 1)\"\n", &err);
  CHECK_THAT(err, Catch::Contains("is not linspace(a, b, n), logspace(a, b, n) or range"));
  // A leading '+' and spaces are fine.
  spec = Parse("[sweep]\n\"train.lr_enc\" = \"linspace( +1 , 3, 3 )\"\n", &err);
  REQUIRE(err.empty());
  CHECK(*spec.axes[0].values[0].get(1)->value<double>() == 2.0);
}
