#include <geneft/common/description_length.h>

#include <geneft/common/closed_forms.h>

// nauty is C; its header defines short macros, so it stays in this file.
#include <nauty.h>
#include <nausparse.h>
#include <nautinv.h>

#include <cmath>
#include <mutex>
#include <numbers>
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

}  // namespace

double Log2AutomorphismGroupSize(const LabelMatrix& relation) {
  const int n = relation.n;
  const int layers = LabelBits(relation.classes);
  const int vertices = n * layers;
  // The graph as out-neighbour lists: layer l's arcs where label bit l is
  // set, and each element joined to its copy in the next layer.
  std::vector<std::vector<int>> out(vertices);
  size_t arcs = 0;
  for (int layer = 0; layer < layers; ++layer) {
    const int base = layer * n;
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j)
        if ((relation(i, j) >> layer) & 1) out[base + i].push_back(base + j);
      if (layer + 1 < layers) {
        out[base + i].push_back(base + n + i);
        out[base + n + i].push_back(base + i);
      }
    }
  }
  for (const std::vector<int>& list : out) arcs += list.size();
  // One vertex colour per layer: lab lists the vertices, ptn[k] = 0 ends a cell.
  std::vector<int> lab(vertices), ptn(vertices, 1), orbits(vertices);
  for (int v = 0; v < vertices; ++v) lab[v] = v;
  for (int layer = 0; layer < layers; ++layer) ptn[(layer + 1) * n - 1] = 0;
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
    DEFAULTOPTIONS_SPARSEDIGRAPH(options);
    options.defaultptn = FALSE;
    sparsenauty(&sg, lab.data(), ptn.data(), orbits.data(), &options, &stats, nullptr);
  } else {
    const int m = SETWORDSNEEDED(vertices);
    nauty_check(WORDSIZE, m, vertices, NAUTYVERSIONID);
    std::vector<graph> g(static_cast<size_t>(m) * vertices, 0);
    for (int v = 0; v < vertices; ++v)
      for (int w : out[v]) ADDONEARC(g.data(), v, w, m);
    DEFAULTOPTIONS_DIGRAPH(options);  // digraph mode also handles self-loops
    options.defaultptn = FALSE;
    densenauty(g.data(), lab.data(), ptn.data(), orbits.data(), &options, &stats, m, vertices,
               nullptr);
  }
  return std::log2(stats.grpsize1) + stats.grpsize2 * std::numbers::ln10 / std::numbers::ln2;
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
