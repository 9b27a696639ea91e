"""Pano runs that must not hurt a device (issue 9): the guide's Configure IP Address Settings with a static address,
the device's few session slots under slow answers, and the pano role's inventory checked before any request."""
import time

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
                pano_settings_group={'general': {'device_name': 'Pano A', 'country': 'DE'}, 'monitor': {'mode': 'manual'}},
                pano_settings_host={'monitor': {'resolution': '3840x2160p30'}, 'network': {'icmp_rate_limit': '500'}})
    run = lab.play([], hosts=host, roles=[role])
    assert run.rc == 0, run.output[-3000:]
    values = lab.state(host)['vars']
    assert (values['system.info.devicename'], values['monitor.resolution'], values['network.icmp.ratelimit']) == ('Pano A', '3840x2160p30', '500')


# Devices have few session slots (four in the lab): a late login answer must not be answered by another login.
EVERY_ANSWER_SLOW = {'kind': 'slow', 'delay': 7, 'count': 40, 'path': '/rest/'}  # the tasks' timeout is 5 s
SLOW_LOGIN = {'kind': 'slow', 'delay': 7, 'count': 1, 'path': '/rest/session', 'method': 'POST'}


def test_sessions_every_answer_slow_leaves_no_session_behind_and_the_device_usable(lab):
    host = lab.hosts[0]
    lab.faults(host, EVERY_ANSWER_SLOW)
    run = lab.play([{'name': 'info', 'polycom.uc.pano_info': {'initial_password': '{{ pano_serial[-6:] }}'}}], hosts=host)
    assert run.rc != 0 and 'GET https://127.0.0.1' in run.task('info', host)['msg'], run.output[-3000:]
    stats = lab.stats(host)
    # the configured password is refused (a factory device), then the factory one makes the one session
    assert stats['by_endpoint']['POST /rest/session'] == 2 and stats['failed_logins'] == 1, 'late logins were waited for, not repeated'
    assert stats['logouts'] == 1 and stats['active_sessions'] == 0, stats
    lab.control(host, 'DELETE', '/_lab/faults')
    again = lab.play([{'name': 'info', 'polycom.uc.pano_info': {'initial_password': '{{ pano_serial[-6:] }}'}}], hosts=host)
    assert again.rc == 0, 'not locked out: ' + again.output[-3000:]


def test_sessions_a_slow_login_is_waited_for_and_logged_out(lab):
    host = lab.hosts[0]
    assert lab.play([settings_task()], hosts=host).rc == 0
    lab.reset_stats()
    lab.faults(host, SLOW_LOGIN)
    run = lab.play([settings_task(general=dict(room_name='After a slow login'))], hosts=host)
    assert run.rc == 0, run.output[-3000:]
    assert lab.state(host)['vars']['system.info.roomname'] == 'After a slow login'
    stats = lab.stats(host)
    assert stats['by_endpoint']['POST /rest/session'] == 1 and stats['logins'] == 1, stats
    assert stats['logouts'] == 1 and stats['active_sessions'] == 0, stats


def flat(text):
    """Output with its line wrapping undone (Ansible wraps warnings)."""
    return ' '.join(text.split())


def test_sessions_a_login_slower_than_the_whole_wait_is_sent_once_and_reported(lab):
    host = lab.hosts[0]
    assert lab.play([settings_task()], hosts=host).rc == 0
    lab.reset_stats()
    # timeout 2 s and one retry: the login waits 4 s once; the device answers after 6 s, making its session too late
    lab.faults(host, {'kind': 'slow', 'delay': 6, 'count': 1, 'path': '/rest/session', 'method': 'POST'})
    run = lab.play([settings_task(general=dict(room_name='never'), timeout=2, retries=1)], hosts=host)
    assert run.rc != 0
    msg = run.task('settings', host)['msg']
    assert 'no answer within 4 s; not repeated' in msg and 'holds that slot until it expires it' in msg, msg
    time.sleep(3)  # the device finishes the late login
    stats = lab.stats(host)
    assert stats['by_endpoint']['POST /rest/session'] == 1 and stats['config_writes'] == 0, stats
    assert stats['active_sessions'] == 1, 'bounded: the one late login, not one per retry'
    lab.factory()  # the lab's way of letting that session expire (300 s idle)


def test_sessions_a_dropped_login_answer_is_sent_again_once_and_reported(lab):
    host = lab.hosts[0]
    assert lab.play([settings_task()], hosts=host).rc == 0
    lab.reset_stats()
    lab.faults(host, {'kind': 'drop_answer', 'count': 1, 'path': '/rest/session', 'method': 'POST'})
    run = lab.play([settings_task(general=dict(room_name='After a lost login answer'))], hosts=host)
    assert run.rc == 0, run.output[-3000:]
    assert 'was sent again after its connection dropped without an answer' in flat(run.output), run.output[-3000:]
    stats = lab.stats(host)
    assert stats['by_endpoint']['POST /rest/session'] == 2 and stats['logouts'] == 1 and stats['active_sessions'] == 1, stats
    lab.factory()
    assert lab.play([settings_task()], hosts=host).rc == 0
    lab.reset_stats()
    lab.faults(host, {'kind': 'drop_answer', 'count': 5, 'path': '/rest/session', 'method': 'POST'})
    run = lab.play([settings_task(general=dict(room_name='never'))], hosts=host)
    msg = run.task('settings', host)['msg']
    assert run.rc != 0 and 'dropped without an answer twice; not sent a third time' in msg, msg
    stats = lab.stats(host)
    assert stats['by_endpoint']['POST /rest/session'] == 2 and stats['active_sessions'] == 2 and stats['config_writes'] == 0, stats
    lab.factory()


# The guide, Configure IP Address Settings: "Enter IP address manually" moves the device to its static address. The lab's
# devices listen on 127.0.0.1 only: 127.0.0.2 is an address where nobody answers, 127.0.0.1 the same host behind NAT.
def static_address(address, **options):
    args = dict(network=dict(dhcp=False, ipv4_address=address, ipv4_subnet_mask='255.0.0.0', ipv4_gateway='127.0.0.253'),
                restart_timeout=4)
    args.update(options)
    return {'name': 'static', 'polycom.uc.pano_settings': args, 'failed_when': False}


def test_configure_ip_address_settings_a_new_static_address_that_does_not_answer_is_reported_as_applied(lab):
    host = lab.hosts[0]
    assert lab.play([settings_task()], hosts=host).rc == 0
    lab.reset_stats()
    restarts = lab.state(host)['restarts']
    run = lab.play([static_address('127.0.0.2')], hosts=host, diff=True)
    result = run.task('static', host)
    assert 'msg' in result and result['changed'], result
    assert 'the change was applied (network.dhcp, network.ipv4_address' in result['msg'], result['msg']
    assert 'https://127.0.0.2:' in result['msg'] and 'reachable_at=host' in result['msg'], result['msg']
    assert result['changes'] == ['network.dhcp', 'network.ipv4_address', 'network.ipv4_gateway', 'network.ipv4_subnet_mask']
    assert result['diff']['after']['network']['ipv4_address'] == '127.0.0.2' and result['waited_at'] == '127.0.0.2'
    state = lab.state(host)
    assert state['vars']['network.ipv4.address'] == '127.0.0.2' and state['restarts'] == restarts + 1
    assert lab.stats(host)['config_writes'] == 1


def test_configure_ip_address_settings_reachable_at_host_waits_at_the_inventory_host(lab):
    host = lab.hosts[0]
    assert lab.play([settings_task()], hosts=host).rc == 0
    check = lab.play([static_address('127.0.0.3', reachable_at='host')], hosts=host, check=True)
    assert check.task('static', host)['changed'] and lab.state(host)['vars']['network.ipv4.dhcp'] == 'true'
    run = lab.play([static_address('127.0.0.3', reachable_at='host'), static_address('127.0.0.3', reachable_at='host')], hosts=host)
    first = run.results[0]['result']
    assert run.rc == 0 and not first.get('failed') and first['changed'] and first['restarted'], run.output[-3000:]
    assert first['waited_at'] == '127.0.0.1'
    assert not run.results[1]['result']['changed'], 'converged'
    assert lab.state(host)['vars']['network.ipv4.address'] == '127.0.0.3'
