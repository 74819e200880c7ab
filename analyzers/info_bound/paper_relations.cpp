#include "paper_relations.h"

#include <geneft/geneft_plugin.h>

#include <functional>

namespace geneft::statics {
namespace {

RelationMatrix Tabulate(int n, const std::function<bool(int, int)>& r) {
  RelationMatrix m;
  m.n = n;
  m.ones.resize(static_cast<size_t>(n) * n);
  for (int x = 0; x < n; ++x)
    for (int y = 0; y < n; ++y) m.ones[static_cast<size_t>(x) * n + y] = r(x, y);
  return m;
}

std::string Size(int n) { return " (n = " + std::to_string(n) + ")"; }

}  // namespace

NamedRelation EqualModulo(int n, int k) {
  return {"mod " + std::to_string(k) + Size(n),
          Tabulate(n, [k](int x, int y) { return x % k == y % k; }),
          GENEFT_PROP_SYMMETRIC | GENEFT_PROP_REFLEXIVE | GENEFT_PROP_TRANSITIVE |
              GENEFT_PROP_EQUIVALENCE};
}

NamedRelation LessThan(int n) {
  return {"greater-than" + Size(n), Tabulate(n, [](int x, int y) { return x < y; }),
          GENEFT_PROP_TRANSITIVE | GENEFT_PROP_ANTISYMMETRIC | GENEFT_PROP_IRREFLEXIVE |
              GENEFT_PROP_TOTAL_ORDER};
}

NamedRelation CompleteBipartite(int n, int size) {
  return {"bipartite " + std::to_string(size) + "/" + std::to_string(n - size) + Size(n),
          Tabulate(n, [size](int x, int y) { return (x < size) != (y < size); }),
          GENEFT_PROP_SYMMETRIC | GENEFT_PROP_IRREFLEXIVE | GENEFT_PROP_BIPARTITE};
}

}  // namespace geneft::statics
