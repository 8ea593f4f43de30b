"""Back office: queues, forwarding, review, notices, extension, fulfilment."""

urlpatterns = []
