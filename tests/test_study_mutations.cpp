// share/studies/mod3.toml broken in many ways, each checked with
// `geneft check` as a user runs it: every mistake exits 2 and the message
// names "<file>:<line>:" of the line at fault (the key, the table header, or
// the [sweep] entry that set the value) and the key.
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct Mutation {
  const char* what;     // for the test's log
  const char* from;     // text of mod3.toml to replace (first occurrence); "" appends
  const char* to;       // its replacement, or the text appended
  const char* at_line;  // the error's line: the first line of the result holding this
  const char* key;      // must appear in the message
  const char* from2 = nullptr;  // a second replacement, when one edit is not enough
  const char* to2 = nullptr;
};

const char* const kRelationTable = "[relation]\nplugin = \"mod_k\"\nn = 30\nk = 3\n";
const char* const kAnalyzerTables =
    "[[analyzer]]\nplugin = \"info_bound\"\n\n[[analyzer]]\nplugin = \"phase\"\n";

// [sweep] entries are appended to the study, which has no [sweep] table.
const Mutation kMutations[] = {
    // [study]
    {"name not a string", "name = \"mod3-default\"", "name = 3", "name = 3", "'name'"},
    {"negative seed", "seed = 1", "seed = -1", "seed = -1", "'seed'"},
    {"float seed", "seed = 1", "seed = 1.5", "seed = 1.5", "'seed'"},
    {"description not a string", "description = ", "description = true #", "description",
     "'description'"},
    {"plugin_files not a list", "seed = 1", "seed = 1\nplugin_files = \"x\"", "plugin_files",
     "'plugin_files'"},
    {"plugin_path, no longer read", "seed = 1", "seed = 1\nplugin_path = [\"x\"]", "plugin_path",
     "plugin_path is not read any more"},
    {"unknown [study] key", "seed = 1", "seed = 1\nsed = 2", "sed = 2", "'sed'"},
    // [relation]: types and names are the host's, ranges the plugin's
    {"n = 0 (plugin range)", "n = 30", "n = 0", "[relation]", "n = 0"},
    {"k = 0 (plugin range)", "k = 3", "k = 0", "[relation]", "k = 0"},
    {"k > n (plugin range)", "k = 3", "k = 31", "[relation]", "k = 31"},
    {"n beyond 2^53 (plugin range)", "n = 30", "n = 9007199254740993", "[relation]",
     "n = 9007199254740993"},
    {"n a string", "n = 30", "n = \"x\"", "n = \"x\"", "'n'"},
    {"n a float", "n = 30", "n = 1.5", "n = 1.5", "'n'"},
    {"unknown relation key", "k = 3", "kk = 3", "kk = 3", "'kk'"},
    {"unknown relation plugin", "plugin = \"mod_k\"", "plugin = \"mod_kk\"", "mod_kk", "'mod_kk'"},
    {"relation plugin not a string", "plugin = \"mod_k\"", "plugin = 3", "plugin = 3", "plugin"},
    {"empty [relation]", kRelationTable, "[relation]\n", "[relation]", "plugin"},
    {"relation not a table", kRelationTable, "", "relation = 3", "'relation'", "[study]",
     "relation = 3\n[study]"},
    // [decoder_mode]
    {"unknown decoder mode", "plugin = \"concat\"", "plugin = \"concatt\"", "concatt",
     "'concatt'"},
    {"parameter of a mode without parameters", "plugin = \"concat\"",
     "plugin = \"concat\"\nwidth = 3", "width = 3", "'width'"},
    // [model]
    {"embedding_dim = 0", "embedding_dim = 2", "embedding_dim = 0", "embedding_dim",
     "model.embedding_dim"},
    {"negative depth", "depth = 3", "depth = -1", "depth = -1", "model.depth"},
    {"width a string", "width = 50", "width = \"w\"", "width = \"w\"", "'width'"},
    {"width a float", "width = 50", "width = 1.5", "width = 1.5", "'width'"},
    {"width too large", "width = 50", "width = 100000", "width = 100000", "model.width"},
    {"unknown activation", "activation = \"tanh\"", "activation = \"tanhh\"", "tanhh",
     "model.activation"},
    {"activation a number", "activation = \"tanh\"", "activation = 3", "activation = 3",
     "'activation'"},
    {"unknown encoder init", "depth = 3", "depth = 3\nencoder_init = \"xavier\"", "xavier",
     "model.encoder_init"},
    {"zero init scale", "depth = 3", "depth = 3\nencoder_init_scale = 0", "encoder_init_scale",
     "model.encoder_init_scale"},
    {"negative decoder init scale", "depth = 3", "depth = 3\ndecoder_init_scale = -1",
     "decoder_init_scale", "model.decoder_init_scale"},
    {"unknown [model] key", "depth = 3", "depht = 3", "depht", "'depht'"},
    // [train]
    {"fraction above 1", "fraction = 0.75", "fraction = 1.5", "fraction", "train.fraction"},
    {"fraction 0", "fraction = 0.75", "fraction = 0", "fraction", "train.fraction"},
    {"no steps", "steps = 100000", "steps = 0", "steps = 0", "train.steps"},
    {"steps a float", "steps = 100000", "steps = 1e5", "steps = 1e5", "'steps'"},
    {"negative lr_enc", "lr_enc = 1e-3", "lr_enc = -1", "lr_enc", "train.lr_enc"},
    {"lr_dec beyond 2^53", "lr_dec = 1e-3", "lr_dec = 9007199254740993", "lr_dec", "'lr_dec'"},
    {"lr_dec a string", "lr_dec = 1e-3", "lr_dec = \"fast\"", "lr_dec", "'lr_dec'"},
    {"lr_dec infinite", "lr_dec = 1e-3", "lr_dec = inf", "lr_dec", "'lr_dec'"},
    {"lr_dec not a number", "lr_dec = 1e-3", "lr_dec = nan", "lr_dec", "'lr_dec'"},
    {"unknown optimizer", "steps = 100000", "steps = 100000\noptimizer = \"adamm\"", "adamm",
     "train.optimizer"},
    {"negative weight decay", "steps = 100000", "steps = 100000\nwd_dec = -1", "wd_dec",
     "train.wd_dec"},
    {"beta1 = 1", "steps = 100000", "steps = 100000\nbeta1 = 1", "beta1", "train.beta1"},
    {"eps = 0", "steps = 100000", "steps = 100000\neps = 0", "eps = 0", "train.eps"},
    {"negative batch size", "steps = 100000", "steps = 100000\nbatch_size = -1", "batch_size",
     "train.batch_size"},
    {"eval_every = 0", "eval_every = 100", "eval_every = 0", "eval_every", "train.eval_every"},
    {"threshold above 1", "threshold = 0.9", "threshold = 2", "threshold", "train.threshold"},
    {"early_stop a string", "threshold = 0.9", "threshold = 0.9\nearly_stop = \"yes\"",
     "early_stop", "'early_stop'"},
    {"unknown [train] key", "lr_enc = 1e-3", "lr_encc = 1e-3", "lr_encc", "'lr_encc'"},
    // [[analyzer]]
    {"analyzer parameter of the wrong type", "plugin = \"info_bound\"",
     "plugin = \"info_bound\"\nalpha = \"x\"", "alpha", "'alpha'"},
    {"analyzer double beyond 2^53", "plugin = \"info_bound\"",
     "plugin = \"info_bound\"\nalpha = 9007199254740993", "alpha", "'alpha'"},
    {"unknown analyzer parameter", "plugin = \"info_bound\"",
     "plugin = \"info_bound\"\nalpah = 0.5", "alpah", "'alpah'"},
    {"analyzer parameter range (plugin)", "plugin = \"phase\"", "plugin = \"phase\"\ngap = -5",
     "[[analyzer]]\nplugin = \"phase\"", "gap = -5"},
    {"unknown analyzer", "plugin = \"phase\"", "plugin = \"phasee\"", "phasee", "'phasee'"},
    {"analyzer without plugin", "[[analyzer]]\nplugin = \"phase\"", "[[analyzer]]\ngap = 3",
     "[[analyzer]]\ngap", "plugin"},
    {"analyzer not an array of tables", kAnalyzerTables, "[analyzer]\nplugin = \"phase\"\n",
     "[analyzer]", "'analyzer'"},
    // tables
    {"duplicate table", "[train]", "[model]\nwidth = 4\n[train]", "[model]\nwidth = 4",
     "'model'"},
    {"duplicate key", "n = 30", "n = 30\nn = 31", "n = 31", "'n'"},
    {"unknown table", "[train]", "[trian]", "[trian]", "'trian'"},
    {"model not a table", "[model]\nembedding_dim = 2\ndepth = 3\nwidth = 50\n",
     "embedding_dim = 2\ndepth = 3\nwidth = 50\n", "model = 3", "'model'", "[study]",
     "model = 3\n[study]"},
    // [sweep]
    {"unknown swept setting", "", "[sweep]\n\"train.lr_decc\" = [1e-3]", "lr_decc",
     "'train.lr_decc'"},
    {"swept key without its table", "", "[sweep]\n\"lr_dec\" = [1e-3]", "\"lr_dec\"",
     "'lr_dec'"},
    {"unknown swept plugin parameter", "", "[sweep]\n\"relation.kk\" = [3]", "relation.kk",
     "'relation.kk'"},
    {"logspace without a count", "", "[sweep]\n\"train.lr_dec\" = \"logspace(-5, -2)\"",
     "logspace", "'train.lr_dec'"},
    {"logspace overflowing", "", "[sweep]\n\"train.lr_dec\" = \"logspace(1, 400, 2)\"",
     "logspace", "'train.lr_dec'"},
    {"linspace argument beyond 2^53", "",
     "[sweep]\n\"train.lr_dec\" = \"linspace(0, 9007199254740993, 2)\"", "linspace",
     "'train.lr_dec'"},
    {"linspace argument not finite", "", "[sweep]\n\"train.lr_dec\" = \"linspace(1, nan, 3)\"",
     "linspace", "'train.lr_dec'"},
    {"range of floats", "", "[sweep]\n\"model.depth\" = \"range(0, 1.5)\"", "range",
     "'model.depth'"},
    {"range too long", "", "[sweep]\n\"model.depth\" = \"range(0, 10000000000)\"", "range",
     "'model.depth'"},
    {"unknown range function", "", "[sweep]\n\"train.lr_dec\" = \"cubic(1, 2)\"", "cubic",
     "'train.lr_dec'"},
    {"empty list", "", "[sweep]\n\"train.lr_dec\" = []", "\"train.lr_dec\"", "'train.lr_dec'"},
    {"neither list nor range", "", "[sweep]\n\"train.lr_dec\" = 3", "\"train.lr_dec\"", "'train.lr_dec'"},
    {"swept value beyond 2^53", "", "[sweep]\n\"train.lr_dec\" = [1e-3, 9007199254740993]",
     "\"train.lr_dec\"", "'lr_dec'"},
    {"swept value out of range", "", "[sweep]\n\"train.lr_dec\" = [1e-3, -1]", "\"train.lr_dec\"",
     "train.lr_dec"},
    {"swept value of the wrong type", "", "[sweep]\n\"train.steps\" = [100, 1.5]", "\"train.steps\"",
     "'steps'"},
    {"swept name not in the list", "", "[sweep]\n\"model.activation\" = [\"tanh\", \"tanhh\"]",
     "\"model.activation\"", "model.activation"},
    {"swept plugin parameter refused by the plugin", "", "[sweep]\n\"relation.k\" = [3, 0]",
     "relation.k", "k = 0"},
    {"swept n the plugin refuses with k = 3", "", "[sweep]\n\"relation.n\" = [30, 2]",
     "relation.n", "relation.n = 2"},
    {"swept plugin parameter of the wrong type", "", "[sweep]\n\"relation.k\" = [\"a\"]",
     "relation.k", "'k'"},
    {"swept unknown decoder mode", "",
     "[sweep]\n\"decoder_mode.plugin\" = [\"concat\", \"nope\"]", "decoder_mode.plugin",
     "'nope'"},
    {"no replicates", "", "[sweep]\nreplicates = 0", "replicates", "replicates"},
    {"a key swept twice", "",
     "[sweep]\n\"train.lr_dec\" = [1e-3]\n[[sweep.zip]]\n\"train.lr_dec\" = [1e-3, 1e-2]\n"
     "\"train.lr_enc\" = [1e-3, 1e-2]",
     "\"train.lr_dec\" = [1e-3, 1e-2]", "'train.lr_dec'"},
    {"zipped keys of different lengths", "",
     "[[sweep.zip]]\n\"train.lr_dec\" = [1e-3, 1e-2]\n\"train.lr_enc\" = [1e-3]", "\"train.lr_enc\"",
     "'train.lr_enc'"},
    {"zip not an array of tables", "", "[sweep]\nzip = 3", "zip = 3", "zip"},
    {"sweep not a table", "[study]", "sweep = 3\n[study]", "sweep = 3", "'sweep'"},
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Where `needle` first starts a line of `text` (comments mention "n = 30").
size_t FindAtLineStart(const std::string& text, const std::string& needle) {
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    if (at == 0 || text[at - 1] == '\n') return at;
  return std::string::npos;
}

// The 1-based line where `needle` first appears outside a comment line (0
// when absent); a needle of several lines counts from its first.
size_t LineOf(const std::string& text, const std::string& needle) {
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    const size_t line_start = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
    if (text[line_start] != '#')
      return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + at, '\n'));
  }
  return 0;
}

}  // namespace

TEST_CASE("every mistake in a study file is exit 2 with its file, line and key") {
  const std::string base = ReadFile(GENEFT_SOURCE_DIR "/share/studies/mod3.toml");
  REQUIRE(!base.empty());
  const fs::path dir = fs::path(GENEFT_BINARY_DIR) / "tests" / "study_mutations";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "mutated.toml";
  REQUIRE(geneft::testing::RunGeneft("check " + std::string(GENEFT_SOURCE_DIR) +
                                     "/share/studies/mod3.toml")
              .exit_code == 0);

  for (const Mutation& m : kMutations) {
    std::string text = base;
    if (*m.from == '\0') text += std::string("\n") + m.to + "\n";
    for (const auto& [from, to] : {std::pair(m.from, m.to), std::pair(m.from2, m.to2)}) {
      if (from == nullptr || *from == '\0') continue;
      const size_t at = FindAtLineStart(text, from);
      INFO(m.what << ": '" << from << "' is not in mod3.toml");
      REQUIRE(at != std::string::npos);
      text.replace(at, std::strlen(from), to);
    }
    std::ofstream(file, std::ios::binary) << text;
    const size_t line = LineOf(text, m.at_line);
    const geneft::testing::CommandResult r = geneft::testing::RunGeneft("check " + file.string());
    INFO(m.what << "\n" << r.output);
    REQUIRE(line > 0);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("geneft: error: " + file.string() + ":" +
                                         std::to_string(line) + ": "));
    CHECK_THAT(r.output, Catch::Contains(m.key));
  }
}

TEST_CASE("a study without [relation] is refused naming the file: no line holds the mistake") {
  // Not in the mutations' folder: CTest runs the two cases at once, and the
  // other one empties that folder first.
  const fs::path file = fs::path(GENEFT_BINARY_DIR) / "tests" / "study_without_relation.toml";
  std::ofstream(file) << "[train]\nsteps = 10\n";
  const geneft::testing::CommandResult r = geneft::testing::RunGeneft("check " + file.string());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("geneft: error: " + file.string() +
                                       ": missing table [relation]"));
}
