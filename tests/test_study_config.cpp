// Study files: every mistake a user can make is an error naming the file,
// the line and the key, with a suggestion where one is close.
#include "plugin/plugin_registry.h"
#include "study/prepared_study.h"
#include "study/study_config.h"
#include "train/option_docs.h"

#include "test_support.h"

#include <catch2/catch.hpp>

using geneft::StudyConfig;

namespace {

std::string ParseError(const std::string& text) {
  StudyConfig config;
  std::string err;
  if (geneft::ParseStudy(text, "s.toml", &config, &err)) return "ok";
  return err;
}

const char* kMinimal = "[relation]\nplugin = \"mod_k\"\n";

}  // namespace

TEST_CASE("a minimal study takes the paper's defaults") {
  StudyConfig config;
  std::string err;
  REQUIRE(geneft::ParseStudy(kMinimal, "s.toml", &config, &err));
  CHECK(config.relation.id == "mod_k");
  CHECK(config.decoder_mode.id == "concat");
  CHECK(config.model.embedding_dim == 2);  // Table III
  CHECK(config.model.depth == 3);
  CHECK(config.model.width == 50);
  CHECK(config.model.activation == "tanh");
  CHECK(config.train.fraction == 0.75);
  CHECK(config.train.lr_enc == 1e-3);
  CHECK(config.train.lr_dec == 1e-3);
  CHECK(config.train.wd_dec == 0.0);
}

TEST_CASE("describe's [model] and [train] docs: every key has a range and help, and its default reads back") {
  std::string text = std::string(kMinimal);
  for (const auto& [table, docs] : {std::pair{"model", geneft::ModelOptionDocs()},
                                    std::pair{"train", geneft::TrainOptionDocs()}}) {
    text += std::string("[") + table + "]\n";
    for (const geneft::OptionDoc& d : docs) {
      INFO(table << "." << d.key);
      CHECK_FALSE(d.range.empty());
      CHECK_FALSE(d.help.empty());
      text += d.key + " = " + d.default_value + "\n";
    }
  }
  StudyConfig written, defaults;
  std::string err;
  REQUIRE(geneft::ParseStudy(text, "s.toml", &written, &err));
  REQUIRE(geneft::ParseStudy(kMinimal, "s.toml", &defaults, &err));
  CHECK(geneft::ModelOptionDocs().size() == 7);
  CHECK(geneft::TrainOptionDocs().size() == 16);
  CHECK(written.train.max_loss == defaults.train.max_loss);
  CHECK(written.train.eps == defaults.train.eps);
  CHECK(written.train.lr_enc == defaults.train.lr_enc);
  CHECK(written.model.decoder_init_scale == defaults.model.decoder_init_scale);
  CHECK(written.model.encoder_init == defaults.model.encoder_init);
}

TEST_CASE("without plugins on the path, an unknown plugin says none was found") {
  const geneft::PluginRegistry empty;
  StudyConfig config;
  std::string err;
  REQUIRE(geneft::ParseStudy(kMinimal, "s.toml", &config, &err));
  CHECK_FALSE(geneft::ResolvePlugins(empty, &config, &err));
  CHECK(err == "s.toml:2: [relation] unknown relation plugin 'mod_k' (no relation plugins were "
               "found on the plugin path)");
}

TEST_CASE("malformed TOML names the file and line") {
  const std::string err = ParseError("[relation]\nplugin = \"mod_k\"\nk = = 3\n");
  CHECK_THAT(err, Catch::StartsWith("s.toml:3: malformed TOML"));
}

TEST_CASE("unknown keys in the host's tables suggest the nearest key") {
  CHECK(ParseError(std::string(kMinimal) + "[train]\nlr_encc = 0.1\n") ==
        "s.toml:4: [train] unknown key 'lr_encc', did you mean 'lr_enc'?");
  CHECK_THAT(ParseError(std::string(kMinimal) + "[model]\nzzz = 1\n"),
             Catch::Contains("unknown key 'zzz' (valid keys: embedding_dim"));
}

TEST_CASE("unknown tables suggest the nearest table") {
  CHECK(ParseError(std::string(kMinimal) + "[trian]\nsteps = 3\n") ==
        "s.toml:3: unknown table 'trian', did you mean 'train'?");
}

TEST_CASE("wrong types name the key and the expected type") {
  CHECK(ParseError(std::string(kMinimal) + "[train]\nsteps = \"many\"\n") ==
        "s.toml:4: [train] key 'steps' must be an integer");
  CHECK(ParseError(std::string(kMinimal) + "[train]\nfraction = true\n") ==
        "s.toml:4: [train] key 'fraction' must be a finite number");
}

TEST_CASE("a study without a relation is refused") {
  CHECK_THAT(ParseError("[train]\nsteps = 3\n"), Catch::Contains("missing table [relation]"));
  CHECK_THAT(ParseError("[relation]\nk = 3\n"), Catch::Contains("needs plugin = \"<id>\""));
}

TEST_CASE("option ranges are checked before anything runs") {
  CHECK_THAT(ParseError(std::string(kMinimal) + "[train]\nlr_enc = -0.1\n"),
             Catch::Contains("train.lr_enc = -0.1: must be > 0"));
  CHECK_THAT(ParseError(std::string(kMinimal) + "[model]\nwidth = 0\n"),
             Catch::Contains("model.width = 0: must be >= 1"));
  CHECK_THAT(ParseError(std::string(kMinimal) + "[train]\nfraction = 1.5\n"),
             Catch::Contains("train.fraction = 1.5"));
}

TEST_CASE("sweep errors found while preparing a study still name the line") {
  geneft::StudyConfig config;
  std::string err;
  REQUIRE(geneft::ParseStudy("[relation]\nplugin = \"mod_k\"\n[sweep]\n\"train.lr_enc\" = \"logspace(1)\"\n",
                             "s.toml", &config, &err));
  geneft::PreparedStudy study;
  CHECK_FALSE(geneft::PrepareStudy(std::move(config), {{GENEFT_BINARY_DIR "/lib/geneft/plugins"}},
                                   &study, &err));
  CHECK_THAT(err, Catch::StartsWith("s.toml:4: [sweep] 'train.lr_enc'"));
}

TEST_CASE("plugin tables are validated against the plugin's schema") {
  const geneft::PluginRegistry& registry = geneft::testing::BuiltinPlugins();
  std::string err;

  StudyConfig config;
  REQUIRE(geneft::ParseStudy("[relation]\nplugin = \"mod_k\"\nkk = 3\n", "s.toml", &config, &err));
  CHECK_FALSE(geneft::ResolvePlugins(registry, &config, &err));
  CHECK(err == "s.toml:3: [relation (relation.mod_k)] unknown key 'kk', did you mean 'k'?");

  StudyConfig unknown;
  REQUIRE(geneft::ParseStudy("[relation]\nplugin = \"mod_kk\"\n", "s.toml", &unknown, &err));
  CHECK_FALSE(geneft::ResolvePlugins(registry, &unknown, &err));
  CHECK(err == "s.toml:2: [relation] unknown relation plugin 'mod_kk', did you mean 'mod_k'?");

  StudyConfig far;
  REQUIRE(geneft::ParseStudy("[relation]\nplugin = \"zzz\"\n", "s.toml", &far, &err));
  CHECK_FALSE(geneft::ResolvePlugins(registry, &far, &err));
  CHECK_THAT(err, Catch::StartsWith("s.toml:2: [relation] unknown relation plugin 'zzz' (valid "
                                    "relation plugins: "));
  CHECK_THAT(err, Catch::Contains("mod_k"));

  StudyConfig analyzer;
  REQUIRE(geneft::ParseStudy("[relation]\nplugin = \"mod_k\"\n[[analyzer]]\nplugin = \"phasee\"\n",
                             "s.toml", &analyzer, &err));
  CHECK_FALSE(geneft::ResolvePlugins(registry, &analyzer, &err));
  CHECK(err == "s.toml:4: [analyzer 1] unknown analyzer plugin 'phasee', did you mean 'phase'?");

  StudyConfig no_params;
  REQUIRE(geneft::ParseStudy("[relation]\nplugin = \"mod_k\"\n[decoder_mode]\nplugin = "
                             "\"concat\"\nwidth = 3\n",
                             "s.toml", &no_params, &err));
  CHECK_FALSE(geneft::ResolvePlugins(registry, &no_params, &err));
  CHECK(err == "s.toml:5: [decoder_mode (decoder_mode.concat)] unknown key 'width' (this plugin "
               "takes no parameters)");

  StudyConfig good;
  REQUIRE(geneft::ParseStudy("[relation]\nplugin = \"mod_k\"\nk = 5\n", "s.toml", &good, &err));
  REQUIRE(geneft::ResolvePlugins(registry, &good, &err));
  CHECK(std::get<int64_t>(good.relation.params.values.at("k")) == 5);
  CHECK(std::get<int64_t>(good.relation.params.values.at("n")) == 30);  // the default
}
