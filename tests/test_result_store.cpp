// The results store on its own: what is written is read back, failed runs,
// study-level results, the resume set, a changed study refused, merge,
// export, and the writer's lock. Runs here are made by hand (no training), so every number read
// back is known.
#include "store/export.h"
#include "store/merge.h"
#include "store/result_store.h"
#include "store/schema.h"
#include "store/store_reader.h"

#include "test_support.h"

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const fs::path kDir = fs::path(GENEFT_BINARY_DIR) / "tests" / "result_store";

// A path for a new store `name`, with no file of it left from a former run.
fs::path FreshStore(const std::string& name) {
  fs::create_directories(kDir);
  const fs::path store = kDir / name;
  for (const char* suffix : {"", "-wal", "-shm", ".lock"}) fs::remove(store.string() + suffix);
  return store;
}

// Equality mod 2 on 4 elements, the given [train] steps (and lines), a
// 2-point sweep (and lines).
geneft::PreparedStudy Study(int steps, const std::string& sweep_lines = "",
                            const std::string& train_lines = "") {
  const std::string text = "[study]\nname = \"store-test\"\n[relation]\nplugin = \"mod_k\"\nn = 4\nk = 2\n"
                           "[model]\ndepth = 1\nwidth = 4\n[train]\nsteps = " +
                           std::to_string(steps) + "\n" + train_lines +
                           "[sweep]\n\"train.lr_dec\" = [0.001, 0.01]\n" + sweep_lines;
  geneft::StudyConfig config;
  geneft::PreparedStudy study;
  std::string err;
  INFO(err);
  REQUIRE(geneft::ParseStudy(text, "store-test.toml", &config, &err));
  REQUIRE(geneft::PrepareStudy(std::move(config), {}, &study, &err));
  REQUIRE(study.runs.size() >= 2);
  return study;
}

// A finished run with known numbers: 3 evaluations, 4 x 2 embeddings, one
// scalar, one text and one series of analyzer results.
geneft::RunOutcome Outcome(geneft::RunStatus status = geneft::RunStatus::kCompleted) {
  geneft::RunOutcome o;
  geneft::TrainResult& r = o.train;
  r.status = status;
  r.reason = status == geneft::RunStatus::kDiverged ? "loss became nan at step 20" : "";
  r.steps_done = 20;
  r.first_train_step = 10;
  r.first_test_step = -1;
  r.first_all_step = 20;
  r.diverged_step = status == geneft::RunStatus::kDiverged ? 20 : -1;
  r.trajectory.step = {0, 10, 20};
  r.trajectory.loss = {0.7, 0.5, 0.25};
  r.trajectory.train_accuracy = {0.5, 0.75, 1.0};
  r.trajectory.test_accuracy = {0.5, 0.5, std::nan("")};
  r.trajectory.all_accuracy = {0.5, 0.625, 0.875};
  r.embedding_dim = 2;
  r.embeddings = {0, 1, 2, 3, 4, 5, 6, 7};
  r.seconds = 1.5;
  o.analysis.scalars = {{"fake.score", 0.125}};
  o.analysis.texts = {{"fake.verdict", "fine, \"quoted\""}};
  o.analysis.series = {{"fake.curve", {1, 2}, {3, 4}, {}}};
  return o;
}

// A store opened for writing under its lock, as `geneft run` opens it.
struct OpenStore {
  geneft::StoreLock lock;
  geneft::ResultStore store;
  explicit OpenStore(const fs::path& path) {
    std::string err;
    INFO(err);
    REQUIRE(lock.Acquire(path, "test_result_store", &err));
    REQUIRE(store.Open(lock, &err));
  }
};

// A new store `name` bound to Study(20), open for writing.
struct BoundStore {
  explicit BoundStore(const std::string& name) : path(FreshStore(name)), open(path) {
    INFO(err);
    REQUIRE(open.store.BindStudy(study, "", &err));
  }
  fs::path path;
  geneft::PreparedStudy study = Study(20);
  OpenStore open;
  geneft::ResultStore& store = open.store;
  std::string err;
};

template <class Row>
std::vector<Row> Read(bool (geneft::StoreReader::*method)(std::vector<Row>*, std::string*),
                      geneft::StoreReader& reader) {
  std::vector<Row> rows;
  std::string err;
  INFO(err);
  REQUIRE((reader.*method)(&rows, &err));
  return rows;
}

std::string Export(geneft::StoreReader& reader, const std::string& table,
                   geneft::ExportFormat format) {
  std::ostringstream out;
  std::string err;
  INFO(err);
  REQUIRE(geneft::ExportTable(reader, table, format, out, &err));
  return out.str();
}

}  // namespace

TEST_CASE("a run written is read back: row, settings, trajectory, embedding, results") {
  BoundStore s("written.db");
  const geneft::PreparedStudy& study = s.study;
  std::string& err = s.err;
  const geneft::RunSpec& run = study.runs[1];
  REQUIRE(s.store.WriteRun(study, run, Outcome(), &err));

  // Read through a reader of its own, as report and export do.
  geneft::StoreReader reader;
  REQUIRE(reader.Open(s.path, &err));
  const auto runs = Read(&geneft::StoreReader::Runs, reader);
  REQUIRE(runs.size() == 1);
  const geneft::StoredRun& r = runs.front();
  CHECK(r.hash == run.hash);
  CHECK(r.index == 1);
  CHECK(r.status == "completed");
  CHECK(r.seed == static_cast<int64_t>(run.config.train.seed));
  CHECK(r.steps_budget == 20);
  CHECK(r.steps_done == 20);
  CHECK(r.first_train_step == 10);
  CHECK(r.first_test_step == -1);
  CHECK(r.final_loss == 0.25);
  CHECK(r.train_accuracy == 1.0);
  CHECK_FALSE(r.test_accuracy.has_value());  // NaN is stored as NULL
  CHECK(r.all_accuracy == 0.875);
  CHECK(r.settings == run.canonical);

  const auto settings = Read(&geneft::StoreReader::Settings, reader);
  CHECK(settings.size() == run.settings.values.size());
  const auto lr = std::find_if(settings.begin(), settings.end(),
                               [](const auto& x) { return x.key == "train.lr_dec"; });
  REQUIRE(lr != settings.end());
  CHECK(lr->number == 0.01);
  CHECK(lr->swept);
  const auto steps = std::find_if(settings.begin(), settings.end(),
                                  [](const auto& x) { return x.key == "train.steps"; });
  REQUIRE(steps != settings.end());
  CHECK_FALSE(steps->swept);

  std::vector<geneft::TrajectoryPoint> trajectory;
  REQUIRE(reader.Trajectory(run.hash, &trajectory, &err));
  REQUIRE(trajectory.size() == 3);
  CHECK(trajectory[1].step == 10);
  CHECK(trajectory[1].loss == 0.5);
  CHECK(std::isnan(trajectory[2].test_accuracy));

  std::vector<geneft::EmbeddingValue> embedding;
  REQUIRE(reader.Embedding(run.hash, &embedding, &err));
  REQUIRE(embedding.size() == 8);
  CHECK(embedding[5].element == 2);
  CHECK(embedding[5].dim == 1);
  CHECK(embedding[5].value == 5.0);
  CHECK(embedding[5].name == "2");

  const auto results = Read(&geneft::StoreReader::Results, reader);
  REQUIRE(results.size() == 2);
  CHECK(results[0].name == "fake.score");
  CHECK(results[0].number == 0.125);
  CHECK_FALSE(results[0].text.has_value());
  CHECK(results[1].text == std::optional<std::string>("fine, \"quoted\""));
  CHECK(reader.IntegrityCheck(&err));
}

TEST_CASE("a failed run is stored with its reason and no measurements") {
  BoundStore s("failed.db");
  const geneft::PreparedStudy& study = s.study;
  std::string& err = s.err;
  REQUIRE(s.store.WriteFailedRun(study.runs[0], "relation.fake: labels file vanished", &err));
  const auto runs = Read(&geneft::StoreReader::Runs, s.store.reader());
  REQUIRE(runs.size() == 1);
  CHECK(runs[0].status == "failed");
  CHECK(runs[0].reason == "relation.fake: labels file vanished");
  CHECK(runs[0].steps_budget == 20);
  CHECK_FALSE(runs[0].steps_done.has_value());
  CHECK_FALSE(runs[0].test_accuracy.has_value());
  CHECK_FALSE(runs[0].seconds.has_value());
  std::vector<geneft::TrajectoryPoint> trajectory;
  REQUIRE(s.store.reader().Trajectory(study.runs[0].hash, &trajectory, &err));
  CHECK(trajectory.empty());
}

TEST_CASE("the resume set holds every stored run with its status") {
  BoundStore s("resume.db");
  const geneft::PreparedStudy& study = s.study;
  std::string& err = s.err;
  std::map<std::string, geneft::StoredStatus> stored;
  REQUIRE(s.store.reader().RunStatuses(&stored, &err));
  CHECK(stored.empty());
  REQUIRE(s.store.WriteRun(study, study.runs[0], Outcome(geneft::RunStatus::kDiverged), &err));
  REQUIRE(s.store.WriteFailedRun(study.runs[1], "broken", &err));
  REQUIRE(s.store.reader().RunStatuses(&stored, &err));
  REQUIRE(stored.size() == 2);
  CHECK(stored[study.runs[0].hash].status == "diverged");
  CHECK(stored[study.runs[0].hash].reason == "loss became nan at step 20");
  CHECK(stored[study.runs[1].hash].status == "failed");
}

TEST_CASE("study results replace the previous ones and leave the runs' results alone") {
  BoundStore s("study_results.db");
  const geneft::PreparedStudy& study = s.study;
  std::string& err = s.err;
  REQUIRE(s.store.WriteRun(study, study.runs[0], Outcome(), &err));
  geneft::AnalysisResults first;
  first.scalars = {{"fit.slope", 1.0}, {"fit.old", 2.0}};
  first.series = {{"fit.curve", {1, 2, 3}, {4, 5, 6}, {0.5, 0.5, 0.5}}};
  REQUIRE(s.store.WriteStudyResults(first, &err));
  geneft::AnalysisResults second;
  second.scalars = {{"fit.slope", 3.0}};
  second.series = {{"fit.curve", {1}, {7}, {}}};
  REQUIRE(s.store.WriteStudyResults(second, &err));

  std::vector<std::string> study_level, run_level;
  for (const geneft::StoredResult& r : Read(&geneft::StoreReader::Results, s.store.reader()))
    (r.run_hash.empty() ? study_level : run_level).push_back(r.name);
  CHECK(study_level == std::vector<std::string>{"fit.slope"});
  CHECK(run_level == std::vector<std::string>{"fake.score", "fake.verdict"});
  std::map<std::string, std::vector<geneft::SeriesPoint>> series;
  REQUIRE(s.store.reader().StudySeries(&series, &err));
  REQUIRE(series.size() == 1);
  REQUIRE(series["fit.curve"].size() == 1);
  CHECK(series["fit.curve"][0].y == 7.0);
  CHECK(std::isnan(series["fit.curve"][0].err));
}

TEST_CASE("a store is bound to one study definition, and another is refused with what changed") {
  const fs::path path = FreshStore("bound.db");
  const geneft::PreparedStudy study = Study(20);
  std::string err;
  {
    OpenStore s(path);
    REQUIRE(s.store.BindStudy(study, "1/2", &err));
    std::map<std::string, std::string> table;
    REQUIRE(s.store.reader().StudyTable(&table, &err));
    CHECK(table["name"] == "store-test");
    CHECK(table["fingerprint"] == study.fingerprint);
    CHECK(table["run_count"] == "2");
    CHECK(table["swept_keys"] == "train.lr_dec");
    CHECK(table["shard"] == "1/2");
  }
  OpenStore again(path);
  CHECK(again.store.BindStudy(Study(20), "", &err));
  CHECK(err.empty());
  CHECK_FALSE(again.store.BindStudy(Study(30), "", &err));
  CHECK_THAT(err, Catch::Contains("holds results of a different study definition"));
  CHECK_THAT(err, Catch::Contains("train.steps: 20 -> 30"));
  err.clear();
  CHECK_FALSE(again.store.BindStudy(Study(20, "replicates = 2\n"), "", &err));
  CHECK_THAT(err, Catch::Contains("sweep.replicates: 1 -> 2"));
  // The refusal leaves the stored definition as it was.
  CHECK(again.store.reader().StudyValue("fingerprint", &err) == study.fingerprint);
}

TEST_CASE("merge copies the runs a store lacks, once, and refuses another study") {
  const geneft::PreparedStudy study = Study(20);
  const fs::path a = FreshStore("merge_a.db"), b = FreshStore("merge_b.db"),
                 out = FreshStore("merge_out.db"), other = FreshStore("merge_other.db");
  std::string err;
  {
    OpenStore sa(a), sb(b);
    REQUIRE(sa.store.BindStudy(study, "1/2", &err));
    REQUIRE(sb.store.BindStudy(study, "2/2", &err));
    REQUIRE(sa.store.WriteRun(study, study.runs[0], Outcome(), &err));
    REQUIRE(sb.store.WriteRun(study, study.runs[1], Outcome(), &err));
    geneft::AnalysisResults shard_level;
    shard_level.scalars = {{"fit.slope", 1.0}};
    REQUIRE(sb.store.WriteStudyResults(shard_level, &err));
  }
  OpenStore merged(out);
  int copied = -1;
  REQUIRE(geneft::MergeStore(merged.store, a, &copied, &err));
  CHECK(copied == 1);
  REQUIRE(geneft::MergeStore(merged.store, b, &copied, &err));
  CHECK(copied == 1);
  REQUIRE(geneft::MergeStore(merged.store, b, &copied, &err));
  CHECK(copied == 0);
  geneft::StoreReader& reader = merged.store.reader();
  CHECK(Read(&geneft::StoreReader::Runs, reader).size() == 2);
  CHECK(reader.StudyValue("fingerprint", &err) == study.fingerprint);
  CHECK(reader.StudyValue("shard", &err).empty());  // a shard's number is not the whole's
  std::vector<geneft::TrajectoryPoint> trajectory;
  REQUIRE(reader.Trajectory(study.runs[1].hash, &trajectory, &err));
  CHECK(trajectory.size() == 3);
  for (const geneft::StoredResult& r : Read(&geneft::StoreReader::Results, reader))
    CHECK_FALSE(r.run_hash.empty());  // study-level results are the study stage's to redo

  {
    OpenStore s(other);
    REQUIRE(s.store.BindStudy(Study(30), "", &err));
  }
  CHECK_FALSE(geneft::MergeStore(merged.store, other, &copied, &err));
  CHECK_THAT(err, Catch::Contains("holds a different study"));
  CHECK_THAT(err, Catch::Contains("train.steps: 20 -> 30"));
  err.clear();
  CHECK_FALSE(geneft::MergeStore(merged.store, kDir / "no-such.db", &copied, &err));
  CHECK_THAT(err, Catch::Contains("no such file"));
}

TEST_CASE("export writes a table as CSV or JSON, NULL as empty or null") {
  BoundStore s("export.db");
  const geneft::PreparedStudy& study = s.study;
  std::string& err = s.err;
  geneft::StoreReader reader;
  REQUIRE(reader.Open(s.path, &err));
  // An empty table: the header alone, or an empty array.
  CHECK(Export(reader, "series", geneft::ExportFormat::kCsv) == "run_hash,name,idx,x,y,err\n");
  CHECK(Export(reader, "series", geneft::ExportFormat::kJson) == "[]\n");

  REQUIRE(s.store.WriteRun(study, study.runs[0], Outcome(), &err));
  CHECK(Export(reader, "results", geneft::ExportFormat::kCsv) ==
        "run_hash,name,number,text\n" + study.runs[0].hash + ",fake.score,0.125,\n" +
            study.runs[0].hash + ",fake.verdict,,\"fine, \"\"quoted\"\"\"\n");
  CHECK(Export(reader, "results", geneft::ExportFormat::kJson) ==
        "[\n  {\"run_hash\": \"" + study.runs[0].hash +
            "\", \"name\": \"fake.score\", \"number\": 0.125, \"text\": null},\n"
            "  {\"run_hash\": \"" + study.runs[0].hash +
            "\", \"name\": \"fake.verdict\", \"number\": null, \"text\": \"fine, \\\"quoted\\\"\"}\n]\n");
  std::ostringstream out;
  CHECK_FALSE(geneft::ExportTable(reader, "runs; DROP TABLE runs", geneft::ExportFormat::kCsv, out, &err));
  CHECK_THAT(err, Catch::Contains("no table 'runs; DROP TABLE runs'"));
}

TEST_CASE("export writes each stored double so that it reads back exactly") {
  BoundStore s("export-exact.db");
  geneft::RunOutcome outcome = Outcome();
  // 17 significant digits; SQLite's own text keeps 15 ("0.3", "0.333333333333333").
  outcome.analysis.scalars = {{"fake.sum", 0.1 + 0.2}, {"fake.third", 1.0 / 3}};
  REQUIRE(s.store.WriteRun(s.study, s.study.runs[0], outcome, &s.err));
  geneft::StoreReader reader;
  REQUIRE(reader.Open(s.path, &s.err));
  const std::string csv = Export(reader, "results", geneft::ExportFormat::kCsv);
  CHECK_THAT(csv, Catch::Contains(",fake.sum,0.30000000000000004,"));
  CHECK_THAT(csv, Catch::Contains(",fake.third,0.3333333333333333,"));

  std::vector<geneft::TableCell> cells;
  REQUIRE(reader.Table("results", [](const std::vector<std::string>&) {},
                       [&](const std::vector<geneft::TableCell>& row) {
                         if (row[1].text == "fake.sum") cells = row;
                       },
                       &s.err));
  REQUIRE(cells.size() == 4);
  CHECK(cells[2].kind == geneft::TableCell::kReal);
  CHECK(cells[2].real == 0.1 + 0.2);
  CHECK(cells[3].kind == geneft::TableCell::kNull);
}

TEST_CASE("every table is read from one committed state while a writer adds a run") {
  BoundStore s("every-table.db");
  REQUIRE(s.store.WriteRun(s.study, s.study.runs[0], Outcome(), &s.err));
  geneft::StoreReader reader;
  REQUIRE(reader.Open(s.path, &s.err));
  std::vector<std::string> tables;
  std::map<std::string, std::set<std::string>> hashes;  // table -> run hashes read
  std::string current;
  const auto header = [&](const std::string& table, const std::vector<std::string>&) {
    tables.push_back(current = table);
    // The runs table has been read by now: a run written now must not show
    // in the tables still to come.
    if (table == "run_settings") REQUIRE(s.store.WriteRun(s.study, s.study.runs[1], Outcome(), &s.err));
  };
  const auto row = [&](const std::vector<geneft::TableCell>& cells) {
    if (current != "study") hashes[current].insert(cells[0].text);
  };
  INFO(s.err);
  REQUIRE(reader.EveryTable(header, row, &s.err));
  CHECK(tables == geneft::StoreTables());
  const std::set<std::string> first_run = {s.study.runs[0].hash};
  for (const char* table : {"runs", "run_settings", "trajectories", "embeddings", "results", "series"})
    CHECK(hashes[table] == first_run);
  // Read again, the second run is there.
  hashes.clear();
  REQUIRE(reader.EveryTable([&](const std::string& table, const std::vector<std::string>&) { current = table; },
                            row, &s.err));
  CHECK(hashes["results"].size() == 2);
}

TEST_CASE("a store's lock has one holder, names it to the next, and is gone after release") {
  const fs::path path = FreshStore("locked.db");
  const fs::path lock_file = geneft::StoreLockFile(path);
  std::string err;
  geneft::StoreLock first, second;
  REQUIRE(first.Acquire(path, "geneft run first.toml", &err));
  std::ifstream holder(lock_file);
  std::string written((std::istreambuf_iterator<char>(holder)), std::istreambuf_iterator<char>());
  CHECK_THAT(written, Catch::StartsWith("pid " + std::to_string(getpid()) + " on "));
  CHECK_THAT(written, Catch::EndsWith(": geneft run first.toml\n"));

  // flock is per open file, so a second lock in this process is refused too.
  CHECK_FALSE(second.Acquire(path, "geneft run second.toml", &err));
  CHECK(second.busy());
  CHECK_THAT(err, Catch::Contains("store [" + path.string() + "] is being written by another geneft (pid " +
                                  std::to_string(getpid())));
  CHECK_THAT(err, Catch::Contains("geneft run first.toml"));
  geneft::ResultStore store;
  CHECK_FALSE(store.Open(second, &err));
  CHECK_THAT(err, Catch::Contains("its lock is not held"));

  first.Release();
  CHECK_FALSE(fs::exists(lock_file));
  CHECK(second.Acquire(path, "geneft run second.toml", &err));
  CHECK_FALSE(second.busy());
}

TEST_CASE("a lock held by a process killed with SIGKILL is free again") {
  const fs::path path = FreshStore("killed_holder.db");
  int ready[2];
  REQUIRE(pipe(ready) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    geneft::StoreLock lock;
    std::string ignored;
    const char answer = lock.Acquire(path, "geneft run doomed.toml", &ignored) ? 'y' : 'n';
    if (write(ready[1], &answer, 1) != 1) _exit(1);
    pause();  // until killed
    _exit(0);
  }
  close(ready[1]);
  char answer = 0;
  REQUIRE(read(ready[0], &answer, 1) == 1);
  close(ready[0]);
  REQUIRE(answer == 'y');

  geneft::StoreLock lock;
  std::string err;
  CHECK_FALSE(lock.Acquire(path, "geneft run mine.toml", &err));
  CHECK_THAT(err, Catch::Contains("(pid " + std::to_string(child) + " on "));
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  // The dead holder's lock file is still there; its flock went with it.
  CHECK(fs::exists(geneft::StoreLockFile(path)));
  CHECK(lock.Acquire(path, "geneft run mine.toml", &err));
}

TEST_CASE("train.max_loss at its default leaves runs named as in stores written before it") {
  // A run's hash covers its canonical settings: a new key there would orphan
  // every existing store ("changed study"), so the default stays out of it.
  const geneft::PreparedStudy before = Study(20);
  CHECK_THAT(before.runs[0].canonical, !Catch::Contains("max_loss"));
  CHECK_THAT(before.definition, !Catch::Contains("max_loss"));
  const geneft::PreparedStudy set = Study(20, "", "max_loss = 50\n");
  CHECK_THAT(set.runs[0].canonical, Catch::Contains("train.max_loss = 50.0\n"));
  CHECK(set.runs[0].hash != before.runs[0].hash);
  CHECK(set.runs[0].config.train.max_loss == 50);
}
