#include "exact_relabelings.h"

#include <algorithm>
#include <numeric>

namespace geneft::statics {
namespace {

// Elements in search order: next comes the one with the most facts to
// elements already ordered (ties: the most facts), so that facts prune as
// early as possible; elements without facts come last.
std::vector<int> SearchOrder(const RelabelingFacts& facts) {
  const int n = facts.n;
  std::vector<int> linked(n, 0), order;
  std::vector<uint8_t> placed(n, 0);
  for (int step = 0; step < n; ++step) {
    int best = -1;
    for (int v = 0; v < n; ++v) {
      if (placed[v]) continue;
      if (best < 0 || linked[v] > linked[best] ||
          (linked[v] == linked[best] && facts.Degree(v) > facts.Degree(best)))
        best = v;
    }
    placed[best] = 1;
    order.push_back(best);
    for (const Fact* f = facts.begin(best); f != facts.end(best); ++f) ++linked[f->other];
  }
  return order;
}

class Search {
 public:
  Search(const TwinQuotient& q, const LabelIndex& index, const RelabelingFacts& facts,
         const std::vector<uint8_t>& allowed, int64_t max_work, HypothesisTally* tally)
      : q_(q), index_(index), allowed_(allowed), max_work_(max_work), tally_(tally),
        order_(SearchOrder(facts)), back_(facts.n), cls_(facts.n, -1), fill_(q.size, 0),
        used_in_group_(q.size, 0), rank_in_group_(q.size, 0), group_size_(q.size, 0) {
    std::vector<int> position(facts.n);
    for (int t = 0; t < facts.n; ++t) position[order_[t]] = t;
    for (int t = 0; t < facts.n; ++t)
      for (const Fact* f = facts.begin(order_[t]); f != facts.end(order_[t]); ++f)
        if (position[f->other] < t) back_[t].push_back(*f);
    for (int c = 0; c < q.size; ++c) rank_in_group_[c] = group_size_[q.interchangeable[c]]++;
    all_classes_.resize(q.size);
    std::iota(all_classes_.begin(), all_classes_.end(), 0);
  }

  EnumerationReport Run(Rng& rng) {
    // Knuth's estimate (1975) of the search's size from random paths down its
    // tree: the product of the branching met along a path estimates the
    // nodes at each depth, without bias. A search estimated far past the limit
    // is not begun, so that hopeless counts cost milliseconds, not the limit.
    // The estimate is heavy-tailed and mostly low, hence half the limit.
    // Probing stops after 64 paths, or once it has cost as much as the search
    // it estimates (a tree that is nearly one path is cheapest searched).
    constexpr int kProbes = 64;
    double total = 0, estimate = 0;
    int64_t probe_work = 0;
    for (int probes = 1; probes <= kProbes; ++probes) {
      total += Probe(rng, &probe_work);
      estimate = total / probes;
      if (probes >= 4 && estimate > 0.5 * static_cast<double>(max_work_)) return report_;
      if (static_cast<double>(probe_work) >= estimate) break;
    }
    if (estimate > 0.5 * static_cast<double>(max_work_)) return report_;
    candidates_.assign(order_.size(), {});
    report_.complete = Place(0);
    report_.work += probe_work;
    return report_;
  }

 private:
  // The classes order_[t] may take given the classes before it, into *out;
  // the candidates examined, times the facts each is checked against, into *work.
  void FittingClasses(size_t t, std::vector<int>* out, int64_t* work) const {
    out->clear();
    const int e = order_[t];
    const std::vector<Fact>& back = back_[t];
    const int* first = all_classes_.data();
    const int* last = first + all_classes_.size();
    // The fact leaving the fewest candidates among the first few (an element
    // placed after hundreds of others would otherwise spend more choosing a
    // fact than checking the candidates against all of them).
    constexpr size_t kFactsCompared = 8;
    for (size_t k = 0; k < back.size() && k < kFactsCompared && last - first > 1; ++k) {
      const Fact& f = back[k];
      const auto [lo, hi] = index_.Candidates(q_, cls_[f.other], f.label, f.outgoing);
      if (hi - lo < last - first) first = lo, last = hi;
    }
    *work += (last - first) * (1 + static_cast<int64_t>(back.size()));
    for (const int* it = first; it != last; ++it)
      if (Fits(e, *it, back)) out->push_back(*it);
  }

  void Assign(int e, int c) {
    if (fill_[c]++ == 0) ++used_in_group_[q_.interchangeable[c]];
    cls_[e] = c;
  }
  void Unassign(int e) {
    const int c = cls_[e];
    if (--fill_[c] == 0) --used_in_group_[q_.interchangeable[c]];
    cls_[e] = -1;
  }

  // The work of a full search as seen along one random path.
  // Adds the work the path itself took to *spent.
  double Probe(Rng& rng, int64_t* spent) {
    double nodes = 1, work = 0;
    size_t t = 0;
    std::vector<int> fits;
    for (; t < order_.size(); ++t) {
      int64_t here = 0;
      FittingClasses(t, &fits, &here);
      *spent += here;
      work += nodes * static_cast<double>(here);
      if (fits.empty()) break;
      Assign(order_[t], fits[UniformBelow(rng, fits.size())]);
      nodes *= static_cast<double>(fits.size());
    }
    if (t == order_.size()) {  // a leaf: the tally scans the pairs of elements moved
      int away = 0;
      for (int e = 0; e < q_.n; ++e) away += cls_[e] != q_.class_of[e];
      work += nodes * static_cast<double>(q_.n) * (1 + away);
    }
    while (t-- > 0) Unassign(order_[t]);
    return work;
  }

  // Assigns order_[t] and everything after it; false once the work limit is hit.
  bool Place(size_t t) {
    if (t == order_.size()) {
      report_.work += q_.n;  // the tally's scan of elements away from their class
      if (report_.work > max_work_) return false;
      const int64_t agreeing = tally_->Add(q_, cls_.data(), 0);
      report_.work += static_cast<int64_t>(q_.n) * q_.n - agreeing;
      ++report_.relabelings;
      return true;
    }
    std::vector<int>& fits = candidates_[t];
    FittingClasses(t, &fits, &report_.work);
    if (report_.work > max_work_) return false;
    for (const int c : fits) {
      Assign(order_[t], c);
      const bool within = Place(t + 1);
      Unassign(order_[t]);
      if (!within) return false;
    }
    return true;
  }

  bool Fits(int e, int c, const std::vector<Fact>& back) const {
    if (fill_[c] >= q_.capacity[c] || !allowed_[static_cast<size_t>(e) * q_.size + c])
      return false;
    // Interchangeable classes open in order: c only if used or the next unused.
    const int group = q_.interchangeable[c];
    if (group_size_[group] > 1 && fill_[c] == 0 && rank_in_group_[c] != used_in_group_[group])
      return false;
    for (const Fact& f : back) {
      const int d = cls_[f.other];
      if ((f.outgoing ? q_.Label(c, d) : q_.Label(d, c)) != f.label) return false;
    }
    return true;
  }

  const TwinQuotient& q_;
  const LabelIndex& index_;
  const std::vector<uint8_t>& allowed_;
  const int64_t max_work_;
  HypothesisTally* tally_;
  std::vector<int> order_;
  std::vector<std::vector<Fact>> back_;  // per position: facts to earlier elements
  std::vector<int> cls_, fill_;
  std::vector<int> used_in_group_, rank_in_group_, group_size_;
  std::vector<int> all_classes_;
  std::vector<std::vector<int>> candidates_;  // per depth, the classes left to try
  EnumerationReport report_;
};

}  // namespace

LabelIndex::LabelIndex(const TwinQuotient& q) {
  const int m = q.size;
  for (const bool outgoing : {true, false}) {
    Side& side = outgoing ? out_ : in_;
    side.classes.resize(static_cast<size_t>(m) * m);
    side.row_runs.assign(1, 0);
    for (int d = 0; d < m; ++d) {
      int* classes = &side.classes[static_cast<size_t>(d) * m];
      const auto label = [&](int c) { return outgoing ? q.Label(c, d) : q.Label(d, c); };
      std::iota(classes, classes + m, 0);
      std::stable_sort(classes, classes + m, [&](int a, int b) { return label(a) < label(b); });
      for (int k = 0; k < m; ++k)
        if (k == 0 || label(classes[k]) != label(classes[k - 1]))
          side.runs.push_back({label(classes[k]), d * m + k, d * m + k + 1});
        else
          ++side.runs.back().end;
      side.row_runs.push_back(static_cast<int>(side.runs.size()));
    }
  }
}

std::pair<const int*, const int*> LabelIndex::Candidates(const TwinQuotient&, int d,
                                                         int32_t label, bool outgoing) const {
  const Side& side = outgoing ? out_ : in_;
  const Run* first = side.runs.data() + side.row_runs[d];
  const Run* last = side.runs.data() + side.row_runs[d + 1];
  const Run* run = std::lower_bound(first, last, label,
                                    [](const Run& r, int32_t l) { return r.label < l; });
  if (run == last || run->label != label) return {nullptr, nullptr};
  return {side.classes.data() + run->begin, side.classes.data() + run->end};
}

EnumerationReport EnumerateRelabelings(const TwinQuotient& q, const LabelIndex& index,
                                       const RelabelingFacts& facts,
                                       const std::vector<uint8_t>& allowed, int64_t max_work,
                                       Rng& rng, HypothesisTally* tally) {
  return Search(q, index, facts, allowed, max_work, tally).Run(rng);
}

}  // namespace geneft::statics
