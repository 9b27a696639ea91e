"""A provisioning share of thousands of phones that all uploaded a boot log, for playbooks/drift.yml at scale.

The share is written by the lync_provisioning role itself (playbooks/lync.yml, phones from a CSV), so the role's
check mode in drift.yml finds nothing to change and the only drift is firmware; then every phone "boots" and
uploads its logs as UC Software does (tests/lab/phone_emulator.py): <LOG_FILE_DIRECTORY>/<mac>-boot.log and
<mac>-app.log with the lines 'Phone model: VVX500, MAC address: ...' and 'Application version: 4.0.1.13681'.

Also a measurement (not a test):  .venv/bin/python tests/functional/drift_share_helpers.py --phones 2500 5000 10000
"""
import argparse
import os
import resource
import statistics
import sys
import tempfile
import time

import yaml

from drift_helpers import DRIFT_PLAYBOOK, ROOT, run_playbook

POOL = 'lyncpool.scale.example.com'
MODELS = ('VVX500', 'SPIP650')
BASELINE = {'phone': {'minimum': '5.4', 'models': {'VVX 500': {'exact': '5.9.7'}}}}
# Per model, the versions phones run, by index % 5: three on the baseline, two off it.
VERSIONS = {'VVX500': ('5.9.7.3480', '5.9.7.3480', '5.9.7.4213', '4.0.1.13681', '5.8.0.12345'),
            'SPIP650': ('5.4.1.1005', '5.5.0.2011', '5.5.0.2011', '4.0.1.13681', '5.3.9.8')}
EXPECTED = {('VVX500', '4.0.1.13681'): 'not_exact', ('VVX500', '5.8.0.12345'): 'not_exact',
            ('SPIP650', '4.0.1.13681'): 'below_minimum', ('SPIP650', '5.3.9.8'): 'below_minimum'}


def phone_rows(count):
    """mac, address, model and the firmware each phone runs; two models, a mix of versions on and off the baseline."""
    rows = []
    for index in range(count):
        model = MODELS[index % 2]
        rows.append(dict(mac='0004f2%06x' % index, address='sip:user%05d@scale.example.com' % index, model=model,
                         firmware=VERSIONS[model][(index // 2) % 5]))
    return rows


def status_of(row):
    return EXPECTED.get((row['model'], row['firmware']), 'ok')


class ScaleShare(object):
    """A work directory with the share, the phones' CSV and an inventory of one provisioning host."""

    def __init__(self, workdir, count):
        self.workdir, self.rows = workdir, phone_rows(count)
        self.share = os.path.join(workdir, 'share')
        self.csv = os.path.join(workdir, 'phones.csv')
        self.inventory = os.path.join(workdir, 'inventory.yml')
        os.makedirs(self.share)
        with open(self.csv, 'w') as handle:
            handle.write('mac,address,model\n' + ''.join('%(mac)s,%(address)s,%(model)s\n' % row for row in self.rows))
        host = dict(ansible_connection='local', ansible_python_interpreter=sys.executable, lync_provisioning_share_root=self.share,
                    lync_provisioning_pool_address=POOL, lync_provisioning_credentials='phone',
                    lync_provisioning_phones_csv=self.csv, polycom_firmware_baseline=BASELINE)
        with open(self.inventory, 'w') as handle:
            yaml.safe_dump({'all': {'children': {'provisioning': {'hosts': {'share': host}}}}}, handle)

    def provision(self):
        """The role writes the share for the CSV's phones (a real run; its read-back is not what is tested here)."""
        run = run_playbook(os.path.join(ROOT, 'playbooks', 'lync.yml'), self.inventory, self.workdir, report=False,
                           extra_vars={'lync_provisioning_verify': False})
        assert run.rc == 0, run.output[-3000:]
        return run

    def boot_all(self):
        """Every phone uploads its boot and app log to the master's LOG_FILE_DIRECTORY (the role's default: logs)."""
        logs = os.path.join(self.share, 'logs')
        os.makedirs(logs, exist_ok=True)
        for row in self.rows:
            text = ('0101000000|so   |4|00|Phone model: %(model)s, MAC address: %(mac)s\n'
                    '0101000001|so   |4|00|Application version: %(firmware)s\n' % row)
            for kind in ('boot', 'app'):
                with open(os.path.join(logs, '%s-%s.log' % (row['mac'], kind)), 'w') as handle:
                    handle.write(text)

    def drift(self):
        return run_playbook(DRIFT_PLAYBOOK, self.inventory, self.workdir, check=True, diff=True)


def timed_drift(scale):
    """(wall seconds, CPU seconds of the run's processes): CPU time says the cost when other jobs share the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    run = scale.drift()
    wall = time.time() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert run.rc == 0, run.output[-3000:]
    return run, wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--phones', type=int, nargs='+', default=[10000], help='one measurement per share size')
    parser.add_argument('--rounds', type=int, default=3)
    args = parser.parse_args()
    for count in args.phones:
        with tempfile.TemporaryDirectory() as workdir:
            scale = ScaleShare(workdir, count)
            scale.provision()
            scale.boot_all()
            runs = [timed_drift(scale) for dummy in range(args.rounds)]
            walls, cpus = [r[1] for r in runs], [r[2] for r in runs]
            print('%6d phones: drift.yml --check --diff with drift_report: median %.2f s wall (%s), %.2f s CPU; %d off the baseline'
                  % (count, statistics.median(walls), ', '.join('%.2f' % w for w in walls), statistics.median(cpus),
                     len(runs[-1][0].host('share')['firmware'])))


if __name__ == '__main__':
    main()
