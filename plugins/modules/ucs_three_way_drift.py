#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ucs_three_way_drift
short_description: Three-way drift of a UC Software phone - what the repository renders, the share holds and the phone runs
version_added: 0.3.0
description:
  - Compares, parameter by parameter, what the repository renders for one phone (O(rendered)), what the provisioning share gives
    it now (O(share), override files included) and what the phone actually runs (O(phone), C(config/get) with its Source, as
    M(polycom.uc.ucs_phone_info) returns it with its O(polycom.uc.ucs_phone_info#module:parameters) option), and reports every
    parameter that drifts with its cause and source in RV(config_drift).
  - "Causes, the first that applies: C(changed_at_phone) - the phone runs a value set at the phone (Source C(local), its menu, kept in
    C(<mac>-phone.cfg); Source C(web), its web utility or REST config/set, kept in C(<mac>-web.cfg); Source C(device), its device
    settings) other than the repository's; C(set_by_call_server) - the phone runs a value its call server provisioned in-band
    (Source C(sip)); C(override_file) - the share's value comes from an override file and is not the repository's; C(not_reread) - the
    phone runs a configuration-file value (Source C(config)/C(configFile)) or a default other than the share's, so it has not re-read
    a changed file (a reload would fix it); C(unknown_source) - another value from a Source the collection does not know; C(share_differs) -
    the share's file is not what the repository renders (a run of the lync_provisioning role would rewrite it)."
  - "Each option is checked before anything is compared: O(rendered) maps parameter names to single values (text, a number,
    a boolean - written C(1)/C(0), as the role writes it - or null), O(share) and O(phone) map them to C({value, source}). Any
    other shape fails the task naming the option, the parameter and the shape expected."
  - Compares only; contacts nothing. playbooks/drift.yml runs it for every REST phone, and the polycom.uc.drift_report callback puts
    RV(config_drift) into the drift report with each parameter's source.
author:
  - polycom.uc contributors (@polycom-uc)
attributes:
  check_mode:
    support: full
    description: Compares only; the same in check mode.
  diff_mode:
    support: none
    description: RV(config_drift) has each parameter's three values.
options:
  rendered:
    description:
      - Parameter name to value, from the files the repository renders for the phone (without override files), as
        RV(polycom.uc.lync_files#module:effective) C(rendered) returns them. A value is text, a number, a boolean (compared as
        C(1)/C(0)) or null.
    type: dict
    required: true
  share:
    description:
      - Parameter name to C({value, source}) the share gives the phone now, source the file
        (RV(polycom.uc.lync_files#module:effective) C(share)). Each entry has the keys C(value) and C(source), nothing else.
    type: dict
    required: true
  phone:
    description:
      - Parameter name to C({value, source}) the phone runs (RV(polycom.uc.ucs_phone_info#module:parameters)). Each entry has
        the keys C(value) and C(source), nothing else.
    type: dict
    required: true
'''

EXAMPLES = r'''
- name: Read the phone's running values of the parameters the repository and the share give it
  polycom.uc.ucs_phone_info:
    host: "{{ ansible_host }}"
    password: "{{ vault_phone_rest_password }}"
    parameters: "{{ (views.rendered.keys() | list) + (views.share.keys() | list) }}"
  register: phone

- name: What drifts, and why
  polycom.uc.ucs_three_way_drift:
    rendered: "{{ views.rendered }}"
    share: "{{ views.share }}"
    phone: "{{ phone.parameters }}"
  vars:
    views: "{{ hostvars['share'].lync_provisioning_result.effective[ucs_phone_mac] }}"
'''

RETURN = r'''
config_drift:
  description: Every parameter that drifts, sorted by name. Secret values are C(********).
  returned: always
  type: list
  elements: dict
  contains:
    parameter:
      description: The parameter.
      type: str
    cause:
      description: C(changed_at_phone), C(set_by_call_server), C(override_file), C(not_reread), C(unknown_source) or C(share_differs).
      type: str
    source:
      description: Where the drift comes from, in words (the phone's Source, the override file, the file the phone has not re-read).
      type: str
    rendered:
      description: The repository's value (null when it sets none).
      type: str
    share:
      description: The share's value.
      type: str
    share_source:
      description: The file the share's value comes from.
      type: str
    phone:
      description: The phone's running value.
      type: str
    phone_source:
      description: The phone's Source (C(configFile), C(local), C(web), C(default), C(device)).
      type: str
  sample: [{parameter: pres.idleTimeout.offHours.period, cause: changed_at_phone, source: "the phone (Source web)",
            rendered: "30", share: "30", share_source: 0004f2e0a502-lync.cfg, phone: "90", phone_source: web}]
counts:
  description: Drifting parameters per cause.
  returned: always
  type: dict
  sample: {changed_at_phone: 1, set_by_call_server: 0, override_file: 0, not_reread: 0, unknown_source: 0, share_differs: 0}
msg:
  description: One line.
  returned: always
  type: str
problems:
  description: Every way an option is not the shape it must be (the first ten); the task fails and compares nothing.
  returned: failure, when an option has the wrong shape
  type: list
  elements: str
  sample: ["share: a.b is text, not a mapping; expected {parameter name: {value: ..., source: the file it comes from}}"]
'''

from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.ucs_lync import is_secret
from ansible_collections.polycom.uc.plugins.module_utils.ucs_three_way import CAUSES, input_problems, three_way


def main():
    module = PolycomModule(argument_spec=dict(rendered=dict(type='dict', required=True), share=dict(type='dict', required=True),
                                              phone=dict(type='dict', required=True)), connection=False, supports_check_mode=True)
    params = module.params
    module.fail_on_problems(input_problems(params['rendered'], params['share'], params['phone']), prefix='invalid input: ')
    drift = three_way(params['rendered'], params['share'], params['phone'], secret=is_secret)
    counts = dict((cause, sum(1 for entry in drift if entry['cause'] == cause)) for cause in CAUSES)
    msg = '%d parameter(s) drift%s' % (len(drift), ': ' + ', '.join('%d %s' % (n, c) for c, n in counts.items() if n) if drift else '')
    module.exit_json(changed=False, config_drift=drift, counts=counts, msg=msg)


if __name__ == '__main__':
    main()
