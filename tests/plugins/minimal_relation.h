/* A one-relation library in plain C for the ABI refusal tests: relation
 * "minimal" on TEST_RELATION_N elements (3 unless defined before). */
#ifndef TEST_MINIMAL_RELATION_H
#define TEST_MINIMAL_RELATION_H

#include <geneft/geneft_plugin.h>

#include <math.h>
#include <string.h>

#ifndef TEST_RELATION_N
#define TEST_RELATION_N 3
#endif

static geneft_status minimal_get_info(const geneft_relation *r, geneft_relation_info *info) {
    (void)r;
    info->n = TEST_RELATION_N;
    info->num_classes = 2;
    info->properties = 0;
    info->description_bits = NAN;
    info->guess_probability = NAN;
    return GENEFT_OK;
}

static geneft_status minimal_get_labels(const geneft_relation *r, int32_t *labels,
                                        size_t capacity) {
    const size_t cells = (size_t)TEST_RELATION_N * TEST_RELATION_N;
    size_t i;
    (void)r;
    if (capacity < cells) return GENEFT_ERR_BUFFER_TOO_SMALL;
    for (i = 0; i < cells; ++i) labels[i] = (int32_t)(i % 2);
    return GENEFT_OK;
}

static void minimal_destroy(const geneft_relation *r) { (void)r; }

static const geneft_relation minimal_instance = {
    sizeof(geneft_relation), NULL, minimal_get_info, minimal_get_labels, NULL, minimal_destroy};

static const geneft_plugin_descriptor minimal_descriptor = {
    sizeof(geneft_plugin_descriptor), "minimal", "1.0.0", "a small test relation", NULL, 0};

static uint32_t minimal_count(const geneft_relation_factory *f) {
    (void)f;
    return 1;
}
static const geneft_plugin_descriptor *minimal_descriptor_at(const geneft_relation_factory *f,
                                                             uint32_t index) {
    (void)f;
    return index == 0 ? &minimal_descriptor : NULL;
}
static const geneft_relation *minimal_create(const geneft_relation_factory *f,
                                             const geneft_host *host, const char *id,
                                             const geneft_params *params) {
    (void)f;
    (void)host;
    (void)id;
    (void)params;
    return &minimal_instance;
}
static const geneft_relation_factory minimal_factory = {minimal_count, minimal_descriptor_at,
                                                        minimal_create};

#ifndef TEST_CUSTOM_INIT
static int32_t minimal_init(const geneft_host *host, const char *path) {
    (void)host;
    (void)path;
    return 1;
}
#endif
static void minimal_deinit(void) {}
static const void *minimal_get_factory(const char *id) {
    return strcmp(id, GENEFT_RELATION_FACTORY_ID) == 0 ? &minimal_factory : NULL;
}

#endif
