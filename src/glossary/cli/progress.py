"""Progress bars on standard error, drawn only on a terminal and only for work that lasts.

A `Bar` is called as the library reports its work (`glossary.store.Progress`: a stage, the file,
done and total); it draws nothing for the first half second, so a small glossary or a warm
cache shows no bar at all, and rich is imported only when one is drawn. ``NO_COLOR`` draws it
without colour or styles.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..i18n import N_

if TYPE_CHECKING:
    from ..i18n import Locale

_STAGES = {
    "check": N_("checking {file}"),
    "index": N_("indexing {file}"),
    "write": N_("writing the index of {file}"),
    "resolve": N_("resolving names"),
    "cluster": N_("clustering names"),
}
"""What a bar says for each stage of the work."""
DELAY = 0.5
"""Seconds of work before a bar is drawn."""


class Bar:
    """A progress bar that appears on a terminal once a stage has lasted `DELAY` seconds.

    Args:
        enabled: whether standard error is a terminal.
        messages: the interface language of its descriptions.
        color: colours and styles (False under ``NO_COLOR``).
    """

    def __init__(self, enabled: bool, messages: Locale, *, color: bool = True) -> None:
        self.enabled = enabled
        self._t = messages
        self._color = color
        self._started: float | None = None
        self._stage: tuple[str, str] | None = None
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, stage: str, file: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        if stage == "ready" or (stage == "check" and total is not None and done >= total):
            self.close()  # (the index is built, or the files are checked: a next stage starts afresh)
            return
        if stage == "index" and total is not None and done >= total:
            stage, done, total = "write", 0, None  # read to the end: what is left is writing the index
        now = time.monotonic()
        if self._stage != (stage, file):
            self._stage = (stage, file)
            if self._progress is None:
                self._started = now
            elif self._task is not None:
                self._progress.update(self._task, description=self._describe(stage, file), completed=done, total=total)
                return
        if self._progress is None:
            if self._started is None or now - self._started < DELAY:
                return
            self._open(stage, file)
        self._progress.update(self._task, completed=done, total=total)

    def _describe(self, stage: str, file: str) -> str:
        import os

        return self._t.gettext(_STAGES.get(stage, stage)).format(file=os.path.basename(file))

    def _open(self, stage: str, file: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, \
            TimeElapsedColumn

        console = Console(stderr=True, color_system="auto" if self._color else None, no_color=not self._color)
        count = TaskProgressColumn() if stage in ("check", "index") else MofNCompleteColumn()
        self._progress = Progress(TextColumn("{task.description}"), BarColumn(), count, TimeElapsedColumn(),
                                  console=console, transient=True, redirect_stdout=False, redirect_stderr=False)
        self._progress.start()
        self._task = self._progress.add_task(self._describe(stage, file), total=None)

    def close(self) -> None:
        """Take the bar off the terminal (nothing to do when none was drawn)."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        self._started = None
        self._stage = None

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
