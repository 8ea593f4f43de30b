"""``{% requester_dispute_panel objection %}``: the requester's dispute panel, for their request page."""

from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("objections/disputes/_requester_panel.html", takes_context=True)
def requester_dispute_panel(context, objection):
    from objections.views_disputes import requester_panel_context

    return requester_panel_context(objection=objection, user=context["request"].user, now=timezone.now())
