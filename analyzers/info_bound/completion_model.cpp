#include "completion_model.h"

#include "not_available.h"

#include <geneft/geneft_plugin.h>

#include <stdexcept>
#include <utility>
#include <vector>

namespace geneft::statics {
namespace {

std::invalid_argument Contradiction(const std::string& declared, int i, int j) {
  return std::invalid_argument("relation: declared " + declared + " but pair (" +
                               std::to_string(i) + ", " + std::to_string(j) +
                               ") contradicts it");
}

// Classes of an equivalence relation, checked: R(i, j) = 1 iff same class.
std::vector<int> EquivalenceClasses(const RelationMatrix& r, std::vector<int>* sizes) {
  std::vector<int> cls(r.n, -1);
  for (int i = 0; i < r.n; ++i) {
    if (cls[i] >= 0) continue;
    cls[i] = static_cast<int>(sizes->size());
    sizes->push_back(0);
    for (int j = i; j < r.n; ++j)
      if (r(i, j)) cls[j] = cls[i];
  }
  for (int i = 0; i < r.n; ++i) {
    ++(*sizes)[cls[i]];
    for (int j = 0; j < r.n; ++j)
      if (r(i, j) != (cls[i] == cls[j])) throw Contradiction("an equivalence", i, j);
  }
  return cls;
}

// Sides of a complete bipartite relation, checked: R(i, j) = 1 iff sides differ.
std::vector<int> BipartiteSides(const RelationMatrix& r) {
  std::vector<int> side(r.n);
  for (int j = 0; j < r.n; ++j) side[j] = r(0, j) ? 1 : 0;
  for (int i = 0; i < r.n; ++i)
    for (int j = 0; j < r.n; ++j)
      if (r(i, j) != (side[i] != side[j])) throw Contradiction("a complete bipartite graph", i, j);
  return side;
}

// A strict total order, checked through ranks: rank(i) = #{j : R(j, i) = 1}
// must be a permutation with R(i, j) = 1 iff rank(i) < rank(j).
void CheckTotalOrder(const RelationMatrix& r) {
  std::vector<int> rank(r.n, 0);
  for (int i = 0; i < r.n; ++i)
    for (int j = 0; j < r.n; ++j) rank[j] += r(i, j);
  for (int i = 0; i < r.n; ++i)
    for (int j = 0; j < r.n; ++j)
      if (r(i, j) != (rank[i] < rank[j])) throw Contradiction("a strict total order", i, j);
}

}  // namespace

std::string CompletionModel::Describe() const {
  if (structure == Structure::kTotalOrder) return "total order";
  if (!same_class_means_one) return "complete bipartite graph (2 classes)";
  return "equivalence with " + std::to_string(classes) + " classes";
}

CompletionModel ModelForRelation(const RelationMatrix& relation, uint32_t properties) {
  const uint32_t equivalence =
      GENEFT_PROP_SYMMETRIC | GENEFT_PROP_REFLEXIVE | GENEFT_PROP_TRANSITIVE;
  CompletionModel model;
  if ((properties & GENEFT_PROP_EQUIVALENCE) || (properties & equivalence) == equivalence) {
    EquivalenceClasses(relation, &model.class_sizes);
    model.classes = static_cast<int>(model.class_sizes.size());
    return model;
  }
  if (properties & GENEFT_PROP_BIPARTITE) {
    const std::vector<int> side = BipartiteSides(relation);
    int ones = 0;
    for (int s : side) ones += s;
    model.classes = 2;
    model.same_class_means_one = false;
    model.class_sizes = {relation.n - ones, ones};
    return model;
  }
  if (properties & GENEFT_PROP_TOTAL_ORDER) {
    CheckTotalOrder(relation);
    model.structure = Structure::kTotalOrder;
    return model;
  }
  throw NotAvailable("no Monte Carlo completion for the property set {" +
                     PropertyNames(properties) +
                     "}; it needs an equivalence, a complete bipartite graph or a total order");
}

double GuessProbability(const CompletionModel& model) {
  if (model.structure == Structure::kTotalOrder) return 1.0 / 3.0;
  return 1.0 / model.classes;
}

std::string PropertyNames(uint32_t properties) {
  static const std::pair<uint32_t, const char*> kNames[] = {
      {GENEFT_PROP_SYMMETRIC, "symmetric"},       {GENEFT_PROP_REFLEXIVE, "reflexive"},
      {GENEFT_PROP_IRREFLEXIVE, "irreflexive"},   {GENEFT_PROP_TRANSITIVE, "transitive"},
      {GENEFT_PROP_ANTISYMMETRIC, "antisymmetric"}, {GENEFT_PROP_EQUIVALENCE, "equivalence"},
      {GENEFT_PROP_TOTAL_ORDER, "total order"},   {GENEFT_PROP_BIPARTITE, "bipartite"}};
  std::string names;
  for (const auto& [flag, name] : kNames)
    if (properties & flag) names += (names.empty() ? "" : ", ") + std::string(name);
  return names.empty() ? "none" : names;
}

}  // namespace geneft::statics
