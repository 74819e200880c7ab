// Sampling relabelings consistent with the training facts (orbit reading)
// where enumerating them costs too much: a Markov chain over assignments of
// elements to twin classes whose moves swap the classes of two elements.
//
// The consistent assignments need not be connected by such swaps (mod 2 with
// two pairs of elements known to share a class and classes of 4: moving one
// pair needs two swaps, the first of which breaks a fact), so the chain is
// tempered (replica exchange, Swendsen & Wang 1986, Geyer 1991): copies at
// inverse temperatures beta_1 < ... < beta_R = infinity, each weighted
// exp(-beta * facts violated); the last copy is confined to consistent
// assignments and is the one recorded. Proposals are symmetric and
// Metropolis-accepted, exchanges between neighbouring copies accepted with
// min(1, exp((beta_j - beta_i)(E_j - E_i))), so every copy keeps its
// distribution and the recorded one is uniform over consistent
// relabelings.
//
// Where no tempered copy fed the consistent one, or came within a few facts
// of it, in burn-in (many facts: a random relabeling breaks hundreds), the
// chain drops its ladder and the consistent copy runs alone with the
// ladder's sweeps, recording every `replicas` sweeps: a Metropolis chain with
// symmetric proposals confined to the consistent assignments, so still
// uniform over them. Its proposals stop at the first fact they break. Where
// two sweeps of the ladder alone would exceed the work cap, the ladder is
// dropped before burn-in (ChainSettings::max_work).
//
// Known limit: on relations whose automorphisms move whole blocks (coprimality,
// same-shape subtrees) single swaps need not connect the consistent
// relabelings (coprimality of 1 .. 14 has one that differs by a 3-cycle and a
// transposition from every reachable one), and no chain sees what it cannot
// reach; R-hat cannot show it either, since every chain starts at the relation.
//
// Every chain starts its consistent copy at the relation itself and its
// tempered copies at random relabelings. Mixing diagnostic: the split R-hat
// (Gelman & Rubin 1992; Vehtari et al. 2021) of each recorded relabeling's
// agreement with the relation, over the halves of the independent chains;
// near 1 when the chains agree.
#pragma once

#include "hypothesis_tally.h"
#include "random.h"
#include "relabeling_facts.h"

#include <geneft/common/twin_quotient.h>

#include <cstdint>
#include <string>

namespace geneft::statics {

struct ChainSettings {
  int chains = 8;              ///< independent chains, one tally batch each; >= 2 for R-hat
  int replicas = 8;            ///< tempered copies per chain, the coldest at beta = infinity; >= 1
  double hottest_beta = 0.25;  ///< inverse temperature of the hottest copy, > 0
  /// The coldest copy below infinity, at the start of burn-in; burn-in moves
  /// it (AdaptLadder) until about half the exchanges into the consistent
  /// copy succeed. >= hottest_beta.
  double coldest_beta = 4.0;
  int burn_in_sweeps = 30;     ///< sweeps before recording; a sweep is n proposals per copy
  int sweeps = 100;            ///< recorded sweeps per chain, one relabeling each, >= 2
  /// Facts the swap proposals of one training set may read, and pairs the
  /// tally of its records may visit, in all (on one core about 0.6 s at
  /// n = 224, 2 s at n = 2000).
  /// Burn-in is planned at the whole ladder's cost and shortened (to at
  /// least 2 sweeps) where that exceeds it; where even 2 sweeps of the
  /// ladder exceed it, the ladder is dropped before burn-in and the
  /// consistent copy burns in alone on up to half its share. Each chain then
  /// records until its share of what is left is used (at least 4
  /// relabelings), and the report says so. 0: no limit.
  int64_t max_work = 200'000'000;

  bool IsValid(std::string* error) const;
  std::string Describe() const;  ///< one line for result stores and reports
};

struct ChainReport {
  double rhat = 1;                 ///< split R-hat of the agreement with the relation
  double move_acceptance = 0;      ///< accepted swaps / proposals, consistent copy
  double exchange_acceptance = 0;  ///< exchanges into the consistent copy accepted / tried
  int sweeps = 0;                  ///< recorded sweeps per chain that ran
  bool shortened = false;          ///< fewer sweeps than settings.sweeps, for max_work
  /// Chains whose tempered copies never exchanged into the consistent copy
  /// in burn-in, and that then ran the consistent copy alone.
  int ladders_dropped = 0;
};

/// Records settings.sweeps relabelings per chain, chain c into batch c of
/// `tally` (which needs settings.chains batches).
ChainReport SampleRelabelings(const TwinQuotient& q, const RelabelingFacts& facts,
                              const ChainSettings& settings, Rng& rng, HypothesisTally* tally);

}  // namespace geneft::statics
