// Every study in share/studies/paper, reduced (two points per swept axis,
// one replicate, a few hundred steps, small Monte Carlo), is trained and
// reported as a user would: `geneft run`, then `geneft report`, whose page
// must reference only files that exist. Where Chromium is installed, the
// report is opened headless (tests/report_browser_check.py): every image
// loads and the page logs no error.
#include "test_support.h"

#include <catch2/catch.hpp>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const fs::path kPaper = fs::path(GENEFT_SOURCE_DIR) / "share" / "studies" / "paper";
const fs::path kWork = fs::path(GENEFT_BINARY_DIR) / "tests" / "paper_studies";

// "logspace(-5, -1, 9)" -> "logspace(-5, -1, 2)"; "range(0, 9)" -> "range(0, 2)".
std::string TwoPoints(const std::string& spec) {
  static const std::regex spaced(R"(^\s*(linspace|logspace)\(([^,]+),([^,]+),[^)]*\)\s*$)");
  static const std::regex range(R"(^\s*range\(\s*(-?\d+)\s*,[^)]*\)\s*$)");
  std::smatch m;
  if (std::regex_match(spec, m, spaced)) return m[1].str() + "(" + m[2].str() + "," + m[3].str() + ", 2)";
  if (std::regex_match(spec, m, range)) {
    const long first = std::stol(m[1].str());
    return "range(" + std::to_string(first) + ", " + std::to_string(first + 2) + ")";
  }
  return spec;
}

void KeepTwo(toml::node& values) {
  if (auto* array = values.as_array()) {
    while (array->size() > 2) array->erase(array->end() - 1);
  } else if (auto* text = values.as_string()) {
    *text = TwoPoints(text->get());
  }
}

void Shrink(toml::table& table, const char* key, int64_t most) {
  if (auto* v = table.get_as<int64_t>(key)) *v = std::min(v->get(), most);
}

// The study, cut down to seconds of work; what it sweeps stays the same.
std::string Reduced(const fs::path& file) {
  toml::table study = toml::parse_file(file.string());
  toml::table& train = *study.insert("train", toml::table{}).first->second.as_table();
  // A study that leaves steps at the default (Fig. 2's predictions) would
  // otherwise train 10^5 steps here.
  train.insert_or_assign("steps", std::min<int64_t>(train["steps"].value_or<int64_t>(400), 400));
  train.insert_or_assign("eval_every", 50);
  if (auto* sweep = study["sweep"].as_table()) {
    sweep->insert_or_assign("replicates", 1);
    for (auto& [key, values] : *sweep) {
      if (key.str() == "zip") {
        for (auto& group : *values.as_array())
          for (auto& [k, v] : *group.as_table()) KeepTwo(v);
      } else {
        KeepTwo(values);
      }
    }
  }
  if (auto* analyzers = study["analyzer"].as_array())
    for (auto& a : *analyzers) {
      toml::table& t = *a.as_table();
      Shrink(t, "budget", 400);
      Shrink(t, "gap", 100);
      Shrink(t, "training_sets", 2);
      Shrink(t, "fractions", 5);
      if (t["plugin"].value<std::string>() == "repon") t.insert_or_assign("mc_samples", 200);
    }
  std::ostringstream out;
  out << study << "\n";
  return out.str();
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool Installed(const char* program) {
  return std::system(("command -v " + std::string(program) + " > /dev/null 2>&1").c_str()) == 0;
}

}  // namespace

TEST_CASE("every paper study, reduced, trains and its report references only files that exist") {
  std::set<fs::path> studies;
  for (const auto& entry : fs::directory_iterator(kPaper))
    if (entry.path().extension() == ".toml") studies.insert(entry.path());
  REQUIRE(studies.size() >= 15);  // Fig. 2 (4 relations), 3a-b, 5a-c, 6, 7, 8a-c, the toy
  const bool browser = Installed("chromium") && Installed("gnuplot");
  if (!browser) WARN("chromium or gnuplot missing: reports are not opened in a browser");

  for (const fs::path& original : studies) {
    DYNAMIC_SECTION(original.filename().string()) {
      const fs::path dir = kWork / original.stem();
      fs::remove_all(dir);
      fs::create_directories(dir);
      const fs::path study = dir / original.filename(), store = dir / "study.db";
      std::ofstream(study) << Reduced(original);

      const auto run = geneft::testing::RunGeneft("run " + study.string() + " --quiet --out " + store.string());
      INFO(run.output);
      // 3: some reduced run diverged, which the study records and goes on.
      REQUIRE((run.exit_code == 0 || run.exit_code == 3));
      const auto report = geneft::testing::RunGeneft("report " + store.string() + " -o " + (dir / "report").string());
      INFO(report.output);
      REQUIRE(report.exit_code == 0);
      const std::string html = ReadFile(dir / "report" / "index.html");
      CHECK_THAT(html, Catch::Contains(original.stem().string()));
      const std::regex ref(R"re((?:src|href)="([^"#:]+)")re");
      for (auto it = std::sregex_iterator(html.begin(), html.end(), ref); it != std::sregex_iterator(); ++it) {
        INFO("index.html references " << (*it)[1].str());
        CHECK(fs::is_regular_file(dir / "report" / (*it)[1].str()));
      }
      if (browser) {
        const auto check = geneft::testing::RunCommand(
            "python3 " GENEFT_SOURCE_DIR "/tests/report_browser_check.py --geneft " GENEFT_BINARY_DIR
            "/bin/geneft --work " + (dir / "browser").string() + " --store " + store.string());
        INFO(check.output);
        CHECK(check.exit_code == 0);
      }
    }
  }
}
