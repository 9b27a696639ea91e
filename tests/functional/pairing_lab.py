"""Helpers for the pairing tests: the lab's Panos and Group Series systems as one room inventory."""
import os
import sys
import time

import pytest

from conftest import PASSWORD, LabFixture, ROOT

sys.path.insert(0, os.path.join(ROOT, 'tests', 'lab'))

from lab import _https_json  # noqa: E402 pylint: disable=wrong-import-position

# lab device name -> (inventory room: video system, setup)
ROOMS = {
    'pano1': ('gs-huddle-1', 'two_monitor'),
    'pano2': ('gs-boardroom', 'two_monitor_touch'),
    'pano3': ('gs-training', 'three_monitor'),
}
VIDEO_SYSTEMS = ('gs-huddle-1', 'gs-boardroom', 'gs-training', 'gs-legacy')
GS_PASSWORD = 'Lab-GS-Admin-1!'  # tests/lab/lab.json


class Rooms(LabFixture):
    """The lab with the Panos set up (admin password PASSWORD) and every Group Series in its configured state."""

    @property
    def gs(self):
        return self.lab.read_state()['services']['group_series']

    def gs_control(self, name, method, path, body=None):
        state = self.lab.read_state()
        device = self.gs['devices'][name]
        status, answer = _https_json(state['host'], device['rest_port'], state['ca'], method, path, body, timeout=10.0)
        assert status < 400, (name, method, path, status, answer)
        return answer

    def gs_state(self, name):
        return self.gs_control(name, 'GET', '/_lab/state')

    def gs_stats(self, name):
        return self.gs_control(name, 'GET', '/_lab/stats')

    def gs_faults(self, name, *faults):
        self.gs_control(name, 'POST', '/_lab/faults', {'faults': list(faults)})

    def gs_set(self, name, **values):
        return self.gs_control(name, 'POST', '/_lab/state', values)

    def address(self, name):
        return '127.0.0.1:%d' % self.gs['devices'][name]['rest_port']

    def reset(self):
        for name in VIDEO_SYSTEMS:
            self.gs_control(name, 'POST', '/_lab/factory')
        for host in self.hosts:
            self.control(host, 'POST', '/_lab/state', {'setup_complete': True, 'admin_password': PASSWORD})
        self.reset_stats()

    def reset_stats(self):
        super(Rooms, self).reset_stats()
        for name in VIDEO_SYSTEMS:
            self.gs_control(name, 'POST', '/_lab/stats/reset')

    def pano_snapshot(self, host):
        """A Pano's state without what changes by itself: open sessions and the ticking clock."""
        state = dict((k, v) for k, v in self.state(host).items() if k != 'active_sessions')
        state['vars'] = dict((k, v) for k, v in state['vars'].items() if k != 'system.datetime.current')
        return state

    def snapshot(self):
        """Everything a run could change, on every device."""
        panos = dict((host, self.pano_snapshot(host)) for host in self.hosts)
        systems = dict((name, dict((k, v) for k, v in self.gs_state(name).items() if k not in ('active_sessions', 'api_sessions_open')))
                       for name in VIDEO_SYSTEMS)
        return panos, systems

    def inventory(self, password=PASSWORD, transport='ssh', rooms=None, gs_password=GS_PASSWORD, gs_host_vars=None):
        rooms = ROOMS if rooms is None else rooms
        panos = {}
        for name, device in self.lab.devices.items():
            host = dict(ansible_host='127.0.0.1', pano_port=device['port'], pano_serial=device['serial'])
            if name in rooms:
                host.update(room_video_system=rooms[name][0], room_setup=rooms[name][1])
            panos[name] = host
        systems = {}
        for name, device in self.gs['devices'].items():
            systems[name] = dict(ansible_host='127.0.0.1', group_series_port=device['rest_port'],
                                 group_series_ssh_port=device['ssh_port'], group_series_telnet_port=device['telnet_port'])
            systems[name].update((gs_host_vars or {}).get(name, {}))
        group_series_vars = dict(group_series_password=gs_password, group_series_ca_path=self.lab.ca,
                                 group_series_known_hosts=self.gs['known_hosts'], group_series_api_transport=transport)
        return {'all': {
            'vars': dict(ansible_connection='local', ansible_python_interpreter=sys.executable),
            'children': {
                'pano': {'hosts': panos, 'vars': dict(pano_password=password, pano_ca_path=self.lab.ca, pano_timeout=5)},
                'group_series': {'hosts': systems, 'vars': group_series_vars},
            }}}

    def rooms_play(self, hosts='pano', check=False, diff=False, verbosity=0, role_vars=None, **inventory):
        play = dict(name='rooms', hosts=hosts, gather_facts=False,
                    roles=[dict(role='polycom.uc.room_pairing', when='room_video_system is defined', **(role_vars or {}))])
        return self.run_playbook([play], check=check, diff=diff, verbosity=verbosity, inventory=self.inventory(**inventory))

    def gs_play(self, tasks, hosts='group_series', check=False, diff=False, verbosity=0, **inventory):
        """Tasks on Group Series hosts with their connection options as module defaults."""
        defaults = dict(host='{{ ansible_host }}', port='{{ group_series_port }}', password='{{ group_series_password }}',
                        ca_path='{{ group_series_ca_path }}', timeout=5, retries=3)
        api = dict(api_transport='{{ group_series_api_transport }}', api_known_hosts='{{ group_series_known_hosts }}',
                   api_port="{{ group_series_ssh_port if group_series_api_transport == 'ssh' else group_series_telnet_port }}")
        module_defaults = {'group/polycom.uc.group_series': defaults, 'polycom.uc.group_series_info': api, 'polycom.uc.group_series_config': api}
        play = dict(name='group series', hosts=hosts, gather_facts=False, module_defaults=module_defaults, tasks=tasks)
        return self.run_playbook([play], check=check, diff=diff, verbosity=verbosity, inventory=self.inventory(**inventory))

    def pano_play(self, tasks, hosts='pano', check=False, diff=False, verbosity=0, **inventory):
        defaults = dict(host='{{ ansible_host }}', port='{{ pano_port }}', password='{{ pano_password }}', ca_path='{{ pano_ca_path }}',
                        timeout=5, retries=3)
        play = dict(name='panos', hosts=hosts, gather_facts=False, module_defaults={'group/polycom.uc.pano': defaults}, tasks=tasks)
        return self.run_playbook([play], check=check, diff=diff, verbosity=verbosity, inventory=self.inventory(**inventory))


@pytest.fixture
def rooms(running_lab, tmp_path):
    fixture = Rooms(running_lab, str(tmp_path))
    fixture.factory()
    fixture.reset()
    yield fixture
    for host in fixture.hosts:
        assert fixture.stats(host)['active_sessions'] == 0, 'a session was left open on %s' % host
    for name in VIDEO_SYSTEMS:
        deadline = time.time() + 3  # the emulator ends a session a moment after the client said exit
        while fixture.gs_stats(name)['api_sessions_open'] and time.time() < deadline:
            time.sleep(0.1)
        stats = fixture.gs_stats(name)
        assert stats['active_sessions'] == 0, 'a REST session was left open on %s' % name
        assert stats['api_sessions_open'] == 0, 'a command-channel session was left open on %s' % name


def pairing(name, address, check=False, **options):
    """A pano_pairing task with the lab's video-system password."""
    args = dict(video_system=address, video_system_password=GS_PASSWORD)
    args.update(options)
    task = {'name': name, 'polycom.uc.pano_pairing': args}
    if check:
        task['check_mode'] = True
    return task


def failing(task):
    task['failed_when'] = False
    return task
