// The two plain-text formats: edge lists and dense 0/1 matrices.
//
// Edge list, one statement per line; fields are separated by blanks, tabs or
// commas; `#` starts a comment; blank lines are skipped:
//
//   nodes: a b c      optional, before the first edge, may repeat: declares
//                     the elements in order; edges may then use only these
//   a b               edge a -> b: R(a, b) = 1
//   a b 0             R(a, b) = 0 stated explicitly (an error if an edge or
//                     the closure sets it to 1)
//   c                 a node without edges
//
// Without `nodes:` lines the nodes are the integer indices 0 .. n-1 when the
// plugin's n is given or every field is a plain non-negative integer, and
// otherwise the names in order of first appearance.
//
// Matrix: one row per line, entries 0 or 1 separated by blanks or commas,
// `#` comments; optional `nodes:` lines before the first row name the
// elements, which are otherwise 0 .. n-1.
#include "graph_file.h"

#include <geneft/plugin.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <unordered_map>

namespace geneft::graph {
namespace {

using sdk::Error;

bool IsSeparator(char c) {
  return c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\v' || c == '\f';
}

// Calls on_line(line_number, fields) for every line with at least one field.
// `fields` is reused between calls; its views point into `text`.
template <class OnLine>
void ForEachLine(std::string_view text, OnLine&& on_line) {
  std::vector<std::string_view> fields;
  const char* p = text.data();
  const char* const end = p + text.size();
  uint32_t line = 0;
  while (p < end) {
    ++line;
    const char* eol = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (eol == nullptr) eol = end;
    fields.clear();
    for (const char* q = p; q < eol;) {
      while (q < eol && IsSeparator(*q)) ++q;
      if (q == eol || *q == '#') break;
      const char* start = q;
      while (q < eol && !IsSeparator(*q) && *q != '#') ++q;
      fields.emplace_back(start, static_cast<size_t>(q - start));
    }
    if (!fields.empty()) on_line(line, fields);
    p = eol + 1;
  }
}

std::string Where(const std::string& path, uint32_t line) {
  return path + ":" + std::to_string(line) + ": ";
}

// A plain non-negative decimal integer ("0", "17"; not "017", "+1", "1e3").
bool ParseIndex(std::string_view s, uint64_t* value) {
  if (s.empty() || s.size() > 18 || (s.size() > 1 && s[0] == '0')) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *value);
  return ec == std::errc() && end == s.data() + s.size();
}

struct Declared {
  std::string_view name;
  uint32_t line;
};

// Names from `nodes:` lines -> element numbers; a name declared twice is a
// self-contradicting file.
std::unordered_map<std::string_view, uint32_t> IndexDeclared(const std::string& path,
                                                             const std::vector<Declared>& nodes) {
  if (static_cast<int64_t>(nodes.size()) > GENEFT_MAX_ELEMENTS)
    throw Error(Where(path, nodes[GENEFT_MAX_ELEMENTS].line) + "more than " +
                std::to_string(GENEFT_MAX_ELEMENTS) + " nodes declared");
  std::unordered_map<std::string_view, uint32_t> id;
  id.reserve(nodes.size() * 2);
  for (uint32_t i = 0; i < nodes.size(); ++i) {
    const auto [it, added] = id.emplace(nodes[i].name, i);
    if (!added)
      throw Error(Where(path, nodes[i].line) + "node '" + std::string(nodes[i].name) +
                  "' declared twice (first at line " + std::to_string(nodes[it->second].line) +
                  ")");
  }
  return id;
}

struct RawEdge {
  std::string_view from, to;  // to is empty for a lone node
  uint32_t line;
  bool one;  // label 1 (edge) or 0 (explicit non-edge)
};

// Element numbers for an edge list's fields, by the rules in the file comment.
class NodeResolver {
 public:
  NodeResolver(const std::string& path, const std::vector<Declared>& declared,
               const std::vector<RawEdge>& edges, int64_t n)
      : path_(path) {
    if (!declared.empty()) {
      if (n > 0 && static_cast<size_t>(n) != declared.size())
        throw Error(Where(path, declared.front().line) + "the nodes: lines declare " +
                    std::to_string(declared.size()) + " nodes but n = " + std::to_string(n));
      mode_ = Mode::kDeclared;
      id_ = IndexDeclared(path, declared);
      for (const Declared& d : declared) names_.emplace_back(d.name);
      return;
    }
    uint64_t largest = 0;
    bool all_indices = true;
    for (const RawEdge& e : edges) {
      for (std::string_view s : {e.from, e.to}) {
        uint64_t v = 0;
        if (s.empty()) continue;
        if (!ParseIndex(s, &v)) {
          if (n > 0)
            throw Error(Where(path, e.line) + "unknown node '" + std::string(s) +
                        "': with n = " + std::to_string(n) +
                        " the nodes are the integer indices 0 .. " + std::to_string(n - 1));
          all_indices = false;
          break;
        }
        if (n > 0 && v >= static_cast<uint64_t>(n))
          throw Error(Where(path, e.line) + "unknown node " + std::string(s) + ": n = " +
                      std::to_string(n) + " allows the indices 0 .. " + std::to_string(n - 1));
        if (v >= static_cast<uint64_t>(GENEFT_MAX_ELEMENTS))
          throw Error(Where(path, e.line) + "node index " + std::string(s) + " exceeds the " +
                      std::to_string(GENEFT_MAX_ELEMENTS) + " nodes a graph may have");
        largest = std::max(largest, v);
      }
      if (!all_indices) break;
    }
    if (all_indices) {
      mode_ = Mode::kIndices;
      const uint64_t count = n > 0 ? static_cast<uint64_t>(n) : (edges.empty() ? 0 : largest + 1);
      for (uint64_t i = 0; i < count; ++i) names_.push_back(std::to_string(i));
    } else {
      mode_ = Mode::kFirstAppearance;
      id_.reserve(1024);
    }
  }

  uint32_t Resolve(std::string_view s, uint32_t line) {
    if (mode_ == Mode::kIndices) {
      uint64_t v = 0;
      ParseIndex(s, &v);  // checked in the constructor
      return static_cast<uint32_t>(v);
    }
    const auto it = id_.find(s);
    if (it != id_.end()) return it->second;
    if (mode_ == Mode::kDeclared)
      throw Error(Where(path_, line) + "unknown node '" + std::string(s) +
                  "': not declared in a nodes: line");
    if (static_cast<int64_t>(names_.size()) >= GENEFT_MAX_ELEMENTS)
      throw Error(Where(path_, line) + "more than " + std::to_string(GENEFT_MAX_ELEMENTS) +
                  " nodes");
    const uint32_t id = static_cast<uint32_t>(names_.size());
    id_.emplace(s, id);
    names_.emplace_back(s);
    return id;
  }

  std::vector<std::string> TakeNames() { return std::move(names_); }

 private:
  enum class Mode { kDeclared, kIndices, kFirstAppearance };
  const std::string& path_;
  Mode mode_ = Mode::kFirstAppearance;
  std::unordered_map<std::string_view, uint32_t> id_;
  std::vector<std::string> names_;
};

bool IsNodesKeyword(std::string_view field) { return field == "nodes:"; }

}  // namespace

ParsedGraph ReadEdgeList(const std::string& path, std::string_view text, int64_t n) {
  std::vector<Declared> declared;
  std::vector<RawEdge> raw;
  raw.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  ForEachLine(text, [&](uint32_t line, const std::vector<std::string_view>& f) {
    if (IsNodesKeyword(f[0])) {
      if (!raw.empty())
        throw Error(Where(path, line) + "nodes: line after the first edge (line " +
                    std::to_string(raw.front().line) + "); declare all nodes first");
      for (size_t i = 1; i < f.size(); ++i) declared.push_back({f[i], line});
      return;
    }
    if (f.size() > 3)
      throw Error(Where(path, line) + std::to_string(f.size()) +
                  " fields: expected 'source target [0|1]' or a lone node");
    bool one = true;
    if (f.size() == 3) {
      if (f[2] != "0" && f[2] != "1")
        throw Error(Where(path, line) + "label '" + std::string(f[2]) + "' must be 0 or 1");
      one = f[2] == "1";
    }
    raw.push_back({f[0], f.size() >= 2 ? f[1] : std::string_view(), line, one});
  });

  NodeResolver nodes(path, declared, raw, n);
  ParsedGraph graph;
  graph.edges.reserve(raw.size());
  for (const RawEdge& e : raw) {
    const uint32_t from = nodes.Resolve(e.from, e.line);
    if (e.to.empty()) continue;  // a lone node
    const uint32_t to = nodes.Resolve(e.to, e.line);
    (e.one ? graph.edges : graph.non_edges).push_back({from, to, e.line});
  }
  graph.names = nodes.TakeNames();
  return graph;
}

ParsedGraph ReadMatrix(const std::string& path, std::string_view text) {
  std::vector<Declared> declared;
  std::vector<uint8_t> cells;
  std::vector<uint32_t> row_line;
  size_t columns = 0;
  ForEachLine(text, [&](uint32_t line, const std::vector<std::string_view>& f) {
    if (IsNodesKeyword(f[0])) {
      if (!row_line.empty())
        throw Error(Where(path, line) + "nodes: line after the first matrix row (line " +
                    std::to_string(row_line.front()) + ")");
      for (size_t i = 1; i < f.size(); ++i) declared.push_back({f[i], line});
      return;
    }
    if (row_line.empty()) {
      columns = f.size();
      if (static_cast<int64_t>(columns) > GENEFT_MAX_ELEMENTS)
        throw Error(Where(path, line) + std::to_string(columns) + " columns: more than " +
                    std::to_string(GENEFT_MAX_ELEMENTS) + " nodes");
    } else if (f.size() != columns) {
      throw Error(Where(path, line) + "row " + std::to_string(row_line.size() + 1) + " has " +
                  std::to_string(f.size()) + " entries, row 1 has " + std::to_string(columns));
    }
    if (row_line.size() == columns)
      throw Error(Where(path, line) + "more rows than the " + std::to_string(columns) +
                  " columns: the matrix is not square");
    for (std::string_view s : f) {
      if (s != "0" && s != "1")
        throw Error(Where(path, line) + "entry '" + std::string(s) + "' is not 0 or 1");
      cells.push_back(s[0] == '1' ? 1 : 0);
    }
    row_line.push_back(line);
  });

  const size_t n = row_line.size();
  if (n != columns)
    throw Error(Where(path, row_line.back()) + "the matrix has " + std::to_string(n) +
                " rows of " + std::to_string(columns) + " entries: not square");
  ParsedGraph graph;
  if (!declared.empty()) {
    if (declared.size() != n)
      throw Error(Where(path, declared.front().line) + "the nodes: lines declare " +
                  std::to_string(declared.size()) + " names for a " + std::to_string(n) + " x " +
                  std::to_string(n) + " matrix");
    IndexDeclared(path, declared);  // rejects a name declared twice
    for (const Declared& d : declared) graph.names.emplace_back(d.name);
  } else {
    for (size_t i = 0; i < n; ++i) graph.names.push_back(std::to_string(i));
  }
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j)
      if (cells[i * n + j])
        graph.edges.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(j), row_line[i]});
  return graph;
}

}  // namespace geneft::graph
