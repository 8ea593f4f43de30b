"""{% request_processing req %}: the deadline ledger and the notices of a request, for the requester's page."""

from django import template
from django.utils import timezone

from ..selectors_ledger import request_ledger
from ..selectors_processing import request_processing_records

register = template.Library()


@register.inclusion_tag("requests/processing/_for_requester.html")
def request_processing(req):
    return {
        "req": req,
        "ledger": request_ledger(request=req, now=timezone.now()),
        "records": request_processing_records(request=req, for_requester=True),
        "for_requester": True,
    }
