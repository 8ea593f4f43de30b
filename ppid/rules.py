"""One guard per transition: what is offered and what is enforced come from the same function.

A guard is a pure function ``guard(actor, obj, now) -> Verdict``: it reads the object (and, where
the law needs it, its related records) and answers "allowed" or the reason it is refused. It never
writes. The service calls its guard on the locked row before acting (``verdict_enforce``); the page
lists exactly the actions whose guard allows them (``actions_available``), so a disallowed action
is not offered and a forged POST is refused with the guard's own reason.

Two kinds of refusal: ``forbidden`` (the actor's role or unit may not do this at all: HTTP 403,
and the page learns nothing of the object) and a refusal by the state or the law (HTTP 409, with
the reason shown to the user).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Verdict:
    """Always truthy, so that checks returning ``Verdict | None`` chain as ``a(...) or b(...) or ALLOWED``:
    the first refusal wins. Read ``allowed`` for the answer."""

    allowed: bool
    reason: str = ""
    forbidden: bool = False


ALLOWED = Verdict(True)


def refuse(reason) -> Verdict:
    """Refused by the state of the object or by the law; ``reason`` is shown to the user."""
    return Verdict(False, reason)


def forbid(reason=None) -> Verdict:
    """The actor's role or unit does not allow this action."""
    return Verdict(False, reason or _("Peran Anda tidak berwenang melakukan tindakan ini."), forbidden=True)


class TransitionRefused(Exception):
    """A change the law or the workflow forbids; ``message`` is shown to the user as is."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class ActionNotPermitted(TransitionRefused):
    """The actor's role or unit does not allow this action (the views answer 403)."""


def verdict_enforce(verdict: Verdict) -> None:
    """Raise the verdict's refusal, if it is one."""
    if verdict.allowed:
        return
    if verdict.forbidden:
        raise ActionNotPermitted(verdict.reason)
    raise TransitionRefused(verdict.reason)


def actor_has_any(actor, permissions: Iterable[str]) -> bool:
    return actor is not None and actor.is_authenticated and any(actor.has_perm(p) for p in permissions)


Guard = Callable[[object, object, dt.datetime], Verdict]


@dataclass(frozen=True)
class Action:
    """A transition as a page offers it: its name, its button label, its confirmation page and its guard."""

    name: str
    label: str
    url_name: str
    guard: Guard

    def url(self, obj) -> str:
        return reverse(self.url_name, args=[obj.pk])


@dataclass(frozen=True)
class OfferedAction:
    name: str
    label: str
    url: str


def actions_available(actions: Iterable[Action], *, actor, obj, now: dt.datetime) -> list[OfferedAction]:
    """The actions whose guard allows them for this actor, object and moment, in the given order."""
    return [OfferedAction(a.name, str(a.label), a.url(obj)) for a in actions if a.guard(actor, obj, now).allowed]
