// geneft export: one table of a store as CSV or JSON.
#pragma once

#include "store/store_reader.h"

#include <ostream>
#include <string>

namespace geneft {

enum class ExportFormat {
  kCsv,   ///< a header line, then one record per row (RFC 4180 quoting)
  kJson,  ///< an array of objects, one per row; NULL as null, numbers unquoted
};

/// Writes every row of `table` (one of StoreTables()) to `out`.
bool ExportTable(StoreReader& store, const std::string& table, ExportFormat format,
                 std::ostream& out, std::string* err);

}  // namespace geneft
