"""The room: what attendees' phones and a second laptop reach, served by the workshop server.

One process, one port: ``app.WorkshopVoila`` is Voilà's own server with the room's
handlers added in front of Voilà's (``routes.handlers``). Voilà's server-extension mode
would give the same single port, but it cannot preheat kernels, and the projector's first
chart depends on preheating.

Modules, one concern each:

* ``app``     the server: Voilà plus the room's handlers; ``python -m workbook serve``.
* ``routes``  the list of the room's handlers, gathered from the page modules below.
* ``guard``   who is asking (facilitator, attendee with a code, room member, nobody) and
              the decorators every room handler uses; the only place that decides access.
* ``view``    the room view's pages ("follow the facilitator").
* ``form_pages``   the pages of the input forms.
* ``task_pages``   the task forms with their own tables: /room/stances, /room/rate.
* ``survey_pages`` the facilitator's page of the blind backbone survey: /room/survey.

What these pages keep (codes, what is shown, forms and their answers) is in
``workbook.roomstore``, below the tasks that declare forms with it; the pages import the
tasks, so they live above them. The decision log used by tasks 3-5 is ``workbook.decisions``.
"""
