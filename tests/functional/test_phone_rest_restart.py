"""polycom.uc.ucs_phone_restart against the lab's phone REST emulator (issue 13, N5 and N11): a refused password names the
option to set, duplicate MACs and too many workers are refused before any phone is contacted."""
import os
import sys

import pytest
import yaml

from conftest import ansible_playbook
from drift_helpers import LAB_PHONE_PASSWORD, PhoneLab

PHONES = ('vvx-reception', 'vvx-office')


class Restart(object):
    def __init__(self, running_lab, workdir):
        self.lab, self.workdir = running_lab, workdir
        self.rest = PhoneLab(running_lab)
        self.rest.factory()
        for name in PHONES:
            self.rest.control(name, 'POST', '/_lab/stats/reset')

    def play(self, phones, **options):
        """The task's result (with ``failed``) and the run's output; ``phones`` as (lab name, mac, extra options)."""
        args = dict(phones=[dict(name=name, host='127.0.0.1', port=self.rest.phones[name]['port'], mac=mac, **extra) for name, mac, extra in phones],
                    password=LAB_PHONE_PASSWORD, ca_path=self.lab.ca, timeout=5, retries=1, poll_interval=0.3, restart_timeout=10,
                    registration_timeout=2)
        args.update(options)
        play = dict(name='restart', hosts='localhost', gather_facts=False, vars=dict(ansible_connection='local', ansible_python_interpreter=sys.executable),
                    tasks=[{'name': 'restart', 'polycom.uc.ucs_phone_restart': args, 'ignore_errors': True}])
        playbook = os.path.join(self.workdir, 'restart.yml')
        with open(playbook, 'w') as handle:
            yaml.safe_dump([play], handle)
        run = ansible_playbook(playbook, 'localhost,', self.workdir)
        result = dict(run.task('restart', 'localhost'))
        result['failed'] = [r['status'] for r in run.results if r['task'] == 'restart'] == ['failed']
        return run, result

    def requests(self):
        return sum(self.rest.stats(name)['requests'] for name in PHONES)

    def restarts(self):
        return sum(self.rest.stats(name)['restarts'] for name in PHONES)


@pytest.fixture
def restart(running_lab, tmp_path):
    return Restart(running_lab, str(tmp_path))


def test_a_refused_password_names_the_option_the_variable_and_the_awx_field(restart):
    mac = restart.rest.control('vvx-office', 'GET', '/_lab/state')['mac']
    run, result = restart.play([('vvx-office', mac, {})], password='Not-The-Phone-Password-9')
    error = result['phones'][0]['error']
    assert result['failed'] and 'HTTP 401' in error, error
    assert 'the password option or POLYCOM_PHONE_PASSWORD' in error and "credential's 'Phone REST API password'" in error, error
    assert 'Not-The-Phone-Password-9' not in run.output and restart.restarts() == 0


def test_a_password_of_one_phone_names_that_phone_entry(restart):
    mac = restart.rest.control('vvx-office', 'GET', '/_lab/state')['mac']
    run, result = restart.play([('vvx-office', mac, {'password': 'Own-Wrong-Pw-4'})])
    error = result['phones'][0]['error']
    assert result['failed'] and 'HTTP 401' in error and 'check phones[0].password and phones[0].username (vvx-office)' in error, error
    assert 'Own-Wrong-Pw-4' not in run.output


def test_duplicate_macs_and_too_many_workers_are_refused_before_any_request(restart):
    run, result = restart.play([('vvx-office', '0004f2e0a502', {}), ('vvx-reception', '00:04:F2:E0:A5:02', {})],
                               macs=['0004f2e0a502', '0004.f2e0.a502'], max_workers=500)
    assert result['failed'] and result['msg'].startswith('no phone was contacted: '), result['msg']
    assert 'max_workers: 500 must be from 1 to 200' in result['msg']
    assert 'macs: 0004f2e0a502 is given 2 times (as 0004f2e0a502, 0004.f2e0.a502)' in result['msg']
    assert 'phones: 0004f2e0a502 is the mac of vvx-office, vvx-reception' in result['msg']
    assert restart.requests() == 0
