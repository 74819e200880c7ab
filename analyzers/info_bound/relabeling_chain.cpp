#include "relabeling_chain.h"

#include "split_rhat.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <utility>
#include <vector>

namespace geneft::statics {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr int kAdaptEvery = 10;  // burn-in sweeps between ladder adjustments
// A ladder whose copies came this close to consistency in burn-in is kept even
// if none got there: on small relations it is the only way to relabelings no
// single swap reaches (coprimality of 1 .. 14 has one 8 elements away).
constexpr int64_t kNearlyConsistent = 3;
constexpr int kFewestRecords = 4;  // recorded relabelings per chain, whatever max_work says

// The pairs HypothesisTally::Add visits for `cls`, 2 n for each element away
// from its own class: far from the relation, a record costs up to 2 n^2,
// more than its sweeps' facts, and max_work counts it too.
int64_t TallyVisits(const TwinQuotient& q, const std::vector<int>& cls) {
  int64_t away = 0;
  for (int e = 0; e < q.n; ++e) away += cls[e] != q.class_of[e];
  return 2 * int64_t{q.n} * away;
}

struct Copy {
  std::vector<int> cls;
  int64_t violated = 0;
};

// One chain: copies on a ladder of inverse temperatures, the last infinite.
class TemperedChain {
 public:
  // Without `ladder` the consistent copy runs alone from the start (the
  // tempered copies are never drawn: their violations alone would read all
  // facts once per copy).
  TemperedChain(const TwinQuotient& q, const RelabelingFacts& facts,
                const ChainSettings& settings, uint64_t seed, bool ladder)
      : q_(q), facts_(facts), rng_(MixBits(seed)), hottest_(settings.hottest_beta),
        coldest_(settings.coldest_beta), tempered_(settings.replicas - 1),
        consistent_only_(!ladder) {
    SetLadder();
    // The consistent copy starts at the relation itself (the one consistent
    // relabeling known), the tempered ones at random relabelings, so that
    // the chains start apart and R-hat can see them disagree.
    copies_.assign(beta_.size(), Copy{q.class_of, 0});
    for (size_t r = 0; ladder && r + 1 < copies_.size(); ++r) {
      std::vector<int>& cls = copies_[r].cls;
      for (size_t k = cls.size(); k > 1; --k) std::swap(cls[k - 1], cls[UniformBelow(rng_, k)]);
      copies_[r].violated = facts.Violations(q, cls.data());
    }
    rung_.resize(beta_.size());
    for (size_t r = 0; r < rung_.size(); ++r) rung_[r] = static_cast<int>(r);
  }

  // Burn-in only: the coldest finite beta moves so that about half the
  // exchanges into the consistent copy succeed. Mostly accepted, it is
  // colder than it needs to be and states walk the ladder slowly; mostly
  // refused, the consistent copy is left to its own swaps. The ladder stays
  // geometric from the hottest beta.
  void AdaptLadder() {
    const int64_t tried = exchanges_tried, accepted = exchanges_accepted;
    ResetCounts();
    if (tempered_ < 1 || tried == 0) return;
    const double rate = double(accepted) / double(tried);
    if (rate > 0.7) coldest_ = std::max(hottest_, coldest_ * 0.8);
    if (rate < 0.3) coldest_ = std::min(kColdestLimit, coldest_ * 1.25);
    SetLadder();
  }

  // n swap proposals on every copy, then one round of exchanges.
  void Sweep() {
    if (consistent_only_) {
      for (int s = 0; s < q_.n; ++s) Propose(copies_[rung_.back()], kInfinity, true);
      return;
    }
    for (size_t r = 0; r < beta_.size(); ++r)
      for (int s = 0; s < q_.n; ++s) Propose(copies_[rung_[r]], beta_[r], r + 1 == beta_.size());
    for (size_t r = beta_.size() - 1; r-- > 0;) Exchange(r);
    for (size_t r = 0; r + 1 < beta_.size(); ++r)
      closest_ = std::min(closest_, copies_[rung_[r]].violated);
  }

  /// The fewest facts a tempered copy has broken after any sweep so far.
  int64_t closest() const { return closest_; }

  // From now on only the consistent copy moves. Alone it is still a
  // Metropolis chain with symmetric proposals confined to the consistent
  // assignments, so it keeps their uniform distribution; the tempered copies
  // only ever help it by exchanges, and where none succeeded in burn-in
  // (many facts: a random relabeling breaks thousands, the ladder cannot
  // bridge that) their sweeps are better spent on the consistent copy.
  void DropTemperedCopies() { consistent_only_ = true; }
  bool consistent_only() const { return consistent_only_; }
  int copies() const { return static_cast<int>(beta_.size()); }

  const std::vector<int>& Consistent() const { return copies_[rung_.back()].cls; }
  void ResetCounts() { proposals = accepted = exchanges_tried = exchanges_accepted = 0; }
  int64_t proposals = 0, accepted = 0, exchanges_tried = 0, exchanges_accepted = 0;
  int64_t work = 0;  // facts read by all proposals, never reset

 private:
  static constexpr double kColdestLimit = 64;

  void SetLadder() {
    beta_.clear();
    for (int r = 0; r < tempered_; ++r) {
      const double t = tempered_ == 1 ? 1.0 : double(r) / (tempered_ - 1);
      beta_.push_back(hottest_ * std::pow(coldest_ / hottest_, t));
    }
    beta_.push_back(kInfinity);
  }

  void Propose(Copy& copy, double beta, bool consistent) {
    const int a = static_cast<int>(UniformBelow(rng_, q_.n));
    const int b = static_cast<int>(UniformBelow(rng_, q_.n));
    if (consistent) ++proposals;
    int* cls = copy.cls.data();
    if (cls[a] == cls[b]) return;  // the same relabeling: a held step
    // The consistent copy keeps every fact: only moves that break none.
    if (consistent) {
      if (!facts_.SwapKeepsFacts(q_, cls, a, b, &work)) return;
      std::swap(cls[a], cls[b]);
      ++accepted;
      return;
    }
    const int delta = facts_.SwapDelta(q_, cls, a, b);
    work += 2 + static_cast<int64_t>(facts_.Degree(a) + facts_.Degree(b));
    if (delta > 0 && !(UniformReal() < std::exp(-beta * static_cast<double>(delta)))) return;
    std::swap(cls[a], cls[b]);
    copy.violated += delta;
  }

  // Exchange of the copies on rungs r and r + 1.
  void Exchange(size_t r) {
    Copy& hot = copies_[rung_[r]];
    Copy& cold = copies_[rung_[r + 1]];
    const bool into_consistent = r + 2 == beta_.size();
    bool accept;
    if (into_consistent) {
      ++exchanges_tried;
      accept = hot.violated == 0;
    } else {
      const double log_ratio = (beta_[r + 1] - beta_[r]) *
                               static_cast<double>(cold.violated - hot.violated);
      accept = log_ratio >= 0 || UniformReal() < std::exp(log_ratio);
    }
    if (!accept) return;
    std::swap(rung_[r], rung_[r + 1]);
    if (into_consistent) ++exchanges_accepted;
  }

  double UniformReal() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }

  const TwinQuotient& q_;
  const RelabelingFacts& facts_;
  Rng rng_;
  double hottest_, coldest_;
  int tempered_;              // copies below the consistent one
  std::vector<double> beta_;  // per rung
  std::vector<Copy> copies_;
  std::vector<int> rung_;     // rung -> copy
  bool consistent_only_ = false;
  int64_t closest_ = std::numeric_limits<int64_t>::max();
};

}  // namespace

bool ChainSettings::IsValid(std::string* error) const {
  const auto fail = [&](const std::string& what) {
    *error = what;
    return false;
  };
  if (chains < 2) return fail("sampler_chains = " + std::to_string(chains) + ": must be >= 2");
  if (replicas < 1)
    return fail("sampler_replicas = " + std::to_string(replicas) + ": must be >= 1");
  if (!(hottest_beta > 0))
    return fail("sampler_hottest_beta = " + std::to_string(hottest_beta) + ": must be > 0");
  if (!(coldest_beta >= hottest_beta) || !std::isfinite(coldest_beta))
    return fail("sampler_coldest_beta = " + std::to_string(coldest_beta) +
                ": must be finite and >= sampler_hottest_beta");
  if (burn_in_sweeps < 0)
    return fail("sampler_burn_in = " + std::to_string(burn_in_sweeps) + ": must be >= 0");
  if (sweeps < 2) return fail("sampler_sweeps = " + std::to_string(sweeps) + ": must be >= 2");
  if (max_work < 0)
    return fail("sampler_max_work = " + std::to_string(max_work) + ": must be >= 0");
  return true;
}

std::string ChainSettings::Describe() const {
  std::ostringstream out;
  out << "replica-exchange chain over twin-class assignments, swap moves: " << chains
      << " chains of " << replicas << " copies (beta " << hottest_beta << " .. " << coldest_beta
      << ", then confined to consistent relabelings), " << burn_in_sweeps << " burn-in and "
      << sweeps << " recorded sweeps of n proposals";
  if (max_work > 0) out << ", fewer where they would check more than " << max_work << " facts";
  return out.str();
}

ChainReport SampleRelabelings(const TwinQuotient& q, const RelabelingFacts& facts,
                              const ChainSettings& settings, Rng& rng, HypothesisTally* tally) {
  // Burn-in is planned at the ladder's cost, a swap proposal reading the
  // facts of its two elements; recording is cut by the facts actually read.
  const double per_sweep = double(settings.chains) * settings.replicas * q.n *
                           (2.0 * double(facts.facts.size()) / q.n + 2.0);
  const double planned = per_sweep * (settings.burn_in_sweeps + settings.sweeps);
  const bool limited = settings.max_work > 0;
  // Where even two sweeps of the whole ladder would read more facts than
  // max_work (a graph at n = 2000 with half its pairs known: some 5e8), the
  // ladder is dropped before burn-in, as burn-in would have dropped it: with
  // that many facts a random relabeling breaks thousands and no exchange
  // reaches the consistent copy. The decision looks at no sample. The
  // consistent copy then burns in alone, its proposals stopping at the first
  // fact they break, for up to burn_in_sweeps sweeps or half its share of
  // max_work (at least 2 sweeps).
  const bool ladder_too_dear = limited && 2 * per_sweep > double(settings.max_work);
  const double alone_burn_in_work = double(settings.max_work) / (2.0 * settings.chains);
  int burn_in = settings.burn_in_sweeps;
  if (limited && !ladder_too_dear && planned > double(settings.max_work))
    burn_in = std::min(burn_in, std::max(2, static_cast<int>(
                                                burn_in * double(settings.max_work) / planned)));
  std::vector<std::vector<double>> agreement(settings.chains);
  int64_t proposals = 0, accepted = 0, tried = 0, exchanged = 0, spent = 0;
  int dropped = 0;
  for (int c = 0; c < settings.chains; ++c) {
    TemperedChain chain(q, facts, settings, rng(), !ladder_too_dear);
    bool fed = false;  // an exchange into the consistent copy succeeded in burn-in
    for (int s = 0; s < burn_in; ++s) {
      chain.Sweep();
      fed = fed || chain.exchanges_accepted > 0;
      if (chain.consistent_only()) {
        if (s + 1 >= 2 && double(chain.work) > alone_burn_in_work) break;
      } else if ((s + 1) % kAdaptEvery == 0) {
        chain.AdaptLadder();
      }
    }
    // A ladder that never fed the consistent copy, and whose copies never
    // came within kNearlyConsistent facts of doing so, is dropped; each recorded
    // relabeling is then `copies` sweeps of the consistent copy apart, the
    // work the whole ladder would have done (thinning keeps the tally's cost).
    if (burn_in > 0 && chain.copies() > 1 && !fed && chain.closest() > kNearlyConsistent)
      chain.DropTemperedCopies();
    int sweeps_per_record = 1;
    if (chain.consistent_only() && chain.copies() > 1) {
      sweeps_per_record = chain.copies();
      ++dropped;
    }
    chain.ResetCounts();
    // This chain's share of the work left; it records at least kFewestRecords.
    const double share = double(settings.max_work - spent - chain.work) / (settings.chains - c);
    const int64_t recording_from = chain.work;
    int64_t tallied = 0;
    for (int s = 0; s < settings.sweeps; ++s) {
      for (int k = 0; k < sweeps_per_record; ++k) chain.Sweep();
      agreement[c].push_back(static_cast<double>(tally->Add(q, chain.Consistent().data(), c)));
      tallied += TallyVisits(q, chain.Consistent());
      const double recorded = double(chain.work - recording_from + tallied);
      if (limited && s + 1 >= kFewestRecords && recorded + recorded / (s + 1) > share) break;
    }
    spent += chain.work + tallied;
    proposals += chain.proposals;
    accepted += chain.accepted;
    tried += chain.exchanges_tried;
    exchanged += chain.exchanges_accepted;
  }
  // R-hat compares chains of one length: the shortest.
  size_t recorded = agreement.front().size();
  for (const std::vector<double>& a : agreement) recorded = std::min(recorded, a.size());
  for (std::vector<double>& a : agreement) a.resize(recorded);
  ChainReport report;
  report.rhat = SplitRhat(agreement);
  report.move_acceptance = proposals > 0 ? double(accepted) / double(proposals) : 0.0;
  report.exchange_acceptance = tried > 0 ? double(exchanged) / double(tried) : 0.0;
  report.sweeps = static_cast<int>(recorded);
  report.ladders_dropped = dropped;
  report.shortened = static_cast<int>(recorded) < settings.sweeps;
  return report;
}

}  // namespace geneft::statics
