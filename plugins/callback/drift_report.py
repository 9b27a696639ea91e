# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: drift_report
type: aggregate
short_description: Turn a check-mode run into a drift report (Markdown for people, JSON for machines)
version_added: 0.2.0
description:
  - Collects, per host, the firmware status (results of M(polycom.uc.firmware_check), and the RV(polycom.uc.ucs_share_info#module:firmware_groups)
    of a share's phones, many devices in one result), the device identity (the
    C(device) result of the polycom.uc facts modules) and every task that changed or, in check mode, would change
    something, with before and after of each setting (results with C(before)/C(after), such as
    M(polycom.uc.pano_settings)) or the diff of each file (results with C(diff), such as M(ansible.builtin.template)
    run with C(--diff)). Failed and unreachable hosts are listed with their error.
  - At the end of the run it writes C(drift-report.md), readable as a merge-request comment, and C(drift-report.json),
    whose schema is C(docs/drift-report.schema.json) in the collection (C(schema_version) 2).
  - "Firmware of many devices (a share's phones): the JSON lists every device off the baseline, each as a
    M(polycom.uc.firmware_check) result, counts every status per host (C(firmware_counts)) and groups the devices
    (C(firmware_groups): model, version, status, rule, count, the first few names); the Markdown shows the groups off the
    baseline as a table (model, version, status, count, example MACs), so a merge-request comment stays readable at
    10,000 phones."
  - Drift is any change and any firmware status other than C(ok), and any finding a result carries under C(config_drift)
    (M(polycom.uc.ucs_three_way_drift)) or C(lync_readiness) (playbooks/drift.yml shows the C(share) check of
    M(polycom.uc.lync_files) so - phones whose line 1 would not register with Lync, cause C(not_lync_ready), one item per
    reason with the phones it concerns).
  - "Secrets never reach the report. Results of C(no_log) tasks are already censored by Ansible, and values of
    C(no_log) module options are replaced by the modules; on top, the callback masks every value whose setting
    name looks like a secret (password, passphrase, secret, token, key, pin, psk), in before/after values and
    in file diffs (C(name=\"value\"), C(name=value), C(name: value)), and keeps the modules' own C(<masked>) markers."
  - Works for any play; run it with C(--check --diff) for a drift report. Without check mode the report lists what the
    run changed.
  - "The report's C(check_mode) is true with C(--check); without it, when a play of the run sets the play variable
    C(polycom_drift_report_check_mode: true) (playbooks/drift.yml does: its roles always run in check mode), or when every
    change came from a task in check mode. The declaration keeps a run whose every host failed before its first
    check-mode task a check-mode report."
author:
  - polycom.uc contributors (@polycom-uc)
requirements:
  - Enable it with C(callbacks_enabled = polycom.uc.drift_report) in C(ansible.cfg) or
    E(ANSIBLE_CALLBACKS_ENABLED=polycom.uc.drift_report).
options:
  output_dir:
    description:
      - Directory for C(drift-report.md) and C(drift-report.json); created when missing. Default is the
        current working directory.
    type: path
    env:
      - name: POLYCOM_DRIFT_REPORT_DIR
    ini:
      - section: callback_drift_report
        key: output_dir
    vars:
      - name: polycom_drift_report_dir
  fail_on_drift:
    description:
      - End C(ansible-playbook) with exit code 3 when drift was found and no host failed (a failed or unreachable
        host already makes the exit code non-zero), so a CI job or a scheduled AWX job fails on drift.
    type: bool
    default: false
    env:
      - name: POLYCOM_DRIFT_REPORT_FAIL
    ini:
      - section: callback_drift_report
        key: fail_on_drift
    vars:
      - name: polycom_drift_report_fail_on_drift
  report_name:
    description:
      - File name, without extension, of the two report files. Give every AWX job slice (or other concurrent run that shares
        O(output_dir)) a name of its own, for example C(drift-report-slice1), and merge them with M(polycom.uc.drift_report_merge)
        (or C(playbooks/drift_merge.yml)). The files are written through uniquely named temporary files and renamed, so
        concurrent runs never write into each other's files.
    type: str
    default: drift-report
    version_added: 0.2.0
    env:
      - name: POLYCOM_DRIFT_REPORT_NAME
    ini:
      - section: callback_drift_report
        key: report_name
    vars:
      - name: polycom_drift_report_name
  show:
    description:
      - Also print the Markdown report at the end of the run (for AWX job output, where files in the working
        directory are not kept).
    type: bool
    default: false
    env:
      - name: POLYCOM_DRIFT_REPORT_SHOW
    ini:
      - section: callback_drift_report
        key: show
    vars:
      - name: polycom_drift_report_show
notes:
  - Options given as extra variables (C(-e polycom_drift_report_fail_on_drift=true)) win over the environment and
    C(ansible.cfg); play and inventory variables are not read (callbacks start before them).
  - The exit code 3 comes from ending the process in the final statistics callback, after the other callbacks
    loaded before this one (the screen output, ansible-runner's event stream) have had the statistics.
'''

import datetime
import difflib
import json
import os
import re

from ansible import context
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.callback import CallbackBase
from ansible_collections.polycom.uc.plugins.module_utils.drift_report import (
    FIRMWARE_KEYS, FIRMWARE_STATUSES, READINESS_CAUSE, REPORT_NAME, SCHEMA_VERSION, host_firmware, host_status, markdown, summarize, write_report,
)

try:
    from ansible.release import __version__ as ANSIBLE_VERSION
except ImportError:  # pragma: no cover
    ANSIBLE_VERSION = None

DRIFT_EXIT_CODE = 3
CHECK_MODE_VAR = 'polycom_drift_report_check_mode'  # a play variable: this play runs every task that could change in check mode
MASK = '<masked>'
NO_LOG_VALUE = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
DEVICE_KEYS = ('family', 'model', 'serial', 'mac_address', 'firmware_version')
# Tasks that only keep books: a host that ran nothing else (the summary play on localhost) is left out of the report.
BOOKKEEPING = frozenset(('set_fact', 'set_stats', 'debug', 'assert', 'fail', 'meta', 'validate_argument_spec', 'include_tasks',
                         'import_tasks', 'include_role', 'import_role', 'include_vars', 'add_host', 'group_by', 'pause'))
SECRET_WORDS = r'(?:password|passwd|passphrase|secret|token)'
SECRET_NAME = re.compile(r'%s|(?:^|[._-])(?:key|pin|psk)$' % SECRET_WORDS, re.IGNORECASE)
SECRET_TEXT = re.compile(
    r'(?P<name>[\w.\-]*%s[\w.\-]*|[\w.\-]*[._-](?:key|pin|psk))(?P<sep>\s*=\s*|\s*:[ \t]+)(?P<value>"[^"\n]*"|\'[^\'\n]*\'|[^\s"\'<>,;]+)'
    % SECRET_WORDS, re.IGNORECASE)


def plain(value):
    """A JSON-safe copy of a result value (tagged and lazy types become plain str/dict/list)."""
    return json.loads(json.dumps(value, default=to_text, ensure_ascii=False))


def is_marker(value):
    return isinstance(value, str) and (value.startswith('<masked') or value == NO_LOG_VALUE or set(value) == set('*'))


def mask_value(path, value):
    """Mask the value of a setting whose name looks secret; keep markers the module already put."""
    if value is None:
        return None
    if isinstance(value, str) and value == NO_LOG_VALUE:
        return MASK
    if is_marker(value):
        return value
    if SECRET_NAME.search(str(path)):
        return MASK
    if isinstance(value, str):
        return mask_text(value)
    return value


def _mask_match(match):
    value = match.group('value')
    quote = value[0] if value[:1] in ('"', "'") else ''
    return '%s%s%s%s%s' % (match.group('name'), match.group('sep'), quote, MASK, quote)


def mask_text(text):
    """``reg.1.auth.password="x"`` -> ``reg.1.auth.password="<masked>"``; the same for ``name=x`` and ``name: x``."""
    return SECRET_TEXT.sub(_mask_match, text.replace(NO_LOG_VALUE, MASK))


def flatten(value, prefix=''):
    """{a: {b: 1}} -> {'a.b': 1}; lists stay values."""
    if isinstance(value, dict) and value:
        flat = {}
        for key, item in value.items():
            flat.update(flatten(item, '%s.%s' % (prefix, key) if prefix else str(key)))
        return flat
    return {prefix: value}


def setting_items(before, after, paths=None):
    flat_before, flat_after = flatten(before or {}), flatten(after or {})
    if not paths:
        paths = sorted(p for p in set(flat_before) | set(flat_after) if flat_before.get(p) != flat_after.get(p))
    return [dict(path=path, before=mask_value(path, flat_before.get(path)), after=mask_value(path, flat_after.get(path)))
            for path in paths]


def text_diff(diff):
    before, after = diff.get('before'), diff.get('after')
    name = to_text(diff.get('after_header') or diff.get('before_header') or '')
    if diff.get('prepared'):
        return name, mask_text(to_text(diff['prepared']))
    lines = difflib.unified_diff(to_text(before or '').splitlines(True), to_text(after or '').splitlines(True),
                                 fromfile='before: %s' % to_text(diff.get('before_header') or name),
                                 tofile='after: %s' % name)
    return name, mask_text(''.join(line if line.endswith('\n') else line + '\n' for line in lines))


def change_entry(task, action, role, result):
    """What one changed (or would-change) result says, secrets masked."""
    entry = dict(task=task, action=action, role=role, kind='other', items=[], diffs=[])
    if result.get('censored'):
        entry['kind'] = 'hidden'
        return entry
    before, after = result.get('before'), result.get('after')
    if isinstance(before, dict) and isinstance(after, dict):
        paths = [p for p in result.get('changes') or [] if isinstance(p, str)]
        entry.update(kind='settings', items=setting_items(before, after, paths))
        return entry
    diffs = result.get('diff')
    for diff in diffs if isinstance(diffs, list) else [diffs] if isinstance(diffs, dict) else []:
        if isinstance(diff.get('before'), dict) or isinstance(diff.get('after'), dict):
            entry['kind'] = 'settings'
            entry['items'].extend(setting_items(diff.get('before'), diff.get('after')))
        elif any(key in diff for key in ('before', 'after', 'prepared')):
            name, text = text_diff(diff)
            entry['kind'] = 'file'
            entry['diffs'].append(dict(path=name or to_text(result.get('dest') or result.get('path') or ''), diff=text))
    return entry


def three_way_entry(task, action, role, drift):
    """A REST phone's parameters that drift (polycom.uc.ucs_three_way_drift): before = what the phone runs, after = what the
    repository renders, with the cause and source of each."""
    items = [dict(path=str(d.get('parameter')), before=mask_value(d.get('parameter'), d.get('phone')),
                  after=mask_value(d.get('parameter'), d.get('rendered')), cause=str(d.get('cause')), source=mask_text(str(d.get('source') or '')))
             for d in drift if isinstance(d, dict)]
    return dict(task=task, action=action, role=role, kind='settings', items=items, diffs=[])


def readiness_entry(task, action, role, readiness):
    """Phones whose line 1 would not register with Lync (lync_files' ``phones`` check, as drift.yml shows it under the key
    ``lync_readiness``): one item per reason, the phones it concerns as the source."""
    names = [str(mac) for mac in readiness.get('phones_not_ready') or []]
    count = readiness.get('not_ready') or len(names)
    phones = '%d of %d phones: %s%s' % (count, readiness.get('phones') or count, ', '.join(names), ', ...' if count > len(names) else '')
    reasons = readiness.get('reasons') or {}
    if not reasons:  # a phone among several not ready: the reasons are on the share's host, for all of them
        reasons = {'not ready for Lync (the reasons of all such phones are on %s)' % (readiness.get('reasons_at') or 'the share'): count}
    items = [dict(path='line 1', before=mask_text(str(reason)), after='registers with Lync', cause=READINESS_CAUSE,
                  source=phones if len(reasons) == 1 else '%s phone(s); all not ready: %s' % (number, phones))
             for reason, number in sorted(reasons.items(), key=lambda item: str(item[0]))]
    return dict(task=task, action=action, role=role, kind='settings', items=items, diffs=[])


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'polycom.uc.drift_report'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.hosts = {}
        self.playbooks = []
        self.started = datetime.datetime.now(datetime.timezone.utc)
        self.changed_in_check_mode = self.changed_for_real = 0
        self.declared_check_mode = False

    # -- collecting ---------------------------------------------------------------------------
    def host(self, name):
        return self.hosts.setdefault(name, dict(name=name, device=None, firmware=[], grouped=[], changes=[], errors=[], tasks=0))

    def v2_playbook_on_start(self, playbook):
        self.playbooks.append(os.path.basename(to_text(getattr(playbook, '_file_name', '') or '')))

    def v2_playbook_on_play_start(self, play):
        # a play that runs everything in check mode says so (drift.yml): the report is a check-mode report even when every
        # host fails before its first check-mode task, and no task could show the mode
        if boolean((getattr(play, 'vars', None) or {}).get(CHECK_MODE_VAR, False), strict=False):
            self.declared_check_mode = True
        manager = play.get_variable_manager() if hasattr(play, 'get_variable_manager') else None
        extra_vars = getattr(manager, 'extra_vars', None) or {}
        if any(name.startswith('polycom_drift_report_') for name in extra_vars):
            self.set_options(var_options=dict((k, v) for k, v in extra_vars.items() if k.startswith('polycom_drift_report_')))

    @staticmethod
    def _task_info(result):
        task = result._task
        role = getattr(task, '_role', None)
        action = (None if task.loop else getattr(task, 'resolved_action', None)) or task.action
        return task.get_name(), to_text(action), (role.get_name() if role else None)

    def v2_runner_on_ok(self, result):
        host = self.host(result._host.get_name())
        task, action, role = self._task_info(result)
        if action.split('.')[-1] not in BOOKKEEPING:
            host['tasks'] += 1
        raw = result._result
        items = raw.get('results') if isinstance(raw.get('results'), list) else [raw]
        for item in items:
            if not isinstance(item, dict):
                continue
            item = plain(dict((k, v) for k, v in item.items() if not str(k).startswith('_ansible_') or k == '_ansible_no_log'))
            if item.get('_ansible_no_log') and not item.get('censored'):
                item = dict(censored=True, changed=item.get('changed'))
            device = item.get('device') if isinstance(item.get('device'), dict) else item.get('system')
            if isinstance(device, dict) and device.get('family') and host['device'] is None:
                # the first facts of a host are its own; later ones may describe a peer (a Pano reads its video system)
                host['device'] = dict((k, device.get(k)) for k in DEVICE_KEYS)
            firmware = item.get('firmware')
            if isinstance(firmware, dict) and firmware.get('status') in FIRMWARE_STATUSES:
                host['firmware'].append(dict((k, firmware.get(k)) for k in FIRMWARE_KEYS))
            groups = item.get('firmware_groups')
            if isinstance(groups, list):  # many devices in one result (ucs_share_info with a baseline)
                host['grouped'].extend(g for g in groups if isinstance(g, dict) and g.get('status') in FIRMWARE_STATUSES)
            if isinstance(item.get('config_drift'), list) and item['config_drift']:  # ucs_three_way_drift: three-way, with sources
                host['changes'].append(three_way_entry(task, action, role, item['config_drift']))
            if isinstance(item.get('lync_readiness'), dict) and item['lync_readiness'].get('not_ready'):  # drift.yml's readiness findings
                host['changes'].append(readiness_entry(task, action, role, item['lync_readiness']))
            if item.get('changed'):
                host['changes'].append(change_entry(task, action, role, item))
                if getattr(result._task, 'check_mode', False) is True:
                    self.changed_in_check_mode += 1
                else:
                    self.changed_for_real += 1

    def _error(self, result, kind):
        if (getattr(result._task, 'vars', None) or {}).get('polycom_drift_report_bookkeeping'):
            return  # drift.yml's own "a host could not be checked" failure: that host is already reported with its error
        task, action, dummy = self._task_info(result)
        raw = result._result
        message = MASK if raw.get('_ansible_no_log') or raw.get('censored') else mask_text(to_text(raw.get('msg') or raw.get('reason') or kind))
        self.host(result._host.get_name())['errors'].append(dict(task=task, action=action, kind=kind, message=message[:2000]))

    def v2_runner_on_failed(self, result, ignore_errors=False):
        if not ignore_errors:
            self._error(result, 'failed')

    def v2_runner_on_unreachable(self, result):
        self._error(result, 'unreachable')

    # -- the report -----------------------------------------------------------------------------
    markdown = staticmethod(markdown)

    def report(self):
        hosts = []
        for name in sorted(self.hosts):
            host = dict(self.hosts[name])
            grouped = host.pop('grouped')
            if not (host.pop('tasks') or host['errors'] or host['changes'] or host['firmware'] or grouped or host['device']):
                continue
            host['firmware'], host['firmware_groups'], host['firmware_counts'] = host_firmware(host['firmware'], grouped)
            host['status'] = host_status(host)
            hosts.append(host)
        return dict(
            schema_version=SCHEMA_VERSION,
            generated_at=self.started.strftime('%Y-%m-%dT%H:%M:%SZ'),
            ansible_version=ANSIBLE_VERSION,
            # --check, or a playbook that forces check mode on everything that would change: declared by a play (drift.yml),
            # or seen (every change came from a task in check mode)
            check_mode=bool(context.CLIARGS.get('check', False)) or self.declared_check_mode
            or bool(self.changed_in_check_mode and not self.changed_for_real),
            diff_mode=bool(context.CLIARGS.get('diff', False)),
            playbooks=[p for p in self.playbooks if p],
            summary=summarize(hosts),
            hosts=hosts,
        )

    def v2_playbook_on_stats(self, stats):
        report = self.report()
        directory = self.get_option('output_dir') or os.getcwd()
        path = write_report(directory, self.get_option('report_name') or REPORT_NAME, report)
        summary = report['summary']
        if self.get_option('show'):
            self._display.display(markdown(report))
        self._display.display('drift report: %d of %d hosts drift, %d failed -> %s' % (
            summary['hosts_with_drift'], summary['hosts'], summary['hosts_failed'], path))
        failed = any(stats.summarize(h)['failures'] or stats.summarize(h)['unreachable'] for h in stats.processed)
        if self.get_option('fail_on_drift') and summary['drift'] and not failed:
            self._display.error('drift found and fail_on_drift is set: exit code %d' % DRIFT_EXIT_CODE)
            raise SystemExit(DRIFT_EXIT_CODE)
