"""Helpers of the drift tests: the lab inventory on the tests' ports, the phone REST lab, playbook runs, the report."""
import http.client
import json
import os
import shutil
import ssl
import sys

import yaml

from conftest import Run, ansible_playbook

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
SCHEMA = os.path.join(ROOT, 'docs', 'drift-report.schema.json')
LAB_PANO_PASSWORD = 'Lab-Pano-Admin-1!'
LAB_PHONE_PASSWORD = 'Lab-Phone-Rest-4'
DRIFT_PLAYBOOK = os.path.join(ROOT, 'playbooks', 'drift.yml')
SITE_PLAYBOOK = os.path.join(ROOT, 'site.yml')


def lab_inventory(lab, directory):
    """inventories/lab copied to ``directory``, every *_port shifted to the test lab, the lab dir pointed at it."""
    target = os.path.join(directory, 'inventory')
    shutil.copytree(os.path.join(ROOT, 'inventories', 'lab'), target)
    offset = lab.config['port_offset']
    hosts_file = os.path.join(target, 'hosts.yml')
    with open(hosts_file) as handle:
        inventory = yaml.safe_load(handle)

    def shift(group):
        for host_vars in (group.get('hosts') or {}).values():
            for key in list(host_vars or {}):
                if key.endswith('_port'):
                    host_vars[key] += offset
        for child in (group.get('children') or {}).values():
            shift(child or {})
    shift(inventory['all'])
    with open(hosts_file, 'w') as handle:
        yaml.safe_dump(inventory, handle)
    all_vars = os.path.join(target, 'group_vars', 'all.yml')
    with open(all_vars) as handle:
        variables = yaml.safe_load(handle)
    variables['polycom_lab_dir'] = lab.state_dir
    with open(all_vars, 'w') as handle:
        yaml.safe_dump(variables, handle)
    return target


def inventory_ports(inventory_dir):
    """{inventory host: port} of the lab inventory copy."""
    with open(os.path.join(inventory_dir, 'hosts.yml')) as handle:
        inventory = yaml.safe_load(handle)
    ports = {}

    def walk(group):
        for name, host_vars in (group.get('hosts') or {}).items():
            for key, value in (host_vars or {}).items():
                if key.endswith('_port'):
                    ports[name] = value
        for child in (group.get('children') or {}).values():
            walk(child or {})
    walk(inventory['all'])
    return ports


def drift_hosts(inventory_dir):
    """Sorted inventory hosts of the groups playbooks/drift.yml covers (its summary play's polycom_drift_groups)."""
    with open(DRIFT_PLAYBOOK) as handle:
        plays = yaml.safe_load(handle)
    groups = [play for play in plays if play['hosts'] == 'localhost'][0]['vars']['polycom_drift_groups']
    with open(os.path.join(inventory_dir, 'hosts.yml')) as handle:
        inventory = yaml.safe_load(handle)
    found = set()

    def walk(group, inside):
        if inside:
            found.update(group.get('hosts') or {})
        for name, child in (group.get('children') or {}).items():
            walk(child or {}, inside or name in groups)
    walk(inventory['all'], False)
    return sorted(found)


def clear_phone_logs(lab):
    """Remove the logs phones uploaded to the lab share (their firmware is part of the drift report)."""
    logs = os.path.join(lab.state_dir, 'share', 'logs')
    for name in os.listdir(logs) if os.path.isdir(logs) else []:
        if name.endswith('.log'):
            os.unlink(os.path.join(logs, name))


def upload_phone_log(lab, mac, model, version):
    """What a phone on UC Software writes to the share's log directory at boot."""
    logs = os.path.join(lab.state_dir, 'share', 'logs')
    os.makedirs(logs, exist_ok=True)
    with open(os.path.join(logs, '%s-app.log' % mac), 'w') as handle:
        handle.write('0101000000|so   |4|00|Phone model: %s, MAC address: %s\n0101000001|so   |4|00|Application version: %s\n'
                     % (model, mac, version))


class PhoneLab(object):
    """The lab's phone REST service: /_lab control of each phone by name."""

    def __init__(self, lab):
        state = lab.read_state()
        self.host, self.ca = state['host'], state['ca']
        self.phones = state['services']['phone_rest']['phones']

    def control(self, name, method, path, body=None):
        context = ssl.create_default_context(cafile=self.ca)
        conn = http.client.HTTPSConnection(self.host, self.phones[name]['port'], timeout=10, context=context)
        try:
            data = json.dumps(body).encode('utf-8') if body is not None else None
            conn.request(method, path, body=data, headers={'Content-Type': 'application/json'} if data else {})
            response = conn.getresponse()
            answer = response.read()
            assert response.status < 400, (name, method, path, response.status, answer)
            return json.loads(answer.decode('utf-8')) if answer else None
        finally:
            conn.close()

    def factory(self):
        for name in self.phones:
            self.control(name, 'POST', '/_lab/factory')

    def set_state(self, name, **state):
        return self.control(name, 'POST', '/_lab/state', state)

    def stats(self, name):
        return self.control(name, 'GET', '/_lab/stats')


class PlaybookRun(Run):
    """A run with the drift report it wrote (and, as every run, its per-task results)."""

    def __init__(self, run, report_dir):
        super().__init__(run.rc, run.output, {})
        self.results, self.stats, self.timings = run.results, run.stats, run.timings
        self.report_dir = report_dir

    @property
    def report(self):
        with open(os.path.join(self.report_dir, 'drift-report.json')) as handle:
            return json.load(handle)

    @property
    def markdown(self):
        with open(os.path.join(self.report_dir, 'drift-report.md')) as handle:
            return handle.read()

    def host(self, name):
        found = [host for host in self.report['hosts'] if host['name'] == name]
        assert found, 'no host %s in the report:\n%s' % (name, self.markdown)
        return found[0]


def run_playbook(playbook, inventory, workdir, check=False, diff=False, extra_vars=None, env=None, report=True, verbosity=0):
    """conftest's ansible_playbook with the drift report callback writing to workdir/report (unless report=False)."""
    report_dir = os.path.join(workdir, 'report')
    callbacks, report_env = (), {}
    if report:
        callbacks, report_env = ('polycom.uc.drift_report',), {'POLYCOM_DRIFT_REPORT_DIR': report_dir}
        if os.path.isdir(report_dir):
            shutil.rmtree(report_dir)
    report_env.update(env or {})
    run = ansible_playbook(playbook, inventory, workdir, check=check, diff=diff, verbosity=verbosity, extra_vars=extra_vars,
                           env=report_env, callbacks=callbacks, timeout=300)
    return PlaybookRun(run, report_dir)


def validate(report):
    import jsonschema  # pylint: disable=import-outside-toplevel
    with open(SCHEMA) as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(report)
