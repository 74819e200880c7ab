/* Example relation plugin in plain C, built outside the geneft tree:
 * coprimality of the integers 1 .. n, x ~ y iff gcd(x, y) = 1.
 *
 * A symmetric binary relation with no closed-form description length, so
 * geneft computes b from the relation's automorphisms and info_bound
 * samples the accuracy bound (docs/accuracy-bound.md). Element i is the
 * integer i + 1; element names are the integers. Errors go through the
 * host pointer create() receives. Build it with the CMakeLists.txt beside
 * this file against an installed geneft; see
 * share/doc/geneft/plugin-guide.md. */
#include <geneft/geneft_plugin.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct coprime_data {
    uint32_t n;
} coprime_data;

static uint32_t gcd(uint32_t a, uint32_t b) {
    while (b != 0) {
        const uint32_t r = a % b;
        a = b;
        b = r;
    }
    return a;
}

static uint32_t size_of(const geneft_relation *relation) {
    return ((const coprime_data *)relation->plugin_data)->n;
}

static geneft_status coprime_get_info(const geneft_relation *relation,
                                      geneft_relation_info *info) {
    info->n = size_of(relation);
    info->num_classes = 2;
    info->properties = GENEFT_PROP_SYMMETRIC;
    info->description_bits = NAN;  /* no closed form: the host counts automorphisms */
    info->guess_probability = NAN;
    return GENEFT_OK;
}

static geneft_status coprime_get_labels(const geneft_relation *relation, int32_t *labels,
                                        size_t capacity) {
    const uint32_t n = size_of(relation);
    uint32_t x, y;
    if (capacity < (size_t)n * n) return GENEFT_ERR_BUFFER_TOO_SMALL;
    for (x = 0; x < n; ++x)
        for (y = 0; y < n; ++y) labels[(size_t)x * n + y] = gcd(x + 1, y + 1) == 1;
    return GENEFT_OK;
}

static geneft_status coprime_get_element_name(const geneft_relation *relation, uint32_t index,
                                              char *buf, size_t capacity) {
    int written;
    if (index >= size_of(relation)) return GENEFT_ERR_INVALID_ARGUMENT;
    written = snprintf(buf, capacity, "%u", (unsigned)(index + 1));
    return written >= 0 && (size_t)written < capacity ? GENEFT_OK : GENEFT_ERR_BUFFER_TOO_SMALL;
}

static void coprime_destroy(const geneft_relation *relation) {
    free(relation->plugin_data);
    free((void *)relation);
}

static const geneft_param_spec coprime_params[] = {
    {"n", GENEFT_PARAM_INT, "30", "the integers 1 .. n are the elements"},
};

static const geneft_plugin_descriptor coprime_descriptor = {
    sizeof(geneft_plugin_descriptor), "coprime", "1.0.0",
    "x ~ y iff gcd(x, y) = 1, over the integers 1 .. n", coprime_params, 1};

static uint32_t coprime_count(const geneft_relation_factory *factory) {
    (void)factory;
    return 1;
}

static const geneft_plugin_descriptor *coprime_get_descriptor(
    const geneft_relation_factory *factory, uint32_t index) {
    (void)factory;
    return index == 0 ? &coprime_descriptor : NULL;
}

static const geneft_relation *coprime_create(const geneft_relation_factory *factory,
                                             const geneft_host *host, const char *id,
                                             const geneft_params *params) {
    geneft_relation *relation;
    coprime_data *data;
    int64_t n = 0;
    (void)factory;
    (void)id;
    if (host->param_int(host, params, "n", &n) != GENEFT_OK) {
        host->set_error(host, "n: expected an integer");
        return NULL;
    }
    if (n < 2 || n > GENEFT_MAX_ELEMENTS) {
        host->set_error(host, "n must be in 2 .. 65535");
        return NULL;
    }
    relation = (geneft_relation *)calloc(1, sizeof *relation);
    data = (coprime_data *)malloc(sizeof *data);
    if (relation == NULL || data == NULL) {
        free(relation);
        free(data);
        host->set_error(host, "out of memory");
        return NULL;
    }
    data->n = (uint32_t)n;
    relation->struct_size = sizeof *relation;
    relation->plugin_data = data;
    relation->get_info = coprime_get_info;
    relation->get_labels = coprime_get_labels;
    relation->get_element_name = coprime_get_element_name;
    relation->destroy = coprime_destroy;
    return relation;
}

static const geneft_relation_factory coprime_factory = {coprime_count, coprime_get_descriptor,
                                                        coprime_create};

static int32_t coprime_init(const geneft_host *host, const char *path) {
    (void)host;
    (void)path;
    return 1;
}

static void coprime_deinit(void) {}

static const void *coprime_get_factory(const char *id) {
    return strcmp(id, GENEFT_RELATION_FACTORY_ID) == 0 ? &coprime_factory : NULL;
}

GENEFT_EXPORT const geneft_plugin_entry geneft_entry = {GENEFT_ABI_VERSION_INIT, coprime_init,
                                                        coprime_deinit, coprime_get_factory};
