// The report's page: one self-contained index.html (inline CSS, no scripts,
// figures as relative files beside it) a person reads offline.
#pragma once

#include "report/figures.h"

#include <string>
#include <vector>

namespace geneft::report {

/// What became of one figure.
struct DrawnFigure {
  const Figure* figure = nullptr;
  bool drawn = false;  ///< ID.svg and ID.png exist
  std::string error;   ///< why not, when not
};

/// The page for `data`. `gnuplot_problem` is empty when gnuplot ran, else
/// the sentence the page shows in place of the figures' images.
std::string ReportPage(const ReportData& data, const std::vector<DrawnFigure>& figures,
                       const std::string& gnuplot_problem);

/// `text` with &, <, >, " escaped for HTML.
std::string HtmlEscape(const std::string& text);

}  // namespace geneft::report
