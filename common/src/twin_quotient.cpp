#include <geneft/common/twin_quotient.h>

#include <geneft/common/mix_bits.h>

#include <algorithm>
#include <map>
#include <stdexcept>
#include <utility>

namespace geneft::statics {
namespace {

uint64_t Cell(uint64_t position, int64_t a, int64_t b) {
  return MixBits(MixBits(position * 0x9e3779b97f4a7c15ULL + static_cast<uint64_t>(a)) ^
                 (static_cast<uint64_t>(b) * 0xd6e8feb86659fd93ULL));
}

// Classes of mutual twins among 0 .. count-1 for the square matrix at(u, v)
// whose diagonal is summarised by self(u): u, v are twins when self(u) =
// self(v), at(u, v) = at(v, u) and their rows and columns agree off {u, v}.
// Candidates share a bucket of (self, order-free hash of their row and
// column); inside a bucket an O(1) positional hash screens pairs before the
// O(count) exact check.
template <class At, class Self>
std::vector<int> TwinClasses(int count, At at, Self self) {
  std::vector<uint64_t> positional(count, 0), unordered(count, 0);
  for (int u = 0; u < count; ++u)
    for (int x = 0; x < count; ++x) {
      if (x == u) continue;
      const int64_t out = at(u, x), in = at(x, u);
      positional[u] += Cell(static_cast<uint64_t>(x), out, in);
      unordered[u] += Cell(~0ULL, out, in);
    }
  // Twins u, v with w = at(u, v): replacing their own cell by (w, w) makes
  // their positional hashes equal.
  const auto screened = [&](int u, int v) {
    const int64_t w = at(u, v);
    return at(v, u) == w &&
           positional[u] + Cell(static_cast<uint64_t>(u), w, w) ==
               positional[v] + Cell(static_cast<uint64_t>(v), w, w);
  };
  const auto twins = [&](int u, int v) {
    for (int x = 0; x < count; ++x)
      if (x != u && x != v && (at(u, x) != at(v, x) || at(x, u) != at(x, v))) return false;
    return true;
  };
  std::map<std::pair<int64_t, uint64_t>, std::vector<int>> buckets;
  for (int u = 0; u < count; ++u) buckets[{self(u), unordered[u]}].push_back(u);
  std::vector<int> cls(count, -1);
  int classes = 0;
  for (auto& [key, members] : buckets) {
    std::vector<int> left = std::move(members);
    while (!left.empty()) {
      const int rep = left.front();
      cls[rep] = classes;
      std::vector<int> rest;
      for (size_t k = 1; k < left.size(); ++k) {
        const int v = left[k];
        if (screened(rep, v) && twins(rep, v))
          cls[v] = classes;
        else
          rest.push_back(v);
      }
      ++classes;
      left = std::move(rest);
    }
  }
  // Number classes by their first member, so the quotient reads in element order.
  std::vector<int> renumber(classes, -1);
  int next = 0;
  for (int u = 0; u < count; ++u) {
    int& r = renumber[cls[u]];
    if (r < 0) r = next++;
    cls[u] = r;
  }
  return cls;
}

}  // namespace

TwinQuotient QuotientByTwins(const LabelMatrix& relation, bool with_columns) {
  if (relation.n < 1) throw std::invalid_argument("twin quotient: empty relation");
  TwinQuotient q;
  q.n = relation.n;
  q.class_of = TwinClasses(
      relation.n, [&](int u, int v) { return int64_t{relation(u, v)}; },
      [&](int u) { return int64_t{relation(u, u)}; });
  q.size = 1 + *std::max_element(q.class_of.begin(), q.class_of.end());
  const int m = q.size;
  std::vector<int> first(m, -1), second(m, -1);
  q.capacity.assign(m, 0);
  for (int u = 0; u < relation.n; ++u) {
    const int c = q.class_of[u];
    if (first[c] < 0)
      first[c] = u;
    else if (second[c] < 0)
      second[c] = u;
    ++q.capacity[c];
  }
  q.self_label.resize(m);
  q.table.assign(static_cast<size_t>(m) * m, -1);
  for (int c = 0; c < m; ++c) {
    q.self_label[c] = relation(first[c], first[c]);
    for (int d = 0; d < m; ++d) {
      const int y = c == d ? second[c] : first[d];
      if (y >= 0) q.table[static_cast<size_t>(c) * m + d] = relation(first[c], y);
    }
  }
  for (int c = 0; c < m && q.symmetric; ++c)
    for (int d = c + 1; d < m && q.symmetric; ++d) q.symmetric = q.Label(c, d) == q.Label(d, c);
  if (with_columns && !q.symmetric) {
    q.columns.resize(q.table.size());
    for (int c = 0; c < m; ++c)
      for (int d = 0; d < m; ++d) q.columns[static_cast<size_t>(d) * m + c] = q.Label(c, d);
  }
  // Interchangeable classes are the twins of the quotient, with the class
  // size, self label and inner label as the diagonal.
  const std::vector<int> group = TwinClasses(
      m, [&](int c, int d) { return int64_t{q.Label(c, d)}; },
      [&](int c) {
        return static_cast<int64_t>(Cell(static_cast<uint64_t>(q.capacity[c]), q.self_label[c],
                                         q.Label(c, c)));
      });
  std::vector<int> leader(m, -1);
  q.interchangeable.resize(m);
  for (int c = 0; c < m; ++c) {
    if (leader[group[c]] < 0) leader[group[c]] = c;
    q.interchangeable[c] = leader[group[c]];
  }
  return q;
}

}  // namespace geneft::statics
