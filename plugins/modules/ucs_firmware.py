#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ucs_firmware
short_description: Put a UC Software package on a provisioning share in a versioned directory, and say which phones would change version
version_added: 0.3.0
description:
  - Reads a UC Software package as Polycom ships it (the zip) or unpacked (a directory of C(<part number>.sip.ld) images and
    C(sip.ver)) and puts the images of O(models) and C(sip.ver) into C(<directory>/<version>/) of the share, where the master
    files' C(APP_FILE_PATH_<model>) can name them (M(polycom.uc.lync_files), role C(lync_provisioning), C(playbooks/firmware.yml)).
  - An image is copied only when its size or SHA-256 differs from the file on the share, so a second run costs one read of
    both. Each image is written to a temporary file beside it, flushed, then renamed over the old one, so a booting phone
    gets the old image or the new one, never a part; temporary files an interrupted run left are removed.
  - Refuses before writing anything, naming every problem, a package whose C(sip.ver) does not match O(version), a model the
    package has no image for, a version below the baseline's minimum (or other than its exact version), and a file that is no
    UC Software image (below 1 KiB, or starting like a ZIP, gzip, XML/HTML or plain text; these checks are inferred, no
    public source documents the image header).
  - With O(prune), removes images under O(directory) that no master file on the share (C(000000000000.cfg), C(<mac>.cfg))
    references at the start of the run, and version directories left empty. Images the master files of this run stop naming
    go at the next run with O(prune).
  - With O(phones), reports which phones would change version and from what to what (RV(rollout)) - in check mode too. It
    never writes master files; M(polycom.uc.lync_files) does.
  - The part numbers per model, and what is documented, captured or inferred about them, are in
    C(docs/firmware.md).
author:
  - polycom.uc contributors (@polycom-uc)
attributes:
  check_mode:
    support: full
    description: Checks the package, compares checksums and predicts every copy, prune and RV(rollout) without writing.
  diff_mode:
    support: full
    description: Lists the images that would be copied and pruned (names, sizes and checksums; images are binary).
options:
  root:
    description:
      - The share's root directory on the host the module runs on.
    type: path
    required: true
  package:
    description:
      - The UC Software package on the host the module runs on, a zip file or a directory. Without it only O(prune) and
        O(phones) do anything.
    type: path
  version:
    description:
      - The version the package is meant to be, for example C(5.4.0.5841); its C(sip.ver) must match (C(5.4.0) matches
        every C(5.4.0.x)). The share directory is named after the full version in C(sip.ver). Required with O(package).
    type: str
  models:
    description:
      - Models whose images to put, for example C(VVX500) or C(VVX 500); empty puts every image of the package of a known model.
    type: list
    elements: str
    default: []
  directory:
    description:
      - Directory relative to O(root) that holds one directory per version.
    type: str
    default: firmware
  baseline:
    description:
      - The estate's firmware baseline (C(polycom_firmware_baseline), see M(polycom.uc.firmware_check)); a version below
        the C(phone) family's or the model's C(minimum), or other than its C(exact) version, is refused.
    type: dict
    default: {}
  prune:
    description:
      - Remove images under O(directory) no master file references (see the description).
    type: bool
    default: false
  phones:
    description:
      - Phones to report in RV(rollout), each C({mac, model}) or a C([mac, model]) pair.
    type: list
    elements: raw
    default: []
  pilot:
    description:
      - MAC addresses of the pilot phones, which the master files will point at this package (O(phones) must list them).
    type: list
    elements: str
    default: []
  estate_version:
    description:
      - The version the phones outside O(pilot) will boot; its images must already be on the share under O(directory).
        Without it they keep what their master names now.
    type: str
'''

EXAMPLES = r'''
- name: Put UC Software 5.4.0 on the share for a pilot group, the rest stays on what it runs
  polycom.uc.ucs_firmware:
    root: /srv/polycom
    package: /srv/downloads/spip_ssip_vvx_5_4_0_5841_split.zip
    version: 5.4.0.5841
    models: [VVX500, SPIP650]
    baseline: "{{ polycom_firmware_baseline }}"
    phones: [[0004f2a0b001, VVX500], [0004f2a0b004, SPIP650]]
    pilot: [0004f2a0b001]
  register: firmware

- name: After the rollout, remove images no master file names any more
  polycom.uc.ucs_firmware:
    root: /srv/polycom
    prune: true
'''

RETURN = r'''
version:
  description: The package's version (from its C(sip.ver)).
  returned: when O(package) is given
  type: str
  sample: 5.4.0.5841
path:
  description: The package's directory on the share, relative to O(root).
  returned: when O(package) is given
  type: str
  sample: firmware/5.4.0.5841
images:
  description: Per model, the image's path relative to O(root), as C(APP_FILE_PATH_<model>) names it.
  returned: always
  type: dict
  sample: {VVX500: firmware/5.4.0.5841/3111-44500-001.sip.ld}
estate_images:
  description: The same for O(estate_version).
  returned: always
  type: dict
copied:
  description: Files copied (would be), relative to O(root).
  returned: always
  type: list
  elements: str
unchanged:
  description: Files that already had the same size and SHA-256.
  returned: always
  type: list
  elements: str
pruned:
  description: Files removed (would be) by O(prune).
  returned: always
  type: list
  elements: str
cleaned:
  description: Temporary files of an interrupted earlier run that were (would be) removed.
  returned: always
  type: list
  elements: str
rollout:
  description: Which phones of O(phones) would boot another version, and how many keep theirs.
  returned: always
  type: dict
  contains:
    changing:
      description: One entry per phone that would change (C(mac), C(model), C(pilot), C(master), C(running) from its uploaded
        log, C(before), C(after), C(app_file_path_before), C(app_file_path_after)).
      type: list
      elements: dict
    unchanged:
      description: Phones whose master keeps naming the same image.
      type: int
problems:
  description: Every refusal, when the task failed before writing.
  returned: on refusal
  type: list
  elements: str
'''

import os

from ansible.module_utils.common.text.converters import to_native
from ansible_collections.polycom.uc.plugins.module_utils.firmware import baseline_problems, parse_version
from ansible_collections.polycom.uc.plugins.module_utils.module import PolycomModule
from ansible_collections.polycom.uc.plugins.module_utils.ucs_firmware import (
    FirmwareError, FirmwareWriter, Package, estate_images_of, models_of, package_problems, rollout,
)
from ansible_collections.polycom.uc.plugins.module_utils.ucs_share import normalize_mac


def phone_pairs(phones, pilot):
    """[(mac, model)] of O(phones), and the problems of them and of O(pilot)."""
    pairs, problems = [], []
    for index, phone in enumerate(phones):
        mac, model = (phone.get('mac'), phone.get('model')) if isinstance(phone, dict) else (list(phone) + [None, None])[:2]
        try:
            pairs.append((normalize_mac(mac), model or None))
        except (ValueError, TypeError) as exc:
            problems.append('phones[%d]: %s' % (index, to_native(exc)))
    macs = set(mac for mac, _model in pairs)
    pilot_macs = []
    for mac in pilot:
        try:
            pilot_macs.append(normalize_mac(mac))
        except (ValueError, TypeError) as exc:
            problems.append('pilot: %s' % to_native(exc))
            continue
        if pilot_macs[-1] not in macs:
            problems.append('pilot: %s is not one of phones' % mac)
    return pairs, pilot_macs, problems


def root_problems(root):
    """The share must be there already: a mistyped or empty root would otherwise get a new tree no phone reads."""
    if not root or not root.strip():
        return ["root: must name the provisioning share's root directory, got ''"]
    if not os.path.isdir(root):
        return ['root: %s is not an existing directory; give the root of the provisioning share (the directory that holds '
                '000000000000.cfg), it is never created' % root]
    return []


def refusals(params, package, pairs):
    problems = root_problems(params['root'])
    if problems:
        return problems, None
    problems = ['baseline: %s' % p for p in baseline_problems(params['baseline'])] if params['baseline'] else []
    if package is not None:
        problems.extend(package_problems(package, params['version'], params['models'], params['baseline'] if not problems else {}))
    estate_images = {}
    if params['estate_version'] and package is not None and package.version and package.version == parse_version(params['estate_version']):
        return problems, None  # the package itself: its images, once planned
    if params['estate_version']:
        models = sorted(set(model for _mac, model in pairs if model))
        estate_images, estate_problems = estate_images_of(params['root'], params['directory'], params['estate_version'], models)
        problems.extend(estate_problems)
    return problems, estate_images


def diff_of(plan):
    before = ''.join('%s\n' % path for path in plan.pruned)
    after = ''.join('%s (%d bytes, sha256 %s)\n' % (path, member.size, member.sha256()) for path, member, _s in plan.copies)
    return dict(before_header=plan.directory or 'share', after_header=plan.directory or 'share', before=before, after=after)


def argument_spec():
    return dict(
        root=dict(type='path', required=True),
        package=dict(type='path'),
        version=dict(type='str'),
        models=dict(type='list', elements='str', default=[]),
        directory=dict(type='str', default='firmware'),
        baseline=dict(type='dict', default={}),
        prune=dict(type='bool', default=False),
        phones=dict(type='list', elements='raw', default=[]),
        pilot=dict(type='list', elements='str', default=[]),
        estate_version=dict(type='str'),
    )


def stage(module, package, pairs, pilot, estate_images):
    """One run of the writer: the images into firmware/<version>/ (or the plan in check mode), and the rollout it means."""
    params = module.params
    models = models_of(package, params['models']) if package else []
    plan = FirmwareWriter(params['root'], params['directory'].strip('/')).run(package, models, params['prune'], module.check_mode)
    estate_images = plan.images if estate_images is None else estate_images
    pilot_version = package.version if package else None
    result = dict(changed=plan.changed, version=pilot_version, path=plan.directory, images=plan.images, estate_images=estate_images,
                  copied=[path for path, _m, _s in plan.copies], unchanged=plan.unchanged, pruned=plan.pruned, cleaned=plan.cleaned,
                  rollout=rollout(params['root'], pairs, pilot, plan.images, pilot_version, estate_images,
                                  parse_version(params['estate_version']) if params['estate_version'] else None))
    if module._diff and (plan.copies or plan.pruned):
        result['diff'] = diff_of(plan)
    return result


def main():
    # On the module base for its refusals and faults; it writes a directory, no device (connection=False).
    module = PolycomModule(argument_spec(), connection=False, required_together=[('package', 'version')], supports_check_mode=True)
    params = module.params
    directory = (params['directory'] or '').strip('/')
    if not directory or any(part in ('', '.', '..') for part in directory.split('/')):
        module.fail_json(msg="directory: %r must be a relative path without '.' or '..' parts" % params['directory'])
    pairs, pilot, problems = phone_pairs(params['phones'], params['pilot'])
    if pilot and not params['package']:
        problems.append('pilot: needs package and version (the version the pilot phones get)')
    package = None
    try:
        package = Package(params['package']) if params['package'] else None
        more, estate_images = refusals(params, package, pairs)
        module.fail_on_problems(problems + more, prefix='nothing was written: ')
        result = stage(module, package, pairs, pilot, estate_images)
    except FirmwareError as exc:
        module.fail_from_exception(exc, prefix='nothing was written: ', problems=exc.problems)
    except (IOError, OSError) as exc:
        module.fail_from_exception(exc)
    finally:
        if package is not None:
            package.close()
    module.exit_json(**result)


if __name__ == '__main__':
    main()
