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


# -- baseline ------------------------------------------------------------------------------------
# A baseline says which firmware each family, and optionally each model, should run:
#   {family: {minimum|exact: "x.y", models: {model: {minimum|exact: "x.y"}}}}
# A model rule wins over the family rule. Families are the ``family`` values of the facts modules.

FAMILIES = ('pano', 'group_series', 'phone')
RULES = ('minimum', 'exact')
STATUSES = ('ok', 'below_minimum', 'not_exact', 'unknown_model', 'unknown_version')


def model_key(model):
    """Models compare without case, spaces, hyphens or underscores: 'VVX 500' == 'VVX500' == 'vvx-500'."""
    return re.sub(r'[\s_-]+', '', str(model or '')).lower()


def _rule_problems(rule, where):
    if not isinstance(rule, dict):
        return ['%s: must be a dict with minimum or exact, got %r' % (where, rule)]
    given = [key for key in RULES if rule.get(key) not in (None, '')]
    problems = ['%s: unknown key %s (allowed: minimum, exact%s)' % (where, key, ', models' if '.' not in where else '')
                for key in sorted(rule) if key not in RULES and not (key == 'models' and '.' not in where)]
    if len(given) > 1:
        problems.append('%s: give minimum or exact, not both' % where)
    for key in given:
        if not parse_version(str(rule[key])):
            problems.append('%s.%s: %r is not a version such as 5.9.1' % (where, key, rule[key]))
    return problems


def baseline_problems(baseline):
    """Everything wrong with a baseline, each naming where; [] when it is usable."""
    if not isinstance(baseline, dict):
        return ['baseline: must be a dict keyed by family (%s)' % ', '.join(FAMILIES)]
    problems = []
    for family, entry in sorted(baseline.items()):
        if family not in FAMILIES:
            problems.append('baseline.%s: unknown family (allowed: %s)' % (family, ', '.join(FAMILIES)))
            continue
        problems.extend(_rule_problems(entry, family))
        models = (entry or {}).get('models') if isinstance(entry, dict) else None
        if models is None:
            continue
        if not isinstance(models, dict):
            problems.append('%s.models: must be a dict of model: {minimum|exact: version}' % family)
            continue
        for model, rule in sorted(models.items()):
            where = '%s.models.%s' % (family, model)
            problems.extend(_rule_problems(rule, where))
            if isinstance(rule, dict) and not any(rule.get(key) not in (None, '') for key in RULES):
                problems.append('%s: give minimum or exact' % where)
    return problems


def find_rule(baseline, family, model):
    """(where, rule, version) of the rule for a device, or (None, None, None) when the baseline has none."""
    entry = (baseline or {}).get(family) or {}
    wanted = model_key(model)
    for name, rule in sorted((entry.get('models') or {}).items()):
        if model_key(name) == wanted and wanted:
            kind = [key for key in RULES if rule.get(key) not in (None, '')][0]
            return '%s.models.%s' % (family, name), kind, str(rule[kind])
    for kind in RULES:
        if entry.get(kind) not in (None, ''):
            return family, kind, str(entry[kind])
    return None, None, None


def version_matches(actual, expected):
    """``exact``: every part the baseline gives matches; 6.2.2.8 matches 6.2.2.8 and 6.2.2.8.1, 6.2 every 6.2.x."""
    given, have = version_key(expected), version_key(actual)
    return bool(given) and have[:len(given)] == given


def firmware_status(device, baseline):
    """Compare a facts ``device`` dict with a baseline; the baseline must be valid (see baseline_problems)."""
    device = device or {}
    family, model = device.get('family'), device.get('model')
    actual = parse_version(device.get('firmware_version'))
    where, kind, expected = find_rule(baseline, family, model)
    result = dict(family=family, model=model, serial=device.get('serial'), mac_address=device.get('mac_address'),
                  actual=actual, rule=kind, expected=expected, baseline=where)
    if where is None:
        result.update(status='unknown_model', message='no baseline for %s model %s' % (family, model))
    elif actual is None:
        result.update(status='unknown_version', message='%s reported no firmware version; baseline %s %s (%s)' % (model, kind, expected, where))
    elif kind == 'minimum':
        ok = compare_versions(actual, expected) >= 0
        result.update(status='ok' if ok else 'below_minimum',
                      message='runs %s, baseline minimum %s (%s)' % (actual, expected, where))
    else:
        ok = version_matches(actual, expected)
        result.update(status='ok' if ok else 'not_exact', message='runs %s, baseline exactly %s (%s)' % (actual, expected, where))
    return result
