// run_study(): `geneft run` from Python, through the same preparation, store
// and runner. The study runs on a thread of its own, the GIL released; the
// calling thread waits, hands progress to a Python callable and checks for
// signals: Ctrl-C sets the runner's stop flag as `geneft run`'s handler does
// (the runs in flight are cancelled and never stored half-done, every run
// finished before is kept), then KeyboardInterrupt is raised.
#include "bindings.h"
#include "run/study_session.h"

#include <pybind11/stl.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace geneft::python {
namespace {

// What the runner's thread tells the waiting one.
struct RunnerState {
  std::mutex mutex;
  std::condition_variable changed;
  size_t done = 0, failed = 0, total = 0;
  bool progressed = false;  ///< counts changed since the waiting thread last looked
  bool finished = false;
};

// Loads (a file) or parses (TOML text) the study and prepares it; raises as
// `geneft run` would fail.
void Prepare(const std::string& study_file, const std::string& study_text,
             const std::string& study_name, const std::vector<std::string>& plugin_path,
             bool trust_study_plugins, PreparedStudy* study) {
  StudyConfig config;
  std::string err;
  const bool parsed = study_file.empty() ? ParseStudy(study_text, study_name, &config, &err)
                                         : LoadStudy(study_file, &config, &err);
  if (!parsed) Raise(cli::kExitBadInput, err);
  bool prepared = false;
  {
    py::gil_scoped_release unlocked;
    prepared = PrepareStudy(std::move(config), PluginSources{Paths(plugin_path), trust_study_plugins}, study,
                            &err);
  }
  Warn(study->plugin_warnings);
  if (!prepared) Raise(cli::kExitBadInput, err);
}

// Runs the study on a thread of its own and waits for it here. Returns the
// first Python error met while waiting (KeyboardInterrupt, or one the
// progress callable raised), after the runner stopped and stored what had
// finished.
std::optional<py::error_already_set> RunWhileWaiting(const PreparedStudy& study,
                                                     StudyRunOptions options, StudyStore& store,
                                                     const py::object& progress,
                                                     StudySummary* summary, bool* ran,
                                                     std::string* err) {
  RunnerState state;
  options.on_progress = [&state](size_t done, size_t failed, size_t total) {
    std::lock_guard<std::mutex> lock(state.mutex);
    state.done = done, state.failed = failed, state.total = total;
    state.progressed = true;
    state.changed.notify_one();
  };
  std::atomic<bool> stop{false};
  std::thread runner([&] {
    try {
      ThreadPoolScheduler scheduler(options.jobs);
      ReanalysisSummary reanalysis;
      *ran = RunAndAnalyze(study, options, scheduler, store, stop, summary, &reanalysis, err);
    } catch (const std::exception& e) {
      *err = std::string("the study runner failed: ") + e.what();
    }
    std::lock_guard<std::mutex> lock(state.mutex);
    state.finished = true;
    state.changed.notify_one();
  });

  std::optional<py::error_already_set> pending;
  const auto stop_with = [&](py::error_already_set error) {
    if (!pending) pending = std::move(error);
    stop.store(true);
  };
  for (bool finished = false; !finished;) {
    bool progressed = false;
    size_t done = 0, failed = 0, total = 0;
    {
      py::gil_scoped_release unlocked;
      std::unique_lock<std::mutex> lock(state.mutex);
      state.changed.wait_for(lock, std::chrono::milliseconds(100),
                             [&] { return state.progressed || state.finished; });
      progressed = std::exchange(state.progressed, false);
      finished = state.finished;
      done = state.done, failed = state.failed, total = state.total;
    }
    try {
      if (progressed && !pending && !progress.is_none()) progress(done, failed, total);
      if (!pending && PyErr_CheckSignals() != 0) throw py::error_already_set();
    } catch (py::error_already_set& e) {
      stop_with(std::move(e));
    }
  }
  py::gil_scoped_release unlocked;
  runner.join();
  return pending;
}

// The study's outcome: the store's path, the old store's new name (or
// None), the report `geneft run` prints and its one-line form, whether it
// was interrupted and whether anything failed.
py::dict RunStudy(const std::string& study_file, const std::string& study_text,
                  const std::string& study_name, const std::string& out, int jobs,
                  bool new_store, const std::string& shard,
                  const std::vector<std::string>& plugin_path, bool trust_study_plugins,
                  const std::string& writer, const py::object& progress) {
  PreparedStudy study;
  Prepare(study_file, study_text, study_name, plugin_path, trust_study_plugins, &study);
  StudyRunOptions options;
  options.jobs = jobs;
  options.quiet = true;  // progress goes to the callable instead
  std::string err;
  if (!ParseShard(shard, &options, &err)) Raise(cli::kExitBadInput, err);

  StudyStore store;
  bool opened = false, bad_input = false;
  {
    py::gil_scoped_release unlocked;
    opened = OpenStudyStore(study, StoreRequest{out, new_store, shard, writer}, options, &store,
                            &bad_input, &err);
  }
  if (!opened && !store.kept.empty()) err += "; the previous store was kept as " + store.kept.string();
  if (!opened) Raise(bad_input ? cli::kExitBadInput : cli::kExitInternal, err);

  StudySummary summary;
  bool ran = false;
  std::optional<py::error_already_set> pending =
      RunWhileWaiting(study, options, store, progress, &summary, &ran, &err);
  if (pending) throw *pending;
  if (!ran) Raise(cli::kExitInternal, err);

  py::dict result;
  result["store"] = store.path.string();
  result["kept"] = store.kept.empty() ? py::object(py::none()) : py::str(store.kept.string());
  result["report"] = FullStudyReport(study, summary, store.path.string());
  result["brief"] = BriefStudyReport(summary);
  result["interrupted"] = summary.interrupted;
  result["failures"] = HasFailures(summary);
  return result;
}

}  // namespace

void DefineRun(py::module_& m) {
  m.def("run_study", &RunStudy, py::arg("study_file"), py::arg("study_text"),
        py::arg("study_name"), py::arg("out"), py::arg("jobs"), py::arg("new_store"),
        py::arg("shard"), py::arg("plugin_path"), py::arg("trust_study_plugins"),
        py::arg("writer"), py::arg("progress"),
        "`geneft run`: a study file (study_file), or TOML text (study_text, named study_name "
        "in messages); progress(done, failed, total) after each stored run.");
}

}  // namespace geneft::python
