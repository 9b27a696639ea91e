"""Sliced drift jobs (AWX job slicing): slices share a report directory without colliding, and merge into the report of one run."""
import json
import os
import sys

import ansible_runner
import yaml

from drift_helpers import BIN, ROOT, run_playbook, validate

SLICES = ('share1', 'share2', 'share3')
BASELINE = {'phone': {'minimum': '5.4'}}


def estate(workdir):
    """Three provisioning hosts (three shares of four phones each; in every share one phone logs firmware below the baseline)."""
    hosts = {}
    for number, name in enumerate(SLICES, 1):
        share = os.path.join(workdir, name)
        phones = [dict(mac='0004f2c%d%04x' % (number, index), address='sip:s%du%d@bor-ee.com' % (number, index)) for index in range(4)]
        hosts[name] = dict(ansible_connection='local', ansible_python_interpreter=sys.executable, lync_provisioning_share_root=share,
                           lync_provisioning_pool_address='lyncpool.bor-ee.com', lync_provisioning_phones=phones,
                           polycom_firmware_baseline=BASELINE)
        os.makedirs(os.path.join(share, 'logs'))
        for index, phone in enumerate(phones):
            with open(os.path.join(share, 'logs', '%s-app.log' % phone['mac']), 'w') as handle:
                handle.write('Phone model: VVX500, MAC address: %s\nApplication version: %s\n' % (
                    phone['mac'], '4.0.1.13681' if index == number % 4 else '5.9.7.3480'))
    inventory = os.path.join(workdir, 'inventory.yml')
    with open(inventory, 'w') as handle:
        yaml.safe_dump({'all': {'children': {'provisioning': {'hosts': hosts}}}}, handle)
    return inventory


def start(workdir, ident, inventory, report_dir, name, limit=None):
    """One job as AWX starts a slice: its own private data dir, the report directory shared with the other slices."""
    envvars = {'PATH': BIN + os.pathsep + os.environ.get('PATH', ''), 'ANSIBLE_CONFIG': os.path.join(ROOT, 'ansible.cfg'),
               'ANSIBLE_COLLECTIONS_PATH': os.path.join(ROOT, '.build', 'collections'),
               'ANSIBLE_CALLBACKS_ENABLED': 'polycom.uc.drift_report', 'POLYCOM_DRIFT_REPORT_DIR': report_dir,
               'POLYCOM_DRIFT_REPORT_NAME': name, 'ANSIBLE_RETRY_FILES_ENABLED': '0'}
    private_data_dir = os.path.join(workdir, 'runner', ident)
    os.makedirs(private_data_dir)
    return ansible_runner.run_async(private_data_dir=private_data_dir, project_dir=ROOT, ident=ident,
                                    playbook='playbooks/drift.yml', inventory=inventory, envvars=envvars, quiet=True, timeout=300,
                                    cmdline='--check --diff' + (' --limit %s' % limit if limit else ''))


def finish(job):
    thread, runner = job
    thread.join(300)
    assert (runner.rc, runner.status) == (0, 'successful'), open(runner.stdout.name).read()[-3000:]


def without_time(report):
    return dict((key, value) for key, value in report.items() if key != 'generated_at')


def test_three_slices_in_one_directory_merge_into_the_report_of_one_run(tmp_path):
    workdir = str(tmp_path)
    inventory = estate(workdir)
    assert run_playbook(os.path.join(ROOT, 'playbooks', 'lync.yml'), inventory, workdir, report=False).rc == 0
    reports = os.path.join(workdir, 'reports')
    os.makedirs(reports)
    finish(start(workdir, 'whole', inventory, reports, 'drift-report-whole'))
    slices = [start(workdir, 'slice%d' % n, inventory, reports, 'drift-report-slice%d' % n, limit=host) for n, host in enumerate(SLICES, 1)]
    for job in slices:  # the three run at the same time, writing into the same directory
        finish(job)
    assert not [name for name in os.listdir(reports) if name.endswith('.tmp')], 'a temporary file was left behind'
    for number, host in enumerate(SLICES, 1):
        part = json.load(open(os.path.join(reports, 'drift-report-slice%d.json' % number)))
        assert [h['name'] for h in part['hosts']] == [host], 'slice %d holds its own host only' % number

    merge = run_playbook(os.path.join(ROOT, 'playbooks', 'drift_merge.yml'), inventory, workdir, report=False,
                         extra_vars={'polycom_drift_report_dir': reports, 'polycom_drift_report_slices': 'drift-report-slice*.json'})
    assert merge.rc == 0, merge.output[-3000:]
    assert '3 reports merged: 3 of 3 hosts drift, 0 failed' in ' '.join(merge.output.split())
    merged = json.load(open(os.path.join(reports, 'drift-report.json')))
    whole = json.load(open(os.path.join(reports, 'drift-report-whole.json')))
    validate(merged)
    assert without_time(merged) == without_time(whole)
    assert merged['summary']['firmware_drift'] == 3
    assert open(os.path.join(reports, 'drift-report.md')).read().count('## share') == 3

    again = run_playbook(os.path.join(ROOT, 'playbooks', 'drift_merge.yml'), inventory, workdir, report=False,
                         extra_vars={'polycom_drift_report_dir': reports, 'polycom_drift_report_slices': 'drift-report-*.json'})
    assert again.rc == 2 and 'is in' in again.output and 'slices of one job report disjoint hosts' in again.output
