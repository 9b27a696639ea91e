# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Firmware versions as Polycom prints them, made comparable as versions rather than text."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

VERSION = re.compile(r'(\d+(?:\.\d+)+)(?:[-.](\d+))?')


def parse_version(text):
    """``'Release - 6.2.2.8-670021'`` -> ``'6.2.2.8'``; ``'4.0.1.13681'`` -> ``'4.0.1.13681'``; None if none."""
    match = VERSION.search(text or '')
    return match.group(1) if match else None


def version_key(text):
    """A tuple that orders versions numerically: 6.10 > 6.9, 1.1.2.1007 > 1.1.2.46."""
    version = parse_version(text)
    return tuple(int(part) for part in version.split('.')) if version else ()


def compare_versions(left, right):
    """-1, 0 or 1 as ``left`` is lower than, equal to or higher than ``right`` (missing parts count as 0)."""
    a, b = list(version_key(left)), list(version_key(right))
    width = max(len(a), len(b))
    a, b = a + [0] * (width - len(a)), b + [0] * (width - len(b))
    return (a > b) - (a < b)
