// The geneft_study_view handed to study-level analyzers: every stored run
// with its settings, summary columns and per-run analyzer results.
#pragma once

#include "store/store_reader.h"

#include <geneft/geneft_plugin.h>

#include <map>
#include <string>
#include <vector>

namespace geneft {

/// Stored runs loaded into memory, in run_index order.
class StoredRuns {
 public:
  /// Loads from `store`: settings, the runs table's columns (status,
  /// test_accuracy, first_test_step, ...) and results (scalars and texts).
  bool Load(StoreReader& store, std::string* err);

  size_t size() const { return numbers_.size(); }
  /// A run's number by key, or false.
  bool Number(size_t run, const std::string& key, double* out) const;
  bool Text(size_t run, const std::string& key, std::string* out) const;

  /// The C view over these runs; valid while this object lives.
  const geneft_study_view* View(const std::vector<std::string>& swept_keys);

 private:
  std::vector<std::map<std::string, double>> numbers_;
  std::vector<std::map<std::string, std::string>> texts_;
  std::vector<std::string> swept_;
  std::vector<const char*> swept_ptrs_;
  geneft_study_view view_{};
};

}  // namespace geneft
