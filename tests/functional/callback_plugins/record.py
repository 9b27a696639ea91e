# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test helper: write every task result (as the callback layer sees it, no_log applied) to JSON."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: record
type: aggregate
short_description: Record task results to a JSON file for the functional tests
description:
  - Writes every task result, the final stats and each task's wall time to the file named by E(RECORD_RESULTS_FILE).
options: {}
'''

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'record'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.results = []
        self.timings = {}

    def _record(self, status, result):
        if result._task.get_name() in self.timings:
            self.timings[result._task.get_name()][1] = time.time()
        recorded = json.loads(self._dump_results(result._result))
        if 'diff' in result._result:  # _dump_results leaves the diff to the diff printer
            recorded['diff'] = result._result['diff']
        self.results.append(dict(host=result._host.get_name(), task=result._task.get_name(), status=status, result=recorded))

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.timings[task.get_name()] = [time.time(), time.time()]

    def v2_runner_on_ok(self, result):
        self._record('ok', result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record('failed', result)

    def v2_runner_on_skipped(self, result):
        self._record('skipped', result)

    def v2_runner_on_unreachable(self, result):
        self._record('unreachable', result)

    def v2_playbook_on_stats(self, stats):
        hosts = sorted(stats.processed)
        summary = dict((host, stats.summarize(host)) for host in hosts)
        with open(os.environ['RECORD_RESULTS_FILE'], 'w') as handle:
            json.dump(dict(results=self.results, stats=summary, timings=self.timings), handle, indent=1, default=str)
