"""The room_pairing role against the lab: each of the guide's room setups, in order, idempotent, check mode, refusals."""
from pairing_lab import ROOMS, VIDEO_SYSTEMS, rooms  # noqa: F401 pylint: disable=unused-import

READ = 'Read the video system'
REFUSE = 'Refuse a video system the Pano cannot pair with (nothing has been changed)'
PANO = 'Pano - disable VisualBoard and set the monitor the room setup needs; read the pairing'
PROFILES = 'Video system - set the monitor profiles (restart where the guide says so, only after a change)'
PAIR = 'Pano - pair with the video system (Connect, then Pair or Update)'
ORDER = [READ, REFUSE, PANO, PROFILES, PAIR]

# What the guide's procedure leaves on each device, per setup (factory video system: near-or-far / content).
EXPECTED = {
    'two_monitor': dict(monitors={'monitor1': 'near-or-far', 'monitor2': 'content-or-far'}, pano_monitor=('automatic', '3840x2160p60'),
                        restarts=0, gs_changes=['monitor_profiles.monitor1', 'monitor_profiles.monitor2'],
                        pano_changes=['general.visualboard']),
    'two_monitor_touch': dict(monitors={'monitor1': 'all', 'monitor2': 'content'}, pano_monitor=('manual', '3840x2160p30'),
                              restarts=1, gs_changes=['monitor_profiles.monitor1'],
                              pano_changes=['general.visualboard', 'monitor.mode', 'monitor.resolution']),
    'three_monitor': dict(monitors={'monitor1': 'near-or-far', 'monitor2': 'content'}, pano_monitor=('manual', '3840x2160p30'),
                          restarts=0, gs_changes=None, pano_changes=['general.visualboard', 'monitor.mode', 'monitor.resolution']),
}
# The Pano on a no-change run: login, one read of its settings and pairing, logout.
PANO_NO_CHANGE = {'POST /rest/session': 1, 'POST /rest/config': 1, 'DELETE /rest/session': 1}


def result(run, name, host):
    found = [r for r in run.results if r['host'] == host and r['task'].endswith(name)]
    assert found, 'no %r for %s in:\n%s' % (name, host, run.output[-3000:])
    return found[0]


def task_order(run, host):
    names = [r['task'].split(' : ', 1)[-1] for r in run.results if r['host'] == host and r['status'] != 'skipped']
    return [n for n in names if n in ORDER]


def test_every_setup_converges_in_the_guides_order_check_mode_predicts_it_and_the_second_run_changes_nothing(rooms):
    # the huddle room's video system starts with both profiles wrong, so both change in one combined command
    rooms.gs_set('gs-huddle-1', monitor1='near')
    before = rooms.snapshot()

    check = rooms.rooms_play(check=True, diff=True)
    assert check.rc == 0, check.output[-3000:]
    assert rooms.snapshot() == before, 'check mode wrote something'
    for host in rooms.hosts:
        assert rooms.stats(host)['config_writes'] == 0 and 'POST /rest/pairing' not in rooms.stats(host)['by_endpoint']
    for name in VIDEO_SYSTEMS:
        stats = rooms.gs_stats(name)
        assert stats['api_sets'] == 0 and stats['config_writes'] == 0 and rooms.gs_state(name)['restarts'] == 0

    real = rooms.rooms_play(diff=True)
    assert real.rc == 0, real.output[-3000:]
    for host, (system, setup) in sorted(ROOMS.items()):
        expected = EXPECTED[setup]
        pano, gs = rooms.state(host), rooms.gs_state(system)
        expected_order = ORDER if expected['gs_changes'] is not None else [n for n in ORDER if n != PROFILES]
        assert task_order(real, host) == expected_order, (host, task_order(real, host))
        assert {'monitor1': gs['monitor1'], 'monitor2': gs['monitor2']} == expected['monitors'], (host, gs)
        assert (pano['vars']['monitor.mode'], pano['vars']['monitor.resolution']) == expected['pano_monitor'], host
        assert pano['vars']['system.visualboard.enabled'] == 'false'
        assert gs['restarts'] == expected['restarts'], (host, gs['restarts'])
        assert pano['pairing_state'] == 'PAIRED' and pano['pairing']['address'] == rooms.address(system)
        assert pano['pairing']['password'] == 'Lab-GS-Admin-1!' and pano['pairing']['videoSystem']['serialNumber'] == gs['serial']
        if expected['gs_changes'] is not None:
            assert result(real, PROFILES, host)['result']['changes'] == expected['gs_changes']
            assert result(real, PROFILES, host)['result']['restarted'] is bool(expected['restarts'])
        # the Pano's settings in one write, no button yet; the buttons after the video system
        pano = result(real, PANO, host)['result']
        assert pano['changes'] == expected['pano_changes'] and pano['actions'] == ['connect', 'pair'], (host, pano)
        assert pano['before']['state'] == pano['after']['state'] == 'unpaired' and pano['after']['general'] == {'visualboard': False}
        assert result(real, PAIR, host)['result']['actions'] == ['connect', 'pair']
        assert result(real, PAIR, host)['result']['changes'] == []
        # check mode predicted exactly this
        for name in (PANO, PROFILES, PAIR):
            predicted, done = result(check, name, host), result(real, name, host)
            assert predicted['status'] == done['status'], (host, name)
            for key in ('changed', 'changes', 'setting_changes', 'actions', 'before', 'after', 'restarted'):
                assert predicted['result'].get(key) == done['result'].get(key), (host, name, key)
    assert rooms.gs_state('gs-legacy')['restarts'] == 0 and rooms.stats('pano1')['active_sessions'] == 0

    # Second run over telnet: the command channels give the same answers, so nothing changes either.
    rooms.reset_stats()
    again = rooms.rooms_play(transport='telnet')
    assert again.rc == 0 and again.changed() == 0, again.output[-3000:]
    assert_no_change_budget(rooms, again)
    assert_no_change_budget(rooms, again, transport='telnet')
    for host, (system, setup) in sorted(ROOMS.items()):
        assert rooms.gs_state(system)['restarts'] == EXPECTED[setup]['restarts'], 'restart only when something changed'

    # check mode on a converged room costs the same
    rooms.reset_stats()
    checked = rooms.rooms_play(check=True)
    assert checked.rc == 0 and checked.changed() == 0, checked.output[-3000:]
    assert_no_change_budget(rooms, checked, transport='ssh')


def assert_no_change_budget(rooms, run, transport='telnet'):
    """The P2 budget of a no-change run: per Pano <= 3 REST requests (login, one read, logout); per video system
    <= 3 REST requests (login, GET /rest/system, logout) plus one command-channel session that only reads."""
    for host, (system, setup) in sorted(ROOMS.items()):
        gs, pano = rooms.gs_stats(system), rooms.stats(host)
        assert gs['requests'] <= 3 and gs['config_writes'] == 0, (system, gs)
        assert gs['api_sessions'] == (0 if EXPECTED[setup]['gs_changes'] is None else 1) and gs['api_sets'] == 0, (system, gs)
        assert gs['api_sessions_by_transport'][transport] == gs['api_sessions'], (system, gs)
        assert pano['requests'] <= 3 and pano['by_endpoint'] == PANO_NO_CHANGE, (host, pano)
        assert pano['config_reads'] == 1 and pano['config_writes'] == 0 and pano['logins'] == pano['logouts'] == 1, (host, pano)
        assert result(run, PAIR, host)['status'] == 'skipped', 'no button to press, so no second Pano session'


def test_unsupported_systems_and_a_wrong_video_system_password_are_refused_before_any_change(rooms):
    rooms.gs_set('gs-huddle-1', softwareVersion='Release - 5.1.2-3313')
    before = rooms.snapshot()
    run = rooms.rooms_play(rooms={'pano1': ('gs-legacy', 'two_monitor'), 'pano2': ('gs-huddle-1', 'two_monitor_touch'),
                                  'pano3': ('gs-training', 'three_monitor')},
                           gs_host_vars={'gs-training': {'group_series_password': 'not-the-gs-password'}})
    assert run.rc != 0
    legacy = result(run, REFUSE, 'pano1')
    assert legacy['status'] == 'failed' and 'RealPresence Group 300' in legacy['result']['msg']
    assert 'is not one Pano pairs with' in legacy['result']['msg'] and 'Nothing was changed' in legacy['result']['msg']
    old = result(run, REFUSE, 'pano2')
    assert old['status'] == 'failed' and 'software 5.1.2 is older than 6.0' in old['result']['msg']
    wrong = result(run, READ, 'pano3')
    assert wrong['status'] == 'failed' and 'LOGINFAILED' in wrong['result']['msg']
    assert 'not-the-gs-password' not in run.output
    for host in rooms.hosts:
        assert task_order(run, host)[-1] in (READ, REFUSE), 'nothing after the refusal ran on %s' % host
    assert rooms.snapshot() == before, 'a refused room changed a device'


def test_a_room_that_moves_to_another_video_system_is_updated_and_absent_unpairs(rooms):
    one = {'pano1': ('gs-huddle-1', 'two_monitor')}
    assert rooms.rooms_play(hosts='pano1', rooms=one).rc == 0
    moved = rooms.rooms_play(hosts='pano1', rooms={'pano1': ('gs-training', 'two_monitor')}, diff=True)
    assert moved.rc == 0, moved.output[-3000:]
    pair = result(moved, PAIR, 'pano1')['result']
    assert pair['actions'] == ['connect', 'update']
    assert pair['before']['address'] == rooms.address('gs-huddle-1') and pair['after']['address'] == rooms.address('gs-training')
    assert rooms.state('pano1')['pairing']['address'] == rooms.address('gs-training')
    assert rooms.gs_state('gs-training')['monitor2'] == 'content-or-far'

    gone = rooms.rooms_play(hosts='pano1', rooms=one, role_vars={'room_pairing_state': 'absent'})
    assert gone.rc == 0 and result(gone, 'Unpair the Pano', 'pano1')['result']['actions'] == ['unpair']
    assert rooms.state('pano1')['pairing_state'] == 'UNPAIRED'
    assert rooms.gs_state('gs-training')['monitor2'] == 'content-or-far', 'absent only unpairs'
    assert rooms.rooms_play(hosts='pano1', rooms=one, role_vars={'room_pairing_state': 'absent'}).changed() == 0


def test_run_the_setup_wizard_a_factory_pano_in_a_room_is_set_up_with_the_country_then_paired(rooms):
    """room_pairing on a Pano fresh from the box: the setup wizard asks for the country, so the role gives it
    (room_pairing_pano_country, by default the general.country of the inventory's Pano settings); without one, the run
    stops before any write, naming it."""
    rooms.control('pano1', 'POST', '/_lab/factory')
    rooms.reset_stats()
    factory = {'room_pairing_pano_initial_password': '{{ pano_serial[-6:] }}'}

    refused = rooms.rooms_play(hosts='pano1', role_vars=factory)
    assert refused.rc != 0 and 'general.country' in refused.output, refused.output[-3000:]
    assert rooms.stats('pano1')['config_writes'] == 0 and rooms.state('pano1')['setup'] == 'pending'

    given = dict(factory, room_pairing_pano_country='DE')
    done = rooms.rooms_play(hosts='pano1', role_vars=given)
    assert done.rc == 0, done.output[-3000:]
    pano = rooms.state('pano1')
    assert pano['setup'] == 'complete' and pano['vars']['system.country'] == 'DE' and pano['pairing_state'] == 'PAIRED'
    again = rooms.rooms_play(hosts='pano1', role_vars=given)
    assert again.rc == 0 and result(again, PANO, 'pano1')['result']['changes'] == [], again.output[-3000:]
