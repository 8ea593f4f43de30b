import factory
from django.utils import timezone

from ppid.codes import new_tracking_code
from requests.models import Channel, DeliveryMethod, InformationRequest, ObtainMethod
from requests.services.deadlines import request_deadlines_recompute
from tests.ppid.factories import UnitFactory
from tests.registry.factories import RequesterFactory


class InformationRequestFactory(factory.django.DjangoModelFactory):
    """A complete, registered request; its deadlines come from the real recompute service."""

    class Meta:
        model = InformationRequest
        skip_postgeneration_save = True

    tracking_code = factory.LazyFunction(new_tracking_code)
    # A year far from any test's clock: these numbers can never collide with the real sequence's.
    register_number = factory.Sequence(lambda n: f"{n + 1:04d}/PPID/I/1990")
    requester = factory.SubFactory(RequesterFactory)
    unit = factory.SubFactory(UnitFactory, code="ppid-utama", name="PPID Utama", kind="utama")
    channel = Channel.ONLINE
    received_at = factory.LazyFunction(timezone.now)
    completed_at = factory.LazyAttribute(lambda r: r.received_at)
    information_wanted = "Laporan realisasi anggaran 2025"
    purpose = "Penelitian"
    obtain_method = ObtainMethod.SOFT_COPY
    delivery_method = DeliveryMethod.EMAIL
    status = InformationRequest.Status.REGISTERED

    @factory.post_generation
    def deadlines(obj, create, extracted, **kwargs):
        if create:
            request_deadlines_recompute(obj)
