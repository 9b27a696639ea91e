#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: drift_report_merge
short_description: Merge the drift reports of sliced jobs into one report
version_added: 0.2.0
description:
  - Reads the C(drift-report.json) files that several runs of C(playbooks/drift.yml) wrote with the
    P(polycom.uc.drift_report#callback) callback - typically the slices of one AWX sliced job, each with its own
    C(report_name) - and writes one C(<report_name>.json) and C(<report_name>.md) with every host of every slice and
    the summary recomputed, in the same schema (C(docs/drift-report.schema.json)).
  - A host in two reports, or a report of another C(schema_version), fails the task naming the files; nothing is written.
  - Runs where the reports are (usually the controller, C(delegate_to) C(localhost)). Writes atomically.
author:
  - polycom.uc contributors (@polycom-uc)
attributes:
  check_mode:
    support: full
    description: Merges and reports the summary; writes nothing.
  diff_mode:
    support: none
    description: The merged report is the output; no diff.
options:
  reports:
    description:
      - The JSON reports to merge; each entry a path or a glob pattern such as C(/var/reports/drift-report-slice*.json).
        The output files themselves are left out when a pattern matches them.
    type: list
    elements: path
    required: true
  output_dir:
    description:
      - Directory of the merged report; created when missing.
    type: path
    required: true
  report_name:
    description:
      - File name, without extension, of the merged report.
    type: str
    default: drift-report
'''

EXAMPLES = r'''
# Each slice of the AWX job template ran drift.yml with POLYCOM_DRIFT_REPORT_NAME=drift-report-slice{{ n }}
- name: Merge the slices' drift reports
  polycom.uc.drift_report_merge:
    reports: [/var/lib/polycom/reports/drift-report-slice*.json]
    output_dir: /var/lib/polycom/reports
  delegate_to: localhost
  run_once: true
'''

RETURN = r'''
path:
  description: The merged Markdown report (the JSON is beside it).
  returned: success
  type: str
  sample: /var/lib/polycom/reports/drift-report.md
sources:
  description: The reports merged, in order.
  returned: success
  type: list
  elements: str
summary:
  description: The merged report's summary (hosts, hosts_with_drift, hosts_failed, changes, firmware_drift, drift).
  returned: success
  type: dict
  sample: {hosts: 30, hosts_with_drift: 4, hosts_failed: 0, changes: 2, firmware_drift: 3, drift: true}
'''

import glob
import json
import os

from ansible.module_utils.common.text.converters import to_native
from ansible_collections.polycom.uc.plugins.module_utils.drift_report import ReportError, merge_reports, write_report
from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule


def sources(patterns, output):
    """The report files the patterns name, in order, each once, the output itself left out."""
    found = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        found += [path for path in matches if path not in found and os.path.abspath(path) != output]
    return found


def read(path):
    try:
        with open(path) as handle:
            return json.load(handle)
    except (IOError, OSError, ValueError) as exc:
        raise ReportError('%s: cannot read a JSON report: %s' % (path, to_native(exc)))


def unchanged(base, report):
    try:
        with open(base + '.json') as handle:
            return json.load(handle) == json.loads(json.dumps(report))
    except (IOError, OSError, ValueError):
        return False


def main():
    module = PolycomModule(dict(
        reports=dict(type='list', elements='path', required=True),
        output_dir=dict(type='path', required=True),
        report_name=dict(type='str', default='drift-report'),
    ), connection=False, supports_check_mode=True)
    params = module.params
    base = os.path.join(params['output_dir'], params['report_name'])
    try:
        paths = sources(params['reports'], os.path.abspath(base + '.json'))
        report = merge_reports([(path, read(path)) for path in paths])
    except ReportError as exc:
        module.fail_from_exception(exc)
    changed = not unchanged(base, report)
    if changed and not module.check_mode:
        write_report(params['output_dir'], params['report_name'], report)
    module.exit_json(changed=changed, path=base + '.md', sources=paths, summary=report['summary'])


if __name__ == '__main__':
    main()
