import pytest

from ansible_collections.polycom.uc.plugins.module_utils.pano import (
    ADMIN_ID, ADMIN_PASSWORD, PAIRING_NAMES, PAIRING_PATH, PAIRING_SETTINGS, PANO_SETTINGS, SettingsRun, normalise_address,
    pairing_from_config, pairing_plan, read_pairing, rule_problems, split_address,
)


@pytest.mark.parametrize('address, host, port', [
    ('10.11.12.13', '10.11.12.13', 443),
    ('https://10.11.12.13', '10.11.12.13', 443),
    ('https://10.11.12.13/', '10.11.12.13', 443),
    ('127.0.0.1:8451', '127.0.0.1', 8451),
    ('gs-room.example.com', 'gs-room.example.com', 443),
    ('[2001:db8::5]:8443', '2001:db8::5', 8443),
    ('[2001:db8::5]', '2001:db8::5', 443),
])
def test_split_address(address, host, port):
    assert split_address(address) == (host, port)


def test_addresses_compare_as_the_same_system():
    assert normalise_address('https://10.0.0.5/') == normalise_address('10.0.0.5:443') == normalise_address('10.0.0.5') == '10.0.0.5'
    assert normalise_address('127.0.0.1:8451') == '127.0.0.1:8451' != normalise_address('127.0.0.1:8452')
    assert normalise_address('GS.Example.com') == 'gs.example.com'


UNPAIRED = {'state': 'UNPAIRED', 'address': '', 'user': ''}
CONNECTED = {'state': 'CONNECTED', 'address': '', 'user': '', 'pending': {'address': '10.0.0.5', 'user': 'admin'}}
PAIRED = {'state': 'PAIRED', 'address': '10.0.0.5', 'user': 'admin'}


@pytest.mark.parametrize('current, state, address, user, force, actions', [
    (UNPAIRED, 'present', '10.0.0.5', 'admin', False, ['connect', 'pair']),
    (CONNECTED, 'present', '10.0.0.5', 'admin', False, ['connect', 'pair']),
    (PAIRED, 'present', '10.0.0.5', 'admin', False, []),
    (PAIRED, 'present', 'https://10.0.0.5', 'admin', False, []),
    (PAIRED, 'present', '10.0.0.5', 'admin', True, ['connect', 'update']),
    (PAIRED, 'present', '10.0.0.6', 'admin', False, ['connect', 'update']),
    (PAIRED, 'present', '10.0.0.5', 'operator', False, ['connect', 'update']),
    (PAIRED, 'absent', None, None, False, ['unpair']),
    (CONNECTED, 'absent', None, None, False, ['unpair']),
    (UNPAIRED, 'absent', None, None, False, []),
])
def test_the_guides_buttons_in_order(current, state, address, user, force, actions):
    assert pairing_plan(current, state, address, user, force) == actions


def test_visualboard_is_a_pano_setting():
    setting = PANO_SETTINGS.by_name['system.visualboard.enabled']
    assert setting.path == 'general.visualboard' and setting.kind == 'bool'
    assert setting.to_device(False) == 'false'


# -- the pairing in the config read, and the settings pano_pairing takes -----------------------------------------------

PAIRED_VARS = {
    'pairing.state': 'PAIRED', 'pairing.address': '10.0.0.5', 'pairing.userid': 'admin', 'pairing.content': 'STOPPED',
    'pairing.videosystem.model': 'RealPresence Group 500', 'pairing.videosystem.serialnumber': '8215160F19ABCD',
    'pairing.videosystem.softwareversion': 'Release - 6.2.2.8-670021', 'pairing.videosystem.systemname': 'Room 4',
    'pairing.pending.address': '', 'pairing.pending.userid': '',
}


class FakeClient(object):
    """Records what a module would send; answers config reads from ``values`` and GET /rest/pairing from ``pairing``."""

    def __init__(self, values, pairing=None, accepts=('admin', 'Admin-Pw-1')):
        self.values, self.pairing, self.accepts = dict(values), pairing, accepts
        self.calls, self.secrets = [], set()
        self.username = self.password = None

    def login_first(self, candidates):
        self.calls.append(('login',))
        for index, (username, password) in enumerate(candidates):
            if (username, password) == self.accepts:
                self.username, self.password = username, password
                return index
        raise AssertionError('no candidate accepted: %r' % (candidates,))

    def read_config(self, names):
        self.calls.append(('read', tuple(names)))
        return dict((name, self.values[name]) for name in names if name in self.values)

    def write_config(self, values):
        self.calls.append(('write', dict(values)))
        return {}

    def request(self, method, path, body=None):
        self.calls.append((method, path))
        return self.pairing

    def add_secret(self, value):
        self.secrets.add(value)

    def wait_until_available(self, timeout, host=None):
        self.calls.append(('wait', timeout))


def test_the_pairing_variables_read_as_get_rest_pairing_answers():
    assert pairing_from_config(PAIRED_VARS) == {
        'state': 'PAIRED', 'address': '10.0.0.5', 'user': 'admin', 'content': 'STOPPED', 'pending': None,
        'videoSystem': {'model': 'RealPresence Group 500', 'serialNumber': '8215160F19ABCD',
                        'softwareVersion': 'Release - 6.2.2.8-670021', 'systemName': 'Room 4'}}
    connected = dict((name, '') for name in PAIRING_NAMES)
    connected.update({'pairing.state': 'CONNECTED', 'pairing.content': 'STOPPED', 'pairing.pending.address': '10.0.0.6',
                      'pairing.pending.userid': 'admin'})
    info = pairing_from_config(connected)
    assert info['videoSystem'] is None and info['pending'] == {'address': '10.0.0.6', 'user': 'admin'}
    assert pairing_plan(info, 'present', '10.0.0.6', 'admin') == ['connect', 'pair']
    assert pairing_from_config({'system.language': 'en_US'}) is None, 'a device without the variables'


def test_read_pairing_uses_the_read_already_made_and_falls_back_to_get_rest_pairing():
    client = FakeClient(PAIRED_VARS)
    assert read_pairing(client, PAIRED_VARS)['address'] == '10.0.0.5' and client.calls == [], 'no request of its own'
    assert read_pairing(client)['state'] == 'PAIRED' and client.calls == [('read', tuple(PAIRING_NAMES))]

    old_device = FakeClient({'system.language': 'en_US'}, pairing={'state': 'UNPAIRED', 'address': '', 'user': ''})
    assert read_pairing(old_device, {'system.language': 'en_US'})['state'] == 'UNPAIRED'
    assert old_device.calls == [('GET', PAIRING_PATH)]


def test_pano_pairing_takes_the_guides_pano_steps_from_the_one_setting_table():
    assert sorted(s.path for s in PAIRING_SETTINGS.settings) == ['general.country', 'general.visualboard', 'monitor.mode', 'monitor.resolution']
    assert all(PANO_SETTINGS.by_name[s.name] is s for s in PAIRING_SETTINGS.settings), 'the same rows, not copies'
    spec = PAIRING_SETTINGS.argument_spec()
    assert set(spec) == {'general', 'monitor'} and set(spec['general']['options']) == {'visualboard', 'country'}
    assert spec['monitor']['options'] == PANO_SETTINGS.argument_spec()['monitor']['options']
    values, problems = PAIRING_SETTINGS.desired({'general': {'visualboard': False}, 'monitor': {'mode': 'manual', 'resolution': '3840x2160p30'},
                                                 'network': {'dhcp': False}})
    assert problems == [] and values == {'system.visualboard.enabled': 'false', 'monitor.mode': 'manual', 'monitor.resolution': '3840x2160p30'}
    assert rule_problems({'monitor.mode': 'automatic'}, {'monitor.resolution': '3840x2160p30'}) == [
        'monitor.resolution: a resolution is allowed only with monitor.mode=manual']
    with pytest.raises(KeyError):
        PANO_SETTINGS.subset(['no.such.setting'])


def test_one_read_for_settings_and_pairing_and_only_the_difference_written():
    values = dict(PAIRED_VARS, **{'system.visualboard.enabled': 'true', 'monitor.mode': 'manual', 'monitor.resolution': '3840x2160p60',
                                  'system.setup.state': 'complete', ADMIN_ID: 'admin'})
    client = FakeClient(values)
    params = dict(username='admin', password='Admin-Pw-1', initial_password=None)
    run = SettingsRun(client, params, {'system.visualboard.enabled': 'false', 'monitor.mode': 'manual'}, extra_names=PAIRING_NAMES)
    reads = [call for call in client.calls if call[0] == 'read']
    assert len(reads) == 1 and set(PAIRING_NAMES) <= set(reads[0][1]) and 'monitor.mode' in reads[0][1]
    assert run.changes == {'system.visualboard.enabled': 'false'} and run.changed_paths == ['general.visualboard']
    assert run.before == {'general': {'visualboard': True}, 'monitor': {'mode': 'manual'}} and not run.setup_completed
    assert read_pairing(client, run.current)['state'] == 'PAIRED'
    run.write()
    assert client.calls[-1] == ('write', {'system.visualboard.enabled': 'false'})


def test_a_factory_pano_is_set_up_in_the_same_write():
    values = {'system.visualboard.enabled': 'true', 'system.setup.state': 'pending', ADMIN_ID: 'admin', 'pairing.state': 'UNPAIRED'}
    client = FakeClient(values, accepts=('admin', 'A1B2C3'))
    params = dict(username='admin', password='New-Admin-Pw-2', initial_password='A1B2C3')
    run = SettingsRun(client, params, {'system.visualboard.enabled': 'false', 'system.country': 'DE'}, extra_names=PAIRING_NAMES)
    assert run.setup_completed and run.changes == {'system.visualboard.enabled': 'false', 'system.country': 'DE', ADMIN_PASSWORD: 'New-Admin-Pw-2'}
    assert 'New-Admin-Pw-2' in client.secrets and run.after['local_account'] == {'password': '<masked: will change>'}
    run.write()
    assert client.password == 'New-Admin-Pw-2', 'the buttons that follow log in again with the new password'
    assert [call[0] for call in client.calls] == ['login', 'read', 'write', 'wait'], 'Finish restarts the device: wait before the buttons'


def test_run_the_setup_wizard_a_factory_pano_is_not_set_up_without_its_country():
    values = {'system.visualboard.enabled': 'true', 'system.setup.state': 'pending', ADMIN_ID: 'admin', 'system.country': ''}
    client = FakeClient(values, accepts=('admin', 'A1B2C3'))
    params = dict(username='admin', password='New-Admin-Pw-2', initial_password='A1B2C3')
    run = SettingsRun(client, params, {'system.visualboard.enabled': 'false'}, extra_names=PAIRING_NAMES)
    assert run.setup_completed and run.changes == {} and len(run.problems) == 1, run.problems
    assert run.problems[0].startswith('general.country: the setup wizard asks for the country') and 'ISO 3166-1 alpha-2' in run.problems[0]
    assert [call[0] for call in client.calls] == ['login', 'read'], 'refused before any write'
    with_country = SettingsRun(FakeClient(values, accepts=('admin', 'A1B2C3')), params, {'system.country': 'DE'})
    assert with_country.problems == [] and with_country.changes == {'system.country': 'DE', ADMIN_PASSWORD: 'New-Admin-Pw-2'}
    assert with_country.restarting, 'Finish restarts the device'
