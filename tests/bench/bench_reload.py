"""Benchmark (not a test): what a user runs to change the shared file of --rest-phones emulated REST phones and have them
reload it - the shipped playbooks/lync.yml (role as shipped, reload on by default: polycom.uc.ucs_phone_restart in waves of
--wave, lync_provisioning_reload_batch_size) - against doing the same by hand: lync.yml with lync_provisioning_reload: false,
then the obvious ansible.builtin.uri play (serial: --wave, forks --wave): device/info, safeRestart, device/info until the
phone answers again, lineInfo until line 1 is registered. Part of `make bench` (bench_estate.py --only reload runs only this).

Its own lab (tests/lab/lab.py) on ports shifted by 20700 (or the next offset of PORT_OFFSETS): the share and --rest-phones
bulk REST phones (restart_seconds --restart-seconds, users' Lync credentials entered at every phone), the share written by
playbooks/lync.yml for their MACs; the REST phones are hosts of ucs_rest_phones with ucs_phone_mac/_port/_password/_ca_path,
as docs/lync.md asks. Each timed run changes a parameter of the shared file (extra vars), and must leave the shared file
changed and every phone restarted exactly once more and registered (the lab's counters), or there is no figure.
"""
import json
import os
import ssl
import sys
import urllib.request

from estate import ROOT, ansible_playbook, write_csv, write_inventory, write_play

sys.path.insert(0, os.path.join(ROOT, 'tests', 'lab'))
from lab import Lab, LabError  # noqa: E402 pylint: disable=wrong-import-position

PASSWORD = 'Bench-Phone-Rest-1'
PORT_OFFSETS = (20700, 21700, 22700)  # below Linux's ephemeral ports (32768-), beside molecule's 20000
MAC_PREFIX = '0004f2c0'
LYNC_PLAYBOOK = os.path.join(ROOT, 'playbooks', 'lync.yml')
SHARED_PARAM = 'pres.idleTimeout.offHours.period'  # in the shared file only (the per-phone files set officeHours)


def lab_config(count, restart_seconds):
    with open(os.path.join(ROOT, 'tests', 'lab', 'lab.json')) as handle:
        config = json.load(handle)
    rest = dict(user='Polycom', password=PASSWORD, protocol='ftp', restart_seconds=restart_seconds, phones=[],
                login_credentials=['bench', 'Bench-Lync-1', 'BENCH'],
                bulk=dict(count=count, base_port=9600, mac_prefix=MAC_PREFIX, model='VVX 500', firmware='5.9.7.3480'))
    return dict(host=config['host'], ca=config['ca'], defaults=config['defaults'], devices=[], share=config['share'], phone_rest=rest)


def bulk_macs(count):
    return ['%s%04x' % (MAC_PREFIX, index) for index in range(1, count + 1)]


def lab_counts(state):
    """{phone: (restarts, line 1 registered)} from every REST phone's /_lab/stats and /_lab/state."""
    context = ssl.create_default_context(cafile=state['ca'])
    found = {}
    for name, phone in state['services']['phone_rest']['phones'].items():
        base = 'https://%s:%d/_lab/' % (state['host'], phone['port'])
        with urllib.request.urlopen(base + 'stats', context=context, timeout=10) as answer:
            restarts = json.loads(answer.read().decode())['restarts']
        with urllib.request.urlopen(base + 'state', context=context, timeout=10) as answer:
            registered = json.loads(answer.read().decode())['line1_registered']
        found[name] = (restarts, registered)
    return found


def phones_inventory(directory, state, ca):
    """The REST phones as inventory hosts of ucs_rest_phones, as the role reads them (and the uri play uses them)."""
    os.makedirs(directory)
    hosts = {}
    for name, phone in sorted(state['services']['phone_rest']['phones'].items()):
        hosts[name] = dict(ansible_host=state['host'], ucs_phone_port=phone['port'], ucs_phone_mac=phone['mac'])
    group_vars = dict(ucs_phone_password=PASSWORD, ucs_phone_ca_path=ca, ansible_connection='local', ansible_python_interpreter=sys.executable)
    with open(os.path.join(directory, 'hosts.yml'), 'w') as handle:
        json.dump({'all': {'vars': {'ca': ca}, 'children': {'ucs_rest_phones': {'hosts': hosts, 'vars': group_vars}}}}, handle)
    return os.path.join(directory, 'hosts.yml')


def uri_play(path, wave):
    """What an admin writes with ansible.builtin.uri: the same calls, per phone host, serial waves."""
    base = 'https://{{ ansible_host }}:{{ ucs_phone_port }}/api/v1/mgmt/'
    common = dict(url_username='Polycom', url_password=PASSWORD, force_basic_auth=True, ca_path='{{ ca }}', timeout=5)
    tasks = [
        {'name': 'identity', 'ansible.builtin.uri': dict(common, url=base + 'device/info'), 'register': 'info',
         'failed_when': "info.json.data.MACAddress != ucs_phone_mac"},
        {'name': 'safe restart', 'ansible.builtin.uri': dict(common, url=base + 'safeRestart', method='POST')},
        {'name': 'let it go away', 'ansible.builtin.pause': {'seconds': 1}},
        {'name': 'back', 'ansible.builtin.uri': dict(common, url=base + 'device/info'), 'register': 'back',
         'until': 'back.status == 200', 'retries': 120, 'delay': 1},
        {'name': 'line 1', 'ansible.builtin.uri': dict(common, url=base + 'lineInfo'), 'register': 'lines',
         'until': "lines.json.data[0].RegistrationStatus == 'registered'", 'retries': 60, 'delay': 1},
    ]
    return write_play(path, tasks, hosts='ucs_rest_phones', serial=wave, max_fail_percentage=0)


def provision_share(workdir, share_root, count):
    """The share as lync.yml writes it for the phones' MACs (no REST phones in this inventory: nothing restarts)."""
    csv_path = os.path.join(workdir, 'phones.csv')
    write_csv(csv_path, [dict(mac=mac, address='sip:rest%04d@bench.example.com' % i, model='VVX500', period=15)
                         for i, mac in enumerate(bulk_macs(count), 1)])
    inventory = write_inventory(os.path.join(workdir, 'share-inventory'), share_root, csv_path)
    ansible_playbook(LYNC_PLAYBOOK, inventory)
    return inventory


def shared_change(workdir, period, wave, reload=True):
    """Extra vars: another value of a parameter of the shared file (every phone reads it), the waves, reload on or off."""
    path = os.path.join(workdir, 'shared-%d.json' % period)
    with open(path, 'w') as handle:
        json.dump(dict(lync_provisioning_shared_params={SHARED_PARAM: period}, lync_provisioning_reload_batch_size=wave,
                       lync_provisioning_reload=reload), handle)
    return '@' + path


def assert_restarted(lab, expected_restarts):
    counts = lab_counts(lab.read_state())
    wrong = [name for name, (restarts, registered) in counts.items() if restarts != expected_restarts or not registered]
    assert not wrong, 'not restarted exactly once more and registered: %s' % wrong[:10]


def timed_lync(share_root, inventories, extra_vars):
    """lync.yml on the share host and the REST phones' inventory; the shared file must change."""
    shared = os.path.join(share_root, 'lync-shared.cfg')
    with open(shared, 'rb') as handle:
        before = handle.read()
    run = ansible_playbook(LYNC_PLAYBOOK, inventories[0], '-i', inventories[1], '-e', extra_vars)
    assert run.host()['changed'] >= 1, run.recap
    with open(shared, 'rb') as handle:
        assert handle.read() != before, 'the shared file did not change'
    return run


def start_lab(workdir, config):
    for attempt, offset in enumerate(PORT_OFFSETS):
        lab = Lab(os.path.join(workdir, 'lab-%d' % offset), config, port_offset=offset)
        try:
            lab.start()
            return lab
        except LabError:
            lab.stop()
            if attempt == len(PORT_OFFSETS) - 1:
                raise
    return None


def run(args, workdir, table):
    count, wave = args.rest_phones, args.wave
    lab = start_lab(workdir, lab_config(count, args.restart_seconds))
    try:
        state = lab.read_state()
        share_root = os.path.join(lab.state_dir, 'share')
        inventories = (provision_share(workdir, share_root, count), phones_inventory(os.path.join(workdir, 'phones'), state, state['ca']))
        print('reload: lync.yml changing the shared file of %d REST phones, reload on (waves of %d)' % (count, wave), flush=True)
        role = timed_lync(share_root, inventories, shared_change(workdir, 20, wave))
        assert_restarted(lab, 1)
        print('reload: lync.yml with reload off, then the uri play (serial %d, forks %d)' % (wave, wave), flush=True)
        unreloaded = timed_lync(share_root, inventories, shared_change(workdir, 25, wave, reload=False))
        assert_restarted(lab, 1)  # reload off restarts nothing
        uri = ansible_playbook(uri_play(os.path.join(workdir, 'uri.yml'), wave), inventories[1], ANSIBLE_FORKS=str(wave))
        assert_restarted(lab, 2)
    finally:
        lab.stop()
    by_hand = unreloaded.elapsed + uri.elapsed
    table.add('change the shared file of %d emulated REST phones and reload them in waves of %d (restart %.1f s): lync.yml '
              '(reload on, as shipped) vs lync.yml reload off + an ansible.builtin.uri play (serial %d, forks %d)'
              % (count, wave, args.restart_seconds, wave, wave),
              '%.2f s vs %.2f s (%.2f s + %.2f s) = %.1fx' % (role.elapsed, by_hand, unreloaded.elapsed, uri.elapsed, by_hand / role.elapsed))
