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
  Parse("[sweep]\n\"lr_enc\" = [1, 2]\n", &err);
  CHECK_THAT(err, Catch::Contains("'lr_enc': not a setting"));
  Parse("[sweep]\n\"train.steps\" = []\n", &err);
  CHECK_THAT(err, Catch::Contains("the list is empty"));
  Parse("[[sweep.zip]]\n\"train.lr_enc\" = [1, 2]\n\"train.lr_dec\" = [1, 2, 3]\n", &err);
  CHECK_THAT(err, Catch::Contains("has 3 values, the group's first key has 2"));
  Parse("[sweep]\nreplicates = 0\n", &err);
  CHECK_THAT(err, Catch::Contains("replicates must be an integer >= 1"));
}
