"""Faults on the way to the video system and the Pano: recovered, or reported clearly with nothing half-done."""
import pytest

from pairing_lab import GS_PASSWORD, rooms  # noqa: F401 pylint: disable=unused-import

HOST = 'gs-huddle-1'
PROFILES = {'monitor_profiles': {'monitor1': 'Content, then Far, then Near', 'monitor2': 'Content, then Far'}}

SSH_FAULTS = {
    # the session drops when the write comes (after the two reads), before the system runs it
    'dropped before the write': dict(kind='drop_session', after_commands=2, transport='ssh'),
    # the system runs the write, then the session drops before the answer: repeating the absolute value is harmless
    'dropped after the write': dict(kind='drop_session', after_commands=2, transport='ssh', execute=True),
    # the very first command finds the session gone
    'dropped at the first command': dict(kind='drop_session', after_commands=0, transport='ssh'),
}


@pytest.mark.parametrize('name', sorted(SSH_FAULTS))
def test_a_dropped_ssh_session_is_renewed_and_the_profiles_land(rooms, name):
    rooms.gs_faults(HOST, SSH_FAULTS[name])
    run = rooms.gs_play([{'name': 'config', 'polycom.uc.group_series_config': PROFILES}], hosts=HOST)
    assert run.rc == 0, run.output[-3000:]
    assert run.task('config', HOST)['changes'] == ['monitor_profiles.monitor1', 'monitor_profiles.monitor2']
    state, stats = rooms.gs_state(HOST), rooms.gs_stats(HOST)
    assert (state['monitor1'], state['monitor2']) == ('all', 'content-or-far')
    assert stats['api_sessions'] == 2, 'one renewed session'
    assert rooms.gs_control(HOST, 'GET', '/_lab/faults')['faults'] == []


def test_a_session_that_keeps_dropping_is_reported_and_nothing_is_set(rooms):
    rooms.gs_faults(HOST, dict(kind='drop_session', after_commands=2, count=20, transport='ssh'))
    run = rooms.gs_play([{'name': 'config', 'polycom.uc.group_series_config': PROFILES}], hosts=HOST)
    result = run.task('config', HOST)
    assert run.rc != 0 and 'unanswered after 4 attempts (session dropped)' in result['msg'], result['msg']
    assert 'configpresentation monitor1 "all" monitor2 "content-or-far"' in result['msg']
    assert GS_PASSWORD not in run.output
    state = rooms.gs_state(HOST)
    assert (state['monitor1'], state['monitor2']) == ('near-or-far', 'content')
    rooms.gs_control(HOST, 'DELETE', '/_lab/faults')


def test_rest_503_is_retried_and_a_system_that_stays_busy_is_reported(rooms):
    info = {'name': 'info', 'polycom.uc.group_series_info': {'gather_subset': ['system']}}
    rooms.gs_faults(HOST, dict(kind='status', status=503, count=2, path='/rest/system', retry_after=0))
    run = rooms.gs_play([info], hosts=HOST)
    assert run.rc == 0 and run.task('info', HOST)['device']['pairing_supported'], run.output[-3000:]
    assert rooms.gs_stats(HOST)['by_endpoint']['GET /rest/system'] == 3

    rooms.gs_faults(HOST, dict(kind='status', status=503, count=50, path='/rest/system', retry_after=0))
    run = rooms.gs_play([info], hosts=HOST)
    assert run.rc != 0 and 'HTTP 503' in run.task('info', HOST)['msg'] and '/rest/system' in run.task('info', HOST)['msg']
    rooms.gs_control(HOST, 'DELETE', '/_lab/faults')


def test_a_lost_answer_to_pair_is_recognised_when_the_request_is_repeated(rooms):
    rooms.control('pano1', 'POST', '/_lab/state', {'vars': {'system.visualboard.enabled': 'false'}})
    rooms.faults('pano1', dict(kind='slow', delay=0, path='/rest/pairing', method='POST'),  # passes the Connect
                 dict(kind='drop_answer', path='/rest/pairing', method='POST'))  # Pair happens, its answer is lost
    task = {'name': 'pair', 'polycom.uc.pano_pairing': {'video_system': rooms.address(HOST), 'video_system_password': GS_PASSWORD}}
    run = rooms.pano_play([task], hosts='pano1')
    assert run.rc == 0, run.output[-3000:]
    assert run.task('pair', 'pano1')['actions'] == ['connect', 'pair'] and run.task('pair', 'pano1')['after']['state'] == 'paired'
    assert rooms.stats('pano1')['by_endpoint']['POST /rest/pairing'] == 3, 'connect, pair, pair again (409, then read back)'
    assert rooms.state('pano1')['pairing']['address'] == rooms.address(HOST)
