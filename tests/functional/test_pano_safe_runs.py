"""Pano runs that must not hurt a device (issue 9): the guide's Configure IP Address Settings with a static address,
the device's few session slots under slow answers, and the pano role's inventory checked before any request."""
import pytest

from test_pano_settings import settings_task

ROLE_BAD_INPUTS = {
    'misspelt section': (dict(pano_settings_host={'genral': {'device_name': 'x'}}),
                         ['pano_settings_host.genral', 'Supported parameters include', 'general', 'date_time', 'software_update']),
    'misspelt option': (dict(pano_settings_group={'general': {'devicename': 'x'}}),
                        ['pano_settings_group.general.devicename', 'Supported parameters include', 'device_name', 'room_name']),
    'settings as a string': (dict(pano_settings_host='general: {device_name: x}'), ['pano_settings_host', 'str', 'dict']),
    'section as a string': (dict(pano_settings_host={'general': 'x'}), ['general', 'pano_settings_host', 'dict']),
}


@pytest.mark.parametrize('name', sorted(ROLE_BAD_INPUTS))
def test_pano_role_refuses_unknown_sections_and_options_before_any_request(lab, name):
    host = lab.hosts[0]
    role_vars, fragments = ROLE_BAD_INPUTS[name]
    run = lab.play([], hosts=host, roles=[dict(role='polycom.uc.pano', **role_vars)])
    assert run.rc != 0, run.output[-3000:]
    for fragment in fragments:
        assert fragment in run.output, (name, fragment, run.output[-3000:])
    assert 'combine' not in run.output
    assert lab.stats(host)['requests'] == 0, 'nothing reached the device'


def test_pano_role_refuses_a_section_given_as_a_string_also_without_argument_validation(lab):
    host = lab.hosts[0]
    task = {'name': 'role', 'ansible.builtin.import_role': {'name': 'polycom.uc.pano', 'rolespec_validate': False},
            'vars': {'pano_settings_host': {'general': 'x'}}}
    run = lab.play([task], hosts=host)
    assert run.rc != 0 and 'must be mappings of sections' in run.output and 'pano_settings_host.general as str' in run.output, \
        run.output[-3000:]
    assert lab.stats(host)['requests'] == 0, 'nothing reached the device'


def test_pano_role_accepts_every_section_it_documents(lab):
    host = lab.hosts[0]
    role = dict(role='polycom.uc.pano', pano_initial_password='{{ pano_serial[-6:] }}',
                pano_settings_group={'general': {'device_name': 'Pano A'}, 'monitor': {'mode': 'manual'}},
                pano_settings_host={'monitor': {'resolution': '3840x2160p30'}, 'network': {'icmp_rate_limit': '500'}})
    run = lab.play([], hosts=host, roles=[role])
    assert run.rc == 0, run.output[-3000:]
    values = lab.state(host)['vars']
    assert (values['system.info.devicename'], values['monitor.resolution'], values['network.icmp.ratelimit']) == ('Pano A', '3840x2160p30', '500')
