// The figures of a study report, chosen by what the study swept
// (run_settings.swept = 1) and which analyzer results the store holds:
//  * train.fraction swept: final train / test / all-pairs accuracy vs
//    fraction, with the info_bound analyzer's Eq. 5 bound, Monte Carlo bound
//    and b/n^2 line when stored (GenEFT Fig. 2, 3);
//  * two numeric keys swept on a grid: the phase diagram, cells coloured by
//    "phase.phase", with a fitted boundary ("phase.boundary_*") and the
//    Eq. 12 line ("repon.*") when stored (Fig. 5, 8);
//  * study-level "repon.*" series: generalization probability vs
//    learning-rate ratio (Fig. 6);
//  * otherwise one numeric key swept (model.depth, model.width, ...): test
//    accuracy vs that key (Fig. 7);
//  * up to four chosen runs: accuracy vs step and the final embedding.
// Each figure is a data file plus gnuplot commands; report_gnuplot.h draws it.
#pragma once

#include "report/report_data.h"

#include <string>
#include <vector>

namespace geneft::report {

struct Figure {
  std::string id;       ///< file stem in the report folder: "accuracy-vs-fraction"
  std::string title;    ///< a heading for the page
  std::string caption;  ///< plain text: axes, units, the study it came from
  std::string data;     ///< the data file's text (gnuplot blocks, `index N`)
  /// gnuplot commands that draw the figure from `id.dat`, ending with one
  /// `plot` (the renderer sets the terminal and output before them and
  /// replots for the second format).
  std::string commands;
};

/// Chooses and builds the figures for `data`; reads trajectories and
/// embeddings of the chosen runs from `store`. Returns false with *err only
/// when the store cannot be read.
bool ChooseFigures(StoreReader& store, const ReportData& data, std::vector<Figure>* figures,
                   std::string* err);

/// The colour (#rrggbb) of a phase name in the phase diagram, shared with
/// the page's runs table.
std::string PhaseColour(const std::string& phase);

}  // namespace geneft::report
