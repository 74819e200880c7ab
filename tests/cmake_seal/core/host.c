int geneft_fake_host(void) { return 1; }
