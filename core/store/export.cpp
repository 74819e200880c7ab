#include "store/export.h"

#include <fmt/core.h>

namespace geneft {
namespace {

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

}  // namespace

bool ExportTable(StoreReader& store, const std::string& table, ExportFormat format,
                 std::ostream& out, std::string* err) {
  const bool json = format == ExportFormat::kJson;
  std::vector<std::string> names;
  const auto header = [&](const std::vector<std::string>& columns) {
    names = columns;
    if (json) out << "[";
    for (size_t c = 0; !json && c < columns.size(); ++c) out << (c ? "," : "") << columns[c];
    if (!json) out << "\n";
  };
  bool first = true;
  const auto row = [&](const std::vector<TableCell>& cells) {
    if (json) out << (first ? "\n  {" : ",\n  {");
    for (size_t c = 0; c < cells.size(); ++c) {
      const TableCell& cell = cells[c];
      if (json) {
        out << (c ? ", " : "") << JsonString(names[c]) << ": "
            << (cell.kind == TableCell::kNull ? "null"
                : cell.IsNumber()                 ? cell.text
                                                  : JsonString(cell.text));
      } else {
        out << (c ? "," : "") << CsvField(cell.text);
      }
    }
    out << (json ? "}" : "\n");
    first = false;
  };
  if (!store.Table(table, header, row, err)) return false;
  if (json) out << (first ? "]\n" : "\n]\n");
  return true;
}

}  // namespace geneft
