"""Helpers of the Lync provisioning tests: a provisioning share in a temporary directory and playbook runs against it.

No device lab is needed (the share host is the controller, connection local); runs go through
LabFixture.run_playbook of conftest.py, so results are recorded the same way as everywhere else.
"""
import os
import stat
import sys
import xml.etree.ElementTree as ET

import pytest

from conftest import LabFixture

ROLE = 'polycom.uc.lync_provisioning'
POOL = 'lyncpool.bor-ee.com'
PEM = u"""-----BEGIN CERTIFICATE-----
MIIBRDCB66ADAgECAgIQkjAKBggqhkjOPQQDAjAhMR8wHQYDVQQDDBZwb2x5Y29t
LnVjIGxhYiBMeW5jIENBMB4XDTI2MDEwMTAwMDAwMFoXDTM1MTIzMDAwMDAwMFow
ITEfMB0GA1UEAwwWcG9seWNvbS51YyBsYWIgTHluYyBDQTBZMBMGByqGSM49AgEG
CCqGSM49AwEHA0IABOzFt8AwEDecXHkuHxeEtZB7fwKRYXonQ1zADiZgMDnueDc7
RbYteCtGVyLUeZSXTkPWOhiJKdhXslKYrggDnHOjEzARMA8GA1UdEwEB/wQFMAMB
Af8wCgYIKoZIzj0EAwIDSAAwRQIgZ2C2P78hrkOYhu6ARO/0Ew1O8AGUfGa2V3T0
GIlzWCMCIQCdPcopg1ubwc17cvdlBk/680ytA+359rHtAFS+R8wclQ==
-----END CERTIFICATE-----"""
MANIFEST = '.polycom-uc-manifest.json'
TEMP_PREFIX = '.polycom-uc-tmp.'


def mac(index):
    return '0004f2b0%04x' % index


def phone(index, **extra):
    row = {'mac': ':'.join(mac(index)[i:i + 2] for i in range(0, 12, 2)).upper(), 'address': 'sip:user%d@bor-ee.com' % index}
    row.update(extra)
    return row


class Share(LabFixture):
    """A share root in the test's directory and the role applied to it."""

    def __init__(self, workdir):  # pylint: disable=super-init-not-called
        self.lab, self.workdir, self.hosts = None, workdir, []
        self.root = os.path.join(workdir, 'share')

    def inventory(self, password=None):
        host = dict(ansible_connection='local', ansible_python_interpreter=sys.executable)
        return {'all': {'children': {'provisioning': {'hosts': {'share': host}}}}}

    def role_vars(self, **overrides):
        values = dict(lync_provisioning_share_root=self.root, lync_provisioning_pool_address=POOL, lync_provisioning_ca_certificate=PEM,
                      lync_provisioning_phones=[phone(i) for i in range(1, 5)])
        values.update(overrides)
        return values

    def apply(self, check=False, diff=False, verbosity=0, env=None, **overrides):
        play = dict(name='lync', hosts='provisioning', gather_facts=False, vars=self.role_vars(**overrides), roles=[ROLE])
        return self.run_playbook([play], check=check, diff=diff, verbosity=verbosity, env=env, inventory=self.inventory())

    def tasks(self, tasks, check=False):
        play = dict(name='lync tasks', hosts='provisioning', gather_facts=False, tasks=tasks)
        return self.run_playbook([play], check=check, inventory=self.inventory())

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def read(self, *parts):
        with open(self.path(*parts), 'rb') as handle:
            return handle.read()

    def params(self, *parts):
        """Every attribute of every element of a file on the share (parsed back with xml.etree)."""
        root = ET.fromstring(self.read(*parts))
        found = {}
        for element in root.iter():
            for name, value in element.attrib.items():
                found.setdefault(name, value)
        return found

    def snapshot(self):
        """path -> (content, mode, mtime_ns, inode) for everything under the root."""
        found = {}
        if not os.path.isdir(self.root):
            return found
        for base, dirs, names in os.walk(self.root):
            for name in dirs + names:
                full = os.path.join(base, name)
                st = os.lstat(full)
                content = None
                if stat.S_ISREG(st.st_mode):
                    with open(full, 'rb') as handle:
                        content = handle.read()
                found[os.path.relpath(full, self.root)] = (content, stat.S_IMODE(st.st_mode), st.st_mtime_ns, st.st_ino)
        return found


def touched(before, after):
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def result_of(run, task='Validate, render, check as the phones will read it, and write the Lync provisioning files'):
    return run.task('polycom.uc.lync_provisioning : ' + task, 'share')


@pytest.fixture
def lync_share(tmp_path):
    return Share(str(tmp_path))
