// geneft export / geneft merge: getting results out of stores, and
// combining the stores of a sharded study.
#include "cli/commands.h"
#include "cli/options.h"
#include "store/result_store.h"
#include "util/text_file.h"
#include <geneft/common/names.h>

#include <fmt/core.h>

#include <iostream>
#include <sstream>

namespace geneft::cli {
namespace {

const std::vector<std::string> kTables = {"runs",    "run_settings", "trajectories", "embeddings",
                                          "results", "series",       "study"};

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", c);
    else out += c;
  }
  return out + "\"";
}

// Writes every row of `table` as CSV (header first) or a JSON array of objects.
bool Export(SqliteDb& db, const std::string& table, bool json, std::ostream& out, std::string* err) {
  SqliteStatement s;
  if (!db.Prepare("SELECT * FROM " + table, &s, err)) return false;
  const int columns = s.Columns();
  if (!json) {
    for (int c = 0; c < columns; ++c) out << (c ? "," : "") << s.ColumnName(c);
    out << "\n";
  } else {
    out << "[";
  }
  bool row = false, first = true;
  while (s.Step(&row, err) && row) {
    if (json) out << (first ? "\n  {" : ",\n  {");
    for (int c = 0; c < columns; ++c) {
      const std::string value = s.IsNull(c) ? "" : s.Text(c);
      if (json) {
        out << (c ? ", " : "") << JsonString(s.ColumnName(c)) << ": "
            << (s.IsNull(c) ? "null" : s.IsNumeric(c) ? value : JsonString(value));
      } else {
        out << (c ? "," : "") << CsvField(value);
      }
    }
    out << (json ? "}" : "\n");
    first = false;
  }
  if (json) out << (first ? "]\n" : "\n]\n");
  return err->empty();
}

}  // namespace

int ExportStore(const Args& args) {
  namespace po = boost::program_options;
  CommonOptions common;
  std::string store_path, format = "csv", table = "runs", output;
  auto options = CommonOptionsDescription(
      "geneft export STORE [--format csv|json] [--table NAME] [-o FILE]", &common);
  options.add_options()("format", po::value(&format), "csv (default) or json")(
      "table", po::value(&table),
      "runs (default), run_settings, trajectories, embeddings, results, series, study")(
      "output,o", po::value(&output), "write here instead of standard output");
  if (int code = ParseOptions(args, options, "store", &store_path); code >= 0) return code;
  if (store_path.empty()) return Fail(kExitBadInput, "export needs a store file");
  const std::vector<std::string> formats = {"csv", "json"};
  if (std::find(formats.begin(), formats.end(), format) == formats.end())
    return Fail(kExitBadInput, "--format: " + UnknownName("format", format, formats));
  if (std::find(kTables.begin(), kTables.end(), table) == kTables.end())
    return Fail(kExitBadInput, "--table: " + UnknownName("table", table, kTables));

  ResultStore store;
  std::string err;
  if (!store.OpenReadOnly(store_path, &err)) return Fail(kExitBadInput, err);
  if (output.empty()) {
    if (!Export(store.db(), table, format == "json", std::cout, &err))
      return Fail(kExitInternal, err);
    return kExitOk;
  }
  std::ostringstream text;
  if (!Export(store.db(), table, format == "json", text, &err) ||
      !WriteTextFile(output, text.str(), &err))
    return Fail(kExitInternal, err);
  return kExitOk;
}

int Merge(const Args& args) {
  CommonOptions common;
  std::vector<std::string> paths;
  auto options = CommonOptionsDescription("geneft merge OUT.db IN.db [IN.db ...]", &common);
  if (int code = ParseOptions(args, options, "stores", &paths); code >= 0) return code;
  if (paths.size() < 2) return Fail(kExitBadInput, "merge needs OUT.db and at least one IN.db");

  ResultStore out;
  std::string err;
  if (!out.Open(paths[0], &err)) return Fail(kExitInternal, err);
  for (size_t i = 1; i < paths.size(); ++i) {
    int copied = 0;
    if (!out.MergeFrom(paths[i], &copied, &err)) return Fail(kExitBadInput, err);
    if (!common.quiet) fmt::print("{}: {} runs merged\n", paths[i], copied);
  }
  return kExitOk;
}

}  // namespace geneft::cli
