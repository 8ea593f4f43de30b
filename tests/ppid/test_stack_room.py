"""Deep calls kept in one chunk of frame memory (ppid.stack_room), for the layout of a PDF and for every request.

Proven by what it spares, not by time: the page faults of a recursion that goes down and up
across a frame-chunk boundary many times, counted for this thread by the kernel.
"""

import resource
import sys

import pytest

from ppid.stack_room import with_stack_room

DEPTH = 600  # frames of `descend` (about 14 slots each): several 16 KiB chunks deep, well inside the room
DESCENTS = 200
FRAME_CHUNKS = pytest.mark.skipif(
    sys.implementation.name != "cpython" or sys.version_info < (3, 11) or not hasattr(resource, "RUSAGE_THREAD"),
    reason="CPython's frame chunks, Linux's per-thread counts",
)


def descend(depth: int) -> int:
    return 0 if depth == 0 else descend(depth - 1) + 1


def descents() -> int:
    return sum(descend(DEPTH) for _ in range(DESCENTS))


def minor_faults(work) -> int:
    before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    work()
    return resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before


def test_the_call_is_transparent():
    assert with_stack_room(divmod, 17, 5) == (3, 2)
    assert with_stack_room(dict, a=1) == {"a": 1}
    with pytest.raises(ZeroDivisionError):
        with_stack_room(divmod, 1, 0)


@FRAME_CHUNKS
def test_a_recursion_under_it_maps_no_new_frame_memory_each_time_it_goes_deep():
    descents()  # warm: the interpreter's own first-use allocations
    without_room = minor_faults(descents)
    if without_room == 0:
        pytest.skip("this kernel does not count page faults")
    with_room = minor_faults(lambda: with_stack_room(descents))
    # Without the room each descent maps the chunks below the boundary again and touches them
    # (one fault at least each time); with it the descents stay in the one chunk already touched.
    assert without_room >= DESCENTS
    assert with_room < DESCENTS / 4


@FRAME_CHUNKS
def test_every_request_is_served_with_the_room(settings, rf):
    from ppid.middleware import StackRoomMiddleware

    assert settings.MIDDLEWARE[0] == "ppid.middleware.StackRoomMiddleware"  # it holds every other layer
    descents()
    faults = StackRoomMiddleware(lambda request: minor_faults(descents))(rf.get("/"))
    assert faults < DESCENTS / 4
