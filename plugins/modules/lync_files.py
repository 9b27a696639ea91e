#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# Documentation only: polycom.uc.lync_files is an action plugin (plugins/action/lync_files.py) that renders on the
# controller and runs polycom.uc.ucs_files on the share host; no module code of its own runs anywhere, so there is
# nothing to put on module_utils/module.py's PolycomModule (a device client base). Its options are documented by the
# generated polycom.uc.lync_options fragment (from module_utils/lync_options.py, like its argument spec).

DOCUMENTATION = r'''
module: lync_files
short_description: Validate, render and write the Lync provisioning files of many Polycom phones in one task
version_added: 0.1.0
description:
  - Lays out a provisioning share for Polycom UC Software phones on Microsoft Lync Server 2010, after the guide
    I(Provisioning Polycom Phones with Microsoft Lync Server 2010) (UC Software 4.0.1). It writes the shared file
    (Table 2 with the values the guide assigns; pool address and CA certificate from O(pool_address) and O(ca_certificate));
    one file per phone, with login credentials entered at the phone (Table 3, O(credentials=phone), recommended) or with the
    credentials in the file (Table 4, O(credentials=file), only when the share is served over HTTPS); the master file, one
    C(000000000000.cfg) whose C(CONFIG_FILES) names the per-phone file with C([PHONE_MAC_ADDRESS]) left of the shared file
    (the leftmost file wins), or one C(<mac>.cfg) per phone (O(master=per_phone)); and optionally one all-in-one file per
    phone for the Web Configuration Utility (fewer than 20 phones).
  - Everything is validated before anything is written; one problem fails the task and the share is left untouched.
    MAC addresses in any common notation become 12 lower-case hex digits; duplicates, sign-in addresses that are not
    C(sip:user@domain), values outside the guide's permitted values, C(CONFIG_FILES) entries over 255 characters (2047 in all)
    and credentials in files on a share not declared HTTPS are refused, each problem naming the row or option and what is allowed.
    Parameter names missing from the guide's tables are allowed, with a warning naming the closest known name.
  - All files are rendered on the controller with Ansible's templating, one pass per kind of file (the role's templates
    C(lync-shared.cfg.j2), C(lync-phone.cfg.j2), C(lync-master.cfg.j2), C(lync-all-in-one.cfg.j2), or O(templates)),
    parsed back as XML and checked, then written by M(polycom.uc.ucs_files) in one module run on the share host
    (only the files that changed, each atomically; files phones upload are never touched; O(prune) removes files of
    phones no longer listed).
  - Before anything is written (in check mode and in a real run alike), every phone's view of the share as this run
    leaves it is checked the way M(polycom.uc.ucs_share_info) reads a share (the files rendered here, plus what is on disk
    that phones also read - their uploaded override files, files named in O(config_files_first) and O(config_files_last)).
    A phone that would read a missing, oversized or malformed file or a value phones reject, or (O(require_lync)) whose
    line 1 would not register with Lync, fails the task naming the phones (counted, the first ten listed) and the reasons,
    and nothing is written. O(verify=false) skips the check.
  - Results stay bounded for 10,000 phones (counts, and at most O(list_limit) names per list); RV(msg) is a one-line summary.
  - This is an action plugin; it runs on the controller and calls M(polycom.uc.ucs_files) on the target.
author:
  - polycom.uc contributors (@polycom-uc)
attributes:
  check_mode:
    support: full
    description: Validates and renders everything and reports exactly the files that would change; writes nothing.
  diff_mode:
    support: full
    description: A unified diff per changed file; password values are shown as C(********).
extends_documentation_fragment:
  - polycom.uc.lync_options
notes:
  - Rendering happens on the controller; the phones' data never reaches the share host except as the finished files.
  - With O(credentials=file) never log the task's arguments; the plugin's results and diffs mask passwords.
seealso:
  - module: polycom.uc.ucs_files
'''

EXAMPLES = r'''
- name: Lay out the Lync provisioning share for all phones
  polycom.uc.lync_files:
    root: /srv/polycom
    pool_address: lyncpool.example.com
    ca_certificate: "{{ lookup('ansible.builtin.file', 'lync-ca.pem') }}"
    phones_csv: phones.csv
    shared_params:
      pres.idleTimeout.offHours.period: 30
    group_params:
      warehouse:
        voIpProt.SIP.IM.autoAnswerDelay: 10
    prune: true

- name: Credentials in the files (share served over HTTPS only)
  polycom.uc.lync_files:
    root: /srv/polycom-https
    credentials: file
    share_https: true
    group: www-data
    pool_address: lyncpool.example.com
    auth_domain: BOR-EE
    phones:
      - mac: 00:04:f2:ab:cd:ef
        address: sip:jsmith@bor-ee.com
        user: jsmith
        password: "{{ vault_lync_passwords.jsmith }}"
        model: VVX500
'''

RETURN = r'''
msg:
  description: One line for people, what the run did (would do) and how many phones are ready.
  returned: always
  type: str
  sample: "10000 phones, 10002 files: 0 created, 1 updated, 10001 unchanged; 10000 of 10000 phones ready for Lync"
phones:
  description: Number of phones.
  returned: success
  type: int
  sample: 10000
share:
  description:
    - The check of every phone on the share as planned (RV(polycom.uc.ucs_files#module:phones)); bounded lists.
  returned: when O(verify) is on
  type: dict
  sample: {phones: 10000, lync_ready: 10000, not_ready: 0, not_ready_at_phone: 0, errors: 0, warnings: 0, phones_not_ready: [], reasons: {}}
counts:
  description: How many names each list holds before O(list_limit) cuts it.
  returned: success
  type: dict
  sample: {created: 0, updated: 1, permissions: 0, pruned: 0, stale: 0, kept_modified: 0, directories: 0, cleaned: 0}
files:
  description: Number of files generated (shared, master, per-phone, all-in-one).
  returned: success
  type: int
  sample: 10002
problems:
  description: Every problem found, each naming the row or option and what is allowed; nothing was written.
  returned: failure
  type: list
  elements: str
  sample: ["phones.csv line 4 (mac 0004f2000003): address 'jsmith@bor-ee.com' must be a SIP sign-in address sip:user@domain, e.g. sip:jsmith@bor-ee.com"]
created:
  description: Files created (would be, in check mode).
  returned: success
  type: list
  elements: str
updated:
  description: Files whose content changed.
  returned: success
  type: list
  elements: str
permissions:
  description: Files whose mode or owner was corrected.
  returned: success
  type: list
  elements: str
pruned:
  description: Files removed by O(prune).
  returned: success
  type: list
  elements: str
stale:
  description: Files of phones no longer listed, kept because O(prune) is off.
  returned: success
  type: list
  elements: str
kept_modified:
  description: Files of phones no longer listed that changed since they were written; not pruned.
  returned: success
  type: list
  elements: str
directories:
  description: Directories created or corrected.
  returned: success
  type: list
  elements: str
cleaned:
  description: Temporary files of an interrupted earlier run that were removed.
  returned: success
  type: list
  elements: str
unchanged:
  description: Number of files already as wanted.
  returned: success
  type: int
manifest_changed:
  description: Whether the share's manifest was rewritten.
  returned: success
  type: bool
changed_phones:
  description:
    - The phones whose effective files change (would change, in check mode), complete whatever O(list_limit) says - C(all) when
      the shared file or the generic master file (which every phone reads) is created or updated, else the sorted MACs of the
      phones whose own files (per-phone file, C(<mac>.cfg) master) are. All-in-one files (the Web Configuration Utility's) and
      mode-only corrections do not count.
  returned: success
  type: raw
  sample: [0004f2a0b006]
  version_added: 0.3.0
changed_phones_count:
  description: How many phones RV(changed_phones) stands for (every phone of the run when it is C(all)).
  returned: success
  type: int
  sample: 1
  version_added: 0.3.0
reload:
  description: The phones of RV(changed_phones) split by whether they can be told over REST (O(rest_phones)) to re-read their files.
  returned: success
  type: dict
  version_added: 0.3.0
  contains:
    rest:
      description: Every changed phone that is one of O(rest_phones), sorted MACs.
      type: list
      elements: str
    rest_count:
      description: How many.
      type: int
    no_rest_count:
      description: How many changed phones are not REST phones; they read the change at their next boot or provisioning poll.
      type: int
    no_rest:
      description: The first O(list_limit) of them.
      type: list
      elements: str
    rest_not_provisioned:
      description: MACs of O(rest_phones) that no phone of this run has (a typo, or a phone provisioned elsewhere).
      type: list
      elements: str
    pending_count:
      description: How many phones of RV(reload.rest) are there because an earlier run did not see them registered (O(pending_reload)).
      type: int
      version_added: 0.4.0
effective:
  description: Per MAC of O(effective_for), C(rendered) ({name - value}) and C(share) ({name - {value, source}}).
  returned: when O(effective_for) is given
  type: dict
  version_added: 0.3.0
'''
