#include <geneft/common/description_length.h>

#include <geneft/common/closed_forms.h>
#include <geneft/common/twin_quotient.h>

// nauty is C; its header defines short macros, so it stays in this file.
#include <nauty.h>
#include <nausparse.h>
#include <nautinv.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numbers>
#include <tuple>
#include <vector>

namespace geneft::statics {
namespace {

// Graphs with fewer than vertices^2 / kSparseShare arcs go to nauty's sparse form.
constexpr size_t kSparseShare = 16;

// Bits needed to write every label 0 .. classes-1 (at least one layer).
int LabelBits(int classes) {
  int bits = 1;
  while (bits < 31 && (int64_t{1} << bits) < classes) ++bits;
  return bits;
}

// nauty's defaults for its dense or sparse form, undirected or digraph,
// with our colours.
optionblk NautyOptions(bool sparse, bool symmetric) {
  DEFAULTOPTIONS_GRAPH(dense_undirected);
  DEFAULTOPTIONS_DIGRAPH(dense_directed);
  DEFAULTOPTIONS_SPARSEGRAPH(sparse_undirected);
  DEFAULTOPTIONS_SPARSEDIGRAPH(sparse_directed);
  optionblk options = sparse ? (symmetric ? sparse_undirected : sparse_directed)
                             : (symmetric ? dense_undirected : dense_directed);
  options.defaultptn = FALSE;
  return options;
}

}  // namespace

double Log2AutomorphismGroupSize(const LabelMatrix& relation) {
  if (relation.n == 0) return 0;
  // Twins (elements whose swap is an automorphism) contribute the
  // factorials of their classes' sizes; nauty sees the quotient, whose
  // automorphisms that keep each class's size and inner labels are the rest
  // of the group: |Aut| = prod |C|! |Aut(quotient)|. The quotient is much
  // smaller where the group is large (mod k: k vertices; coprimality of
  // 1 .. 2000: 1081 of 2000), and nauty then has far fewer generators to find.
  // (Only Label is read here: no column copy, whose size^2 labels a large
  // sparse hierarchy would pay for nothing.)
  const TwinQuotient q = QuotientByTwins(relation, /*with_columns=*/false);
  double log2_twins = 0;
  for (int size : q.capacity) log2_twins += Log2Factorial(size);
  const int m = q.size;
  const int layers = LabelBits(relation.classes);
  const int vertices = m * layers;
  // A symmetric quotient goes to nauty undirected (NautyOptions below): its
  // digraph mode runs its vertex invariant at every level of the search,
  // O(vertices^2) each, which on a large dense group (coprimality of
  // 1 .. 2000) ran for minutes where the undirected refinement takes seconds.
  // The graph as out-neighbour lists: layer l's arcs between classes whose
  // label has bit l set, and each class joined to its copy in the next layer.
  std::vector<std::vector<int>> out(vertices);
  size_t arcs = 0;
  for (int layer = 0; layer < layers; ++layer) {
    const int base = layer * m;
    for (int c = 0; c < m; ++c) {
      for (int d = 0; d < m; ++d)
        if (d != c && ((q.Label(c, d) >> layer) & 1)) out[base + c].push_back(base + d);
      if (layer + 1 < layers) {
        out[base + c].push_back(base + m + c);
        out[base + m + c].push_back(base + c);
      }
    }
  }
  for (const std::vector<int>& list : out) arcs += list.size();
  // A class's size, self label and inner label are its colour, within each
  // layer: lab lists the vertices cell by cell, ptn[k] = 0 ends a cell.
  const auto colour = [&](int c) { return std::tuple(q.capacity[c], q.self_label[c], q.Label(c, c)); };
  std::vector<int> by_colour(m);
  for (int c = 0; c < m; ++c) by_colour[c] = c;
  std::stable_sort(by_colour.begin(), by_colour.end(),
                   [&](int a, int b) { return colour(a) < colour(b); });
  std::vector<int> lab, ptn(vertices, 1), orbits(vertices);
  lab.reserve(vertices);
  for (int layer = 0; layer < layers; ++layer) {
    for (int k = 0; k < m; ++k) {
      lab.push_back(layer * m + by_colour[k]);
      if (k + 1 == m || colour(by_colour[k]) != colour(by_colour[k + 1]))
        ptn[lab.size() - 1] = 0;
    }
  }
  statsblk stats;
  // Debian's nauty keeps its work space thread-local; the lock also covers
  // builds without thread-local storage.
  static std::mutex nauty_lock;
  std::lock_guard<std::mutex> guard(nauty_lock);
  // nauty's dense form refines in O(vertices^2) per step whatever the arcs;
  // a sparse graph (a hierarchy closed transitively has about n log n arcs)
  // goes to its sparse form: 20 s against a fraction of a second at n = 2000.
  if (arcs * kSparseShare < size_t(vertices) * vertices) {
    std::vector<size_t> start(vertices);
    std::vector<int> degree(vertices), heads;
    heads.reserve(arcs);
    for (int v = 0; v < vertices; ++v) {
      start[v] = heads.size();
      degree[v] = static_cast<int>(out[v].size());
      heads.insert(heads.end(), out[v].begin(), out[v].end());
    }
    sparsegraph sg;
    SG_INIT(sg);
    sg.nv = vertices;
    sg.nde = arcs;
    sg.v = start.data();
    sg.d = degree.data();
    sg.e = heads.data();
    sg.vlen = sg.dlen = static_cast<size_t>(vertices);
    sg.elen = heads.size();
    optionblk options = NautyOptions(/*sparse=*/true, q.symmetric);
    sparsenauty(&sg, lab.data(), ptn.data(), orbits.data(), &options, &stats, nullptr);
  } else {
    const int m = SETWORDSNEEDED(vertices);
    nauty_check(WORDSIZE, m, vertices, NAUTYVERSIONID);
    std::vector<graph> g(static_cast<size_t>(m) * vertices, 0);
    for (int v = 0; v < vertices; ++v)
      for (int w : out[v]) ADDONEARC(g.data(), v, w, m);
    optionblk options = NautyOptions(/*sparse=*/false, q.symmetric);
    densenauty(g.data(), lab.data(), ptn.data(), orbits.data(), &options, &stats, m, vertices,
               nullptr);
  }
  return log2_twins + std::log2(stats.grpsize1) +
         stats.grpsize2 * std::numbers::ln10 / std::numbers::ln2;
}

double Log2AutomorphismGroupSize(const RelationMatrix& relation) {
  return Log2AutomorphismGroupSize(LabelMatrix::FromRelation(relation));
}

double DescriptionLengthFromAutomorphisms(const LabelMatrix& relation) {
  return OrbitBits(relation.n, Log2AutomorphismGroupSize(relation));
}

double DescriptionLengthFromAutomorphisms(const RelationMatrix& relation) {
  return OrbitBits(relation.n, Log2AutomorphismGroupSize(relation));
}

}  // namespace geneft::statics
