// Progress of a study on stderr: a redrawn bar on a terminal (runs done /
// total, elapsed, ETA, runs per second), a plain line every 10 seconds
// otherwise, nothing with --quiet.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace geneft {

class Progress {
 public:
  Progress(size_t total, bool quiet);
  /// Runs that were done before this invocation (resumed studies): counted
  /// as done, but not in the rate.
  void SetAlreadyDone(size_t done);
  /// Records that `done` of `total` runs finished (`failed` of them badly).
  void Update(size_t done, size_t failed);
  /// Redraws if due (called about once a second).
  void Tick();
  /// Ends the bar's line.
  void Finish();

  /// "1h02m", "3m05s", "12s".
  static std::string Duration(double seconds);

 private:
  void Draw(bool force);
  std::string Line() const;

  size_t total_, done_ = 0, failed_ = 0, already_done_ = 0;
  bool quiet_, tty_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace geneft
