// Internal to the report's sweep figures: the builder of each figure kind,
// one file each; ChooseFigures (report_figures.cpp) decides which to draw.
#pragma once

#include "report/figure_util.h"

#include <string>
#include <vector>

namespace geneft::report {

// Fig. 2 / 3: final accuracy vs training fraction with the info_bound bounds
// (report_fraction_figure.cpp).
Figure FractionFigure(const ReportData& data, const RunList& runs, const std::string& group,
                      const std::string& suffix);

// The phase diagram over `kx` x `ky`, or the final test accuracy grid when no
// run was classified (Fig. 5, 8; report_phase_figure.cpp).
Figure PhaseFigure(const ReportData& data, const RunList& runs, const std::string& kx,
                   const std::string& ky, const std::string& group, const std::string& suffix);

// Generalization probability vs learning-rate ratio (Fig. 6;
// report_ratio_figure.cpp).
Figure RatioFigure(const ReportData& data);

// One swept key: test accuracy vs depth, width, ... (Fig. 7;
// report_key_figure.cpp).
Figure KeyFigure(const ReportData& data, const RunList& runs, const std::string& key,
                 const std::vector<std::string>& group_keys);

// A study with one swept setting: an analyzer's per-run scalar `result`
// vs it (result_figure.cpp).
Figure ResultFigure(const ReportData& data, const RunList& runs, const std::string& key,
                    const std::string& result);

}  // namespace geneft::report
