"""The AWX credential as AWX gives it: jobs through ansible-runner whose environment is the Polycom UC credential type's own
injectors rendered the way AWX renders them (tests/functional/awx_credential.py), against an inventory with no
credentials at all. A filled credential converges the Panos and reads the phones; an empty one, one without passwords
and one with a wrong password fail every host with a message that names the credential's field, never an inventory or
role variable, and never shows a password."""
import os

import ansible_runner
import pytest
import yaml

from awx_credential import render_injectors
from drift_helpers import BIN, LAB_PANO_PASSWORD, LAB_PHONE_PASSWORD, ROOT, PhoneLab, lab_inventory

# Every credential the lab inventory sets (and the role variables that would carry one): none is left in the copy.
CREDENTIAL_VARIABLES = (
    'pano_username', 'pano_password', 'pano_validate_certs', 'pano_ca_path',
    'group_series_username', 'group_series_password', 'group_series_validate_certs', 'group_series_ca_path',
    'ucs_phone_username', 'ucs_phone_password', 'ucs_phone_validate_certs', 'ucs_phone_ca_path',
)
INTERNAL_NAMES = CREDENTIAL_VARIABLES + ('room_pairing_', 'polycom_drift', 'argument_spec', 'Traceback')
LIMIT = 'pano,ucs_rest_phones'
PANOS = ['pano-boardroom', 'pano-huddle-1', 'pano-training']
PHONES = ['vvx-office', 'vvx-reception']
PANO_FIELD = "the Polycom UC credential's 'Pano / Group Series admin password'"
PHONE_FIELD = "the Polycom UC credential's 'Phone REST API password'"
CA_FIELD = "the Polycom UC credential's 'Device CA certificate (PEM)'"


def inventory_without_credentials(lab, directory, keep=()):
    """inventories/lab on the test lab's ports, without any credential (but those in ``keep``). Without keep the rooms
    are left out: the lab's Group Series have an admin password of their own, and one job carries one Polycom UC
    credential, so that password stays in the inventory (docs/awx.md)."""
    target = lab_inventory(lab, directory)
    for folder in ('group_vars', 'host_vars'):
        for name in os.listdir(os.path.join(target, folder)):
            path = os.path.join(target, folder, name)
            with open(path) as handle:
                variables = yaml.safe_load(handle) or {}
            with open(path, 'w') as handle:
                yaml.safe_dump(dict((k, v) for k, v in variables.items() if k in keep or k not in CREDENTIAL_VARIABLES), handle)
    if keep:
        return target
    hosts = os.path.join(target, 'hosts.yml')
    with open(hosts) as handle:
        inventory = yaml.safe_load(handle)
    for host_vars in inventory['all']['children']['pano']['hosts'].values():
        host_vars.pop('room_video_system', None)
        host_vars.pop('room_setup', None)
    with open(hosts, 'w') as handle:
        yaml.safe_dump(inventory, handle)
    return target


class Job(object):
    def __init__(self, runner):
        self.runner = runner
        self.stdout = open(runner.stdout.name).read()

    def results(self, event, action=None):
        return dict((e['event_data']['host'], e['event_data']['res']) for e in self.runner.events
                    if e['event'] == event and e['event_data'].get('res') is not None
                    and action in (None, e['event_data'].get('task_action')))

    def failed(self):
        return dict((host, res.get('msg', '')) for host, res in self.results('runner_on_failed').items())


def job(workdir, ident, playbook, inventory, inputs, cmdline='', limit=LIMIT):
    """One AWX job: its own private data dir, the credential's rendered injectors as its environment."""
    private_data_dir = os.path.join(workdir, 'runner', ident)
    os.makedirs(private_data_dir)
    envvars = render_injectors(inputs, private_data_dir)
    envvars.update({'PATH': BIN + os.pathsep + os.environ.get('PATH', ''), 'ANSIBLE_CONFIG': os.path.join(ROOT, 'ansible.cfg'),
                    'ANSIBLE_COLLECTIONS_PATH': os.path.join(ROOT, '.build', 'collections'), 'ANSIBLE_RETRY_FILES_ENABLED': '0'})
    runner = ansible_runner.run(private_data_dir=private_data_dir, project_dir=ROOT, ident=ident, playbook=playbook,
                                inventory=inventory, envvars=envvars, cmdline=('--limit %s %s' % (limit, cmdline)).strip(),
                                quiet=True, timeout=300)
    return Job(runner)


def assert_refused_naming(workdir, ident, inventory, inputs, expected, secrets=()):
    """drift.yml with ``inputs``, once for the Panos and once for the phones (a play whose hosts all fail ends the run)."""
    for group, hosts in (('pano', PANOS), ('ucs_rest_phones', PHONES)):
        refused = job(workdir, '%s-%s' % (ident, group), 'playbooks/drift.yml', inventory, inputs, '--check', limit=group)
        failed = refused.failed()  # the last: drift.yml's final play fails each host it could not check, with its error
        assert refused.runner.rc != 0 and sorted(failed) == hosts, refused.stdout[-3000:]
        for host, msg in failed.items():
            assert expected[group] in msg, (host, msg)
            for name in INTERNAL_NAMES:
                assert name not in msg, (host, name, msg)
        for secret in secrets:
            assert secret not in refused.stdout


@pytest.fixture
def credential_lab(lab, tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith('POLYCOM_'):
            monkeypatch.delenv(name)
    PhoneLab(lab.lab).factory()
    return lab, inventory_without_credentials(lab.lab, str(tmp_path))


def test_awx_credential_alone_runs_the_estate_and_bad_credentials_name_their_field(credential_lab, tmp_path):
    lab, inventory = credential_lab
    workdir = str(tmp_path)
    with open(lab.lab.ca) as handle:
        ca_cert = handle.read()
    filled = dict(username='admin', password=LAB_PANO_PASSWORD, phone_username='Polycom', phone_password=LAB_PHONE_PASSWORD,
                  ca_cert=ca_cert)

    # Filled (certificate checks left unset, as AWX stores a never-touched switch): the factory-new Panos are set up
    # and converged with the credential's account and CA, then drift reads them and the phones' REST API.
    converge = job(workdir, 'converge', 'playbooks/pano.yml', inventory, filled)
    assert (converge.runner.rc, converge.runner.status) == (0, 'successful'), converge.stdout[-3000:]
    assert sorted(converge.runner.stats['changed']) == PANOS
    drift = job(workdir, 'drift', 'playbooks/drift.yml', inventory, filled, '--check --diff')
    assert (drift.runner.rc, drift.failed()) == (0, {}), drift.stdout[-3000:]
    assert not drift.runner.stats['changed'], 'the converged Panos have nothing left to change'
    phones = drift.results('runner_on_ok', 'polycom.uc.ucs_phone_info')
    panos = drift.results('runner_on_ok', 'polycom.uc.pano_info')
    assert (sorted(panos), sorted(phones)) == (PANOS, PHONES)
    assert phones['vvx-reception']['device']['model'] == 'VVX 500' and panos['pano-huddle-1']['device']['family'] == 'pano'
    for secret in (LAB_PANO_PASSWORD, LAB_PHONE_PASSWORD):
        assert secret not in drift.stdout and secret not in converge.stdout

    # Rooms: the video systems' own admin password stays in the inventory; their admin ID and CA come from the
    # credential, through the room_pairing role to group_series_info and to the Pano's pairing with them.
    rooms_inventory = inventory_without_credentials(lab.lab, os.path.join(workdir, 'rooms'), keep=('group_series_password',))
    rooms = job(workdir, 'rooms', 'playbooks/rooms.yml', rooms_inventory, filled, limit='pano')
    assert (rooms.runner.rc, rooms.failed()) == (0, {}), rooms.stdout[-3000:]
    paired = rooms.results('runner_on_ok', 'polycom.uc.pano_pairing')
    assert sorted(paired) == PANOS and all(result['changed'] for result in paired.values()), paired
    assert [lab.state(host)['pairing_state'] for host in lab.hosts] == ['PAIRED'] * 3  # pano1-3: the inventory's three Panos

    # Empty (nothing filled in: '' strings, the switch False): certificates are still checked, against the system
    # trust store, which does not know the lab's CA -- the message points at the credential's CA field.
    assert_refused_naming(workdir, 'empty', inventory, {}, {'pano': CA_FIELD, 'ucs_rest_phones': CA_FIELD})
    assert all(lab.stats(host)['active_sessions'] == 0 for host in lab.hosts)

    # The CA but no passwords: each family's message names its own password field.
    assert_refused_naming(workdir, 'no-passwords', inventory, dict(ca_cert=ca_cert), {
        'pano': 'no password was given: set the password option or POLYCOM_PASSWORD (in AWX: ' + PANO_FIELD + ')',
        'ucs_rest_phones': 'no password was given: set the password option or POLYCOM_PHONE_PASSWORD (in AWX: ' + PHONE_FIELD + ')'})

    # Wrong passwords: refused, the message says which field to check, the wrong password itself is never shown.
    wrong = dict(filled, password='Wrong-Pano-1', phone_password='Wrong-Phone-2')
    assert_refused_naming(workdir, 'wrong', inventory, wrong, {
        'pano': 'check the password, the password option or POLYCOM_PASSWORD (in AWX: ' + PANO_FIELD + ')',
        'ucs_rest_phones': 'check the password, the password option or POLYCOM_PHONE_PASSWORD (in AWX: ' + PHONE_FIELD + ')'},
        ('Wrong-Pano-1', 'Wrong-Phone-2', LAB_PANO_PASSWORD, LAB_PHONE_PASSWORD))
