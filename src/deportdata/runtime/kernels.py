"""The kernel manager that papermill uses for the report notebooks: kernels die with the build."""

from __future__ import annotations

import sys

from jupyter_client.manager import AsyncKernelManager


class DyingKernelManager(AsyncKernelManager):
    """Starts every kernel through `deportdata.runtime.kernel`, so it cannot outlive the build."""

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        cmd = super().format_kernel_cmd(extra_arguments)
        return [sys.executable, "-m", "deportdata.runtime.kernel", *cmd]
