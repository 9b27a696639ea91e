# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What ucs_share_info returns from share_info's analysis: bounded by default, every phone on request.

A share has up to tens of thousands of phones. Every phone's entry (findings, Lync line, device) is some 1-2 kB
without its files and parameters and many kB with them, so 10,000 phones make a result of tens of MB, which
ansible-runner drops from its job events (MAX_EVENT_RES) and which ``-v`` prints as one line. By default the
module returns counts, lists cut to ``limit`` names and findings grouped across phones; the firmware groups
(firmware.firmware_groups) keep every phone at a few characters each.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.polycom.uc.plugins.module_utils.firmware import firmware_groups, firmware_summary

DETAILS = ('summary', 'phones', 'full')
MAC_TOKEN = '[PHONE_MAC_ADDRESS]'
SEVERITIES = ('error', 'warning', 'info')


def finding_groups(phones, limit):
    """Findings that read the same once the phone's MAC is [PHONE_MAC_ADDRESS], most severe and most frequent first.

    All groups, each with its phone count and the first ``limit`` MACs; the caller cuts the list.
    """
    groups = {}
    for phone in phones:
        mac = phone['mac_address']
        seen = set()  # a phone may repeat a finding (one per file); it counts once
        for finding in phone['findings']:
            message = finding['message'].replace(mac, MAC_TOKEN)
            key = (finding['kind'], finding['severity'], message)
            if key in seen:
                continue
            seen.add(key)
            group = groups.get(key)
            if group is None:
                group = groups[key] = dict(kind=finding['kind'], severity=finding['severity'], message=message, phones=0,
                                           mac_addresses=[])
            group['phones'] += 1
            if len(group['mac_addresses']) < limit:
                group['mac_addresses'].append(mac)
    return sorted(groups.values(), key=lambda g: (SEVERITIES.index(g['severity']), -g['phones'], g['kind'], g['message']))


def share_summary(result, limit, cut):
    """share_info's summary (ucs_share.Tally.report: the names of ucs_files' phones check) and the phones with a log;
    lists cut to ``limit`` names when ``cut``, reasons always."""
    summary = dict(result['summary'])
    lists = ('phones_with_errors', 'phones_not_ready', 'first_errors')
    longest = max(len(summary[name]) for name in lists)
    if cut:
        summary.update((name, summary[name][:limit]) for name in lists)
    summary['truncated'] = (cut and longest > limit) or len(summary['reasons']) > limit
    summary['reasons'] = dict(list(summary['reasons'].items())[:limit])
    summary['with_firmware'] = sum(1 for phone in result['phones'] if phone['device'].get('firmware_version'))
    return summary


def share_report(result, detail, limit, baseline=None):
    """The module's result from share_info's ``result`` (made with details=True only for detail=full).

    detail: summary - counts, bounded lists, grouped findings; phones - also every phone's entry and ``macs``;
    full - the same (share_info left each phone's files and parameters in). baseline: also compare the firmware
    of every phone that reported a version in a log (``firmware_groups``, ``firmware_summary``).
    """
    findings = finding_groups(result['phones'], limit)
    report = dict(summary=share_summary(result, limit, detail == 'summary'), findings=findings[:limit])
    report['summary'].update(finding_groups=len(findings))
    report['summary']['truncated'] = report['summary']['truncated'] or len(findings) > limit
    if detail != 'summary':
        report.update(phones=result['phones'], macs=result['macs'])
    if baseline is not None:
        devices = [phone['device'] for phone in result['phones'] if phone['device'].get('firmware_version')]
        groups = firmware_groups(devices, baseline)
        report.update(firmware_groups=groups, firmware_summary=firmware_summary(groups))
        report['firmware_summary']['no_log'] = len(result['phones']) - len(devices)
    return report
