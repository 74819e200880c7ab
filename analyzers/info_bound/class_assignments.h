// Exact probabilities over class assignments consistent with the training
// facts. Prior (paper Appendix D, "each number is equally likely to belong to
// one of its candidate classes"; Table II's b = n log2 k): every element
// independently in one of k labelled classes. Given the facts, the posterior
// is uniform over the proper k-colourings of the graph whose vertices are the
// closure's groups and whose edges join groups known apart. Unlike the
// paper's candidate lists, which read class labels off the reference matrix,
// this uses the training facts only and keeps the correlations between
// elements.
#pragma once

#include "completion_model.h"
#include "training_set_bound.h"

#include <geneft/common/relation_matrix.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace geneft::statics {

/// A simple undirected graph as a 0/1 adjacency matrix.
struct ConflictGraph {
  int size = 0;
  std::vector<uint8_t> adjacent;  ///< size^2, symmetric, zero diagonal

  bool Adjacent(int a, int b) const { return adjacent[static_cast<size_t>(a) * size + b] != 0; }
};

/// Number of proper colourings with q colours, by dynamic programming over a
/// vertex order whose state is the partition of the frontier (placed vertices
/// with unplaced neighbours) into colour classes. Throws NotAvailable when a
/// step would hold more than max_states states.
double CountProperColourings(const ConflictGraph& graph, int q, int64_t max_states);

/// P(colour(a) = colour(b)) for all pairs, uniform over proper q-colourings
/// (size^2, row-major): 1 on the diagonal, 0 for adjacent vertices, 1/q across
/// connected components, and inside one the share of colourings giving a and
/// b one colour: from a forward-backward pass that keeps a's class in the
/// state, or from count(G with a, b merged) / count(G), whichever is cheaper.
/// The cost grows exponentially with the frontier width (about the
/// pathwidth of the conflict graph): milliseconds for mod 3 and mod 5 at
/// n = 30, seconds to minutes for 10 classes. Throws std::invalid_argument
/// when no colouring exists, NotAvailable past max_states.
std::vector<double> SameColourProbabilities(const ConflictGraph& graph, int q, int64_t max_states);

/// The bound for one training set under this prior (the bound's
/// "independent_classes" method): the facts closed into groups and conflicts
/// (closure.h), then each open pair's majority probability from
/// SameColourProbabilities. `model` must have the kClasses structure.
TrainingSetBound IndependentClassBound(const RelationMatrix& relation, const CompletionModel& model,
                                       const TrainingMask& mask, int64_t max_states);

}  // namespace geneft::statics
