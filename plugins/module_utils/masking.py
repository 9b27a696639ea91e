# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How secrets are hidden: the one place for the masks and for scrubbing text.

Two forms, on purpose: :data:`MASK` replaces a secret *inside a text* (an error message that quotes a
device's answer, a command that failed, a provisioning file's attribute), and :data:`MASK_CHANGED` there
when the secret changes (a file's ``--diff``, a phone parameter's before/after); :data:`MASKED` /
:data:`MASKED_CHANGED` stand for a secret *value* in a before/after view or ``--diff`` (a setting table's
view), where the reader needs to know whether it changes. The drift report callback recognises both.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

MASK = '********'
MASK_CHANGED = MASK + ' (changed)'
MASKED = '<masked>'
MASKED_CHANGED = '<masked: will change>'


def scrub(text, secrets):
    """Replace every secret in ``text`` by :data:`MASK`, longest first (a secret may contain another)."""
    text = '' if text is None else str(text)
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text
