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
  uint32_t header_line = 0;        ///< an edge list's header row ("source,target"), 0 if none
  uint32_t last_line = 0;          ///< lines in the file, for errors about the whole file
};

enum class Format { kEdgeList, kDot, kGraphml, kMatrix };

/// How an edge list's fields name nodes when no `nodes:` line declares them.
enum class NodeIds {
  kAuto,     ///< indices when every field is a plain integer, names when none is;
             ///< a file mixing the two is refused
  kIndices,  ///< every field is an index 0, 1, ...
  kNames,    ///< every field is a name, elements in order of first appearance
};

/// How to read a graph file. The defaults read any file by its extension.
struct ReadOptions {
  Format format = Format::kEdgeList;
  /// Edge lists: > 0 makes the nodes the indices 0 .. n-1 (an index >= n is
  /// an error). Range 0 .. GENEFT_MAX_ELEMENTS; 0 = as many as the file uses.
  int64_t n = 0;
  NodeIds node_ids = NodeIds::kAuto;
  /// Throws sdk::Error "n = -1: must be ..." for a value out of range or
  /// options that contradict each other (n > 0 with names).
  void Validate() const;
};

/// "edges", "dot", "graphml", "matrix", or "auto" = by the file's extension
/// (.txt .edges .csv .tsv / .dot .gv / .graphml / .matrix .mat). Throws
/// sdk::Error for an unknown name or extension.
Format ResolveFormat(std::string_view format, const std::string& path);

/// "auto", "indices" or "names"; throws sdk::Error for anything else.
NodeIds ParseNodeIds(std::string_view node_ids);

/// Reads `path` as `options` say. Throws sdk::Error "PATH:LINE: reason" for a
/// file that cannot be read, holds a NUL byte, is malformed, names an
/// undeclared node, declares a node twice, or has no nodes or no edges.
ParsedGraph ReadGraphFile(const std::string& path, const ReadOptions& options);

/// The same for a file's whole `text` already in memory; `path` names it in
/// messages.
ParsedGraph ParseGraphText(const std::string& path, const std::string& text,
                           const ReadOptions& options);

// The readers, one per format (text_readers.cpp, boost_readers.cpp). `text`
// is the whole file.
ParsedGraph ReadEdgeList(const std::string& path, std::string_view text, int64_t n,
                         NodeIds node_ids);
ParsedGraph ReadMatrix(const std::string& path, std::string_view text);
ParsedGraph ReadDot(const std::string& path, const std::string& text);
ParsedGraph ReadGraphml(const std::string& path, const std::string& text);

}  // namespace geneft::graph
