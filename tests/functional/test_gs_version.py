"""group_series_info minimum_version (issue 12): the Group Series software version checked, never updated.

No public interface starts a Group Series software update (group_series.py says why), so the check fails with the
versions and a clear "not supported" message, in check mode too, and nothing is written to the system.
"""
from pairing_lab import rooms  # noqa: F401 pylint: disable=unused-import

UNSUPPORTED = 'polycom.uc does not update Group Series software'


def failed(run, host):
    return [r['status'] for r in run.results if r['task'] == 'info' and r['host'] == host] == ['failed']


def info(minimum_version, **options):
    return {'name': 'info', 'polycom.uc.group_series_info': dict(gather_subset=['system'], minimum_version=minimum_version, **options),
            'ignore_errors': True}


def test_systems_at_or_above_the_minimum_pass_and_those_below_fail_naming_both_versions(rooms):
    rooms.gs_set('gs-training', softwareVersion='Release - 6.10.0-100')
    rooms.gs_set('gs-boardroom', softwareVersion='Release - 6.1.1-569012')
    run = rooms.gs_play([info('6.2.2')], hosts='gs-huddle-1,gs-training,gs-boardroom')
    results = run.task('info')
    assert results['gs-huddle-1']['version_ok'] and not failed(run, 'gs-huddle-1'), results['gs-huddle-1']
    assert results['gs-training']['version_ok'] and not failed(run, 'gs-training'), '6.10 is later than 6.2.2 as a version'
    below = results['gs-boardroom']
    assert failed(run, 'gs-boardroom') and below['version_ok'] is False and not below['changed']
    assert below['msg'].startswith('software 6.1.1 is below minimum_version 6.2.2; ' + UNSUPPORTED), below['msg']
    assert below['device']['firmware_version'] == '6.1.1'
    for name in ('gs-huddle-1', 'gs-training', 'gs-boardroom'):
        assert rooms.gs_stats(name)['config_writes'] == 0


def test_check_mode_reports_the_same(rooms):
    rooms.gs_set('gs-boardroom', softwareVersion='Release - 6.1.1-569012')
    run = rooms.gs_play([info('6.2')], hosts='gs-boardroom', check=True)
    result = run.task('info', 'gs-boardroom')
    assert failed(run, 'gs-boardroom') and UNSUPPORTED in result['msg'] and 'software 6.1.1 is below minimum_version 6.2' in result['msg']


def test_the_banner_version_is_checked_when_only_monitors_are_gathered(rooms):
    task = {'name': 'info', 'polycom.uc.group_series_info': dict(gather_subset=['monitors'], minimum_version='7.0'), 'ignore_errors': True}
    run = rooms.gs_play([task], hosts='gs-huddle-1')
    result = run.task('info', 'gs-huddle-1')
    assert failed(run, 'gs-huddle-1') and result['msg'].startswith('software 6.2.2.8 is below minimum_version 7.0; ' + UNSUPPORTED)
    assert rooms.gs_stats('gs-huddle-1')['requests'] == 0, 'the command channel banner carries the version'


def test_a_minimum_that_is_no_version_is_refused_before_connecting(rooms):
    run = rooms.gs_play([info('newest')], hosts='gs-huddle-1')
    result = run.task('info', 'gs-huddle-1')
    assert failed(run, 'gs-huddle-1') and result['msg'] == "minimum_version: 'newest' is not a version such as 6.2.2"
    stats = rooms.gs_stats('gs-huddle-1')
    assert stats['requests'] == 0 and stats['api_sessions'] == 0


def test_the_build_number_counts_when_the_minimum_gives_one(rooms):
    rooms.gs_set('gs-boardroom', softwareVersion='Release - 6.2.2.2-4700')
    rooms.gs_set('gs-training', softwareVersion='Release - 6.2.2.2-4711')
    run = rooms.gs_play([info('6.2.2.2-4711')], hosts='gs-boardroom,gs-training')
    below, at = run.task('info', 'gs-boardroom'), run.task('info', 'gs-training')
    assert failed(run, 'gs-boardroom') and below['version_ok'] is False, below
    assert below['msg'].startswith('software 6.2.2.2-4700 is below minimum_version 6.2.2.2-4711; ' + UNSUPPORTED), below['msg']
    assert at['version_ok'] and not failed(run, 'gs-training'), at


def closed_port():
    import socket
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]  # closed again when the socket is: nothing listens there


def test_when_the_command_channel_fails_the_version_rest_reported_is_still_checked(rooms):
    rooms.gs_set('gs-boardroom', softwareVersion='Release - 6.1.1-569012')
    dead = {'gs-boardroom': {'group_series_ssh_port': closed_port()}, 'gs-huddle-1': {'group_series_ssh_port': closed_port()}}
    task = {'name': 'info', 'polycom.uc.group_series_info': dict(minimum_version='6.2.2'), 'ignore_errors': True}
    run = rooms.gs_play([task], hosts='gs-boardroom,gs-huddle-1', gs_host_vars=dead)
    below, met = run.task('info', 'gs-boardroom'), run.task('info', 'gs-huddle-1')
    assert failed(run, 'gs-boardroom') and below['version_ok'] is False, below
    assert 'software 6.1.1 is below minimum_version 6.2.2; ' + UNSUPPORTED in below['msg'], below['msg']
    assert failed(run, 'gs-huddle-1') and met['version_ok'] is True, met
    assert 'minimum_version 6.2.2: met by the software the system reported (Release - 6.2.2.8-670021)' in met['msg'], met['msg']


def test_when_nothing_was_read_the_result_says_the_check_could_not_be_made(rooms):
    task = {'name': 'info', 'polycom.uc.group_series_info': dict(gather_subset=['monitors'], minimum_version='6.2.2'), 'ignore_errors': True}
    run = rooms.gs_play([task], hosts='gs-huddle-1', gs_host_vars={'gs-huddle-1': {'group_series_ssh_port': closed_port()}})
    result = run.task('info', 'gs-huddle-1')
    assert failed(run, 'gs-huddle-1') and result['version_ok'] is None, result
    assert 'minimum_version 6.2.2 could not be checked' in result['msg'], result['msg']
