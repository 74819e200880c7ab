#include "store/schema.h"

namespace geneft {

// study: key/value (name, fingerprint, definition, text, versions); runs: one
// row per run (status, reason, seed, timings, accuracies, first-passage steps,
// canonical settings; the columns of store_rows.h's VisitRunColumns);
// run_settings: every setting of every run, long form; trajectories;
// embeddings; results: analyzer scalars and texts (run_hash '' for the study
// level); series: analyzer curves; plugins: which plugin version (and library
// file, by hash) the stored results of each relation, decoder mode and
// analyzer came from, and an analyzer's parameters ("unknown" where a store
// of schema 1 did not say); predictions: each run's final model on every
// pair, n x n x class_count float32 probabilities by (row, column, class),
// little-endian, in one BLOB (none for runs stored before schema 3).
const char* StoreSchemaSql() {
  return R"sql(
CREATE TABLE IF NOT EXISTS study(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs(
  run_hash TEXT PRIMARY KEY, run_index INTEGER NOT NULL, replicate INTEGER NOT NULL,
  status TEXT NOT NULL, reason TEXT NOT NULL, seed INTEGER NOT NULL,
  steps_budget INTEGER, steps_done INTEGER, first_train_step INTEGER,
  first_test_step INTEGER, first_all_step INTEGER, diverged_step INTEGER,
  final_loss REAL, train_accuracy REAL, test_accuracy REAL, all_accuracy REAL,
  seconds REAL, settings TEXT NOT NULL, finished_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS run_settings(
  run_hash TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, number REAL,
  swept INTEGER NOT NULL, PRIMARY KEY(run_hash, key));
CREATE TABLE IF NOT EXISTS trajectories(
  run_hash TEXT NOT NULL, step INTEGER NOT NULL, loss REAL, train_accuracy REAL,
  test_accuracy REAL, all_accuracy REAL, PRIMARY KEY(run_hash, step));
CREATE TABLE IF NOT EXISTS embeddings(
  run_hash TEXT NOT NULL, element INTEGER NOT NULL, name TEXT NOT NULL, dim INTEGER NOT NULL,
  value REAL, PRIMARY KEY(run_hash, element, dim));
CREATE TABLE IF NOT EXISTS results(
  run_hash TEXT NOT NULL, name TEXT NOT NULL, number REAL, text TEXT,
  PRIMARY KEY(run_hash, name));
CREATE TABLE IF NOT EXISTS series(
  run_hash TEXT NOT NULL, name TEXT NOT NULL, idx INTEGER NOT NULL, x REAL, y REAL, err REAL,
  PRIMARY KEY(run_hash, name, idx));
CREATE TABLE IF NOT EXISTS plugins(
  kind TEXT NOT NULL, id TEXT NOT NULL, version TEXT NOT NULL, library_hash TEXT NOT NULL,
  params TEXT NOT NULL, host_version TEXT NOT NULL, recorded_at TEXT NOT NULL,
  PRIMARY KEY(kind, id));
CREATE TABLE IF NOT EXISTS predictions(
  run_hash TEXT PRIMARY KEY, class_count INTEGER NOT NULL, probabilities BLOB NOT NULL);
)sql";
}

const std::vector<std::string>& StoreTables() {
  static const std::vector<std::string> tables = {
      "runs",    "run_settings", "trajectories", "embeddings", "predictions",
      "results", "series",       "study",        "plugins"};
  return tables;
}

}  // namespace geneft
