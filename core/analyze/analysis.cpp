#include "analyze/analysis.h"

#include "plugin/host.h"

#include <cmath>
#include <cstring>
#include <set>

namespace geneft {
namespace {

// The sink's host_data: where results go, the prefix they get, and the
// names this stage gave so far.
struct SinkTarget {
  AnalysisResults* results;
  std::string prefix;
  std::set<std::string> names;
  const ResultObserver* observer;  // may be empty

  void Added() const {
    if (*observer) (*observer)(*results);
  }
};

bool ValidName(const char* name) {
  if (name == nullptr || *name == '\0') return false;
  for (const char* c = name; *c; ++c)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '.'))
      return false;
  return true;
}

SinkTarget* TargetOf(const geneft_result_sink* sink, const char* name) {
  if (!ValidName(name)) {
    Host()->set_error(Host(), (std::string("result name '") + (name ? name : "(null)") +
                               "' is not made of [a-z0-9_.]")
                                  .c_str());
    return nullptr;
  }
  SinkTarget* target = static_cast<SinkTarget*>(sink->host_data);
  if (!target->names.insert(name).second) {
    Host()->set_error(Host(), (std::string("result name '") + name +
                               "' given twice: each result needs a name of its own")
                                  .c_str());
    return nullptr;
  }
  return target;
}

geneft_status AddScalar(const geneft_result_sink* sink, const char* name, double value) {
  SinkTarget* t = TargetOf(sink, name);
  if (t == nullptr) return GENEFT_ERR_INVALID_ARGUMENT;
  if (!std::isfinite(value))
    t->results->warnings.push_back("analyzer." + t->prefix.substr(0, t->prefix.size() - 1) +
                                   ": result '" + name + "' is " +
                                   (std::isnan(value) ? "nan" : "infinite"));
  t->results->scalars.emplace_back(t->prefix + name, value);
  t->Added();
  return GENEFT_OK;
}

geneft_status AddText(const geneft_result_sink* sink, const char* name, const char* value) {
  SinkTarget* t = TargetOf(sink, name);
  if (t == nullptr) return GENEFT_ERR_INVALID_ARGUMENT;
  t->results->texts.emplace_back(t->prefix + name, value != nullptr ? value : "");
  t->Added();
  return GENEFT_OK;
}

geneft_status AddSeries(const geneft_result_sink* sink, const char* name, const double* x,
                        const double* y, const double* err, size_t count) {
  SinkTarget* t = TargetOf(sink, name);
  if (t == nullptr) return GENEFT_ERR_INVALID_ARGUMENT;
  if (count > 0 && (x == nullptr || y == nullptr)) {
    Host()->set_error(Host(), "add_series: x or y is null");
    return GENEFT_ERR_INVALID_ARGUMENT;
  }
  SeriesResult s;
  s.name = t->prefix + name;
  s.x.assign(x, x + count);
  s.y.assign(y, y + count);
  if (err != nullptr) s.err.assign(err, err + count);
  t->results->series.push_back(std::move(s));
  t->Added();
  return GENEFT_OK;
}

template <class View, class Fn>
bool RunStage(const Analyzer& analyzer, Fn fn, const char* stage, const View& view,
              AnalysisResults* out, std::string* err, const ResultObserver& observer = {}) {
  if (fn == nullptr) return true;
  SinkTarget target{out, analyzer.id() + ".", {}, &observer};
  const geneft_result_sink sink{sizeof(geneft_result_sink), &target, &AddScalar, &AddText,
                                &AddSeries};
  ClearPluginError();
  const geneft_status status = fn(analyzer.abi(), &view, &sink);
  if (status == GENEFT_OK) return true;
  if (status == GENEFT_ERR_NOT_AVAILABLE) {
    const std::string why = TakePluginError("no answer for this input");
    out->notes.push_back("analyzer." + analyzer.id() + ": " + stage + ": not available: " + why);
    out->texts.emplace_back(analyzer.id() + ".not_available", why);
    return true;
  }
  *err = "analyzer." + analyzer.id() + ": " + stage + " failed (" + StatusName(status) +
         "): " + TakePluginError("no message");
  return false;
}

}  // namespace

double AnalysisResults::Scalar(const std::string& name) const {
  for (const auto& [key, value] : scalars)
    if (key == name) return value;
  return std::nan("");
}

const std::string* AnalysisResults::Text(const std::string& name) const {
  for (const auto& [key, value] : texts)
    if (key == name) return &value;
  return nullptr;
}

const SeriesResult* AnalysisResults::Series(const std::string& name) const {
  for (const SeriesResult& s : series)
    if (s.name == name) return &s;
  return nullptr;
}

// Every view reaches the analyzer with the host in it (ABI 1.2), whoever
// built it: the run, theory and analyze commands, MPI workers, the Python
// module.
bool AnalyzeRelation(const Analyzer& analyzer, const geneft_relation_view& view,
                     AnalysisResults* out, std::string* err, const ResultObserver& observer) {
  geneft_relation_view with_host = view;
  with_host.host = Host();
  return RunStage(analyzer, analyzer.abi()->analyze_relation, "analyze_relation", with_host, out,
                  err, observer);
}

bool AnalyzeRun(const Analyzer& analyzer, const geneft_run_view& view, AnalysisResults* out,
                std::string* err) {
  geneft_run_view with_host = view;
  with_host.host = Host();
  geneft_relation_view relation{};
  if (view.relation != nullptr) {
    relation = *view.relation;
    relation.host = Host();
    with_host.relation = &relation;
  }
  return RunStage(analyzer, analyzer.abi()->analyze_run, "analyze_run", with_host, out, err);
}

bool AnalyzeStudy(const Analyzer& analyzer, const geneft_study_view& view,
                  AnalysisResults* out, std::string* err) {
  geneft_study_view with_host = view;
  with_host.host = Host();
  return RunStage(analyzer, analyzer.abi()->analyze_study, "analyze_study", with_host, out, err);
}

std::string AnalyzerFailuresIn(const std::string& reason) {
  // RunStage's message: "analyzer.<id>: <stage> failed (...".
  const size_t stage = reason.find(": analyze_run failed (");
  if (stage == std::string::npos) return "";
  const size_t start = reason.rfind("analyzer.", stage);
  return start == std::string::npos ? "" : reason.substr(start);
}

std::string WithAnalyzerFailure(const std::string& reason, const std::string& id,
                                const std::string& failure) {
  // Parts are "; "-separated; an analyzer's part starts "analyzer.<id>: ",
  // and a part that starts otherwise continues the part before it.
  std::vector<std::string> parts;
  for (size_t start = 0; start <= reason.size();) {
    size_t end = reason.find("; ", start);
    if (end == std::string::npos) end = reason.size();
    const std::string piece = reason.substr(start, end - start);
    if (parts.empty() || piece.rfind("analyzer.", 0) == 0) parts.push_back(piece);
    else parts.back() += "; " + piece;
    start = end + 2;
  }
  std::string out;
  for (const std::string& part : parts)
    if (!part.empty() && part.rfind("analyzer." + id + ": ", 0) != 0)
      out += (out.empty() ? "" : "; ") + part;
  if (!failure.empty()) out += (out.empty() ? "" : "; ") + failure;
  return out;
}

}  // namespace geneft
