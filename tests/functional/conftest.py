"""Functional tests: real playbooks against the device lab (HTTPS emulators on 127.0.0.1)."""
import json
import os
import socket
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'lab'))

from lab import Lab  # noqa: E402 pylint: disable=wrong-import-position

PASSWORD = 'Test-Pano-Pw&<1>"'
BIN = os.path.dirname(sys.executable)


class Run(object):
    """One ansible-playbook run: exit code, text output, and per-task results."""

    def __init__(self, rc, output, record):
        self.rc, self.output = rc, output
        self.results = record.get('results', [])
        self.stats = record.get('stats', {})
        self.timings = dict((name, end - start) for name, (start, end) in record.get('timings', {}).items())

    def task(self, name, host=None):
        found = [r for r in self.results if r['task'] == name and (host is None or r['host'] == host)]
        assert found, 'no result for task %r (host %s) in:\n%s' % (name, host, self.output[-3000:])
        return found[0]['result'] if host else dict((r['host'], r['result']) for r in found)

    def changed(self, host=None):
        return sum(s['changed'] for h, s in self.stats.items() if host in (None, h))


class LabFixture(object):
    def __init__(self, lab, workdir):
        self.lab, self.workdir = lab, workdir
        self.hosts = sorted(lab.devices)

    def control(self, host, method, path, body=None):
        return self.lab.control(host, method, path, body)

    def stats(self, host):
        return self.control(host, 'GET', '/_lab/stats')

    def state(self, host):
        return self.control(host, 'GET', '/_lab/state')

    def settings(self, host):
        """The device's stored settings, without its ticking clock (a minute boundary is no write)."""
        values = dict(self.state(host)['vars'])
        values.pop('system.datetime.current', None)
        return values

    def faults(self, host, *faults):
        self.control(host, 'POST', '/_lab/faults', {'faults': list(faults)})

    def factory(self):
        for host in self.hosts:
            self.control(host, 'DELETE', '/_lab/faults')
            self.control(host, 'POST', '/_lab/factory')

    def reset_stats(self):
        for host in self.hosts:
            self.control(host, 'POST', '/_lab/stats/reset')

    def inventory(self, password=PASSWORD):
        hosts = {}
        for name, device in self.lab.devices.items():
            hosts[name] = dict(ansible_host='127.0.0.1', pano_port=device['port'], pano_serial=device['serial'])
        group = dict(ansible_connection='local', ansible_python_interpreter=sys.executable, pano_password=password,
                     pano_ca_path=self.lab.ca)
        return {'all': {'children': {'pano': {'hosts': hosts, 'vars': group}}}}

    def play(self, tasks, hosts='pano', check=False, diff=False, verbosity=0, env=None, module_defaults=True, roles=None):
        play = dict(name='functional', hosts=hosts, gather_facts=False, tasks=tasks)
        if roles:
            play['roles'] = roles
        if module_defaults:
            play['module_defaults'] = {'group/polycom.uc.pano': dict(
                host='{{ ansible_host }}', port='{{ pano_port }}', password='{{ pano_password }}',
                ca_path='{{ pano_ca_path }}', timeout=5, retries=3)}
        return self.run_playbook([play], check=check, diff=diff, verbosity=verbosity, env=env)

    def run_playbook(self, plays, check=False, diff=False, verbosity=0, env=None, inventory=None):
        playbook = os.path.join(self.workdir, 'play.yml')
        inventory_file = os.path.join(self.workdir, 'inventory.yml')
        with open(playbook, 'w') as handle:
            yaml.safe_dump(plays, handle, sort_keys=False, allow_unicode=True)
        with open(inventory_file, 'w') as handle:
            yaml.safe_dump(inventory or self.inventory(), handle)
        return ansible_playbook(playbook, inventory_file, self.workdir, check=check, diff=diff, verbosity=verbosity, env=env)


# the environment of the caller that would change what a run reports; each run sets what it needs
CALLER_SETTINGS = ('ANSIBLE_CALLBACKS_ENABLED', 'POLYCOM_DRIFT_REPORT_DIR', 'POLYCOM_DRIFT_REPORT_FAIL', 'POLYCOM_DRIFT_REPORT_SHOW')


def playbook_command(playbook, inventory, workdir, check=False, diff=False, verbosity=0, extra_vars=None):
    """The ansible-playbook command line; extra_vars go through a JSON file, as AWX passes them."""
    command = [os.path.join(BIN, 'ansible-playbook'), '-i', inventory, playbook]
    command += ['--check'] * check + ['--diff'] * diff + (['-' + 'v' * verbosity] if verbosity else [])
    if extra_vars:
        extra_file = os.path.join(workdir, 'extra-vars.json')
        with open(extra_file, 'w') as handle:
            json.dump(extra_vars, handle)
        command += ['-e', '@' + extra_file]
    return command


def ansible_playbook(playbook, inventory, workdir, check=False, diff=False, verbosity=0, extra_vars=None, env=None,
                     callbacks=(), timeout=600):
    """The one way the functional tests run a playbook: the repository's ansible.cfg and collection, the record
    callback (per-task results in Run) plus ``callbacks``; ``inventory`` is a file or a directory."""
    record_file = os.path.join(workdir, 'record.json')
    if os.path.exists(record_file):
        os.unlink(record_file)
    run_env = dict((key, value) for key, value in os.environ.items() if key not in CALLER_SETTINGS)
    run_env.update(ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'),
                   ANSIBLE_CALLBACK_PLUGINS=os.path.join(ROOT, 'tests', 'functional', 'callback_plugins'),
                   ANSIBLE_CALLBACKS_ENABLED=','.join(('record',) + tuple(callbacks)), RECORD_RESULTS_FILE=record_file,
                   ANSIBLE_NOCOLOR='1', ANSIBLE_FORCE_COLOR='0', ANSIBLE_RETRY_FILES_ENABLED='0',
                   ANSIBLE_ROLES_PATH=os.path.join(ROOT, 'roles'))
    run_env.update(env or {})
    command = playbook_command(playbook, inventory, workdir, check, diff, verbosity, extra_vars)
    process = subprocess.run(command, cwd=workdir, env=run_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             universal_newlines=True, timeout=timeout, check=False)
    record = {}
    if os.path.exists(record_file):
        with open(record_file) as handle:
            record = json.load(handle)
    return Run(process.returncode, process.stdout, record)


def config_ports(section):
    """Every port a lab config names (keys ending in 'port'), in devices and service sections alike."""
    if isinstance(section, dict):
        for key, value in section.items():
            if key.endswith('port') and isinstance(value, int):
                yield value
            else:
                yield from config_ports(value)
    elif isinstance(section, list):
        for item in section:
            yield from config_ports(item)


def port_is_free(port):
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.bind(('127.0.0.1', port))
        return True
    except OSError:
        return False
    finally:
        probe.close()


def free_port_offset(config):
    """The tests' lab must not collide with `make lab-up` (offset 0), molecule (20000), the benchmark (30000)
    or another test run on this machine: the first offset whose ports are all free, unless
    POLYCOM_LAB_PORT_OFFSET says."""
    if os.environ.get('POLYCOM_LAB_PORT_OFFSET'):
        return int(os.environ['POLYCOM_LAB_PORT_OFFSET'])
    ports = set(config_ports(config))
    start = 41000 + 300 * (os.getpid() % 40)  # spread concurrent runs before probing
    for step in range(40):
        offset = 41000 + (start - 41000 + 300 * step) % 12000
        if all(port_is_free(port + offset) for port in ports):
            return offset
    raise RuntimeError('no free port offset for the lab between 41000 and 53000')


def lab_config():
    with open(os.path.join(ROOT, 'tests', 'lab', 'lab.json')) as handle:
        config = json.load(handle)
    for device in config['devices']:
        device['restart_seconds'] = 2
    return config


@pytest.fixture(scope='session')
def running_lab(tmp_path_factory):
    config = lab_config()
    lab = Lab(str(tmp_path_factory.mktemp('lab')), config, port_offset=free_port_offset(config))
    lab.start()
    yield lab
    lab.stop()


@pytest.fixture
def lab(running_lab, tmp_path):
    """The lab in factory state with zeroed counters and no faults."""
    fixture = LabFixture(running_lab, str(tmp_path))
    fixture.factory()
    yield fixture
    for host in fixture.hosts:
        assert fixture.stats(host)['active_sessions'] == 0, 'a session was left open on %s' % host
