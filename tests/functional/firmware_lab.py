"""Helpers of the firmware tests: fake UC Software packages, the share, and runs of playbooks/firmware.yml."""
import hashlib
import os
import sys

import pytest

from conftest import ROOT, LabFixture
from phone_emulator import make_package  # tests/lab is on sys.path (conftest)
from test_share_boot import ShareFixture

# The lab's models and their part numbers, written from the public sources (poly_py_tools model_meta, the Poly FAQ),
# independently of plugins/module_utils/ucs_firmware.py.
PARTS = {'VVX500': '3111-44500-001', 'SPIP650': '2345-12600-001', 'VVX1500': '2345-17960-001', 'SSIP5000': '3111-30900-001'}
OLD, NEW = '4.0.1.13681', '5.4.0.5841'
PHONES = [
    dict(mac='0004f2f00001', model='VVX500', address='sip:pilot1@bor-ee.com'),
    dict(mac='0004f2f00002', model='VVX500', address='sip:rest2@bor-ee.com'),
    dict(mac='0004f2f00003', model='SPIP650', address='sip:pilot3@bor-ee.com'),
    dict(mac='0004f2f00004', model='VVX1500', address='sip:rest4@bor-ee.com'),
]
PILOT = ['0004f2f00001', '0004f2f00003']
POOL = 'lyncpool.bor-ee.com'


def package(directory, version, models=None, as_zip=False, size=4096, sip_ver=None):
    parts = [PARTS[m] for m in (models or sorted(PARTS))]
    name = 'uc-%s%s' % (version, '.zip' if as_zip else '')
    return make_package(os.path.join(directory, name), version, parts, size=size, as_zip=as_zip, sip_ver=sip_ver)


def snapshot(root):
    """Every file under the share (path -> sha256), to prove a run wrote nothing."""
    found = {}
    for current, _dirs, files in os.walk(root):
        for name in files:
            full = os.path.join(current, name)
            with open(full, 'rb') as handle:
                found[os.path.relpath(full, root)] = hashlib.sha256(handle.read()).hexdigest()
    return found


class FirmwareShare(ShareFixture):
    def firmware_playbook(self, check=False, diff=False, **firmware_vars):
        """playbooks/firmware.yml as shipped, on an inventory whose provisioning host is the lab's share."""
        host_vars = dict(ansible_connection='local', ansible_python_interpreter=sys.executable,
                         lync_provisioning_share_root=self.root, lync_provisioning_pool_address=POOL,
                         lync_provisioning_phones=PHONES)
        host_vars.update(firmware_vars)
        inventory = {'all': {'children': {'provisioning': {'hosts': {'share-host': host_vars}}}}}
        plays = [{'import_playbook': os.path.join(ROOT, 'playbooks', 'firmware.yml')}]
        return LabFixture(self.lab, self.workdir).run_playbook(plays, check=check, diff=diff, inventory=inventory)

    def boot_all(self):
        return dict((p['mac'], self.boot(p['mac'], model=p['model'], firmware=OLD, login=('u', 'p', 'd'))) for p in PHONES)


@pytest.fixture
def fw_share(running_lab, tmp_path):
    return FirmwareShare(running_lab, str(tmp_path))
