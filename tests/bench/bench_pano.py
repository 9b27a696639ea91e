"""Benchmark (not a test): HTTP requests per Pano and pano_info against a plain uri GET, on 20 lab devices.

    make bench            # or: .venv/bin/python tests/bench/bench_pano.py [--devices 20] [--rounds 3]

Prints requests and writes per device for a no-change run and a run that changes several settings,
and the wall time of a pano_info task against an ansible.builtin.uri GET of /rest/system on the same
devices in the same playbook (alternating, median of the rounds).
"""
import argparse
import json
import os
import statistics
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'functional'))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'lab'))

from conftest import LabFixture  # noqa: E402 pylint: disable=wrong-import-position
from lab import Lab  # noqa: E402 pylint: disable=wrong-import-position

PORT_OFFSET = 30000
SETTINGS = {'initial_password': '{{ pano_serial[-6:] }}', 'general': {'room_name': 'Bench {{ inventory_hostname }}', 'country': 'DE'},
            'date_time': {'time_format': '24h', 'time_zone': 'Europe/Berlin'}, 'monitor': {'mode': 'manual', 'resolution': '3840x2160p30'}}
CHANGES = {'general': {'room_name': 'Bench 2 {{ inventory_hostname }}'}, 'date_time': {'time_format': '12h'},
           'security': {'security_code': False}, 'monitor': {'mode': 'manual', 'resolution': '1920x1080p60'}}


def per_device(bench, hosts):
    stats = [bench.stats(host) for host in hosts]
    return dict(requests_max=max(s['requests'] for s in stats), requests_mean=statistics.mean(s['requests'] for s in stats),
                writes_max=max(s['config_writes'] for s in stats), writes_min=min(s['config_writes'] for s in stats))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--devices', type=int, default=20)
    parser.add_argument('--rounds', type=int, default=3)
    args = parser.parse_args()
    with open(os.path.join(ROOT, 'tests', 'lab', 'lab.json')) as handle:
        config = json.load(handle)
    config['devices'] = []
    config['pano_bulk']['count'] = args.devices
    workdir = tempfile.mkdtemp(prefix='bench-pano-')
    with Lab(os.path.join(workdir, 'lab'), config, port_offset=PORT_OFFSET) as lab:
        bench = LabFixture(lab, workdir)
        hosts = bench.hosts
        converge = bench.play([{'name': 'settings', 'polycom.uc.pano_settings': SETTINGS}])
        assert converge.rc == 0, converge.output[-2000:]

        bench.reset_stats()
        assert bench.play([{'name': 'settings', 'polycom.uc.pano_settings': SETTINGS}]).changed() == 0
        no_change = per_device(bench, hosts)

        bench.reset_stats()
        changed = dict(SETTINGS, **CHANGES)
        assert bench.play([{'name': 'settings', 'polycom.uc.pano_settings': changed}]).changed() == len(hosts)
        several = per_device(bench, hosts)

        tasks = []
        for index in range(args.rounds):
            tasks.append({'name': 'uri %d' % index, 'ansible.builtin.uri': {
                'url': 'https://127.0.0.1:{{ pano_port }}/rest/system', 'ca_path': '{{ pano_ca_path }}', 'status_code': [200, 401]}})
            tasks.append({'name': 'info %d' % index, 'polycom.uc.pano_info': {}})
        timing = bench.play(tasks)
        assert timing.rc == 0, timing.output[-2000:]
    uri = statistics.median(timing.timings['uri %d' % i] for i in range(args.rounds))
    info = statistics.median(timing.timings['info %d' % i] for i in range(args.rounds))

    print('Pano benchmark, %d emulated devices (forks=20, %d rounds)' % (len(hosts), args.rounds))
    print('  no-change run:      requests/device max %(requests_max)d (mean %(requests_mean).1f), writes/device max %(writes_max)d' % no_change)
    print('  several changes:    requests/device max %(requests_max)d (mean %(requests_mean).1f), writes/device %(writes_min)d..%(writes_max)d'
          % several)
    print('  pano_info task:     %.2f s   (login, GET /rest/system, logout)' % info)
    print('  uri GET task:       %.2f s   (one unauthenticated GET)' % uri)
    print('  ratio pano_info/uri: %.2fx (target <= 1.5x)' % (info / uri))


if __name__ == '__main__':
    main()
