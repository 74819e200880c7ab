// Draws the report's figures with gnuplot: each figure becomes ID.dat and
// ID.gp in the report folder, and `gnuplot ID.gp`, run in that folder,
// writes ID.svg (terminal svg) and ID.png (terminal pngcairo). The scripts
// stay beside the figures so a reader can change and redraw them.
#pragma once

#include "report/figures.h"

#include <filesystem>
#include <string>

namespace geneft::report {

/// The gnuplot program to run: $GENEFT_GNUPLOT when set (an empty value
/// disables drawing), else `gnuplot` found on $PATH; "" when there is none.
std::string FindGnuplot();

/// The full script of `figure`: terminal svg, its commands, then pngcairo
/// and a replot. File names in it are relative to the report folder.
std::string GnuplotScript(const Figure& figure);

/// Writes ID.dat and ID.gp into `dir`. False with *err on an I/O failure.
bool WriteFigureFiles(const std::filesystem::path& dir, const Figure& figure, std::string* err);

/// Runs `gnuplot` on ID.gp inside `dir`. True when ID.svg and ID.png exist
/// and are not empty; else false with *err holding gnuplot's own message.
bool DrawFigure(const std::string& gnuplot, const std::filesystem::path& dir,
                const Figure& figure, std::string* err);

}  // namespace geneft::report
