# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``device`` facts every polycom.uc facts module returns, and the one MAC address rule.

``device`` is what ``firmware_check``, the drift report (``module_utils/drift_report.py``,
``docs/drift-report.schema.json``) and playbooks read: always ``family`` (``pano``, ``group_series``,
``phone``), ``model``, ``serial``, ``mac_address`` (12 lower-case hex digits, or empty/None when unknown),
``software_version`` (as the device reports it) and ``firmware_version`` (its numeric part, for version
comparison); each family adds its own keys after those. :func:`device_facts` builds it, in one place.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.six import string_types
from ansible_collections.polycom.uc.plugins.module_utils.firmware import parse_version

MAC_SHAPES = (  # the plain form first: it is how files name phones, so the reader meets it 10,000 times a run
    re.compile(r'^([0-9a-f]{12})$'),
    re.compile(r'^([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})[:-]([0-9a-f]{2})$'),
    re.compile(r'^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$'),
)
NO_MACS = ('000000000000', 'ffffffffffff')
MAC_SEPARATORS = re.compile(r'[:.\-]')


def normalise_mac(value):
    """12 lower-case hex digits from 00:04:F2:AB:CD:EF, 00-04-f2-ab-cd-ef, 0004.f2ab.cdef or 0004f2abcdef; else None.

    The rule for MAC addresses a user gives (inventories, CSV lists, module options): all zeros and all ones
    name no phone (``000000000000.cfg`` is the generic master), so they are refused too.
    """
    if not isinstance(value, string_types):
        return None
    text = value.strip().lower()
    for shape in MAC_SHAPES:
        match = shape.match(text)
        if match:
            mac = ''.join(match.groups())
            return None if mac in NO_MACS else mac
    return None


def reported_mac(value):
    """The MAC a device reports about itself, by :func:`normalise_mac`'s rule; '' when it reports none.

    A value that rule refuses is still the device's own answer: it is kept, separators dropped and lower-cased,
    so that a comparison with an expected MAC fails visibly instead of matching nothing silently.
    """
    text = (value or '').strip()
    return normalise_mac(text) or MAC_SEPARATORS.sub('', text).lower()


def device_facts(family, model, serial=None, mac_address=None, software_version=None, **extra):
    """The ``device`` dict (see the module docstring): the shared keys first, then the family's ``extra``."""
    facts = dict(
        family=family,
        model=model,
        serial=serial,
        mac_address=mac_address,
        software_version=software_version,
        firmware_version=parse_version(software_version),
    )
    facts.update(extra)
    return facts
