// Plugin parameters checked against a plugin's schema (core/plugin/params.cpp):
// types, exact doubles, unknown and missing keys, each naming file and line.
#include "plugin/params.h"

#include <catch2/catch.hpp>

using geneft::ParamSet;
using geneft::ParamSpec;

namespace {

const std::vector<ParamSpec> kSchema = {
    {"alpha", GENEFT_PARAM_DOUBLE, false, "0.9", "target accuracy"},
    {"count", GENEFT_PARAM_INT, false, "3", "how many"},
    {"weights", GENEFT_PARAM_DOUBLE_LIST, false, "[0.5]", "weights"},
};

std::string Error(const std::vector<ParamSpec>& schema, const std::string& text) {
  ParamSet params;
  std::string err;
  return geneft::ParseParams(schema, text, &params, &err) ? "ok" : err;
}

// Validates [p] of `text` as the study file "s.toml" would be.
std::string StudyError(const std::vector<ParamSpec>& schema, const std::string& text) {
  const toml::table root = toml::parse(text, std::string_view("s.toml"));
  const toml::table copy = *root["p"].as_table();  // as a sweep point sees it
  ParamSet params;
  std::string err;
  const geneft::SourceRef source{"s.toml", "p", geneft::KeyRegion(root, "p")};
  return geneft::ValidateParams(schema, copy, source, {"plugin"}, &params, &err) ? "ok" : err;
}

}  // namespace

TEST_CASE("given parameters are converted, missing ones take their defaults") {
  ParamSet params;
  std::string err;
  REQUIRE(geneft::ParseParams(kSchema, "alpha = 2\nweights = [1, 0.25]", &params, &err));
  CHECK(std::get<double>(params.values.at("alpha")) == 2.0);
  CHECK(std::get<int64_t>(params.values.at("count")) == 3);
  CHECK(std::get<std::vector<double>>(params.values.at("weights")) == std::vector<double>{1, 0.25});
}

TEST_CASE("a double parameter refuses an integer no double holds exactly") {
  CHECK(Error(kSchema, "alpha = 9007199254740992") == "ok");
  CHECK(Error(kSchema, "alpha = 9007199254740993") ==
        "<params>:1: [params] key 'alpha' is integer, expected a finite number (the integer "
        "9007199254740993 is beyond 2^53 and has no exact double; write it as a float to accept "
        "the rounding)");
  CHECK(Error(kSchema, "alpha = inf") ==
        "<params>:1: [params] key 'alpha' is floating-point, expected a finite number");
  CHECK(Error(kSchema, "weights = [0.5, 9007199254740993]") ==
        "<params>:1: [params] key 'weights' is array, expected an array of finite numbers, and "
        "element 2 is not a finite number (the integer 9007199254740993 is beyond 2^53 and has "
        "no exact double; write it as a float to accept the rounding)");
  CHECK_THAT(Error(kSchema, "weights = [0.5, nan]"),
             Catch::EndsWith("element 2 is not a finite number"));
}

TEST_CASE("parameter errors point at the key's line, even in a copied table") {
  CHECK(StudyError(kSchema, "[p]\nplugin = \"x\"\n\ncount = 1.5\n") ==
        "s.toml:4: [p] key 'count' is floating-point, expected an integer");
  CHECK(StudyError(kSchema, "[p]\nalpah = 1\n") ==
        "s.toml:2: [p] unknown key 'alpah', did you mean 'alpha'?");
  CHECK(StudyError(kSchema, "[p]\nzzz = 1\n") ==
        "s.toml:2: [p] unknown key 'zzz' (valid keys: alpha, count, weights)");
  CHECK(StudyError({}, "[p]\nzzz = 1\n") ==
        "s.toml:2: [p] unknown key 'zzz' (this plugin takes no parameters)");
  // A required key that is missing: the table's header is the place.
  const std::vector<ParamSpec> required = {{"n", GENEFT_PARAM_INT, true, "", "elements"}};
  CHECK(StudyError(required, "\n[p]\nplugin = \"x\"\n") ==
        "s.toml:2: [p] missing required key 'n' (elements)");
}
