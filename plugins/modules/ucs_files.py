#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ucs_files
short_description: Write many provisioning files onto a phone share, only what changed, atomically
version_added: 0.1.0
description:
  - Receives every file of a provisioning share (path relative to O(root), content, mode) in one run and writes
    only the files whose content differs, each one atomically (a temporary file in the same directory, then a rename),
    so phones booting meanwhile read the old file or the new one, never a part of one.
  - Existing files keep their owner, group and mode unless O(owner), O(group) or a file's mode ask otherwise.
  - Files that phones upload (override files C(<mac>-phone.cfg) and C(<mac>-web.cfg), logs, contact and call lists,
    and anything matching O(protect)) are never written and never removed.
  - Keeps a manifest at the share root that lists the files each O(manifest_set) generated. With O(prune), files of
    the set that are no longer given and still have the content this module wrote are removed; nothing else ever is.
  - With O(phones), reads the share as those phones will read it after this run (the files given here, and from disk
    every other file they read, such as override files they uploaded or files an admin put on the share), before anything is
    written, the same in check mode and in a real run. A phone that would read a missing, oversized or malformed file or a
    value phones reject, or (with O(require_lync)) whose line 1 would not register with Lync, fails the task naming the
    phones (counted, the first ten listed) and the reasons, and nothing is written.
  - Results stay bounded at any estate size. RV(counts) counts every list, and each list names at most O(list_limit) paths.
  - Used by the action plugin M(polycom.uc.lync_files), which renders the files on the controller and passes them
    compressed in O(packed).
author:
  - polycom.uc contributors (@polycom-uc)
attributes:
  check_mode:
    support: full
    description: Reads the share and reports exactly the files that would be created, updated, re-permissioned or pruned, and checks
      O(phones) on the share as it would be; fails exactly where the real run would fail; writes nothing.
  diff_mode:
    support: full
    description: A unified diff per changed file; values of attributes whose names match O(secret_names) are shown as C(********).
options:
  root:
    description:
      - The share's root directory on the target. Created (mode 0755) when missing.
    type: path
    required: true
  files:
    description:
      - The files to have, for direct use. Mutually exclusive with O(packed).
    type: list
    elements: dict
    suboptions:
      path:
        description:
          - Path relative to O(root), without C(.) or C(..) parts.
        type: str
        required: true
      content:
        description:
          - The file's text, written as UTF-8.
        type: str
        required: true
      mode:
        description:
          - Octal mode, for example C("0640"). Without it an existing file keeps its mode and a new one gets 0644.
        type: raw
      tag:
        description:
          - Free text the manifest records with the file (the phone's MAC for per-phone files).
        type: str
      read_by:
        description:
          - Which phones read the file, for RV(changed_phones). C(all) - every phone (a shared or generic master file);
            C(none) - no phone (a file for people or other tools); without it, the phone whose MAC is O(files[].tag), if any.
        type: str
        choices: [all, none]
        version_added: 0.3.0
  packed:
    description:
      - "The files as base64 of zlib-compressed JSON C({\"files\": [[path, content, mode, tag], ...], \"phones\": [[mac, model], ...],
        \"validated\": true, \"read_by\": {\"all\": [path, ...], \"none\": [path, ...]}}), as M(polycom.uc.lync_files) sends them
        (10,000 files travel as one small argument); C(phones) is added to O(phones); C(validated) says every value in the files already
        passed the Lync catalogue, so the check of O(phones) judges only their names again; C(read_by) names the files every phone reads
        and the files no phone reads, as O(files[].read_by) does (version 0.3.0).
        Mutually exclusive with O(files)."
    type: str
  phones:
    description:
      - Phones (C(mac), optional C(model) for per-model master attributes) to check on the share as it will be after this run,
        before anything is written (see the description). Their uploaded logs are not read.
    version_added: 0.2.0
    type: list
    elements: dict
    default: []
    suboptions:
      mac:
        description:
          - The phone's MAC address, any common notation.
        type: str
        required: true
      model:
        description:
          - The phone's model, for example C(VVX500).
        type: str
  require_lync:
    description:
      - Also fail when a phone of O(phones) would not have line 1 set up for Lync 2010 (sign-in address, pool, transport
        TLS, specialInterop lync2010, credentials in the file or entered at the phone). Off for estates that provision other lines.
    version_added: 0.2.0
    type: bool
    default: false
  replace_encrypted:
    description:
      - Replace a file on the share that is encrypted (its first line carries C(Digest=), UC Software's encrypted format) with the
        plain text given. Without it such a file fails the task, naming it, and nothing is written.
    type: bool
    default: false
    version_added: 0.2.0
  effective_for:
    description:
      - MAC addresses of phones whose parameters to return in RV(effective) - what the files of this run give each of them
        (without override files) and what the share gives them now (override files included), each value with its file. For the
        three-way drift of REST phones (playbooks/drift.yml, M(polycom.uc.ucs_three_way_drift)).
    type: list
    elements: str
    default: []
    version_added: 0.3.0
  list_limit:
    description:
      - At most this many paths in each list of the result (RV(created), RV(updated)...); RV(counts) always counts all. 0 lists all.
    version_added: 0.2.0
    type: int
    default: 100
  directories:
    description:
      - Directories to have, for example the ones phones upload into. Created with their parents when missing; O(directories[].mode) is enforced.
    type: list
    elements: dict
    default: []
    suboptions:
      path:
        description:
          - Path relative to O(root).
        type: str
        required: true
      mode:
        description:
          - Octal mode, for example C("0775"). Without it a new directory gets 0755 and an existing one is left as it is.
        type: raw
  protect:
    description:
      - Extra glob patterns, relative to O(root), of files never to write or remove, for example C(logs/*).
        A pattern without C(/) matches file names in any directory. These are always protected
        C(*-phone.cfg), C(*-web.cfg), C(*-boot.log), C(*-app.log), C(*-directory.xml), C(*-calls.xml), C(*.log).
    type: list
    elements: str
    default: []
  manifest:
    description:
      - Name of the manifest file, relative to O(root).
    type: str
    default: .polycom-uc-manifest.json
  manifest_set:
    description:
      - Name of the set of files in the manifest this run manages; several generators can share one share.
    type: str
    default: default
  prune:
    description:
      - Remove files this set generated earlier that are not given any more and still have the content this module wrote.
        Without it they are only reported in RV(stale).
    type: bool
    default: false
  prune_also:
    description:
      - Glob patterns, relative to O(root), of files this set generated earlier that are removed when they are not given any more
        even without O(prune) (still only with the content this module wrote), because a stale one would mislead phones, for
        example C([0-9a-f]*.cfg) masters of phones that left a firmware pilot while every other phone reads C(000000000000.cfg).
    type: list
    elements: str
    default: []
    version_added: 0.3.0
  owner:
    description:
      - User that should own the written files and directories. Without it existing files keep their owner.
    type: str
  group:
    description:
      - Group that should own the written files and directories, for example the group of the FTP or HTTPS server account.
        Without it existing files keep their group.
    type: str
  secret_names:
    description:
      - Regular expressions; attributes whose names match are masked in diffs and in the manifest's digests.
    type: list
    elements: str
    default: ['(?i)password', '(?i)passwd', '(?i)secret', '(?i)\.key\d*$', '(?i)(?:private|device)key$']
  diff_limit:
    description:
      - At most this many per-file diffs under C(--diff); 0 means no limit.
    type: int
    default: 0
  durable:
    description:
      - Flush the new files to disk (one C(sync) of the system) before the first rename, so even a power loss leaves old or new files.
      - Without it every file is still replaced atomically, so a killed run or a crashed module leaves old or new files;
        after a power loss, file systems that flush a file before a rename replacing it (ext4's default C(auto_da_alloc)) keep that
        promise, others may leave new files empty. Costs up to seconds on a busy disk for 10,000 new files.
    type: bool
    default: false
notes:
  - Not for files that phones or people edit on the share; the module replaces any file it is given.
'''

EXAMPLES = r'''
- name: Write two provisioning files
  polycom.uc.ucs_files:
    root: /srv/polycom
    manifest_set: site
    files:
      - path: site.cfg
        content: |
          <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
          <polycomConfig><tcpIpApp tcpIpApp.sntp.address="ntp.example.com"/></polycomConfig>
      - path: secrets/0004f2abcdef-auth.cfg
        content: "{{ lookup('ansible.builtin.template', 'auth.cfg.j2') }}"
        mode: "0640"
    directories:
      - path: logs
        mode: "0775"
    protect:
      - logs/*
'''

RETURN = r'''
created:
  description: Files created (would be, in check mode).
  returned: always
  type: list
  elements: str
  sample: [0004f2abcdef-lync.cfg]
updated:
  description: Files whose content changed (would change).
  returned: always
  type: list
  elements: str
  sample: [lync-shared.cfg]
permissions:
  description: Files with the same content whose mode or owner was corrected.
  returned: always
  type: list
  elements: str
pruned:
  description: Files removed by O(prune).
  returned: always
  type: list
  elements: str
stale:
  description: Files this set generated earlier and no longer generates, left in place because O(prune) is off.
  returned: always
  type: list
  elements: str
kept_modified:
  description: Files prune would have removed but that changed since they were written; kept, and dropped from the manifest.
  returned: always
  type: list
  elements: str
directories:
  description: Directories created or whose mode or owner changed.
  returned: always
  type: list
  elements: str
cleaned:
  description: Temporary files of an interrupted earlier run that were removed.
  returned: always
  type: list
  elements: str
unchanged:
  description: Number of files that already had the wanted content, mode and owner.
  returned: always
  type: int
  sample: 9999
manifest_changed:
  description: Whether the manifest was (would be) rewritten.
  returned: always
  type: bool
changed_phones:
  description:
    - The phones whose effective files this run changes (would change, in check mode), complete whatever O(list_limit) says -
      C(all) when a file every phone reads (O(files[].read_by=all)) is created or updated, else the sorted MACs of the phones whose
      own files are created or updated (their O(files[].tag)). Files whose only change is their mode or owner do not count.
      The phones to tell to re-read their configuration (M(polycom.uc.ucs_phone_restart)).
  returned: success
  type: raw
  sample: [0004f2a0b001]
  version_added: 0.3.0
effective:
  description:
    - Per MAC of O(effective_for) - C(rendered), the parameters the files of this run give the phone, read in its order
      without override files ({name - value}); C(share), what the share gives it now ({name - {value, source}}, source the file).
      Secret values are C(********).
  returned: when O(effective_for) is given
  type: dict
  sample: {"0004f2e0a502": {"rendered": {"reg.1.address": "sip:office@lab.example.com"},
           "share": {"reg.1.address": {"value": "sip:office@lab.example.com", "source": "0004f2e0a502-lync.cfg"}}}}
  version_added: 0.3.0
counts:
  description: How many paths each list holds before O(list_limit) cuts it.
  returned: always
  type: dict
  sample: {created: 0, updated: 1, permissions: 0, pruned: 0, stale: 0, kept_modified: 0, directories: 0, cleaned: 0}
phones:
  description:
    - The check of O(phones) on the share as planned; bounded lists (the first ten).
  returned: when O(phones) is given
  type: dict
  contains:
    phones:
      description: Phones checked.
      type: int
    lync_ready:
      description: Phones whose line 1 is set up for Lync.
      type: int
    not_ready:
      description: Phones whose line 1 is not.
      type: int
    not_ready_at_phone:
      description: Of those, the phones not ready only because of their own override files (which phones upload).
      type: int
      version_added: 0.4.0
    phones_not_ready:
      description: The first of them.
      type: list
      elements: str
    reasons:
      description: Why, with how many phones each.
      type: dict
      sample: {"transport UDPOnly; Lync needs TLS": 10000}
    errors:
      description: Error findings (missing, oversized or malformed files, values phones reject).
      type: int
    warnings:
      description: Warning findings (shadowed values, unknown names...).
      type: int
    phones_with_errors:
      description: The first phones with errors.
      type: list
      elements: str
    phones_with_errors_count:
      description: How many phones have errors.
      type: int
    first_errors:
      description: The first error of each of the first phones with errors.
      type: list
      elements: str
'''

import base64
import json
import zlib

from ansible.module_utils.common.text.converters import to_bytes, to_native
from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.ucs_files import (
    ATTRIBUTE, DEFAULT_SECRET_NAMES, MANIFEST, Masker, ShareError, ShareWriter,
)
from ansible_collections.polycom.uc.plugins.module_utils.ucs_share import Share, analyze_phone, check_phones, normalize_mac

LISTS = ('created', 'updated', 'permissions', 'pruned', 'stale', 'kept_modified', 'directories', 'cleaned')


def unpack(packed):
    """(files, phones, validated, read_by) from O(packed); a bare list is files only."""
    data = json.loads(zlib.decompress(base64.b64decode(packed)).decode('utf-8'))
    files, phones = (data, []) if isinstance(data, list) else (data['files'], data.get('phones') or [])
    validated = isinstance(data, dict) and data.get('validated') is True
    read_by = {}
    for reader, paths in ((data.get('read_by') or {}) if isinstance(data, dict) else {}).items():
        read_by.update((path, reader) for path in paths)
    return [(path, to_bytes(content, errors='surrogate_or_strict'), mode, tag) for path, content, mode, tag in files], phones, validated, read_by


def changed_phones(plan, files, read_by):
    """'all' when a file every phone reads is created or updated, else the sorted MACs of the phones whose own files are."""
    changed = set(plan.created) | set(plan.updated)
    macs = set()
    for path, _content, _mode, tag in files:
        if path not in changed:
            continue
        reader = read_by.get(path)
        if reader == 'all':
            return 'all'
        if reader != 'none' and tag:
            try:
                macs.add(normalize_mac(tag))
            except ValueError:
                pass  # a tag of free text names no phone
    return sorted(macs)


def hide_secrets(module, files, masker):
    """Secret attribute values given in plain O(files) never appear in the invocation or anywhere else."""
    for _path, content, _mode, _tag in files:
        if not masker.may_hold_secrets(content.decode('utf-8', 'replace')):
            continue
        for match in ATTRIBUTE.finditer(content.decode('utf-8', 'replace')):
            if masker.secret(match.group(1)) and len(match.group(3)) > 2:
                module.no_log_values.add(match.group(3)[1:-1])


def phone_check(root, files, phones, require_lync, validated=False):
    """A verify step for ShareWriter.run: the phones on the share as the plan leaves it; records the summary, raises on refusal."""
    summary = {}

    def verify(plan):
        planned = dict((path, content) for path, content, _mode, _tag in files)
        tally, refusal = check_phones(Share(root, planned, plan.removals, validated), phones, require_lync)
        summary.update(tally.report())
        if refusal:
            raise ShareError('nothing was written: %s' % refusal)
    return verify, summary


def effective_views(root, files, removals, macs, models):
    """{mac: {rendered, share}}: the run's files as the phone reads them without its override files, and the share as it is."""
    planned = dict((path, content) for path, content, _mode, _tag in files)
    now, views = Share(root), {}
    for mac in macs:
        model = models.get(mac)
        on_share = analyze_phone(now, mac, model, logs=False)
        overrides = [entry['name'] for entry in on_share['files'] if entry.get('role') == 'override']
        repo = analyze_phone(Share(root, planned, list(removals) + overrides), mac, model, logs=False)
        views[mac] = dict(rendered=dict((name, entry['value']) for name, entry in repo['parameters'].items()), share=on_share['parameters'])
    return views


def bounded(result, limit):
    result['counts'] = dict((name, len(result[name])) for name in LISTS)
    if limit > 0:
        for name in LISTS:
            result[name] = sorted(result[name])[:limit] if len(result[name]) > limit else result[name]
    return result


def input_files(module):
    params = module.params
    try:
        validated = False
        if params['packed']:
            files, phones, validated, read_by = unpack(params['packed'])
        else:
            files = [(f['path'], to_bytes(f['content'], errors='surrogate_or_strict'), f['mode'], f['tag']) for f in params['files'] or []]
            read_by = dict((f['path'], f['read_by']) for f in params['files'] or [] if f['read_by'])
            hide_secrets(module, files, Masker(params['secret_names']))
            phones = []
        phones = [(normalize_mac(p['mac']), p.get('model')) for p in params['phones']] + [(normalize_mac(m), model) for m, model in phones]
    except (ValueError, TypeError, KeyError, zlib.error) as exc:
        module.fail_json(msg='packed, phones: %s' % to_native(exc))
    return files, phones, validated, read_by


def argument_spec():
    return dict(
        root=dict(type='path', required=True),
        files=dict(type='list', elements='dict', options=dict(
            path=dict(type='str', required=True),
            content=dict(type='str', required=True),
            mode=dict(type='raw'),
            tag=dict(type='str'),
            read_by=dict(type='str', choices=['all', 'none']),
        )),
        packed=dict(type='str', no_log=True),
        directories=dict(type='list', elements='dict', default=[], options=dict(
            path=dict(type='str', required=True),
            mode=dict(type='raw'),
        )),
        protect=dict(type='list', elements='str', default=[]),
        manifest=dict(type='str', default=MANIFEST),
        manifest_set=dict(type='str', default='default'),
        prune=dict(type='bool', default=False),
        owner=dict(type='str'),
        group=dict(type='str'),
        secret_names=dict(type='list', elements='str', default=list(DEFAULT_SECRET_NAMES), no_log=False),
        diff_limit=dict(type='int', default=0),
        durable=dict(type='bool', default=False),
        phones=dict(type='list', elements='dict', default=[], options=dict(mac=dict(type='str', required=True), model=dict(type='str'))),
        require_lync=dict(type='bool', default=False),
        list_limit=dict(type='int', default=100),
        replace_encrypted=dict(type='bool', default=False),
        effective_for=dict(type='list', elements='str', default=[]),
        prune_also=dict(type='list', elements='str', default=[]),
    )


def write_share(module, files, phones, read_by, verify):
    """One run of the writer over the share: (result, warnings)."""
    params = module.params
    writer = ShareWriter(params['root'], manifest=params['manifest'], manifest_set=params['manifest_set'],
                         protect=params['protect'], owner=params['owner'], group=params['group'],
                         secret_names=params['secret_names'], durable=params['durable'], replace_encrypted=params['replace_encrypted'],
                         prune_also=params['prune_also'])
    plan = writer.run(files, [(d['path'], d['mode']) for d in params['directories']], prune=params['prune'], check_mode=module.check_mode,
                      diff=module._diff, diff_limit=params['diff_limit'], verify=verify)
    result = bounded(plan.result(), params['list_limit'])
    result['changed_phones'] = changed_phones(plan, files, read_by)
    if params['effective_for']:
        result['effective'] = effective_views(params['root'], files, plan.removals, [normalize_mac(m) for m in params['effective_for']],
                                              dict(phones))
    if plan.diff is not None:
        result['diff'] = plan.diff
    return result, plan.warnings


def main():
    # On the module base for its one way to fail; it talks to no device (connection=False): the share is a directory.
    module = PolycomModule(argument_spec(), connection=False, mutually_exclusive=[('files', 'packed')], supports_check_mode=True)
    files, phones, validated, read_by = input_files(module)
    verify, summary = phone_check(module.params['root'], files, phones, module.params['require_lync'], validated) if phones else (None, None)
    try:
        result, warnings = write_share(module, files, phones, read_by, verify)
    except (ShareError, OSError, IOError) as exc:
        module.fail_from_exception(exc, **(dict(phones=summary) if summary else {}))
    if summary is not None:
        result['phones'] = summary
    for warning in warnings:
        module.warn(warning)
    module.exit_json(**result)


if __name__ == '__main__':
    main()
