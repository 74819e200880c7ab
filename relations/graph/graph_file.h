// Reading a graph file into elements and edges, before any closure: the
// four formats of the `graph` relation plugin behind one call.
#pragma once

#include <geneft/relation.h>  // GENEFT_MAX_ELEMENTS, the most nodes a graph may have

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace geneft::graph {

/// One labelled pair from the file: R(from, to) = label. `line` is the
/// 1-based line it came from, 0 when the reader cannot tell (DOT, GraphML).
struct Fact {
  uint32_t from = 0;
  uint32_t to = 0;
  uint32_t line = 0;
};

/// What a file says, in the file's own element order.
struct ParsedGraph {
  std::vector<std::string> names;  ///< element i is names[i]; names are unique
  std::vector<Fact> edges;         ///< pairs the file sets to 1
  std::vector<Fact> non_edges;     ///< pairs the file explicitly sets to 0 (edge list "a b 0")
  bool undirected = false;         ///< the file declares its edges undirected (DOT `graph`,
                                   ///< GraphML edgedefault="undirected")
  uint32_t last_line = 0;          ///< lines in the file, for errors about the whole file
};

enum class Format { kEdgeList, kDot, kGraphml, kMatrix };

/// "edges", "dot", "graphml", "matrix", or "auto" = by the file's extension
/// (.txt .edges .csv .tsv / .dot .gv / .graphml / .matrix .mat). Throws
/// sdk::Error for an unknown name or extension.
Format ResolveFormat(std::string_view format, const std::string& path);

/// Reads `path` in `format`. `n` > 0 makes an edge list's nodes the integer
/// indices 0 .. n-1. Throws sdk::Error "PATH:LINE: reason" for a file that
/// cannot be read, is malformed, names an undeclared node, declares a node
/// twice, or has no nodes or no edges.
ParsedGraph ReadGraphFile(const std::string& path, Format format, int64_t n);

// The readers, one per format (text_readers.cpp, boost_readers.cpp). `text`
// is the whole file.
ParsedGraph ReadEdgeList(const std::string& path, std::string_view text, int64_t n);
ParsedGraph ReadMatrix(const std::string& path, std::string_view text);
ParsedGraph ReadDot(const std::string& path, const std::string& text);
ParsedGraph ReadGraphml(const std::string& path, const std::string& text);

}  // namespace geneft::graph
