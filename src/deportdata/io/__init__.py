"""Running commands safely: the project lock, recovery after a killed run, interrupts, kernels."""
