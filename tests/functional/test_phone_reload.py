"""Reloading the phones a provisioning run changed: the lab's REST phones boot from the lab share, the role safe-restarts
exactly the changed ones in waves (polycom.uc.ucs_phone_restart) and proves line 1 registered; faults are reported per phone."""
import os

import pytest
import yaml

from conftest import ROOT, ansible_playbook
from drift_helpers import LAB_PHONE_PASSWORD, PhoneLab, lab_inventory

LYNC = os.path.join(ROOT, 'playbooks', 'lync.yml')
RESTART_TASK = 'polycom.uc.lync_provisioning : Safe-restart the REST phones whose files changed, in waves, and check that line 1 registers again'
WRITE_TASK = 'polycom.uc.lync_provisioning : Validate, render, check as the phones will read it, and write the Lync provisioning files'
LOGIN = {'vvx-reception': ['frontdesk', 'Lync-Pw-1', 'LAB'], 'vvx-office': ['office', 'Lync-Pw-2', 'LAB']}
MACS = {'vvx-reception': '0004f2e0a501', 'vvx-office': '0004f2e0a502'}


class Reload(object):
    def __init__(self, running_lab, workdir):
        self.lab, self.workdir = running_lab, workdir
        self.rest = PhoneLab(running_lab)
        self.rest.factory()
        for name, login in LOGIN.items():
            self.rest.set_state(name, login_credentials=login)
        self.inventory = lab_inventory(running_lab, workdir)

    def run(self, playbook, check=False, verbosity=0, extra_vars=None):
        return ansible_playbook(playbook, self.inventory, self.workdir, check=check, verbosity=verbosity, extra_vars=extra_vars,
                                timeout=300)

    def restarts(self):
        return dict((name, self.rest.stats(name)['restarts']) for name in MACS)

    def reset_stats(self):
        for name in MACS:
            self.rest.control(name, 'POST', '/_lab/stats/reset')

    def change_office_phone(self, period):
        """One REST phone's parameter changes in the repository: its per-phone file alone changes."""
        path = os.path.join(self.inventory, 'group_vars', 'provisioning.yml')
        with open(path) as handle:
            data = yaml.safe_load(handle)
        for phone in data['lync_provisioning_phones']:
            if phone['mac'] == MACS['vvx-office']:
                phone['params'] = {'pres.idleTimeout.offHours.period': period}
        with open(path, 'w') as handle:
            yaml.safe_dump(data, handle, sort_keys=False)

    def restart_play(self, phones, check=False, verbosity=0, **options):
        """ucs_phone_restart straight on the lab's phones (name -> mac, in that order)."""
        args = dict(phones=[dict(name=name, host='127.0.0.1', port=self.rest.phones[name]['port'], mac=mac) for name, mac in phones],
                    password=LAB_PHONE_PASSWORD, ca_path=self.lab.ca, poll_interval=0.3, restart_timeout=20, registration_timeout=5)
        args.update(options)
        play = dict(name='restart', hosts='localhost', gather_facts=False,
                    tasks=[{'name': 'restart', 'polycom.uc.ucs_phone_restart': args, 'register': 'restart', 'ignore_errors': True}])
        playbook = os.path.join(self.workdir, 'restart.yml')
        with open(playbook, 'w') as handle:
            yaml.safe_dump([play], handle)
        run = self.run(playbook, check=check, verbosity=verbosity)
        result = dict(run.task('restart', 'localhost'))
        result['failed'] = [r['status'] for r in run.results if r['task'] == 'restart'] == ['failed']
        return run, result


@pytest.fixture
def reload_lab(running_lab, tmp_path):
    reload = Reload(running_lab, str(tmp_path))
    converge = reload.run(LYNC)  # the lab share as the repository renders it; the phones boot from it
    assert converge.rc == 0, converge.output[-3000:]
    yield reload
    for name in MACS:
        reload.rest.control(name, 'DELETE', '/_lab/faults')


def test_only_the_changed_phone_restarts_check_mode_predicts_it_and_a_second_run_restarts_none(reload_lab):
    reload_lab.change_office_phone(45)
    reload_lab.reset_stats()
    check = reload_lab.run(LYNC, check=True)
    assert check.rc == 0, check.output[-3000:]
    predicted = check.task(RESTART_TASK, 'share')
    assert check.task(WRITE_TASK, 'share')['changed_phones'] == [MACS['vvx-office']]
    assert [p['name'] for p in predicted['phones']] == ['vvx-office'] and predicted['changed']
    assert reload_lab.restarts() == {'vvx-reception': 0, 'vvx-office': 0}, 'check mode restarts none'

    real = reload_lab.run(LYNC)
    assert real.rc == 0, real.output[-3000:]
    done = real.task(RESTART_TASK, 'share')
    assert [p['name'] for p in done['phones']] == [p['name'] for p in predicted['phones']]
    office = done['phones'][0]
    assert office['restarted'] and office['registered'] and office['line']['status'] == 'registered', office
    assert office['line']['address'] == 'sip:office@lab.example.com'
    assert reload_lab.restarts() == {'vvx-reception': 0, 'vvx-office': 1}
    state = reload_lab.rest.control('vvx-office', 'GET', '/_lab/config')
    assert state['pres.idleTimeout.offHours.period']['value'] == '45', 'the phone re-read its file'

    again = reload_lab.run(LYNC)
    assert again.rc == 0 and again.changed('share') == 0, again.output[-3000:]
    assert reload_lab.restarts() == {'vvx-reception': 0, 'vvx-office': 1}, 'a second run restarts none'
    assert again.task('polycom.uc.lync_provisioning : Summary', 'share')['msg'].endswith('0 phone(s) with changed files')


def test_a_phone_that_never_comes_back_stops_the_rollout_and_the_rest_are_left(reload_lab):
    reload_lab.reset_stats()
    reload_lab.rest.control('vvx-office', 'POST', '/_lab/faults', {'faults': [{'kind': 'no_return'}]})
    run, result = reload_lab.restart_play([('vvx-office', MACS['vvx-office']), ('vvx-reception', MACS['vvx-reception'])],
                                          batch_size=1, max_fail_percentage=0, restart_timeout=6)
    assert result['failed'] and result['stopped'] and result['left'] == ['vvx-reception'], result
    office = result['phones'][0]
    assert office['name'] == 'vvx-office' and not office['registered'] and 'did not come back within 6 s' in office['error']
    assert result['failed_phones'] == ['vvx-office'] and len(result['phones']) == 1
    assert reload_lab.restarts() == {'vvx-reception': 0, 'vvx-office': 1}, 'the left phone was not touched'
    reload_lab.rest.control('vvx-office', 'POST', '/_lab/boot')


def test_under_the_failure_limit_the_next_wave_runs_and_the_failed_phone_is_reported(reload_lab):
    reload_lab.rest.control('vvx-office', 'POST', '/_lab/faults', {'faults': [{'kind': 'no_return'}]})
    run, result = reload_lab.restart_play([('vvx-office', MACS['vvx-office']), ('vvx-reception', MACS['vvx-reception'])],
                                          batch_size=1, max_fail_percentage=100, restart_timeout=6)
    assert result['failed'] and not result['stopped'] and result['left'] == [], run.output[-3000:]
    assert [(p['name'], p['wave'], p['failed']) for p in result['phones']] == [('vvx-office', 1, True), ('vvx-reception', 2, False)]
    assert result['phones'][1]['registered']
    reload_lab.rest.control('vvx-office', 'POST', '/_lab/boot')


def test_busy_answers_and_dropped_connections_are_retried(reload_lab):
    reload_lab.reset_stats()
    reload_lab.rest.control('vvx-reception', 'POST', '/_lab/faults', {'faults': [
        {'kind': 'api_status', 'api_status': '4001', 'count': 2, 'endpoint': '/api/v1/mgmt/safeRestart'},
        {'kind': 'drop', 'count': 1, 'endpoint': '/api/v1/mgmt/lineInfo'}]})
    run, result = reload_lab.restart_play([('vvx-reception', MACS['vvx-reception'])])
    assert not result['failed'] and result['phones'][0]['restarted'] and result['phones'][0]['registered'], run.output[-3000:]
    stats = reload_lab.rest.stats('vvx-reception')
    assert stats['by_endpoint']['POST /api/v1/mgmt/safeRestart'] == 3 and stats['restarts'] == 1, stats


def test_check_mode_contacts_no_phone_and_bad_input_is_refused_before_any_request(reload_lab):
    reload_lab.reset_stats()
    run, result = reload_lab.restart_play([('vvx-office', MACS['vvx-office']), ('vvx-reception', MACS['vvx-reception'])], check=True,
                                          macs=['00:04:F2:E0:A5:02'])
    assert result['changed'] and [p['name'] for p in result['phones']] == ['vvx-office'] and 'would be restarted' in result['msg']
    run, bad = reload_lab.restart_play([('vvx-office', 'not-a-mac')], batch_size=0, max_fail_percentage=120)
    assert bad['failed'] and 'batch_size: 0 must be at least 1' in bad['msg'] and 'max_fail_percentage: 120 must be from 0 to 100' in bad['msg']
    assert "mac 'not-a-mac' is not a MAC address" in bad['msg']
    assert sum(reload_lab.rest.stats(name)['requests'] for name in MACS) == 0


def test_a_phone_answering_with_another_mac_is_not_restarted_and_secrets_stay_out_of_vvvv(reload_lab):
    reload_lab.reset_stats()
    run, result = reload_lab.restart_play([('vvx-office', MACS['vvx-reception'])], verbosity=4)
    assert result['failed'] and 'answers as 0004f2e0a502, not 0004f2e0a501: not restarted' in result['phones'][0]['error']
    assert reload_lab.restarts()['vvx-office'] == 0
    assert LAB_PHONE_PASSWORD not in run.output
