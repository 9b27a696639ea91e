"""Benchmark (not a test): the shipped playbooks at estate size, each against the obvious alternative in the same run.

    make bench            # or: .venv/bin/python tests/bench/bench_estate.py [--phones 10000] [--loop-phones 500] [--rounds 3]
                          #        [--only lync|drift|firmware|reload] [--package-mb 200] [--rest-phones 200 --wave 50]

lync:  playbooks/lync.yml (the role as shipped, verify on) on --phones phones from a CSV: first run, no-change run,
       one phone changed; against ansible.builtin.template in a loop over --loop-phones of them (bench_lync.py).
drift: playbooks/drift.yml --check --diff with the drift_report callback on a share where every phone uploaded a log,
       half below the baseline; against polycom.uc.firmware_check in a loop over --loop-phones phones (bench_drift.py).
firmware: a --package-mb UC Software package onto the share by playbooks/firmware.yml (no pilot), first and second run,
       against ansible.builtin.copy of the same files; the ucs_firmware task alone against the checksum floor (bench_firmware.py).
reload: playbooks/lync.yml (reload on, as shipped) changing the shared file of --rest-phones emulated REST phones, restarted
       and verified in waves of --wave, against lync.yml with reload off plus an ansible.builtin.uri play doing the same
       calls (bench_reload.py).
Prints a table of measure, result and target, MISSED targets flagged (the exit code stays 0: not a test). Every run is a whole
ansible-playbook process, timed by wall clock; what it did is asserted, so a broken run gives no figure.
"""
import argparse
import os
import shutil
import tempfile

import bench_drift
import bench_firmware
import bench_reload
import bench_lync
from estate import FULL_SIZE, Table

BENCHES = dict(lync=bench_lync, drift=bench_drift, firmware=bench_firmware, reload=bench_reload)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--phones', type=int, default=FULL_SIZE, help='phones in the estate (default %(default)s, the targets\' size)')
    parser.add_argument('--loop-phones', type=int, default=500, help='phones the loop alternatives run over (default %(default)s)')
    parser.add_argument('--rounds', type=int, default=3, help='runs of each timed playbook; median and best are shown (default %(default)s)')
    parser.add_argument('--only', choices=sorted(BENCHES), action='append', help='run only this benchmark (may be given more than once)')
    parser.add_argument('--package-mb', type=int, default=200, help='size of the firmware benchmark\'s package (default %(default)s)')
    parser.add_argument('--rest-phones', type=int, default=200, help='emulated REST phones the reload benchmark restarts (default %(default)s)')
    parser.add_argument('--wave', type=int, default=50, help='phones per wave of the reload benchmark (default %(default)s)')
    parser.add_argument('--restart-seconds', type=float, default=0.5, help='how long an emulated phone is away when it restarts (default %(default)s)')
    parser.add_argument('--keep', action='store_true', help='keep the temporary directory (shares, inventories, drift reports)')
    args = parser.parse_args()
    if args.phones < 2 or args.loop_phones < 1 or args.rounds < 1:
        parser.error('need --phones >= 2, --loop-phones >= 1 and --rounds >= 1')
    args.rounds = min(args.rounds, args.phones - 1)  # each lync round changes another phone
    return args


def main():
    args = arguments()
    load_before = os.getloadavg()[0]
    workdir = tempfile.mkdtemp(prefix='bench-estate-')
    table = Table()
    try:
        for name in args.only or ['lync', 'drift', 'firmware', 'reload']:
            os.makedirs(os.path.join(workdir, name))
            BENCHES[name].run(args, os.path.join(workdir, name), table)
    finally:
        if args.keep:
            print('kept %s' % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    table.show(args.phones, load_before)


if __name__ == '__main__':
    main()
