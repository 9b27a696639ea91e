"""Shared pieces of the estate benchmarks (bench_lync.py, bench_drift.py): a generated estate, whole
ansible-playbook runs as a user starts them, and the results table.

Runs are timed as wall time of the whole ansible-playbook process (start-up included), with the default
stdout callback (what a user sees), so no test-only callback adds to the figure. What a run did is checked
from its PLAY RECAP and from the share on disk, which keeps the checks independent of the modules' result shapes.
"""
import os
import re
import statistics
import subprocess
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
SHARE_HOST = 'share'
POOL = 'lyncpool.bench.example.com'
PERIOD = 'pres.idleTimeout.officeHours.period'
MODEL = 'VVX500'
FULL_SIZE = 10000  # the targets are for an estate of this many phones
RECAP = re.compile(r'^(?P<host>\S+)\s*:\s*ok=(?P<ok>\d+)\s+changed=(?P<changed>\d+)\s+unreachable=(?P<unreachable>\d+)\s+'
                   r'failed=(?P<failed>\d+)\s+skipped=(?P<skipped>\d+)', re.MULTILINE)


def _lab_ca_pem():
    """The lab's CA certificate, the one the functional tests give the role (tests/functional/lync_helpers.py)."""
    sys.path.insert(0, os.path.join(ROOT, 'tests', 'functional'))
    try:
        from lync_helpers import PEM  # pylint: disable=import-outside-toplevel
    finally:
        sys.path.pop(0)
    return PEM


def mac_of(index):
    return '0004f2%06x' % index


def phone_rows(count, changed=None):
    """count phones; the one at index changed gets another value of the per-phone parameter."""
    return [dict(mac=mac_of(i), address='sip:user%05d@bench.example.com' % i, model=MODEL, period=45 if i == changed else 15)
            for i in range(count)]


def write_csv(path, rows):
    with open(path, 'w') as handle:
        handle.write('mac,address,model,param:%s\n' % PERIOD)
        handle.writelines('%s,%s,%s,%d\n' % (r['mac'], r['address'], r['model'], r['period']) for r in rows)


def write_inventory(directory, share_root, csv_path, **extra_vars):
    """An inventory as a user writes one: one provisioning host on the local connection, the role's inputs in group_vars."""
    os.makedirs(os.path.join(directory, 'group_vars'))
    hosts = {'all': {'children': {'provisioning': {'hosts': {SHARE_HOST: {'ansible_connection': 'local'}}}}}}
    group_vars = dict(ansible_python_interpreter='{{ ansible_playbook_python }}', lync_provisioning_share_root=share_root,
                      lync_provisioning_pool_address=POOL, lync_provisioning_ca_certificate=_lab_ca_pem(),
                      lync_provisioning_phones_csv=csv_path, **extra_vars)
    with open(os.path.join(directory, 'hosts.yml'), 'w') as handle:
        yaml.safe_dump(hosts, handle)
    with open(os.path.join(directory, 'group_vars', 'provisioning.yml'), 'w') as handle:
        yaml.safe_dump(group_vars, handle, default_flow_style=False)
    return directory


class Run(object):
    def __init__(self, elapsed, stdout):
        self.elapsed = elapsed
        self.stdout = stdout
        self.recap = dict((m.group('host'), dict((k, int(v)) for k, v in m.groupdict().items() if k != 'host'))
                          for m in RECAP.finditer(stdout))

    def host(self, name=SHARE_HOST):
        return self.recap[name]


def ansible_playbook(playbook, inventory, *options, **env):
    """Run ansible-playbook from the collection root and time it; a failed run stops the benchmark (no figure)."""
    environment = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_NOCOLOR='1',
                       ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'), **env)
    command = [os.path.join(BIN, 'ansible-playbook'), '-i', inventory, playbook] + list(options)
    start = time.perf_counter()
    process = subprocess.run(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, check=False)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit('%s failed (rc %d):\n%s\n%s' % (' '.join(command), process.returncode, process.stdout[-4000:], process.stderr[-2000:]))
    return Run(elapsed, process.stdout)


def write_play(path, tasks, hosts=SHARE_HOST, **play):
    with open(path, 'w') as handle:
        yaml.safe_dump([dict(name=os.path.basename(path), hosts=hosts, gather_facts=False, tasks=tasks, **play)], handle, sort_keys=False)
    return path


def snapshot(root):
    """{relative path: (inode, mtime_ns, content)} of every file under root but hidden ones (the manifest, temp files)."""
    files = {}
    for directory, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith('.')]
        for name in names:
            if name.startswith('.'):
                continue
            path = os.path.join(directory, name)
            status = os.stat(path)
            with open(path, 'rb') as handle:
                files[os.path.relpath(path, root)] = (status.st_ino, status.st_mtime_ns, handle.read())
    return files


def differing(before, after):
    """Paths created, removed or rewritten (new inode, mtime or content) between two snapshots."""
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def timed(values):
    return 'median %.2f s, best %.2f s' % (statistics.median(values), min(values))


def machine():
    model = 'unknown CPU'
    try:
        with open('/proc/cpuinfo') as handle:
            model = next((line.split(':', 1)[1].strip() for line in handle if line.startswith('model name')), model)
    except OSError:
        pass
    return '%d cores (nproc), %s' % (os.cpu_count() or 0, model)


class Table(object):
    """Rows of (measure, result, target, met): met is True, False (MISSED) or None (no target)."""

    def __init__(self):
        self.rows = []

    def add(self, measure, result, target='', met=None):
        self.rows.append((measure, result, target, met))

    def show(self, phones, load_before):
        widths = [max(len(row[i]) for row in self.rows + [('measure', 'result', 'target', None)]) for i in range(3)]
        print('\n%s\nmachine: %s; load average %.2f before, %.2f after' % ('=' * 40, machine(), load_before, os.getloadavg()[0]))
        print('Absolute times vary with the machine and whatever else runs on it; the ratios are taken within this run.')
        if phones != FULL_SIZE:
            print('This run used %d phones; the targets are the issue\'s, for %d phones (per-phone figures include the'
                  ' start-up of ansible-playbook, so a smaller estate shows a smaller ratio).' % (phones, FULL_SIZE))
        line = '| %-*s | %-*s | %-*s | %s'
        print(line % (widths[0], 'measure', widths[1], 'result', widths[2], 'target', ''))
        for measure, result, target, met in self.rows:
            print(line % (widths[0], measure, widths[1], result, widths[2], target, {True: 'met', False: 'MISSED', None: ''}[met]))
        missed = [row[0] for row in self.rows if row[3] is False]
        if missed:
            print('MISSED targets: %s' % '; '.join(missed))
        return not missed
