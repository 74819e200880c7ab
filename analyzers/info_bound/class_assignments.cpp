#include "class_assignments.h"

#include "closure.h"
#include "not_available.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace geneft::statics {
namespace {

using StateWeights = std::unordered_map<std::string, double>;

// Greedy vertex order keeping the frontier small: next is the unplaced vertex
// after which the fewest placed vertices still wait for neighbours; ties go to
// the one with most placed neighbours.
std::vector<int> FrontierOrder(const ConflictGraph& g) {
  const int m = g.size;
  std::vector<int> unplaced_neighbours(m, 0), placed_neighbours(m, 0);
  for (int a = 0; a < m; ++a)
    for (int b = 0; b < m; ++b) unplaced_neighbours[a] += g.Adjacent(a, b);
  std::vector<uint8_t> placed(m, 0);
  std::vector<int> order;
  int frontier = 0;  // placed vertices with an unplaced neighbour
  for (int step = 0; step < m; ++step) {
    int best = -1, best_frontier = 0;
    for (int v = 0; v < m; ++v) {
      if (placed[v]) continue;
      int next = frontier + (unplaced_neighbours[v] > 0);
      for (int u = 0; u < m; ++u)
        if (placed[u] && g.Adjacent(u, v) && unplaced_neighbours[u] == 1) --next;
      if (best < 0 || next < best_frontier ||
          (next == best_frontier && placed_neighbours[v] > placed_neighbours[best])) {
        best = v;
        best_frontier = next;
      }
    }
    placed[best] = 1;
    order.push_back(best);
    frontier = best_frontier;
    for (int u = 0; u < m; ++u)
      if (g.Adjacent(u, best)) {
        --unplaced_neighbours[u];
        ++placed_neighbours[u];
      }
  }
  return order;
}

// One step of the dynamic programme: the vertex placed, and which members of
// the frontier before it (by index) remain afterwards.
struct Step {
  int vertex = 0;
  std::vector<int> kept;
  bool vertex_stays = false;
};

// Steps for `order`; frontiers[t] lists the frontier before step t. A vertex
// leaves the frontier after its last neighbour is placed, except `pinned`,
// which stays to the end so that its class can be compared with later ones.
struct Plan {
  std::vector<Step> steps;
  std::vector<std::vector<int>> frontiers;
};

Plan MakePlan(const ConflictGraph& g, const std::vector<int>& order, int pinned) {
  const int m = g.size;
  std::vector<int> position(m), last_needed(m);
  for (int t = 0; t < m; ++t) position[order[t]] = t;
  for (int v = 0; v < m; ++v) {
    last_needed[v] = v == pinned ? m : position[v];
    for (int u = 0; u < m; ++u)
      if (g.Adjacent(u, v)) last_needed[v] = std::max(last_needed[v], position[u]);
  }
  Plan plan;
  plan.frontiers.emplace_back();
  for (int t = 0; t < m; ++t) {
    const std::vector<int>& before = plan.frontiers.back();
    Step step;
    step.vertex = order[t];
    std::vector<int> after;
    for (size_t i = 0; i < before.size(); ++i)
      if (last_needed[before[i]] > t) {
        step.kept.push_back(static_cast<int>(i));
        after.push_back(before[i]);
      }
    step.vertex_stays = last_needed[step.vertex] > t;
    if (step.vertex_stays) after.push_back(step.vertex);
    plan.steps.push_back(std::move(step));
    plan.frontiers.push_back(std::move(after));
  }
  return plan;
}

// Relabels colour classes by first appearance so that colour permutations of
// the same frontier partition share one state.
void Canonicalize(std::string* key) {
  char relabel[128];
  std::fill(std::begin(relabel), std::end(relabel), char(-1));
  char next = 0;
  for (char& c : *key) {
    char& r = relabel[static_cast<unsigned char>(c)];
    if (r == char(-1)) r = next++;
    c = r;
  }
}

// Every way to colour the step's vertex from state `key` (the partition of
// `frontier` into colour classes): emit(next_key, ways, joined) where
// `joined` is the class it joins, or -1 for a colour unused on the frontier
// (q - classes ways).
template <class Emit>
void Expand(const ConflictGraph& g, const std::vector<int>& frontier, const Step& step,
            const std::string& key, int q, std::vector<uint8_t>* forbidden, Emit&& emit) {
  int classes = 0;
  for (char c : key) classes = std::max(classes, c + 1);
  forbidden->assign(classes, 0);
  for (size_t i = 0; i < frontier.size(); ++i)
    if (g.Adjacent(frontier[i], step.vertex)) (*forbidden)[static_cast<unsigned char>(key[i])] = 1;
  auto next_key = [&](int colour) {
    std::string out;
    out.reserve(step.kept.size() + 1);
    for (int i : step.kept) out.push_back(key[i]);
    if (step.vertex_stays) out.push_back(static_cast<char>(colour));
    Canonicalize(&out);
    return out;
  };
  for (int c = 0; c < classes; ++c)
    if (!(*forbidden)[c]) emit(next_key(c), 1.0, c);
  if (q > classes) emit(next_key(classes), double(q - classes), -1);
}

// Forward pass from step `first` with the given states before it: the state
// weights after each step t >= first, at index t - first + 1 (index 0 holds
// the initial states). With a `budget` of states summed over steps, returns
// nothing once it is spent or a step exceeds max_states.
std::vector<StateWeights> Forward(const ConflictGraph& g, const Plan& plan, int q,
                                  int64_t max_states, size_t first, StateWeights initial,
                                  int64_t budget = -1) {
  std::vector<StateWeights> alpha;
  alpha.push_back(std::move(initial));
  std::vector<uint8_t> forbidden;
  for (size_t t = first; t < plan.steps.size(); ++t) {
    StateWeights next;
    next.reserve(alpha.back().size() * 2);
    for (const auto& [key, weight] : alpha.back())
      Expand(g, plan.frontiers[t], plan.steps[t], key, q, &forbidden,
             [&, w = weight](const std::string& k, double ways, int) { next[k] += w * ways; });
    if (budget >= 0 && ((budget -= static_cast<int64_t>(next.size())) < 0 ||
                        static_cast<int64_t>(next.size()) > max_states))
      return {};
    if (static_cast<int64_t>(next.size()) > max_states)
      throw NotAvailable("exact class-assignment count needs more than " +
                         std::to_string(max_states) + " states (raise max_states)");
    alpha.push_back(std::move(next));
  }
  return alpha;
}

int64_t StateCount(const std::vector<StateWeights>& alpha) {
  int64_t count = 0;
  for (const StateWeights& states : alpha) count += static_cast<int64_t>(states.size());
  return count;
}

double Total(const StateWeights& states) {
  double total = 0;
  for (const auto& [key, weight] : states) total += weight;
  return total;
}

// For the vertex placed at step `i` of `order`, kept on the frontier from
// then on ("pinned"), a forward and a backward pass over the later steps give,
// for every later vertex b, the number of colourings in which b shares its
// colour. `before` holds the state weights before step i, which pinning does
// not change. Returns nothing when the forward pass exceeds `budget` states.
std::vector<double> SharedWithPinned(const ConflictGraph& g, const std::vector<int>& order,
                                     size_t i, const StateWeights& before, int q,
                                     int64_t max_states, int64_t budget) {
  const int pinned = order[i];
  const Plan plan = MakePlan(g, order, pinned);
  const std::vector<StateWeights> alpha = Forward(g, plan, q, max_states, i, before, budget);
  if (alpha.empty()) return {};
  std::vector<double> shared(g.size, 0.0);
  // beta: colourings of the remaining vertices from each state after step t.
  StateWeights beta_next;
  for (const auto& [key, weight] : alpha.back()) beta_next[key] = 1.0;
  std::vector<uint8_t> forbidden;
  for (size_t t = plan.steps.size() - 1; t > i; --t) {
    const std::vector<int>& frontier = plan.frontiers[t];
    const size_t pinned_index =
        std::find(frontier.begin(), frontier.end(), pinned) - frontier.begin();
    const StateWeights& states = alpha[t - i];
    const int b = plan.steps[t].vertex;
    StateWeights beta;
    beta.reserve(states.size());
    for (const auto& [key, weight] : states) {
      const int pinned_class = key[pinned_index];
      double completions = 0;
      Expand(g, frontier, plan.steps[t], key, q, &forbidden,
             [&, w = weight](const std::string& k, double ways, int joined) {
               const auto it = beta_next.find(k);
               if (it == beta_next.end()) return;
               completions += ways * it->second;
               if (joined == pinned_class) shared[b] += w * ways * it->second;
             });
      beta[key] = completions;
    }
    beta_next = std::move(beta);
  }
  return shared;
}

// Vertex b joins vertex a; the others keep their order.
ConflictGraph Merge(const ConflictGraph& g, int a, int b) {
  ConflictGraph merged;
  merged.size = g.size - 1;
  merged.adjacent.assign(static_cast<size_t>(merged.size) * merged.size, 0);
  auto index = [&](int v) { return v < b ? v : v - 1; };
  for (int u = 0; u < g.size; ++u)
    for (int v = 0; v < g.size; ++v) {
      if (!g.Adjacent(u, v)) continue;
      const int mu = index(u == b ? a : u), mv = index(v == b ? a : v);
      merged.adjacent[static_cast<size_t>(mu) * merged.size + mv] = 1;
    }
  return merged;
}

ConflictGraph Induced(const ConflictGraph& g, const std::vector<int>& vertices) {
  ConflictGraph sub;
  sub.size = static_cast<int>(vertices.size());
  sub.adjacent.assign(static_cast<size_t>(sub.size) * sub.size, 0);
  for (int a = 0; a < sub.size; ++a)
    for (int b = 0; b < sub.size; ++b)
      sub.adjacent[static_cast<size_t>(a) * sub.size + b] = g.Adjacent(vertices[a], vertices[b]);
  return sub;
}

std::vector<std::vector<int>> ConnectedComponents(const ConflictGraph& g) {
  std::vector<int> seen(g.size, 0);
  std::vector<std::vector<int>> components;
  for (int s = 0; s < g.size; ++s) {
    if (seen[s]) continue;
    components.emplace_back(1, s);
    seen[s] = 1;
    for (size_t k = 0; k < components.back().size(); ++k) {
      const int u = components.back()[k];
      for (int v = 0; v < g.size; ++v)
        if (!seen[v] && g.Adjacent(u, v)) {
          seen[v] = 1;
          components.back().push_back(v);
        }
    }
  }
  return components;
}

void CheckSize(const ConflictGraph& graph) {
  if (graph.size > 127) throw NotAvailable("exact class assignments over more than 127 groups");
}

// The count, adding the states visited to *work.
double CountWithWork(const ConflictGraph& graph, int q, int64_t max_states, int64_t* work) {
  const Plan plan = MakePlan(graph, FrontierOrder(graph), -1);
  const std::vector<StateWeights> alpha =
      Forward(graph, plan, q, max_states, 0, {{std::string(), 1.0}});
  *work += StateCount(alpha);
  return Total(alpha.back());
}

}  // namespace

double CountProperColourings(const ConflictGraph& graph, int q, int64_t max_states) {
  CheckSize(graph);
  int64_t work = 0;
  return CountWithWork(graph, q, max_states, &work);
}

std::vector<double> SameColourProbabilities(const ConflictGraph& graph, int q,
                                            int64_t max_states) {
  CheckSize(graph);
  const int m = graph.size;
  std::vector<double> p(static_cast<size_t>(m) * m, 1.0 / q);  // across components
  for (int a = 0; a < m; ++a) p[static_cast<size_t>(a) * m + a] = 1.0;
  for (const std::vector<int>& component : ConnectedComponents(graph)) {
    const ConflictGraph sub = Induced(graph, component);
    const std::vector<int> order = FrontierOrder(sub);
    const std::vector<StateWeights> alpha =
        Forward(sub, MakePlan(sub, order, -1), q, max_states, 0, {{std::string(), 1.0}});
    const double total = Total(alpha.back());
    if (!(total > 0))
      throw std::invalid_argument("training facts: no assignment to " + std::to_string(q) +
                                  " classes fits them");
    // Pair (a, b) comes from the pass pinning whichever is placed first, or
    // from counting with a and b merged. A pinned pass costs about three times
    // its forward states (the backward pass looks every transition up); it
    // gets the budget of the merged counts it replaces, measured as they run,
    // and falls back to them when it runs out.
    int64_t merged_work = 0, merged_counts = 0;
    auto merged_probability = [&](int a, int b) {
      ++merged_counts;
      return CountWithWork(Merge(sub, a, b), q, max_states, &merged_work) / total;
    };
    for (size_t i = 0; i + 1 < order.size(); ++i) {
      std::vector<size_t> open;  // later vertices not adjacent to the pinned one
      for (size_t j = i + 1; j < order.size(); ++j) {
        if (!sub.Adjacent(order[i], order[j])) open.push_back(j);
        const int a = component[order[i]], b = component[order[j]];
        p[static_cast<size_t>(a) * m + b] = p[static_cast<size_t>(b) * m + a] = 0.0;
      }
      if (open.empty()) continue;
      std::vector<double> same(order.size(), -1.0);
      if (merged_counts == 0) same[open[0]] = merged_probability(order[i], order[open[0]]);
      const int64_t budget =
          static_cast<int64_t>(open.size()) * merged_work / merged_counts / 3;
      const std::vector<double> shared =
          SharedWithPinned(sub, order, i, alpha[i], q, max_states, budget);
      for (size_t j : open) {
        if (same[j] < 0)
          same[j] = shared.empty() ? merged_probability(order[i], order[j])
                                   : shared[order[j]] / total;
        const int a = component[order[i]], b = component[order[j]];
        p[static_cast<size_t>(a) * m + b] = p[static_cast<size_t>(b) * m + a] = same[j];
      }
    }
  }
  return p;
}

TrainingSetBound IndependentClassBound(const RelationMatrix& relation, const CompletionModel& model,
                                       const TrainingMask& mask, int64_t max_states) {
  const ClassClosure closure = CloseClassFacts(relation, mask, model.same_class_means_one);
  const ConflictGraph conflicts{closure.group_count, closure.apart};
  const std::vector<double> same = SameColourProbabilities(conflicts, model.classes, max_states);
  double inferred = 0, guessed = 0;
  for (int i = 0; i < relation.n; ++i)
    for (int j = 0; j < relation.n; ++j) {
      if (closure.Determined(i, j)) {
        inferred += 1;
        continue;
      }
      const double s = same[static_cast<size_t>(closure.group[i]) * closure.group_count +
                            closure.group[j]];
      guessed += std::max(s, 1.0 - s);
    }
  const double total = static_cast<double>(relation.entries());
  TrainingSetBound result;
  result.bound = (inferred + guessed) / total;
  result.inferred_fraction = inferred / total;
  return result;
}

}  // namespace geneft::statics
