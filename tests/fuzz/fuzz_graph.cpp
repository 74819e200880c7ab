// Fuzz target: one graph reader, chosen at compile time by
// GENEFT_FUZZ_FORMAT (kEdgeList, kMatrix, kDot, kGraphml). For edge lists the
// input's first byte picks node_ids and n, so index, name and mixed files
// all get explored. A graph read without error then goes through the shape
// check and the transitive closure, as the plugin does.
#include "graph_file.h"
#include "graph_shape.h"

#include <geneft/plugin.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

namespace graph = geneft::graph;

constexpr uint32_t kMaxMatrixNodes = 512;  // bigger graphs only cost time

graph::ReadOptions OptionsFrom(uint8_t selector) {
  graph::ReadOptions options;
  options.format = graph::Format::GENEFT_FUZZ_FORMAT;
  if (options.format != graph::Format::kEdgeList) return options;
  static const graph::NodeIds kIds[] = {graph::NodeIds::kAuto, graph::NodeIds::kIndices,
                                        graph::NodeIds::kNames};
  static const int64_t kN[] = {0, 0, 3, 40};
  options.node_ids = kIds[selector % 3];
  options.n = kN[(selector / 3) % 4];
  return options;
}

void CheckShape(const graph::ParsedGraph& parsed) {
  graph::Matrix m;
  m.n = static_cast<uint32_t>(parsed.names.size());
  if (m.n > kMaxMatrixNodes) return;
  m.cells.assign(size_t{m.n} * m.n, 0);
  for (const graph::Fact& e : parsed.edges) {
    if (e.from >= m.n || e.to >= m.n) __builtin_trap();  // an edge to no element
    m.at(e.from, e.to) = 1;
  }
  graph::DetectForest(m).Describe();
  graph::CloseTransitively(&m);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    CheckShape(graph::ParseGraphText("fuzz", text, OptionsFrom(data[0])));
  } catch (const geneft::sdk::Error& e) {
    if (std::string(e.what()).rfind("fuzz", 0) != 0 &&
        std::string(e.what()).rfind("n = ", 0) != 0)
      __builtin_trap();  // every refusal names the file (or the option at fault)
  }
  return 0;
}
