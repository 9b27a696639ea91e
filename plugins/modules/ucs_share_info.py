#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ucs_share_info
short_description: Show what Polycom UC Software phones will read from a provisioning share
version_added: 0.1.0
description:
  - Reads a provisioning share (a directory on the host that runs the task) the way a Polycom UC Software phone
    (VVX, SoundPoint IP, SoundStation IP, SpectraLink 8400) reads it at boot, and returns per phone the files it
    reads in order, every effective parameter with the file it comes from, the problems found, and the firmware
    version from the log the phone uploaded last.
  - The phone asks for C(<mac>.cfg), else C(000000000000.cfg). From the master file's C(APPLICATION) element it
    takes C(CONFIG_FILES) (a per-model attribute such as C(CONFIG_FILES_VVX500) wins over the generic one;
    C([PHONE_MAC_ADDRESS]) is replaced by the MAC), reads the files left to right, and the first occurrence of a
    parameter wins. The override files C(<OVERRIDES_DIRECTORY>/<mac>-phone.cfg) and C(<mac>-web.cfg) beat every
    other file. Every attribute of every element is a parameter; element text is ignored.
  - Findings name missing files, files that are not well-formed XML, encrypted files (their first line carries
    C(Digest=); they cannot be read here), parameter occurrences shadowed by one of higher precedence, unknown
    parameter names, and values outside the permitted values of the Lync guide's parameters (phones log those
    as errors and do not use them, so they are left out of RV(phones[].parameters)).
  - Names and values are checked against the collection's Lync parameter catalogue (the guide's Tables 2 to 5,
    the one the lync_provisioning role validates with) and a short list of neighbouring names - parameter
    families, the exact names of the families the guide covers, near misses such as C(volpProt) with a
    suggestion. There is no full UC Software parameter catalogue, so a name outside the guide's families is
    only reported when it looks like a misspelt known one.
  - Free-text values the catalogue checks (host names, SIP addresses, PEM certificates) that do not look right are
    reported as C(suspicious_value); phones take them as they are.
  - The firmware version comes from the newest C(<mac>-boot.log) or C(<mac>-app.log) in C(LOG_FILE_DIRECTORY)
    (or the share root) that has a line C(Application version:) followed by the version, such as C(4.0.1.13681);
    the model, unless given in O(models), from a line C(Phone model:) followed by the model, such as C(VVX500).
  - By default the result is bounded whatever the size of the share - counts, the first O(limit) MAC addresses of each
    problem and the findings grouped across phones; O(detail) asks for every phone's entry.
  - With O(baseline) it also compares the firmware of every phone that uploaded a log with the estate's baseline, as
    M(polycom.uc.firmware_check) does for one device, and returns the phones grouped by model, version and status
    (RV(firmware_groups)), a few characters a phone.
  - Reads only; never writes to the share.
author:
  - polycom.uc contributors (@polycom-uc)
attributes:
  check_mode:
    support: full
    description: Reads only; runs the same in check mode.
  diff_mode:
    support: none
    description: Nothing changes, so there is no diff.
options:
  path:
    description:
      - The share's root directory, on the host that runs the task (for a share on the provisioning server,
        run the task there or delegate it).
    type: path
    required: true
  macs:
    description:
      - MAC addresses of the phones to report (any of C(0004f2aabbcc), C(00:04:F2:AA:BB:CC), C(00-04-f2-aa-bb-cc)).
      - Without it, every phone named by a file on the share (C(<mac>.cfg), per-phone files, override files, logs).
    type: list
    elements: str
  models:
    description:
      - Model of each phone, a mapping of MAC address to model such as C(VVX500), used for the per-model attributes
        of the master file. Without it, the model the phone wrote in its uploaded log, if any.
    type: dict
    default: {}
  discover:
    description:
      - Without O(macs), which phones to report. C(all) - every MAC a file on the share names, including logs and
        override files phones uploaded. C(configured) - only MACs named by configuration files (C(<mac>.cfg),
        per-phone files), not by anything in the directories phones upload into; the phones the share provisions.
    type: str
    choices: [all, configured]
    default: all
  detail:
    description:
      - How much to return. Every phone is analysed the same way in every case; only the result's size differs.
      - C(summary) - counts (RV(summary)), lists cut to O(limit) MAC addresses, the findings grouped across phones
        (RV(findings)) and, with O(baseline), the firmware of every phone compactly (RV(firmware_groups)). Bounded -
        a few kB plus about 16 characters a phone for the firmware groups, so a 10,000-phone share stays far below
        ansible-runner's event limit (C(MAX_EVENT_RES), 700,000 characters) and readable at C(-v).
      - C(phones) - also RV(phones), every phone's entry without its files and parameters, and RV(macs); about 1-2 kB a
        phone.
      - C(full) - RV(phones) with each phone's RV(phones[].files) and RV(phones[].parameters); many kB a phone, for a
        few phones.
      - Default C(summary), unless O(details) says otherwise.
    type: str
    choices: [summary, phones, full]
    version_added: 0.2.0
  details:
    description:
      - The older form of O(detail) - C(true) is O(detail=full), C(false) is O(detail=phones). Give one of the two.
      - Before 0.2.0 this defaulted to C(true); without either option the result is now the bounded O(detail=summary).
    type: bool
  limit:
    description:
      - How many MAC addresses the lists of RV(summary) keep with O(detail=summary), how many finding groups
        RV(findings) keeps and how many example MACs each has.
    type: int
    default: 10
    version_added: 0.2.0
  baseline:
    description:
      - "Also compare the firmware of every phone that reported a version in an uploaded log with this baseline,
        usually the inventory variable C(polycom_firmware_baseline): C({phone: {minimum: VERSION} or {exact: VERSION},
        models: {MODEL: {minimum: VERSION} or {exact: VERSION}}}), the rules of M(polycom.uc.firmware_check), which
        this does for all phones in one pass."
      - Returns RV(firmware_groups) and RV(firmware_summary). Phones that uploaded no log are not compared; they are
        counted in RV(firmware_summary.no_log).
      - An invalid baseline fails the task and names every problem.
    type: dict
    version_added: 0.2.0
  show_sensitive:
    description:
      - Return the values of passwords and keys (C(reg.x.auth.password), C(device.sec.configEncryption.key), ...)
        instead of C(********), in RV(phones[].parameters) and in finding messages.
    type: bool
    default: false
seealso:
  - name: Provisioning Polycom Phones with Microsoft Lync Server 2010
    description: The Polycom guide whose parameters (Tables 2 to 5) the value check knows.
    link: https://support.polycom.com/
'''

EXAMPLES = r'''
- name: What will the phones read?
  polycom.uc.ucs_share_info:
    path: /srv/ftp/polycom
    models:
      0004f2aabbcc: VVX500
  register: share

- name: Fail on any error finding
  ansible.builtin.assert:
    that: share.summary.errors == 0
    fail_msg: "{{ share.findings | selectattr('severity', 'eq', 'error') | map(attribute='message') | list }}"

- name: Check a large share - only the phones it provisions, counts and the first ten names (the default detail)
  polycom.uc.ucs_share_info:
    path: /srv/ftp/polycom
    discover: configured
  register: large

- name: Every provisioned phone's line 1 is set up for Lync
  ansible.builtin.assert:
    that: large.summary.lync_ready == large.summary.phones
    fail_msg: "{{ large.summary.not_ready }} phones not ready, such as {{ large.summary.phones_not_ready }}: {{ large.summary.reasons }}"

- name: Firmware of every phone of the share against the baseline, in one task
  polycom.uc.ucs_share_info:
    path: /srv/ftp/polycom
    discover: configured
    baseline: "{{ polycom_firmware_baseline }}"
  register: firmware

- name: Phones off the baseline, by model and version
  ansible.builtin.debug:
    msg: "{{ item.count }} {{ item.model }} on {{ item.actual }}: {{ item.status }} ({{ item.message }})"
  loop: "{{ firmware.firmware_groups | rejectattr('status', 'eq', 'ok') }}"
  loop_control:
    label: "{{ item.model }} {{ item.actual }}"

- name: Every phone's entry, with the files it reads and its parameters
  polycom.uc.ucs_share_info:
    path: /srv/ftp/polycom
    detail: full
  register: share_full

- name: Firmware each phone reported in its last log
  ansible.builtin.debug:
    msg: "{{ item.device.mac_address }} {{ item.device.model }} runs {{ item.device.firmware_version }}"
  loop: "{{ share_full.phones }}"
  loop_control:
    label: "{{ item.mac_address }}"

- name: The Lync pool phone 0004f2aabbcc will use, and from which file
  ansible.builtin.debug:
    msg: "{{ (share_full.phones | selectattr('mac_address', 'eq', '0004f2aabbcc') | first).parameters['voIpProt.server.1.address'] }}"
'''

RETURN = r'''
macs:
  description: MAC addresses reported, in the order of RV(phones).
  returned: with O(detail=phones) or O(detail=full)
  type: list
  elements: str
  sample: [0004f2aabbcc]
summary:
  description: Counts over all reported phones, and the first MAC addresses of each kind of problem.
  returned: always
  type: dict
  contains:
    phones:
      description: Phones reported.
      type: int
    errors:
      description: Findings of severity C(error).
      type: int
    warnings:
      description: Findings of severity C(warning).
      type: int
    lync_ready:
      description: Phones whose line 1 is set up for Lync (RV(phones[].lync.ready)).
      type: int
    phones_with_errors:
      description: MAC addresses of the phones with at least one error finding; with O(detail=summary) the first O(limit).
      type: list
      elements: str
    phones_with_errors_count:
      description: How many phones have at least one error finding.
      type: int
    first_errors:
      description: The first error of each of the first ten phones with errors, each the MAC address, a colon and the message.
      type: list
      elements: str
    not_ready:
      description: How many phones' line 1 is not set up for Lync.
      type: int
    not_ready_at_phone:
      description:
        - How many of them are not ready only because of their own override files (C(<mac>-phone.cfg), C(<mac>-web.cfg), which
          phones upload); the rest are not ready because of the files the share is provisioned with.
      type: int
      version_added: 0.4.0
    phones_not_ready:
      description: MAC addresses of the phones whose line 1 is not set up for Lync; with O(detail=summary) the first O(limit).
      type: list
      elements: str
    reasons:
      description: Why line 1 is not set up for Lync (RV(phones[].lync.reasons)), with how many phones each; the O(limit) most frequent.
      type: dict
      sample: {"transport UDPOnly; Lync needs TLS": 10000}
    with_firmware:
      description: Phones whose newest uploaded log names their firmware version.
      type: int
    finding_groups:
      description: How many distinct findings there are (RV(findings) keeps the first O(limit)).
      type: int
    truncated:
      description: Whether a list of RV(summary) or RV(findings), or RV(summary.reasons), was cut to O(limit).
      type: bool
  sample: {phones: 2, errors: 0, warnings: 1, lync_ready: 2, phones_with_errors: [], phones_with_errors_count: 0,
           not_ready: 0, not_ready_at_phone: 0, phones_not_ready: [], reasons: {}, with_firmware: 2, finding_groups: 1, truncated: false}
findings:
  description:
    - The findings of all phones, grouped - the same kind, severity and message once the phone's own MAC address is
      written C([PHONE_MAC_ADDRESS]). Errors first, then warnings, then notes, each the most frequent first; the first
      O(limit) groups (RV(summary.finding_groups) says how many there are).
  returned: always
  type: list
  elements: dict
  contains:
    kind:
      description: As the C(kind) of RV(phones[].findings).
      type: str
    severity:
      description: C(error), C(warning) or C(info).
      type: str
    message:
      description: The message, the phone's MAC address as C([PHONE_MAC_ADDRESS]).
      type: str
    phones:
      description: How many phones have this finding.
      type: int
    mac_addresses:
      description: The first O(limit) of those phones.
      type: list
      elements: str
  sample:
    - kind: missing_file
      severity: error
      message: "[PHONE_MAC_ADDRESS]-lync.cfg is listed in CONFIG_FILES of 000000000000.cfg but is not on the share"
      phones: 1
      mac_addresses: [0004f2aabbcc]
firmware_groups:
  description:
    - With O(baseline), every phone that reported a firmware version in an uploaded log, compared with the baseline and
      grouped by everything the comparison depends on - one group per status, family, model, version, rule,
      expected version and baseline rule, with all its phones' MAC addresses. Groups off the baseline come first.
    - The status and message of each group are those M(polycom.uc.firmware_check) returns for each of its phones;
      the P(polycom.uc.drift_report#callback) callback lists every phone of a group off the baseline.
  returned: with O(baseline)
  type: list
  elements: dict
  contains:
    status:
      description: C(ok), C(below_minimum), C(not_exact), C(unknown_model) or C(unknown_version).
      type: str
      sample: below_minimum
    family:
      description: Always C(phone).
      type: str
    model:
      description: The model the phones wrote in their log, or null.
      type: str
      sample: VVX500
    actual:
      description: The version the phones run.
      type: str
      sample: 4.0.1.13681
    rule:
      description: C(minimum) or C(exact); null when the baseline has no rule for the model.
      type: str
    expected:
      description: The version of the rule; null when none applies.
      type: str
      sample: "5.4"
    baseline:
      description: Where in the baseline the rule is, C(phone) or C(phone.models.MODEL); null when none applies.
      type: str
      sample: phone
    message:
      description: One line for people, the same for every phone of the group.
      type: str
      sample: runs 4.0.1.13681, baseline minimum 5.4 (phone)
    count:
      description: How many phones are in the group.
      type: int
      sample: 2
    mac_addresses:
      description: Every phone of the group, in the order of the share's MAC addresses.
      type: list
      elements: str
      sample: [0004f2aabbcc, 0004f2aabbcd]
    serials:
      description: Serial numbers of devices without a MAC address (phones always have one, so empty).
      type: list
      elements: str
      sample: []
firmware_summary:
  description: With O(baseline), how many phones have each firmware status.
  returned: with O(baseline)
  type: dict
  contains:
    ok:
      description: Phones on the baseline.
      type: int
    below_minimum:
      description: Phones below the minimum of their rule.
      type: int
    not_exact:
      description: Phones not on the exact version of their rule.
      type: int
    unknown_model:
      description: Phones for whose model (and family) the baseline has no rule.
      type: int
    unknown_version:
      description: Phones whose version could not be read (none so far - phones without one are not compared).
      type: int
    compared:
      description: Phones compared, those that reported a version.
      type: int
    drift:
      description: Phones compared that are not C(ok).
      type: int
    no_log:
      description: Phones reported that uploaded no log naming their firmware, so were not compared.
      type: int
  sample: {ok: 9000, below_minimum: 800, not_exact: 0, unknown_model: 200, unknown_version: 0, compared: 10000, drift: 1000, no_log: 0}
phones:
  description: One entry per phone.
  returned: with O(detail=phones) or O(detail=full)
  type: list
  elements: dict
  contains:
    mac_address:
      description: The phone's MAC address, 12 lower-case hex digits.
      type: str
      sample: 0004f2aabbcc
    model:
      description: Model used for the per-model master attributes (from O(models) or the phone's log), or null.
      type: str
      sample: VVX500
    master:
      description: The master file the phone uses, or null when there is none.
      type: str
      sample: 000000000000.cfg
    app_file_path:
      description: Firmware image the master names for this phone (C(APP_FILE_PATH), per-model variant first).
      type: str
      sample: sip.ld
    directories:
      description: The C(*_DIRECTORY) attributes of the master for this phone.
      type: dict
      sample: {LOG_FILE_DIRECTORY: logs, OVERRIDES_DIRECTORY: overrides}
    files:
      description:
        - The files the phone requests, in order - master candidates, C(CONFIG_FILES) entries, override files.
        - Only with O(detail=full).
        - C(status) is C(read), C(missing), C(encrypted), C(parse_error), C(too_large) (above the limit in docs/lync.md, not read) or
          C(remote) (another server, not checked).
      type: list
      elements: dict
      sample:
        - {name: 0004f2aabbcc.cfg, role: master, status: missing}
        - {name: 000000000000.cfg, role: master, status: read}
        - {name: 0004f2aabbcc-lync.cfg, role: config, status: read, parameters: 5}
        - {name: lync-shared.cfg, role: config, status: read, parameters: 19}
        - {name: overrides/0004f2aabbcc-phone.cfg, role: override, status: missing}
    parameters:
      description:
        - Every effective parameter - name to its value and the file it comes from. Values outside the permitted
          values are left out (the phone does not use them). Secrets are C(********) unless O(show_sensitive).
        - Only with O(detail=full).
      type: dict
      sample: {reg.1.address: {value: "sip:jsmith@bor-ee.com", source: 0004f2aabbcc-lync.cfg}}
    findings:
      description:
        - Problems and notes. C(kind) is one of C(no_master), C(parse_error), C(encrypted), C(missing_file),
          C(unknown_parameter), C(out_of_range), C(suspicious_value), C(shadowed), C(text_ignored), C(device_not_applied), C(limit), C(too_large),
          C(model_unknown), C(remote). C(severity) is C(error), C(warning) or C(info) (a shadowed occurrence with
          the same value). C(file), C(parameter) and C(shadowed_by) where they apply.
      type: list
      elements: dict
      sample:
        - kind: shadowed
          severity: warning
          message: reg.1.address in lync-shared.cfg (sip:x@example.com) is shadowed by 0004f2aabbcc-lync.cfg (sip:jsmith@bor-ee.com)
          file: lync-shared.cfg
          parameter: reg.1.address
          shadowed_by: 0004f2aabbcc-lync.cfg
    lync:
      description:
        - Whether line 1 is set up for Lync Server 2010 as the guide's check at C(Menu > Status > Lines) needs it -
          C(reg.1.address) set; a pool (C(reg.1.server.1.address), else C(voIpProt.server.1.address)); transport C(TLS)
          (C(reg.1.server.1.transport) when C(reg.1.server.1.address) is set, else C(voIpProt.server.1.transport); default
          C(DNSnaptr)); C(specialInterop) C(lync2010) (C(reg.1.server.1.specialInterop) overrides
          C(voIpProt.server.1.specialInterop); default C(standard)); and credentials in the files
          (C(reg.1.auth.userId), C(.password), C(.domain)) or entered at the phone (C(reg.1.auth.useLoginCredentials=1)).
        - With credentials entered at the phone, the line registers only once the user has entered them.
      type: dict
      contains:
        ready:
          description: Whether every condition holds.
          type: bool
        reasons:
          description: The conditions that do not hold; empty when RV(phones[].lync.ready).
          type: list
          elements: str
        address:
          description: The sign-in address (C(reg.1.address)).
          type: str
          sample: sip:jsmith@bor-ee.com
        server:
          description: The Lync pool the line registers with.
          type: str
          sample: lyncpool.bor-ee.com
        transport:
          description: The transport in force.
          type: str
          sample: TLS
        special_interop:
          description: The C(specialInterop) in force.
          type: str
          sample: lync2010
        credentials:
          description: C(file) (Table 4), C(phone) (Table 3, entered at the phone) or null.
          type: str
          sample: phone
        at_phone:
          description:
            - True when line 1 is not ready only because of the phone's own override files (what a user set at the phone or
              in its web utility); with the override files left out it would be.
          type: bool
          sample: false
          version_added: 0.4.0
    device:
      description: The phone's identity in the shape every polycom.uc facts module returns.
      type: dict
      contains:
        family:
          description: Device family, always C(phone).
          type: str
          sample: phone
        model:
          description: Model, as for RV(phones[].model).
          type: str
        mac_address:
          description: MAC address, 12 lower-case hex digits.
          type: str
        firmware_version:
          description: Firmware version from the phone's newest uploaded log, or null when it uploaded none.
          type: str
          sample: 4.0.1.13681
        log_file:
          description: The log (relative to O(path)) the version comes from.
          type: str
          sample: logs/0004f2aabbcc-app.log
        log_time:
          description: Modification time of that log, ISO 8601, UTC.
          type: str
'''

import os

from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.firmware import baseline_problems
from ansible_collections.polycom.uc.plugins.module_utils.ucs_share import normalize_mac, share_info
from ansible_collections.polycom.uc.plugins.module_utils.ucs_share_report import DETAILS, share_report


def wanted_detail(params):
    """detail, else the older details (true: full, false: phones), else the bounded summary."""
    if params['detail']:
        return params['detail']
    if params['details'] is not None:
        return 'full' if params['details'] else 'phones'
    return 'summary'


def argument_spec():
    return dict(
        path=dict(type='path', required=True),
        macs=dict(type='list', elements='str'),
        models=dict(type='dict', default={}),
        discover=dict(type='str', default='all', choices=['all', 'configured']),
        detail=dict(type='str', choices=list(DETAILS)),
        details=dict(type='bool'),
        limit=dict(type='int', default=10),
        baseline=dict(type='dict'),
        show_sensitive=dict(type='bool', default=False),
    )


def refuse_bad_input(module):
    """Bad input fails before the share is read."""
    params = module.params
    if not os.path.isdir(params['path']):
        module.fail_json(msg='%s is not a directory' % params['path'])
    if params['limit'] < 0:
        module.fail_json(msg='limit: must be 0 or more, got %d' % params['limit'])
    module.fail_on_problems(baseline_problems(params['baseline']) if params['baseline'] is not None else [],
                            prefix='invalid firmware baseline: ')


def main():
    # On the module base for its refusals and faults; it reads a directory, no device (connection=False).
    module = PolycomModule(argument_spec(), connection=False, mutually_exclusive=[('detail', 'details')], supports_check_mode=True)
    params = module.params
    refuse_bad_input(module)
    detail = wanted_detail(params)
    try:
        for mac in list(params['macs'] or []) + list(params['models']):
            normalize_mac(mac)
        result = share_info(params['path'], params['macs'], params['models'], params['show_sensitive'], detail == 'full', params['discover'])
    except ValueError as exc:
        module.fail_from_exception(exc)
    except (IOError, OSError) as exc:
        module.fail_from_exception(exc, prefix='cannot read the share %s: ' % params['path'])
    module.exit_json(changed=False, **share_report(result, detail, params['limit'], params['baseline']))


if __name__ == '__main__':
    main()
