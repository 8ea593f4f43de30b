"""The project's URLs plus the bare baselines (used only by the benchmarks)."""

from django.urls import path

from ppid.urls import urlpatterns as project

from . import bare

urlpatterns = [
    path("bench/bare-table/", bare.bare_table),
    path("bench/bare-receipt.pdf", bare.bare_receipt),
    path("bench/bare-receipt-words.pdf", bare.bare_receipt_words),
    *project,
]
