"""Injected device faults are recovered (retries, re-login) or reported clearly; nothing is half-written."""
import pytest

from test_pano_settings import settings_task

FAULTS = {
    'busy 503 twice': [{'kind': 'status', 'status': 503, 'count': 2, 'path': '/rest/config', 'method': 'POST', 'retry_after': 1}],
    'throttled 429 with Retry-After': [{'kind': 'status', 'status': 429, 'count': 1, 'path': '/rest/config', 'retry_after': 1}],
    'answer slower than the timeout': [{'kind': 'slow', 'delay': 7, 'count': 1, 'path': '/rest/config'}],
    'dropped connection': [{'kind': 'drop', 'count': 1, 'path': '/rest/config'}],
    'dropped login': [{'kind': 'drop', 'count': 1, 'path': '/rest/session'}],
    'session expires mid-run': [{'kind': 'expire_sessions', 'after_requests': 2}],
}


def converge(lab, host):
    assert lab.play([settings_task()], hosts=host).rc == 0


@pytest.mark.parametrize('name', sorted(FAULTS))
def test_fault_is_recovered_and_the_write_lands_once(lab, name):
    host = lab.hosts[0]
    converge(lab, host)
    lab.reset_stats()
    lab.faults(host, *FAULTS[name])
    run = lab.play([settings_task(general=dict(room_name='After %s' % name))], hosts=host)
    assert run.rc == 0, run.output[-3000:]
    assert run.task('settings', host)['changes'] == ['general.room_name']
    assert lab.state(host)['vars']['system.info.roomname'] == 'After %s' % name
    assert lab.stats(host)['active_sessions'] == 0


def test_a_device_that_stays_busy_is_reported_with_its_answer_and_nothing_is_written(lab):
    host = lab.hosts[0]
    converge(lab, host)
    before = lab.settings(host)
    lab.faults(host, {'kind': 'status', 'status': 503, 'count': 50, 'path': '/rest/config', 'method': 'POST', 'retry_after': 0})
    run = lab.play([settings_task(general=dict(room_name='never'))], hosts=host)
    result = run.task('settings', host)
    assert run.rc != 0
    assert 'HTTP 503' in result['msg'] and '/rest/config' in result['msg']
    assert lab.settings(host) == before
    lab.control(host, 'DELETE', '/_lab/faults')
    assert lab.stats(host)['active_sessions'] == 0


def test_wrong_password_is_reported_with_the_device_answer(lab):
    host = lab.hosts[0]
    converge(lab, host)
    run = lab.play([{'name': 'info', 'polycom.uc.pano_info': {'password': 'not-the-password'}}], hosts=host)
    result = run.task('info', host)
    assert run.rc != 0 and 'LOGINFAILED' in result['msg'] and 'not-the-password' not in run.output


def test_restart_and_guarded_delete_all_settings(lab):
    host = lab.hosts[0]
    converge(lab, host)
    restarts = lab.state(host)['restarts']
    run = lab.play([{'name': 'restart', 'polycom.uc.pano_maintenance': {'action': 'restart'}},
                    {'name': 'unconfirmed', 'polycom.uc.pano_maintenance': {'action': 'delete_all_settings'}, 'failed_when': False}],
                   hosts=host)
    assert run.rc == 0, run.output[-3000:]
    assert run.task('restart', host)['waited'] and lab.state(host)['restarts'] == restarts + 1
    assert 'confirm' in run.task('unconfirmed', host)['msg'] and lab.state(host)['setup'] == 'complete'

    check = lab.play([{'name': 'reset', 'polycom.uc.pano_maintenance': {'action': 'delete_all_settings', 'confirm': True}}],
                     hosts=host, check=True)
    assert check.task('reset', host)['changed'] and lab.state(host)['setup'] == 'complete'
    lab.play([{'name': 'reset', 'polycom.uc.pano_maintenance': {'action': 'delete_all_settings', 'confirm': True}}], hosts=host)
    assert lab.state(host)['setup'] == 'pending'
    assert lab.play([settings_task()], hosts=host).task('settings', host)['setup_completed']


def test_logs_are_downloaded_as_a_tgz(lab, tmp_path):
    import tarfile
    host = lab.hosts[0]
    converge(lab, host)
    dest = tmp_path / 'logs'
    dest.mkdir()
    check = lab.play([{'name': 'logs', 'polycom.uc.pano_logs': {'dest': str(dest)}}], hosts=host, check=True)
    assert check.task('logs', host)['changed'] and not list(dest.iterdir())
    run = lab.play([{'name': 'logs', 'polycom.uc.pano_logs': {'dest': str(dest)}}], hosts=host)
    path = run.task('logs', host)['dest']
    with tarfile.open(path) as archive:
        names = archive.getnames()
    assert any(name.endswith('system.log') for name in names)
    assert lab.lab.devices[host]['serial'] in path
