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


# -- what fixes a finding -----------------------------------------------------------------------
# The drift report names, for every firmware finding, the command or playbook of this collection that fixes it.
FIXES = {
    'phone': ('ansible-playbook polycom.uc.firmware -e firmware_version={expected} -e firmware_package=<UC Software package> '
              '(staged: firmware_pilot first; docs/firmware.md)'),
    'pano': 'polycom.uc.pano_maintenance action=update_software version={expected} (the Pano update server must offer it)',
    'group_series': ('not supported by polycom.uc (no public interface starts a Group Series update): update at the system or from '
                     'RealPresence Resource Manager, then polycom.uc.group_series_info minimum_version={expected} checks it'),
}
NO_PANO_DOWNGRADE = ('no command installs an older Pano build (Update installs the newest one the update server offers): '
                     'revise the baseline\'s exact rule or the update server')


def fix_for(family, status, expected, actual=None):
    """The command or playbook that fixes a firmware finding; None when the status is ok."""
    if status == 'ok':
        return None
    if status == 'unknown_model':
        return 'add a rule for this model (or its family) to polycom_firmware_baseline'
    if status == 'unknown_version':
        return "the device reported no firmware version: run its family's facts module (pano_info, group_series_info, ucs_share_info)"
    if family == 'pano' and status == 'not_exact' and compare_versions(actual, expected) > 0:
        return NO_PANO_DOWNGRADE
    text = FIXES.get(family)
    return text.format(expected=expected) if text else 'no fix known for family %s' % family


# -- many devices at once ----------------------------------------------------------------------
# A share reports thousands of phones. One result per phone (firmware_check in a loop) costs a module run each
# and a result event each; grouping by everything the comparison depends on keeps every phone's truth (its group)
# in a result of a few characters per phone: 10,000 MACs are about 160,000 characters.

GROUP_KEYS = ('status', 'family', 'model', 'actual', 'rule', 'expected', 'baseline')


def _group_order(group):
    """Off the baseline first, then by status, family, model and version (as a version)."""
    return (group['status'] == 'ok', STATUSES.index(group['status']), str(group['family'] or ''), model_key(group['model']),
            version_key(group['actual']), str(group['model'] or ''))


def _group(groups, key, message):
    group = groups.get(key)
    if group is None:
        group = groups[key] = dict(zip(GROUP_KEYS, key), message=message, count=0, mac_addresses=[], serials=[])
    return group


def group_statuses(statuses):
    """Group firmware_status results (one per device) as firmware_groups does."""
    groups = {}
    for status in statuses:
        group = _group(groups, tuple(status.get(key) for key in GROUP_KEYS), status.get('message'))
        group['count'] += 1
        if status.get('mac_address'):
            group['mac_addresses'].append(status['mac_address'])
        elif status.get('serial'):
            group['serials'].append(status['serial'])
    return sorted(groups.values(), key=_group_order)


def merge_groups(groups):
    """Groups of several results (say, of two shares, or firmware_groups and single firmware_check results) as one."""
    merged = {}
    for group in groups:
        into = _group(merged, tuple(group.get(key) for key in GROUP_KEYS), group.get('message'))
        into['count'] += group['count']
        into['mac_addresses'].extend(group.get('mac_addresses') or [])
        into['serials'].extend(group.get('serials') or [])
    return sorted(merged.values(), key=_group_order)


def firmware_groups(devices, baseline):
    """Compare many facts ``device`` dicts with one (valid) baseline in one pass.

    Returns one group per distinct (status, family, model, actual version, rule, expected, baseline where), each with
    the shared ``message``, ``count``, the ``mac_addresses`` of its devices (in input order) and the ``serials`` of
    those without a MAC address. firmware_status decides; it runs once per distinct (family, model, version).
    """
    compared = {}
    statuses = []
    for device in devices:
        device = device or {}
        facts = (device.get('family'), device.get('model'), device.get('firmware_version'))
        if facts not in compared:
            compared[facts] = firmware_status(dict(family=facts[0], model=facts[1], firmware_version=facts[2]), baseline)
        status = dict(compared[facts])
        status.update(mac_address=device.get('mac_address'), serial=device.get('serial'))
        statuses.append(status)
    return group_statuses(statuses)


def firmware_summary(groups):
    """Devices per status (every status, 0 when none), ``compared`` (all devices) and ``drift`` (those not ok)."""
    summary = dict((status, 0) for status in STATUSES)
    for group in groups:
        summary[group['status']] += group['count']
    summary['compared'] = sum(summary[status] for status in STATUSES)
    summary['drift'] = summary['compared'] - summary['ok']
    return summary
