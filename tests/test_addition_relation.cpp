// The `addition` relation plugin (Liu et al. 2022 toy task) and its
// `add_embeddings` decoder mode, loaded from the build's plugin folder:
// labels against a + b (mod p) entry by entry, class counts, names,
// declared vs detected properties, parameter errors; and a short training
// run showing softmax + cross-entropy learns the 19-class task.
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"
#include <geneft/common/relation_properties.h>
#include "relation_checks.h"
#include "test_support.h"
#include "train/train_options.h"
#include "train/trainer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace {

const geneft::PluginRegistry& Registry() {
  const geneft::PluginRegistry& registry = geneft::testing::BuiltinPlugins();
  REQUIRE(registry.Find(geneft::PluginKind::kRelation, "addition") != nullptr);
  return registry;
}

std::unique_ptr<geneft::Relation> Create(const std::string& params) {
  std::string err;
  auto relation = Registry().CreateRelation("addition", params, &err);
  INFO("addition with '" << params << "': " << err);
  REQUIRE(relation != nullptr);
  return relation;
}

std::string CreateError(const std::string& params) {
  std::string err;
  auto relation = Registry().CreateRelation("addition", params, &err);
  CHECK(relation == nullptr);
  return relation ? std::string() : err;
}

}  // namespace

using geneft::testing::CheckDeclaredProperties;

namespace {

// Permutations of the elements keeping every label, by trying all p! of them.
int64_t AutomorphismCount(const geneft::Relation& relation) {
  const int n = static_cast<int>(relation.n());
  const std::vector<int32_t>& labels = relation.labels();
  std::vector<int> pi(n);
  for (int i = 0; i < n; ++i) pi[i] = i;
  int64_t count = 0;
  do {
    bool keeps = true;
    for (int a = 0; a < n && keeps; ++a)
      for (int b = 0; b < n && keeps; ++b)
        keeps = labels[size_t(pi[a] * n + pi[b])] == labels[size_t(a * n + b)];
    count += keeps;
  } while (std::next_permutation(pi.begin(), pi.end()));
  return count;
}

}  // namespace

TEST_CASE("addition: a + b with 2p - 1 classes", "[relations][addition]") {
  for (int p : {2, 3, 10, 17}) {
    INFO("p = " << p);
    auto relation = Create("p = " + std::to_string(p));
    const geneft_relation_info& info = relation->info();
    CHECK(info.n == uint32_t(p));
    CHECK(info.num_classes == uint32_t(2 * p - 1));
    REQUIRE(relation->labels().size() == size_t(p * p));
    std::set<int32_t> used;
    for (int a = 0; a < p; ++a)
      for (int b = 0; b < p; ++b) {
        INFO("label(" << a << ", " << b << ")");
        CHECK(relation->labels()[size_t(a * p + b)] == a + b);
        used.insert(relation->labels()[size_t(a * p + b)]);
      }
    CHECK(used.size() == size_t(2 * p - 1));  // every class occurs
    // Only the identity keeps every label a + b: b = log2 p!.
    CHECK(info.description_bits == Approx(std::lgamma(p + 1.0) / std::log(2.0)));
    if (p <= 3) CHECK(AutomorphismCount(*relation) == 1);
    CHECK(std::isnan(info.guess_probability));
    CHECK((info.properties & GENEFT_PROP_SYMMETRIC) != 0);
    CheckDeclaredProperties(*relation);
  }
}

TEST_CASE("addition: a + b mod p with p classes", "[relations][addition]") {
  for (int p : {2, 3, 7, 10, 12}) {
    INFO("p = " << p);
    auto relation = Create("p = " + std::to_string(p) + "\nmodulus = true");
    const geneft_relation_info& info = relation->info();
    CHECK(info.n == uint32_t(p));
    CHECK(info.num_classes == uint32_t(p));
    for (int a = 0; a < p; ++a)
      for (int b = 0; b < p; ++b) {
        INFO("label(" << a << ", " << b << ")");
        CHECK(relation->labels()[size_t(a * p + b)] == (a + b) % p);
      }
    CheckDeclaredProperties(*relation);
    // The declared b against the permutations keeping every label, counted
    // by brute force where p! is small: 2 for even p (a -> a + p/2), else 1.
    if (p <= 7)
      CHECK(info.description_bits ==
            Approx(std::lgamma(p + 1.0) / std::log(2.0) -
                   std::log2(double(AutomorphismCount(*relation)))));
  }
}

TEST_CASE("addition: defaults, names and parameter errors", "[relations][addition]") {
  const geneft::PluginInfo* plugin = Registry().Find(geneft::PluginKind::kRelation, "addition");
  REQUIRE(plugin->params.size() == 2);
  CHECK(plugin->params[0].name == "p");
  CHECK(plugin->params[0].default_literal == "10");
  CHECK(plugin->params[1].name == "modulus");
  CHECK(plugin->params[1].default_literal == "false");

  auto relation = Create("");  // the grokking toy: p = 10, 19 classes
  CHECK(relation->n() == 10);
  CHECK(relation->info().num_classes == 19);
  REQUIRE(relation->element_names().size() == 10);
  for (uint32_t i = 0; i < 10; ++i) CHECK(relation->element_names()[i] == std::to_string(i));

  CHECK(CreateError("p = 1").find("p = 1: must be >= 2") != std::string::npos);
  CHECK(CreateError("p = 0").find("must be >= 2") != std::string::npos);
  CHECK_FALSE(CreateError("modulus = 3").empty());  // a bool, not an int
}

TEST_CASE("add_embeddings: E1 + E2 and its gradient", "[relations][addition]") {
  std::string err;
  auto mode = Registry().CreateDecoderMode("add_embeddings", "", &err);
  INFO(err);
  REQUIRE(mode != nullptr);
  uint32_t width = 0;
  REQUIRE(mode->InputWidth(3, &width, &err));
  CHECK(width == 3);
  const std::vector<float> e1 = {1, 2, 3, -1, 0, 0.5f}, e2 = {4, -5, 6, 1, 2, 0.25f};
  std::vector<float> out(6, -99);
  REQUIRE(mode->Forward(3, 2, e1.data(), e2.data(), out.data(), &err));
  for (size_t k = 0; k < 6; ++k) CHECK(out[k] == e1[k] + e2[k]);
  const std::vector<float> d_out = {0.5f, -1, 2, 3, 0, -0.25f};
  std::vector<float> d1(6, -99), d2(6, -99);
  REQUIRE(mode->Backward(3, 2, e1.data(), e2.data(), d_out.data(), d1.data(), d2.data(), &err));
  CHECK(d1 == d_out);
  CHECK(d2 == d_out);
}

// The grokking toy (p = 10, 19 classes) with softmax + cross-entropy: a small
// MLP on E_a + E_b fits its training pairs. Few thousand steps, one core.
TEST_CASE("addition trains with softmax to high train accuracy", "[relations][addition][learning]") {
  auto relation = Create("p = 10");
  std::string err;
  auto mode = Registry().CreateDecoderMode("add_embeddings", "", &err);
  INFO(err);
  REQUIRE(mode != nullptr);

  geneft::ModelOptions model;
  model.embedding_dim = 1;  // the toy's 1-D embeddings
  model.depth = 2;
  model.width = 200;
  geneft::TrainOptions train;
  train.fraction = 0.6;
  train.steps = 3000;
  train.lr_enc = 1e-2;
  train.lr_dec = 1e-3;
  train.eval_every = 50;
  train.seed = 3;
  geneft::TrainResult result;
  const bool ok = geneft::Train(model, train, *mode,
                                geneft::TrainingTask{10, 19, &relation->labels()}, &result, &err);
  INFO(err);
  REQUIRE(ok);
  CHECK(result.status == geneft::RunStatus::kCompleted);
  CHECK(result.embeddings.size() == 10);
  CHECK(result.trajectory.train_accuracy.back() > 0.95);
  CHECK(result.trajectory.loss.back() < 0.25 * result.trajectory.loss.front());
  // chance level is about 1/19: the first evaluation is far from fitted
  CHECK(result.trajectory.train_accuracy.front() < 0.5);
}
