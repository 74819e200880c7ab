#include "store/provenance.h"

#include "util/hashing.h"

#include <ctime>
#include <fstream>
#include <iterator>
#include <set>

namespace geneft {
namespace {

// 16 hex digits of the file's bytes, or "unreadable".
std::string FileHash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "unreadable";
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return Hex64(Fnv1a64(bytes));
}

}  // namespace

std::string UtcNow() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

StoredPlugin CurrentProvenance(const PluginRegistry& registry, PluginKind kind,
                               const std::string& id, const std::string& params) {
  StoredPlugin row{PluginKindName(kind), id, "unknown", "unknown", params, GENEFT_VERSION, UtcNow()};
  if (const PluginInfo* info = registry.Find(kind, id)) {
    row.version = info->version;
    row.library_hash = FileHash(info->file());
  }
  return row;
}

std::vector<StoredPlugin> StudyProvenance(const PreparedStudy& study) {
  std::set<std::string> relations, modes;
  for (const RunSpec& run : study.runs) {
    relations.insert(run.config.relation.id);
    modes.insert(run.config.decoder_mode.id);
  }
  std::vector<StoredPlugin> rows;
  for (const std::string& id : relations)
    rows.push_back(CurrentProvenance(study.registry, PluginKind::kRelation, id, ""));
  for (const std::string& id : modes)
    rows.push_back(CurrentProvenance(study.registry, PluginKind::kDecoderMode, id, ""));
  for (const PluginChoice& a : study.config.analyzers)
    rows.push_back(CurrentProvenance(study.registry, PluginKind::kAnalyzer, a.id,
                                     AnalyzerParamsText(a)));
  return rows;
}

std::string ProvenanceText(const StoredPlugin& row) {
  return row.id + " " + row.version + " (library " + row.library_hash + ")";
}

std::vector<std::string> AnalyzersNoLongerNamed(const std::vector<StoredPlugin>& stored,
                                                const std::string& definition) {
  std::set<std::string> named;
  for (const auto& [id, params] : AnalyzersInDefinition(definition)) named.insert(id);
  std::vector<std::string> out;
  for (const StoredPlugin& p : stored)
    if (p.kind == "analyzer" && named.count(p.id) == 0) out.push_back(p.id);
  return out;
}

std::string KeptResultsNote(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out.empty() ? "" : "results of analyzers the study no longer names are kept: " + out;
}

}  // namespace geneft
