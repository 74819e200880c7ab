#include "report/gnuplot.h"

#include "util/text_file.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

namespace geneft::report {
namespace {

constexpr const char* kSize = "size 820,520";

bool NonEmptyFile(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) > 0;
}

// Runs `program script` in `dir`; *output gets its stdout and stderr.
int RunIn(const std::string& program, const std::filesystem::path& dir, const std::string& script,
          std::string* output) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]), close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    close(fds[1]);
    const int null_in = open("/dev/null", O_RDONLY);
    if (null_in >= 0) dup2(null_in, STDIN_FILENO);
    if (chdir(dir.c_str()) != 0) _exit(126);
    execlp(program.c_str(), program.c_str(), script.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  char buf[4096];
  for (ssize_t got; (got = read(fds[0], buf, sizeof buf)) > 0;) output->append(buf, got);
  close(fds[0]);
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

std::string FindGnuplot() {
  if (const char* given = std::getenv("GENEFT_GNUPLOT")) return given;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    const std::filesystem::path candidate = std::filesystem::path(dir) / "gnuplot";
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

std::string GnuplotScript(const Figure& f) {
  std::string s;
  s += "# " + f.title + "\n";
  s += "# Written by geneft report; data in " + f.id + ".dat. Redraw in this folder with:\n";
  s += "#   gnuplot " + f.id + ".gp\n";
  s += std::string("set terminal svg ") + kSize +
       " noenhanced font 'Sans,13' linewidth 1.2 background rgb 'white'\n";
  s += "set output '" + f.id + ".svg'\n";
  s += f.commands;
  s += std::string("set terminal pngcairo ") + kSize +
       " noenhanced font 'Sans,10' linewidth 1.2 background rgb 'white'\n";
  s += "set output '" + f.id + ".png'\n";
  s += "replot\nunset output\n";
  return s;
}

bool WriteFigureFiles(const std::filesystem::path& dir, const Figure& f, std::string* err) {
  return WriteTextFile(dir / (f.id + ".dat"), f.data, err) &&
         WriteTextFile(dir / (f.id + ".gp"), GnuplotScript(f), err);
}

bool DrawFigure(const std::string& gnuplot, const std::filesystem::path& dir, const Figure& f,
                std::string* err) {
  std::error_code ec;
  std::filesystem::remove(dir / (f.id + ".svg"), ec);
  std::filesystem::remove(dir / (f.id + ".png"), ec);
  std::string output;
  const int code = RunIn(gnuplot, dir, f.id + ".gp", &output);
  const bool drawn = NonEmptyFile(dir / (f.id + ".svg")) && NonEmptyFile(dir / (f.id + ".png"));
  if (code == 0 && drawn) return true;
  while (!output.empty() && output.back() == '\n') output.pop_back();
  *err = "gnuplot [" + gnuplot + "] on " + f.id + ".gp: " +
         (code == 127 ? std::string("cannot run the program")
                      : code != 0 ? "exit status " + std::to_string(code)
                                  : std::string("no SVG or PNG written")) +
         (output.empty() ? "" : ": " + output);
  return false;
}

}  // namespace geneft::report
