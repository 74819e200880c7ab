// Analyzers see the model (ABI 1.2): the final model's probabilities reach
// an analyzer in a fresh run and in `geneft analyze` alike, stored with the
// run; the SDK's plain-C example (share/examples/margin) computes the mean
// test margin from them, checked against the trainer run in this process.
#include "store/schema.h"
#include "study/prepared_study.h"
#include "train/trainer.h"

#include "store_rows.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using geneft::testing::Query;
using geneft::testing::RunGeneft;

namespace {

const std::string kTestPlugins = GENEFT_TEST_PLUGIN_DIR;
const std::string kPluginPath = " --plugin-path " + kTestPlugins;

// A 2 x 2 study on `relation` with `analyzers` ([[analyzer]] tables).
fs::path WriteStudy(const fs::path& file, const std::string& relation,
                    const std::string& analyzers) {
  geneft::testing::WriteFile(file, "[study]\nname = \"model_view\"\nseed = 3\n" + relation +
                                       "[model]\ndepth = 1\nwidth = 8\n[train]\nsteps = 200\n" +
                                       analyzers +
                                       "[sweep]\n\"train.fraction\" = [0.4, 0.7]\n"
                                       "\"train.lr_enc\" = [1e-3, 1e-2]\n");
  return file;
}

const char* kBinary = "[relation]\nplugin = \"mod_k\"\nn = 10\nk = 3\n";
const char* kThreeClasses = "[relation]\nplugin = \"addition\"\np = 3\nmodulus = true\n";
const char* kPhase = "[[analyzer]]\nplugin = \"phase\"\n";
const char* kMargin = "[[analyzer]]\nplugin = \"margin\"\n";
const char* kDigest = "[[analyzer]]\nplugin = \"view_digest\"\n";

// Mean over test pairs of p(true class) - max p(other class), from `r`.
double MeanTestMargin(const geneft::TrainResult& r, const std::vector<int32_t>& labels) {
  double sum = 0;
  size_t count = 0;
  for (size_t p = 0; p < labels.size(); ++p) {
    if (r.train_mask[p]) continue;
    const float* probabilities = r.probabilities.data() + p * r.class_count;
    float other = -1;
    for (uint32_t c = 0; c < r.class_count; ++c)
      if (static_cast<int32_t>(c) != labels[p]) other = std::max(other, probabilities[c]);
    sum += probabilities[labels[p]] - other;
    ++count;
  }
  return sum / count;
}

// Each run of `study_file` trained in this process: run hash -> result.
std::map<std::string, geneft::TrainResult> TrainHere(const fs::path& study_file,
                                                     geneft::PreparedStudy* study) {
  geneft::StudyConfig config;
  std::string err;
  INFO(err);
  REQUIRE(geneft::LoadStudy(study_file, &config, &err));
  REQUIRE(geneft::PrepareStudy(std::move(config), {{kTestPlugins}, false}, study, &err));
  std::map<std::string, geneft::TrainResult> out;
  for (const geneft::RunSpec& run : study->runs) {
    const geneft::Relation& relation = study->RelationOf(run);
    const geneft::TrainingTask task{relation.n(), relation.info().num_classes, &relation.labels()};
    REQUIRE(geneft::Train(run.config.model, run.config.train, study->DecoderModeOf(run), task,
                          &out[run.hash], &err));
  }
  return out;
}

double StoredScalar(const fs::path& store, const std::string& run_hash, const std::string& name) {
  const auto rows = Query(store, "SELECT quote(number) FROM results WHERE run_hash = '" +
                                     run_hash + "' AND name = '" + name + "'");
  REQUIRE(rows.size() == 1);
  return std::stod(rows.front());
}

}  // namespace

TEST_CASE("the probabilities are the model's: its accuracy and loss come out of them") {
  for (const char* relation : {kBinary, kThreeClasses}) {
    INFO(relation);
    const fs::path dir = geneft::testing::ScratchFolder("model_view_probabilities");
    geneft::PreparedStudy study;
    const auto trained = TrainHere(WriteStudy(dir / "s.toml", relation, ""), &study);
    for (const geneft::RunSpec& run : study.runs) {
      const geneft::TrainResult& r = trained.at(run.hash);
      const std::vector<int32_t>& labels = study.RelationOf(run).labels();
      REQUIRE(r.class_count == study.RelationOf(run).info().num_classes);
      REQUIRE(r.probabilities.size() == labels.size() * r.class_count);
      size_t test_correct = 0, test_count = 0, train_count = 0;
      double train_loss = 0;
      for (size_t p = 0; p < labels.size(); ++p) {
        const float* q = r.probabilities.data() + p * r.class_count;
        double sum = 0;
        for (uint32_t c = 0; c < r.class_count; ++c) sum += q[c];
        CHECK(sum == Approx(1.0).margin(1e-6));
        if (r.train_mask[p]) {
          train_loss -= std::log(static_cast<double>(q[labels[p]]));
          ++train_count;
        } else {
          test_correct += std::max_element(q, q + r.class_count) - q == labels[p];
          ++test_count;
        }
      }
      // The trajectory's last point is the same model, evaluated by the
      // trainer from its logits.
      CHECK(static_cast<double>(test_correct) / test_count == r.trajectory.test_accuracy.back());
      CHECK(train_loss / train_count == Approx(r.trajectory.loss.back()).epsilon(1e-5));
    }
  }
}

TEST_CASE("the C example's mean test margin matches the model's, fresh and analyzed later") {
  for (const char* relation : {kBinary, kThreeClasses}) {
    INFO(relation);
    const fs::path dir = geneft::testing::ScratchFolder("model_view_margin");
    const fs::path before = WriteStudy(dir / "before.toml", relation, kPhase);
    const fs::path after = WriteStudy(dir / "after.toml", relation,
                                      std::string(kPhase) + kMargin + kDigest);
    const fs::path store = dir / "before.db", fresh = dir / "fresh.db";

    // Fresh: the margin analyzer runs with the training.
    const auto run = RunGeneft("run " + after.string() + " --quiet -j 2 --out " + fresh.string() +
                               kPluginPath);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    geneft::PreparedStudy study;
    const auto trained = TrainHere(after, &study);
    for (const geneft::RunSpec& spec : study.runs) {
      const double expected =
          MeanTestMargin(trained.at(spec.hash), study.RelationOf(spec).labels());
      CHECK(StoredScalar(fresh, spec.hash, "margin.mean_test_margin") ==
            Approx(expected).margin(1e-6));
    }

    // Later: the study trained without it, then `geneft analyze` adds it.
    REQUIRE(RunGeneft("run " + before.string() + " --quiet -j 2").exit_code == 0);
    const auto analyzed = RunGeneft("analyze " + store.string() + " --study " + after.string() +
                                    " --verbose" + kPluginPath);
    INFO(analyzed.output);
    CHECK(analyzed.exit_code == 0);
    CHECK_THAT(analyzed.output, Catch::Contains("training steps taken: 0\n"));
    CHECK_THAT(analyzed.output, Catch::Contains("margin: new, 4 runs"));
    CHECK_THAT(analyzed.output, Catch::Contains("view_digest: new, 4 runs"));
    // What analyze handed the analyzers is what the fresh run did, byte for
    // byte: train mask, embeddings, trajectory, probabilities, scalars, host.
    const std::string every =
        "SELECT run_hash, name, quote(number), quote(text) FROM results "
        "WHERE name LIKE 'margin.%' OR name LIKE 'view_digest.%' ORDER BY run_hash, name";
    const auto rows = Query(store, every);
    CHECK(rows.size() == 4 * (2 + 12));
    CHECK(rows == Query(fresh, every));
    CHECK(Query(store, "SELECT COUNT(*) FROM results WHERE name = 'view_digest.has_host' "
                       "AND number = 1") == std::vector<std::string>{"4"});
    CHECK(Query(store, "SELECT COUNT(*) FROM results WHERE name = 'view_digest.probabilities' "
                       "AND text = 'none'") == std::vector<std::string>{"0"});
  }
}

TEST_CASE("runs stored before predictions: schema 2 -> 3, no probabilities, said once") {
  const fs::path dir = geneft::testing::ScratchFolder("model_view_schema2");
  const fs::path study = WriteStudy(dir / "s.toml", kBinary, kPhase);
  const fs::path store = dir / "s.db";
  REQUIRE(RunGeneft("run " + study.string() + " --quiet -j 2").exit_code == 0);
  {  // What geneft of schema 2 wrote: the same, without the predictions table.
    geneft::SqliteDb db;
    std::string err;
    REQUIRE(db.Open(store, geneft::SqliteAccess::kReadWrite, &err));
    REQUIRE(db.Exec("DROP TABLE predictions; PRAGMA user_version = 2;", &err));
  }
  // A reader leaves it as it is, and lists the table it lacks as empty.
  const auto exported = RunGeneft("export " + store.string() + " --table predictions");
  CHECK(exported.exit_code == 0);
  CHECK(exported.output == "run_hash,class_count,probabilities\n");
  CHECK(Query(store, "PRAGMA user_version") == std::vector<std::string>{"2"});

  const fs::path with_margin =
      WriteStudy(dir / "margin.toml", kBinary, std::string(kPhase) + kMargin);
  const auto analyzed = RunGeneft("analyze " + store.string() + " --study " +
                                  with_margin.string() + kPluginPath);
  INFO(analyzed.output);
  CHECK(analyzed.exit_code != 0);  // the margin analyzer fails on every run, with its message
  CHECK_THAT(analyzed.output,
             Catch::Contains("store [" + store.string() +
                             "]: schema 2 -> 3 (predictions added for the runs stored from now on)"));
  CHECK_THAT(analyzed.output, Catch::Contains("note: 4 of the 4 runs were stored without "
                                              "predictions (before store schema 3): analyzers got "
                                              "probabilities = NULL for them\n"));
  CHECK_THAT(analyzed.output, Catch::Contains("analyzer.margin: analyze_run failed (invalid "
                                              "argument): run view has no predictions"));
  CHECK(Query(store, "PRAGMA user_version") == std::vector<std::string>{"3"});
  CHECK(Query(store, "SELECT COUNT(*) FROM predictions") == std::vector<std::string>{"0"});
}

TEST_CASE("predictions are exported, merged and kept by the store") {
  const fs::path dir = geneft::testing::ScratchFolder("model_view_store");
  const fs::path study = WriteStudy(dir / "s.toml", kThreeClasses, kPhase);
  REQUIRE(RunGeneft("run " + study.string() + " --quiet -j 2 --shard 1/2 --out " +
                    (dir / "a.db").string()).exit_code == 0);
  REQUIRE(RunGeneft("run " + study.string() + " --quiet -j 2 --shard 2/2 --out " +
                    (dir / "b.db").string()).exit_code == 0);
  // addition with p = 3: 3 x 3 pairs, 3 classes, 4 bytes each.
  CHECK(Query(dir / "a.db", "SELECT DISTINCT class_count, length(probabilities) FROM predictions") ==
        std::vector<std::string>{"3|108"});
  const auto merged = RunGeneft("merge " + (dir / "all.db").string() + " " +
                                (dir / "a.db").string() + " " + (dir / "b.db").string());
  INFO(merged.output);
  REQUIRE(merged.exit_code == 0);
  CHECK(Query(dir / "all.db", "SELECT COUNT(*) FROM predictions") == std::vector<std::string>{"4"});
  const auto exported =
      RunGeneft("export " + (dir / "all.db").string() + " --table predictions --format json");
  CHECK(exported.exit_code == 0);
  CHECK_THAT(exported.output, Catch::Contains("\"class_count\": 3, \"probabilities\": \""));
}

TEST_CASE("results of an analyzer the study no longer names are kept, and said so once") {
  const fs::path dir = geneft::testing::ScratchFolder("model_view_kept");
  const fs::path study = WriteStudy(dir / "s.toml", kBinary, std::string(kPhase) + kMargin);
  const fs::path store = dir / "s.db";
  REQUIRE(RunGeneft("run " + study.string() + " --quiet -j 2" + kPluginPath).exit_code == 0);
  WriteStudy(dir / "s.toml", kBinary, kPhase);
  const auto analyzed = RunGeneft("analyze " + store.string() + " --study " + study.string());
  INFO(analyzed.output);
  CHECK(analyzed.exit_code == 0);
  const std::string note = "results of analyzers the study no longer names are kept: margin\n";
  CHECK_THAT(analyzed.output, Catch::Contains(note));
  CHECK(Query(store, "SELECT COUNT(*) FROM results WHERE name = 'margin.mean_test_margin'") ==
        std::vector<std::string>{"4"});
  const auto report = RunGeneft("report " + store.string() + " -o " + (dir / "report").string());
  CHECK(report.exit_code == 0);
  CHECK_THAT(report.output, Catch::Contains(note));
}
