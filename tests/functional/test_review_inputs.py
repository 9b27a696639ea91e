"""Outside review (regressions): bad connection options are refused before any request, naming the option and what is
allowed (the shared CONNECTION_ARGSPEC of every module; shown here with the new phone modules against the lab)."""
import json
import os
import subprocess

import pytest
import yaml

from drift_helpers import BIN, LAB_PHONE_PASSWORD, ROOT, PhoneLab

PHONE = 'vvx-reception'


class Runner(object):
    def __init__(self, running_lab, workdir):
        self.lab, self.workdir = running_lab, workdir
        self.rest = PhoneLab(running_lab)
        self.rest.factory()

    def task(self, module, args, check=False, extra=()):
        """(rc, registered result) of one task of ``module`` with ``args``; self.output keeps what it printed."""
        tasks = [{'name': 'under test', module: args, 'register': 'out', 'ignore_errors': True},
                 {'name': 'keep', 'ansible.builtin.copy': {'content': '{{ out | to_json }}', 'dest': os.path.join(self.workdir, 'out.json')},
                  'check_mode': False, 'diff': False}]
        playbook = os.path.join(self.workdir, 'play.yml')
        with open(playbook, 'w') as handle:
            yaml.safe_dump([{'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}], handle)
        env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_NOCOLOR='1',
                   ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'),
                   ANSIBLE_PYTHON_INTERPRETER=os.path.join(BIN, 'python'))
        command = [os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', '-c', 'local', playbook] + ['--check'] * check + list(extra)
        process = subprocess.run(command, cwd=self.workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 universal_newlines=True, timeout=180, check=False)
        self.output = process.stdout
        with open(os.path.join(self.workdir, 'out.json')) as handle:
            return process.returncode, json.load(handle)

    def requests(self):
        return self.rest.control(PHONE, 'GET', '/_lab/stats')['requests']


@pytest.fixture
def runner(running_lab, tmp_path):
    return Runner(running_lab, str(tmp_path))


def phone_args(runner, **override):
    args = dict(host='127.0.0.1', port=runner.rest.phones[PHONE]['port'], ca_path=runner.lab.ca, password=LAB_PHONE_PASSWORD,
                parameters={'feature.presence.enabled': 1})
    args.update(override)
    return args


BAD = [
    # (option, value, words the message must contain besides the option's name)
    ('host', '', ['empty']),
    ('port', 70000, ['65535']),
    ('timeout', 0, ['at least']),
    ('retries', -1, ['at least']),
]


@pytest.mark.parametrize('option,value,words', BAD, ids=[b[0] for b in BAD])
def test_a_bad_connection_option_is_refused_before_any_request_naming_it(runner, option, value, words):
    before = runner.requests()
    rc, result = runner.task('polycom.uc.ucs_phone_config', phone_args(runner, **{option: value}))
    assert result.get('failed'), result
    assert runner.requests() == before, 'a request was sent with %s=%r' % (option, value)
    msg = result.get('msg', '')
    assert 'Module failed' not in msg, 'the module crashed: %r' % msg
    assert option in msg and all(word in msg for word in words), msg
    assert 'after retries' not in msg and 'unreachable' != msg, msg


# UC Software parameters whose values are secrets but whose names the secret test (password, passwd, secret, *.key)
# misses: the phone's own TLS private key and the WEP keys (UC Software Administrators' Guide, sec.TLS / device.wifi).
UNDETECTED_SECRETS = {'sec.TLS.customDeviceKey': 'PRIVATE-KEY-Review-77', 'device.wifi.wep.key1': 'WEP-Key-Review-77'}


@pytest.mark.parametrize('name', sorted(UNDETECTED_SECRETS))
def test_a_private_key_given_as_a_parameter_is_never_shown(runner, name):
    value = UNDETECTED_SECRETS[name]
    _rc, result = runner.task('polycom.uc.ucs_phone_config', phone_args(runner, parameters={name: value}),
                              check=True, extra=['--diff', '-vvv'])
    assert value not in runner.output, 'the value of %s is shown:\n%s' % (name, runner.output[-2000:])
    assert value not in str(result)
