"""Views of registry/, one module per stage; thin: the rules live in services (writes) and selectors (reads)."""

from .account import EmailConfirmView, EmailResendView, RegisterChoiceView, RegisterDoneView, RegisterView
from .desk import DeskCreateView, DeskSearchView, DeskVerifyView
from .own import (
    AccessLogView,
    DocumentDeleteView,
    DocumentFileView,
    DocumentUploadView,
    PersonalDataJsonView,
    PersonalDataPdfView,
    ProfileEditView,
    ProfileView,
    VerificationSubmitView,
)
from .staff import AccessReportView, VerificationApproveView, VerificationDetailView, VerificationQueueView, VerificationRejectView

__all__ = [
    "AccessLogView", "AccessReportView", "DeskCreateView", "DeskSearchView", "DeskVerifyView", "DocumentDeleteView",
    "DocumentFileView", "DocumentUploadView", "EmailConfirmView", "EmailResendView", "PersonalDataJsonView",
    "PersonalDataPdfView", "ProfileEditView", "ProfileView", "RegisterChoiceView", "RegisterDoneView", "RegisterView",
    "VerificationApproveView", "VerificationDetailView", "VerificationQueueView", "VerificationRejectView",
    "VerificationSubmitView",
]
