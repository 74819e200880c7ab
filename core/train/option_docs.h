// What `geneft describe model` and `geneft describe train` print for every
// key of a study's [model] and [train] tables: its type, default, range and
// a line of help. Keys and defaults come from VisitModelOptions /
// VisitTrainOptions over default-constructed options, so they cannot drift
// from what the study reader accepts; only the range and help are written
// here (train_options.h's comments say the same at more length).
#pragma once

#include <string>
#include <vector>

namespace geneft {

struct OptionDoc {
  std::string key;
  std::string type;           ///< "int", "double", "string", "bool" (as plugins' parameters)
  std::string default_value;  ///< as a study file would write it
  std::string range;          ///< e.g. "1 .. 4096", "normal | uniform"
  std::string help;
};

/// Every [model] key in the order the study file documents them.
std::vector<OptionDoc> ModelOptionDocs();
/// Every [train] key in the same order.
std::vector<OptionDoc> TrainOptionDocs();

}  // namespace geneft
