"""Sections of a requester's personal-data export that other apps contribute.

registry/ cannot import the apps above it, yet a requester's requests and objections are data
held about them too (UU 27/2022 right of access). The project layer registers a provider per
section at start-up (ppid.personal_data); the export asks every registered provider.
"""

from __future__ import annotations

from collections.abc import Callable

_providers: dict[str, tuple[str, Callable]] = {}


def personal_data_section_register(*, key: str, title, provider: Callable) -> None:
    """provider(requester) -> a list of dicts (one per record) of plain, JSON-ready values."""
    _providers[key] = (title, provider)


def personal_data_sections(*, requester) -> list[dict]:
    return [
        {"kunci": key, "judul": str(title), "baris": provider(requester)}
        for key, (title, provider) in _providers.items()
    ]
