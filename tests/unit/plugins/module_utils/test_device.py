import pytest

from ansible_collections.polycom.uc.plugins.module_utils import device, pano, ucs_lync, ucs_rest
from ansible_collections.polycom.uc.plugins.module_utils.group_series import system_facts


@pytest.mark.parametrize('text', ['00:04:F2:AB:CD:EF', '00-04-f2-ab-cd-ef', '0004.f2ab.cdef', '0004F2ABCDEF', ' 0004f2abcdef '])
def test_every_written_shape_is_one_mac(text):
    assert device.normalise_mac(text) == '0004f2abcdef'


@pytest.mark.parametrize('text', ['000000000000', 'ff:ff:ff:ff:ff:ff', '0004f2abcde', '0004f2abcdeg', '00:04f2:ab:cd:ef', None, 4])
def test_what_names_no_phone_is_refused(text):
    assert device.normalise_mac(text) is None


def test_the_catalogue_and_the_phone_client_use_the_one_rule():
    assert ucs_lync.normalise_mac is device.normalise_mac
    assert ucs_rest.normalise_mac is device.reported_mac


@pytest.mark.parametrize('text, mac', [('00:04:F2:AB:CD:EF', '0004f2abcdef'), ('0004.F2AB.CDEF', '0004f2abcdef'),
                                       (None, ''), ('', ''), ('00:00:00:00:00:00', '000000000000'), ('N/A', 'n/a')])
def test_a_reported_mac_keeps_the_device_answer_when_it_is_no_mac(text, mac):
    assert device.reported_mac(text) == mac


def test_device_facts_shared_keys_then_the_family_keys():
    facts = device.device_facts('phone', 'VVX 500', serial='s1', mac_address='0004f2abcdef',
                                software_version='Release - 6.4.0.1234-1', vendor='Polycom')
    assert facts == dict(family='phone', model='VVX 500', serial='s1', mac_address='0004f2abcdef',
                         software_version='Release - 6.4.0.1234-1', firmware_version='6.4.0.1234', vendor='Polycom')


def test_every_family_builds_the_shared_keys():
    shared = {'family', 'model', 'serial', 'mac_address', 'software_version', 'firmware_version'}
    pano_facts = pano.system_facts({'model': 'Polycom Pano', 'macAddress': '00:E0:DB:4C:1A:2B', 'softwareVersion': '1.1.2.1007',
                                    'setupState': 'COMPLETE', 'cloudState': 'REGISTERED'}, factory=False)
    assert shared <= set(pano_facts)
    assert (pano_facts['mac_address'], pano_facts['firmware_version'], pano_facts['setup_state'], pano_facts['cloud_registered']) == (
        '00e0db4c1a2b', '1.1.2.1007', 'complete', True)
    gs = system_facts({'model': 'RealPresence Group 500', 'serialNumber': '8212', 'softwareVersion': 'Release - 6.2.2.8-670021'})
    assert shared <= set(gs) and gs['mac_address'] is None and gs['firmware_version'] == '6.2.2.8'
    phone = ucs_rest.device_facts('v2', {'ModelNumber': 'VVX 500', 'MACAddress': '00:04:F2:E0:A5:01', 'FirmwareRelease': '6.4.0.1234'})
    assert shared <= set(phone)
    assert (phone['serial'], phone['mac_address'], phone['firmware_version'], phone['api_version']) == (
        '0004f2e0a501', '0004f2e0a501', '6.4.0.1234', 'v2')
