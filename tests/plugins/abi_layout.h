/* The layout of every ABI 1 struct and the value of every ABI 1 constant,
 * as released in ABI 1.1 on LP64 targets. Released structs never change:
 * test_abi.cpp checks these against the current headers and the frozen
 * ABI 1.1 plugin (abi_1_1/) against the 1.1 header, so both agree.
 * Include after the ABI header; valid C11 and C++. */
#ifndef TEST_ABI_LAYOUT_H
#define TEST_ABI_LAYOUT_H

#include <stddef.h>
#ifndef __cplusplus
#include <assert.h>
#endif

#define ABI_FROZEN(condition) static_assert(condition, #condition)

/* The three views grow at their end from ABI 1.2 on: built against the 1.1
 * header they are exactly 1.1's size, against a newer one their first new
 * field starts where 1.1's struct ended. */
#if GENEFT_ABI_VERSION_MINOR == 1
#define ABI_1_1_VIEW_SIZE(type, field, size) ABI_FROZEN(sizeof(type) == (size))
#else
#define ABI_1_1_VIEW_SIZE(type, field, size) ABI_FROZEN(offsetof(type, field) == (size))
#endif

ABI_FROZEN(sizeof(geneft_version) == 12);
ABI_FROZEN(offsetof(geneft_version, major) == 0);
ABI_FROZEN(offsetof(geneft_version, minor) == 4);
ABI_FROZEN(offsetof(geneft_version, patch) == 8);

ABI_FROZEN(sizeof(geneft_param_spec) == 32);
ABI_FROZEN(offsetof(geneft_param_spec, name) == 0);
ABI_FROZEN(offsetof(geneft_param_spec, type) == 8);
ABI_FROZEN(offsetof(geneft_param_spec, default_value) == 16);
ABI_FROZEN(offsetof(geneft_param_spec, help) == 24);

ABI_FROZEN(sizeof(geneft_host) == 96);
ABI_FROZEN(offsetof(geneft_host, struct_size) == 0);
ABI_FROZEN(offsetof(geneft_host, abi_version) == 4);
ABI_FROZEN(offsetof(geneft_host, host_version) == 16);
ABI_FROZEN(offsetof(geneft_host, host_data) == 24);
ABI_FROZEN(offsetof(geneft_host, set_error) == 32);
ABI_FROZEN(offsetof(geneft_host, log) == 40);
ABI_FROZEN(offsetof(geneft_host, param_int) == 48);
ABI_FROZEN(offsetof(geneft_host, param_double) == 56);
ABI_FROZEN(offsetof(geneft_host, param_bool) == 64);
ABI_FROZEN(offsetof(geneft_host, param_string) == 72);
ABI_FROZEN(offsetof(geneft_host, param_int_list) == 80);
ABI_FROZEN(offsetof(geneft_host, param_double_list) == 88);

ABI_FROZEN(sizeof(geneft_plugin_descriptor) == 48);
ABI_FROZEN(offsetof(geneft_plugin_descriptor, struct_size) == 0);
ABI_FROZEN(offsetof(geneft_plugin_descriptor, id) == 8);
ABI_FROZEN(offsetof(geneft_plugin_descriptor, version) == 16);
ABI_FROZEN(offsetof(geneft_plugin_descriptor, description) == 24);
ABI_FROZEN(offsetof(geneft_plugin_descriptor, params) == 32);
ABI_FROZEN(offsetof(geneft_plugin_descriptor, param_count) == 40);

ABI_FROZEN(sizeof(geneft_relation_info) == 32);
ABI_FROZEN(offsetof(geneft_relation_info, struct_size) == 0);
ABI_FROZEN(offsetof(geneft_relation_info, n) == 4);
ABI_FROZEN(offsetof(geneft_relation_info, num_classes) == 8);
ABI_FROZEN(offsetof(geneft_relation_info, properties) == 12);
ABI_FROZEN(offsetof(geneft_relation_info, description_bits) == 16);
ABI_FROZEN(offsetof(geneft_relation_info, guess_probability) == 24);

ABI_FROZEN(sizeof(geneft_relation) == 48);
ABI_FROZEN(offsetof(geneft_relation, struct_size) == 0);
ABI_FROZEN(offsetof(geneft_relation, plugin_data) == 8);
ABI_FROZEN(offsetof(geneft_relation, get_info) == 16);
ABI_FROZEN(offsetof(geneft_relation, get_labels) == 24);
ABI_FROZEN(offsetof(geneft_relation, get_element_name) == 32);
ABI_FROZEN(offsetof(geneft_relation, destroy) == 40);

ABI_FROZEN(sizeof(geneft_relation_factory) == 24);
ABI_FROZEN(offsetof(geneft_relation_factory, count) == 0);
ABI_FROZEN(offsetof(geneft_relation_factory, get_descriptor) == 8);
ABI_FROZEN(offsetof(geneft_relation_factory, create) == 16);

ABI_FROZEN(sizeof(geneft_decoder_mode) == 48);
ABI_FROZEN(offsetof(geneft_decoder_mode, struct_size) == 0);
ABI_FROZEN(offsetof(geneft_decoder_mode, plugin_data) == 8);
ABI_FROZEN(offsetof(geneft_decoder_mode, input_width) == 16);
ABI_FROZEN(offsetof(geneft_decoder_mode, forward) == 24);
ABI_FROZEN(offsetof(geneft_decoder_mode, backward) == 32);
ABI_FROZEN(offsetof(geneft_decoder_mode, destroy) == 40);

ABI_FROZEN(sizeof(geneft_decoder_mode_factory) == 24);
ABI_FROZEN(offsetof(geneft_decoder_mode_factory, count) == 0);
ABI_FROZEN(offsetof(geneft_decoder_mode_factory, get_descriptor) == 8);
ABI_FROZEN(offsetof(geneft_decoder_mode_factory, create) == 16);

ABI_FROZEN(sizeof(geneft_result_sink) == 40);
ABI_FROZEN(offsetof(geneft_result_sink, struct_size) == 0);
ABI_FROZEN(offsetof(geneft_result_sink, host_data) == 8);
ABI_FROZEN(offsetof(geneft_result_sink, add_scalar) == 16);
ABI_FROZEN(offsetof(geneft_result_sink, add_text) == 24);
ABI_FROZEN(offsetof(geneft_result_sink, add_series) == 32);

ABI_1_1_VIEW_SIZE(geneft_relation_view, host, 32);
ABI_FROZEN(offsetof(geneft_relation_view, struct_size) == 0);
ABI_FROZEN(offsetof(geneft_relation_view, info) == 8);
ABI_FROZEN(offsetof(geneft_relation_view, labels) == 16);
ABI_FROZEN(offsetof(geneft_relation_view, study_params) == 24);

ABI_1_1_VIEW_SIZE(geneft_run_view, host, 136);
ABI_FROZEN(offsetof(geneft_run_view, struct_size) == 0);
ABI_FROZEN(offsetof(geneft_run_view, relation) == 8);
ABI_FROZEN(offsetof(geneft_run_view, train_mask) == 16);
ABI_FROZEN(offsetof(geneft_run_view, run_params) == 24);
ABI_FROZEN(offsetof(geneft_run_view, embedding_dim) == 32);
ABI_FROZEN(offsetof(geneft_run_view, embeddings) == 40);
ABI_FROZEN(offsetof(geneft_run_view, trajectory_length) == 48);
ABI_FROZEN(offsetof(geneft_run_view, trajectory_step) == 56);
ABI_FROZEN(offsetof(geneft_run_view, trajectory_loss) == 64);
ABI_FROZEN(offsetof(geneft_run_view, trajectory_train_accuracy) == 72);
ABI_FROZEN(offsetof(geneft_run_view, trajectory_test_accuracy) == 80);
ABI_FROZEN(offsetof(geneft_run_view, trajectory_all_accuracy) == 88);
ABI_FROZEN(offsetof(geneft_run_view, budget_steps) == 96);
ABI_FROZEN(offsetof(geneft_run_view, steps_done) == 104);
ABI_FROZEN(offsetof(geneft_run_view, first_train_step) == 112);
ABI_FROZEN(offsetof(geneft_run_view, first_test_step) == 120);
ABI_FROZEN(offsetof(geneft_run_view, diverged) == 128);

ABI_1_1_VIEW_SIZE(geneft_study_view, host, 56);
ABI_FROZEN(offsetof(geneft_study_view, struct_size) == 0);
ABI_FROZEN(offsetof(geneft_study_view, host_data) == 8);
ABI_FROZEN(offsetof(geneft_study_view, run_count) == 16);
ABI_FROZEN(offsetof(geneft_study_view, swept_count) == 24);
ABI_FROZEN(offsetof(geneft_study_view, swept_keys) == 32);
ABI_FROZEN(offsetof(geneft_study_view, run_number) == 40);
ABI_FROZEN(offsetof(geneft_study_view, run_text) == 48);

ABI_FROZEN(sizeof(geneft_analyzer) == 48);
ABI_FROZEN(offsetof(geneft_analyzer, struct_size) == 0);
ABI_FROZEN(offsetof(geneft_analyzer, plugin_data) == 8);
ABI_FROZEN(offsetof(geneft_analyzer, analyze_relation) == 16);
ABI_FROZEN(offsetof(geneft_analyzer, analyze_run) == 24);
ABI_FROZEN(offsetof(geneft_analyzer, analyze_study) == 32);
ABI_FROZEN(offsetof(geneft_analyzer, destroy) == 40);

ABI_FROZEN(sizeof(geneft_analyzer_factory) == 24);
ABI_FROZEN(offsetof(geneft_analyzer_factory, count) == 0);
ABI_FROZEN(offsetof(geneft_analyzer_factory, get_descriptor) == 8);
ABI_FROZEN(offsetof(geneft_analyzer_factory, create) == 16);

ABI_FROZEN(sizeof(geneft_plugin_entry) == 40);
ABI_FROZEN(offsetof(geneft_plugin_entry, abi_version) == 0);
ABI_FROZEN(offsetof(geneft_plugin_entry, init) == 16);
ABI_FROZEN(offsetof(geneft_plugin_entry, deinit) == 24);
ABI_FROZEN(offsetof(geneft_plugin_entry, get_factory) == 32);

ABI_FROZEN(GENEFT_ABI_VERSION_MAJOR == 1);
ABI_FROZEN(GENEFT_OK == 0);
ABI_FROZEN(GENEFT_ERR_INVALID_ARGUMENT == -1);
ABI_FROZEN(GENEFT_ERR_BUFFER_TOO_SMALL == -2);
ABI_FROZEN(GENEFT_ERR_NOT_FOUND == -3);
ABI_FROZEN(GENEFT_ERR_UNSUPPORTED == -4);
ABI_FROZEN(GENEFT_ERR_NOT_AVAILABLE == -5);
ABI_FROZEN(GENEFT_ERR_INTERNAL == -6);
ABI_FROZEN(GENEFT_ID_SIZE == 64);
ABI_FROZEN(GENEFT_NAME_SIZE == 256);

ABI_FROZEN(GENEFT_PARAM_INT == 1);
ABI_FROZEN(GENEFT_PARAM_DOUBLE == 2);
ABI_FROZEN(GENEFT_PARAM_BOOL == 3);
ABI_FROZEN(GENEFT_PARAM_STRING == 4);
ABI_FROZEN(GENEFT_PARAM_INT_LIST == 5);
ABI_FROZEN(GENEFT_PARAM_DOUBLE_LIST == 6);
ABI_FROZEN(GENEFT_PARAM_PATH == 7);

ABI_FROZEN(GENEFT_LOG_DEBUG == 0);
ABI_FROZEN(GENEFT_LOG_INFO == 1);
ABI_FROZEN(GENEFT_LOG_WARNING == 2);
ABI_FROZEN(GENEFT_LOG_ERROR == 3);

ABI_FROZEN(GENEFT_PROP_SYMMETRIC == 1u);
ABI_FROZEN(GENEFT_PROP_REFLEXIVE == 2u);
ABI_FROZEN(GENEFT_PROP_IRREFLEXIVE == 4u);
ABI_FROZEN(GENEFT_PROP_TRANSITIVE == 8u);
ABI_FROZEN(GENEFT_PROP_ANTISYMMETRIC == 16u);
ABI_FROZEN(GENEFT_PROP_EQUIVALENCE == 32u);
ABI_FROZEN(GENEFT_PROP_TOTAL_ORDER == 64u);
ABI_FROZEN(GENEFT_PROP_BIPARTITE == 128u);

#if GENEFT_ABI_VERSION_MINOR >= 2
/* ABI 1.2's additions, frozen from 1.2 on. */
ABI_FROZEN(sizeof(geneft_relation_view) == 40);
ABI_FROZEN(offsetof(geneft_run_view, class_count) == 144);
ABI_FROZEN(offsetof(geneft_run_view, probabilities) == 152);
ABI_FROZEN(sizeof(geneft_run_view) == 160);
ABI_FROZEN(sizeof(geneft_study_view) == 64);
#endif

#endif
