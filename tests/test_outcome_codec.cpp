// The run outcome codec (run/outcome_codec.h): a run trained on another MPI
// rank must arrive whole, so that the store cannot tell where it was
// trained; damaged bytes are refused with what and where.
#include "run/outcome_codec.h"
#include "store/result_store.h"
#include "store/sqlite_db.h"
#include "store/store_lock.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>

namespace fs = std::filesystem;

namespace {

// One small run with the per-run analyzers that write scalars and texts.
const char* kStudy = R"toml(
[study]
name = "codec"
[relation]
plugin = "mod_k"
n = 10
k = 2
[model]
depth = 1
width = 8
[train]
steps = 300
eval_every = 50
fraction = 0.6
[[analyzer]]
plugin = "info_bound"
training_sets = 2
[[analyzer]]
plugin = "phase"
[[analyzer]]
plugin = "representation"
)toml";

const geneft::PreparedStudy& Study() {
  static const geneft::PreparedStudy study = [] {
    geneft::StudyConfig config;
    geneft::PreparedStudy s;
    std::string err;
    INFO(err);
    REQUIRE(geneft::ParseStudy(kStudy, "codec.toml", &config, &err));
    const geneft::PluginSources plugins{{GENEFT_BINARY_DIR "/lib/geneft/plugins"}, false};
    REQUIRE(geneft::PrepareStudy(std::move(config), plugins, &s, &err));
    return s;
  }();
  return study;
}

geneft::ExecutedRun TrainedRun() {
  geneft::ExecutedRun run;
  run.ok = geneft::ExecuteRun(Study(), Study().runs.front(), &run.outcome, &run.failure);
  INFO(run.failure);
  REQUIRE(run.ok);
  return run;
}

geneft::ExecutedRun RoundTrip(const geneft::ExecutedRun& run) {
  geneft::ExecutedRun back;
  std::string err;
  INFO(err);
  REQUIRE(geneft::DecodeExecutedRun(geneft::EncodeExecutedRun(run), &back, &err));
  return back;
}

// Every row of every table that describes runs, by table, columns joined by
// '|', without the wall-clock finished_at (the only column that differs by when).
std::map<std::string, std::vector<std::string>> RunRows(const fs::path& path) {
  geneft::SqliteDb db;
  std::string err;
  REQUIRE(db.Open(path, geneft::SqliteAccess::kReadOnly, &err));
  std::map<std::string, std::vector<std::string>> rows;
  for (const char* sql :
       {"SELECT run_hash, run_index, replicate, status, reason, seed, steps_budget, steps_done, "
        "first_train_step, first_test_step, first_all_step, diverged_step, final_loss, train_accuracy, "
        "test_accuracy, all_accuracy, seconds, settings FROM runs",
        "SELECT * FROM run_settings ORDER BY key", "SELECT * FROM trajectories ORDER BY step",
        "SELECT * FROM embeddings ORDER BY element, dim", "SELECT * FROM results ORDER BY name",
        "SELECT * FROM series ORDER BY name, idx",
        "SELECT run_hash, class_count, hex(probabilities) FROM predictions"}) {
    geneft::SqliteStatement s;
    REQUIRE(db.Prepare(sql, &s, &err));
    bool row = false;
    const std::string table = std::strstr(sql, "FROM ") + 5;
    while (s.Step(&row, &err) && row) {
      std::string line;
      for (int c = 0; c < s.Columns(); ++c) line += (c ? "|" : "") + s.Text(c);
      rows[table.substr(0, table.find(' '))].push_back(line);
    }
  }
  REQUIRE(err.empty());
  return rows;
}

fs::path StoreWith(const std::string& name, const geneft::ExecutedRun& run) {
  const fs::path dir = fs::path(GENEFT_BINARY_DIR) / "tests" / "outcome_codec";
  fs::create_directories(dir);
  const fs::path path = dir / (name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  geneft::StoreLock lock;
  geneft::ResultStore store;
  std::string err;
  INFO(err);
  REQUIRE(lock.Acquire(path, "test_outcome_codec", &err));
  REQUIRE(store.Open(lock, &err));
  REQUIRE(store.BindStudy(Study(), "", &err));
  REQUIRE(store.WriteRun(Study(), Study().runs.front(), run.outcome, &err));
  return path;
}

}  // namespace

TEST_CASE("a trained run comes out of the codec equal to what went in, every field") {
  const geneft::ExecutedRun run = TrainedRun();
  // A run with something in every part, so that equality means something.
  REQUIRE(run.outcome.train.trajectory.step.size() == 7);
  REQUIRE(!run.outcome.train.embeddings.empty());
  REQUIRE(!run.outcome.train.train_mask.empty());
  REQUIRE(run.outcome.train.class_count == 2);
  REQUIRE(!run.outcome.train.probabilities.empty());
  REQUIRE(!run.outcome.analysis.scalars.empty());
  REQUIRE(!run.outcome.analysis.texts.empty());
  // RunOutcome's == is defaulted: it compares every field, including any
  // added later, which then fails here until the codec carries it.
  CHECK(RoundTrip(run) == run);
}

TEST_CASE("a run stored from its decoded outcome has the same rows as the original") {
  const geneft::ExecutedRun run = TrainedRun();
  const auto original = RunRows(StoreWith("original", run));
  for (const char* table :
       {"runs", "run_settings", "trajectories", "embeddings", "results", "predictions"}) {
    INFO(table);
    REQUIRE(original.count(table) == 1);
  }
  CHECK(RunRows(StoreWith("decoded", RoundTrip(run))) == original);
}

TEST_CASE("failures, NaN, series with errors and analyzer errors travel bit for bit") {
  geneft::ExecutedRun run;
  run.ok = false;
  run.failure = "relation.mod_k: k = 0: must be >= 1";
  geneft::TrainResult& t = run.outcome.train;
  t.status = geneft::RunStatus::kDiverged;
  t.reason = "loss is NaN at step 40";
  t.steps_done = 40, t.first_train_step = 10, t.first_test_step = 20, t.first_all_step = 30;
  t.diverged_step = 40;
  t.trajectory.step = {0, 20, 40};
  t.trajectory.loss = {0.7, 0.2, std::numeric_limits<double>::quiet_NaN()};
  t.trajectory.train_accuracy = {0.5, 0.9, 1.0};
  t.trajectory.test_accuracy = {0.4, 0.8, -0.0};
  t.trajectory.all_accuracy = {0.45, 0.85, std::numeric_limits<double>::infinity()};
  t.embeddings = {1.5f, -2.25f, 3e-30f, -0.0f};
  t.train_mask = {1, 0, 0, 1};
  t.embedding_dim = 2;
  t.probabilities = {0.25f, 0.75f, std::numeric_limits<float>::quiet_NaN(), -0.0f};
  t.class_count = 2;
  t.seconds = 0.125;
  run.outcome.analysis.scalars = {{"phase.code", 2.0}, {"info_bound.b", 6.97}};
  run.outcome.analysis.texts = {{"phase.phase", "memorization"}, {"empty", ""}};
  run.outcome.analysis.series = {{"repon.odds", {1, 2}, {0.25, 0.5}, {0.01, 0.02}},
                                 {"no_errors", {3}, {4}, {}}};
  run.outcome.analysis_errors = {"analyzer.representation: analyze_run failed (not available): d = 1"};

  const geneft::ExecutedRun back = RoundTrip(run);
  CHECK(geneft::EncodeExecutedRun(back) == geneft::EncodeExecutedRun(run));
  CHECK(std::isnan(back.outcome.train.trajectory.loss[2]));
  CHECK(std::signbit(back.outcome.train.trajectory.test_accuracy[2]));
  CHECK(std::isnan(back.outcome.train.probabilities[2]));
  CHECK(std::signbit(back.outcome.train.probabilities[3]));
  // Equal apart from the NaN, which equals nothing.
  geneft::ExecutedRun a = run, b = back;
  a.outcome.train.trajectory.loss[2] = b.outcome.train.trajectory.loss[2] = 0;
  a.outcome.train.probabilities[2] = b.outcome.train.probabilities[2] = 0;
  CHECK(a == b);
}

TEST_CASE("damaged run outcome bytes are refused with what and where, never misread") {
  const std::string bytes = geneft::EncodeExecutedRun(TrainedRun());
  geneft::ExecutedRun out;
  std::string err;

  // Every cut loses something: none decodes.
  size_t cuts = 0, refused = 0;
  for (size_t n = 0; n < bytes.size(); n += 1 + n / 64, ++cuts) {
    err.clear();
    refused += !geneft::DecodeExecutedRun(std::string_view(bytes).substr(0, n), &out, &err) &&
               err.rfind("run outcome message: ", 0) == 0;
  }
  CHECK(refused == cuts);

  CHECK_FALSE(geneft::DecodeExecutedRun(bytes.substr(0, bytes.size() - 3), &out, &err));
  CHECK_THAT(err, Catch::Contains("more expected inside analysis_errors"));

  CHECK_FALSE(geneft::DecodeExecutedRun(bytes + "x", &out, &err));
  CHECK(err == "run outcome message: 1 bytes after the last field (do all ranks run the same geneft build?)");

  std::string other_version = bytes;
  other_version[4] = 9;
  CHECK_FALSE(geneft::DecodeExecutedRun(other_version, &out, &err));
  CHECK_THAT(err, Catch::Contains("format version 9, this geneft reads version 2"));

  CHECK_FALSE(geneft::DecodeExecutedRun("PK\x03\x04 not ours", &out, &err));
  CHECK_THAT(err, Catch::Contains("not a geneft run outcome"));
}
