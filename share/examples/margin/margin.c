/* Example analyzer plugin in plain C, built outside the geneft tree: the
 * mean margin of the final model on the test pairs.
 *
 * The margin of a pair is the probability the model gives its true class
 * minus the largest probability it gives another class: positive where the
 * model is right, and the larger the surer. analyze_run averages it over
 * the pairs that were not in the training set (train_mask 0) and stores
 * "margin.mean_test_margin" and "margin.test_pairs".
 *
 * The model's probabilities came with ABI 1.2: the analyzer checks that the
 * view is long enough to hold them (GENEFT_VIEW_HAS) and that the run has
 * them (a run stored before geneft recorded predictions has none), and
 * otherwise fails with a message through view->host. Build it with the
 * CMakeLists.txt beside this file against an installed geneft; see
 * share/doc/geneft/plugin-guide.md. */
#include <geneft/geneft_plugin.h>

#include <stdlib.h>
#include <string.h>

static geneft_status fail(const geneft_run_view *run, const char *message) {
    if (GENEFT_VIEW_HAS(run, geneft_run_view, host) && run->host != NULL)
        run->host->set_error(run->host, message);
    return GENEFT_ERR_INVALID_ARGUMENT;
}

/* p[true] - max over the other classes of p[c], for one pair's C values. */
static double pair_margin(const float *p, uint32_t classes, int32_t label) {
    double other = -1.0;
    uint32_t c;
    for (c = 0; c < classes; ++c)
        if ((int32_t)c != label && p[c] > other) other = p[c];
    return (double)p[label] - other;
}

static geneft_status margin_analyze_run(const geneft_analyzer *analyzer,
                                        const geneft_run_view *run,
                                        const geneft_result_sink *sink) {
    const geneft_relation_view *relation = run->relation;
    size_t pairs, p, test_pairs = 0;
    double sum = 0.0;
    geneft_status status;
    (void)analyzer;
    if (!GENEFT_VIEW_HAS(run, geneft_run_view, probabilities) || run->probabilities == NULL)
        return fail(run, "run view has no predictions (a run stored before geneft recorded "
                         "them; train it again to have them)");
    pairs = (size_t)relation->info->n * relation->info->n;
    for (p = 0; p < pairs; ++p) {
        if (run->train_mask[p]) continue;
        sum += pair_margin(run->probabilities + p * run->class_count, run->class_count,
                           relation->labels[p]);
        ++test_pairs;
    }
    if (test_pairs == 0) {
        run->host->set_error(run->host, "the run has no test pairs (train.fraction = 1)");
        return GENEFT_ERR_NOT_AVAILABLE;
    }
    status = sink->add_scalar(sink, "mean_test_margin", sum / (double)test_pairs);
    if (status != GENEFT_OK) return status;
    return sink->add_scalar(sink, "test_pairs", (double)test_pairs);
}

static void margin_destroy(const geneft_analyzer *analyzer) { free((void *)analyzer); }

static const geneft_plugin_descriptor margin_descriptor = {
    sizeof(geneft_plugin_descriptor), "margin", "1.0.0",
    "mean margin of the final model on the test pairs: p(true class) - max p(other class)",
    NULL, 0};

static uint32_t margin_count(const geneft_analyzer_factory *factory) {
    (void)factory;
    return 1;
}

static const geneft_plugin_descriptor *margin_get_descriptor(
    const geneft_analyzer_factory *factory, uint32_t index) {
    (void)factory;
    return index == 0 ? &margin_descriptor : NULL;
}

static const geneft_analyzer *margin_create(const geneft_analyzer_factory *factory,
                                            const geneft_host *host, const char *id,
                                            const geneft_params *params) {
    geneft_analyzer *analyzer = (geneft_analyzer *)calloc(1, sizeof *analyzer);
    (void)factory;
    (void)id;
    (void)params;
    if (analyzer == NULL) {
        host->set_error(host, "out of memory");
        return NULL;
    }
    analyzer->struct_size = sizeof *analyzer;
    analyzer->analyze_run = margin_analyze_run;
    analyzer->destroy = margin_destroy;
    return analyzer;
}

static const geneft_analyzer_factory margin_factory = {margin_count, margin_get_descriptor,
                                                       margin_create};

static int32_t margin_init(const geneft_host *host, const char *path) {
    (void)host;
    (void)path;
    return 1;
}

static void margin_deinit(void) {}

static const void *margin_get_factory(const char *id) {
    return strcmp(id, GENEFT_ANALYZER_FACTORY_ID) == 0 ? &margin_factory : NULL;
}

GENEFT_EXPORT const geneft_plugin_entry geneft_entry = {GENEFT_ABI_VERSION_INIT, margin_init,
                                                        margin_deinit, margin_get_factory};
