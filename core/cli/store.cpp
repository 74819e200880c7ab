// geneft export / geneft merge: getting results out of stores, and
// combining the stores of a sharded study.
#include "cli/commands.h"
#include "cli/options.h"
#include "store/export.h"
#include "store/merge.h"
#include "store/schema.h"
#include "util/text_file.h"
#include <geneft/common/names.h>

#include <fmt/core.h>

#include <algorithm>
#include <iostream>
#include <sstream>

namespace geneft::cli {

int ExportStore(const Args& args) {
  namespace po = boost::program_options;
  CommonOptions common;
  std::string store_path, format = "csv", table = "runs", output;
  auto options = CommonOptionsDescription(
      "geneft export STORE [--format csv|json] [--table NAME] [-o FILE]", &common);
  options.add_options()("format", po::value(&format), "csv (default) or json")(
      "table", po::value(&table),
      "runs (default), run_settings, trajectories, embeddings, predictions (each run's "
      "probabilities: float32 little-endian, in hex), results, series, study, plugins")(
      "output,o", po::value(&output), "write here instead of standard output");
  if (int code = ParseOptions(args, options, "store", &store_path); code >= 0) return code;
  if (store_path.empty()) return Fail(kExitBadInput, "export needs a store file");
  const std::vector<std::string> formats = {"csv", "json"};
  if (std::find(formats.begin(), formats.end(), format) == formats.end())
    return Fail(kExitBadInput, "--format: " + UnknownName("format", format, formats));
  const std::vector<std::string>& tables = StoreTables();
  if (std::find(tables.begin(), tables.end(), table) == tables.end())
    return Fail(kExitBadInput, "--table: " + UnknownName("table", table, tables));

  StoreReader store;
  std::string err;
  if (!store.Open(store_path, &err)) return Fail(kExitBadInput, err);
  const ExportFormat as = format == "json" ? ExportFormat::kJson : ExportFormat::kCsv;
  if (output.empty()) {
    if (!ExportTable(store, table, as, std::cout, &err)) return Fail(kExitInternal, err);
    return kExitOk;
  }
  std::ostringstream text;
  if (!ExportTable(store, table, as, text, &err) || !WriteTextFile(output, text.str(), &err))
    return Fail(kExitInternal, err);
  return kExitOk;
}

int Merge(const Args& args) {
  CommonOptions common;
  std::vector<std::string> paths;
  auto options = CommonOptionsDescription("geneft merge OUT.db IN.db [IN.db ...]", &common);
  if (int code = ParseOptions(args, options, "stores", &paths); code >= 0) return code;
  if (paths.size() < 2) return Fail(kExitBadInput, "merge needs OUT.db and at least one IN.db");

  StoreLock lock;
  std::string err;
  if (!lock.Acquire(paths[0], CommandLine("merge", args), &err))
    return Fail(lock.busy() ? kExitBadInput : kExitInternal, err);
  ResultStore out;
  if (!out.Open(lock, &err)) return Fail(kExitInternal, err);
  for (size_t i = 1; i < paths.size(); ++i) {
    int copied = 0;
    if (!MergeStore(out, paths[i], &copied, &err)) return Fail(kExitBadInput, err);
    if (!common.quiet) fmt::print("{}: {} runs merged\n", paths[i], copied);
  }
  return kExitOk;
}

}  // namespace geneft::cli
