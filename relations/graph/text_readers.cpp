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
// plugin's n is given or every field is a plain non-negative integer, and the
// names in order of first appearance when no field is; a file mixing the two
// is refused unless node_ids says which to read (one stray token must not
// renumber every node). A first line of column names ("source,target",
// "from to label") or of names above a file of indices is a header row, not
// an edge.
//
// Matrix: one row per line, entries 0 or 1 separated by blanks or commas,
// `#` comments; optional `nodes:` lines before the first row name the
// elements, which are otherwise 0 .. n-1.
#include "graph_file.h"

#include <geneft/plugin.hpp>

#include <algorithm>
#include <cctype>
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

// Only 0 and 1 can be labels; a row of them longer than an edge line is a
// matrix row.
bool IsLabel(std::string_view s) { return s == "0" || s == "1"; }

// One edge-list line: "a b", "a b 0|1" or a lone node "a".
RawEdge ParseEdgeLine(const std::string& path, uint32_t line,
                      const std::vector<std::string_view>& f) {
  if (f.size() > 3) {
    const bool matrix_row = std::all_of(f.begin(), f.end(), IsLabel);
    throw Error(Where(path, line) + std::to_string(f.size()) +
                " fields: expected 'source target [0|1]' or a lone node" +
                (matrix_row ? "; the file looks like a 0/1 matrix: set format = \"matrix\"" : ""));
  }
  if (f.size() == 3 && !IsLabel(f[2]))
    throw Error(Where(path, line) + "label '" + std::string(f[2]) + "' must be 0 or 1");
  return {f[0], f.size() >= 2 ? f[1] : std::string_view(), line, f.size() < 3 || f[2] == "1"};
}

bool IsColumnPair(std::string_view first, std::string_view second) {
  static const std::pair<std::string_view, std::string_view> kPairs[] = {
      {"source", "target"}, {"src", "dst"},     {"from", "to"},       {"tail", "head"},
      {"node1", "node2"},   {"parent", "child"}, {"child", "parent"}, {"source", "destination"}};
  const auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  const std::string a = lower(first), b = lower(second);
  return std::any_of(std::begin(kPairs), std::end(kPairs),
                     [&](const auto& p) { return a == p.first && b == p.second; });
}

// Whether the file's first line `f` is a header row above the edges `rest`:
// known column names that no edge below uses as a node, or, unless every
// field is a name, names above nothing but indices.
bool IsHeaderRow(const std::vector<std::string_view>& f, const std::vector<RawEdge>& rest,
                 NodeIds node_ids) {
  if (f.size() < 2 || f.size() > 3 || (f.size() == 3 && IsLabel(f[2]))) return false;
  const auto uses = [&](std::string_view name) {
    return std::any_of(rest.begin(), rest.end(),
                       [&](const RawEdge& e) { return e.from == name || e.to == name; });
  };
  if (IsColumnPair(f[0], f[1])) return !uses(f[0]) && !uses(f[1]);
  if (node_ids == NodeIds::kNames || rest.empty()) return false;
  uint64_t v = 0;
  if (ParseIndex(f[0], &v) || ParseIndex(f[1], &v)) return false;
  return std::all_of(rest.begin(), rest.end(), [&](const RawEdge& e) {
    return ParseIndex(e.from, &v) && (e.to.empty() || ParseIndex(e.to, &v));
  });
}

// Element numbers for an edge list's fields, by the rules in the file comment.
class NodeResolver {
 public:
  NodeResolver(const std::string& path, const std::vector<Declared>& declared,
               const std::vector<RawEdge>& edges, int64_t n, NodeIds node_ids)
      : path_(path) {
    if (!declared.empty()) {
      if (n > 0 && static_cast<size_t>(n) != declared.size())
        throw Error(Where(path, declared.front().line) + "the nodes: lines declare " +
                    std::to_string(declared.size()) + " nodes but n = " + std::to_string(n));
      if (node_ids == NodeIds::kIndices)
        throw Error(Where(path, declared.front().line) +
                    "nodes: lines name the nodes, but node_ids = \"indices\"");
      mode_ = Mode::kDeclared;
      id_ = IndexDeclared(path, declared);
      for (const Declared& d : declared) names_.emplace_back(d.name);
      return;
    }
    if (n > 0 || node_ids == NodeIds::kIndices || (node_ids == NodeIds::kAuto && AllIndices(edges))) {
      mode_ = Mode::kIndices;
      const uint64_t largest = LargestIndex(edges, n);  // checks every field
      const uint64_t count = n > 0 ? static_cast<uint64_t>(n) : edges.empty() ? 0 : largest + 1;
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

  // Whether every field is an index; throws where indices and names mix,
  // naming the first field of the rarer kind.
  bool AllIndices(const std::vector<RawEdge>& edges) const {
    struct Kind {
      size_t count = 0;
      std::string_view first;
      uint32_t line = 0;
    } index, name;
    for (const RawEdge& e : edges)
      for (std::string_view s : {e.from, e.to}) {
        uint64_t v = 0;
        if (s.empty()) continue;
        Kind& kind = ParseIndex(s, &v) ? index : name;
        if (kind.count++ == 0) kind.first = s, kind.line = e.line;
      }
    if (name.count == 0 || index.count == 0) return name.count == 0;
    const char* hint = "set node_ids = \"names\" to read every field as a name";
    if (name.count <= index.count)
      throw Error(Where(path_, name.line) + "node '" + std::string(name.first) +
                  "' is not an integer index, but the file's other nodes are (first at line " +
                  std::to_string(index.line) + "): correct it, or " + hint);
    throw Error(Where(path_, index.line) + "node '" + std::string(index.first) +
                "' is an integer index among named nodes (first at line " +
                std::to_string(name.line) + "): " + hint);
  }

  // The largest index any field names; throws for a field that is not an
  // index or is out of range.
  uint64_t LargestIndex(const std::vector<RawEdge>& edges, int64_t n) const {
    uint64_t largest = 0;
    for (const RawEdge& e : edges)
      for (std::string_view s : {e.from, e.to}) {
        uint64_t v = 0;
        if (s.empty()) continue;
        if (!ParseIndex(s, &v))
          throw Error(Where(path_, e.line) + "unknown node '" + std::string(s) + "': " +
                      (n > 0 ? "with n = " + std::to_string(n) +
                                   " the nodes are the integer indices 0 .. " +
                                   std::to_string(n - 1)
                             : std::string("node_ids = \"indices\" reads every field as an "
                                           "integer index 0, 1, ...")));
        if (n > 0 && v >= static_cast<uint64_t>(n))
          throw Error(Where(path_, e.line) + "unknown node " + std::string(s) + ": n = " +
                      std::to_string(n) + " allows the indices 0 .. " + std::to_string(n - 1));
        if (v >= static_cast<uint64_t>(GENEFT_MAX_ELEMENTS))
          throw Error(Where(path_, e.line) + "node index " + std::string(s) + " exceeds the " +
                      std::to_string(GENEFT_MAX_ELEMENTS) + " nodes a graph may have");
        largest = std::max(largest, v);
      }
    return largest;
  }

  const std::string& path_;
  Mode mode_ = Mode::kFirstAppearance;
  std::unordered_map<std::string_view, uint32_t> id_;
  std::vector<std::string> names_;
};

bool IsNodesKeyword(std::string_view field) { return field == "nodes:"; }

}  // namespace

ParsedGraph ReadEdgeList(const std::string& path, std::string_view text, int64_t n,
                         NodeIds node_ids) {
  std::vector<Declared> declared;
  std::vector<RawEdge> raw;
  raw.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  // The file's first line, held back until the rest shows whether it is a
  // header row.
  std::vector<std::string_view> first;
  uint32_t first_line = 0;
  ForEachLine(text, [&](uint32_t line, const std::vector<std::string_view>& f) {
    if (IsNodesKeyword(f[0])) {
      if (first_line > 0 || !raw.empty())
        throw Error(Where(path, line) + "nodes: line after the first edge (line " +
                    std::to_string(first_line > 0 ? first_line : raw.front().line) +
                    "); declare all nodes first");
      for (size_t i = 1; i < f.size(); ++i) declared.push_back({f[i], line});
      return;
    }
    if (declared.empty() && raw.empty() && first_line == 0 && (f.size() == 2 || f.size() == 3)) {
      first = f;
      first_line = line;
      return;
    }
    raw.push_back(ParseEdgeLine(path, line, f));
  });

  ParsedGraph graph;
  if (first_line > 0) {
    if (IsHeaderRow(first, raw, node_ids))
      graph.header_line = first_line;
    else
      raw.insert(raw.begin(), ParseEdgeLine(path, first_line, first));
  }
  NodeResolver nodes(path, declared, raw, n, node_ids);
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
