"""Work done in forked children of a single-threaded process, each reporting its steps through a pipe
and handing back a list of byte strings (a long print's groups of parts: ppid.pdf_parts).

A child is forked only from a process with one thread (a Celery prefork worker, the bench, a test):
a fork copies one thread, and a lock another thread held at that moment would stay held in the child.
The child never uses the database (a query there would share this process's connection: it is
refused), dies with its parent, and leaves with ``os._exit``, so it closes nothing this process
still uses.
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import tempfile
import traceback
from dataclasses import dataclass

from django.db import connections

# A child that reports no step for this long is taken as stuck: stopped, and the work fails.
CHILD_SILENCE_SECONDS = 600


def fork_is_safe() -> bool:
    """True where a child may be forked: Linux, and this process runs a single thread (Python's or a library's)."""
    if not hasattr(os, "fork"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class ChildFailed(RuntimeError):
    """A child ended without its result, or went silent."""


STEP_DONE = b"."
RESULT_WRITTEN = b"!"
# Signals that would unwind a freshly forked child through the parent's stack (a Celery worker's
# SIGTERM handler raises SystemExit): blocked around the fork, default again in the child.
FORK_BLOCKED_SIGNALS = frozenset({signal.SIGTERM, signal.SIGINT, signal.SIGQUIT, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGALRM})
PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass
class ForkedChild:
    pid: int
    pipe: int
    result_file: object
    number: int
    steps_done: int = 0
    written: bool = False
    finished: bool = False
    exit_status: int | None = None
    reaped: bool = False

    @classmethod
    def fork(cls, work, *, number: int, siblings: list) -> ForkedChild:
        """A child running ``work(step_done)``, which returns the child's result as a list of byte strings."""
        result_file = tempfile.TemporaryFile()
        read_end, write_end = os.pipe()
        parent = os.getpid()
        previous_mask = signal.pthread_sigmask(signal.SIG_BLOCK, FORK_BLOCKED_SIGNALS)
        try:
            pid = os.fork()
        except OSError:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous_mask)
            for fd in (read_end, write_end):
                os.close(fd)
            result_file.close()
            raise
        if pid == 0:  # the child: do the work, hand its result back, leave without running anything of the parent's
            exit_code = 1
            try:
                _child_set_up(parent, previous_mask, closing=[read_end, *(sibling.pipe for sibling in siblings)])
                for piece in work(lambda: os.write(write_end, STEP_DONE)):
                    result_file.write(len(piece).to_bytes(8, "big") + piece)
                result_file.flush()
                os.write(write_end, RESULT_WRITTEN)
                exit_code = 0
            except BaseException:  # noqa: BLE001 - whatever it was, the parent must hear of it
                traceback.print_exc()
            finally:
                os._exit(exit_code)
        signal.pthread_sigmask(signal.SIG_SETMASK, previous_mask)
        os.close(write_end)
        os.set_blocking(read_end, False)
        return cls(pid=pid, pipe=read_end, result_file=result_file, number=number)

    def read_progress(self) -> None:
        """Count what the child has reported so far, without waiting."""
        while not self.finished:
            try:
                data = os.read(self.pipe, 4096)
            except BlockingIOError:
                return
            if not data:  # the child has ended
                self.finished = True
                return
            self.steps_done += data.count(STEP_DONE)
            self.written = self.written or RESULT_WRITTEN in data

    def result(self) -> list[bytes]:
        """The child's byte strings, once it has ended."""
        self._reap()
        if not self.written:
            raise ChildFailed(
                f"child {self.number} ended without its result (exit status {self.exit_status}; see the worker's log)"
            )
        self.result_file.seek(0)
        pieces = []
        while length := int.from_bytes(self.result_file.read(8) or b"\0", "big"):
            pieces.append(self.result_file.read(length))
        return pieces

    def stop(self) -> None:
        """Make sure the child is gone and its pipe and file closed (after its result, or on a failure here)."""
        if not self.finished:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.finished = True
        self._reap()
        for close in (lambda: os.close(self.pipe), self.result_file.close):
            try:
                close()
            except OSError:
                pass

    def _reap(self) -> None:
        if self.reaped:
            return
        try:
            _pid, status = os.waitpid(self.pid, 0)
            self.exit_status = os.waitstatus_to_exitcode(status)  # negative: the signal that ended it
        except ChildProcessError:  # already reaped (a worker that ignores SIGCHLD reaps its children itself)
            pass
        self.reaped = True


def children_results(children: list[ForkedChild], on_progress) -> list[bytes]:
    """Wait for every child, calling ``on_progress()`` as their steps come; their results in the children's order."""
    poller, waiting = select.poll(), {}
    for child in children:
        child.read_progress()
        if not child.finished:
            poller.register(child.pipe, select.POLLIN | select.POLLHUP)
            waiting[child.pipe] = child
    on_progress()
    while waiting:
        events = poller.poll(CHILD_SILENCE_SECONDS * 1000)
        if not events:
            numbers = ", ".join(str(child.number) for child in waiting.values())
            raise ChildFailed(f"child {numbers} reported nothing for {CHILD_SILENCE_SECONDS} s")
        for fd, _event in events:
            child = waiting[fd]
            child.read_progress()
            if child.finished:
                poller.unregister(fd)
                del waiting[fd]
        on_progress()
    return [piece for child in children for piece in child.result()]


def _child_set_up(parent: int, signal_mask, *, closing: list[int]) -> None:
    """In a new child: the signals as a new process has them, killed with its parent, no database."""
    for number in FORK_BLOCKED_SIGNALS:
        signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, signal_mask)
    try:  # a worker killed outright (out of memory, a hard time limit) takes its children with it
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the parent's own clean-up is the only guard
    if os.getppid() != parent:  # the parent ended before the line above took effect
        os._exit(1)
    for fd in closing:  # the parent's ends of this and earlier children's pipes
        os.close(fd)
    _database_refused()


def _database_refused() -> None:
    """In a child: any query fails at once instead of writing on the connection the parent still uses."""

    def refuse(execute, sql, params, many, context):
        raise RuntimeError("a forked child must not query the database its parent is connected to")

    for connection in connections.all():
        connection.execute_wrappers.append(refuse)
