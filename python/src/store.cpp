// read_store(): every table of a store, as the store's own reader reads it
// for `geneft export`, in one read transaction.
#include "bindings.h"
#include "store/store_reader.h"

#include <pybind11/stl.h>

#include <string>

namespace geneft::python {
namespace {

// The bytes a BLOB cell's lowercase hex stands for.
std::string HexBytes(const std::string& hex) {
  std::string bytes(hex.size() / 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return bytes;
}

py::object Value(const TableCell& cell) {
  switch (cell.kind) {
    case TableCell::kNull: return py::none();
    case TableCell::kInteger: return py::int_(cell.integer);
    case TableCell::kReal: return py::float_(cell.real);
    case TableCell::kText: return py::str(cell.text);
    case TableCell::kBlob: return py::bytes(HexBytes(cell.text));
  }
  return py::none();
}

// {table: (columns, {column: [values...]})}, tables in StoreTables() order;
// NULL is None, INTEGER int, REAL float (exact), TEXT str, BLOB bytes.
py::dict ReadStore(const std::string& path) {
  StoreReader reader;
  std::string err;
  if (!reader.Open(path, &err)) Raise(cli::kExitBadInput, err);
  py::dict tables;
  std::vector<py::list> columns;
  const auto header = [&](const std::string& table, const std::vector<std::string>& names) {
    columns.clear();
    py::dict data;
    for (const std::string& name : names) data[py::str(name)] = columns.emplace_back();
    tables[py::str(table)] = py::make_tuple(names, data);
  };
  const auto row = [&](const std::vector<TableCell>& cells) {
    for (size_t c = 0; c < cells.size(); ++c) columns[c].append(Value(cells[c]));
  };
  if (!reader.EveryTable(header, row, &err)) Raise(cli::kExitInternal, err);
  return tables;
}

}  // namespace

void DefineStore(py::module_& m) {
  m.def("read_store", &ReadStore, py::arg("path"),
        "Every table of the store at `path`: {table: (columns, {column: values})}.");
}

}  // namespace geneft::python
