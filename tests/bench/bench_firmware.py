"""Benchmark (not a test): a 200 MB UC Software package onto the share, twice, against ansible.builtin.copy.

Part of `make bench` (tests/bench/bench_estate.py runs it; `bench_estate.py --only firmware` runs only this).

A package of fake images (tests/lab/phone_emulator.make_package; ten models, --package-mb in all) is put on an empty
share by the shipped playbooks/firmware.yml (what a user runs: polycom.uc.ucs_firmware, then the lync_provisioning role
writing the masters, for an estate of one phone per model and no pilot, so no phone restarts; the share as lync.yml
wrote it before), then again with nothing to change (--rounds times); the same files by a plain ansible.builtin.copy of
the package directory into another share, first and again. The second runs should cost only the checksums: the
ucs_firmware task alone in a playbook is compared with reading every byte of the package and of the share once and
hashing it in this process (the floor any checksum comparison pays), and with a playbook of one module task that does
nothing (ansible.builtin.ping: ansible-playbook's start-up plus one module run).
"""
import hashlib
import os
import statistics
import sys
import time

from estate import ROOT, SHARE_HOST, ansible_playbook, differing, snapshot, write_csv, write_inventory, write_play

sys.path.insert(0, os.path.join(ROOT, 'tests', 'lab'))
from phone_emulator import make_package  # noqa: E402 pylint: disable=wrong-import-position

VERSION = '5.4.0.5841'
PARTS = ['3111-44500-001', '3111-44600-001', '3111-46135-002', '3111-46157-002', '3111-46161-001', '3111-46162-001',
         '2345-12600-001', '2345-12670-001', '3111-30900-001', '2345-17960-001']  # VVX500/600/300/400/310/410, SPIP650/670, SSIP5000, VVX1500
MODELS = ['VVX500', 'VVX600', 'VVX300', 'VVX400', 'VVX310', 'VVX410', 'SPIP650', 'SPIP670', 'SSIP5000', 'VVX1500']
FIRMWARE_PLAYBOOK = os.path.join(ROOT, 'playbooks', 'firmware.yml')


def firmware_inventory(workdir, package):
    """The provisioning host as for lync.yml (one phone per model, from a CSV) and firmware.yml's inputs in group_vars."""
    rows = [dict(mac='0004f2f0%04x' % index, address='sip:fw%02d@bench.example.com' % index, model=model, period=15)
            for index, model in enumerate(MODELS, 1)]
    csv_path = os.path.join(workdir, 'phones.csv')
    write_csv(csv_path, rows)
    return write_inventory(os.path.join(workdir, 'firmware-inventory'), os.path.join(workdir, 'share'), csv_path,
                           firmware_package=package, firmware_version=VERSION,
                           firmware_rollout_phones=[[row['mac'], row['model']] for row in rows])


def inventory(directory):
    path = os.path.join(directory, 'hosts.yml')
    with open(path, 'w') as handle:
        handle.write('all:\n  hosts:\n    %s:\n      ansible_connection: local\n      ansible_python_interpreter: "{{ ansible_playbook_python }}"\n'
                     % SHARE_HOST)
    return path


def read_all(*directories):
    """Seconds to read and SHA-256 every file under the directories: the floor of any checksum comparison."""
    start = time.perf_counter()
    for directory in directories:
        for current, _dirs, names in os.walk(directory):
            for name in names:
                digest = hashlib.sha256()
                with open(os.path.join(current, name), 'rb') as handle:
                    for chunk in iter(lambda: handle.read(1 << 20), b''):
                        digest.update(chunk)
    return time.perf_counter() - start


def playbooks(workdir, package):
    """The module task alone (for the checksum floor), the copy, and the one-module start-up playbook."""
    ours = write_play(os.path.join(workdir, 'ucs_firmware.yml'), [{'name': 'package', 'polycom.uc.ucs_firmware': {
        'root': os.path.join(workdir, 'share'), 'package': package, 'version': VERSION, 'models': MODELS}}])
    plain = write_play(os.path.join(workdir, 'copy.yml'), [{'name': 'package', 'ansible.builtin.copy': {
        'src': package + '/', 'dest': os.path.join(workdir, 'share-copy', 'firmware', VERSION) + '/', 'mode': '0644'}}])
    startup = write_play(os.path.join(workdir, 'startup.yml'), [{'name': 'nothing', 'ansible.builtin.ping': {}}])
    return ours, plain, startup


def second_runs(playbook, hosts, share, rounds):
    before = snapshot(share)
    times = []
    for _round in range(rounds):
        run = ansible_playbook(playbook, hosts)
        assert run.host()['changed'] == 0, run.recap
        times.append(run.elapsed)
    assert not differing(before, snapshot(share)), 'a second run rewrote files'
    return times


def run(args, workdir, table):
    size = args.package_mb * 1024 * 1024 // len(PARTS)
    package = make_package(os.path.join(workdir, 'package'), VERSION, PARTS, size=size)
    hosts, shipped = inventory(workdir), firmware_inventory(workdir, package)
    ours, plain, startup = playbooks(workdir, package)
    share, share_copy = os.path.join(workdir, 'share'), os.path.join(workdir, 'share-copy')
    ansible_playbook(os.path.join(ROOT, 'playbooks', 'lync.yml'), shipped)  # the share firmware.yml expects (it never creates one)
    first_ours = ansible_playbook(FIRMWARE_PLAYBOOK, shipped)
    assert first_ours.host()['changed'] >= 1 and len(os.listdir(os.path.join(share, 'firmware', VERSION))) == len(PARTS) + 1
    assert os.path.isfile(os.path.join(share, '000000000000.cfg')), 'firmware.yml wrote no master'
    first_copy = ansible_playbook(plain, hosts)
    assert first_copy.host()['changed'] == 1 and len(os.listdir(os.path.join(share_copy, 'firmware', VERSION))) == len(PARTS) + 1
    again_ours = second_runs(FIRMWARE_PLAYBOOK, shipped, share, args.rounds)
    again_copy = second_runs(plain, hosts, share_copy, args.rounds)
    again_module = second_runs(ours, hosts, share, args.rounds)
    floor = statistics.median(read_all(package, share) for _round in range(args.rounds))
    start_up = statistics.median(ansible_playbook(startup, hosts).elapsed for _round in range(args.rounds))
    mb = args.package_mb
    table.add('Firmware, %d MB package (%d images + sip.ver): first run, playbooks/firmware.yml (no pilot) vs ansible.builtin.copy'
              % (mb, len(PARTS)), '%.2f s vs %.2f s' % (first_ours.elapsed, first_copy.elapsed))
    ours_median, copy_median = statistics.median(again_ours), statistics.median(again_copy)
    table.add('the same, second run (nothing to copy; medians of %d)' % args.rounds,
              '%.2f s vs %.2f s = %.2f×' % (ours_median, copy_median, ours_median / copy_median), '≤ 1× copy', ours_median <= copy_median)
    module_median = statistics.median(again_module)
    beyond = module_median - floor - start_up
    table.add('of which: the ucs_firmware task alone, second run / reading and hashing package + share once (checksum floor) / a '
              'one-module playbook (ping)', '%.2f s / %.2f s / %.2f s; the task beyond both: %.2f s' % (module_median, floor, start_up, beyond),
              'only the checksum (< 0.5 s beyond)', beyond < 0.5)
