"""A firmware rollout through playbooks/firmware.yml with the lab's REST phones: the stage's phones are safe-restarted in
waves, each must report the target version over REST (device/info) before the next wave and the next group start."""
import base64
import http.client
import json
import os
import ssl

import pytest

from conftest import ROOT
from drift_helpers import LAB_PHONE_PASSWORD
from firmware_lab import snapshot
from phone_emulator import make_package  # tests/lab is on sys.path (conftest)
from test_phone_reload import LYNC, MACS, Reload
from test_share_boot import ShareFixture

FIRMWARE = os.path.join(ROOT, 'playbooks', 'firmware.yml')
# Part numbers of the lab's Lync phones' models (poly_py_tools model_meta), written independently of the collection.
PARTS = {'VVX500': '3111-44500-001', 'VVX410': '3111-46162-001', 'VVX1500': '2345-17960-001', 'SPIP650': '2345-12600-001',
         'SSIP5000': '3111-30900-001'}
NEW = '5.9.8.4000'
FACTORY = {'vvx-reception': '5.9.7.3480', 'vvx-office': '5.4.1.18027'}  # tests/lab/lab.json
RESTART = "Safe-restart the wave's REST phones (check mode says which, restarts none)"
TO_RESTART = "The stage's REST phones that do not run the target"
CHANGING = 'Phones of the stage that change version, from what to what (REST phones are restarted, the others boot it by themselves)'
VERIFIED = 'Every phone of the wave reports the target version'


class Waves(Reload):
    def __init__(self, running_lab, workdir):
        self.share_lab = ShareFixture(running_lab, workdir)  # an empty share: no image or pilot master of an earlier test
        super(Waves, self).__init__(running_lab, workdir)
        self.share = running_lab.read_state()['services']['share']['root']

    def package(self, broken_model=None):
        path = make_package(os.path.join(self.workdir, 'uc-%s' % NEW), NEW, sorted(PARTS.values()))
        if broken_model:  # passes the collection's image check (binary, 4 KiB) but is no image the phone can boot
            with open(os.path.join(path, '%s.sip.ld' % PARTS[broken_model]), 'wb') as handle:
                handle.write(bytes(range(256)) * 16)
        return path

    def firmware(self, stage, pilot, package, check=False, **more):
        extra = dict(firmware_stage=stage, firmware_package=package, firmware_version=NEW, firmware_pilot=pilot,
                     firmware_restart_timeout=30, firmware_registration_timeout=10)
        extra.update(more)
        return self.run(FIRMWARE, check=check, extra_vars=extra)

    def device_info(self, name):
        """The version the phone reports over REST, read straight from the emulator (no module in between)."""
        context = ssl.create_default_context(cafile=self.lab.ca)
        conn = http.client.HTTPSConnection('127.0.0.1', self.rest.phones[name]['port'], timeout=10, context=context)
        token = base64.b64encode(('Polycom:%s' % LAB_PHONE_PASSWORD).encode('ascii')).decode('ascii')
        try:
            conn.request('GET', '/api/v1/mgmt/device/info', headers={'Authorization': 'Basic ' + token})
            return json.loads(conn.getresponse().read().decode('utf-8'))['data']['FirmwareRelease']
        finally:
            conn.close()

    def versions(self):
        return dict((name, self.device_info(name)) for name in MACS)


def restarted(run):
    """Phone names the restart task reports per wave, in order (check mode: the ones it would restart)."""
    return [p['name'] for r in run.results if r['task'] == RESTART for p in r['result'].get('phones', [])]


@pytest.fixture
def waves(running_lab, tmp_path):
    lab = Waves(running_lab, str(tmp_path))
    converge = lab.run(LYNC)
    assert converge.rc == 0, converge.output[-3000:]
    lab.reset_stats()
    yield lab
    for name in MACS:
        lab.rest.control(name, 'DELETE', '/_lab/faults')


def test_the_pilot_restarts_and_reports_the_new_version_then_the_rest_and_second_runs_restart_none(waves):
    package = waves.package()
    pilot = [MACS['vvx-office']]
    assert waves.versions() == FACTORY
    before = snapshot(waves.share)
    check = waves.firmware('pilot', pilot, package, check=True)
    assert check.rc == 0, check.output[-3000:]
    assert snapshot(waves.share) == before, 'check mode writes nothing'
    assert restarted(check) == ['vvx-office'] and waves.restarts() == {'vvx-reception': 0, 'vvx-office': 0}
    assert check.task(CHANGING, 'share')['msg'] == ['vvx-office %s: %s -> %s (restart)' % (MACS['vvx-office'], FACTORY['vvx-office'], NEW)]

    real = waves.firmware('pilot', pilot, package)
    assert real.rc == 0, real.output[-3000:]
    assert restarted(real) == restarted(check) and real.task(CHANGING, 'share') == check.task(CHANGING, 'share')
    assert waves.versions() == {'vvx-reception': FACTORY['vvx-reception'], 'vvx-office': NEW}
    assert waves.restarts() == {'vvx-reception': 0, 'vvx-office': 1}, 'the rest is untouched'
    assert real.task(VERIFIED, 'share')['msg'] == 'All assertions passed'

    again = waves.firmware('pilot', pilot, package)
    assert again.rc == 0 and again.changed('share') == 0, again.output[-3000:]
    assert restarted(again) == [] and waves.restarts() == {'vvx-reception': 0, 'vvx-office': 1}

    # the next group: the pilot runs the target, so the rest starts; every other phone's master names the new image
    check_rest = waves.firmware('rest', pilot, package, check=True)
    assert check_rest.rc == 0, check_rest.output[-3000:]
    lines = check_rest.task(CHANGING, 'share')['msg']
    assert lines[0] == 'vvx-reception %s: %s -> %s (restart)' % (MACS['vvx-reception'], FACTORY['vvx-reception'], NEW)
    assert len(lines) == 7 and all(line.endswith('no log -> %s (no REST: at its next boot)' % NEW) for line in lines[1:]), lines
    assert restarted(check_rest) == ['vvx-reception'] and waves.restarts() == {'vvx-reception': 0, 'vvx-office': 1}
    rest = waves.firmware('rest', pilot, package)
    assert rest.rc == 0, rest.output[-3000:]
    assert waves.versions() == {'vvx-reception': NEW, 'vvx-office': NEW}
    assert waves.restarts() == {'vvx-reception': 1, 'vvx-office': 1}, 'the pilot is not restarted again'
    with open(os.path.join(waves.share, '000000000000.cfg')) as handle:
        assert 'firmware/%s/%s.sip.ld' % (NEW, PARTS['VVX500']) in handle.read()
    final = waves.firmware('rest', pilot, package)
    assert final.rc == 0 and final.changed('share') == 0 and restarted(final) == [], final.output[-3000:]
    assert waves.restarts() == {'vvx-reception': 1, 'vvx-office': 1}


def test_a_phone_back_on_its_old_version_stops_the_wave_and_the_next_group_is_not_started(waves):
    package = waves.package(broken_model='VVX410')  # vvx-office (VVX 410) keeps its firmware, logging why
    pilot = [MACS['vvx-reception'], MACS['vvx-office']]
    run = waves.firmware('pilot', pilot, package, firmware_batch_size=1)
    assert run.rc != 0
    # waves in the order of the inventory group (vvx-office, vvx-reception): the first wave fails, the second never starts
    assert 'vvx-office (%s) runs %s, expected %s' % (MACS['vvx-office'], FACTORY['vvx-office'], NEW) in run.output, run.output[-3000:]
    assert 'the rollout stops here, not restarted: vvx-reception' in run.output
    assert restarted(run) == ['vvx-office']
    assert waves.restarts() == {'vvx-reception': 0, 'vvx-office': 1}
    assert waves.versions() == FACTORY
    with open(os.path.join(waves.share, 'logs', '%s-boot.log' % MACS['vvx-office'])) as handle:
        assert 'is not a UC Software image: keeping application %s' % FACTORY['vvx-office'] in handle.read()
    with open(os.path.join(waves.share, '000000000000.cfg')) as handle:
        generic = handle.read()

    for check in (True, False):  # check mode refuses the same way
        blocked = waves.firmware('rest', pilot, package, check=check)
        assert blocked.rc != 0
        assert 'stage rest not started: pilot %s runs %s, expected %s; %s runs %s, expected %s' % (
            MACS['vvx-reception'], FACTORY['vvx-reception'], NEW, MACS['vvx-office'], FACTORY['vvx-office'], NEW) in blocked.output, blocked.output[-3000:]
    with open(os.path.join(waves.share, '000000000000.cfg')) as handle:
        assert handle.read() == generic, 'the rest stays on its version'
    assert waves.restarts() == {'vvx-reception': 0, 'vvx-office': 1}


def test_a_pilot_phone_without_rest_is_verified_by_its_uploaded_log_before_the_rest_starts(waves):
    package = waves.package()
    desk = '0004f2a0b001'  # a VVX 500 of the lab's Lync phones that has no REST API (UC Software 4.0.1)
    pilot = [MACS['vvx-office'], desk]
    run = waves.firmware('pilot', pilot, package)
    assert run.rc == 0, run.output[-3000:]
    assert restarted(run) == ['vvx-office'], 'a phone without REST cannot be told'
    assert '%s: no log -> %s (no REST: at its next boot)' % (desk, NEW) in run.task(CHANGING, 'share')['msg']
    blocked = waves.firmware('rest', pilot, package)
    assert blocked.rc != 0 and 'stage rest not started: pilot %s runs no version (no log), expected %s' % (desk, NEW) in blocked.output, blocked.output[-3000:]
    assert waves.restarts() == {'vvx-reception': 0, 'vvx-office': 1}

    booted = waves.share_lab.boot(desk, model='VVX500', login=('desk', 'Lync-Pw-9', 'LAB'))  # the phone boots by itself
    assert booted['firmware_version'] == NEW and booted['master'] == '%s.cfg' % desk, booted['boot_log']
    rest = waves.firmware('rest', pilot, package)
    assert rest.rc == 0, rest.output[-3000:]
    assert restarted(rest) == ['vvx-reception'] and waves.versions() == {'vvx-reception': NEW, 'vvx-office': NEW}


def test_a_bad_stage_is_refused_before_anything_is_written(waves):
    before = snapshot(waves.share)
    run = waves.firmware('everyone', [], waves.package())
    assert run.rc != 0 and 'firmware_stage: everyone is not allowed (allowed: pilot, rest)' in run.output
    assert snapshot(waves.share) == before and waves.restarts() == {'vvx-reception': 0, 'vvx-office': 0}
