/*
 * geneft plugin ABI, part 6 of 8: decoder input modes, factory id
 * "geneft.decoder_mode/1".
 *
 * A decoder mode turns a pair of embeddings into the decoder's input
 * (paper Sec. III: concat, difference, squared difference) and
 * back-propagates the decoder's gradient into the two embeddings.
 *
 * C99 and C++ clean.
 */
#ifndef GENEFT_PLUGIN_DECODER_MODE_H
#define GENEFT_PLUGIN_DECODER_MODE_H

#include <geneft/descriptor.h>
#include <geneft/host.h>
#include <geneft/params.h>
#include <geneft/version.h>

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

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
    /* Number of decoder-mode plugins in this library. [thread-safe] */
    uint32_t (*count)(const struct geneft_decoder_mode_factory *factory);

    /* Descriptor of plugin `index` (< count), or NULL; owned by the library
     * until it is unloaded. [thread-safe] */
    const geneft_plugin_descriptor *(*get_descriptor)(
        const struct geneft_decoder_mode_factory *factory, uint32_t index);

    /* Creates an instance of plugin `id` with validated params (valid only
     * during this call); NULL after host->set_error() on failure. The host
     * frees the result with its destroy(). [main-thread] */
    const geneft_decoder_mode *(*create)(const struct geneft_decoder_mode_factory *factory,
                                         const geneft_host *host, const char *id,
                                         const geneft_params *params);
} geneft_decoder_mode_factory;

#ifdef __cplusplus
}
#endif

#endif /* GENEFT_PLUGIN_DECODER_MODE_H */
