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

ParsedGraph ReadGraphFile(const std::string& path, Format format, int64_t n) {
  if (path.empty()) throw Error("file = \"\": the graph file must be given");
  const std::string text = Slurp(path);
  ParsedGraph graph;
  switch (format) {
    case Format::kEdgeList: graph = ReadEdgeList(path, text, n); break;
    case Format::kMatrix: graph = ReadMatrix(path, text); break;
    case Format::kDot: graph = ReadDot(path, text); break;
    case Format::kGraphml: graph = ReadGraphml(path, text); break;
  }
  size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  if (!text.empty() && text.back() != '\n') ++lines;
  graph.last_line = static_cast<uint32_t>(std::max<size_t>(1, lines));
  const std::string where = path + ":" + std::to_string(graph.last_line) + ": ";
  if (graph.names.empty()) throw Error(where + "empty graph: the file declares no nodes");
  if (graph.names.size() > GENEFT_MAX_ELEMENTS)  // the text readers stop sooner, at the line
    throw Error(where + std::to_string(graph.names.size()) + " nodes: more than the " +
                std::to_string(GENEFT_MAX_ELEMENTS) + " a graph may have");
  if (graph.edges.empty()) throw Error(where + "empty graph: the file has no edges");
  return graph;
}

}  // namespace geneft::graph
