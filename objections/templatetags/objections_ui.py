"""The objections part of a request's pages (the requests app cannot import objections, so its
templates load this library): the request's objections and, when its guard allows, the action to file one."""

from __future__ import annotations

from django import template
from django.utils import timezone

from ppid.rules import actions_available

from ..services.access import objections_visible_to_staff
from ..services.actions import FILE_AT_DESK_ACTION, FILE_ONLINE_ACTION

register = template.Library()


@register.inclusion_tag("objections/_request_panel.html", takes_context=True)
def objections_for_requester(context, req):
    user = context["request"].user
    return {
        "objections": list(req.objections.filter(requester__user=user).order_by("submitted_at")),
        "actions": actions_available((FILE_ONLINE_ACTION,), actor=user, obj=req, now=timezone.now()),
        "for_requester": True,
    }


@register.inclusion_tag("objections/_request_panel.html", takes_context=True)
def objections_for_staff(context, req):
    user = context["request"].user
    return {
        "objections": list(objections_visible_to_staff(user=user).filter(request=req).order_by("submitted_at")),
        "actions": actions_available((FILE_AT_DESK_ACTION,), actor=user, obj=req, now=timezone.now()),
        "for_requester": False,
    }
