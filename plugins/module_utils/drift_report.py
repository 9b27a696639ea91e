# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The drift report: its hosts' summary, its Markdown, writing it, merging the reports of sliced jobs.

The polycom.uc.drift_report callback collects the hosts of a run and hands them here; the
polycom.uc.drift_report_merge module merges the JSON reports of several runs (AWX job slices) into one.
Schema: docs/drift-report.schema.json (schema_version 2).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import tempfile

from ansible_collections.polycom.uc.plugins.module_utils.firmware import GROUP_KEYS, fix_for, group_statuses, merge_groups

SCHEMA_VERSION = 2
REPORT_NAME = 'drift-report'
FIRMWARE_STATUSES = ('ok', 'below_minimum', 'not_exact', 'unknown_model', 'unknown_version')
FIRMWARE_KEYS = ('status', 'family', 'model', 'serial', 'mac_address', 'actual', 'rule', 'expected', 'baseline', 'message')
GROUP_EXAMPLES = 5  # device names a firmware group shows (JSON and Markdown); the JSON lists every device off the baseline
MAX_GROUP_ROWS = 50  # firmware groups of one host in the Markdown; a merge-request comment has to stay readable
READINESS_CAUSE = 'not_lync_ready'  # a phone's line 1 would not register with Lync (drift.yml's lync_readiness findings)


class ReportError(Exception):
    pass


def expand(group):
    """Every device of a firmware group, each as the firmware_check result it stands for."""
    shared = dict((k, group.get(k)) for k in FIRMWARE_KEYS if k not in ('serial', 'mac_address'))
    for mac in group.get('mac_addresses') or []:
        yield dict(shared, mac_address=mac, serial=None)
    for serial in group.get('serials') or []:
        yield dict(shared, mac_address=None, serial=serial)


def compact(group):
    """A firmware group for the report: its devices counted, the first few named."""
    names = (group.get('mac_addresses') or []) + (group.get('serials') or [])
    return dict([(k, group.get(k)) for k in GROUP_KEYS], message=group.get('message') or '', count=group['count'], examples=names[:GROUP_EXAMPLES],
                fix=finding_fix(group))


def finding_fix(finding):
    """The command or playbook that fixes a firmware finding (firmware.fix_for); None when it is ok."""
    return fix_for(finding.get('family'), finding.get('status'), finding.get('expected'), finding.get('actual'))


def host_firmware(singles, grouped):
    """(firmware, firmware_groups, firmware_counts) of a host from its single-device results and its firmware groups.

    firmware lists every single-device result (as before groups existed) and every grouped device off the baseline;
    the grouped devices on the baseline are only counted, which keeps a 10,000-phone share's report to its drift.
    """
    grouped = [g for g in grouped if isinstance(g.get('count'), int)]
    groups = merge_groups(group_statuses(singles) + grouped)
    listed = [dict(entry, fix=finding_fix(entry)) for entry in singles + [
        entry for group in grouped if group['status'] != 'ok' for entry in expand(group)]]
    counts = dict((status, 0) for status in FIRMWARE_STATUSES)
    for group in groups:
        counts[group['status']] += group['count']
    return listed, [compact(g) for g in groups], counts


def host_models(host):
    """The model of the host's device, or of the devices it reports on (a share reports many phones)."""
    models = [g.get('model') for g in host['firmware_groups'] if g.get('model')] or [(host['device'] or {}).get('model')]
    return ', '.join(sorted(set(m for m in models if m)))


def firmware_cell(host):
    """One device: its version and status; several (a share's phones): how many have each status."""
    counts = host['firmware_counts']
    total = sum(counts.values())
    if total == 1 and len(host['firmware']) == 1:
        return '%s (%s)' % (host['firmware'][0]['actual'] or '?', host['firmware'][0]['status'])
    if total:
        return '%d devices: %s' % (total, ', '.join('%d %s' % (n, status) for status, n in sorted(counts.items()) if n))
    return (host['device'] or {}).get('firmware_version') or ''


def group_rule(group):
    return '%s %s (%s)' % (group['rule'], group['expected'], group['baseline']) if group['baseline'] else '_(no rule)_'


def firmware_lines(host):
    """Markdown of a host's firmware off the baseline: a line for one device, a table of groups for many."""
    counts = host['firmware_counts']
    total = sum(counts.values())
    if total <= 1:
        return ['- Firmware **%s**%s: %s. Fix: `%s`' % (f['status'], identity(f), f['message'], f.get('fix') or finding_fix(f))
                for f in host['firmware'] if f['status'] != 'ok']
    off = [g for g in host['firmware_groups'] if g['status'] != 'ok']
    if not off:
        return []
    lines = ['- Firmware off the baseline on **%d of %d devices** (%d ok):' % (total - counts['ok'], total, counts['ok']), '',
             '  | Model | Version | Status | Baseline | Devices | For example |', '  |---|---|---|---|---|---|']
    for group in off[:MAX_GROUP_ROWS]:
        more = ' …' if group['count'] > len(group['examples']) else ''
        lines.append('  | %s | %s | **%s** | %s | %d | %s%s |' % (
            md_text(group['model'] or '?'), md_text(group['actual'] or '?'), group['status'], group_rule(group), group['count'],
            ', '.join(group['examples']), more))
    if len(off) > MAX_GROUP_ROWS:
        lines.append('  | … | | | | %d more groups in drift-report.json | |' % (len(off) - MAX_GROUP_ROWS))
    fixes = sorted(set(g.get('fix') or finding_fix(g) for g in off))
    return lines + [''] + ['  Fix: `%s`' % fix for fix in fixes] + ([''] if fixes else [])


def identity(firmware):
    found = ' '.join(str(v) for v in (firmware.get('model'), firmware.get('mac_address') or firmware.get('serial')) if v)
    return ' (%s)' % found if found else ''


def md_text(value):
    return str(value).replace('|', '/').replace('\n', ' ')


def md_cell(value):
    if value is None:
        return '_(none)_'
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace('|', '\\|').replace('\n', ' ').replace('`', "'")
    return '`%s`' % text if text else '`""`'


def plural(count, word):
    return '%d %s%s' % (count, word, '' if count == 1 else 's')


def off_baseline(host):
    """Devices of the host whose firmware status is not ok."""
    return sum(host['firmware_counts'].values()) - host['firmware_counts']['ok']


def change_count(host):
    """Settings and files that change; a task that says neither counts once."""
    return sum(max(1, len(change['items']) + len(change['diffs'])) for change in host['changes'])


def host_status(host):
    if host['errors']:
        return 'failed'
    return 'drift' if host['changes'] or off_baseline(host) else 'ok'


def summarize(hosts):
    """The report's summary of its (finished) hosts."""
    summary = dict(
        hosts=len(hosts),
        hosts_with_drift=sum(1 for h in hosts if h['changes'] or off_baseline(h)),
        hosts_failed=sum(1 for h in hosts if h['status'] == 'failed'),
        changes=sum(len(h['changes']) for h in hosts),
        firmware_drift=sum(off_baseline(h) for h in hosts),
    )
    summary['drift'] = summary['hosts_with_drift'] > 0
    return summary


def markdown(report):
    """The report as Markdown, readable as a merge-request comment."""
    summary = report['summary']
    verb = 'would change' if report['check_mode'] else 'changed'
    lines = ['# Drift report', '']
    lines.append('%s run of %s, %s. **%d of %d hosts drift**, %d failed; %s %s, %s.' % (
        'Check-mode' if report['check_mode'] else 'Applying (not check mode)', ', '.join(report['playbooks']) or 'a playbook',
        report['generated_at'], summary['hosts_with_drift'], summary['hosts'], summary['hosts_failed'],
        plural(summary['changes'], 'task'), verb, plural(summary['firmware_drift'], 'firmware finding')))
    lines.append('')
    if not report['hosts']:
        return '\n'.join(lines + ['No hosts ran.', ''])
    lines += ['| Host | Status | Model | Firmware | Settings and files that %s |' % verb, '|---|---|---|---|---|']
    for host in report['hosts']:
        lines.append('| %s | %s | %s | %s | %d |' % (host['name'], '**%s**' % host['status'] if host['status'] != 'ok' else 'ok',
                                                     host_models(host).replace('|', '/'), firmware_cell(host), change_count(host)))
    for host in report['hosts']:
        if host['status'] != 'ok':
            lines += host_section(host, verb)
    return '\n'.join(lines).rstrip('\n') + '\n'


def host_section(host, verb):
    lines = ['', '## %s' % host['name'], '']
    lines += firmware_lines(host)
    for error in host['errors']:
        lines.append('- **%s** in `%s`: %s' % (error['kind'], error['task'], error['message'].replace('\n', ' ')))
    for change in host['changes']:
        lines.append('- `%s` (%s) %s:' % (change['task'], change['action'], verb))
        if change['kind'] == 'hidden':
            lines.append('  details hidden (no_log)')
        if change['items'] and all(i.get('cause') == READINESS_CAUSE for i in change['items']):  # line 1 not ready for Lync
            lines += ['', '  | Line | Would not register because | Phones |', '  |---|---|---|']
            lines += ['  | %s | %s | %s |' % (i['path'], md_text(i['before']), md_text(i.get('source') or '')) for i in change['items']]
            lines.append('')
        elif change['items'] and any('source' in i for i in change['items']):  # three-way drift of a REST phone
            lines += ['', '  | Parameter | Phone runs | Repository renders | Cause | Source |', '  |---|---|---|---|---|']
            row = '  | %s | %s | %s | %s | %s |'
            lines += [row % (i['path'], md_cell(i['before']), md_cell(i['after']), i.get('cause') or '', md_text(i.get('source') or ''))
                      for i in change['items']]
            lines.append('')
        elif change['items']:
            lines += ['', '  | Setting | Before | After |', '  |---|---|---|']
            lines += ['  | %s | %s | %s |' % (i['path'], md_cell(i['before']), md_cell(i['after'])) for i in change['items']]
            lines.append('')
        for diff in change['diffs']:
            lines += ['', '  ```diff'] + ['  ' + line for line in diff['diff'].rstrip('\n').split('\n')] + ['  ```', '']
    return lines


def write_atomically(path, text):
    """Write through a temporary file of a unique name in the same directory, then rename: concurrent writers
    (AWX job slices sharing a directory) never write into each other's files, and readers see old or new."""
    directory = os.path.dirname(path) or '.'
    fd, temp = tempfile.mkstemp(prefix='.%s.' % os.path.basename(path), suffix='.tmp', dir=directory)
    try:
        with os.fdopen(fd, 'w') as handle:
            handle.write(text)
        os.chmod(temp, 0o644)
        os.rename(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def write_report(directory, name, report):
    """<name>.json and <name>.md in ``directory`` (created when missing); returns the Markdown's path."""
    if not os.path.isdir(directory):
        os.makedirs(directory)
    base = os.path.join(directory, name)
    write_atomically(base + '.json', json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + '\n')
    write_atomically(base + '.md', markdown(report))
    return base + '.md'


def merge_reports(reports):
    """One report of several (``[(source, report), ...]``, e.g. the slices of one AWX job): hosts side by side.

    A host in two reports, or a report of another schema_version, is a ReportError naming the sources.
    """
    if not reports:
        raise ReportError('no reports to merge')
    seen, hosts, playbooks = {}, [], []
    for source, report in reports:
        if not isinstance(report, dict) or report.get('schema_version') != SCHEMA_VERSION:
            raise ReportError('%s: not a drift report of schema_version %d' % (source, SCHEMA_VERSION))
        for host in report['hosts']:
            if host['name'] in seen:
                raise ReportError('host %s is in %s and in %s; slices of one job report disjoint hosts' % (host['name'], seen[host['name']], source))
            seen[host['name']] = source
            hosts.append(host)
        playbooks += [p for p in report['playbooks'] if p not in playbooks]
    hosts.sort(key=lambda h: h['name'])
    first = [report for _source, report in reports]
    return dict(schema_version=SCHEMA_VERSION, generated_at=min(r['generated_at'] for r in first),
                ansible_version=first[0].get('ansible_version'), check_mode=all(r['check_mode'] for r in first),
                diff_mode=all(r['diff_mode'] for r in first), playbooks=playbooks, summary=summarize(hosts), hosts=hosts)
