#include "run/progress.h"

#include <fmt/core.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace geneft {

Progress::Progress(size_t total, bool quiet)
    : total_(total), quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

std::string Progress::Duration(double s) {
  if (!std::isfinite(s)) return "?";
  const long t = std::lround(s);
  if (t >= 3600) return fmt::format("{}h{:02}m", t / 3600, (t % 3600) / 60);
  if (t >= 60) return fmt::format("{}m{:02}s", t / 60, t % 60);
  return fmt::format("{}s", t);
}

std::string Progress::Line() const {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? (done_ - already_done_) / elapsed : 0.0;
  const double eta = rate > 0 ? (total_ - done_) / rate : NAN;
  const int width = 30;
  const int filled = total_ == 0 ? width : static_cast<int>(width * done_ / total_);
  std::string bar = tty_ ? "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] " : "";
  std::string line = fmt::format("{}{}/{} runs  elapsed {}  ETA {}  {:.2f} runs/s", bar, done_,
                                 total_, Duration(elapsed), done_ == total_ ? "0s" : Duration(eta), rate);
  if (failed_ > 0) line += fmt::format("  ({} failed)", failed_);
  return line;
}

void Progress::Draw(bool force) {
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  const double since = std::chrono::duration<double>(now - last_draw_).count();
  if (!force && since < (tty_ ? 0.2 : 10.0)) return;
  last_draw_ = now;
  if (tty_) std::fprintf(stderr, "\r%s\033[K", Line().c_str());
  else std::fprintf(stderr, "%s\n", Line().c_str());
  std::fflush(stderr);
}

void Progress::SetAlreadyDone(size_t done) {
  already_done_ = done;
  done_ = done;
}

void Progress::Update(size_t done, size_t failed) {
  done_ = done;
  failed_ = failed;
  Draw(false);
}

void Progress::Tick() { Draw(false); }

void Progress::Finish() {
  if (quiet_) return;
  Draw(true);
  if (tty_) std::fprintf(stderr, "\n");
}

}  // namespace geneft
