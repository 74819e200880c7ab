/* A plugin built against the frozen ABI 1.1 header (geneft/geneft_plugin.h
 * beside this file, a verbatim copy of the header as released) and nothing
 * else: a relation and an analyzer in plain C. The host must load and use it
 * unchanged for as long as it speaks ABI 1.
 *
 * relation "frozen_parity": x ~ y iff x + y is even, on n elements (param n,
 * read through the host's param_int), named "e0", "e1", ...
 * analyzer "frozen_steps": analyze_run stores the run's steps_done and its
 * final training loss. */
#include <geneft/geneft_plugin.h>

#ifdef GENEFT_MAX_ELEMENTS
#error "built against a newer header than the frozen ABI 1.1 copy"
#endif

#include "../abi_layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----- relation ----- */

static const geneft_param_spec parity_params[] = {
    {"n", GENEFT_PARAM_INT, "6", "number of elements"}};

static geneft_status parity_get_info(const geneft_relation *r, geneft_relation_info *info) {
    info->n = (uint32_t)(size_t)r->plugin_data;
    info->num_classes = 2;
    info->properties = GENEFT_PROP_SYMMETRIC | GENEFT_PROP_REFLEXIVE | GENEFT_PROP_TRANSITIVE |
                       GENEFT_PROP_EQUIVALENCE;
    info->description_bits = NAN;
    info->guess_probability = 0.5;
    return GENEFT_OK;
}

static geneft_status parity_get_labels(const geneft_relation *r, int32_t *labels,
                                       size_t capacity) {
    const size_t n = (size_t)r->plugin_data;
    size_t i, j;
    if (capacity < n * n) return GENEFT_ERR_BUFFER_TOO_SMALL;
    for (i = 0; i < n; ++i)
        for (j = 0; j < n; ++j) labels[i * n + j] = (int32_t)((i + j) % 2 == 0);
    return GENEFT_OK;
}

static geneft_status parity_get_element_name(const geneft_relation *r, uint32_t index, char *buf,
                                             size_t capacity) {
    int written;
    (void)r;
    written = snprintf(buf, capacity, "e%u", (unsigned)index);
    return written < 0 || (size_t)written >= capacity ? GENEFT_ERR_BUFFER_TOO_SMALL : GENEFT_OK;
}

static void parity_destroy(const geneft_relation *r) { free((void *)r); }

static const geneft_plugin_descriptor parity_descriptor = {
    sizeof(geneft_plugin_descriptor), "frozen_parity", "1.1.0",
    "x ~ y iff x + y is even (built against the frozen ABI 1.1 header)", parity_params, 1};

static uint32_t one_plugin(const geneft_relation_factory *f) {
    (void)f;
    return 1;
}
static const geneft_plugin_descriptor *parity_descriptor_at(const geneft_relation_factory *f,
                                                            uint32_t index) {
    (void)f;
    return index == 0 ? &parity_descriptor : NULL;
}
static const geneft_relation *parity_create(const geneft_relation_factory *f,
                                            const geneft_host *host, const char *id,
                                            const geneft_params *params) {
    geneft_relation *r;
    int64_t n = 0;
    (void)f;
    (void)id;
    if (host->param_int(host, params, "n", &n) != GENEFT_OK || n < 1 || n > 4096) {
        host->set_error(host, "n: must be >= 1 and <= 4096");
        return NULL;
    }
    r = (geneft_relation *)calloc(1, sizeof *r);
    if (r == NULL) {
        host->set_error(host, "out of memory");
        return NULL;
    }
    r->struct_size = sizeof *r;
    r->plugin_data = (void *)(size_t)n;
    r->get_info = parity_get_info;
    r->get_labels = parity_get_labels;
    r->get_element_name = parity_get_element_name;
    r->destroy = parity_destroy;
    return r;
}
static const geneft_relation_factory parity_factory = {one_plugin, parity_descriptor_at,
                                                       parity_create};

/* ----- analyzer ----- */

static const geneft_param_spec steps_params[] = {
    {"scale", GENEFT_PARAM_DOUBLE, "1.0", "factor applied to the stored step count"}};

static geneft_status steps_analyze_run(const geneft_analyzer *a, const geneft_run_view *run,
                                       const geneft_result_sink *sink) {
    const double scale = *(const double *)a->plugin_data;
    geneft_status status = sink->add_scalar(sink, "steps_done", scale * (double)run->steps_done);
    if (status != GENEFT_OK || run->trajectory_length == 0) return status;
    return sink->add_scalar(sink, "final_loss", run->trajectory_loss[run->trajectory_length - 1]);
}

static void steps_destroy(const geneft_analyzer *a) {
    free(a->plugin_data);
    free((void *)a);
}

static const geneft_plugin_descriptor steps_descriptor = {
    sizeof(geneft_plugin_descriptor), "frozen_steps", "1.1.0",
    "stores a run's steps and final loss (built against the frozen ABI 1.1 header)", steps_params,
    1};

static uint32_t one_analyzer(const geneft_analyzer_factory *f) {
    (void)f;
    return 1;
}
static const geneft_plugin_descriptor *steps_descriptor_at(const geneft_analyzer_factory *f,
                                                           uint32_t index) {
    (void)f;
    return index == 0 ? &steps_descriptor : NULL;
}
static const geneft_analyzer *steps_create(const geneft_analyzer_factory *f,
                                           const geneft_host *host, const char *id,
                                           const geneft_params *params) {
    geneft_analyzer *a;
    double *scale;
    (void)f;
    (void)id;
    a = (geneft_analyzer *)calloc(1, sizeof *a);
    scale = (double *)malloc(sizeof *scale);
    if (a == NULL || scale == NULL ||
        host->param_double(host, params, "scale", scale) != GENEFT_OK) {
        free(a);
        free(scale);
        host->set_error(host, "cannot read scale");
        return NULL;
    }
    a->struct_size = sizeof *a;
    a->plugin_data = scale;
    a->analyze_run = steps_analyze_run;
    a->destroy = steps_destroy;
    return a;
}
static const geneft_analyzer_factory steps_factory = {one_analyzer, steps_descriptor_at,
                                                      steps_create};

/* ----- entry ----- */

static int32_t frozen_init(const geneft_host *host, const char *path) {
    (void)path;
    if (host->struct_size >= sizeof(geneft_host)) return 1;
    host->set_error(host, "the host's geneft_host is shorter than ABI 1.1's");
    return 0;
}
static void frozen_deinit(void) {}
static const void *frozen_get_factory(const char *id) {
    if (strcmp(id, GENEFT_RELATION_FACTORY_ID) == 0) return &parity_factory;
    if (strcmp(id, GENEFT_ANALYZER_FACTORY_ID) == 0) return &steps_factory;
    return NULL;
}

GENEFT_EXPORT const geneft_plugin_entry geneft_entry = {GENEFT_ABI_VERSION_INIT, frozen_init,
                                                        frozen_deinit, frozen_get_factory};
