"""{% request_duplicates req "requests:processing-detail" %}: the requester's similar requests of the last
30 days, as a warning to staff (the desk page and the PPID's processing page show the same box)."""

from django import template

from ..selectors import request_possible_duplicates

register = template.Library()


@register.inclusion_tag("requests/_duplicates.html")
def request_duplicates(req, link_name="requests:processing-detail"):
    duplicates = request_possible_duplicates(
        requester=req.requester, information_wanted=req.information_wanted, now=req.received_at, exclude_pk=req.pk
    )
    confirmed_of = (
        req.events.filter(action="received").values_list("data__confirmed_resubmission_of", flat=True).first()
    )
    return {"duplicates": duplicates, "link_name": link_name, "confirmed_of": confirmed_of}
