"""Benchmark (not a test): polycom.uc.lync_files on 10,000 phones against ansible.builtin.template in a loop.

    make bench            # or: .venv/bin/python tests/bench/bench_lync.py [--phones 10000] [--loop-phones 500] [--rounds 3]

Wall time of a whole ansible-playbook run (start-up included) writing a provisioning share for --phones phones
from a CSV (credentials at the phone, generic master file): the first run onto an empty share, a run with
nothing to change, and a run after one phone's parameter changed in the CSV (median and best of --rounds).
Then ansible.builtin.template in a loop over --loop-phones of the same phones (one file per item, the same
content as the role's per-phone file) for the time per phone, and the ratio. Targets on a 2-core machine:
first run <= 5 s, no-change and one-changed <= 3 s, >= 50x faster per phone than the loop.
"""
import argparse
import base64
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
POOL = 'lyncpool.bench.example.com'
PERIOD = 'pres.idleTimeout.officeHours.period'
LOOP_TEMPLATE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- Managed by polycom.uc (role lync_provisioning) for phone {{ item.mac }}; edits here are overwritten. -->
<polycomConfig>
  <lync
    reg.1.address="{{ item.address }}"
    reg.1.auth.useLoginCredentials="1"
    msg.mwi.1.callBackMode="contact"
    msg.mwi.1.callBack="{{ item.address }};opaque=app:voicemail"
    roaming_buddies.reg="1"
    {{ PERIOD }}="{{ item.period }}"
  />
</polycomConfig>
""".replace('{{ PERIOD }}', PERIOD)


def phones(count, changed=None):
    rows = []
    for index in range(count):
        mac = '0004f2%06x' % index
        rows.append(dict(mac=mac, address='sip:user%05d@bench.example.com' % index, model='VVX500',
                         period=45 if index == changed else 15))
    return rows


def write_csv(path, rows):
    with open(path, 'w') as handle:
        handle.write('mac,address,model,param:%s\n' % PERIOD)
        for row in rows:
            handle.write('%s,%s,%s,%d\n' % (row['mac'], row['address'], row['model'], row['period']))


class Bench(object):
    def __init__(self, workdir):
        self.workdir = workdir
        self.inventory = os.path.join(workdir, 'inventory.yml')
        with open(self.inventory, 'w') as handle:
            yaml.safe_dump({'all': {'hosts': {'share': {'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable}}}}, handle)
        self.record = os.path.join(workdir, 'record.json')
        self.env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'),
                        ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'), ANSIBLE_NOCOLOR='1',
                        ANSIBLE_CALLBACK_PLUGINS=os.path.join(ROOT, 'tests', 'functional', 'callback_plugins'),
                        ANSIBLE_CALLBACKS_ENABLED='record', RECORD_RESULTS_FILE=self.record)

    def play(self, name, tasks):
        path = os.path.join(self.workdir, name + '.yml')
        with open(path, 'w') as handle:
            yaml.safe_dump([dict(name=name, hosts='share', gather_facts=False, tasks=tasks)], handle, sort_keys=False)
        start = time.time()
        process = subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', self.inventory, path], env=self.env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, check=False)
        elapsed = time.time() - start
        if process.returncode != 0:
            raise SystemExit('%s failed:\n%s\n%s' % (name, process.stdout[-3000:], process.stderr[-2000:]))
        with open(self.record) as handle:
            record = json.load(handle)
        return elapsed, [r['result'] for r in record['results']], record['stats']['share']

    def lync(self, root, csv_path, **extra):
        args = dict(root=root, pool_address=POOL, phones_csv=csv_path)
        args.update(extra)
        elapsed, results, stats = self.play('lync', [{'name': 'lync files', 'polycom.uc.lync_files': args}])
        return elapsed, results[0], stats


def summary(values):
    return 'median %.2f s, best %.2f s' % (statistics.median(values), min(values))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--phones', type=int, default=10000)
    parser.add_argument('--loop-phones', type=int, default=500)
    parser.add_argument('--rounds', type=int, default=3)
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix='bench-lync-')
    bench = Bench(workdir)
    csv_path = os.path.join(workdir, 'phones.csv')
    figures = dict(first=[], no_change=[], one_changed=[])
    try:
        for round_index in range(args.rounds):
            root = os.path.join(workdir, 'share-%d' % round_index)
            write_csv(csv_path, phones(args.phones))
            elapsed, result, _stats = bench.lync(root, csv_path)
            assert len(result['created']) == args.phones + 2, len(result['created'])
            figures['first'].append(elapsed)
            elapsed, result, stats = bench.lync(root, csv_path)
            assert stats['changed'] == 0 and result['unchanged'] == args.phones + 2
            figures['no_change'].append(elapsed)
            write_csv(csv_path, phones(args.phones, changed=round_index + 1))
            elapsed, result, stats = bench.lync(root, csv_path)
            assert result['updated'] == ['0004f2%06x-lync.cfg' % (round_index + 1)], result['updated']
            figures['one_changed'].append(elapsed)
            if round_index:
                shutil.rmtree(root)
        durable_root = os.path.join(workdir, 'share-durable')
        write_csv(csv_path, phones(args.phones))
        durable, _result, _stats = bench.lync(durable_root, csv_path, durable=True)
        shutil.rmtree(durable_root)
        files = sorted(name for name in os.listdir(os.path.join(workdir, 'share-0'))
                       if name.endswith('.cfg') and os.path.isfile(os.path.join(workdir, 'share-0', name)))
        contents = []
        for name in files:
            with open(os.path.join(workdir, 'share-0', name)) as handle:
                contents.append([name, handle.read(), None, None])
        share_bytes = sum(len(content) for _name, content, _mode, _tag in contents)
        start = time.time()  # what lync_files hands to the ucs_files module: JSON, zlib, base64
        packed_json = json.dumps(contents, separators=(',', ':')).encode('utf-8')
        packed = base64.b64encode(zlib.compress(packed_json, 6))
        pack_seconds = time.time() - start

        template = os.path.join(workdir, 'loop-phone.cfg.j2')
        with open(template, 'w') as handle:
            handle.write(LOOP_TEMPLATE)
        loop_root = os.path.join(workdir, 'loop-share')
        os.makedirs(loop_root)
        loop_phones = phones(args.loop_phones)
        template_args = {'src': template, 'dest': loop_root + '/{{ item.mac }}-lync.cfg', 'mode': '0644'}
        task = {'name': 'template loop', 'ansible.builtin.template': template_args, 'loop': loop_phones,
                'loop_control': {'label': '{{ item.mac }}'}}
        loop_elapsed, _results, loop_stats = bench.play('loop', [task])
        assert loop_stats['changed'] == 1 and len(os.listdir(loop_root)) == args.loop_phones
        # the loop's files hold exactly what lync_files writes for the same phones
        with open(os.path.join(workdir, 'share-0', '0004f2000000-lync.cfg')) as handle:
            ours = handle.read()
        with open(os.path.join(loop_root, '0004f2000000-lync.cfg')) as handle:
            theirs = handle.read()
        assert ours == theirs, (ours, theirs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    first = statistics.median(figures['first'])
    per_phone_ours = first / args.phones
    per_phone_loop = loop_elapsed / args.loop_phones
    print('polycom.uc.lync_files, %d phones (%d files, %.1f MB on the share), whole ansible-playbook runs, %d rounds:'
          % (args.phones, args.phones + 2, share_bytes / 1e6, args.rounds))
    print('  first run (empty share):   %s   target <= 5 s' % summary(figures['first']))
    print('  no-change run:             %s   target <= 3 s' % summary(figures['no_change']))
    print('  one phone changed:         %s   target <= 3 s' % summary(figures['one_changed']))
    print('  first run, durable: true:  %.2f s (one sync of the new files before the renames)' % durable)
    print('  module argument: %.1f MB of file content as JSON -> %.2f MB compressed (zlib + base64) in %.2f s'
          % (len(packed_json) / 1e6, len(packed) / 1e6, pack_seconds))
    print('ansible.builtin.template in a loop, %d phones: %.1f s = %.1f ms per phone' % (args.loop_phones, loop_elapsed, per_phone_loop * 1000))
    print('per phone: lync_files %.3f ms (first run) vs loop %.1f ms: %.0fx faster   target >= 50x'
          % (per_phone_ours * 1000, per_phone_loop * 1000, per_phone_loop / per_phone_ours))
    misses = []
    if first > 5:
        misses.append('first run')
    if statistics.median(figures['no_change']) > 3 or statistics.median(figures['one_changed']) > 3:
        misses.append('no-change/one-changed run')
    if per_phone_loop / per_phone_ours < 50:
        misses.append('per-phone ratio')
    if misses:
        print('MISSED targets: %s (the machine may be busy: compare `uptime`)' % ', '.join(misses))


if __name__ == '__main__':
    main()
