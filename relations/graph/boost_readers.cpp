// GraphViz DOT and GraphML through Boost.Graph's readers.
//
// DOT: nodes are named by their DOT ids, in the order Boost's reader creates
// them (sorted by id); an edge names its nodes implicitly, as DOT allows.
// A `graph` (undirected) file gives undirected edges, a `digraph` directed.
//
// GraphML: Boost's reader checks the XML and the edge directions, but it
// neither reports node ids nor refuses an edge to an undeclared node, nor a
// node declared twice. A small scan of the <node>/<edge> tags supplies the
// ids (the element names, in document order, which is the order Boost creates
// vertices in) and those two checks with line numbers.
#include "graph_file.h"

#include <geneft/plugin.hpp>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <sstream>
#include <unordered_map>

namespace geneft::graph {
namespace {

using sdk::Error;

// ----- DOT -----

template <class Directedness>
ParsedGraph ReadDotAs(const std::string& text) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, Directedness,
                                      boost::property<boost::vertex_name_t, std::string>>;
  Graph g;
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("node_id", boost::get(boost::vertex_name, g));
  boost::read_graphviz(text, g, dp, "node_id");
  ParsedGraph graph;
  for (auto v : boost::make_iterator_range(boost::vertices(g)))
    graph.names.push_back(boost::get(boost::vertex_name, g, v));
  for (auto e : boost::make_iterator_range(boost::edges(g)))
    graph.edges.push_back({static_cast<uint32_t>(boost::source(e, g)),
                           static_cast<uint32_t>(boost::target(e, g)), 0});
  return graph;
}

// ----- GraphML -----

// Collects what Boost's GraphML reader builds: vertices are numbered in
// creation order, edges kept as pairs; data keys are ignored.
class GraphmlCollector : public boost::mutate_graph {
 public:
  explicit GraphmlCollector(bool directed) : directed_(directed) {}

  bool is_directed() const override { return directed_; }
  boost::any do_add_vertex() override { return boost::any(vertices_++); }
  std::pair<boost::any, bool> do_add_edge(boost::any source, boost::any target) override {
    edges_.emplace_back(boost::any_cast<uint32_t>(source), boost::any_cast<uint32_t>(target));
    return {boost::any(edges_.size() - 1), true};
  }
  void set_graph_property(const std::string&, const std::string&, const std::string&) override {}
  void set_vertex_property(const std::string&, boost::any, const std::string&,
                           const std::string&) override {}
  void set_edge_property(const std::string&, boost::any, const std::string&,
                         const std::string&) override {}

  uint32_t vertices() const { return vertices_; }
  const std::vector<std::pair<uint32_t, uint32_t>>& edges() const { return edges_; }

 private:
  bool directed_;
  uint32_t vertices_ = 0;
  std::vector<std::pair<uint32_t, uint32_t>> edges_;
};

// One <node>, <edge>, <graph> or <hyperedge> start tag found by the scan.
struct Tag {
  std::string kind;  // "node", "edge", "graph", "hyperedge"
  uint32_t line;
  std::unordered_map<std::string, std::string> attributes;
};

std::string DecodeEntities(std::string_view s) {
  static const std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&')
      for (const auto& [entity, c] : kEntities)
        if (s.substr(i, entity.size()) == entity) {
          out += c;
          i += entity.size();
          replaced = true;
          break;
        }
    if (!replaced) out += s[i++];
  }
  return out;
}

std::string Where(const std::string& path, uint32_t line) {
  return path + ":" + std::to_string(line) + ": ";
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '_' || c == '-' ||
         c == '.';
}

// name="value" pairs of a start tag's inside (after its name); stops at the
// first malformed one, which Boost's reader then reports.
std::unordered_map<std::string, std::string> ParseAttributes(std::string_view inside) {
  std::unordered_map<std::string, std::string> attributes;
  size_t j = 0;
  while (j < inside.size()) {
    if (std::isspace(static_cast<unsigned char>(inside[j])) || inside[j] == '/') { ++j; continue; }
    const size_t eq = inside.find('=', j);
    if (eq == std::string_view::npos) break;
    std::string key(inside.substr(j, eq - j));
    key.erase(std::remove_if(key.begin(), key.end(),
                             [](unsigned char c) { return std::isspace(c); }),
              key.end());
    size_t q = eq + 1;
    while (q < inside.size() && std::isspace(static_cast<unsigned char>(inside[q]))) ++q;
    if (q >= inside.size() || (inside[q] != '"' && inside[q] != '\'')) break;
    const size_t close = inside.find(inside[q], q + 1);
    if (close == std::string_view::npos) break;
    attributes[key] = DecodeEntities(inside.substr(q + 1, close - q - 1));
    j = close + 1;
  }
  return attributes;
}

// The start tags of nodes, edges, graphs and hyperedges with their
// attributes, skipping comments, CDATA, processing instructions and
// declarations. Also checks the nesting Boost's reader lets pass: each end
// tag must close the element opened last, and every element must be closed.
// Other malformed XML is left to Boost's reader, which runs after this scan.
std::vector<Tag> ScanGraphmlTags(const std::string& path, std::string_view text) {
  std::vector<Tag> tags;
  struct Open {
    std::string name;
    uint32_t line;
  };
  std::vector<Open> open;
  uint32_t line = 1;
  size_t i = 0;
  auto advance_to = [&](size_t to) {
    to = std::min(to, text.size());
    line += static_cast<uint32_t>(std::count(text.begin() + i, text.begin() + to, '\n'));
    i = to;
  };
  auto skip_past = [&](std::string_view close) {
    const size_t at = text.find(close, i);
    advance_to(at == std::string_view::npos ? text.size() : at + close.size());
  };
  while (i < text.size()) {
    const size_t lt = text.find('<', i);
    if (lt == std::string_view::npos) break;
    advance_to(lt);
    const std::string_view rest = text.substr(i);
    if (rest.starts_with("<!--")) { skip_past("-->"); continue; }
    if (rest.starts_with("<![CDATA[")) { skip_past("]]>"); continue; }
    if (rest.starts_with("<?") || rest.starts_with("<!")) { skip_past(">"); continue; }
    const bool end_tag = rest.starts_with("</");
    size_t j = i + (end_tag ? 2 : 1);
    const size_t name_start = j;
    while (j < text.size() && IsNameChar(text[j])) ++j;
    const std::string name(text.substr(name_start, j - name_start));
    // The tag ends at the first '>' outside a quoted attribute value.
    size_t close = j;
    for (char quote = 0; close < text.size() && (quote != 0 || text[close] != '>'); ++close)
      if (quote == 0 && (text[close] == '"' || text[close] == '\''))
        quote = text[close];
      else if (text[close] == quote)
        quote = 0;
    if (name.empty() || close == text.size()) {
      advance_to(j);
      continue;  // not a tag Boost's reader accepts either; it says why
    }
    const uint32_t tag_line = line;
    if (end_tag) {
      if (open.empty())
        throw Error(Where(path, tag_line) + "invalid GraphML: </" + name + "> closes no open element");
      if (open.back().name != name)
        throw Error(Where(path, tag_line) + "invalid GraphML: </" + name + "> does not close <" +
                    open.back().name + "> (line " + std::to_string(open.back().line) + ")");
      open.pop_back();
    } else {
      if (text[close - 1] != '/') open.push_back({name, tag_line});
      std::string kind = name.substr(name.rfind(':') + 1);  // without a namespace prefix
      if (kind == "node" || kind == "edge" || kind == "graph" || kind == "hyperedge")
        tags.push_back({std::move(kind), tag_line, ParseAttributes(text.substr(j, close - j))});
    }
    advance_to(close + 1);
  }
  if (!open.empty()) {
    size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
    if (!text.empty() && text.back() != '\n') ++lines;
    throw Error(Where(path, static_cast<uint32_t>(lines)) + "invalid GraphML: <" +
                open.back().name + "> (line " +
                std::to_string(open.back().line) + ") is never closed");
  }
  return tags;
}

// Node ids in document order, with the unknown-node and duplicate checks.
std::vector<std::string> GraphmlNodeIds(const std::string& path, const std::string& text) {
  const std::vector<Tag> tags = ScanGraphmlTags(path, text);
  std::vector<std::string> ids;
  std::unordered_map<std::string, uint32_t> first_line;
  const Tag* graph_tag = nullptr;
  for (const Tag& tag : tags) {
    if (tag.kind == "hyperedge")
      throw Error(Where(path, tag.line) +
                  "<hyperedge>: hyperedges are not supported; an edge joins two nodes");
    if (tag.kind == "graph") {
      if (graph_tag != nullptr)
        throw Error(Where(path, tag.line) + "a second <graph> (first at line " +
                    std::to_string(graph_tag->line) +
                    "): nested or multiple graphs are not supported");
      graph_tag = &tag;
    } else if (tag.kind == "node") {
      const auto id = tag.attributes.find("id");
      if (id == tag.attributes.end()) throw Error(Where(path, tag.line) + "<node> without an id");
      const auto [it, added] = first_line.emplace(id->second, tag.line);
      if (!added)
        throw Error(Where(path, tag.line) + "node '" + id->second +
                    "' declared twice (first at line " + std::to_string(it->second) + ")");
      ids.push_back(id->second);
    }
  }
  // Boost creates every node before any edge, so an edge may refer to a node
  // declared further down; only an id declared nowhere is unknown.
  for (const Tag& tag : tags) {
    if (tag.kind != "edge") continue;
    for (const char* end : {"source", "target"}) {
      const auto it = tag.attributes.find(end);
      if (it == tag.attributes.end())
        throw Error(Where(path, tag.line) + "<edge> without a " + end);
      if (first_line.count(it->second) == 0)
        throw Error(Where(path, tag.line) + "unknown node '" + it->second + "': the edge's " +
                    end + " is not a declared <node>");
    }
  }
  return ids;
}

ParsedGraph CollectGraphml(const std::string& path, const std::string& text,
                           std::vector<std::string> ids, bool directed) {
  GraphmlCollector collector(directed);
  std::istringstream in(text);
  boost::read_graphml(in, collector, 0);
  ParsedGraph graph;
  graph.names = std::move(ids);
  if (graph.names.size() != collector.vertices())
    throw Error(path + ": GraphML reader created " + std::to_string(collector.vertices()) +
                    " nodes but the file declares " + std::to_string(graph.names.size()),
                GENEFT_ERR_INTERNAL);
  for (const auto& [from, to] : collector.edges()) graph.edges.push_back({from, to, 0});
  graph.undirected = !directed;
  return graph;
}

}  // namespace

ParsedGraph ReadDot(const std::string& path, const std::string& text) {
  try {
    try {
      return ReadDotAs<boost::directedS>(text);
    } catch (const boost::undirected_graph_error&) {
      ParsedGraph graph = ReadDotAs<boost::undirectedS>(text);
      graph.undirected = true;
      return graph;
    }
  } catch (const sdk::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(path + ": invalid DOT: " + e.what());
  }
}

ParsedGraph ReadGraphml(const std::string& path, const std::string& text) {
  // Unknown nodes and duplicates first: they come with line numbers.
  const std::vector<std::string> ids = GraphmlNodeIds(path, text);
  try {
    try {
      return CollectGraphml(path, text, ids, true);
    } catch (const boost::undirected_graph_error&) {
      return CollectGraphml(path, text, ids, false);
    }
  } catch (const boost::directed_graph_error&) {
    throw Error(path + ": the GraphML file mixes directed and undirected edges");
  } catch (const sdk::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(path + ": invalid GraphML: " + e.what());
  }
}

}  // namespace geneft::graph
