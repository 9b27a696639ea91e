#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ucs_phone_restart
short_description: Safe-restart many Polycom UC Software phones over REST in waves and check that line 1 registers again
version_added: 0.3.0
description:
  - Tells the phones of O(phones) (those whose MAC is in O(macs)) to restart and re-read their provisioning files, with the
    REST API's safe restart (C(POST /api/v1/mgmt/safeRestart); a phone in a call restarts when the call has ended), and checks
    each one live afterwards - it went away and answers again, and line 1 is registered (C(GET /api/v1/mgmt/lineInfo), the
    guide's Menu > Status > Lines). UC Software 5.x and later with C(apps.restapi.enabled="1").
  - Phones go in waves of O(batch_size), like Ansible's C(serial); the phones of a wave at once, inside this one module run.
    When more than O(max_fail_percentage) percent of a wave fail, the rollout stops and RV(left) names the phones of the later
    waves, which were not touched.
  - Before restarting, each phone is asked who it is (C(GET /api/v1/mgmt/device/info)); a phone answering with another MAC than
    O(phones[].mac) is not restarted and counts as failed (an inventory address that now belongs to another phone).
  - Busy answers (Status 4001) are asked again with backoff, 503, 429 and dropped connections retried by the collection's HTTPS
    client (O(retries)); a phone that does not come back within O(restart_timeout), or whose line 1 is not registered within
    O(registration_timeout) after it did, is reported failed with the reason, per phone.
  - Runs on the host that runs the task (the controller) and talks to every phone from there.
  - "How a restart is recognised (inferred, see C(docs/lync.md)): the phone stops answering after the
    safeRestart answer, or its uptime starts again."
author:
  - polycom.uc contributors (@polycom-uc)
extends_documentation_fragment:
  - polycom.uc.connection.phone
  - polycom.uc.connection
attributes:
  check_mode:
    support: full
    description: Reports which phones would be restarted, in which wave; contacts no phone and restarts none.
  diff_mode:
    support: none
    description: A restart has no before and after; RV(phones) reports what happened to each phone.
options:
  phones:
    description:
      - The phones that may be restarted. Connection options given here win over the module's options of the same name.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description:
          - Name in the results, usually the inventory host.
        type: str
        required: true
      host:
        description:
          - Address of the phone's REST API; default O(host).
        type: str
      port:
        description:
          - HTTPS port; default O(port).
        type: int
      mac:
        description:
          - The phone's MAC address (any common notation). Needed to select it by O(macs), and checked against the phone's answer
            before it is restarted.
        type: str
      username:
        description:
          - REST API user; default O(username).
        type: str
      password:
        description:
          - REST API password; default O(password). Never shown in output.
        type: str
      validate_certs:
        description:
          - Verify the phone's certificate; default O(validate_certs).
        type: bool
      ca_path:
        description:
          - CA of the phone's certificate; default O(ca_path).
        type: path
  macs:
    description:
      - Which phones of O(phones) to restart - C(all), or a list of MAC addresses (any notation), for example the
        RV(polycom.uc.lync_files#module:changed_phones) of a provisioning run. Phones not selected are left alone and not contacted.
    type: raw
    default: all
  batch_size:
    description:
      - Phones per wave (Ansible's C(serial)). The phones of a wave restart at once.
    type: int
    default: 50
  max_fail_percentage:
    description:
      - Stop the rollout after a wave in which more than this percentage of the phones failed (Ansible's C(max_fail_percentage));
        0 stops at the first failed phone's wave, 100 never stops.
    type: int
    default: 10
  restart_timeout:
    description:
      - Seconds a phone has, from the safeRestart answer, to go away and answer again.
    type: int
    default: 300
  registration_timeout:
    description:
      - Seconds a phone that is back has to report line 1 registered.
    type: int
    default: 60
  require_registration:
    description:
      - A phone that is back but whose line 1 is not registered counts as failed. Off, it is only reported (RV(phones[].registered)).
    type: bool
    default: true
  poll_interval:
    description:
      - Seconds between two questions to a restarting phone.
    type: float
    default: 2.0
  max_workers:
    description:
      - At most this many phones are restarted at the same time (threads of this run). A wave larger than that goes
        through in turns of O(max_workers) phones; a wave of 1,000 phones never starts 1,000 threads.
      - From 1 to 200.
    type: int
    default: 50
  host:
    description:
      - Address for phones of O(phones) without C(host). Falls back to E(POLYCOM_HOST).
    type: str
    required: false
  timeout:
    description:
      - Seconds to wait for each answer (the probes of a restarting phone wait at most 5). Falls back to E(POLYCOM_TIMEOUT).
    type: int
    default: 10
notes:
  - The lync_provisioning role runs this module after writing the share, for the REST phones whose files changed
    (C(lync_provisioning_reload)).
seealso:
  - module: polycom.uc.ucs_phone_info
  - module: polycom.uc.lync_files
'''

EXAMPLES = r'''
- name: Restart the phones whose files changed, 50 at a time, stopping when more than 10 % of a wave fail
  polycom.uc.ucs_phone_restart:
    phones:
      - {name: vvx-reception, host: 10.0.20.11, mac: 0004f2e0a501}
      - {name: vvx-office, host: 10.0.20.12, mac: 0004f2e0a502}
    macs: "{{ lync_result.changed_phones }}"
    password: "{{ vault_phone_rest_password }}"
    ca_path: /etc/pki/polycom/ca.pem
    batch_size: 50
    max_fail_percentage: 10
  register: restart
'''

RETURN = r'''
msg:
  description: One line - how many phones restarted, registered, failed, were left.
  returned: always
  type: str
  sample: "2 of 2 phones restarted and registered in 1 wave"
phones:
  description: One entry per phone the run restarted, tried to restart, or (check mode) would restart, in wave order.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The phone's O(phones[].name).
      type: str
    host:
      description: Its address.
      type: str
    port:
      description: Its port.
      type: int
    mac:
      description: Its MAC, 12 lower-case hex digits, when given.
      type: str
    wave:
      description: The wave it was in, from 1.
      type: int
    restarted:
      description: It went away after the safeRestart and answered again (check mode - false, nothing is restarted).
      type: bool
    registered:
      description: Line 1 registered after the restart (null when the phone did not come back, and in check mode).
      type: bool
    line:
      description: Line 1 as lineInfo reported it last, C(line), C(address), C(status) (such as C(registered), C(unregistered)).
      type: dict
    error:
      description: Why the phone failed (null when it did not).
      type: str
    failed:
      description: It counts as failed for O(max_fail_percentage).
      type: bool
    seconds:
      description: How long it took.
      type: float
summary:
  description: Counts.
  returned: always
  type: dict
  sample: {phones: 2, selected: 2, restarted: 2, registered: 2, failed: 0, left: 0, waves: 1, waves_run: 1}
failed_phones:
  description: Names of the phones that failed.
  returned: always
  type: list
  elements: str
left:
  description: Names of the phones not touched because the rollout stopped.
  returned: always
  type: list
  elements: str
stopped:
  description: The rollout stopped after a wave over O(max_fail_percentage).
  returned: always
  type: bool
'''

from ansible.module_utils.six import string_types
from ansible_collections.polycom.uc.plugins.module_utils.device import normalise_mac
from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import credential_hints, require_requests
from ansible_collections.polycom.uc.plugins.module_utils.ucs_reload import (
    MAX_WORKERS, PhoneRestart, Timing, duplicate_macs, make_waves, roll_out,
)
from ansible_collections.polycom.uc.plugins.module_utils.ucs_rest import phone_argument_spec

CONNECTION_KEYS = ('host', 'port', 'username', 'password', 'validate_certs', 'ca_path')
PHONE_OPTIONS = dict(
    name=dict(type='str', required=True), host=dict(type='str'), port=dict(type='int'), mac=dict(type='str'),
    username=dict(type='str'), password=dict(type='str', no_log=True), validate_certs=dict(type='bool'), ca_path=dict(type='path'))


def argument_spec():
    """The phones' REST connection options (ucs_rest, as every phone module), host only for phones without their own."""
    spec = phone_argument_spec(
        phones=dict(type='list', elements='dict', required=True, options=PHONE_OPTIONS),
        macs=dict(type='raw', default='all'),
        batch_size=dict(type='int', default=50),
        max_fail_percentage=dict(type='int', default=10),
        max_workers=dict(type='int', default=50),
        restart_timeout=dict(type='int', default=300),
        registration_timeout=dict(type='int', default=60),
        require_registration=dict(type='bool', default=True),
        poll_interval=dict(type='float', default=2.0),
    )
    spec.update(host=dict(spec['host'], required=False), timeout=dict(spec['timeout'], default=10))
    return spec


def range_problems(params):
    problems = []
    for name, low, high in (('batch_size', 1, None), ('max_fail_percentage', 0, 100), ('max_workers', 1, MAX_WORKERS),
                            ('restart_timeout', 1, None), ('registration_timeout', 0, None), ('timeout', 1, None), ('retries', 0, None)):
        value = params[name]
        if value < low or (high is not None and value > high):
            problems.append('%s: %s must be %s' % (name, value, 'from %d to %d' % (low, high) if high is not None else 'at least %d' % low))
    if params['poll_interval'] <= 0:
        problems.append('poll_interval: %s must be more than 0' % params['poll_interval'])
    return problems


def input_problems(params):
    """Every bad input, named with what is allowed, before any phone is contacted."""
    problems = range_problems(params)
    macs = params['macs']
    if not (macs == 'all' or (isinstance(macs, list) and all(isinstance(m, string_types) and normalise_mac(m) for m in macs))):
        problems.append('macs: give all or a list of MAC addresses (12 hex digits, any common notation), not %r' % (macs,))
    elif macs != 'all':
        problems.extend('macs: %s is given %d times (as %s); give each phone once' % (mac, len(given), ', '.join(given))
                        for mac, given in duplicate_macs(macs))
    seen = set()
    for index, phone in enumerate(params['phones']):
        where = 'phones[%d] (%s)' % (index, phone['name'])
        if phone['name'] in seen:
            problems.append('%s: the name is given twice' % where)
        seen.add(phone['name'])
        if not (phone['host'] or params['host']):
            problems.append('%s: no host (give phones[].host or host)' % where)
        if phone['mac'] is not None and not normalise_mac(phone['mac']):
            problems.append('%s: mac %r is not a MAC address (12 hex digits, any common notation)' % (where, phone['mac']))
        elif phone['mac'] is None and macs != 'all':
            problems.append('%s: no mac, so macs cannot select it (give phones[].mac, or macs: all)' % where)
    named = [(phone['mac'], phone['name']) for phone in params['phones'] if phone['mac'] and normalise_mac(phone['mac'])]
    problems.extend('phones: %s is the mac of %s; a phone is restarted once, give it once' % (mac, ', '.join(names))
                    for mac, names in duplicate_macs(named))
    return problems


def selected_phones(params, hints):
    """The phones to restart, each with its connection options filled in from the module's and what to tell on a 401."""
    wanted = None if params['macs'] == 'all' else set(normalise_mac(m) for m in params['macs'])
    phones = []
    for index, phone in enumerate(params['phones']):
        mac = normalise_mac(phone['mac']) if phone['mac'] else None
        if wanted is not None and mac not in wanted:
            continue
        entry = dict((key, params[key] if phone.get(key) is None else phone[key]) for key in CONNECTION_KEYS)
        entry.update(name=phone['name'], mac=mac, timeout=params['timeout'], retries=params['retries'], hints=hints)
        if phone.get('password') is not None or phone.get('username') is not None:  # its own account: name that option
            entry['hints'] = dict(hints, refused='check phones[%d].password and phones[%d].username (%s)' % (index, index, phone['name']))
        phones.append(entry)
    return phones


def predicted(phones, batch_size):
    """Check mode: which phones would restart, in which wave; no phone is contacted."""
    return [dict(name=p['name'], host=p['host'], port=p['port'], mac=p['mac'], wave=number, restarted=False, registered=None, line=None,
                 error=None, failed=False, seconds=None) for number, wave in enumerate(make_waves(phones, batch_size), 1) for p in wave]


def summary_line(summary, check_mode, stopped):
    if check_mode:
        return '%d of %d phones would be restarted in %d wave(s)' % (summary['selected'], summary['phones'], summary['waves'])
    line = '%d of %d phones restarted, %d registered, %d failed in %d of %d wave(s)' % (
        summary['restarted'], summary['selected'], summary['registered'], summary['failed'], summary['waves_run'], summary['waves'])
    if stopped:
        line += '; stopped: more than the failure limit of a wave failed, %d phone(s) left untouched' % summary['left']
    return line


def restart_all(params, phones, check_mode):
    """(results, waves run, left): the rollout, or in check mode its prediction."""
    if check_mode:
        return predicted(phones, params['batch_size']), 0, []
    timing = Timing(params['restart_timeout'], params['registration_timeout'], params['poll_interval'])
    return roll_out(phones, lambda phone: PhoneRestart(phone, timing, params['require_registration']).run(),
                    params['batch_size'], params['max_fail_percentage'], workers=params['max_workers'])


def outcome(params, phones, rollout, check_mode):
    results, waves_run, left = rollout
    failed = [r['name'] for r in results if r['failed']]
    waves = len(make_waves(phones, params['batch_size']))
    summary = dict(phones=len(params['phones']), selected=len(phones), restarted=sum(1 for r in results if r['restarted']),
                   registered=sum(1 for r in results if r['registered']), failed=len(failed), left=len(left), waves=waves, waves_run=waves_run)
    stopped = bool(left) or (waves_run < waves)
    return dict(changed=bool(phones) if check_mode else summary['restarted'] > 0, phones=results, summary=summary,
                failed_phones=failed, left=[p['name'] for p in left], stopped=stopped, msg=summary_line(summary, check_mode, stopped))


def main():
    # On the module base for its spec and refusals; it builds one client per phone (ucs_reload), not the base's one client.
    module = PolycomModule(argument_spec(), connection=False, supports_check_mode=True)
    require_requests(module)
    module.fail_on_problems(input_problems(module.params), prefix='no phone was contacted: ')
    phones = selected_phones(module.params, credential_hints(module.argument_spec))
    result = outcome(module.params, phones, restart_all(module.params, phones, module.check_mode), module.check_mode)
    if result['failed_phones']:
        module.fail_json(**result)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
