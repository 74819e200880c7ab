// The relation plugins of paper Table I, loaded from the build's plugin folder:
// label matrices entry by entry, declared vs detected properties, p* and b
// against closed forms computed here independently, and parameter errors.
#include "plugin/host.h"
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"
#include <geneft/common/relation_properties.h>

#include "relation_checks.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

const geneft::PluginRegistry& Registry() {
  const geneft::PluginRegistry& registry = geneft::testing::BuiltinPlugins();
  for (const char* id : {"mod_k", "greater_than", "bipartite"})
    REQUIRE(registry.Find(geneft::PluginKind::kRelation, id) != nullptr);
  return registry;
}

std::unique_ptr<geneft::Relation> Create(const char* id, const char* params) {
  std::string err;
  auto relation = Registry().CreateRelation(id, params, &err);
  INFO(id << " with " << params << ": " << err);
  REQUIRE(relation != nullptr);
  return relation;
}

// The error message creating `id` with `params` gives; empty if it succeeded.
std::string CreateError(const char* id, const char* params) {
  std::string err;
  auto relation = Registry().CreateRelation(id, params, &err);
  CHECK(relation == nullptr);
  return relation ? std::string() : err;
}

// log2(m!) as a plain sum, independent of the plugins' lgamma.
double Log2Factorial(int m) {
  double sum = 0;
  for (int i = 2; i <= m; ++i) sum += std::log2(static_cast<double>(i));
  return sum;
}

// log2(n! / |Aut|) of an equivalence relation given its class sizes.
double EquivalenceBits(int n, const std::vector<int>& class_sizes) {
  std::map<int, int> classes_of_size;
  double bits = Log2Factorial(n);
  for (int size : class_sizes) {
    bits -= Log2Factorial(size);
    ++classes_of_size[size];
  }
  for (auto [size, count] : classes_of_size) bits -= Log2Factorial(count);
  return bits;
}

void CheckLabels(const geneft::Relation& relation,
                 const std::function<bool(uint32_t, uint32_t)>& definition) {
  const uint32_t n = relation.n();
  REQUIRE(relation.labels().size() == size_t{n} * n);
  for (uint32_t x = 0; x < n; ++x)
    for (uint32_t y = 0; y < n; ++y) {
      INFO("R(" << x << ", " << y << ")");
      CHECK(relation.labels()[size_t{x} * n + y] == (definition(x, y) ? 1 : 0));
    }
}

}  // namespace

using geneft::testing::CheckDeclaredProperties;

TEST_CASE("relation descriptors", "[relations]") {
  for (const char* id : {"mod_k", "greater_than", "bipartite"}) {
    const geneft::PluginInfo* info = Registry().Find(geneft::PluginKind::kRelation, id);
    REQUIRE(info != nullptr);
    CHECK(info->version == "1.0.0");
    CHECK_FALSE(info->description.empty());
    REQUIRE_FALSE(info->params.empty());
    CHECK(info->params[0].name == "n");
    CHECK(info->params[0].default_literal == "30");
    CHECK(info->params[0].help == "number of elements");
    for (const geneft::ParamSpec& spec : info->params) CHECK_FALSE(spec.help.empty());
  }
}

TEST_CASE("mod_k: equal modulo 3 and 5 on 30 elements", "[relations]") {
  for (int k : {3, 5}) {
    const std::string params = "n = 30\nk = " + std::to_string(k);
    auto relation = Create("mod_k", params.c_str());
    const geneft_relation_info& info = relation->info();
    CHECK(info.n == 30);
    CHECK(info.num_classes == 2);
    CheckLabels(*relation, [k](uint32_t x, uint32_t y) { return int(x) % k == int(y) % k; });
    CheckDeclaredProperties(*relation);
    CHECK(info.guess_probability == Approx(1.0 / k));
    // k classes of 30 / k elements: b = log2(30! / ((30/k)!^k k!)).
    CHECK(info.description_bits == Approx(EquivalenceBits(30, std::vector<int>(k, 30 / k))));
  }
  // The numbers themselves: 39.75 bits for mod 3, 53.34 bits for mod 5.
  CHECK(Create("mod_k", "k = 3")->info().description_bits == Approx(39.750921497));
  CHECK(Create("mod_k", "k = 5")->info().description_bits == Approx(53.342911265));
}

TEST_CASE("mod_k: unequal classes, and k = n", "[relations]") {
  // 30 = 2 * 5 + 5 * 4: two classes of 5, five of 4.
  auto mod7 = Create("mod_k", "k = 7");
  CheckLabels(*mod7, [](uint32_t x, uint32_t y) { return x % 7 == y % 7; });
  CheckDeclaredProperties(*mod7);
  CHECK(mod7->info().description_bits == Approx(EquivalenceBits(30, {5, 5, 4, 4, 4, 4, 4})));
  CHECK(mod7->info().description_bits == Approx(63.063583052));

  // Singleton classes: the identity, b = log2(30! / 30!) = 0.
  auto identity = Create("mod_k", "n = 30\nk = 30");
  CheckDeclaredProperties(*identity);
  CHECK(identity->info().description_bits == Approx(0.0).margin(1e-9));
}

TEST_CASE("greater_than on 30 elements", "[relations]") {
  auto relation = Create("greater_than", "n = 30");
  const geneft_relation_info& info = relation->info();
  CHECK(info.n == 30);
  CHECK(info.num_classes == 2);
  CheckLabels(*relation, [](uint32_t x, uint32_t y) { return x < y; });
  CheckDeclaredProperties(*relation);
  CHECK(info.guess_probability == Approx(1.0 / 3.0));
  CHECK(info.description_bits == Approx(Log2Factorial(30)));
  CHECK(info.description_bits == Approx(107.709067342));  // log2(30!)
}

TEST_CASE("bipartite: S = 0 .. 14 and an explicit member list", "[relations]") {
  auto halves = Create("bipartite", "n = 30\nsize = 15");
  CheckLabels(*halves, [](uint32_t x, uint32_t y) { return (x < 15) != (y < 15); });
  CheckDeclaredProperties(*halves);
  CHECK(halves->info().num_classes == 2);
  CHECK(halves->info().guess_probability == Approx(0.5));
  // Equal blocks may be swapped: b = log2(C(30, 15) / 2) = log2(77558760).
  CHECK(halves->info().description_bits == Approx(std::log2(77558760.0)));
  CHECK(halves->info().description_bits == Approx(26.208786402));

  auto squares = Create("bipartite", "n = 30\nmembers = [1, 4, 9, 16, 25]");
  auto in_s = [](uint32_t x) { return x == 1 || x == 4 || x == 9 || x == 16 || x == 25; };
  CheckLabels(*squares, [&](uint32_t x, uint32_t y) { return in_s(x) != in_s(y); });
  CheckDeclaredProperties(*squares);
  // b = log2(C(30, 5)) = log2(142506).
  CHECK(squares->info().description_bits == Approx(std::log2(142506.0)));
  CHECK(squares->info().description_bits == Approx(17.120663137));
}

namespace {

// A relation created through its C factory and asked only for get_info:
// "n = <its n>", or the plugin's message when create() refuses. The labels
// are never read (n^2 of them at the limit would take 16 GiB).
std::string CreatedSize(const char* id, const std::string& params) {
  const geneft::PluginInfo* info = Registry().Find(geneft::PluginKind::kRelation, id);
  REQUIRE(info != nullptr);
  geneft::ParamSet values;
  std::string err;
  REQUIRE(geneft::ParseParams(info->params, params, &values, &err));
  const auto* factory = static_cast<const geneft_relation_factory*>(info->factory);
  geneft::ClearPluginError();
  const geneft_relation* relation = factory->create(factory, geneft::Host(), id, &values);
  if (relation == nullptr) return geneft::TakePluginError();
  geneft_relation_info size{};
  size.struct_size = sizeof size;
  REQUIRE(relation->get_info(relation, &size) == GENEFT_OK);
  relation->destroy(relation);
  return "n = " + std::to_string(size.n);
}

}  // namespace

// The host indexes and counts the n^2 pairs in uint32_t: the limit is the
// largest n whose pair count fits.
static_assert(uint64_t{GENEFT_MAX_ELEMENTS} * GENEFT_MAX_ELEMENTS <= UINT32_MAX);
static_assert((uint64_t{GENEFT_MAX_ELEMENTS} + 1) * (GENEFT_MAX_ELEMENTS + 1) > UINT32_MAX);

TEST_CASE("relations accept GENEFT_MAX_ELEMENTS elements and refuse one more, naming it",
          "[relations]") {
  const std::string limit = std::to_string(GENEFT_MAX_ELEMENTS);
  const std::string over = std::to_string(GENEFT_MAX_ELEMENTS + 1);
  for (const char* id : {"mod_k", "greater_than", "bipartite"}) {
    INFO(id);
    CHECK(CreatedSize(id, "n = " + limit) == "n = " + limit);
    CHECK(CreatedSize(id, "n = " + over) == "n = " + over + ": must be >= 1 and <= " + limit);
  }
  CHECK(CreatedSize("addition", "p = " + limit) == "n = " + limit);
  CHECK(CreatedSize("addition", "p = " + over) == "p = " + over + ": must be >= 2 and <= " + limit);
}

TEST_CASE("bad relation parameters name the parameter", "[relations]") {
  auto mentions = [](const std::string& err, const char* text) {
    INFO("error: " << err);
    CHECK(err.find(text) != std::string::npos);
  };
  mentions(CreateError("mod_k", "k = 0"), "k = 0");
  mentions(CreateError("mod_k", "n = 30\nk = 31"), "k = 31");
  mentions(CreateError("mod_k", "n = 0"), "n = 0");
  mentions(CreateError("greater_than", "n = -1"), "n = -1");
  mentions(CreateError("bipartite", "size = 0"), "size = 0");
  mentions(CreateError("bipartite", "n = 30\nsize = 30"), "size = 30");
  mentions(CreateError("bipartite", "n = 30\nmembers = [3, 30]"), "members");
  mentions(CreateError("bipartite", "n = 30\nmembers = [3, 30]"), "30");
  mentions(CreateError("bipartite", "members = [3, 3]"), "members");
  mentions(CreateError("bipartite", "n = 3\nmembers = [0, 1, 2]"), "members");

  // Unknown keys are the registry's: it names the key and suggests the nearest.
  const std::string unknown = CreateError("mod_k", "kk = 3");
  mentions(unknown, "kk");
  mentions(unknown, "'k'");
}
