"""Room for deep recursion in one chunk of the interpreter's frame memory.

CPython (3.11 and later) keeps Python frames in chunks of 16 KiB, each mapped from the system
when a call needs it and unmapped as soon as the frames in it return. Code that recurses down and
up across such a boundary many times (WeasyPrint's layout and drawing, Django's template engine
rendering a table's rows) pays each time for a mapping, an unmapping and the page faults of
touching the new chunk. A receipt served through the middleware crossed one 767 times (traced
with strace: about 4 ms of system time, a tenth of the document), and the register page and the
work queue spent a tenth and a quarter of their time the same way; where the boundary falls
depends on how deep the caller already is, which is why a shallow view never showed it.

A chunk is made big enough for the frame that asks for it. The caller below declares a large
value stack that it never uses (the interpreter reads and clears a frame's stack only up to its
top, so those pages are never touched); it is given a 512 KiB chunk, and the frames under it fit in
the rest of that one chunk. Each call costs one mapping and unmapping (about 10 microseconds and
two page faults) instead of hundreds; a PDF rendered inside a request takes a second chunk, as the
room left under the request's frame is a little smaller than the one it asks for. On an
interpreter without frame chunks it is an ordinary call.
"""

from __future__ import annotations

import types

# Slots asked for by the caller's frame: 256 KiB, which with the 1,000 slots CPython adds when it
# sizes a chunk is given a 512 KiB chunk, leaving about 256 KiB (32,000 slots) for the frames under it.
STACK_ROOM_SLOTS = 2**15


def _call(function, *args, **kwargs):
    return function(*args, **kwargs)


_call_with_room = types.FunctionType(
    _call.__code__.replace(
        co_stacksize=_call.__code__.co_stacksize + STACK_ROOM_SLOTS, co_name="_call_with_room", co_qualname="_call_with_room"
    ),
    {},
    "_call_with_room",
)


def with_stack_room(function, *args, **kwargs):
    """``function(*args, **kwargs)``, its frames kept in one chunk of frame memory."""
    return _call_with_room(function, *args, **kwargs)
