// geneft report as a user runs it: small studies are trained, reported, and
// the page and every file it points to are checked.
#include "store/sqlite_db.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using Result = geneft::testing::CommandResult;

const fs::path kDir = fs::path(GENEFT_BINARY_DIR) / "tests" / "report";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool HaveGnuplot() { return std::system("command -v gnuplot > /dev/null 2>&1") == 0; }

// Trains `text` into NAME.db (once per test program) and returns the store.
fs::path Store(const std::string& name, const std::string& text) {
  fs::create_directories(kDir);
  const fs::path study = kDir / (name + ".toml"), store = kDir / (name + ".db");
  std::ofstream(study) << text;
  fs::remove(store);
  fs::remove(fs::path(store.string() + "-wal"));
  fs::remove(fs::path(store.string() + "-shm"));
  const Result r = geneft::testing::RunGeneft("run " + study.string() + " --out " +
                                              store.string() + " --quiet");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  return store;
}

// A copy of `store` named `name`, edited by `sql`: a store as a running
// study or an analyzer would have left it.
fs::path EditedCopy(const fs::path& store, const std::string& name, const std::string& sql) {
  const fs::path copy = kDir / name;
  fs::copy_file(store, copy, fs::copy_options::overwrite_existing);
  geneft::SqliteDb db;
  std::string err;
  REQUIRE(db.Open(copy, geneft::SqliteAccess::kReadWrite, &err));
  INFO(err);
  REQUIRE(db.Exec(sql, &err));
  return copy;
}

// Every study here trains equality mod 3 on 9 elements with one hidden
// layer of 8: seconds of work.
std::string SmallStudy(const std::string& name, const std::string& rest) {
  return "[study]\nname = \"" + name + R"toml("
[relation]
plugin = "mod_k"
k = 3
n = 9
[model]
depth = 1
width = 8
)toml" + rest;
}

const std::string kFractionStudy = SmallStudy("report-fraction", R"toml(
[train]
steps = 200
eval_every = 50
[sweep]
"train.fraction" = "linspace(0.3, 0.7, 3)"
replicates = 2
[[analyzer]]
plugin = "info_bound"
training_sets = 2
)toml");

const std::string kGridStudy = SmallStudy("report-grid", R"toml(
[train]
steps = 300
eval_every = 50
[sweep]
"train.lr_enc" = "logspace(-3, -1, 2)"
"train.lr_dec" = "logspace(-3, -1, 2)"
[[analyzer]]
plugin = "phase"
budget = 300
gap = 100
)toml");

// The local files index.html points to (src= and href=, no anchors or URLs).
std::set<std::string> ReferencedFiles(const std::string& html) {
  std::set<std::string> files;
  const std::regex ref(R"re((?:src|href)="([^"#:]+)")re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), ref); it != std::sregex_iterator(); ++it)
    files.insert((*it)[1].str());
  return files;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Runs `geneft report` on `store` into DIR and checks the page and its files.
// `figures` are the figure ids the page must show.
std::string CheckReport(const fs::path& store, const fs::path& dir,
                        const std::vector<std::string>& figures) {
  fs::remove_all(dir);
  const Result r = geneft::testing::RunGeneft("report " + store.string() + " -o " + dir.string());
  INFO(r.output);
  CHECK(r.exit_code == 0);
  const fs::path page = dir / "index.html";
  REQUIRE(fs::is_regular_file(page));
  const std::string html = ReadFile(page);
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(html, Catch::Contains("</html>"));
  // Self-contained: nothing fetched from a network, no script.
  CHECK_THAT(html, !Catch::Contains("http://") && !Catch::Contains("https://"));
  CHECK_THAT(html, !Catch::Contains("<script"));

  const std::set<std::string> files = ReferencedFiles(html);
  for (const std::string& f : files) {
    INFO("index.html references " << f);
    CHECK(fs::is_regular_file(dir / f));
    CHECK(fs::file_size(dir / f) > 0);
  }
  for (const std::string& id : figures) {
    INFO("figure " << id);
    CHECK(files.count(id + ".dat") == 1);
    CHECK(files.count(id + ".gp") == 1);
  }
  if (!HaveGnuplot()) {
    WARN("gnuplot is not installed: figure drawing not checked (apt-get install gnuplot-nox)");
    CHECK_THAT(html, Catch::Contains("Figures need gnuplot"));
    return html;
  }
  CHECK_THAT(html, !Catch::Contains("Figures need gnuplot"));
  for (const std::string& id : figures) {
    INFO("figure " << id);
    CHECK(files.count(id + ".svg") == 1);
    CHECK(files.count(id + ".png") == 1);
    CHECK_THAT(html, Catch::Contains("<img src=\"" + id + ".svg\""));
  }
  int svgs = 0, pngs = 0;
  for (const std::string& f : files) {
    INFO("file " << f);
    const std::string bytes = ReadFile(dir / f);
    if (EndsWith(f, ".svg")) {
      ++svgs;
      CHECK((bytes.rfind("<?xml", 0) == 0 || bytes.rfind("<svg", 0) == 0));
      CHECK_THAT(bytes, Catch::Contains("</svg>"));
    } else if (EndsWith(f, ".png")) {
      ++pngs;
      CHECK(bytes.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    }
  }
  CHECK(svgs >= static_cast<int>(figures.size()));
  CHECK(pngs == svgs);
  return html;
}

}  // namespace

TEST_CASE("report of a training-fraction sweep: accuracy vs fraction with the bounds") {
  const fs::path store = Store("report-fraction", kFractionStudy);
  const std::string html = CheckReport(store, kDir / "fraction-report", {"accuracy-vs-fraction"});
  CHECK_THAT(html, Catch::Contains("6 of 6 runs stored"));
  CHECK_THAT(html, Catch::Contains("Eq. 5"));
  CHECK_THAT(html, Catch::Contains("Monte Carlo bound"));
  // The caption says which hypothesis space drew the bound and what its band is.
  CHECK_THAT(html, Catch::Contains("Method: orbit"));
  CHECK_THAT(html, Catch::Contains("standard error of the mean"));
  CHECK_THAT(html, Catch::Contains("name = &quot;report-fraction&quot;"));  // the TOML text
  // Two chosen runs: best and worst, each with accuracy and embedding figures.
  const std::regex chosen("run-\\d+-\\d+-(accuracy|embedding)\\.svg");
  CHECK(std::distance(std::sregex_iterator(html.begin(), html.end(), chosen),
                      std::sregex_iterator()) >= 4);
}

TEST_CASE("report of a 2 x 2 learning-rate grid: the phase diagram") {
  const fs::path store = Store("report-grid", kGridStudy);
  const std::string html = CheckReport(store, kDir / "grid-report", {"phase-diagram"});
  CHECK_THAT(html, Catch::Contains("4 of 4 runs stored"));
  CHECK_THAT(html, Catch::Contains("train.lr_enc (x) and train.lr_dec (y)"));
  CHECK_THAT(html, Catch::Contains("log-scaled axes"));
  const std::string data = ReadFile(kDir / "grid-report" / "phase-diagram.dat");
  CHECK(std::count(data.begin(), data.end(), '\n') >= 4);  // one row per cell
}

TEST_CASE("report of a study still running shows the runs stored so far and failed runs") {
  const fs::path partial = EditedCopy(
      Store("report-grid-partial", kGridStudy), "report-partial.db",
      "DELETE FROM runs WHERE run_index = 3;"
      "UPDATE runs SET status = 'failed', reason = 'relation plugin: out of memory',"
      " train_accuracy = NULL, test_accuracy = NULL, all_accuracy = NULL"
      " WHERE run_index = 0;"
      "DELETE FROM results WHERE run_hash = (SELECT run_hash FROM runs WHERE run_index = 0);");
  const std::string html = CheckReport(partial, kDir / "partial-report", {"phase-diagram"});
  CHECK_THAT(html, Catch::Contains("3 of 4 runs stored"));
  CHECK_THAT(html, Catch::Contains("relation plugin: out of memory"));
  if (HaveGnuplot()) CHECK_THAT(ReadFile(kDir / "partial-report" / "phase-diagram.gp"),
                                Catch::Contains("title 'failed'"));
}

TEST_CASE("a boundary that is no straight line is drawn thin and the caption says so") {
  const fs::path full = Store("report-grid-boundary", kGridStudy);
  for (const double rms_steps : {0.4, 2.5}) {
    // Study-level results as the phase analyzer writes them (run_hash '').
    const fs::path store = EditedCopy(
        full, "report-boundary.db",
        "DELETE FROM results WHERE run_hash = '' AND name LIKE 'phase.boundary.%';"
        "INSERT INTO results(run_hash, name, number) VALUES"
        " ('', 'phase.boundary.slope', 1), ('', 'phase.boundary.intercept', 0.5),"
        " ('', 'phase.boundary.rms_steps', " + std::to_string(rms_steps) + ");");
    INFO("rms_steps = " << rms_steps);
    const fs::path dir = kDir / "boundary-report";
    const std::string html = CheckReport(store, dir, {"phase-diagram"});
    const std::string script = ReadFile(dir / "phase-diagram.gp");
    if (rms_steps < 1) {
      CHECK_THAT(script, Catch::Contains("title 'fitted boundary'"));
      CHECK_THAT(html, Catch::Contains("The solid black line"));
      CHECK_THAT(html, !Catch::Contains("not one straight line"));
    } else {
      CHECK_THAT(script, Catch::Contains("title 'straight-line fit (poor)'"));
      CHECK_THAT(html, Catch::Contains("stray 2.5 grid steps (rms)"));
      CHECK_THAT(html, Catch::Contains("not one straight line"));
    }
  }
}

TEST_CASE("report of a ratio sweep at two zipped init scales: one diagram, one measured series per scale") {
  const fs::path store = Store("report-ratio", SmallStudy("report-ratio", R"toml(
[train]
steps = 200
eval_every = 50
[sweep]
"train.lr_dec" = [1e-4, 1e-2]
replicates = 2
[[sweep.zip]]
"model.encoder_init_scale" = [0.3, 3.0]
"model.decoder_init_scale" = [0.3, 3.0]
[[analyzer]]
plugin = "phase"
budget = 200
gap = 50
[[analyzer]]
plugin = "repon"
mc_samples = 0
)toml"));
  const fs::path dir = kDir / "ratio-report";
  const std::string html = CheckReport(store, dir, {"generalization-vs-ratio", "phase-diagram"});
  // The zipped scales are one axis: one diagram of lr_dec x encoder scale,
  // its two scales labelled (a log axis short of two decades).
  CHECK(!fs::exists(dir / "phase-diagram-1.dat"));
  CHECK_THAT(ReadFile(dir / "phase-diagram.gp"), Catch::Contains("set ytics ('0.3' 0.3, '3' 3)"));
  const std::string script = ReadFile(dir / "generalization-vs-ratio.gp");
  // Both scales keep sigma_a / sigma_c: two measured series, one curve.
  CHECK_THAT(script, Catch::Contains("'repon.measured_vs_ratio.sigma_a_0.0866_sigma_c_0.212'"));
  CHECK_THAT(script, Catch::Contains("'repon.measured_vs_ratio.sigma_a_0.866_sigma_c_2.12'"));
  CHECK_THAT(script, Catch::Contains("'repon.eq12_curve'"));
  // The two measured series sit at the same ratios, shifted apart.
  size_t shifted = 0;
  for (size_t at = script.find("using ($1 * "); at != std::string::npos;
       at = script.find("using ($1 * ", at + 1))
    ++shifted;
  CHECK(shifted == 2);
  CHECK_THAT(html, Catch::Contains("shifted sideways"));
}

TEST_CASE("without gnuplot the page still has its tables and says figures need gnuplot") {
  const fs::path store = Store("report-grid-no-gnuplot", kGridStudy);
  const fs::path dir = kDir / "no-gnuplot-report";
  fs::remove_all(dir);
  ::setenv("GENEFT_GNUPLOT", "", 1);  // as if gnuplot were not installed
  const Result r = geneft::testing::RunGeneft("report " + store.string() + " -o " + dir.string());
  ::unsetenv("GENEFT_GNUPLOT");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("figures need gnuplot"));
  const std::string html = ReadFile(dir / "index.html");
  CHECK_THAT(html, Catch::Contains("Figures need gnuplot"));
  CHECK_THAT(html, Catch::Contains("gnuplot phase-diagram.gp"));
  CHECK_THAT(html, !Catch::Contains("<img"));
  CHECK_THAT(html, Catch::Contains("<h2 id=\"runs\">Runs</h2>"));
  CHECK(fs::is_regular_file(dir / "phase-diagram.gp"));
  CHECK(!fs::exists(dir / "phase-diagram.svg"));
}

TEST_CASE("report refuses a missing store and a file that is not a store") {
  const Result missing = geneft::testing::RunGeneft("report " + (kDir / "no-such.db").string());
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.output, Catch::Contains("no such file"));
  fs::create_directories(kDir);
  const fs::path empty = kDir / "empty.db";
  fs::remove(empty);
  {
    geneft::SqliteDb db;
    std::string err;
    REQUIRE(db.Open(empty, geneft::SqliteAccess::kReadWrite, &err));
    REQUIRE(db.Exec("CREATE TABLE study(key TEXT PRIMARY KEY, value TEXT NOT NULL);", &err));
  }
  const Result not_a_study = geneft::testing::RunGeneft("report " + empty.string());
  CHECK(not_a_study.exit_code == 2);
  CHECK_THAT(not_a_study.output, Catch::Contains("holds no study"));
}
