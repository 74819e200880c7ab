/*
 * geneft plugin ABI, part 5 of 8: relations, factory id "geneft.relation/1".
 *
 * A relation is an n x n label matrix over n elements (paper Sec. II), with
 * the properties it declares and, when known, its closed-form description
 * length and guess probability.
 *
 * C99 and C++ clean.
 */
#ifndef GENEFT_PLUGIN_RELATION_H
#define GENEFT_PLUGIN_RELATION_H

#include <geneft/descriptor.h>
#include <geneft/host.h>
#include <geneft/params.h>
#include <geneft/version.h>

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GENEFT_RELATION_FACTORY_ID "geneft.relation/1"

/* The most elements a relation may have. The host indexes and counts the
 * n^2 ordered pairs in uint32_t, so n^2 itself must fit: 65535^2 < 2^32 =
 * 65536^2. Relations refuse a larger n in create(); the host refuses a
 * get_info() that reports one. */
#define GENEFT_MAX_ELEMENTS 65535

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
    uint32_t n;               /* elements, 1 .. GENEFT_MAX_ELEMENTS; labels form an n x n matrix */
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

#ifdef __cplusplus
}
#endif

#endif /* GENEFT_PLUGIN_RELATION_H */
