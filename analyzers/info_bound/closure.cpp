#include "closure.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace geneft::statics {
namespace {

int Find(std::vector<int>& parent, int x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

void CheckMask(const RelationMatrix& relation, const TrainingMask& mask) {
  if (mask.size() != relation.entries())
    throw std::invalid_argument("training mask: has " + std::to_string(mask.size()) +
                                " entries, the relation " + std::to_string(relation.entries()));
}

}  // namespace

ClassClosure CloseClassFacts(const RelationMatrix& relation, const TrainingMask& mask,
                             bool same_class_means_one) {
  CheckMask(relation, mask);
  const int n = relation.n;
  // Reflexivity is a priori: every element shares its own class.
  std::vector<int> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (mask[static_cast<size_t>(i) * n + j] && relation(i, j) == same_class_means_one)
        parent[Find(parent, i)] = Find(parent, j);

  ClassClosure c;
  c.n = n;
  c.group.assign(n, -1);
  std::vector<int> group_of_root(n, -1);
  for (int i = 0; i < n; ++i) {
    int& g = group_of_root[Find(parent, i)];
    if (g < 0) g = c.group_count++;
    c.group[i] = g;
  }
  c.apart.assign(static_cast<size_t>(c.group_count) * c.group_count, 0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (!mask[static_cast<size_t>(i) * n + j] || relation(i, j) == same_class_means_one)
        continue;
      const int a = c.group[i], b = c.group[j];
      if (a == b)
        throw std::invalid_argument("training facts: pair (" + std::to_string(i) + ", " +
                                    std::to_string(j) + ") contradicts the class structure");
      c.apart[static_cast<size_t>(a) * c.group_count + b] = 1;
      c.apart[static_cast<size_t>(b) * c.group_count + a] = 1;
    }
  return c;
}

OrderClosure CloseOrderFacts(const RelationMatrix& relation, const TrainingMask& mask) {
  CheckMask(relation, mask);
  const int n = relation.n;
  OrderClosure o;
  o.n = n;
  o.before.assign(relation.entries(), 0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (i == j || !mask[static_cast<size_t>(i) * n + j]) continue;
      if (relation(i, j))
        o.before[static_cast<size_t>(i) * n + j] = 1;
      else
        o.before[static_cast<size_t>(j) * n + i] = 1;
    }
  // Transitive closure (Warshall): whoever precedes k precedes all k precedes.
  for (int k = 0; k < n; ++k)
    for (int i = 0; i < n; ++i) {
      if (!o.Before(i, k)) continue;
      uint8_t* row_i = &o.before[static_cast<size_t>(i) * n];
      const uint8_t* row_k = &o.before[static_cast<size_t>(k) * n];
      for (int j = 0; j < n; ++j) row_i[j] |= row_k[j];
    }
  for (int i = 0; i < n; ++i)
    if (o.Before(i, i))
      throw std::invalid_argument("training facts: element " + std::to_string(i) +
                                  " lies on a cycle, no total order fits them");
  return o;
}

std::vector<int> OrderClosure::TopologicalOrder() const {
  // In a transitively closed order, a predecessor has strictly fewer predecessors.
  std::vector<int> predecessors(n, 0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) predecessors[j] += Before(i, j);
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return predecessors[a] < predecessors[b]; });
  return order;
}

std::vector<std::vector<int>> OrderClosure::IndependentBlocks() const {
  const std::vector<int> order = TopologicalOrder();
  // A cut after position t is valid when every earlier element precedes every
  // later one, i.e. the known pairs across the cut number t * (n - t).
  std::vector<std::vector<int>> blocks(1);
  for (int t = 0; t < n; ++t) {
    blocks.back().push_back(order[t]);
    if (t == n - 1) break;
    bool cut = true;
    for (int a = 0; a <= t && cut; ++a)
      for (int b = t + 1; b < n && cut; ++b) cut = Before(order[a], order[b]);
    if (cut) blocks.emplace_back();
  }
  return blocks;
}

}  // namespace geneft::statics
