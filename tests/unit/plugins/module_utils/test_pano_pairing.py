import pytest

from ansible_collections.polycom.uc.plugins.module_utils.pano import PANO_SETTINGS, normalise_address, pairing_plan, split_address


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
