#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: pano_pairing
short_description: Pair a Polycom Pano with a RealPresence video system, or unpair it
version_added: 0.1.0
description:
  - Does what General Settings > Pairing of the Pano web interface does, as the Pano Administrator Guide describes it.
  - O(state=present) pairs with the video system at O(video_system). An unpaired Pano is paired with Connect, then Pair.
    A Pano paired with another system (or with another admin ID) is moved with Connect, then Update. A Pano already
    paired with this system is left alone.
  - The Pano-side steps of the guide's procedures come along in the same run, in M(polycom.uc.pano_settings)' shape and
    checked by the same setting table and rules. These are O(general.visualboard=false) (VisualBoard must be off to pair)
    and O(monitor) (Manual, 3840x2160p 30 Hz in the touch-monitor setups). One C(POST /rest/config) reads these settings
    and the pairing together, so a run with nothing to change costs one login, one read and one logout.
  - Nothing is written before the Pano knows it can pair. Connect comes first, since with it the Pano logs in to the video
    system and checks it (admin ID and password, reachable, a supported model with software 6.0 or later). Only when
    Connect succeeds is a difference in the settings written, in one request, and then Pair or Update is pressed. A Pano
    still in its factory state is the exception, because its setup comes first and is written before Connect.
  - A Pano still in its factory state is set up on the way when O(initial_password) is given, as
    M(polycom.uc.pano_settings) does (the admin password becomes O(password)). The setup wizard also asks for the
    country, so that run needs O(general.country); without it the task fails before any write, naming the option.
  - Connect makes the Pano log in to the video system. When that fails (wrong admin ID or password, unreachable
    address, unsupported system) the Pair button never appears. The task then fails with the Pano's answer, nothing is
    written, and the Pano keeps the pairing it had.
  - A failed task reports C(changed) only for what was applied (settings written, or a pairing state that differs
    from the one before, read back from the Pano).
  - O(state=absent) unpairs.
  - O(content_test=true) runs the guide's Test Content Sharing after pairing (Start Content, confirm on the video system
    that content is playing, Stop Content). The test leaves nothing changed, so it does not make the task changed.
  - O(defer_pairing=true) applies the settings and reads the pairing but presses no button; RV(actions) then lists the
    buttons a run without it would press. The C(polycom.uc.room_pairing) role uses it where the guide configures and
    restarts the video system between the Pano's monitor and the pairing, and pairs afterwards only when RV(actions) is
    not empty.
  - The guide's conditions on the video system are checked by the Pano (at Connect), not by this module. Check mode
    and O(defer_pairing=true) press no Connect, so they cannot tell; M(polycom.uc.group_series_info) tells beforehand
    whether a system is one Pano pairs with (the C(polycom.uc.room_pairing) role asks it first).
  - The Pano has no published API; the pairing calls and the read-only C(pairing.*) variables are this collection's
    inferred convention, listed with their labels in C(docs/device-interfaces.md). A Pano that does not answer the
    C(pairing.*) variables is read with C(GET /rest/pairing), one request more.
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection
  - polycom.uc.device_setup.initial_password
attributes:
  check_mode:
    support: full
    description: Reads the settings and the pairing and predicts the write and the buttons the run would press; writes nothing,
      presses none and skips the content test.
  diff_mode:
    support: full
    description: Shows the pairing (state, address, admin ID) and the managed settings before and after; never a password.
options:
  state:
    description:
      - C(present) pairs with O(video_system); C(absent) unpairs.
    type: str
    choices: [present, absent]
    default: present
  video_system:
    description:
      - IP address (or name) of the video system, as typed into the Pano's Pairing page. C(address:port) for a
        system whose web interface is not on port 443. Required with O(state=present).
    type: str
  video_system_username:
    description:
      - Admin ID of the video system.
    type: str
    default: admin
  video_system_password:
    description:
      - Admin password of the video system; empty when none is set. It cannot be read back from the Pano, so a
        changed password is applied only with O(force=true).
    type: str
    default: ''
  force:
    description:
      - Connect and Update even when the Pano is already paired with this system and admin ID (for example after the
        video system's password changed). The task then reports changed.
    type: bool
    default: false
  content_test:
    description:
      - After pairing, Start Content, confirm on the video system (its REST API, logging in with the video system's
        credentials) that content is playing, then Stop Content. Skipped in check mode and with O(state=absent).
    type: bool
    default: false
  video_system_validate_certs:
    description:
      - Verify the video system's TLS certificate when the content test logs in to it.
    type: bool
    default: true
  video_system_ca_path:
    description:
      - PEM file of the CA(s) that signed the video system's certificate, for the content test.
    type: path
  defer_pairing:
    description:
      - Apply the settings and read the pairing, but press no button. RV(actions) lists the buttons a run without it would
        press; the task changes only settings. Not with O(content_test=true).
    type: bool
    default: false
  general:
    description:
      - General settings the pairing needs, as in M(polycom.uc.pano_settings).
    type: dict
    suboptions:
      country:
        description:
          - As O(polycom.uc.pano_settings#module:general.country), where it is described; a factory-new Pano's setup needs it.
        type: str
      visualboard:
        description:
          - VisualBoard application; must be disabled to pair with a video system.
        type: bool
  monitor:
    description:
      - Monitor output, as in M(polycom.uc.pano_settings); the guide's touch-monitor setups use Manual, 3840x2160p 30 Hz.
    type: dict
    suboptions:
      mode:
        description:
          - Monitor configuration.
        type: str
        choices: [automatic, manual]
      resolution:
        description:
          - Output resolution and rate; only with I(mode=manual).
        type: str
        choices: [3840x2160p25, 3840x2160p30, 3840x2160p50, 3840x2160p60,
                  1920x1080p25, 1920x1080p30, 1920x1080p50, 1920x1080p60,
                  1280x720p25, 1280x720p30, 1280x720p50, 1280x720p60]
'''

EXAMPLES = r'''
- name: Pair the room's Pano with its Group Series and test content
  polycom.uc.pano_pairing:
    host: "{{ ansible_host }}"
    password: "{{ vault_pano_admin_password }}"
    ca_path: /etc/pki/polycom/ca.pem
    general:
      visualboard: false
    monitor:
      mode: manual
      resolution: 3840x2160p30
    video_system: 10.11.12.13
    video_system_username: admin
    video_system_password: "{{ vault_group_series_password }}"
    video_system_ca_path: /etc/pki/polycom/ca.pem
    content_test: true

- name: Pair a Pano fresh from the box (its setup first, with the country the setup wizard asks for)
  polycom.uc.pano_pairing:
    host: "{{ ansible_host }}"
    password: "{{ vault_pano_admin_password }}"
    initial_password: "{{ pano_serial[-6:] }}"
    general:
      country: DE
      visualboard: false
    video_system: 10.11.12.13
    video_system_username: admin
    video_system_password: "{{ vault_group_series_password }}"

- name: Unpair
  polycom.uc.pano_pairing:
    host: "{{ ansible_host }}"
    password: "{{ vault_pano_admin_password }}"
    state: absent

- name: Pano first, the video system's monitor profiles and restart next, then pair (the guide's touch-monitor order)
  block:
    - name: Pano - VisualBoard off, monitor Manual 3840x2160p 30 Hz; read the pairing
      polycom.uc.pano_pairing:
        host: "{{ ansible_host }}"
        password: "{{ vault_pano_admin_password }}"
        general:
          visualboard: false
        monitor:
          mode: manual
          resolution: 3840x2160p30
        video_system: 10.11.12.13
        defer_pairing: true
      register: pano_prepared

    - name: Video system - Monitor 1 "Content, then Far, then Near", restart after a change
      polycom.uc.group_series_config:
        host: 10.11.12.13
        password: "{{ vault_group_series_password }}"
        monitor_profiles:
          monitor1: Content, then Far, then Near
        restart: when_changed

    - name: Pano - pair, only when a button is needed
      when: pano_prepared.actions | length > 0
      polycom.uc.pano_pairing:
        host: "{{ ansible_host }}"
        password: "{{ vault_pano_admin_password }}"
        video_system: 10.11.12.13
        video_system_password: "{{ vault_group_series_password }}"
'''

RETURN = r'''
actions:
  description:
    - The Pairing page's buttons pressed (would be pressed in check mode), in order.
    - With O(defer_pairing=true), the buttons a run without it would press (none is pressed).
  returned: always
  type: list
  elements: str
  sample: [connect, pair]
changes:
  description: The settings that differ (would differ in check mode), as C(section.option); written in one request.
  returned: always
  type: list
  elements: str
  sample: [general.visualboard, monitor.mode, monitor.resolution]
  version_added: 0.3.0
setting_changes:
  description:
    - Deprecated, the same list as RV(changes) (the key every other module of the collection uses); removed in 1.0.0.
  returned: always
  type: list
  elements: str
  sample: [general.visualboard, monitor.mode, monitor.resolution]
setup_completed:
  description: Whether this run took the device out of its factory state (or would, in check mode).
  returned: always
  type: bool
before:
  description: The pairing (state, address, admin ID) and the managed settings before the run; passwords masked.
  returned: always
  type: dict
  sample: {state: unpaired, address: '', user: '', general: {visualboard: true}}
after:
  description: The pairing and the managed settings after the run (as predicted in check mode); passwords masked.
  returned: always
  type: dict
  sample: {state: paired, address: 10.11.12.13, user: admin, general: {visualboard: false}}
video_system:
  description: The paired video system as the Pano shows it after Connect.
  returned: when paired
  type: dict
  sample: {model: RealPresence Group 500, serialNumber: 8215160F19ABCD, softwareVersion: Release - 6.2.2.8-670021, systemName: Room 4}
content_test:
  description: The content test's steps and outcome.
  returned: when O(content_test=true)
  type: dict
  sample: {started: true, confirmed: true, stopped: true, source: Pano Room 4}
'''

import json

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.polycom.uc.plugins.module_utils.group_series import CONTENT_PATH
from ansible_collections.polycom.uc.plugins.module_utils.module import shared_options
from ansible_collections.polycom.uc.plugins.module_utils.pano import (
    PAIRING_NAMES, PAIRING_PATH, PAIRING_SETTINGS, SettingsRun, normalise_address, pairing_plan, read_pairing, split_address,
)
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import (
    CONNECTION_ARGSPEC, PolycomClient, PolycomError, client_from_module,
)

BUTTONS = {'connect': 'Connect', 'pair': 'Pair', 'update': 'Update', 'unpair': 'Unpair',
           'startContent': 'Start Content', 'stopContent': 'Stop Content'}


def view(info):
    return dict(state=(info.get('state') or 'UNPAIRED').lower(), address=info.get('address') or '', user=info.get('user') or '')


def pano_view(pairing, settings):
    """One view of the Pano for before/after and the diff: the pairing's keys beside the settings' sections."""
    combined = dict(settings)
    combined.update(pairing)
    return combined


def device_message(exc):
    """The Pano's own words from a failed call (its JSON ``message``), else the client's text."""
    try:
        answer = json.loads(exc.answer or '')
        return answer.get('message') or answer.get('error') or str(exc)
    except (TypeError, ValueError, AttributeError):
        return str(exc)


def press(client, action, goal=None, **fields):
    """Press one button. A 409 on a repeated request (its first answer lost on the way) is fine when ``goal`` holds."""
    body = dict(action=action)
    body.update(fields)
    try:
        return client.request('POST', PAIRING_PATH, body)
    except PolycomError as exc:
        if exc.status == 409 and goal is not None:
            info = read_pairing(client)
            if goal(info):
                return info
        raise PolycomError('%s failed: %s' % (BUTTONS[action], device_message(exc)), status=exc.status, answer=exc.answer)


def confirm_content(module, address):
    """Ask the video system itself whether content is playing (one login, one read, one logout)."""
    params = module.params
    host, port = split_address(address)
    with PolycomClient(host, port, params['video_system_username'], params['video_system_password'],
                       validate_certs=params['video_system_validate_certs'], ca_path=params['video_system_ca_path'],
                       timeout=params['timeout'], retries=params['retries']) as video_system:
        return video_system.request('GET', CONTENT_PATH)


def content_test(module, client, address):
    test = dict(started=False, confirmed=False, stopped=False)
    try:
        press(client, 'startContent')
        test['started'] = True
        seen = confirm_content(module, address)
        test['confirmed'] = seen.get('state') == 'ACTIVE'
        test['source'] = seen.get('source')
    finally:
        if test['started']:
            press(client, 'stopContent')
            test['stopped'] = True
    return test


def state_after_failure(client, result, settings):
    """After a failed button: what the Pano shows now, so that nobody has to guess whether it is half paired."""
    try:
        info = read_pairing(client)
    except PolycomError:
        return 'the Pano\'s pairing state could not be read back'
    after = view(info)
    result['after'] = pano_view(after, settings)
    if after['state'] == 'unpaired':
        return 'the Pano is not paired'
    if after['state'] == 'connected':
        return 'the Pano is connected to %s but not paired' % ((info.get('pending') or {}).get('address') or 'a video system')
    return 'the Pano is %s with %s (admin ID %s)' % (after['state'], after['address'] or 'nothing', after['user'] or '-')


def check_input(module):
    """Everything that can be refused before connecting; returns the desired setting values."""
    params = module.params
    address = (params['video_system'] or '').strip()
    if params['state'] == 'present':
        try:
            split_address(address)
            if not address or ' ' in address:
                raise ValueError(address)
        except ValueError:
            module.fail_json(msg='video_system: must be an IP address or host name, optionally with :port, got %r' % address)
        if not params['video_system_username']:
            module.fail_json(msg='video_system_username: must not be empty (the video system\'s admin ID)')
    if params['defer_pairing'] and params['content_test']:
        module.fail_json(msg='content_test: needs the pairing, so not with defer_pairing=true')
    desired, problems = PAIRING_SETTINGS.desired(params)
    if problems:
        module.fail_json(msg='invalid settings: ' + '; '.join(problems), problems=problems)
    return address, desired


def press_buttons(module, client, actions, address):
    """Press the planned buttons in order; return the Pano's last answer."""
    params = module.params

    def paired(info):
        return info.get('state') == 'PAIRED' and info.get('user') == params['video_system_username'] \
            and normalise_address(info.get('address')) == normalise_address(address) and not info.get('pending')

    answer = {}
    for action in actions:
        if action == 'connect':
            answer = press(client, 'connect', address=address, user=params['video_system_username'], password=params['video_system_password'])
        elif action == 'unpair':
            answer = press(client, action, goal=lambda info: info.get('state') == 'UNPAIRED')
        else:
            answer = press(client, action, goal=paired)
    return answer


def predicted_pairing(params, before, actions, address):
    if params['defer_pairing'] or not actions:
        return dict(before)
    if params['state'] == 'absent':
        return dict(state='unpaired', address='', user='')
    return dict(state='paired', address=address, user=params['video_system_username'])


def plan(module, client, address, desired):
    """One login, one read (the settings and the pairing together); the result as check mode predicts it."""
    params = module.params
    run = SettingsRun(client, params, desired, extra_names=PAIRING_NAMES)
    if run.problems:
        module.fail_json(msg='invalid settings: ' + '; '.join(run.problems), problems=run.problems)
    current = read_pairing(client, run.current)
    actions = pairing_plan(current, params['state'], address, params['video_system_username'], params['force'])
    before = view(current)
    result = dict(changed=bool(run.changes) or (bool(actions) and not params['defer_pairing']), actions=actions,
                  changes=run.changed_paths, setting_changes=run.changed_paths, setup_completed=run.setup_completed,
                  before=pano_view(before, run.before), after=pano_view(predicted_pairing(params, before, actions, address), run.after))
    if module._diff:
        result['diff'] = dict(before=result['before'], after=result['after'])
    if current.get('videoSystem') and not actions and params['state'] == 'present':
        result['video_system'] = current['videoSystem']
    return run, before, actions, result


def apply(module, client, run, actions, address, result, progress):
    """Connect (the Pano checks the video system), write the settings, press the other buttons; ``progress`` says what was applied.

    A factory Pano's setup is written first: nothing else can happen before it.
    """
    params = module.params
    buttons = [] if params['defer_pairing'] else list(actions)
    if buttons[:1] == ['connect'] and not run.setup_completed:
        progress['pressed'] = True
        press_buttons(module, client, buttons[:1], address)
        buttons = buttons[1:]
    if run.changes:
        run.write()  # VisualBoard off (and the monitor) before Pair/Update
        progress['written'] = True
    result['changed'] = progress['written']
    if not buttons:
        return
    progress['pressed'] = True
    answer = press_buttons(module, client, buttons, address)
    result['changed'] = True
    if params['state'] == 'present':
        result['video_system'] = answer.get('videoSystem')
        result['after'] = pano_view(view(answer), run.after)
        if normalise_address(answer.get('address')) != normalise_address(address) or answer.get('state') != 'PAIRED':
            module.fail_json(msg='the Pano reports %s with %r after %s, not paired with %s' % (
                answer.get('state'), answer.get('address'), ', '.join(BUTTONS[a] for a in actions), address), **result)


def run_content_test(module, client, address, result):
    if module.check_mode:
        result['content_test'] = dict(skipped='check mode')
        return
    result['content_test'] = content_test(module, client, address)
    if not result['content_test']['confirmed']:
        module.fail_json(msg='content test: the Pano started content but the video system at %s does not show it' % address, **result)


def failed(module, client, exc, before, result, progress, settings):
    """Fail with the Pano's answer; ``changed`` only for what was applied, the pairing read back when a button was pressed."""
    msg = str(exc)
    result['changed'] = progress['written']
    if progress['pressed']:
        msg += '; ' + state_after_failure(client, result, settings)
        pairing_after = dict((key, result['after'].get(key)) for key in before)
        result['changed'] = progress['written'] or pairing_after != before
    if progress['written']:
        msg += '; the settings were written (%s)' % ', '.join(result['changes'])
    module.fail_json(msg=msg, status=exc.status, **result)


def main():
    argument_spec = dict(CONNECTION_ARGSPEC)
    argument_spec.update(PAIRING_SETTINGS.argument_spec())
    argument_spec.update(
        state=dict(type='str', choices=['present', 'absent'], default='present'),
        video_system=dict(type='str'),
        video_system_username=dict(type='str', default='admin'),
        video_system_password=dict(type='str', default='', no_log=True),
        force=dict(type='bool', default=False),
        content_test=dict(type='bool', default=False),
        video_system_validate_certs=dict(type='bool', default=True),
        video_system_ca_path=dict(type='path'),
        defer_pairing=dict(type='bool', default=False),
        **shared_options('initial_password')
    )
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True,
                           required_if=[('state', 'present', ['video_system'])])
    params = module.params
    address, desired = check_input(module)
    result = dict(changed=False, actions=[], changes=[], setting_changes=[], setup_completed=False)
    progress = dict(written=False, pressed=False)
    before, settings_after = {}, {}
    with client_from_module(module) as client:
        client.add_secret(params['video_system_password'])
        try:
            run, before, actions, result = plan(module, client, address, desired)
            settings_after = run.after
            if not module.check_mode:
                apply(module, client, run, actions, address, result, progress)
            if params['content_test'] and params['state'] == 'present':
                run_content_test(module, client, address, result)
        except PolycomError as exc:
            failed(module, client, exc, before, result, progress, settings_after)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
