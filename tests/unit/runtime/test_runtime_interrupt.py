"""A command run inside another program leaves its signal handlers as it found them
(deportdata.runtime.interrupt.install / uninstall)."""

from __future__ import annotations

import signal

from deportdata.config import Project
from deportdata.runtime import interrupt


def test_uninstall_restores_the_handlers_and_forgets_the_command(tmp_path):
    def mine(signum, frame):  # pragma: no cover (never called)
        pass

    before = signal.signal(signal.SIGTERM, mine)
    try:
        interrupt.install("build", Project(tmp_path))
        interrupt.published("the check results")
        assert signal.getsignal(signal.SIGTERM) is not mine
        interrupt.uninstall()
        assert signal.getsignal(signal.SIGTERM) is mine
        assert interrupt.STATE.command == "" and interrupt.STATE.published == []
        assert interrupt.STATE.project is None
    finally:
        signal.signal(signal.SIGTERM, before)


def test_the_interruption_message_names_only_what_this_command_published(tmp_path):
    interrupt.install("build", Project(tmp_path))
    try:
        interrupt.published("the check results")
        assert "the check results had been published before" in interrupt.message(signal.SIGINT)
    finally:
        interrupt.uninstall()
    interrupt.install("clean", Project(tmp_path))
    try:
        assert "nothing was published" in interrupt.message(signal.SIGINT)
    finally:
        interrupt.uninstall()
