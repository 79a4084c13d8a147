from django import forms
from django.utils.translation import gettext_lazy as _

from apps.workdays import loader
from city_profiles.loader import ProfileError

MAX_UPLOAD_BYTES = 256 * 1024  # a calendar file is a few kilobytes


class CalendarUploadForm(forms.Form):
    file = forms.FileField(label=_("Calendar file (YAML)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large for a calendar."))
        try:
            self.calendar_file = loader.parse(upload.read(), name=upload.name)
        except ProfileError as error:
            # One error per problem, each naming the file and the path inside it.
            raise forms.ValidationError([str(problem) for problem in error.problems]) from None
        return upload
