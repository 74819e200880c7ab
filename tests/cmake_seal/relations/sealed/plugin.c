int sealed_stat(void); int geneft_entry(void) { return sealed_stat(); }
