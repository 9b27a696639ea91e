"""playbooks/drift.yml with the polycom.uc.drift_report callback against the lab: what drifts, what is reported, exit codes."""
import os

import pytest

from drift_helpers import (
    DRIFT_PLAYBOOK, LAB_PANO_PASSWORD, LAB_PHONE_PASSWORD, SITE_PLAYBOOK, PhoneLab, inventory_ports, lab_inventory, run_playbook,
    validate,
)
from drift_helpers import clear_phone_logs, drift_hosts, upload_phone_log

# A baseline every lab device meets (the lab inventory's own one flags pano-boardroom, which runs 1.0.0.46).
PASSING_BASELINE = {'pano': {'minimum': '1.0'}, 'group_series': {'minimum': '6.0'},
                    'phone': {'minimum': '5.4', 'models': {'VVX 500': {'exact': '5.9.7'}}}}


class Drift(object):
    def __init__(self, lab, workdir):
        self.lab, self.workdir = lab, workdir
        self.phones = PhoneLab(lab.lab)
        self.phones.factory()
        clear_phone_logs(lab.lab)
        self.share = os.path.join(lab.lab.state_dir, 'share')
        self.inventory = lab_inventory(lab.lab, workdir)
        ports = inventory_ports(self.inventory)
        by_port = dict((device['port'], name) for name, device in lab.lab.devices.items())
        self.device = dict((host, by_port[port]) for host, port in ports.items() if port in by_port)
        self.hosts = drift_hosts(self.inventory)
        self.panos = [host for host in self.hosts if host in self.device]

    def converge(self):
        run = run_playbook(SITE_PLAYBOOK, self.inventory, self.workdir, report=False)
        assert run.rc == 0, run.output[-3000:]
        self.lab.reset_stats()
        for phone in self.phones.phones:
            self.phones.control(phone, 'POST', '/_lab/stats/reset')

    def drift(self, **kwargs):
        return run_playbook(DRIFT_PLAYBOOK, self.inventory, self.workdir, check=True, diff=True, **kwargs)

    def assert_nothing_written(self):
        for host in self.panos:
            stats = self.lab.stats(self.device[host])
            assert stats['config_writes'] == 0 and stats['active_sessions'] == 0, (host, stats)


@pytest.fixture
def drift(lab, tmp_path):
    yield Drift(lab, str(tmp_path))
    clear_phone_logs(lab.lab)


def test_no_drift_right_after_a_converge(drift):
    drift.converge()
    run = drift.drift(extra_vars={'polycom_firmware_baseline': PASSING_BASELINE}, env={'POLYCOM_DRIFT_REPORT_FAIL': 'true'})
    assert run.rc == 0, run.output[-3000:]
    report = run.report
    validate(report)
    hosts = len(drift.hosts)
    assert report['summary'] == dict(hosts=hosts, hosts_with_drift=0, hosts_failed=0, changes=0, firmware_drift=0, drift=False)
    assert report['check_mode'] is True and report['playbooks'] == ['drift.yml']
    assert [h['name'] for h in report['hosts']] == drift.hosts, 'localhost only keeps books'
    assert {'pano-huddle-1', 'pano-boardroom', 'vvx-reception', 'vvx-office'} <= set(drift.hosts)
    for host in report['hosts']:
        devices = 0 if host['name'] == 'share' else 1  # the share reports the phones that uploaded a log: none yet
        assert host['status'] == 'ok' and host['changes'] == [] and [f['status'] for f in host['firmware']] == ['ok'] * devices
    assert run.host('vvx-reception')['firmware'][0]['rule'] == 'exact'
    assert '**0 of %d hosts drift**' % hosts in run.markdown
    drift.assert_nothing_written()

    # the lab inventory's own baseline: after a converge, the only drift is old firmware (pano-boardroom, gs-training)
    own = drift.drift()
    assert own.rc == 0, own.output[-3000:]
    validate(own.report)
    assert sorted(h['name'] for h in own.report['hosts'] if h['status'] != 'ok') == ['gs-training', 'pano-boardroom']
    assert own.report['summary']['changes'] == 0 and own.report['summary']['firmware_drift'] == 2
    assert own.host('gs-training')['device']['model'] == 'RealPresence Group 500'
    assert own.host('pano-boardroom')['device']['model'] == 'Polycom Pano', 'a Pano, not the video system its room pairing reads'
    boardroom = own.host('pano-boardroom')
    assert boardroom['status'] == 'drift' and boardroom['changes'] == []
    assert boardroom['firmware'][0]['status'] == 'below_minimum'
    assert (boardroom['firmware'][0]['actual'], boardroom['firmware'][0]['expected']) == ('1.0.0.46', '1.1.2')
    assert '- Firmware **below_minimum** (Polycom Pano 00e0dbf4e5d6): runs 1.0.0.46, baseline minimum 1.1.2 (pano)' in own.markdown


def test_changes_behind_ansibles_back_and_old_firmware_are_drift(drift):
    drift.converge()
    drift.lab.control(drift.device['pano-huddle-1'], 'POST', '/_lab/state',
                      {'vars': {'system.info.roomname': 'Borrowed by Sales', 'monitor.mode': 'manual'}})
    drift.lab.control(drift.device['pano-boardroom'], 'POST', '/_lab/state', {'pairing_state': 'UNPAIRED'})
    drift.phones.set_state('vvx-reception', firmware='5.8.0.12345')
    phone_file = os.path.join(drift.share, '0004f2a0b002-lync.cfg')
    with open(phone_file) as handle:
        text = handle.read()
    assert 'reg.1.address="sip:jsmith@lab.example.com"' in text
    with open(phone_file, 'w') as handle:
        handle.write(text.replace('sip:jsmith@lab.example.com"', 'sip:intruder@lab.example.com"', 1))
    upload_phone_log(drift.lab.lab, '0004f2a0b001', 'VVX500', '4.0.1.13681')

    run = drift.drift(extra_vars={'polycom_firmware_baseline': PASSING_BASELINE, 'polycom_drift_report_fail_on_drift': True})
    assert run.rc == 3, run.output[-3000:]
    assert 'drift found and fail_on_drift is set: exit code 3' in run.output
    report = run.report
    validate(report)
    assert sorted(h['name'] for h in report['hosts'] if h['status'] != 'ok') == ['pano-boardroom', 'pano-huddle-1', 'share', 'vvx-reception']
    assert report['summary'] == dict(hosts=len(drift.hosts), hosts_with_drift=4, hosts_failed=0, changes=3, firmware_drift=2, drift=True)

    # a Pano setting changed on the device
    huddle = run.host('pano-huddle-1')
    assert len(huddle['changes']) == 1
    change = huddle['changes'][0]
    assert change['action'] == 'polycom.uc.pano_settings' and change['role'] == 'polycom.uc.pano' and change['kind'] == 'settings'
    assert change['items'] == [{'path': 'general.room_name', 'before': 'Borrowed by Sales', 'after': 'Huddle 1 (2nd floor)'}], \
        'monitor.mode is not managed for this host, so it is no drift'
    assert '| general.room_name | `Borrowed by Sales` | `Huddle 1 (2nd floor)` |' in run.markdown

    # a room whose Pano was unpaired
    pairing = run.host('pano-boardroom')['changes']
    assert [(c['action'], c['role']) for c in pairing] == [('polycom.uc.pano_pairing', 'polycom.uc.room_pairing')]
    assert {'path': 'state', 'before': 'unpaired', 'after': 'paired'} in pairing[0]['items']

    # a phone's file edited on the provisioning share, and a phone's log with old firmware
    share = run.host('share')
    assert [(c['action'], c['kind']) for c in share['changes']] == [('polycom.uc.lync_files', 'file')]
    diff = share['changes'][0]['diffs'][0]
    assert diff['path'].endswith('0004f2a0b002-lync.cfg')
    assert '-    reg.1.address="sip:intruder@lab.example.com"' in diff['diff'] and '+    reg.1.address="sip:jsmith@lab.example.com"' in diff['diff']
    assert [(f['mac_address'], f['actual'], f['status']) for f in share['firmware']] == [('0004f2a0b001', '4.0.1.13681', 'not_exact')]
    assert '```diff' in run.markdown

    # a phone whose firmware changed (REST API)
    phone = run.host('vvx-reception')
    assert phone['status'] == 'drift' and phone['changes'] == []
    assert phone['device'] == {'family': 'phone', 'model': 'VVX 500', 'serial': '0004f2e0a501', 'mac_address': '0004f2e0a501',
                               'firmware_version': '5.8.0.12345'}
    assert phone['firmware'][0]['status'] == 'not_exact' and phone['firmware'][0]['baseline'] == 'phone.models.VVX 500'
    assert 'Firmware **not_exact** (VVX 500 0004f2e0a501): runs 5.8.0.12345, baseline exactly 5.9.7 (phone.models.VVX 500)' in run.markdown

    # a drift report never changes anything, and check mode was forced on the roles anyway
    drift.assert_nothing_written()
    assert drift.lab.state(drift.device['pano-huddle-1'])['vars']['system.info.roomname'] == 'Borrowed by Sales'
    assert drift.lab.state(drift.device['pano-boardroom'])['pairing_state'] == 'UNPAIRED'
    with open(phone_file) as handle:
        assert 'sip:intruder@lab.example.com' in handle.read()


def test_secrets_never_reach_the_report_and_failed_hosts_keep_their_exit_code(drift):
    drift.converge()
    new_password, cloud_password = 'Next-Admin-Pw-77#', 'Cloud-Secret-99!'
    host_settings = {'local_account': {'password': new_password},
                     'cloud': {'registered': True, 'email': 'av@example.com', 'password': cloud_password}}
    drift.phones.set_state('vvx-office', api_enabled=False)
    # without --check: drift.yml forces check mode on its roles, so this run changes nothing either
    run = run_playbook(DRIFT_PLAYBOOK, drift.inventory, drift.workdir, extra_vars={'pano_settings_host': host_settings},
                       env={'POLYCOM_DRIFT_REPORT_FAIL': '1'}, verbosity=3)
    assert run.rc == 2, 'a failed host, not drift, decides the exit code:\n' + run.output[-3000:]
    report = run.report
    validate(report)
    assert report['check_mode'] is True and report['diff_mode'] is False
    drift.assert_nothing_written()

    items = dict((i['path'], i) for i in run.host('pano-huddle-1')['changes'][0]['items'])
    assert items['local_account.password']['after'] == '<masked: will change>'
    assert items['cloud.password'] == {'path': 'cloud.password', 'before': '<masked>', 'after': '<masked: will change>'}
    assert items['cloud.registered'] == {'path': 'cloud.registered', 'before': False, 'after': True}
    serial_tails = [device['factory_password'] for device in drift.lab.lab.devices.values()]
    texts = [run.markdown, open(os.path.join(run.report_dir, 'drift-report.json')).read()]
    for secret in [LAB_PANO_PASSWORD, LAB_PHONE_PASSWORD, new_password, cloud_password] + serial_tails:
        for text in texts:
            assert secret not in text
    assert cloud_password not in run.output and new_password not in run.output

    office = run.host('vvx-office')
    assert office['status'] == 'failed' and office['device'] is None
    assert office['errors'][0]['kind'] == 'failed' and 'apps.restapi.enabled' in office['errors'][0]['message']
    assert report['summary']['hosts_failed'] == 1 and report['summary']['drift'] is True
    assert '- **failed** in `Read the phone over its REST API`' in run.markdown
