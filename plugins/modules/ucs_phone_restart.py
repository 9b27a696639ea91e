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
  host:
    description:
      - Address for phones of O(phones) without C(host).
    type: str
  port:
    description:
      - HTTPS port for phones without C(port).
    type: int
    default: 443
  username:
    description:
      - REST API user (UC Software default C(Polycom)). Falls back to E(POLYCOM_PHONE_USERNAME).
    type: str
    default: Polycom
    aliases: [user]
  password:
    description:
      - REST API password. Falls back to E(POLYCOM_PHONE_PASSWORD). Never shown in output or logs.
    type: str
  validate_certs:
    description:
      - Verify the phones' TLS certificates; set O(ca_path) for certificates of a private CA. Falls back to E(POLYCOM_VALIDATE_CERTS).
    type: bool
    default: true
  ca_path:
    description:
      - PEM file of the CA that signed the phones' certificates. Falls back to E(POLYCOM_CA_PATH).
    type: path
  timeout:
    description:
      - Seconds to wait for each answer (the probes of a restarting phone wait at most 5). Falls back to E(POLYCOM_TIMEOUT).
    type: int
    default: 10
  retries:
    description:
      - How often a request is repeated after a connection error, a timeout, HTTP 429 or 503 (jittered backoff). Falls back to
        E(POLYCOM_RETRIES).
    type: int
    default: 3
notes:
  - The lync_provisioning role runs this module after writing the share, for the REST phones whose files changed
    (C(lync_provisioning_reload)).
requirements:
  - requests >= 2.28
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

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.six import string_types
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import CONNECTION_ARGSPEC, HAS_REQUESTS, REQUESTS_IMPORT_ERROR, set_env_fallback
from ansible_collections.polycom.uc.plugins.module_utils.ucs_reload import PhoneRestart, Timing, make_waves, roll_out
from ansible_collections.polycom.uc.plugins.module_utils.ucs_rest import normalise_mac
from ansible_collections.polycom.uc.plugins.module_utils.ucs_lync import normalise_mac as valid_mac

CONNECTION_KEYS = ('host', 'port', 'username', 'password', 'validate_certs', 'ca_path')


def argument_spec():
    spec = dict(
        phones=dict(type='list', elements='dict', required=True, options=dict(
            name=dict(type='str', required=True), host=dict(type='str'), port=dict(type='int'), mac=dict(type='str'),
            username=dict(type='str'), password=dict(type='str', no_log=True), validate_certs=dict(type='bool'), ca_path=dict(type='path'))),
        macs=dict(type='raw', default='all'),
        batch_size=dict(type='int', default=50),
        max_fail_percentage=dict(type='int', default=10),
        restart_timeout=dict(type='int', default=300),
        registration_timeout=dict(type='int', default=60),
        require_registration=dict(type='bool', default=True),
        poll_interval=dict(type='float', default=2.0),
    )
    spec.update(CONNECTION_ARGSPEC)
    spec.update(  # the phones' REST account, not the Pano/Group Series admin; host only for phones without their own
        host=dict(CONNECTION_ARGSPEC['host'], required=False),
        username=dict(type='str', default='Polycom', aliases=['user'], fallback=(set_env_fallback, ['POLYCOM_PHONE_USERNAME'])),
        password=dict(type='str', no_log=True, fallback=(set_env_fallback, ['POLYCOM_PHONE_PASSWORD'])),
        timeout=dict(CONNECTION_ARGSPEC['timeout'], default=10),
    )
    return spec


def input_problems(params):
    """Every bad input, named with what is allowed, before any phone is contacted."""
    problems = []
    for name, low, high in (('batch_size', 1, None), ('max_fail_percentage', 0, 100), ('restart_timeout', 1, None),
                            ('registration_timeout', 0, None), ('timeout', 1, None), ('retries', 0, None)):
        value = params[name]
        if value < low or (high is not None and value > high):
            problems.append('%s: %s must be %s' % (name, value, 'from %d to %d' % (low, high) if high is not None else 'at least %d' % low))
    if params['poll_interval'] <= 0:
        problems.append('poll_interval: %s must be more than 0' % params['poll_interval'])
    macs = params['macs']
    if not (macs == 'all' or (isinstance(macs, list) and all(isinstance(m, string_types) and valid_mac(m) for m in macs))):
        problems.append('macs: give all or a list of MAC addresses (12 hex digits, any common notation), not %r' % (macs,))
    seen = set()
    for index, phone in enumerate(params['phones']):
        where = 'phones[%d] (%s)' % (index, phone['name'])
        if phone['name'] in seen:
            problems.append('%s: the name is given twice' % where)
        seen.add(phone['name'])
        if not (phone['host'] or params['host']):
            problems.append('%s: no host (give phones[].host or host)' % where)
        if phone['mac'] is not None and not valid_mac(phone['mac']):
            problems.append('%s: mac %r is not a MAC address (12 hex digits, any common notation)' % (where, phone['mac']))
        elif phone['mac'] is None and macs != 'all':
            problems.append('%s: no mac, so macs cannot select it (give phones[].mac, or macs: all)' % where)
    return problems


def selected_phones(params):
    """The phones to restart, each with its connection options filled in from the module's."""
    wanted = None if params['macs'] == 'all' else set(valid_mac(m) for m in params['macs'])
    phones = []
    for phone in params['phones']:
        mac = normalise_mac(phone['mac']) if phone['mac'] else None
        if wanted is not None and mac not in wanted:
            continue
        entry = dict((key, params[key] if phone.get(key) is None else phone[key]) for key in CONNECTION_KEYS)
        entry.update(name=phone['name'], mac=mac, timeout=params['timeout'], retries=params['retries'])
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


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    params = module.params
    if not HAS_REQUESTS:
        from ansible.module_utils.basic import missing_required_lib
        module.fail_json(msg=missing_required_lib('requests'), exception=str(REQUESTS_IMPORT_ERROR))
    problems = input_problems(params)
    if problems:
        module.fail_json(msg='%d problem(s), no phone was contacted: %s' % (len(problems), '; '.join(problems)), problems=problems)
    phones = selected_phones(params)
    waves = len(make_waves(phones, params['batch_size']))
    if module.check_mode:
        results, waves_run, left = predicted(phones, params['batch_size']), 0, []
    else:
        timing = Timing(params['restart_timeout'], params['registration_timeout'], params['poll_interval'])
        results, waves_run, left = roll_out(phones, lambda phone: PhoneRestart(phone, timing, params['require_registration']).run(),
                                            params['batch_size'], params['max_fail_percentage'], workers=params['batch_size'])
    failed = [r['name'] for r in results if r['failed']]
    summary = dict(phones=len(params['phones']), selected=len(phones), restarted=sum(1 for r in results if r['restarted']),
                   registered=sum(1 for r in results if r['registered']), failed=len(failed), left=len(left), waves=waves, waves_run=waves_run)
    stopped = bool(left) or (waves_run < waves)
    outcome = dict(changed=bool(phones) if module.check_mode else summary['restarted'] > 0, phones=results, summary=summary,
                   failed_phones=failed, left=[p['name'] for p in left], stopped=stopped, msg=summary_line(summary, module.check_mode, stopped))
    if failed:
        module.fail_json(**outcome)
    module.exit_json(**outcome)


if __name__ == '__main__':
    main()
