"""pano_pairing with the guide's Pano-side steps: settings and pairing read together, one write, buttons only when needed."""
import requests

from conftest import PASSWORD
from pairing_lab import failing, pairing, rooms  # noqa: F401 pylint: disable=unused-import

HOST = 'pano1'
TOUCH = {'general': {'visualboard': False}, 'monitor': {'mode': 'manual', 'resolution': '3840x2160p30'}}
NO_CHANGE = {'POST /rest/session': 1, 'POST /rest/config': 1, 'DELETE /rest/session': 1}


def test_settings_and_pairing_in_one_task_and_a_no_change_run_is_login_read_logout(rooms):
    a = rooms.address('gs-huddle-1')
    check = rooms.pano_play([pairing('check', a, check=True, **TOUCH)], hosts=HOST, diff=True)
    assert check.rc == 0, check.output[-3000:]
    predicted = check.task('check', HOST)
    assert predicted['changed'] and predicted['actions'] == ['connect', 'pair']
    assert predicted['changes'] == ['general.visualboard', 'monitor.mode', 'monitor.resolution']
    assert predicted['diff']['before'] == {'state': 'unpaired', 'address': '', 'user': '', 'general': {'visualboard': True},
                                           'monitor': {'mode': 'automatic', 'resolution': '3840x2160p60'}}
    assert predicted['diff']['after'] == {'state': 'paired', 'address': a, 'user': 'admin', 'general': {'visualboard': False},
                                          'monitor': {'mode': 'manual', 'resolution': '3840x2160p30'}}
    stats = rooms.stats(HOST)
    assert stats['config_writes'] == 0 and 'POST /rest/pairing' not in stats['by_endpoint'] and stats['config_reads'] == 1
    assert rooms.state(HOST)['vars']['system.visualboard.enabled'] == 'true'

    rooms.reset_stats()
    real = rooms.pano_play([pairing('pair', a, **TOUCH)], hosts=HOST, diff=True)
    assert real.rc == 0, real.output[-3000:]
    done = real.task('pair', HOST)
    for key in ('changed', 'actions', 'changes', 'setting_changes', 'before', 'after', 'diff'):
        assert done[key] == predicted[key], key
    assert done['video_system']['model'] == 'RealPresence Group 310'
    state, stats = rooms.state(HOST), rooms.stats(HOST)
    assert state['pairing_state'] == 'PAIRED' and state['pairing']['address'] == a
    assert (state['vars']['system.visualboard.enabled'], state['vars']['monitor.mode'], state['vars']['monitor.resolution']) == (
        'false', 'manual', '3840x2160p30')
    # login, one read, one write (before the buttons: Pair needs VisualBoard off), Connect, Pair, logout
    assert stats['by_endpoint'] == {'POST /rest/session': 1, 'POST /rest/config': 2, 'POST /rest/pairing': 2, 'DELETE /rest/session': 1}
    assert stats['config_reads'] == 1 and stats['config_writes'] == 1

    for run_check in (False, True):
        rooms.reset_stats()
        again = rooms.pano_play([pairing('again', a, **TOUCH)], hosts=HOST, check=run_check)
        assert again.rc == 0 and not again.task('again', HOST)['changed'], again.output[-3000:]
        assert again.task('again', HOST)['actions'] == [] and again.task('again', HOST)['changes'] == []
        assert again.task('again', HOST)['video_system']['serialNumber'] == rooms.gs_state('gs-huddle-1')['serial']
        stats = rooms.stats(HOST)
        assert stats['requests'] == 3 and stats['by_endpoint'] == NO_CHANGE and stats['config_writes'] == 0, stats


def test_defer_pairing_writes_the_settings_and_presses_no_button(rooms):
    a = rooms.address('gs-huddle-1')
    tasks = [
        pairing('defer', a, defer_pairing=True, **TOUCH),
        pairing('defer again', a, defer_pairing=True, **TOUCH),
        failing(pairing('defer with content test', a, defer_pairing=True, content_test=True)),
    ]
    run = rooms.pano_play(tasks, hosts=HOST, diff=True)
    assert run.rc == 0, run.output[-3000:]
    first, second = run.task('defer', HOST), run.task('defer again', HOST)
    assert first['changed'] and first['changes'] == ['general.visualboard', 'monitor.mode', 'monitor.resolution']
    assert first['actions'] == ['connect', 'pair'], 'the buttons a pairing run would press'
    assert first['before']['state'] == first['after']['state'] == 'unpaired'
    assert not second['changed'] and second['actions'] == ['connect', 'pair'] and second['changes'] == []
    assert 'content_test: needs the pairing' in run.task('defer with content test', HOST)['msg']
    stats = rooms.stats(HOST)
    assert 'POST /rest/pairing' not in stats['by_endpoint'] and stats['config_writes'] == 1 and stats['logins'] == 2
    assert rooms.state(HOST)['pairing_state'] == 'UNPAIRED' and rooms.state(HOST)['vars']['monitor.mode'] == 'manual'


def test_bad_settings_are_refused_before_any_write_or_button(rooms):
    a = rooms.address('gs-huddle-1')
    tasks = [
        failing(pairing('resolution in automatic mode', a, monitor={'resolution': '1920x1080p60'})),
        failing(pairing('no such mode', a, monitor={'mode': 'fancy'})),
        failing(pairing('no such setting', a, general={'visualboard': False, 'room_name': 'x'})),
        failing(pairing('factory password kept', a, initial_password=PASSWORD)),
    ]
    run = rooms.pano_play(tasks, hosts=HOST)
    assert run.rc == 0, run.output[-3000:]
    msg = run.task('resolution in automatic mode', HOST)['msg']
    assert msg == 'invalid settings: monitor.resolution: a resolution is allowed only with monitor.mode=manual', msg
    assert 'value of mode must be one of: automatic, manual, got: fancy' in run.task('no such mode', HOST)['msg']
    assert 'room_name' in run.task('no such setting', HOST)['msg'], 'pano_pairing takes only the pairing steps'
    assert 'the factory password must be changed' in run.task('factory password kept', HOST)['msg']
    stats = rooms.stats(HOST)
    assert stats['config_writes'] == 0 and 'POST /rest/pairing' not in stats['by_endpoint']
    assert stats['logins'] == 2, 'the option errors never reached the Pano; the rule needs its current monitor mode'
    assert rooms.state(HOST)['pairing_state'] == 'UNPAIRED'


def test_a_factory_pano_is_set_up_and_paired_in_one_run(rooms):
    serial = rooms.lab.devices[HOST]['serial']
    rooms.control(HOST, 'POST', '/_lab/state', {'setup_complete': False, 'admin_password': serial[-6:], 'vars': {'system.country': ''}})
    rooms.reset_stats()
    without_country = failing(pairing('no country', rooms.address('gs-huddle-1'), initial_password=serial[-6:], general={'visualboard': False}))
    refused = rooms.pano_play([without_country], hosts=HOST).task('no country', HOST)
    assert not refused['changed'] and refused['msg'].startswith('invalid settings: general.country: the setup wizard asks'), refused
    assert rooms.stats(HOST)['config_writes'] == 0 and 'POST /rest/pairing' not in rooms.stats(HOST)['by_endpoint']
    rooms.reset_stats()
    task = pairing('pair', rooms.address('gs-huddle-1'), initial_password=serial[-6:], general={'visualboard': False, 'country': 'DE'})
    run = rooms.pano_play([task], hosts=HOST, diff=True)
    assert run.rc == 0, run.output[-3000:]
    result = run.task('pair', HOST)
    assert result['setup_completed'] and result['actions'] == ['connect', 'pair']
    assert result['changes'] == ['general.country', 'general.visualboard', 'local_account.password']
    assert result['after']['local_account'] == {'password': '<masked: will change>'} and PASSWORD not in run.output
    state, stats = rooms.state(HOST), rooms.stats(HOST)
    assert state['setup'] == 'complete' and state['admin_password'] == PASSWORD and state['pairing_state'] == 'PAIRED'
    assert state['vars']['system.country'] == 'DE'
    assert stats['failed_logins'] == 1 and stats['config_writes'] == 1, 'refused with the new password, then in with the factory one'


def test_the_pairing_variables_are_read_only_on_the_emulated_pano(rooms):
    state = rooms.lab.read_state()
    base = 'https://%s:%d' % (state['host'], rooms.lab.devices[HOST]['port'])
    session = requests.Session()
    session.trust_env = False
    login = session.post(base + '/rest/session', json={'user': 'admin', 'password': PASSWORD, 'action': 'Login'}, verify=rooms.lab.ca)
    assert login.status_code == 200
    try:
        names = ['pairing.state', 'pairing.address', 'pairing.userid', 'pairing.pending.address', 'pairing.videosystem.model']
        read = session.post(base + '/rest/config', json={'names': names}, verify=rooms.lab.ca).json()['vars']
        assert [(v['name'], v['value'], v['result']) for v in read] == [
            ('pairing.state', 'UNPAIRED', 'NOERROR'), ('pairing.address', '', 'NOERROR'), ('pairing.userid', '', 'NOERROR'),
            ('pairing.pending.address', '', 'NOERROR'), ('pairing.videosystem.model', '', 'NOERROR')]
        write = session.post(base + '/rest/config', verify=rooms.lab.ca, json={'vars': [
            {'name': 'system.visualboard.enabled', 'value': 'false'}, {'name': 'pairing.state', 'value': 'PAIRED'}]})
        assert write.status_code == 400
        assert [v['result'] for v in write.json()['vars']] == ['NOERROR', 'READ_ONLY']
    finally:
        session.delete(base + '/rest/session', verify=rooms.lab.ca)
    assert rooms.state(HOST)['pairing_state'] == 'UNPAIRED' and rooms.state(HOST)['vars']['system.visualboard.enabled'] == 'true'
