"""The guide, Supported Polycom Video Systems (Group Series 310/500/550/700, Centro, software 6.0 or later): pano_pairing
writes nothing before Connect has shown that the Pano can pair, and a failed run reports changed only for what was applied."""
import pytest

from pairing_lab import GS_PASSWORD, failing, pairing, rooms  # noqa: F401 pylint: disable=unused-import

HOST = 'pano1'
TOUCH = {'general': {'visualboard': False}, 'monitor': {'mode': 'manual', 'resolution': '3840x2160p30'}}
UNSUPPORTED = {
    'Group 300': ('gs-legacy', {}, 'RealPresence Group 300 is not supported'),
    'software below 6.0': ('gs-training', {'softwareVersion': 'Release - 5.2.0-1234'}, '6.0 or later is required'),
    'wrong password': ('gs-huddle-1', {}, 'refused admin ID'),
}


@pytest.mark.parametrize('name', sorted(UNSUPPORTED))
def test_supported_polycom_video_systems_an_unsupported_system_is_refused_before_any_write(rooms, name):
    system, state, fragment = UNSUPPORTED[name]
    if state:
        rooms.gs_set(system, **state)
    before = rooms.pano_snapshot(HOST)
    options = dict(TOUCH, video_system_password='wrong' if name == 'wrong password' else GS_PASSWORD)
    run = rooms.pano_play([failing(pairing('pair', rooms.address(system), **options))], hosts=HOST)
    result = run.task('pair', HOST)
    assert 'msg' in result and fragment in result['msg'], result['msg']
    assert 'Connect failed' in result['msg'] and 'the Pano is not paired' in result['msg']
    assert result['changed'] is False and 'settings were written' not in result['msg']
    assert rooms.pano_snapshot(HOST) == before, 'VisualBoard and the monitor as they were'
    stats = rooms.stats(HOST)
    assert stats['config_writes'] == 0 and stats['by_endpoint']['POST /rest/pairing'] == 1, 'Connect only'


def test_supported_polycom_video_systems_a_move_to_an_unsupported_system_keeps_the_pairing_and_reports_no_change(rooms):
    a = rooms.address('gs-huddle-1')
    assert rooms.pano_play([pairing('pair', a, **TOUCH)], hosts=HOST).rc == 0
    run = rooms.pano_play([failing(pairing('move', rooms.address('gs-legacy'), general={'visualboard': False},
                                           monitor={'mode': 'automatic'}))], hosts=HOST)
    result = run.task('move', HOST)
    assert 'msg' in result and result['changed'] is False and 'the Pano is paired with %s' % a in result['msg'], result
    state = rooms.state(HOST)
    assert state['pairing']['address'] == a and state['vars']['monitor.mode'] == 'manual', 'nothing written, still paired'


def test_connect_a_polycom_video_system_a_failure_after_the_write_reports_what_was_applied(rooms):
    rooms.faults(HOST, dict(kind='slow', delay=0, path='/rest/pairing', method='POST'),  # passes the Connect
                 dict(kind='status', status=500, path='/rest/pairing', method='POST'))  # the Pair button fails
    run = rooms.pano_play([failing(pairing('pair', rooms.address('gs-huddle-1'), **TOUCH))], hosts=HOST)
    result = run.task('pair', HOST)
    assert 'msg' in result and result['changed'] is True, result
    assert 'the settings were written (general.visualboard, monitor.mode, monitor.resolution)' in result['msg'], result['msg']
    assert 'connected to %s but not paired' % rooms.address('gs-huddle-1') in result['msg'], result['msg']
    state = rooms.state(HOST)
    assert state['vars']['system.visualboard.enabled'] == 'false' and state['pairing_state'] == 'CONNECTED'
