"""Running processes safely: interruptions (Ctrl-C, SIGTERM), the project lock, kernels and
child processes that die with the build, quicker third-party imports, and the git commit a
build or a citation names. No module here reads or writes the project's data (that is `io/`)."""
