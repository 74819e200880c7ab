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

double Log2AutomorphismGroupSize(const RelationMatrix& relation) {
  const int n = relation.n;
  const int m = SETWORDSNEEDED(n);
  // Debian's nauty keeps its work space thread-local; the lock also covers
  // builds without thread-local storage.
  static std::mutex nauty_lock;
  std::lock_guard<std::mutex> guard(nauty_lock);
  nauty_check(WORDSIZE, m, n, NAUTYVERSIONID);

  std::vector<graph> g(static_cast<size_t>(m) * n, 0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (relation(i, j)) ADDONEARC(g.data(), i, j, m);

  std::vector<int> lab(n), ptn(n), orbits(n);
  DEFAULTOPTIONS_DIGRAPH(options);  // digraph mode also handles self-loops
  statsblk stats;
  densenauty(g.data(), lab.data(), ptn.data(), orbits.data(), &options, &stats, m, n, nullptr);
  return std::log2(stats.grpsize1) + stats.grpsize2 * std::numbers::ln10 / std::numbers::ln2;
}

double DescriptionLengthFromAutomorphisms(const RelationMatrix& relation) {
  return Log2Factorial(relation.n) - Log2AutomorphismGroupSize(relation);
}

}  // namespace geneft::statics
