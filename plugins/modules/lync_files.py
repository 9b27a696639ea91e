#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

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
options:
  root:
    description:
      - The share's root directory on the target host (the directory phones fetch C(000000000000.cfg) from).
    type: str
    required: true
  phones:
    description:
      - The phones. Each a mapping with C(mac) (any common notation), C(address) (Lync SIP sign-in address C(sip:user@domain)),
        optional C(user), C(password), C(domain) (Table 4), C(model) (for example C(VVX500)), C(group) (a key of O(group_params))
        and C(params) (a mapping of extra parameters for this phone).
    type: list
    elements: raw
    default: []
  phones_csv:
    description:
      - A CSV file on the controller (found like M(ansible.builtin.copy) sources; may be vault-encrypted) with a header line.
        Columns C(mac), C(address), C(user), C(password), C(domain), C(model), C(group), and C(param:<name>) for extra parameters;
        empty cells are not set. Blank lines and lines starting with C(#) are skipped. Added to O(phones).
    type: str
  credentials:
    description:
      - C(phone) writes Table 3 (C(reg.1.auth.useLoginCredentials=1); users enter their credentials at the phone).
      - C(file) writes Table 4 (C(reg.1.auth.userId), C(reg.1.auth.password), C(reg.1.auth.domain)); needs O(share_https)
        or O(allow_insecure_credentials). Those files are written with O(secret_file_mode).
    type: str
    choices: [phone, file]
    default: phone
  share_https:
    description:
      - Declares that phones fetch this share over HTTPS. Required for O(credentials=file) and for secret parameters.
    type: bool
    default: false
  allow_insecure_credentials:
    description:
      - Write credentials although the share is not declared HTTPS (the guide recommends against it).
    type: bool
    default: false
  pool_address:
    description:
      - Domain name of the Lync Director or front-end pool (C(voIpProt.server.1.address), Table 2). Required unless
        O(shared_params) sets C(voIpProt.server.1.address).
    type: str
  ca_certificate:
    description:
      - PEM certificate for TLS application profile 1 (C(sec.TLS.customCaCert.1), Table 2). Not written when empty.
    type: str
  auth_domain:
    description:
      - Authentication domain for phones without a C(domain) (Table 4).
    type: str
  shared_params:
    description:
      - Extra or changed parameters of the shared file, for example Table 5's. A name of Table 2 replaces its value in place.
    type: dict
    default: {}
  group_params:
    description:
      - "Parameters per group (site, floor...), C({group: {name: value}}), written into the per-phone file of every phone of the group.
        A phone's own C(params) win over its group's."
    type: dict
    default: {}
  master:
    description:
      - C(generic) writes one C(000000000000.cfg) using C([PHONE_MAC_ADDRESS]); C(per_phone) writes C(<mac>.cfg) per phone.
    type: str
    choices: [generic, per_phone]
    default: generic
  app_file_path:
    description:
      - C(APP_FILE_PATH) of the master file (the firmware image); empty for none.
    type: str
    default: sip.ld
  app_file_path_by_model:
    description:
      - "Per-model firmware, C({VVX500: firmware/4.0.1/sip.ld}), written as C(APP_FILE_PATH_<model>)."
    type: dict
    default: {}
  firmware_pilot:
    description:
      - MAC addresses of phones of this run that boot the firmware of O(firmware_pilot_app_file_path_by_model) (a staged rollout).
        With O(master=generic) each gets a C(<mac>.cfg) master of its own (phones read it before C(000000000000.cfg)), with the same
        C(CONFIG_FILES) as the generic master; with O(master=per_phone) its C(<mac>.cfg) names the pilot images.
      - A phone taken out of the pilot goes back to C(000000000000.cfg) in the same run; with O(master=generic), a C(<mac>.cfg) this
        module wrote earlier and no longer generates is removed even without O(prune) (unless someone changed it since). See C(docs/firmware.md).
    type: list
    elements: str
    default: []
    version_added: 0.3.0
  firmware_pilot_app_file_path_by_model:
    description:
      - "The pilot phones' per-model firmware, C({VVX500: firmware/5.4.0.5841/3111-44500-001.sip.ld}); wins over O(app_file_path_by_model)
        in their master files."
    type: dict
    default: {}
    version_added: 0.3.0
  directories:
    description:
      - Directories of the master file, relative to O(root); empty or missing means the share root.
        Keys C(log), C(overrides), C(contacts), C(license), C(user_profiles), C(call_lists), C(corefile).
        All but C(license) are directories phones upload into; they get O(upload_dir_mode) and their files are never touched.
    type: dict
    default: {log: logs, overrides: overrides, contacts: contacts, call_lists: calls}
  config_files_first:
    description:
      - Extra C(CONFIG_FILES) entries before the per-phone file (highest priority).
    type: list
    elements: str
    default: []
  config_files_last:
    description:
      - Extra C(CONFIG_FILES) entries after the shared file (lowest priority).
    type: list
    elements: str
    default: []
  shared_file:
    description:
      - Path of the shared file, relative to O(root).
    type: str
    default: lync-shared.cfg
  phone_file:
    description:
      - Path of the per-phone files, relative to O(root); must contain C([PHONE_MAC_ADDRESS]).
    type: str
    default: "[PHONE_MAC_ADDRESS]-lync.cfg"
  all_in_one:
    description:
      - Also write one all-in-one file per phone (shared and Table 3 parameters, never a password) for the Web Configuration
        Utility into O(all_in_one_dir). Refused for 20 phones or more unless O(all_in_one_force).
    type: bool
    default: false
  all_in_one_dir:
    description:
      - Directory of the all-in-one files, relative to O(root).
    type: str
    default: web-utility
  all_in_one_force:
    description:
      - Write all-in-one files for 20 phones or more (with a warning).
    type: bool
    default: false
  templates:
    description:
      - Other templates, by kind C(shared), C(phone), C(master), C(all_in_one); found like M(ansible.builtin.template) sources,
        else in the collection's role. Variables are described at the top of the role's templates.
    type: dict
    default: {}
  upload_dir_mode:
    description:
      - Mode of the directories phones upload into. Phones write as the account of the FTP or HTTPS server, so that account
        (or O(group)) needs write access there.
    type: str
    default: "0775"
  secret_file_mode:
    description:
      - Mode of files holding credentials. Give O(group) the server account's group so the server can still read them.
    type: str
    default: "0640"
  owner:
    description:
      - Owner of the written files and directories. Without it existing files keep theirs.
    type: str
  group:
    description:
      - Group of the written files and directories. Without it existing files keep theirs.
    type: str
  prune:
    description:
      - Remove files this plugin wrote earlier (listed in the share's manifest) for phones no longer listed, if unchanged since.
    type: bool
    default: false
  manifest_set:
    description:
      - Name of this estate's set in the share's manifest.
    type: str
    default: lync
  diff_limit:
    description:
      - At most this many per-file diffs under C(--diff); the rest are counted in one line; 0 means no limit (a first run of 10,000 phones would show 10,000).
    type: int
    default: 50
  durable:
    description:
      - Flush new files to disk before they replace the old ones (see M(polycom.uc.ucs_files)).
    type: bool
    default: false
  verify:
    description:
      - Check every phone's view of the share as planned before writing (see the description).
    version_added: 0.2.0
    type: bool
    default: true
  require_lync:
    description:
      - With O(verify), also fail when a phone's line 1 would not be set up for Lync 2010 (sign-in address, pool, transport TLS,
        specialInterop C(lync2010), credentials in the file or entered at the phone with C(reg.1.auth.useLoginCredentials=1)).
      - Set it to false for estates that deliberately provision non-Lync lines; missing or malformed files still fail.
    version_added: 0.2.0
    type: bool
    default: true
  replace_encrypted:
    description:
      - Write over a file of the plan that is encrypted on the share (an admin ran UC Software's configFileEncrypt on it).
        Without it such a file fails the task, naming it, and nothing is written.
    type: bool
    default: false
    version_added: 0.2.0
  list_limit:
    description:
      - At most this many names in each list of the result (RV(created), RV(updated)...); RV(counts) counts all. 0 lists all.
    version_added: 0.2.0
    type: int
    default: 100
  rest_phones:
    description:
      - MAC addresses of the phones that can be told over their REST API (UC Software 5.x and later) to re-read their files.
        RV(reload) splits the phones whose files change into these and the rest; the lync_provisioning role passes the
        C(ucs_phone_mac) of every host of its REST phone group and then restarts RV(reload.rest) with M(polycom.uc.ucs_phone_restart).
    type: list
    elements: str
    default: []
    version_added: 0.3.0
  pending_reload:
    description:
      - MAC addresses of REST phones an earlier run was due to reload and did not see registered again (the lync_provisioning role
        keeps them in a state file on the share, C(.polycom-uc-reload.<manifest_set>.json)). Those that are also in O(rest_phones)
        and among this run's phones are in RV(reload.rest) whether or not their files change now; the others drop out.
    type: list
    elements: str
    default: []
    version_added: 0.3.0
  effective_for:
    description:
      - MACs of phones whose parameters to return in RV(effective) - as the files of this run give them, and as the share
        gives them now (see RV(polycom.uc.ucs_files#module:effective)); for the three-way drift of REST phones in playbooks/drift.yml.
    type: list
    elements: str
    default: []
    version_added: 0.3.0
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
  sample: {phones: 10000, lync_ready: 10000, not_ready: 0, errors: 0, warnings: 0, phones_not_ready: [], reasons: {}}
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
      version_added: 0.3.0
effective:
  description: Per MAC of O(effective_for), C(rendered) ({name - value}) and C(share) ({name - {value, source}}).
  returned: when O(effective_for) is given
  type: dict
  version_added: 0.3.0
'''
