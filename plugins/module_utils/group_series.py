# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""RealPresence Group Series: monitor profiles, the systems Pano can pair with, and what is known how well.

The one place for the Group Series' labels (see ``shared/notes/device-apis.md``):

* **[capture]** REST over HTTPS, as public client code recorded it on a Group 500 (6.2.2.8):
  ``POST /rest/session`` (cookie ``session_id``; 401/403 without a session; few session slots),
  ``GET /rest/system`` (``model``, ``serialNumber``, ``softwareVersion`` like
  ``Release - 6.2.2.8-670021``, ``systemName``, ``rebootNeeded``, ...), ``POST /rest/config`` read
  (``names``) and write (``vars``, a ``result`` per variable), ``POST /rest/system/reboot``,
  ``DELETE /rest/session``. The shared client ``polycom_rest.py`` speaks it.
* **[doc]** the API command channel (Integrator Reference Guide 6.0), over SSH or telnet (port 24):
  ``Password:`` prompt, the ``Hi, my name is : <name>`` banner with ``Model:``, ``Serial Number:``,
  ``Software Version:``, the ``-> `` prompt, ``configpresentation monitor1|monitor2 get|<value>``
  (monitor profiles; ``monitor1``/``monitor2`` alone set the aspect ratio), ``systemname``,
  ``dualmonitor``, ``version``, ``serialnum``, ``whoami``, ``reboot now``, ``exit``, and the error
  lines ``error: command not found`` / ``error: command has illegal parameters``. The client is
  ``polycom_api.py``.
* **[doc]** the Pano Administrator Guide: Pano pairs only with RealPresence Group Series 310, 500,
  550 and 700 and RealPresence Centro, software 6.0 or later; the room setups' monitor profiles
  in the web interface's words (``PROFILES`` below).
* **[inferred]** which ``configpresentation`` value each of those words is (``PROFILES``): neither
  guide maps them, so every row is our reading (``shared/notes/device-apis.md``: "Far, then Near" =
  ``near-or-far``, "Content, then Far" = ``content-or-far``, "Content, then Far, then Near" = ``all``).
* **[inferred]** the shape of the ``set`` answers (``configpresentation monitor1 far succeeded``;
  the combined form answers ``... monitor1 far monitor2 content-or-far succeeded``); the client
  reads the values back after a write rather than trusting the answer's wording.
* **[inferred]** ``GET /rest/media/content`` -> ``{"state": "ACTIVE"|"INACTIVE", "source"}`` and
  ``POST /rest/media/content`` ``{"action": "start"|"stop", "source"}``: how the paired Pano starts
  and stops content on the video system and how ``pano_pairing`` confirms a content test. No capture
  or document shows this call; a capture from a real system corrects it here and in
  ``tests/lab/group_series_emulator.py``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.polycom.uc.plugins.module_utils.firmware import compare_versions, parse_version

FAMILY = 'group_series'
MINIMUM_SOFTWARE = '6.0'
SUPPORTED_MODELS = ('Group 310', 'Group 500', 'Group 550', 'Group 700', 'Centro')
CONTENT_PATH = '/rest/media/content'

# The command channel's monitor profile values [doc], in the order of the Integrator Reference Guide.
PROFILE_VALUES = ('near', 'far', 'content', 'near-or-far', 'content-or-near', 'content-or-far', 'all', 'none')

# The web interface's words (as the Pano guide prints them) [doc] -> command channel value [inferred, every row].
PROFILES = (
    ('Near', 'near', 'inferred'),
    ('Far', 'far', 'inferred'),
    ('Content', 'content', 'inferred'),
    ('Far, then Near', 'near-or-far', 'inferred'),
    ('Content, then Near', 'content-or-near', 'inferred'),
    ('Content, then Far', 'content-or-far', 'inferred'),
    ('Content, then Far, then Near', 'all', 'inferred'),
    ('None', 'none', 'inferred'),
)


def _words(text):
    return ' '.join(re.sub(r'[^a-z0-9-]+', ' ', str(text).lower()).split())


_BY_WORDS = dict((_words(label), value) for label, value, _source in PROFILES)
_LABELS = dict((value, label) for label, value, _source in PROFILES)


def profile_value(text):
    """A monitor profile in the guide's words ("far, then near") or as the raw value ("near-or-far") -> raw value, else None."""
    if text is None:
        return None
    raw = str(text).strip().lower()
    if raw in PROFILE_VALUES:
        return raw
    return _BY_WORDS.get(_words(text))


def profile_label(value):
    """Raw value -> the web interface's words; unknown values come back unchanged."""
    return _LABELS.get(value, value)


def profile_choices():
    """Every accepted spelling, for error messages."""
    return ['"%s" (%s)' % (label, value) for label, value, _source in PROFILES]


def model_key(model):
    """``'RealPresence Group 500'``, ``'Group500'``, ``'GROUP 500'`` -> ``'group500'``; ``'RealPresence Centro'`` -> ``'centro'``."""
    text = re.sub(r'[^a-z0-9]', '', str(model or '').lower())
    text = text.replace('realpresence', '').replace('polycom', '')
    match = re.search(r'group(\d{3})', text)
    if match:
        return 'group' + match.group(1)
    return 'centro' if 'centro' in text else text


SUPPORTED_KEYS = tuple(model_key(model) for model in SUPPORTED_MODELS)


def support_problems(model, software_version):
    """Why Pano cannot pair with this system (the guide's list), or [] when it can."""
    problems = []
    if model_key(model) not in SUPPORTED_KEYS:
        problems.append('model %r is not one Pano pairs with (RealPresence %s)' % (
            model, ', '.join(SUPPORTED_MODELS[:-1]) + ' or ' + SUPPORTED_MODELS[-1]))
    if not parse_version(software_version):
        problems.append('software version %r cannot be read (6.0 or later is required)' % (software_version,))
    elif compare_versions(software_version, MINIMUM_SOFTWARE) < 0:
        problems.append('software %s is older than %s, the oldest Pano pairs with' % (parse_version(software_version), MINIMUM_SOFTWARE))
    return problems


def system_facts(system):
    """Identity facts from ``GET /rest/system`` (or the command channel's banner, same keys)."""
    model = system.get('model')
    software = system.get('softwareVersion')
    problems = support_problems(model, software)
    return dict(
        family=FAMILY,
        model=model,
        serial=system.get('serialNumber'),
        software_version=software,
        firmware_version=parse_version(software),
        system_name=system.get('systemName'),
        reboot_needed=bool(system.get('rebootNeeded')) if 'rebootNeeded' in system else None,
        pairing_supported=not problems,
        unsupported_reasons=problems,
    )
