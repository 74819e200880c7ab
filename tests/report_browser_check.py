#!/usr/bin/env python3
"""Opens a geneft report in headless Chromium and checks that it reads offline.

Trains a small study (a 2 x 2 learning-rate grid with the phase analyzer)
unless --store is given, writes its report with `geneft report`, then:
  * loads a copy of index.html with a small check script added (the report
    itself has none) through `chromium --headless --dump-dom`; the script
    writes into the DOM how many <img> loaded (naturalWidth > 0) and any
    error event or console.error; the dumped DOM must show every image
    loaded and no error;
  * the browser's own log (--enable-logging=stderr) must hold no console
    message from the page;
  * renders index.html to a PNG with --screenshot (kept for a person to look
    at; its path is printed).

Exit status: 0 passed, 1 failed, 77 skipped (no chromium, or gnuplot missing
so the report has no images), for CTest's SKIP_RETURN_CODE.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

STUDY = """
[study]
name = "browser-check"
description = "2 x 2 learning-rate grid for the report's browser check"
[relation]
plugin = "mod_k"
k = 3
n = 9
[model]
depth = 1
width = 8
[train]
steps = 300
eval_every = 50
[sweep]
"train.lr_enc" = "logspace(-3, -1, 2)"
"train.lr_dec" = "logspace(-3, -1, 2)"
[[analyzer]]
plugin = "phase"
budget = 300
gap = 100
"""

CHECK_HEAD = """<script>
window.__geneftErrors = [];
window.addEventListener('error', function (e) {
  var t = e.target;
  window.__geneftErrors.push(t && t !== window && (t.src || t.href)
      ? 'failed to load ' + (t.src || t.href) : 'error: ' + e.message);
}, true);
(function () {
  var original = console.error;
  console.error = function () {
    window.__geneftErrors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
    original.apply(console, arguments);
  };
})();
</script>
"""

CHECK_BODY = """<script>
window.addEventListener('load', function () {
  var images = Array.prototype.slice.call(document.images);
  var broken = images.filter(function (i) { return !(i.complete && i.naturalWidth > 0); });
  var out = document.createElement('pre');
  out.id = 'geneft-browser-check';
  out.textContent = 'IMAGES ' + images.length + ' LOADED ' + (images.length - broken.length) +
      ' BROKEN [' + broken.map(function (i) { return i.getAttribute('src'); }).join(' ') +
      '] ERRORS [' + window.__geneftErrors.join(' | ') + '] END';
  document.body.appendChild(out);
});
</script>
"""


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)


def chromium_command(chromium, profile):
    return [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
            "--user-data-dir=" + profile, "--allow-file-access-from-files",
            "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geneft", required=True, help="the geneft binary")
    parser.add_argument("--work", required=True, help="folder for the study, store and report")
    parser.add_argument("--store", help="report this store instead of training a small study")
    parser.add_argument("--screenshot", help="PNG to write (default: WORK/report-screenshot.png)")
    args = parser.parse_args()

    chromium = find_chromium()
    if chromium is None:
        print("SKIP: chromium not found (Debian: apt-get install chromium)")
        return SKIP

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    store = args.store
    if store is None:
        study = os.path.join(work, "browser-check.toml")
        store = os.path.join(work, "browser-check.db")
        with open(study, "w") as f:
            f.write(STUDY)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(store + suffix):
                os.remove(store + suffix)
        r = run([args.geneft, "run", study, "--out", store, "--quiet"])
        if r.returncode != 0:
            print("FAIL: geneft run exited %d:\n%s%s" % (r.returncode, r.stdout, r.stderr))
            return 1
    report = os.path.join(work, "report")
    shutil.rmtree(report, ignore_errors=True)
    r = run([args.geneft, "report", store, "-o", report])
    if r.returncode != 0:
        print("FAIL: geneft report exited %d:\n%s%s" % (r.returncode, r.stdout, r.stderr))
        return 1

    with open(os.path.join(report, "index.html"), encoding="utf-8") as f:
        html = f.read()
    expected = len(re.findall(r"<img\b", html))
    if expected == 0:
        if "Figures need gnuplot" in html:
            print("SKIP: gnuplot is missing, the report has no images to load")
            return SKIP
        print("FAIL: the report shows no figure")
        return 1

    # The page plus the check script, beside it so relative paths resolve.
    checked = html.replace("</head>", CHECK_HEAD + "</head>", 1).replace(
        "</body>", CHECK_BODY + "</body>", 1)
    check_page = os.path.join(report, "browser-check.html")
    with open(check_page, "w", encoding="utf-8") as f:
        f.write(checked)

    failures = []
    with tempfile.TemporaryDirectory() as profile:
        r = run(chromium_command(chromium, profile) + ["--dump-dom", "file://" + check_page])
    os.remove(check_page)
    found = re.search(r"IMAGES (\d+) LOADED (\d+) BROKEN \[([^\]]*)\] ERRORS \[(.*?)\] END",
                      r.stdout, re.S)
    if r.returncode != 0 or not found:
        failures.append("chromium --dump-dom gave no check result (exit %d); stderr:\n%s"
                        % (r.returncode, r.stderr[-3000:]))
    else:
        images, loaded, broken, errors = int(found[1]), int(found[2]), found[3], found[4]
        print("images: %d on the page, %d loaded" % (images, loaded))
        if images != expected or loaded != expected:
            failures.append("%d of %d images loaded; broken: %s" % (loaded, expected, broken))
        if errors.strip():
            failures.append("page errors: " + errors)
    console = [line for line in r.stderr.splitlines() if ":CONSOLE" in line]
    if console:
        failures.append("console messages:\n  " + "\n  ".join(console))

    screenshot = os.path.abspath(args.screenshot or os.path.join(work, "report-screenshot.png"))
    if os.path.exists(screenshot):
        os.remove(screenshot)
    with tempfile.TemporaryDirectory() as profile:
        r = run(chromium_command(chromium, profile) +
                ["--hide-scrollbars", "--window-size=1200,2400", "--screenshot=" + screenshot,
                 "file://" + os.path.join(report, "index.html")])
    try:
        with open(screenshot, "rb") as f:
            if f.read(8) != b"\x89PNG\r\n\x1a\n":
                failures.append("screenshot %s is not a PNG" % screenshot)
    except OSError:
        failures.append("chromium wrote no screenshot (exit %d): %s" % (r.returncode, r.stderr[-2000:]))

    if failures:
        print("FAIL:\n" + "\n".join(failures))
        return 1
    print("ok: %s opened in %s, every image loaded, no console error; screenshot %s"
          % (os.path.join(report, "index.html"), os.path.basename(chromium), screenshot))
    return 0


if __name__ == "__main__":
    sys.exit(main())
