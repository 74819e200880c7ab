#include "exact_relabelings.h"

#include <bit>
#include <utility>

namespace geneft::statics {
namespace {

class Search {
 public:
  Search(const TwinQuotient& q, const RelabelingFacts& facts, const std::vector<uint8_t>& allowed,
         int64_t max_work, HypothesisTally* tally)
      : q_(q), facts_(facts), max_work_(max_work), tally_(tally), words_((q.size + 63) / 64),
        domain_(static_cast<size_t>(facts.n) * words_, 0), size_(facts.n, 0),
        cls_(facts.n, -1), fill_(q.size, 0), used_in_group_(q.size, 0),
        rank_in_group_(q.size, 0), group_size_(q.size, 0) {
    for (int e = 0; e < facts.n; ++e)
      for (int c = 0; c < q.size; ++c)
        if (allowed[static_cast<size_t>(e) * q.size + c]) {
          Domain(e)[c / 64] |= uint64_t{1} << (c % 64);
          ++size_[e];
        }
    for (int c = 0; c < q.size; ++c) rank_in_group_[c] = group_size_[q.interchangeable[c]]++;
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
    candidates_.assign(static_cast<size_t>(facts_.n), {});
    report_.complete = Place(0);
    report_.work += probe_work;
    return report_;
  }

 private:
  struct Saved {  // one domain word before a fact narrowed it
    int element, word;
    uint64_t bits;
  };

  uint64_t* Domain(int e) { return domain_.data() + static_cast<size_t>(e) * words_; }

  // The unplaced element with the fewest classes left (ties: the lowest
  // index, so that the choice ignores how interchangeable classes are
  // named); -1 when all are placed.
  int Next() const {
    int best = -1;
    for (int e = 0; e < facts_.n; ++e)
      if (cls_[e] < 0 && (best < 0 || size_[e] < size_[best])) best = e;
    return best;
  }

  // The classes left to e that have room and, among interchangeable
  // classes, are in use or the next unused one (renaming those classes
  // changes no relabeling); the classes examined into *work.
  void Fitting(int e, std::vector<int>* out, int64_t* work) {
    out->clear();
    const uint64_t* domain = Domain(e);
    for (int w = 0; w < words_; ++w)
      for (uint64_t bits = domain[w]; bits != 0; bits &= bits - 1) {
        const int c = w * 64 + std::countr_zero(bits);
        ++*work;
        if (fill_[c] >= q_.capacity[c]) continue;
        const int group = q_.interchangeable[c];
        if (group_size_[group] > 1 && fill_[c] == 0 && rank_in_group_[c] != used_in_group_[group])
          continue;
        out->push_back(c);
      }
  }

  // Places e in class c and narrows the unplaced elements that share a fact
  // with e to the classes that give it its label (forward checking); false
  // when one is left without a class. The words changed go to trail_.
  bool Assign(int e, int c, int64_t* work) {
    if (fill_[c]++ == 0) ++used_in_group_[q_.interchangeable[c]];
    cls_[e] = c;
    for (const Fact* f = facts_.begin(e); f != facts_.end(e); ++f) {
      const int o = f->other;
      if (cls_[o] >= 0) continue;
      uint64_t* domain = Domain(o);
      for (int w = 0; w < words_; ++w) {
        uint64_t keep = domain[w];
        for (uint64_t bits = domain[w]; bits != 0; bits &= bits - 1) {
          const int x = w * 64 + std::countr_zero(bits);
          ++*work;
          if ((f->outgoing ? q_.Label(c, x) : q_.Label(x, c)) != f->label)
            keep &= ~(uint64_t{1} << (x % 64));
        }
        if (keep == domain[w]) continue;
        trail_.push_back({o, w, domain[w]});
        size_[o] -= std::popcount(domain[w]) - std::popcount(keep);
        domain[w] = keep;
      }
      if (size_[o] == 0) return false;
    }
    return true;
  }

  // Undoes Assign(e, ...) and the narrowing it did, back to trail mark `mark`.
  void Unassign(int e, size_t mark) {
    for (; trail_.size() > mark; trail_.pop_back()) {
      const Saved& s = trail_.back();
      uint64_t& word = Domain(s.element)[s.word];
      size_[s.element] += std::popcount(s.bits) - std::popcount(word);
      word = s.bits;
    }
    const int c = cls_[e];
    if (--fill_[c] == 0) --used_in_group_[q_.interchangeable[c]];
    cls_[e] = -1;
  }

  // The work of a full search as seen along one random path.
  // Adds the work the path itself took to *spent.
  double Probe(Rng& rng, int64_t* spent) {
    double nodes = 1, work = 0;
    std::vector<std::pair<int, size_t>> path;  // element placed, trail mark
    std::vector<int> fits;
    bool leaf = false;
    while (true) {
      const int e = Next();
      if (e < 0) {
        leaf = true;
        break;
      }
      int64_t here = 0;
      Fitting(e, &fits, &here);
      if (fits.empty()) {
        *spent += here;
        work += nodes * static_cast<double>(here);
        break;
      }
      path.emplace_back(e, trail_.size());
      const bool alive = Assign(e, fits[UniformBelow(rng, fits.size())], &here);
      *spent += here;
      // Every fitting class costs about what the one followed did.
      work += nodes * static_cast<double>(here) * static_cast<double>(fits.size());
      nodes *= static_cast<double>(fits.size());
      if (!alive) break;
    }
    if (leaf) {  // the tally scans the pairs of elements moved
      int away = 0;
      for (int e = 0; e < q_.n; ++e) away += cls_[e] != q_.class_of[e];
      work += nodes * static_cast<double>(q_.n) * (1 + away);
    }
    for (; !path.empty(); path.pop_back()) Unassign(path.back().first, path.back().second);
    return work;
  }

  // Places the unplaced elements, fewest classes left first; false once the
  // work limit is hit.
  bool Place(size_t depth) {
    const int e = Next();
    if (e < 0) {
      report_.work += q_.n;  // the tally's scan of elements away from their class
      if (report_.work > max_work_) return false;
      const int64_t agreeing = tally_->Add(q_, cls_.data(), 0);
      report_.work += static_cast<int64_t>(q_.n) * q_.n - agreeing;
      ++report_.relabelings;
      return true;
    }
    std::vector<int>& fits = candidates_[depth];
    Fitting(e, &fits, &report_.work);
    for (const int c : fits) {
      const size_t mark = trail_.size();
      const bool alive = Assign(e, c, &report_.work);
      const bool within = report_.work <= max_work_ && (!alive || Place(depth + 1));
      Unassign(e, mark);
      if (!within) return false;
    }
    return true;
  }

  const TwinQuotient& q_;
  const RelabelingFacts& facts_;
  const int64_t max_work_;
  HypothesisTally* tally_;
  const int words_;                  // 64-bit words per domain
  std::vector<uint64_t> domain_;     // per element, the classes its facts still allow
  std::vector<int> size_;            // per element, classes in its domain
  std::vector<Saved> trail_;
  std::vector<int> cls_, fill_;
  std::vector<int> used_in_group_, rank_in_group_, group_size_;
  std::vector<std::vector<int>> candidates_;  // per depth, the classes left to try
  EnumerationReport report_;
};

}  // namespace

EnumerationReport EnumerateRelabelings(const TwinQuotient& q, const RelabelingFacts& facts,
                                       const std::vector<uint8_t>& allowed, int64_t max_work,
                                       Rng& rng, HypothesisTally* tally) {
  return Search(q, facts, allowed, max_work, tally).Run(rng);
}

}  // namespace geneft::statics
