"""pano_pairing, group_series_info and group_series_config against the lab: buttons, failures, transports, faults, input checks."""
from conftest import PASSWORD
from pairing_lab import GS_PASSWORD, failing, pairing, rooms  # noqa: F401 pylint: disable=unused-import

WRONG = 'Wrong-GS-Pw-99!'


def test_pair_update_content_test_and_unpair_press_the_guides_buttons(rooms):
    a, b = rooms.address('gs-huddle-1'), rooms.address('gs-boardroom')
    tasks = [
        {'name': 'visualboard off', 'polycom.uc.pano_settings': {'general': {'visualboard': False}}},
        pairing('pair a', a),
        pairing('pair a again', a),
        pairing('pair a again as https url', 'https://%s/' % a),
        pairing('move to b (check)', b, check=True),
        pairing('move to b', b),
        pairing('content test', b, content_test=True, video_system_ca_path=rooms.lab.ca),
        pairing('force', b, force=True),
        {'name': 'unpair (check)', 'polycom.uc.pano_pairing': {'state': 'absent'}, 'check_mode': True},
        {'name': 'unpair', 'polycom.uc.pano_pairing': {'state': 'absent'}},
        {'name': 'unpair again', 'polycom.uc.pano_pairing': {'state': 'absent'}},
    ]
    run = rooms.pano_play(tasks, hosts='pano1', diff=True)
    assert run.rc == 0, run.output[-3000:]

    def result(name):
        return run.task(name, 'pano1')

    assert result('pair a')['actions'] == ['connect', 'pair'] and result('pair a')['changed']
    assert result('pair a')['video_system']['model'] == 'RealPresence Group 310'
    assert result('pair a again')['actions'] == [] and not result('pair a again')['changed']
    assert not result('pair a again as https url')['changed']
    assert result('move to b (check)')['actions'] == ['connect', 'update']
    assert result('move to b')['actions'] == ['connect', 'update'] and result('move to b')['before']['address'] == a
    assert result('move to b')['diff']['after'] == {'state': 'paired', 'address': b, 'user': 'admin'}
    test = result('content test')
    assert not test['changed'] and test['content_test'] == {'started': True, 'confirmed': True, 'stopped': True, 'source': 'Pano-A1B2C3'}
    assert result('force')['actions'] == ['connect', 'update'] and result('force')['changed']
    assert result('unpair (check)')['actions'] == ['unpair']
    assert result('unpair')['actions'] == ['unpair'] and result('unpair')['after']['state'] == 'unpaired'
    assert not result('unpair again')['changed']

    assert rooms.state('pano1')['pairing_state'] == 'UNPAIRED'
    board = rooms.gs_state('gs-boardroom')
    assert board['content_log'] == ['start Pano-A1B2C3', 'stop Pano-A1B2C3'] and board['content']['state'] == 'INACTIVE'
    assert rooms.gs_state('gs-huddle-1')['content_log'] == []
    # the Pano's Connect really logs in to the video system: once for "pair a", once per connect to b, twice for content
    assert rooms.gs_stats('gs-huddle-1')['logins'] == 1
    assert rooms.gs_stats('gs-boardroom')['logins'] == 2 + 2 + 1  # connect x2, start/stop content, the module's own check


def test_failed_connects_leave_no_half_paired_pano_and_no_password_anywhere(rooms):
    a, b = rooms.address('gs-huddle-1'), rooms.address('gs-boardroom')
    tasks = [
        {'name': 'visualboard off', 'polycom.uc.pano_settings': {'general': {'visualboard': False}}},
        failing(pairing('wrong password', a, video_system_password=WRONG)),
        failing(pairing('unreachable', '127.0.0.1:1')),
        failing(pairing('unsupported', rooms.address('gs-legacy'))),
        pairing('pair a', a),
        failing(pairing('move to b with the wrong password', b, video_system_password=WRONG)),
        failing({'name': 'no address', 'polycom.uc.pano_pairing': {'video_system_password': WRONG}}),
        failing(pairing('blank address', ' ')),
    ]
    run = rooms.pano_play(tasks, hosts='pano1', verbosity=4)
    assert run.rc == 0, run.output[-3000:]

    def result(name):
        return run.task(name, 'pano1')

    msg = result('wrong password')['msg']
    assert msg.startswith('Connect failed: the video system at %s refused admin ID' % a) and 'the Pano is not paired' in msg
    assert 'no answer from the video system at 127.0.0.1:1' in result('unreachable')['msg']
    assert 'RealPresence Group 300 is not supported' in result('unsupported')['msg']
    moved = result('move to b with the wrong password')['msg']
    assert 'Connect failed' in moved and 'the Pano is paired with %s' % a in moved
    assert result('move to b with the wrong password')['after'] == {'state': 'paired', 'address': a, 'user': 'admin'}
    assert 'state is present but all of the following are missing: video_system' in result('no address')['msg']
    assert "video_system: must be an IP address or host name, optionally with :port, got ''" in result('blank address')['msg']
    state = rooms.state('pano1')
    assert state['pairing_state'] == 'PAIRED' and state['pairing']['address'] == a and state['pairing']['pending'] is None
    for secret in (WRONG, GS_PASSWORD, PASSWORD):
        assert secret not in run.output and secret not in str(run.results)
    assert rooms.gs_stats('gs-boardroom')['failed_logins'] == 1 and rooms.gs_stats('gs-huddle-1')['failed_logins'] == 1


def test_pairing_needs_visualboard_off(rooms):
    run = rooms.pano_play([failing(pairing('pair', rooms.address('gs-huddle-1')))], hosts='pano1')
    msg = run.task('pair', 'pano1')['msg']
    assert 'Pair failed: disable the VisualBoard application first' in msg and 'connected to %s but not paired' % rooms.address('gs-huddle-1') in msg
    assert rooms.state('pano1')['pairing_state'] == 'CONNECTED', 'Connect worked; the Pair button refused'


PROFILES = {'monitor1': 'far, then near', 'monitor2': 'Content, then Far'}


def test_ssh_and_telnet_give_identical_results(rooms):
    for name in ('gs-huddle-1', 'gs-training'):
        rooms.gs_set(name, systemName='Same Room', monitor1='near', monitor2='far', dualmonitor=True)
    config = {'monitor_profiles': PROFILES, 'system_name': u'Raum 4.12 \u2013 Nord', 'dual_monitor': False}
    tasks = [
        {'name': 'config', 'polycom.uc.group_series_config': config},
        {'name': 'again', 'polycom.uc.group_series_config': config},
        {'name': 'info', 'polycom.uc.group_series_info': {'gather_subset': ['monitors']}},
    ]
    run = rooms.gs_play(tasks, hosts='gs-huddle-1,gs-training', diff=True,
                        gs_host_vars={'gs-training': {'group_series_api_transport': 'telnet'}})
    assert run.rc == 0, run.output[-3000:]
    ssh, telnet = run.task('config', 'gs-huddle-1'), run.task('config', 'gs-training')
    for key in ('changed', 'changes', 'before', 'after', 'diff', 'restarted'):
        assert ssh[key] == telnet[key], key
    assert ssh['changes'] == ['dual_monitor', 'monitor_profiles.monitor1', 'monitor_profiles.monitor2', 'system_name']
    assert ssh['after']['monitor_profiles'] == {'monitor1': 'near-or-far', 'monitor2': 'content-or-far'}
    assert not run.task('again', 'gs-huddle-1')['changed'] and not run.task('again', 'gs-training')['changed']
    info_ssh, info_telnet = run.task('info', 'gs-huddle-1'), run.task('info', 'gs-training')
    for key in ('monitor_profiles', 'monitor_profile_labels', 'dual_monitor'):
        assert info_ssh[key] == info_telnet[key], key
    assert info_ssh['monitor_profile_labels'] == {'monitor1': 'Far, then Near', 'monitor2': 'Content, then Far'}
    assert info_ssh['device']['system_name'] == info_telnet['device']['system_name'] == u'Raum 4.12 \u2013 Nord'
    assert info_ssh['device']['model'] == 'Group310' and info_telnet['device']['model'] == 'Group500'
    for name, used, unused in (('gs-huddle-1', 'ssh', 'telnet'), ('gs-training', 'telnet', 'ssh')):
        stats, state = rooms.gs_stats(name), rooms.gs_state(name)
        assert stats['api_sessions_by_transport'] == {used: 3, unused: 0}
        assert stats['requests'] == 0, 'monitor profiles, system name and dual monitor need no REST'
        assert (state['monitor1'], state['monitor2'], state['dualmonitor']) == ('near-or-far', 'content-or-far', False)


def test_group_series_info_reports_identity_support_and_rest_variables(rooms):
    rooms.gs_set('gs-training', softwareVersion='Release - 6.10.0-100')
    task = {'name': 'info', 'polycom.uc.group_series_info': {'config_names': ['system.network.hostname', 'no.such.name']}}
    run = rooms.gs_play([task])
    assert run.rc == 0, run.output[-3000:]
    systems = run.task('info')
    assert systems['gs-huddle-1']['device']['firmware_version'] == '6.2.2.8' and systems['gs-huddle-1']['device']['pairing_supported']
    assert systems['gs-training']['device']['firmware_version'] == '6.10.0' and systems['gs-training']['device']['pairing_supported']
    assert not systems['gs-legacy']['device']['pairing_supported']
    assert systems['gs-boardroom']['config'] == {'system.network.hostname': 'gs-21c3d4'}
    assert systems['gs-boardroom']['unreadable'] == ['no.such.name']
    assert systems['gs-boardroom']['monitor_profiles'] == {'monitor1': 'near-or-far', 'monitor2': 'content'}
    assert rooms.gs_stats('gs-boardroom')['requests'] == 4 and rooms.gs_stats('gs-boardroom')['api_sessions'] == 1


def test_rest_variables_are_idempotent_and_a_restart_happens_only_after_a_change(rooms):
    host = 'gs-huddle-1'
    set_name = {'config': {'system.network.hostname': 'gs-room-4'}}
    restart = {'config': {'system.network.hostname': 'gs-room-5'}, 'restart': 'when_changed', 'restart_timeout': 30}
    tasks = [
        {'name': 'check', 'polycom.uc.group_series_config': set_name, 'check_mode': True},
        {'name': 'set', 'polycom.uc.group_series_config': set_name},
        {'name': 'again', 'polycom.uc.group_series_config': set_name},
        {'name': 'restart', 'polycom.uc.group_series_config': restart},
        {'name': 'no restart', 'polycom.uc.group_series_config': restart},
        failing({'name': 'unknown', 'polycom.uc.group_series_config': {'config': {'no.such.name': 'x', 'system.network.hostname': 'y'}}}),
    ]
    run = rooms.gs_play(tasks, hosts=host, diff=True)
    assert run.rc == 0, run.output[-3000:]

    def result(name):
        return run.task(name, host)

    assert result('check')['changes'] == ['config.system.network.hostname'] and result('check')['before'] == {
        'config': {'system.network.hostname': 'gs-19a1b2'}}
    assert result('set')['changes'] == result('check')['changes'] and result('set')['reboot_needed'] is True
    assert not result('again')['changed']
    assert result('restart')['restarted'] and result('restart')['reboot_needed'] is False
    assert not result('no restart')['changed'] and not result('no restart')['restarted']
    assert 'no readable variable no.such.name; nothing was written' in result('unknown')['msg']
    state = rooms.gs_state(host)
    assert state['restarts'] == 1 and state['vars']['system.network.hostname'] == 'gs-room-5'
    assert rooms.gs_stats(host)['config_writes'] == 2


def test_bad_input_is_refused_before_connecting(rooms):
    bad = [
        ({'monitor_profiles': {'monitor1': 'near, then far'}}, ['monitor_profiles.monitor1', '"Far, then Near" (near-or-far)',
                                                                '"Content, then Far, then Near" (all)']),
        ({'monitor_profiles': {'monitor3': 'far'}}, ['monitor3', 'Supported parameters include']),
        ({'system_name': 'say "hi"'}, ['system_name', 'without double quotes']),
        ({'system_name': 'x' * 65}, ['system_name', '1 to 64 characters']),
        ({'config': {'bad name!': 'x'}}, ['config', 'not a variable name']),
        ({'config': {'system.info.systemname': ['a']}}, ['config.system.info.systemname', 'string, number or boolean']),
        ({'api_transport': 'rlogin', 'system_name': 'x'}, ['api_transport', 'ssh, telnet']),
        ({'restart': 'always'}, ['restart', 'never, when_changed']),
    ]
    tasks = [failing({'name': 'bad %d' % index, 'polycom.uc.group_series_config': args}) for index, (args, _fragments) in enumerate(bad)]
    tasks.append(failing({'name': 'bad info', 'polycom.uc.group_series_info': {'gather_subset': ['monitors'], 'config_names': ['x']}}))
    run = rooms.gs_play(tasks, hosts='gs-huddle-1')
    assert run.rc == 0, run.output[-3000:]
    for index, (_args, fragments) in enumerate(bad):
        msg = run.task('bad %d' % index, 'gs-huddle-1')['msg']
        for fragment in fragments:
            assert fragment in msg, (index, fragment, msg)
    assert 'needs "system" in gather_subset' in run.task('bad info', 'gs-huddle-1')['msg']
    stats = rooms.gs_stats('gs-huddle-1')
    assert stats['requests'] == 0 and stats['api_sessions'] == 0, 'nothing reached the system'
