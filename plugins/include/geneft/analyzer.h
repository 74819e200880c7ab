/*
 * geneft plugin ABI, part 7 of 8: analyzers, factory id "geneft.analyzer/1".
 *
 * An analyzer computes results at up to three stages: from the relation
 * alone before training, per finished run, and over a whole study. It
 * writes them through a geneft_result_sink; the host stores them under the
 * analyzer's id.
 *
 * Grown structs. The views below grow at their end only, each new minor
 * adding fields after the last one: a plugin built against an older header
 * reads the fields it knows where they always were. The rule for the other
 * direction: read a field added after ABI 1.1 only after checking that the
 * view's struct_size covers it, with GENEFT_VIEW_HAS(view, type, field).
 * (A host older than the plugin's minor refuses the plugin already; the
 * check keeps the rule explicit for the minors to come.)
 *
 * C99 and C++ clean.
 */
#ifndef GENEFT_PLUGIN_ANALYZER_H
#define GENEFT_PLUGIN_ANALYZER_H

#include <geneft/descriptor.h>
#include <geneft/host.h>
#include <geneft/params.h>
#include <geneft/relation.h>
#include <geneft/version.h>

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GENEFT_ANALYZER_FACTORY_ID "geneft.analyzer/1"

/* Nonzero when `view` (a pointer to a struct of type `type`, which starts
 * with struct_size) is long enough to hold `field`. */
#define GENEFT_VIEW_HAS(view, type, field) \
    ((view)->struct_size >= offsetof(type, field) + sizeof(((const type *)0)->field))

/* Where an analyzer writes its results. Owned by the host, valid for the
 * duration of the analyze_* call it is passed to. Names are [a-z0-9_.]+ and
 * are stored prefixed with the analyzer's id. */
typedef struct geneft_result_sink {
    uint32_t struct_size; /* sizeof(geneft_result_sink) */
    void *host_data;      /* the host's own */

    /* One number. [any-thread, one at a time] */
    geneft_status (*add_scalar)(const struct geneft_result_sink *sink, const char *name,
                                double value);
    /* One line of text (a phase name, a note). [any-thread, one at a time] */
    geneft_status (*add_text)(const struct geneft_result_sink *sink, const char *name,
                              const char *value);
    /* A curve of count points: x, y and an optional error bar (err may be
     * NULL). Arrays are copied. [any-thread, one at a time] */
    geneft_status (*add_series)(const struct geneft_result_sink *sink, const char *name,
                                const double *x, const double *y, const double *err,
                                size_t count);
} geneft_result_sink;

/* Everything known about a relation before training. Owned by the host,
 * valid during the call it is passed to. */
typedef struct geneft_relation_view {
    uint32_t struct_size;              /* sizeof(geneft_relation_view) */
    const geneft_relation_info *info;  /* the relation's declared info */
    const int32_t *labels;             /* n x n, row-major */
    const geneft_params *study_params; /* the study's resolved settings, keys "train.fraction" ... */
    /* ABI 1.2 (check with GENEFT_VIEW_HAS before reading): */
    const geneft_host *host;           /* the host, for set_error() and log() during the call */
} geneft_relation_view;

/* One finished training run. Owned by the host, valid during the call;
 * so is every array it points to (copy what you keep). */
typedef struct geneft_run_view {
    uint32_t struct_size;              /* sizeof(geneft_run_view) */
    const geneft_relation_view *relation; /* the relation the run trained on */
    const uint8_t *train_mask;         /* n x n, 1 where the pair was in the training set */
    const geneft_params *run_params;   /* this run's resolved settings ("train.lr_enc", ...) */
    uint32_t embedding_dim;            /* d */
    const float *embeddings;           /* n x d final encoder embeddings, row-major */
    size_t trajectory_length;          /* number of evaluation points */
    const int64_t *trajectory_step;    /* [trajectory_length] step of each evaluation */
    const double *trajectory_loss;     /* [trajectory_length] training loss */
    const double *trajectory_train_accuracy; /* [trajectory_length] */
    const double *trajectory_test_accuracy;  /* [trajectory_length] */
    const double *trajectory_all_accuracy;   /* [trajectory_length] over all n^2 pairs */
    int64_t budget_steps;              /* steps the run was allowed */
    int64_t steps_done;                /* steps it took (early stop or divergence) */
    int64_t first_train_step;          /* first step train accuracy >= threshold, -1 never */
    int64_t first_test_step;           /* first step test accuracy >= threshold, -1 never */
    int32_t diverged;                  /* 1 if the loss became NaN or Inf */
    /* ABI 1.2 (check with GENEFT_VIEW_HAS before reading): */
    const geneft_host *host;           /* the host, for set_error() and log() during the call */
    uint32_t class_count;              /* C, the classes of `probabilities`; 0 when it is NULL */
    /* n x n x C, row-major by (row, column, class): the softmax (for two
     * classes, sigmoid: 1 - p and p) output of the model at the run's last
     * evaluation, the trajectory's last point, on every pair. For a run that
     * diverged, the last model whose loss was finite. NULL for a run stored
     * before geneft recorded predictions (store schema 2 and older). */
    const float *probabilities;
} geneft_run_view;

/* All runs of a study stored so far, for study-level results (phase
 * diagrams, fitted boundaries). Owned by the host, valid during the call. */
typedef struct geneft_study_view {
    uint32_t struct_size; /* sizeof(geneft_study_view) */
    void *host_data;      /* the host's own */
    size_t run_count;     /* runs, indexed 0 .. run_count-1 */
    size_t swept_count;   /* number of swept settings */
    const char *const *swept_keys; /* [swept_count] setting keys ("train.lr_enc"), host-owned */

    /* A run's number by key: a setting ("train.lr_enc") or a stored result
     * ("phase.first_test_step", "test_accuracy"). GENEFT_ERR_NOT_FOUND if the
     * run has no such number. [any-thread, one at a time] */
    geneft_status (*run_number)(const struct geneft_study_view *study, size_t run,
                                const char *key, double *out);

    /* A run's text by key ("status", "phase.phase"), copied NUL-terminated
     * into buf (caller-owned); *length as for param_string.
     * [any-thread, one at a time] */
    geneft_status (*run_text)(const struct geneft_study_view *study, size_t run, const char *key,
                              char *buf, size_t capacity, size_t *length);
    /* ABI 1.2 (check with GENEFT_VIEW_HAS before reading): */
    const geneft_host *host; /* the host, for set_error() and log() during the call */
} geneft_study_view;

/* An analyzer instance, created by its factory. Owned by the plugin; the
 * host calls destroy() exactly once. Each analyze_* pointer may be NULL when
 * the analyzer does not work at that stage. An analyze_* call that fails
 * calls view->host->set_error(view->host, message) and returns a negative
 * status (GENEFT_ERR_NOT_AVAILABLE when no answer exists for this input). */
typedef struct geneft_analyzer {
    uint32_t struct_size; /* sizeof(geneft_analyzer) */
    void *plugin_data;    /* the plugin's own */

    /* Predictions from the relation alone, before any training (used by
     * `geneft theory`). May be NULL. [any-thread, one at a time] */
    geneft_status (*analyze_relation)(const struct geneft_analyzer *analyzer,
                                      const geneft_relation_view *relation,
                                      const geneft_result_sink *sink);

    /* Results for one finished run, stored beside it. May be NULL.
     * [thread-safe]: runs finish on worker threads concurrently. */
    geneft_status (*analyze_run)(const struct geneft_analyzer *analyzer,
                                 const geneft_run_view *run, const geneft_result_sink *sink);

    /* Results over all runs of a study, after they finished. May be NULL.
     * [main-thread] */
    geneft_status (*analyze_study)(const struct geneft_analyzer *analyzer,
                                   const geneft_study_view *study,
                                   const geneft_result_sink *sink);

    /* Frees the instance. [main-thread] */
    void (*destroy)(const struct geneft_analyzer *analyzer);
} geneft_analyzer;

typedef struct geneft_analyzer_factory {
    /* Number of analyzer plugins in this library. [thread-safe] */
    uint32_t (*count)(const struct geneft_analyzer_factory *factory);

    /* Descriptor of plugin `index` (< count), or NULL; owned by the library
     * until it is unloaded. [thread-safe] */
    const geneft_plugin_descriptor *(*get_descriptor)(
        const struct geneft_analyzer_factory *factory, uint32_t index);

    /* Creates an instance of plugin `id` with validated params (valid only
     * during this call); NULL after host->set_error() on failure. The host
     * frees the result with its destroy(). [main-thread] */
    const geneft_analyzer *(*create)(const struct geneft_analyzer_factory *factory,
                                     const geneft_host *host, const char *id,
                                     const geneft_params *params);
} geneft_analyzer_factory;

#ifdef __cplusplus
}
#endif

#endif /* GENEFT_PLUGIN_ANALYZER_H */
