int sealed_stat(void) { return 2; }
