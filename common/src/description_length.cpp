#include <geneft/common/description_length.h>

#include <geneft/common/closed_forms.h>

// nauty is C; its header defines short macros, so it stays in this file.
#include <nauty.h>
#include <nautinv.h>

#include <cmath>
#include <mutex>
#include <numbers>
#include <vector>

namespace geneft::statics {
namespace {

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
  const int m = SETWORDSNEEDED(vertices);
  // Debian's nauty keeps its work space thread-local; the lock also covers
  // builds without thread-local storage.
  static std::mutex nauty_lock;
  std::lock_guard<std::mutex> guard(nauty_lock);
  nauty_check(WORDSIZE, m, vertices, NAUTYVERSIONID);

  std::vector<graph> g(static_cast<size_t>(m) * vertices, 0);
  for (int layer = 0; layer < layers; ++layer) {
    const int base = layer * n;
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j)
        if ((relation(i, j) >> layer) & 1) ADDONEARC(g.data(), base + i, base + j, m);
      if (layer + 1 < layers) {
        ADDONEARC(g.data(), base + i, base + n + i, m);
        ADDONEARC(g.data(), base + n + i, base + i, m);
      }
    }
  }
  // One vertex colour per layer: lab lists the vertices, ptn[k] = 0 ends a cell.
  std::vector<int> lab(vertices), ptn(vertices, 1), orbits(vertices);
  for (int v = 0; v < vertices; ++v) lab[v] = v;
  for (int layer = 0; layer < layers; ++layer) ptn[(layer + 1) * n - 1] = 0;
  DEFAULTOPTIONS_DIGRAPH(options);  // digraph mode also handles self-loops
  options.defaultptn = FALSE;
  statsblk stats;
  densenauty(g.data(), lab.data(), ptn.data(), orbits.data(), &options, &stats, m, vertices,
             nullptr);
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
