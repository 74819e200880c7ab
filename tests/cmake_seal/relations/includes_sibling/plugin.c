int geneft_entry(void) { return 0; }
