#include "graph_file.h"

#include <geneft/common/names.h>
#include <geneft/plugin.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace geneft::graph {
namespace {

using sdk::Error;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The whole file in one read: the edge-list reader then scans memory.
std::string Slurp(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error("unable to open graph file [" + path + "]: is a directory");
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw Error("unable to open graph file [" + path + "]: " + std::strerror(errno));
  std::string text;
  char buf[1 << 16];
  for (size_t got; (got = std::fread(buf, 1, sizeof buf, file.get())) > 0;) text.append(buf, got);
  if (std::ferror(file.get()))
    throw Error("unable to read graph file [" + path + "]: " + std::strerror(errno));
  return text;
}

// The 1-based line holding text[at].
uint32_t LineOf(std::string_view text, size_t at) {
  return 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + at, '\n'));
}

}  // namespace

Format ResolveFormat(std::string_view format, const std::string& path) {
  if (format == "edges") return Format::kEdgeList;
  if (format == "dot") return Format::kDot;
  if (format == "graphml") return Format::kGraphml;
  if (format == "matrix") return Format::kMatrix;
  if (format != "auto")
    throw Error(UnknownName("format", format, {"auto", "edges", "dot", "graphml", "matrix"}));
  const std::string ext = Lower(std::filesystem::path(path).extension().string());
  if (ext == ".txt" || ext == ".edges" || ext == ".csv" || ext == ".tsv" || ext == ".el")
    return Format::kEdgeList;
  if (ext == ".dot" || ext == ".gv") return Format::kDot;
  if (ext == ".graphml") return Format::kGraphml;
  if (ext == ".matrix" || ext == ".mat") return Format::kMatrix;
  throw Error("graph file [" + path + "]: format = \"auto\" does not know the extension '" + ext +
              "'; set format to \"edges\", \"dot\", \"graphml\" or \"matrix\"");
}

NodeIds ParseNodeIds(std::string_view node_ids) {
  if (node_ids == "auto") return NodeIds::kAuto;
  if (node_ids == "indices") return NodeIds::kIndices;
  if (node_ids == "names") return NodeIds::kNames;
  throw Error("node_ids = \"" + std::string(node_ids) +
              "\": must be \"auto\", \"indices\" or \"names\"");
}

void ReadOptions::Validate() const {
  if (n < 0 || n > GENEFT_MAX_ELEMENTS)
    throw Error("n = " + std::to_string(n) + ": must be >= 0 and <= " + std::to_string(GENEFT_MAX_ELEMENTS));
  if (n > 0 && node_ids == NodeIds::kNames)
    throw Error("n = " + std::to_string(n) +
                " makes the nodes indices, but node_ids = \"names\": set n = 0 or "
                "node_ids = \"indices\"");
}

ParsedGraph ReadGraphFile(const std::string& path, const ReadOptions& options) {
  if (path.empty()) throw Error("file = \"\": the graph file must be given");
  return ParseGraphText(path, Slurp(path), options);
}

ParsedGraph ParseGraphText(const std::string& path, const std::string& text,
                           const ReadOptions& options) {
  options.Validate();
  // A NUL would end a name early in C strings and hide the rest of a line:
  // no text format of ours has one.
  if (const size_t nul = text.find('\0'); nul != std::string::npos)
    throw Error(path + ":" + std::to_string(LineOf(text, nul)) +
                ": NUL byte in a graph file (a binary file, or UTF-16 text?)");
  ParsedGraph graph;
  switch (options.format) {
    case Format::kEdgeList: graph = ReadEdgeList(path, text, options.n, options.node_ids); break;
    case Format::kMatrix: graph = ReadMatrix(path, text); break;
    case Format::kDot: graph = ReadDot(path, text); break;
    case Format::kGraphml: graph = ReadGraphml(path, text); break;
  }
  size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  if (!text.empty() && text.back() != '\n') ++lines;
  graph.last_line = static_cast<uint32_t>(std::max<size_t>(1, lines));
  const std::string where = path + ":" + std::to_string(graph.last_line) + ": ";
  if (graph.names.empty() && graph.header_line > 0)
    throw Error(path + ":" + std::to_string(graph.header_line) +
                ": empty graph: the file has only a header row");
  if (graph.names.empty()) throw Error(where + "empty graph: the file declares no nodes");
  if (graph.names.size() > GENEFT_MAX_ELEMENTS)  // the text readers stop sooner, at the line
    throw Error(where + std::to_string(graph.names.size()) + " nodes: more than the " +
                std::to_string(GENEFT_MAX_ELEMENTS) + " a graph may have");
  if (graph.edges.empty()) throw Error(where + "empty graph: the file has no edges");
  return graph;
}

}  // namespace geneft::graph
