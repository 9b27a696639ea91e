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
