// The `graph` relation: a user's graph read from a file (edge list, DOT,
// GraphML or a 0/1 matrix; see graph_file.h and the readers), optionally
// made symmetric and closed (transitively, or reflexively and transitively,
// so that an is-a hierarchy becomes a partial order). Node names are kept as
// element names. Declared properties are exactly those the host's detector
// finds; b = log2(n! / |Aut|) comes from nauty (paper Sec. III); p* is known
// for equivalences, total orders and complete bipartite graphs (paper text
// after Eq. 5) and is the edge density otherwise.
#include "graph_file.h"
#include "graph_shape.h"

#include <geneft/common/closed_forms.h>
#include <geneft/common/description_length.h>
#include <geneft/common/names.h>
#include <geneft/common/relation_properties.h>

#include <geneft/plugin.hpp>

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

namespace {

using geneft::sdk::Error;
namespace graph = geneft::graph;

const geneft_param_spec kParams[] = {
    {"file", GENEFT_PARAM_PATH, nullptr,
     "graph file: absolute, or relative to the study file's folder"},
    {"format", GENEFT_PARAM_STRING, "\"auto\"",
     "\"edges\", \"dot\", \"graphml\", \"matrix\", or \"auto\" by extension"},
    {"directed", GENEFT_PARAM_BOOL, "true",
     "true: edge a b sets R(a, b) only; false: also R(b, a) (undirected files always do)"},
    {"closure", GENEFT_PARAM_STRING, "\"none\"",
     "\"none\", \"transitive\" or \"reflexive_transitive\" (is-a edges -> partial order)"},
    {"n", GENEFT_PARAM_INT, "0",
     "edge lists: nodes are the indices 0 .. n-1 (an index >= n is an error); 0 = infer"},
    {"node_ids", GENEFT_PARAM_STRING, "\"auto\"",
     "edge lists: \"indices\", \"names\", or \"auto\" (a file mixing the two is refused)"},
    {"automorphisms", GENEFT_PARAM_BOOL, "true",
     "compute b = log2(n!/|Aut|) (closed form or nauty); false: b unknown (huge graphs)"},
    {"memory_limit_gb", GENEFT_PARAM_DOUBLE, "4",
     "refuse a graph whose n x n labels need more memory than this (5.25 bytes per pair)"},
};

// Bytes per pair at the peak of loading a relation: the host's int32 label
// and this plugin's byte are both alive while the host checks the declared
// properties on bit rows and columns (a quarter byte). Training needs more.
constexpr double kBytesPerPair = 4 + 1 + 0.25;

std::string Figure(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

enum class Closure { kNone, kTransitive, kReflexiveTransitive };

Closure ParseClosure(const std::string& s) {
  if (s == "none") return Closure::kNone;
  if (s == "transitive") return Closure::kTransitive;
  if (s == "reflexive_transitive") return Closure::kReflexiveTransitive;
  throw Error(geneft::UnknownName("closure", s, {"none", "transitive", "reflexive_transitive"}));
}

class GraphRelation {
 public:
  explicit GraphRelation(const geneft::sdk::Params& params)
      : path_(params.string("file")),
        directed_(params.boolean("directed")),
        closure_(ParseClosure(params.string("closure"))) {
    const graph::ParsedGraph parsed = Read(params);
    CheckMemory(params.real("memory_limit_gb"));
    BuildMatrix(parsed);
    CheckNonEdges(parsed, "an edge of the file sets it to 1");
    shape_ = graph::DetectForest(matrix_);
    if (closure_ != Closure::kNone) {
      graph::CloseTransitively(&matrix_);
      if (closure_ == Closure::kReflexiveTransitive) graph::CloseReflexively(&matrix_);
      CheckNonEdges(parsed, "the closure sets it to 1");
    }
    properties_ = geneft::DetectProperties(
        matrix_.n, std::vector<int32_t>(matrix_.cells.begin(), matrix_.cells.end()));
    description_bits_ = params.boolean("automorphisms") ? DescriptionBits()
                                                        : std::numeric_limits<double>::quiet_NaN();
    guess_probability_ = GuessProbability();
    Log(params.host(), parsed);
  }

  geneft_relation_info info() const {
    geneft_relation_info info{};
    info.n = matrix_.n;
    info.num_classes = 2;
    info.properties = properties_;
    info.description_bits = description_bits_;
    info.guess_probability = guess_probability_;
    return info;
  }

  void labels(int32_t* out) const {
    for (uint8_t c : matrix_.cells) *out++ = c;
  }

  std::string element_name(uint32_t index) const {
    if (index >= names_.size())
      throw Error("element " + std::to_string(index) + " is out of range 0 .. " +
                      std::to_string(names_.size() - 1),
                  GENEFT_ERR_NOT_FOUND);
    return names_[index];
  }

 private:
  // The file's elements and facts; names_ and symmetric_ are set from it.
  graph::ParsedGraph Read(const geneft::sdk::Params& params) {
    graph::ReadOptions options;
    options.n = params.integer("n");
    options.node_ids = graph::ParseNodeIds(params.string("node_ids"));
    options.format = graph::ResolveFormat(params.string("format"), path_);
    graph::ParsedGraph parsed = graph::ReadGraphFile(path_, options);
    names_ = std::move(parsed.names);
    for (const std::string& name : names_)
      if (name.size() >= GENEFT_NAME_SIZE)
        throw Error(path_ + ": node name '" + name.substr(0, 40) + "...' is longer than " +
                    std::to_string(GENEFT_NAME_SIZE - 1) + " bytes");
    symmetric_ = !directed_ || parsed.undirected;
    return parsed;
  }

  // Refuses, before any n x n buffer exists, a graph whose labels would not
  // fit in `limit_gb`: the host holds every pair's label, whatever the edges.
  void CheckMemory(double limit_gb) const {
    if (!(limit_gb > 0))
      throw Error("memory_limit_gb = " + Figure(limit_gb) + ": must be > 0");
    const size_t n = names_.size();
    const double need_gb = static_cast<double>(n) * static_cast<double>(n) * kBytesPerPair / 1e9;
    if (need_gb > limit_gb)
      throw Error(path_ + ": " + std::to_string(n) + " nodes need " + Figure(need_gb) +
                  " GB for the " + std::to_string(n) + " x " + std::to_string(n) +
                  " pair labels (" + Figure(kBytesPerPair) + " bytes per pair), more than "
                  "memory_limit_gb = " + Figure(limit_gb) +
                  "; raise memory_limit_gb if this machine has the memory");
  }

  // R(a, b) = 1 for each edge a -> b, and R(b, a) = 1 too when symmetric.
  void BuildMatrix(const graph::ParsedGraph& parsed) {
    matrix_.n = static_cast<uint32_t>(names_.size());
    matrix_.cells.assign(size_t{matrix_.n} * matrix_.n, 0);
    for (const graph::Fact& e : parsed.edges) {
      matrix_.at(e.from, e.to) = 1;
      if (symmetric_) matrix_.at(e.to, e.from) = 1;
    }
  }

  // A pair the file states as 0 ("a b 0") must not be 1: two statements of
  // the file, or the file and the requested closure, contradict each other.
  void CheckNonEdges(const graph::ParsedGraph& parsed, const char* why) const {
    for (const graph::Fact& f : parsed.non_edges) {
      if (!matrix_.at(f.from, f.to)) continue;
      std::string source;
      for (const graph::Fact& e : parsed.edges)
        if ((e.from == f.from && e.to == f.to) ||
            (symmetric_ && e.from == f.to && e.to == f.from)) {
          source = " (line " + std::to_string(e.line) + ")";
          break;
        }
      throw Error(path_ + ":" + std::to_string(f.line) + ": contradiction: pair (" +
                  names_[f.from] + ", " + names_[f.to] + ") is stated 0 but " + why + source);
    }
  }

  // b = log2(n! / |Aut|): the closed forms of paper Table II when the matrix
  // is an equivalence, a total order or a complete bipartite graph (nauty is
  // slow on such highly symmetric graphs when n is in the thousands), nauty
  // otherwise.
  double DescriptionBits() const {
    namespace statics = geneft::statics;
    const uint32_t n = matrix_.n;
    if (properties_ & GENEFT_PROP_EQUIVALENCE) {
      std::vector<int> sizes;
      for (uint32_t i = 0; i < n; ++i)
        if (ClassLeader(i) == i) {
          int size = 0;
          for (uint32_t j = 0; j < n; ++j) size += matrix_.at(i, j);
          sizes.push_back(size);
        }
      return statics::ExactBitsForClasses(sizes);
    }
    if (properties_ & GENEFT_PROP_TOTAL_ORDER) return statics::ExactBitsTotalOrder(int(n));
    if (properties_ & GENEFT_PROP_BIPARTITE) {
      int with_first = 0;  // element 0's block: the elements it is not related to
      for (uint32_t j = 0; j < n; ++j) with_first += !matrix_.at(0, j);
      return statics::ExactBitsCompleteBipartite(with_first, int(n) - with_first);
    }
    statics::RelationMatrix relation;
    relation.n = static_cast<int>(n);
    relation.ones = matrix_.cells;
    return statics::DescriptionLengthFromAutomorphisms(relation);
  }

  // For an equivalence: the smallest member of i's class (first 1 of its row).
  uint32_t ClassLeader(uint32_t i) const {
    uint32_t first = 0;
    while (!matrix_.at(i, first)) ++first;
    return first;
  }

  // p* of paper Eq. 5: 1/k for an equivalence with k classes, 1/3 for a
  // total order, 1/2 for a complete bipartite graph; otherwise the chance
  // that a random pair is related (the edge density), which Eq. 5 turns into
  // the majority guess through max(p*, 1 - p*).
  double GuessProbability() const {
    const uint32_t n = matrix_.n;
    if (properties_ & GENEFT_PROP_EQUIVALENCE) {
      uint32_t classes = 0;
      for (uint32_t i = 0; i < n; ++i) classes += ClassLeader(i) == i;
      return 1.0 / static_cast<double>(classes);
    }
    if ((properties_ & GENEFT_PROP_TOTAL_ORDER) && n >= 3) return 1.0 / 3.0;
    if (properties_ & GENEFT_PROP_BIPARTITE) return 0.5;
    size_t ones = 0;
    for (uint8_t c : matrix_.cells) ones += c;
    return static_cast<double>(ones) / static_cast<double>(matrix_.cells.size());
  }

  // One line for the run log: what was read and what it is. Tree and forest
  // have no ABI flag, so this is where they are reported.
  void Log(const geneft_host* host, const graph::ParsedGraph& parsed) const {
    if (host == nullptr || host->log == nullptr) return;
    const char* closure = closure_ == Closure::kNone         ? "none"
                          : closure_ == Closure::kTransitive ? "transitive"
                                                             : "reflexive_transitive";
    const std::string header =
        parsed.header_line > 0
            ? " (line " + std::to_string(parsed.header_line) + " read as a header row)"
            : "";
    const std::string line = "graph [" + path_ + "]: " + std::to_string(matrix_.n) +
                             " elements, " + std::to_string(parsed.edges.size()) + " edges" +
                             (symmetric_ ? " (undirected)" : "") + header +
                             ", the file's graph: " + shape_.Describe() + "; closure " + closure +
                             "; properties: " + geneft::PropertyNames(properties_);
    host->log(host, GENEFT_LOG_INFO, line.c_str());
  }

  std::string path_;
  bool directed_;
  Closure closure_;
  bool symmetric_ = false;
  std::vector<std::string> names_;
  graph::Matrix matrix_;
  graph::ForestShape shape_;
  uint32_t properties_ = 0;
  double description_bits_ = 0;
  double guess_probability_ = 0;
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(geneft::sdk::relation<GraphRelation>(
    "graph", "1.0.0", "a graph read from a file (edge list, DOT, GraphML, 0/1 matrix)", kParams));
