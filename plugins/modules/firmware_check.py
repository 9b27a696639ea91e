#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: firmware_check
short_description: Compare a device's firmware with the estate's firmware baseline
version_added: 0.2.0
description:
  - Takes the RV(polycom.uc.pano_info#module:device) dict any polycom.uc facts module returns (M(polycom.uc.pano_info),
    M(polycom.uc.ucs_phone_info), the Group Series and share facts modules) and a baseline from inventory, and
    returns the firmware status C(ok), C(below_minimum), C(not_exact), C(unknown_model) (the baseline has no rule for
    the family or model) or C(unknown_version) (the device reported no version), with what was expected and what runs.
  - Versions are compared as versions, part by part (C(1.10) is newer than C(1.9); C(Release - 6.2.2.8-670021) is C(6.2.2.8)).
  - Talks to no device; runs wherever the task runs (the device hosts use the local connection). Never changes
    anything, so C(changed) is always false; the P(polycom.uc.drift_report#callback) callback reports any status but C(ok) as drift.
author:
  - polycom.uc contributors (@polycom-uc)
attributes:
  check_mode:
    support: full
    description: Compares only; runs the same in check mode.
  diff_mode:
    support: none
    description: Nothing changes, so there is no diff.
options:
  device:
    description:
      - The C(device) result of a polycom.uc facts module; needs C(family), C(model) and C(firmware_version).
    type: dict
    required: true
  baseline:
    description:
      - "The firmware each family and model should run, usually the inventory variable C(polycom_firmware_baseline):
        C({family: {minimum: VERSION} or {exact: VERSION}, models: {MODEL: {minimum: VERSION} or {exact: VERSION}}}).
        Families are C(pano), C(group_series) and C(phone)."
      - A model rule wins over the family rule. Model names match without regard to case, spaces, hyphens and
        underscores (C(VVX 500) = C(VVX500)).
      - C(minimum) accepts that version and every newer one. C(exact) accepts versions whose leading parts are the ones
        given, so C(6.2.2.8) accepts C(6.2.2.8) (and a build C(6.2.2.8.1)), and C(6.2) accepts every C(6.2.x).
      - An invalid baseline fails the task and names every problem.
    type: dict
    default: {}
  fail_on_drift:
    description:
      - Fail the task when the status is not C(ok). By default the status is only reported.
    type: bool
    default: false
'''

EXAMPLES = r'''
# group_vars/all.yml
# polycom_firmware_baseline:
#   pano:
#     minimum: "1.1.2"
#   group_series:
#     models:
#       RealPresence Group 500: {exact: "6.2.2.8"}
#   phone:
#     minimum: "5.4"
#     models:
#       VVX 500: {minimum: "5.9.1"}

- name: Read the Pano
  polycom.uc.pano_info:
    host: "{{ ansible_host }}"
    password: "{{ vault_pano_admin_password }}"
  register: pano

- name: Compare its firmware with the baseline
  polycom.uc.firmware_check:
    device: "{{ pano.device }}"
    baseline: "{{ polycom_firmware_baseline }}"
  register: firmware

- name: Say what is off
  ansible.builtin.debug:
    msg: "{{ firmware.firmware.message }}"
  when: firmware.firmware.status != 'ok'
'''

RETURN = r'''
firmware:
  description: The firmware status of the device.
  returned: always
  type: dict
  contains:
    status:
      description: C(ok), C(below_minimum), C(not_exact), C(unknown_model) or C(unknown_version).
      type: str
      sample: below_minimum
    actual:
      description: The version the device runs, numeric part only; null when it reported none.
      type: str
      sample: 1.0.0.46
    rule:
      description: C(minimum) or C(exact); null when the baseline has no rule for the device.
      type: str
      sample: minimum
    expected:
      description: The version of the rule; null when the baseline has no rule for the device.
      type: str
      sample: 1.1.2
    baseline:
      description: Where in the baseline the rule is, C(FAMILY) or C(FAMILY.models.MODEL); null when none applies.
      type: str
      sample: pano
    message:
      description: One line for people.
      type: str
      sample: runs 1.0.0.46, baseline minimum 1.1.2 (pano)
    family:
      description: The device's family.
      type: str
      sample: pano
    model:
      description: The device's model.
      type: str
      sample: Polycom Pano
    serial:
      description: The device's serial number.
      type: str
    mac_address:
      description: The device's MAC address.
      type: str
'''

from ansible_collections.polycom.uc.plugins.module_utils.firmware import baseline_problems, firmware_status
from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule


def main():
    module = PolycomModule(dict(
        device=dict(type='dict', required=True),
        baseline=dict(type='dict', default={}),
        fail_on_drift=dict(type='bool', default=False),
    ), connection=False, supports_check_mode=True)
    module.fail_on_problems(baseline_problems(module.params['baseline']), prefix='invalid firmware baseline: ')
    device = module.params['device']
    missing = [key for key in ('family', 'model') if not device.get(key)]
    if missing:
        module.fail_json(msg='device: needs %s, the shape polycom.uc facts modules return' % ' and '.join(missing))
    result = firmware_status(device, module.params['baseline'])
    if module.params['fail_on_drift'] and result['status'] != 'ok':
        module.fail_json(msg='firmware drift: %s %s' % (result['status'], result['message']), firmware=result)
    module.exit_json(changed=False, firmware=result)


if __name__ == '__main__':
    main()
