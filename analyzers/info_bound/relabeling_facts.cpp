#include "relabeling_facts.h"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace geneft::statics {
namespace {

constexpr double kMaxDegreePruningWork = 5e7;
constexpr size_t kMaxDistinctNeeds = 16;

}  // namespace

int64_t RelabelingFacts::Violations(const TwinQuotient& q, const int* cls) const {
  int64_t violated = 0;
  for (int e = 0; e < n; ++e) {
    violated += self_label[e] != kNoLabel && q.self_label[cls[e]] != self_label[e];
    for (const Fact* f = begin(e); f != end(e); ++f)
      if (f->outgoing) violated += q.Label(cls[e], cls[f->other]) != f->label;
  }
  return violated;
}

int RelabelingFacts::SwapDelta(const TwinQuotient& q, const int* cls, int a, int b) const {
  const int ca = cls[a], cb = cls[b];
  int delta = 0;
  for (const int e : {a, b}) {
    const int now = e == a ? ca : cb, then = e == a ? cb : ca;
    if (self_label[e] != kNoLabel)
      delta += (q.self_label[then] != self_label[e]) - (q.self_label[now] != self_label[e]);
    const int32_t *out_now = q.OutOf(now), *in_now = q.InTo(now);
    const int32_t *out_then = q.OutOf(then), *in_then = q.InTo(then);
    for (const Fact* f = begin(e); f != end(e); ++f) {
      if (e == b && f->other == a) continue;  // the pair (a, b) is counted from a
      const int other_now = cls[f->other];
      const int other_then = f->other == b ? ca : other_now;
      const int32_t before = f->outgoing ? out_now[other_now] : in_now[other_now];
      const int32_t after = f->outgoing ? out_then[other_then] : in_then[other_then];
      delta += (after != f->label) - (before != f->label);
    }
  }
  return delta;
}

bool RelabelingFacts::SwapKeepsFacts(const TwinQuotient& q, const int* cls, int a, int b,
                                     int64_t* read) const {
  const int ca = cls[a], cb = cls[b];
  for (const int e : {a, b}) {
    const int then = e == a ? cb : ca;
    ++*read;
    if (self_label[e] != kNoLabel && q.self_label[then] != self_label[e]) return false;
    const int32_t *out_then = q.OutOf(then), *in_then = q.InTo(then);
    for (const Fact* f = begin(e); f != end(e); ++f) {
      ++*read;
      const int other = f->other == a ? cb : f->other == b ? ca : cls[f->other];
      const int32_t after = f->outgoing ? out_then[other] : in_then[other];
      if (after != f->label) return false;
    }
  }
  return true;
}

RelabelingFacts CollectFacts(const LabelMatrix& relation, const TrainingMask& mask) {
  if (mask.size() != relation.entries())
    throw std::invalid_argument("training mask: has " + std::to_string(mask.size()) +
                                " entries, the relation " + std::to_string(relation.entries()));
  const int n = relation.n;
  RelabelingFacts f;
  f.n = n;
  f.self_label.assign(n, RelabelingFacts::kNoLabel);
  std::vector<size_t> degree(n, 0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (!mask[static_cast<size_t>(i) * n + j]) continue;
      ++f.count;
      if (i == j) {
        f.self_label[i] = relation(i, i);
      } else {
        ++degree[i];
        ++degree[j];
      }
    }
  f.start.assign(n + 1, 0);
  for (int e = 0; e < n; ++e) f.start[e + 1] = f.start[e] + degree[e];
  f.facts.resize(f.start[n]);
  std::vector<size_t> fill(f.start.begin(), f.start.end() - 1);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (i == j || !mask[static_cast<size_t>(i) * n + j]) continue;
      f.facts[fill[i]++] = {j, relation(i, j), true};
      f.facts[fill[j]++] = {i, relation(i, j), false};
    }
  // Each element's facts with the rarest labels first: a swap that breaks a
  // fact mostly breaks one of those (in a sparse graph, the few pairs with
  // an edge), so SwapKeepsFacts stops early. Sums over the facts do not
  // depend on their order.
  std::vector<int64_t> seen(static_cast<size_t>(std::max(relation.classes, 1)), 0);
  for (const Fact& fact : f.facts) ++seen[fact.label];  // labels are 0 .. classes - 1
  for (int e = 0; e < n; ++e)
    std::stable_sort(f.facts.begin() + static_cast<std::ptrdiff_t>(f.start[e]),
                     f.facts.begin() + static_cast<std::ptrdiff_t>(f.start[e + 1]),
                     [&](const Fact& x, const Fact& y) { return seen[x.label] < seen[y.label]; });
  return f;
}

ClassDegrees::ClassDegrees(const TwinQuotient& q) : out(q.size), in(q.size) {
  const int m = q.size;
  const auto merge = [](std::vector<LabelCount>* counts) {
    std::sort(counts->begin(), counts->end(),
              [](const LabelCount& a, const LabelCount& b) { return a.label < b.label; });
    size_t kept = 0;
    for (const LabelCount& lc : *counts)
      if (kept > 0 && (*counts)[kept - 1].label == lc.label)
        (*counts)[kept - 1].count += lc.count;
      else
        (*counts)[kept++] = lc;
    counts->resize(kept);
  };
  for (int c = 0; c < m; ++c) {
    for (int d = 0; d < m; ++d) {
      const int64_t others = q.capacity[d] - (c == d);
      if (others <= 0) continue;
      out[c].push_back({q.Label(c, d), others});
      in[c].push_back({q.Label(d, c), others});
    }
    merge(&out[c]);
    merge(&in[c]);
  }
}

std::vector<uint8_t> AllowedClasses(const TwinQuotient& q, const ClassDegrees& degrees,
                                    const RelabelingFacts& facts) {
  const int m = q.size, n = facts.n;
  std::vector<uint8_t> allowed(static_cast<size_t>(n) * m, 0);
  // Degree pruning looks each (direction, label) of an element's facts up in
  // every class: skipped when that would take longer than the search it saves
  // (many labels and many classes: addition with p in the thousands).
  const bool by_degree =
      static_cast<double>(facts.facts.size()) * m <= kMaxDegreePruningWork;
  struct Need {
    bool outgoing;
    int32_t label;
    int64_t count;
  };
  std::vector<Need> needed;
  for (int e = 0; e < n; ++e) {
    needed.clear();
    if (by_degree) {
      for (const Fact* f = facts.begin(e); f != facts.end(e); ++f) {
        // An element's facts carry few distinct labels: a short linear merge.
        auto it = std::find_if(needed.begin(), needed.end(), [&](const Need& need) {
          return need.outgoing == f->outgoing && need.label == f->label;
        });
        if (it == needed.end())
          needed.push_back({f->outgoing, f->label, 1});
        else
          ++it->count;
        if (needed.size() > kMaxDistinctNeeds) break;  // many labels: prune by the first few
      }
    }
    for (int c = 0; c < m; ++c) {
      if (facts.self_label[e] != RelabelingFacts::kNoLabel &&
          q.self_label[c] != facts.self_label[e])
        continue;
      bool fits = true;
      for (const Need& need : needed) {
        const auto& have = need.outgoing ? degrees.out[c] : degrees.in[c];
        const auto it = std::lower_bound(
            have.begin(), have.end(), need.label,
            [](const ClassDegrees::LabelCount& lc, int32_t label) { return lc.label < label; });
        if (it == have.end() || it->label != need.label || it->count < need.count) {
          fits = false;
          break;
        }
      }
      allowed[static_cast<size_t>(e) * m + c] = fits;
    }
  }
  return allowed;
}

}  // namespace geneft::statics
