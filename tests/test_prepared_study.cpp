// PrepareStudy (core/study/prepared_study.cpp): a study file becomes runs,
// each resolved, seeded and hashed from its settings alone; relations and
// decoder modes are built once per distinct setting; the definition that
// binds a store; and errors that say which run and which line.
#include "study/prepared_study.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using geneft::PreparedStudy;

namespace {

const char* const kBase =
    "[study]\nseed = 5\n[relation]\nplugin = \"mod_k\"\nn = 12\nk = 3\n"
    "[model]\ndepth = 1\nwidth = 8\n[train]\nsteps = 40\n";

// Prepares `text` (the study file "s.toml") with the build's plugins; *err
// holds the reason when it returns false.
bool Prepare(const std::string& text, PreparedStudy* study, std::string* err) {
  geneft::StudyConfig config;
  if (!geneft::ParseStudy(text, "s.toml", &config, err)) return false;
  return geneft::PrepareStudy(std::move(config), {}, study, err);
}

// Prepares `text`, failing the test with the reason when it is refused.
void MustPrepare(const std::string& text, PreparedStudy* study) {
  std::string err;
  const bool ok = Prepare(text, study, &err);
  INFO(err);
  REQUIRE(ok);
}

std::string PrepareError(const std::string& text) {
  PreparedStudy study;
  std::string err;
  return Prepare(text, &study, &err) ? "ok" : err;
}

const geneft::RunSpec* FindRun(const PreparedStudy& study, const std::string& swept_text) {
  for (const geneft::RunSpec& run : study.runs) {
    std::string text;
    for (const auto& [k, v] : run.swept) text += k + " = " + v + "; ";
    text += "replicate " + std::to_string(run.replicate);
    if (text == swept_text) return &run;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a swept study expands into resolved runs, first axis slowest") {
  PreparedStudy study;
  MustPrepare(std::string(kBase) +
                  "[sweep]\n\"train.lr_dec\" = [1e-3, 1e-2]\n\"relation.k\" = [2, 3, 4]\n"
                  "replicates = 2\n",
              &study);
  REQUIRE(study.runs.size() == 12);
  CHECK(study.TotalSteps() == 12 * 40);
  for (size_t i = 0; i < study.runs.size(); ++i) CHECK(study.runs[i].index == i);
  const geneft::RunSpec& r = study.runs[7];  // lr_dec 1e-2, k = 2, replicate 1
  CHECK(r.replicate == 1);
  CHECK(r.config.train.lr_dec == 1e-2);
  CHECK(std::get<int64_t>(r.config.relation.params.values.at("k")) == 2);
  CHECK(r.swept == std::vector<std::pair<std::string, std::string>>{{"train.lr_dec", "0.01"},
                                                                    {"relation.k", "2"}});
  CHECK(std::get<double>(r.settings.values.at("train.lr_dec")) == 1e-2);
  CHECK(std::get<int64_t>(r.settings.values.at("replicate")) == 1);
  // Unswept settings come from the file.
  CHECK(r.config.model.width == 8);
  CHECK(std::get<int64_t>(r.settings.values.at("relation.n")) == 12);
}

TEST_CASE("a run's seed and hash follow from its settings and the study seed, not its order") {
  PreparedStudy forward, backward, reseeded;
  MustPrepare(std::string(kBase) + "[sweep]\n\"train.lr_dec\" = [1e-3, 1e-2]\nreplicates = 2\n",
              &forward);
  MustPrepare(std::string(kBase) + "[sweep]\n\"train.lr_dec\" = [1e-2, 1e-3]\nreplicates = 2\n",
              &backward);
  std::string other_seed = kBase;
  other_seed.replace(other_seed.find("seed = 5"), 8, "seed = 6");
  MustPrepare(other_seed + "[sweep]\n\"train.lr_dec\" = [1e-3, 1e-2]\nreplicates = 2\n", &reseeded);

  std::set<std::string> hashes;
  std::set<uint64_t> seeds;
  for (const geneft::RunSpec& run : forward.runs) {
    hashes.insert(run.hash);
    seeds.insert(run.config.train.seed);
    CHECK(run.hash.size() == 16);
    CHECK(run.config.train.seed < (uint64_t{1} << 63));  // a valid TOML / SQLite integer
  }
  CHECK(hashes.size() == 4);  // replicates differ
  CHECK(seeds.size() == 4);

  for (const char* point :
       {"train.lr_dec = 0.001; replicate 0", "train.lr_dec = 0.01; replicate 1"}) {
    INFO(point);
    const geneft::RunSpec* a = FindRun(forward, point);
    const geneft::RunSpec* b = FindRun(backward, point);
    const geneft::RunSpec* c = FindRun(reseeded, point);
    REQUIRE(a != nullptr);
    REQUIRE(b != nullptr);
    REQUIRE(c != nullptr);
    CHECK(a->index != b->index);
    CHECK(a->hash == b->hash);
    CHECK(a->config.train.seed == b->config.train.seed);
    CHECK(a->config.train.seed != c->config.train.seed);
    CHECK(a->hash != c->hash);
  }
  // The canonical text is what the hash covers: sorted "key = value" lines.
  const std::string& canonical = forward.runs.front().canonical;
  CHECK_THAT(canonical, Catch::StartsWith("decoder_mode.plugin = 'concat'\n"));
  CHECK_THAT(canonical, Catch::Contains("\nrelation.k = 3\n"));
  CHECK_THAT(canonical, Catch::Contains("\ntrain.seed = "));
}

TEST_CASE("relations and decoder modes are built once per distinct setting") {
  PreparedStudy study;
  MustPrepare(std::string(kBase) +
                  "[sweep]\n\"relation.k\" = [2, 3]\n\"train.lr_enc\" = [1e-3, 1e-2]\n"
                  "\"decoder_mode.plugin\" = [\"concat\", \"diff\"]\n",
              &study);
  REQUIRE(study.runs.size() == 8);
  CHECK(study.relations.size() == 2);
  CHECK(study.decoder_modes.size() == 2);
  CHECK(&study.RelationOf(study.runs[0]) == &study.RelationOf(study.runs[1]));
  CHECK(&study.RelationOf(study.runs[0]) != &study.RelationOf(study.runs[4]));
  CHECK(study.RelationOf(study.runs[4]).info().num_classes == 2);
  CHECK(&study.DecoderModeOf(study.runs[0]) != &study.DecoderModeOf(study.runs[1]));
}

TEST_CASE("the definition holds what defines the results: unswept settings, axes, analyzers") {
  const std::string text = std::string(kBase) +
                           "[sweep]\n\"train.lr_dec\" = [1e-3, 1e-2]\n[[analyzer]]\n"
                           "plugin = \"phase\"\ngap = 500\n[[analyzer]]\nplugin = \"info_bound\"\n";
  PreparedStudy study;
  MustPrepare(text, &study);
  const std::string& d = study.definition;
  CHECK_THAT(d, Catch::StartsWith("study.seed = 5\nsweep.replicates = 1\n"));
  CHECK_THAT(d, Catch::Contains("sweep.train.lr_dec = [0.001, 0.01]\n"));
  CHECK_THAT(d, Catch::Contains("train.steps = 40\n"));
  CHECK_THAT(d, !Catch::Contains("\ntrain.lr_dec = "));  // swept: the axis says it
  CHECK_THAT(d, !Catch::Contains("train.seed"));         // derived, not defined
  CHECK_THAT(d, !Catch::Contains("replicate ="));
  CHECK_THAT(d, Catch::Contains("analyzer.1 = phase\nanalyzer.1.phase.gap = 500\n"));
  // A parameter left at its default is not part of the definition.
  CHECK_THAT(d, Catch::Contains("analyzer.2 = info_bound\n"));
  CHECK_THAT(d, !Catch::Contains("analyzer.2.info_bound."));
  CHECK(study.analyzers.size() == 2);

  PreparedStudy changed;
  std::string more_steps = text;
  more_steps.replace(more_steps.find("steps = 40"), 10, "steps = 41");
  MustPrepare(more_steps, &changed);
  CHECK(changed.fingerprint != study.fingerprint);
}

TEST_CASE("sweeping the relation plugin admits the parameters of every swept plugin") {
  const std::string text =
      "[relation]\nplugin = \"greater_than\"\nn = 8\n[model]\ndepth = 0\n[train]\nsteps = 10\n"
      "[[sweep.zip]]\n\"relation.plugin\" = [\"greater_than\", \"mod_k\"]\n\"relation.k\" = [2, 2]\n";
  // greater_than has no k: the point that uses it refuses it, naming the point.
  CHECK(PrepareError(text) ==
        "s.toml:10: [relation (relation.greater_than)] unknown key 'k', did you mean 'n'? (sweep "
        "point relation.plugin = 'greater_than', relation.k = 2, run 1 of 2)");
  CHECK(PrepareError(std::string(kBase) + "[sweep]\n\"relation.plugin\" = [\"mod_k\"]\n"
                                          "\"relation.closure\" = [\"none\"]\n") ==
        "s.toml:14: [sweep] unknown setting 'relation.closure' (valid settings: "
        "decoder_mode.plugin, model.activation, model.decoder_init_scale, model.depth, "
        "model.embedding_dim, model.encoder_init, model.encoder_init_scale, model.width, "
        "relation.k, relation.n, relation.plugin, train.batch_size, train.beta1, train.beta2, "
        "train.early_stop, train.eps, train.eval_every, train.fraction, train.lr_dec, "
        "train.lr_enc, train.momentum, train.optimizer, train.steps, train.threshold, "
        "train.wd_dec, train.wd_enc)");
  // bipartite's `size` is a known setting now; mod_k refuses it at its point.
  CHECK_THAT(PrepareError(std::string(kBase) +
                          "[sweep]\n\"relation.plugin\" = [\"mod_k\", \"bipartite\"]\n"
                          "\"relation.size\" = [4]\n"),
             Catch::StartsWith("s.toml:14: [relation (relation.mod_k)] unknown key 'size'"));
}

TEST_CASE("a plugin refusing a run's parameters names the file, the line and the point") {
  // Not swept: the line of the plugin's table.
  CHECK(PrepareError("[relation]\nplugin = \"mod_k\"\nn = 12\n\nk = 13\n") ==
        "s.toml:1: [relation] relation.mod_k: k = 13: must be >= 1 and <= n (12)");
  // Swept: the line of the [sweep] entry, and which point.
  CHECK(PrepareError(std::string(kBase) +
                     "[sweep]\n\"train.lr_enc\" = [1e-3]\n\"relation.n\" = [12, 2]\n") ==
        "s.toml:14: [relation] relation.mod_k: k = 3: must be >= 1 and <= n (2) (sweep point "
        "train.lr_enc = 0.001, relation.n = 2, run 2 of 2)");
  // An analyzer: the line of its [[analyzer]] header.
  CHECK(PrepareError(std::string(kBase) + "[[analyzer]]\nplugin = \"phase\"\n[[analyzer]]\n"
                                          "plugin = \"phase\"\ngap = -1\n") ==
        "s.toml:14: [analyzer 2] analyzer.phase: gap = -1: must be >= 0");
}

TEST_CASE("a sweep value the study refuses names the [sweep] entry and the point") {
  CHECK(PrepareError(std::string(kBase) + "[sweep]\n\"model.width\" = [8, 0]\n") ==
        "s.toml:13: model.width = 0: must be >= 1 (sweep point model.width = 0, run 2 of 2)");
  CHECK(PrepareError(std::string(kBase) + "[sweep]\n\"train.lr_enc\" = [9007199254740993]\n") ==
        "s.toml:13: [train] key 'lr_enc' must be a finite number (the integer 9007199254740993 is "
        "beyond 2^53 and has no exact double; write it as a float to accept the rounding) "
        "(sweep point train.lr_enc = 9007199254740993, run 1 of 1)");
  CHECK(PrepareError(std::string(kBase) + "[sweep]\n\"decoder_mode.plugin\" = [\"sqdif\"]\n") ==
        "s.toml:13: [decoder_mode] unknown decoder_mode plugin 'sqdif', did you mean 'sqdiff'? "
        "(sweep point decoder_mode.plugin = 'sqdif', run 1 of 1)");
}

TEST_CASE("RunSettings lists every setting analyzers read") {
  geneft::StudyConfig config;
  std::string err;
  REQUIRE(geneft::ParseStudy(kBase, "s.toml", &config, &err));
  config.relation.params.values["k"] = int64_t{3};
  const geneft::ParamSet settings = geneft::RunSettings(config);
  for (const char* key :
       {"model.depth", "model.width", "model.activation", "train.lr_enc", "train.fraction",
        "train.steps", "relation.plugin", "relation.k", "decoder_mode.plugin"})
    CHECK(settings.values.count(key) == 1);
  CHECK(std::get<std::string>(settings.values.at("relation.plugin")) == "mod_k");
  CHECK(settings.values.count("train.seed") == 0);  // the runner derives it
  CHECK(geneft::CanonicalText(settings).find("model.depth = 1\n") != std::string::npos);
}
