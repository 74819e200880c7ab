/*
 * geneft plugin ABI: the one header a plugin library needs.
 *
 * A plugin library exports exactly one symbol, `geneft_entry`, a const
 * geneft_plugin_entry. The host checks its ABI version, calls init(), then
 * asks get_factory() for each plugin kind it knows ("geneft.relation/1",
 * "geneft.decoder_mode/1", "geneft.analyzer/1"). A factory lists plugin
 * descriptors (id, version, parameter schema) and creates instances.
 *
 * Rules (see docs/plugin-guide.md):
 *  - Compatibility: the host loads a library whose abi_version.major equals
 *    GENEFT_ABI_VERSION_MAJOR and whose minor is <= the host's minor.
 *  - Released structs never change; a struct that may grow starts with
 *    uint32_t struct_size, and each side reads only the members both know.
 *    New capabilities come as new factory ids ("geneft.relation/2").
 *  - Only plain C types cross the boundary. No exceptions, no memory
 *    allocated on one side and freed on the other.
 *  - Functions return geneft_status (0 ok, negative error). On error the
 *    plugin calls host->set_error() with a message; the host copies it.
 *  - Output goes to caller-owned buffers (pointer + capacity).
 *  - Every function pointer carries a thread tag:
 *      [main-thread]      only the thread that loaded the library
 *      [thread-safe]      any thread, concurrently, on the same instance
 *      [any-thread, one at a time]  any thread, never concurrently on the
 *                         same instance
 *
 * This header is C99 and C++ clean.
 */
#ifndef GENEFT_PLUGIN_H
#define GENEFT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Versions and status codes                                          */
/* ------------------------------------------------------------------ */

#define GENEFT_ABI_VERSION_MAJOR 1
#define GENEFT_ABI_VERSION_MINOR 1 /* 1.1: GENEFT_PARAM_PATH */
#define GENEFT_ABI_VERSION_PATCH 0

typedef struct geneft_version {
    uint32_t major; /* incompatible changes */
    uint32_t minor; /* additions a newer host understands */
    uint32_t patch; /* fixes only */
} geneft_version;

#define GENEFT_ABI_VERSION_INIT \
    { GENEFT_ABI_VERSION_MAJOR, GENEFT_ABI_VERSION_MINOR, GENEFT_ABI_VERSION_PATCH }

typedef int32_t geneft_status;

#define GENEFT_OK 0
#define GENEFT_ERR_INVALID_ARGUMENT (-1) /* a parameter or input is out of range */
#define GENEFT_ERR_BUFFER_TOO_SMALL (-2) /* a caller buffer's capacity is short */
#define GENEFT_ERR_NOT_FOUND (-3)        /* no such parameter, plugin or element */
#define GENEFT_ERR_UNSUPPORTED (-4)      /* the plugin does not offer this call */
#define GENEFT_ERR_NOT_AVAILABLE (-5)    /* no answer exists for this input */
#define GENEFT_ERR_INTERNAL (-6)         /* a bug or an unexpected exception */

/* Bounded string lengths, including the terminating NUL. */
#define GENEFT_ID_SIZE 64
#define GENEFT_NAME_SIZE 256

/* ------------------------------------------------------------------ */
/* Parameters                                                          */
/* ------------------------------------------------------------------ */

typedef enum geneft_param_type {
    GENEFT_PARAM_INT = 1,        /* 64-bit signed integer */
    GENEFT_PARAM_DOUBLE = 2,     /* finite double; an integer literal is accepted */
    GENEFT_PARAM_BOOL = 3,       /* true / false */
    GENEFT_PARAM_STRING = 4,     /* UTF-8 text */
    GENEFT_PARAM_INT_LIST = 5,   /* array of 64-bit integers, possibly empty */
    GENEFT_PARAM_DOUBLE_LIST = 6, /* array of doubles, possibly empty */
    GENEFT_PARAM_PATH = 7         /* (ABI 1.1) a file path, given as a TOML string; the
                                     host makes a relative path absolute against the
                                     study file's folder (the working directory when
                                     there is no file) and the plugin reads the result
                                     with param_string */
} geneft_param_type;

/* One parameter a plugin accepts. Arrays of these are static data owned by
 * the plugin library and live until it is unloaded. */
typedef struct geneft_param_spec {
    const char *name;          /* TOML key, [a-z0-9_]+ */
    int32_t type;              /* a geneft_param_type */
    const char *default_value; /* TOML literal ("30", "0.001", "\"x\"", "[]"); NULL = required */
    const char *help;          /* one line, shown by `geneft describe` */
} geneft_param_spec;

/* Opaque set of validated parameter values, owned by the host. Every key the
 * plugin declared is present (given or defaulted). Valid for the duration of
 * the create() call it is passed to; a plugin copies what it keeps. */
typedef struct geneft_params geneft_params;

/* ------------------------------------------------------------------ */
/* The host                                                            */
/* ------------------------------------------------------------------ */

typedef enum geneft_log_level {
    GENEFT_LOG_DEBUG = 0,
    GENEFT_LOG_INFO = 1,
    GENEFT_LOG_WARNING = 2,
    GENEFT_LOG_ERROR = 3
} geneft_log_level;

/* Services the host offers a plugin. Owned by the host, valid from init()
 * until deinit() returns. */
typedef struct geneft_host {
    uint32_t struct_size;       /* sizeof(geneft_host) as the host knows it */
    geneft_version abi_version; /* the host's ABI version */
    const char *host_version;   /* e.g. "0.1.0"; owned by the host */
    void *host_data;            /* reserved for the host; plugins must not touch */

    /* Records the message for the failing call in progress on this thread;
     * the host copies msg. Call it right before returning a negative status.
     * [thread-safe] */
    void (*set_error)(const struct geneft_host *host, const char *msg);

    /* Writes one log line (no trailing newline needed); msg is copied.
     * [thread-safe] */
    void (*log)(const struct geneft_host *host, int32_t level, const char *msg);

    /* Typed parameter getters. Return GENEFT_OK, GENEFT_ERR_NOT_FOUND when
     * the key was not declared, or GENEFT_ERR_INVALID_ARGUMENT when it was
     * declared with another type. `out` is written only on success.
     * [thread-safe] */
    geneft_status (*param_int)(const struct geneft_host *host, const geneft_params *params,
                               const char *key, int64_t *out);
    geneft_status (*param_double)(const struct geneft_host *host, const geneft_params *params,
                                  const char *key, double *out);
    geneft_status (*param_bool)(const struct geneft_host *host, const geneft_params *params,
                                const char *key, int32_t *out /* 0 or 1 */);

    /* Copies the string value, NUL-terminated, into buf (capacity bytes,
     * caller-owned). *length receives the value's length without the NUL,
     * also when GENEFT_ERR_BUFFER_TOO_SMALL is returned. [thread-safe] */
    geneft_status (*param_string)(const struct geneft_host *host, const geneft_params *params,
                                  const char *key, char *buf, size_t capacity, size_t *length);

    /* Copies up to capacity values into buf (caller-owned); *count receives
     * the list's length, also when GENEFT_ERR_BUFFER_TOO_SMALL is returned.
     * Call with capacity 0 to learn the length. [thread-safe] */
    geneft_status (*param_int_list)(const struct geneft_host *host, const geneft_params *params,
                                    const char *key, int64_t *buf, size_t capacity,
                                    size_t *count);
    geneft_status (*param_double_list)(const struct geneft_host *host,
                                       const geneft_params *params, const char *key,
                                       double *buf, size_t capacity, size_t *count);
} geneft_host;

/* ------------------------------------------------------------------ */
/* Descriptors                                                         */
/* ------------------------------------------------------------------ */

/* What one plugin is. Static data owned by the plugin library, valid until
 * it is unloaded. */
typedef struct geneft_plugin_descriptor {
    uint32_t struct_size;           /* sizeof(geneft_plugin_descriptor) */
    const char *id;                 /* unique within its kind: "mod_k"; [a-z0-9_]+ */
    const char *version;            /* the plugin's own version, "1.0.0" */
    const char *description;        /* one line */
    const geneft_param_spec *params; /* param_count entries, may be NULL if 0 */
    uint32_t param_count;
} geneft_plugin_descriptor;

/* ------------------------------------------------------------------ */
/* Relations: factory id "geneft.relation/1"                           */
/* ------------------------------------------------------------------ */

#define GENEFT_RELATION_FACTORY_ID "geneft.relation/1"

/* Property flags a relation declares (and the host may verify). */
#define GENEFT_PROP_SYMMETRIC (1u << 0)     /* R(x,y) = R(y,x) */
#define GENEFT_PROP_REFLEXIVE (1u << 1)     /* R(x,x) = 1 */
#define GENEFT_PROP_IRREFLEXIVE (1u << 2)   /* R(x,x) = 0 */
#define GENEFT_PROP_TRANSITIVE (1u << 3)    /* R(x,y), R(y,z) => R(x,z) */
#define GENEFT_PROP_ANTISYMMETRIC (1u << 4) /* R(x,y), R(y,x) => x = y */
#define GENEFT_PROP_EQUIVALENCE (1u << 5)   /* symmetric, reflexive, transitive */
#define GENEFT_PROP_TOTAL_ORDER (1u << 6)   /* strict total order: irreflexive, transitive, total */
#define GENEFT_PROP_BIPARTITE (1u << 7)     /* complete bipartite between two blocks */

typedef struct geneft_relation_info {
    uint32_t struct_size;     /* set by the caller to sizeof(geneft_relation_info) */
    uint32_t n;               /* number of elements; labels form an n x n matrix */
    uint32_t num_classes;     /* label classes: 2 for a binary relation, C for a C-way task */
    uint32_t properties;      /* GENEFT_PROP_* flags */
    double description_bits;  /* closed-form b (paper Table II), or NaN if none */
    double guess_probability; /* p* of paper Eq. 5 for a binary relation, or NaN */
} geneft_relation_info;

/* A relation instance, created by its factory. Owned by the plugin; the host
 * calls destroy() exactly once and then never touches it. */
typedef struct geneft_relation {
    uint32_t struct_size; /* sizeof(geneft_relation) */
    void *plugin_data;    /* the plugin's own; the host never reads it */

    /* Fills *info (whose struct_size the caller set). [thread-safe] */
    geneft_status (*get_info)(const struct geneft_relation *relation, geneft_relation_info *info);

    /* Writes the n x n label matrix, row-major, labels[i * n + j] = label of
     * pair (x_i, x_j), each in 0 .. num_classes-1. labels is caller-owned
     * with room for capacity entries; capacity < n*n gives
     * GENEFT_ERR_BUFFER_TOO_SMALL. [thread-safe] */
    geneft_status (*get_labels)(const struct geneft_relation *relation, int32_t *labels,
                                size_t capacity);

    /* Copies the display name of element `index` into buf (caller-owned,
     * capacity bytes, NUL-terminated; truncated names are an error).
     * May be NULL: the host then names elements by index. [thread-safe] */
    geneft_status (*get_element_name)(const struct geneft_relation *relation, uint32_t index,
                                      char *buf, size_t capacity);

    /* Frees the instance. [main-thread] */
    void (*destroy)(const struct geneft_relation *relation);
} geneft_relation;

typedef struct geneft_relation_factory {
    /* Number of relation plugins in this library. [thread-safe] */
    uint32_t (*count)(const struct geneft_relation_factory *factory);

    /* Descriptor of plugin `index` (< count), or NULL. The result is owned by
     * the library and lives until it is unloaded. [thread-safe] */
    const geneft_plugin_descriptor *(*get_descriptor)(const struct geneft_relation_factory *factory,
                                                      uint32_t index);

    /* Creates an instance of plugin `id` with validated params (valid only
     * during this call). Returns NULL after host->set_error() on failure.
     * The host destroys the result with its destroy(). [main-thread] */
    const geneft_relation *(*create)(const struct geneft_relation_factory *factory,
                                     const geneft_host *host, const char *id,
                                     const geneft_params *params);
} geneft_relation_factory;

/* ------------------------------------------------------------------ */
/* Decoder input modes: factory id "geneft.decoder_mode/1"             */
/* ------------------------------------------------------------------ */

#define GENEFT_DECODER_MODE_FACTORY_ID "geneft.decoder_mode/1"

/* Turns a batch of embedding pairs (e1[b], e2[b]) into decoder inputs, and
 * back-propagates gradients. All arrays are row-major float32, caller-owned,
 * valid for the call only, and never alias each other. */
typedef struct geneft_decoder_mode {
    uint32_t struct_size; /* sizeof(geneft_decoder_mode) */
    void *plugin_data;    /* the plugin's own */

    /* Width of the decoder input for embedding dimension d. [thread-safe] */
    geneft_status (*input_width)(const struct geneft_decoder_mode *mode, uint32_t d,
                                 uint32_t *width);

    /* out[b * width + k] for b < batch from e1, e2 (batch x d each).
     * [thread-safe] */
    geneft_status (*forward)(const struct geneft_decoder_mode *mode, uint32_t d, size_t batch,
                             const float *e1, const float *e2, float *out);

    /* Given d_out (batch x width, the loss gradient w.r.t. out), writes the
     * gradients w.r.t. e1 and e2 (batch x d each, overwritten, not added).
     * [thread-safe] */
    geneft_status (*backward)(const struct geneft_decoder_mode *mode, uint32_t d, size_t batch,
                              const float *e1, const float *e2, const float *d_out, float *d_e1,
                              float *d_e2);

    /* Frees the instance. [main-thread] */
    void (*destroy)(const struct geneft_decoder_mode *mode);
} geneft_decoder_mode;

typedef struct geneft_decoder_mode_factory {
    /* As geneft_relation_factory. [thread-safe] */
    uint32_t (*count)(const struct geneft_decoder_mode_factory *factory);
    /* As geneft_relation_factory. [thread-safe] */
    const geneft_plugin_descriptor *(*get_descriptor)(
        const struct geneft_decoder_mode_factory *factory, uint32_t index);
    /* As geneft_relation_factory. [main-thread] */
    const geneft_decoder_mode *(*create)(const struct geneft_decoder_mode_factory *factory,
                                         const geneft_host *host, const char *id,
                                         const geneft_params *params);
} geneft_decoder_mode_factory;

/* ------------------------------------------------------------------ */
/* Analyzers: factory id "geneft.analyzer/1"                           */
/* ------------------------------------------------------------------ */

#define GENEFT_ANALYZER_FACTORY_ID "geneft.analyzer/1"

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
} geneft_relation_view;

/* One finished training run. Owned by the host, valid during the call. */
typedef struct geneft_run_view {
    uint32_t struct_size;              /* sizeof(geneft_run_view) */
    const geneft_relation_view *relation;
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
} geneft_study_view;

/* An analyzer instance. Each analyze_* pointer may be NULL when the analyzer
 * does not work at that stage. */
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
    /* As geneft_relation_factory. [thread-safe] */
    uint32_t (*count)(const struct geneft_analyzer_factory *factory);
    /* As geneft_relation_factory. [thread-safe] */
    const geneft_plugin_descriptor *(*get_descriptor)(
        const struct geneft_analyzer_factory *factory, uint32_t index);
    /* As geneft_relation_factory. [main-thread] */
    const geneft_analyzer *(*create)(const struct geneft_analyzer_factory *factory,
                                     const geneft_host *host, const char *id,
                                     const geneft_params *params);
} geneft_analyzer_factory;

/* ------------------------------------------------------------------ */
/* The entry point                                                     */
/* ------------------------------------------------------------------ */

/* The one symbol a plugin library exports, named by GENEFT_ENTRY_SYMBOL. */
typedef struct geneft_plugin_entry {
    geneft_version abi_version; /* GENEFT_ABI_VERSION_INIT at build time */

    /* Called once after loading, before any other call. library_path is
     * valid during the call. host lives until deinit() returns. Returns 1 on
     * success; 0 after host->set_error() to refuse loading. [main-thread] */
    int32_t (*init)(const geneft_host *host, const char *library_path);

    /* Called once before unloading, after every instance was destroyed.
     * [main-thread] */
    void (*deinit)(void);

    /* The factory for factory_id (e.g. GENEFT_RELATION_FACTORY_ID), or NULL
     * if the library has none. The factory is owned by the library and lives
     * until it is unloaded. [thread-safe] */
    const void *(*get_factory)(const char *factory_id);
} geneft_plugin_entry;

#define GENEFT_ENTRY_SYMBOL "geneft_entry"

#if defined(_WIN32)
#define GENEFT_EXPORT __declspec(dllexport)
#else
#define GENEFT_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
}
#endif

#endif /* GENEFT_PLUGIN_H */
