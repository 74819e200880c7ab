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
  o.words = (n + 63) / 64;
  o.before.assign(static_cast<size_t>(n) * o.words, 0);
  const auto set = [&](int i, int j) {
    o.before[static_cast<size_t>(i) * o.words + j / 64] |= uint64_t{1} << (j % 64);
  };
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (i == j || !mask[static_cast<size_t>(i) * n + j]) continue;
      if (relation(i, j))
        set(i, j);
      else
        set(j, i);
    }
  // Transitive closure (Warshall): whoever precedes k precedes all k precedes.
  for (int k = 0; k < n; ++k) {
    const uint64_t* row_k = &o.before[static_cast<size_t>(k) * o.words];
    for (int i = 0; i < n; ++i) {
      if (!o.Before(i, k)) continue;
      uint64_t* row_i = &o.before[static_cast<size_t>(i) * o.words];
      for (int w = 0; w < o.words; ++w) row_i[w] |= row_k[w];
    }
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
  // A cut after position t is valid when every element after it has all t + 1
  // elements before it as known predecessors; known[b] counts those so far.
  std::vector<int> known(n, 0);
  std::vector<std::vector<int>> blocks(1);
  for (int t = 0; t < n; ++t) {
    blocks.back().push_back(order[t]);
    if (t == n - 1) break;
    for (int b = 0; b < n; ++b) known[b] += Before(order[t], b);
    bool cut = true;
    for (int s = t + 1; s < n && cut; ++s) cut = known[order[s]] == t + 1;
    if (cut) blocks.emplace_back();
  }
  return blocks;
}

}  // namespace geneft::statics
