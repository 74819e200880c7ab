// theory(): the predictions `geneft theory` prints, by the same function.
#include "bindings.h"
#include "cli/theory_predict.h"

#include <pybind11/stl.h>

namespace geneft::python {
namespace {

// {"scalars": [(name, value)], "texts": [(name, text)],
//  "series": [{"name", "x", "y", "err"}]}, in the order analyzers gave them.
py::dict Theory(const std::string& study_file, const std::string& relation,
                const std::vector<std::string>& sets, const std::vector<std::string>& plugin_path,
                bool trust_study_plugins) {
  cli::TheoryRequest request;
  request.study_file = study_file;
  request.relation = relation;
  request.sets = sets;
  request.plugin_sources = PluginSources{Paths(plugin_path), trust_study_plugins};
  AnalysisResults results;
  cli::PluginMessages messages;
  cli::ExitCode code = cli::kExitOk;
  std::string err;
  bool ok = false;
  {
    py::gil_scoped_release unlocked;  // Monte Carlo bounds may take a while
    ok = cli::PredictTheory(request, &results, &messages, &code, &err);
  }
  Warn(messages.warnings);
  if (!ok) Raise(code, err);
  py::list series;
  for (const SeriesResult& s : results.series) {
    py::dict d;
    d["name"] = s.name;
    d["x"] = s.x;
    d["y"] = s.y;
    d["err"] = s.err;
    series.append(d);
  }
  py::dict out;
  out["scalars"] = results.scalars;
  out["texts"] = results.texts;
  out["series"] = series;
  return out;
}

}  // namespace

void DefineTheory(py::module_& m) {
  m.def("theory", &Theory, py::arg("study_file"), py::arg("relation"), py::arg("sets"),
        py::arg("plugin_path"), py::arg("trust_study_plugins"),
        "The predictions of `geneft theory STUDY` (study_file) or `geneft theory --relation "
        "ID --set KEY=VALUE...` (relation, sets).");
}

}  // namespace geneft::python
