// Analysis after training: `geneft analyze` and `geneft run` on a study
// whose analysis changed run analyzers over the stored runs without
// training, record which plugin version wrote each analyzer's results, and
// open a store of the format before provenance.
#include "store/sqlite_db.h"

#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using geneft::testing::RunGeneft;

namespace {

// Rows of a query, each row's columns joined by '|'.
std::vector<std::string> Query(const fs::path& store, const std::string& sql) {
  geneft::SqliteDb db;
  std::string err;
  REQUIRE(db.Open(store, geneft::SqliteAccess::kReadOnly, &err));
  geneft::SqliteStatement s;
  INFO(err);
  REQUIRE(db.Prepare(sql, &s, &err));
  std::vector<std::string> rows;
  bool row = false;
  while (s.Step(&row, &err) && row) {
    std::string line;
    for (int c = 0; c < s.Columns(); ++c) line += (c ? "|" : "") + s.Text(c);
    rows.push_back(line);
  }
  return rows;
}

// A 3 x 3 study of mod_k (n = 10) with `analyzers` ([[analyzer]] tables).
fs::path WriteStudy(const fs::path& file, const std::string& analyzers) {
  std::ofstream(file) << "[study]\nname = \"reanalysis\"\nseed = 5\n"
                         "[relation]\nplugin = \"mod_k\"\nn = 10\nk = 2\n"
                         "[model]\ndepth = 1\nwidth = 8\n[train]\nsteps = 300\n"
                      << analyzers
                      << "[sweep]\n\"train.fraction\" = [0.3, 0.5, 0.7]\n"
                         "\"train.lr_enc\" = [1e-3, 3e-3, 1e-2]\n";
  return file;
}

const char* kPhase09 = "[[analyzer]]\nplugin = \"phase\"\nthreshold = 0.9\n";
const char* kPhase08AndRepresentation =
    "[[analyzer]]\nplugin = \"phase\"\nthreshold = 0.8\n[[analyzer]]\nplugin = \"representation\"\n";

const char* kEveryResult =
    "SELECT run_hash, name, quote(number), quote(text) FROM results ORDER BY run_hash, name";

}  // namespace

TEST_CASE("geneft analyze fills a new analyzer and refreshes a changed one, without training") {
  const fs::path dir = geneft::testing::ScratchFolder("reanalysis_3x3");
  const fs::path before = WriteStudy(dir / "before.toml", kPhase09);
  const fs::path after = WriteStudy(dir / "after.toml", kPhase08AndRepresentation);
  const fs::path store = dir / "before.db";
  REQUIRE(RunGeneft("run " + before.string() + " --quiet -j 2").exit_code == 0);
  REQUIRE(Query(store, "SELECT COUNT(*) FROM results WHERE name LIKE 'representation.%'") ==
          std::vector<std::string>{"0"});

  const auto analyzed = RunGeneft("analyze " + store.string() + " --study " + after.string() +
                                  " --verbose");
  INFO(analyzed.output);
  CHECK(analyzed.exit_code == 0);
  CHECK_THAT(analyzed.output, Catch::Contains("training steps taken: 0\n"));
  CHECK_THAT(analyzed.output, Catch::Contains("Analyzed again over 9 stored runs, without training"));
  CHECK_THAT(analyzed.output,
             Catch::Contains("phase: parameters changed (threshold = 0.9 -> threshold = 0.8), 9 runs"));
  CHECK_THAT(analyzed.output, Catch::Contains("representation: new, 9 runs"));

  // The same study trained afresh gives the very same results: re-analysis
  // hands analyzers what the live run did.
  const fs::path fresh = dir / "fresh.db";
  REQUIRE(RunGeneft("run " + after.string() + " --quiet -j 2 --out " + fresh.string()).exit_code == 0);
  const std::vector<std::string> results = Query(store, kEveryResult);
  CHECK(results == Query(fresh, kEveryResult));
  CHECK(Query(store, "SELECT COUNT(*) FROM results WHERE name = 'phase.phase'") ==
        std::vector<std::string>{"9"});

  // Provenance names each analyzer's version, library and parameters.
  const std::vector<std::string> plugins =
      Query(store, "SELECT kind, id, version, length(library_hash), params FROM plugins "
                   "WHERE kind = 'analyzer' ORDER BY id");
  CHECK(plugins == std::vector<std::string>{"analyzer|phase|1.0.0|16|threshold = 0.8\n",
                                            "analyzer|representation|1.0.0|16|"});

  // The report shows every analyzer's per-run scalars and their provenance.
  const auto report = RunGeneft("report " + store.string() + " -o " + (dir / "report").string());
  CHECK(report.exit_code == 0);
  const std::string page = geneft::testing::FileBytes(dir / "report" / "index.html");
  CHECK_THAT(page, Catch::Contains("Per-run analyzer results"));
  CHECK_THAT(page, Catch::Contains("<th><code>representation."));
  CHECK_THAT(page, Catch::Contains("<th><code>phase.first_test_step</code></th>"));
  CHECK_THAT(page, Catch::Contains("<td><code>phase</code></td><td>1.0.0</td>"));

  const auto again = RunGeneft("analyze " + store.string() + " --verbose");
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.output, Catch::Contains("every analyzer's stored results are current"));
  CHECK_THAT(again.output, Catch::Contains("training steps taken: 0\n"));
}

TEST_CASE("geneft run on a study whose only change is analysis analyzes the stored runs") {
  const fs::path dir = geneft::testing::ScratchFolder("reanalysis_run");
  const fs::path study = WriteStudy(dir / "study.toml", kPhase09);
  REQUIRE(RunGeneft("run " + study.string() + " --quiet -j 2").exit_code == 0);
  WriteStudy(dir / "study.toml", kPhase08AndRepresentation);
  const auto run = RunGeneft("run " + study.string() + " --quiet -j 2");
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.output, Catch::Contains("representation: new, 9 runs"));
  CHECK_THAT(run.output, Catch::Contains("9 runs: 9 stored before, 0 completed"));
}

TEST_CASE("a store of schema 1 is migrated by a writer and read as it is by a reader") {
  const fs::path dir = geneft::testing::ScratchFolder("reanalysis_schema1");
  const fs::path store = dir / "old.db";
  {
    geneft::SqliteDb db;
    std::string err;
    REQUIRE(db.Open(store, geneft::SqliteAccess::kReadWrite, &err));
    REQUIRE(db.Exec(geneft::testing::FileBytes(GENEFT_SOURCE_DIR "/tests/fixtures/schema1_store.sql"),
                    &err));
  }
  // A reader leaves it as it is.
  CHECK(RunGeneft("export " + store.string()).exit_code == 0);
  REQUIRE(RunGeneft("report " + store.string() + " -o " + (dir / "report").string()).exit_code == 0);
  CHECK_THAT(geneft::testing::FileBytes(dir / "report" / "index.html"),
             Catch::Contains("Unknown: this store was written before geneft recorded plugin versions"));
  CHECK(Query(store, "PRAGMA user_version") == std::vector<std::string>{"0"});

  // The same study file matches the old store: nothing is trained again.
  const fs::path study = dir / "old.toml";
  geneft::testing::WriteFile(study, Query(store, "SELECT value FROM study WHERE key = 'text'").front());
  const auto run = RunGeneft("run " + study.string() + " --quiet");
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.output, Catch::Contains("store [" + store.string() + "]: schema 1 -> 3 (provenance added, predictions added for the runs stored from now on)"));
  CHECK_THAT(run.output, Catch::Contains("2 runs: 2 stored before, 0 completed"));
  CHECK_THAT(run.output, Catch::Contains("stored results of analyzer phase came from another "
                                         "version (version unknown -> 1.0.0)"));
  CHECK(Query(store, "PRAGMA user_version") == std::vector<std::string>{"3"});

  const auto analyzed = RunGeneft("analyze " + store.string());
  INFO(analyzed.output);
  CHECK(analyzed.exit_code == 0);
  CHECK_THAT(analyzed.output, Catch::Contains("phase: version unknown -> 1.0.0, 2 runs"));
  CHECK(Query(store, "SELECT version, params FROM plugins WHERE id = 'phase'") ==
        std::vector<std::string>{"1.0.0|gap = 20\n"});
}

TEST_CASE("a report of a study with one swept setting draws each per-run scalar against it") {
  const fs::path dir = geneft::testing::ScratchFolder("reanalysis_one_axis");
  const fs::path study = dir / "study.toml";
  std::ofstream(study) << "[relation]\nplugin = \"mod_k\"\nn = 8\nk = 2\n"
                          "[model]\ndepth = 1\nwidth = 8\n[train]\nsteps = 100\n"
                          "[[analyzer]]\nplugin = \"phase\"\n"
                          "[sweep]\n\"train.fraction\" = [0.3, 0.6]\n";
  REQUIRE(RunGeneft("run " + study.string() + " --quiet").exit_code == 0);
  REQUIRE(RunGeneft("report " + (dir / "study.db").string() + " -o " + (dir / "report").string())
              .exit_code == 0);
  // Rows "x mean spread count": one per fraction.
  const std::string data =
      geneft::testing::FileBytes(dir / "report" / "phase.first_train_step-vs-fraction.dat");
  CHECK(std::count(data.begin(), data.end(), '\n') == 2);
  CHECK_THAT(geneft::testing::FileBytes(dir / "report" / "index.html"),
             Catch::Contains("phase.first_train_step vs train.fraction"));
}
