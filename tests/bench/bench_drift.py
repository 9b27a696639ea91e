"""Benchmark (not a test): playbooks/drift.yml on a share whose phones all uploaded logs, against
polycom.uc.firmware_check in a loop (one module run per phone, what drift.yml did before).

Part of `make bench` (tests/bench/bench_estate.py runs it; `bench_estate.py --only drift` runs only this).

The share is written by playbooks/lync.yml for --phones phones; then every phone gets a <mac>-app.log in the
master file's LOG_FILE_DIRECTORY (logs/), half of them with a version below the inventory's baseline.
`ansible-playbook playbooks/drift.yml --check --diff` with the polycom.uc.drift_report callback runs --rounds
times; the loop runs once over --loop-phones of the same phones, with the same callback.
"""
import json
import os
import statistics

from estate import MODEL, ROOT, SHARE_HOST, ansible_playbook, mac_of, phone_rows, timed, write_csv, write_inventory, write_play

DRIFT_PLAYBOOK = os.path.join(ROOT, 'playbooks', 'drift.yml')
LYNC_PLAYBOOK = os.path.join(ROOT, 'playbooks', 'lync.yml')
BASELINE = {'phone': {'minimum': '5.4'}}
OLD, CURRENT = '4.0.1.13681', '5.9.1.1234'  # below and above the baseline's minimum
OFF_BASELINE = ('below_minimum', 'not_exact', 'unknown_model', 'unknown_version')


def firmware_of(index):
    return OLD if index % 2 == 0 else CURRENT


def expected_off(phones):
    return sum(1 for i in range(phones) if firmware_of(i) == OLD)


def upload_logs(share, phones):
    """What every phone uploads after booting: its app log, in the phone's own line format (tests/lab/phone_emulator.py)."""
    logs = os.path.join(share, 'logs')
    os.makedirs(logs, exist_ok=True)
    for index in range(phones):
        with open(os.path.join(logs, '%s-app.log' % mac_of(index)), 'w') as handle:
            handle.write('0101000000|so   |4|00|Phone model: %s, MAC address: %s\n' % (MODEL, mac_of(index)))
            handle.write('0101000000|so   |4|00|Application version: %s\n' % firmware_of(index))
            handle.write('0101000001|cfg  |4|00|Read 000000000000.cfg\n')


def firmware_counts(report_dir):
    """What drift-report.json says of the share's phones, from every source it has (the per-phone entries of
    schema 1 and 2, schema 2's counts per status): {source: (phones compared, phones off the baseline)}."""
    with open(os.path.join(report_dir, 'drift-report.json')) as handle:
        report = json.load(handle)
    hosts = [host for host in report.get('hosts', []) if host.get('name') == SHARE_HOST]
    statuses = {}

    def walk(value):
        if isinstance(value, dict):
            if value.get('status') and value.get('mac_address'):
                statuses[value['mac_address'].lower().replace(':', '')] = value['status']
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(hosts)
    off = sum(1 for status in statuses.values() if status in OFF_BASELINE)
    sources = {'summary.firmware_drift': (None, report.get('summary', {}).get('firmware_drift'))}
    if statuses:
        # schema 2 lists only the phones off the baseline one by one, so the compared count comes from its counts
        sources['per-phone entries'] = (len(statuses) if len(statuses) > off else None, off)
    for host in hosts:
        if isinstance(host.get('firmware_counts'), dict):
            counts = host['firmware_counts']
            sources['firmware_counts'] = (sum(counts.values()), sum(counts.get(status, 0) for status in OFF_BASELINE))
    return sources


def assert_report(report_dir, phones, what):
    """Every phone compared (where the report says so) and exactly the expected ones off the baseline, by every source."""
    for source, (compared, off) in sorted(firmware_counts(report_dir).items()):
        assert compared in (None, phones), '%s, %s: %s phones compared, expected %d' % (what, source, compared, phones)
        assert off == expected_off(phones), '%s, %s: %s phones off the baseline, expected %d' % (what, source, off, expected_off(phones))


def drift_env(report_dir):
    return dict(ANSIBLE_CALLBACKS_ENABLED='polycom.uc.drift_report', POLYCOM_DRIFT_REPORT_DIR=report_dir)


def drift_runs(workdir, inventory, phones, rounds):
    report_dir = os.path.join(workdir, 'drift-report')
    times = []
    for index in range(rounds):
        print('drift round %d/%d: drift.yml --check --diff (%d phones with logs)' % (index + 1, rounds, phones), flush=True)
        run = ansible_playbook(DRIFT_PLAYBOOK, inventory, '--check', '--diff', **drift_env(report_dir))
        assert run.host()['failed'] == 0, run.recap
        assert_report(report_dir, phones, 'drift.yml report')
        times.append(run.elapsed)
    return times


def firmware_check_loop(workdir, inventory, phones):
    """The per-phone alternative: one firmware_check run per phone, on the devices the share's logs describe."""
    devices = [dict(family='phone', model=MODEL, mac_address=mac_of(i), firmware_version=firmware_of(i)) for i in range(phones)]
    task = {'name': 'Compare the firmware of every phone with the baseline',
            'polycom.uc.firmware_check': {'device': '{{ item }}', 'baseline': '{{ polycom_firmware_baseline }}'},
            'loop': devices, 'loop_control': {'label': '{{ item.mac_address }}'}}
    report_dir = os.path.join(workdir, 'loop-report')
    run = ansible_playbook(write_play(os.path.join(workdir, 'firmware-loop.yml'), [task]), inventory, '--check', '--diff', **drift_env(report_dir))
    assert_report(report_dir, phones, 'firmware_check loop report')
    return run.elapsed


def run(args, workdir, table):
    """Add the drift rows to table."""
    share = os.path.join(workdir, 'drift-share')
    csv_path = os.path.join(workdir, 'drift-phones.csv')
    inventory = write_inventory(os.path.join(workdir, 'drift-inventory'), share, csv_path, polycom_firmware_baseline=BASELINE)
    write_csv(csv_path, phone_rows(args.phones))
    print('drift: writing the share with lync.yml and %d phone logs' % args.phones, flush=True)
    ansible_playbook(LYNC_PLAYBOOK, inventory)
    upload_logs(share, args.phones)
    times = drift_runs(workdir, inventory, args.phones, args.rounds)
    loop_phones = min(args.loop_phones, args.phones)
    print('firmware_check loop: %d phones' % loop_phones, flush=True)
    loop = firmware_check_loop(workdir, inventory, loop_phones)

    table.add('drift.yml --check --diff + drift_report, %d phones with logs, half off baseline' % args.phones, timed(times), '<= 15 s',
              statistics.median(times) <= 15)
    per_drift = statistics.median(times) / args.phones
    per_loop = loop / loop_phones
    table.add('polycom.uc.firmware_check loop, %d phones' % loop_phones, '%.1f s = %.1f ms/phone' % (loop, per_loop * 1000))
    table.add('per phone: drift.yml vs firmware_check loop', '%.2f ms vs %.1f ms = %.0fx' % (per_drift * 1000, per_loop * 1000, per_loop / per_drift))
