/* The library missing_dependency.c links; not a plugin. */
int geneft_test_dependency_answer(void);
int geneft_test_dependency_answer(void) { return 42; }
