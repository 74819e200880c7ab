#include "graph_shape.h"


namespace geneft::graph {
namespace {

// parent[i] = the one neighbour of i in the chosen direction, n if none;
// false when some element has two, a self-loop, or the parents form a cycle.
bool ParentsFormForest(const Matrix& m, bool along_rows, uint32_t* roots) {
  const uint32_t n = m.n;
  std::vector<uint32_t> parent(n, n);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j) {
      const bool edge = along_rows ? m.at(i, j) : m.at(j, i);
      if (!edge) continue;
      if (i == j || parent[i] != n) return false;
      parent[i] = j;
    }
  // Walk up from each element; state 1 = on the current walk, 2 = known to
  // reach a root.
  std::vector<uint8_t> state(n, 0);
  std::vector<uint32_t> walk;
  *roots = 0;
  for (uint32_t start = 0; start < n; ++start) {
    walk.clear();
    uint32_t v = start;
    while (v != n && state[v] == 0) {
      state[v] = 1;
      walk.push_back(v);
      v = parent[v];
    }
    if (v != n && state[v] == 1) return false;  // back on this walk: a cycle
    for (uint32_t w : walk) state[w] = 2;
    if (parent[start] == n) ++*roots;
  }
  return *roots < n;  // at least one edge
}

}  // namespace

ForestShape DetectForest(const Matrix& m) {
  ForestShape shape;
  uint32_t roots_up = 0, roots_down = 0;
  shape.up_forest = ParentsFormForest(m, true, &roots_up);
  shape.down_forest = ParentsFormForest(m, false, &roots_down);
  shape.roots = shape.up_forest ? roots_up : shape.down_forest ? roots_down : 0;
  return shape;
}

std::string ForestShape::Describe() const {
  if (!up_forest && !down_forest) return "not a forest";
  std::string what = roots == 1 ? "rooted tree" : "rooted forest of " + std::to_string(roots) + " trees";
  if (up_forest && down_forest) return what + " of paths (edges either way)";
  return what + (up_forest ? " (edges child -> parent)" : " (edges parent -> child)");
}

void CloseTransitively(Matrix* m) {
  using Word = uint64_t;
  const uint32_t n = m->n;
  const uint32_t words = (n + 63) / 64;
  std::vector<Word> rows(size_t{n} * words, 0);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j)
      if (m->at(i, j)) rows[size_t{i} * words + j / 64] |= Word{1} << (j % 64);
  // Warshall: after step k, i reaches j through intermediates <= k.
  for (uint32_t k = 0; k < n; ++k) {
    const Word* row_k = &rows[size_t{k} * words];
    for (uint32_t i = 0; i < n; ++i) {
      Word* row_i = &rows[size_t{i} * words];
      if ((row_i[k / 64] >> (k % 64)) & 1)
        for (uint32_t w = 0; w < words; ++w) row_i[w] |= row_k[w];
    }
  }
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j)
      m->at(i, j) = (rows[size_t{i} * words + j / 64] >> (j % 64)) & 1;
}

void CloseReflexively(Matrix* m) {
  for (uint32_t i = 0; i < m->n; ++i) m->at(i, i) = 1;
}

}  // namespace geneft::graph
