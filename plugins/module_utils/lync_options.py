# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The option surface of polycom.uc.lync_files and the lync_provisioning role, declared once.

Each entry is one option: its argument spec and module documentation (``spec``, ``doc``), and its role variable
(``role_var``; ``role_default`` as defaults/main.yml sets it when it is not the option's default, ``role_doc`` and ``role_spec`` for meta/argument_specs.yml,
``comment`` above it in defaults/main.yml). Entries without an option are role-only (reload, polling); entries without a
role variable get their value from the role task (``passed``). The action plugin's argument spec and build_plan's
defaults come from here at run time; the files Ansible needs as files (the role's defaults, argument specs and the
lync_files task's arguments, the module's option docs in the polycom.uc.lync_options doc fragment) are generated from
here by tests/tools/generate_lync_options.py (``make generate``), and tests/unit/test_lync_options.py fails when one
of them differs from what this table generates.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

CREDENTIAL_MODES = ('phone', 'file')
MASTER_STRATEGIES = ('generic', 'per_phone')
DEFAULT_DIRECTORIES = dict(log='logs', overrides='overrides', contacts='contacts', call_lists='calls')

ROLE_ENTRY_POINT = dict(
    short_description='Lay out the Lync provisioning share for Polycom UC Software phones.',
    description=[
        ('Writes the shared Lync file (Table 2), one file per phone (Table 3, or Table 4 with credentials), the '
         'master file(s) and optionally the all-in-one files for the Web Configuration Utility, after the guide '
         '"Provisioning Polycom Phones with Microsoft Lync Server 2010".'),
        ('Everything is validated first; all files are rendered on the controller in one task and written by one '
         'module run on the share host, only what changed, each file atomically. Files phones upload are never '
         'touched.'),
        'Runs against the host holding the share (for example the group C(provisioning)).',
    ],
)


def option(name, role_var, **fields):
    fields.update(name=name, role_var=role_var)
    return fields


OPTIONS = (
    option(
        'root', 'lync_provisioning_share_root',
        spec={'type': 'str', 'required': True},
        doc=dict(description=[
            "The share's root directory on the target host (the directory phones fetch C(000000000000.cfg) from).",
        ]),
        role_default='/srv/polycom',
        role_doc=dict(description="The share's root directory on the host (where phones fetch 000000000000.cfg)."),
        comment=[
            "Where phones fetch their files: the share's root directory on the provisioning host.",
        ],
    ),
    option(
        'pool_address', 'lync_provisioning_pool_address',
        spec={'type': 'str'},
        doc=dict(description=[
            ('Domain name of the Lync Director or front-end pool (C(voIpProt.server.1.address), Table 2). Required '
             'unless O(shared_params) sets C(voIpProt.server.1.address).'),
        ]),
        role_default='',
        role_doc=dict(description=('Domain name of the Lync Director or front-end pool (voIpProt.server.1.address). '
                                   'Required.')),
        comment=[
            'Domain name of the Lync Director or front-end pool (voIpProt.server.1.address, Table 2). Required.',
        ],
        omit_empty=True,
    ),
    option(
        'ca_certificate', 'lync_provisioning_ca_certificate',
        spec={'type': 'str'},
        doc=dict(description=[
            ('PEM certificate for TLS application profile 1 (C(sec.TLS.customCaCert.1), Table 2). Not written when '
             'empty.'),
        ]),
        role_default='',
        role_doc=dict(description=('PEM certificate of the CA of the Lync server certificate '
                                   '(sec.TLS.customCaCert.1); empty writes none.')),
        comment=[
            ('PEM certificate of the CA that signed the Lync server certificate (sec.TLS.customCaCert.1); "" writes '
             'none.'),
        ],
        omit_empty=True,
    ),
    option(
        'credentials', 'lync_provisioning_credentials',
        spec={'type': 'str', 'default': 'phone', 'choices': list(CREDENTIAL_MODES)},
        doc=dict(description=[
            'C(phone) writes Table 3 (C(reg.1.auth.useLoginCredentials=1); users enter their credentials at the phone).',
            ('C(file) writes Table 4 (C(reg.1.auth.userId), C(reg.1.auth.password), C(reg.1.auth.domain)); needs '
             'O(share_https) or O(allow_insecure_credentials). Those files are written with O(secret_file_mode).'),
        ]),
        role_doc=dict(description=('C(phone) (Table 3, users enter credentials at the phone) or C(file) (Table 4, '
                                   'credentials in the files).')),
        comment=[
            'phone: users enter their Lync credentials at the phone (Table 3, recommended).',
            ('file: credentials in the per-phone files (Table 4); needs lync_provisioning_share_https (or the '
             'override below).'),
        ],
        blank_before=True,
    ),
    option(
        'share_https', 'lync_provisioning_share_https',
        spec={'type': 'bool', 'default': False},
        doc=dict(description=[
            ('Declares that phones fetch this share over HTTPS. Required for O(credentials=file) and for secret '
             'parameters.'),
        ]),
        role_doc=dict(description=('Declares that phones fetch the share over HTTPS; required for '
                                   'C(lync_provisioning_credentials=file).')),
    ),
    option(
        'allow_insecure_credentials', 'lync_provisioning_allow_insecure_credentials',
        spec={'type': 'bool', 'default': False},
        doc=dict(description=[
            'Write credentials although the share is not declared HTTPS (the guide recommends against it).',
        ]),
        role_doc=dict(description=("Write credentials into files of a share not declared HTTPS (against the guide's "
                                   'advice).')),
    ),
    option(
        'auth_domain', 'lync_provisioning_auth_domain',
        spec={'type': 'str'},
        doc=dict(description=[
            'Authentication domain for phones without a C(domain) (Table 4).',
        ]),
        role_default='',
        role_doc=dict(description='Authentication domain for phones without their own (Table 4).'),
        omit_empty=True,
    ),
    option(
        'phones', 'lync_provisioning_phones',
        spec={'type': 'list', 'elements': 'raw', 'default': []},
        doc=dict(description=[
            ('The phones. Each a mapping with C(mac) (any common notation), C(address) (Lync SIP sign-in address '
             'C(sip:user@domain)), optional C(user), C(password), C(domain) (Table 4), C(model) (for example '
             'C(VVX500)), C(group) (a key of O(group_params)) and C(params) (a mapping of extra parameters for this '
             'phone).'),
        ]),
        role_spec={'elements': 'dict'},
        role_doc=dict(description='Phones, each C({mac, address, user, password, domain, model, group, params}).'),
        comment=[
            'Phones: a list of {mac, address, user, password, domain, model, group, params} and/or a CSV file on',
            'the controller (columns mac,address,user,password,domain,model,group,param:<name>).',
        ],
        blank_before=True,
    ),
    option(
        'phones_csv', 'lync_provisioning_phones_csv',
        spec={'type': 'str'},
        doc=dict(description=[
            ('A CSV file on the controller (found like M(ansible.builtin.copy) sources; may be vault-encrypted) with '
             'a header line. Columns C(mac), C(address), C(user), C(password), C(domain), C(model), C(group), and '
             'C(param:<name>) for extra parameters; empty cells are not set. Blank lines and lines starting with C(#) '
             'are skipped. Added to O(phones).'),
        ]),
        role_default='',
        role_doc=dict(description=('CSV file on the controller with columns mac, address, user, password, domain, '
                                   'model, group, param:<name>.')),
        omit_empty=True,
    ),
    option(
        'shared_params', 'lync_provisioning_shared_params',
        spec={'type': 'dict', 'default': {}},
        doc=dict(description=[
            ("Extra or changed parameters of the shared file, for example Table 5's. A name of Table 2 replaces its "
             'value in place.'),
        ]),
        role_doc=dict(description='Extra or changed parameters of the shared file.'),
        comment=[
            'Extra parameters: shared file, per group (phones name their group), per phone (params of a phone).',
        ],
        blank_before=True,
        passed=('{{ (lync_provisioning_polling_params if lync_provisioning_polling else {}) | '
                'combine(lync_provisioning_shared_params) }}'),
        pass_comment=[
            'the polling parameters first: a prov.polling.* of lync_provisioning_shared_params wins',
        ],
    ),
    option(
        'group_params', 'lync_provisioning_group_params',
        spec={'type': 'dict', 'default': {}},
        doc=dict(description=[
            ('Parameters per group (site, floor...), C({group: {name: value}}), written into the per-phone file of '
             "every phone of the group. A phone's own C(params) win over its group's."),
        ]),
        role_doc=dict(description=('Parameters per group, C({group: {name: value}}), written into the files of the '
                                   'phones of the group.')),
    ),
    option(
        'master', 'lync_provisioning_master',
        spec={'type': 'str', 'default': 'generic', 'choices': list(MASTER_STRATEGIES)},
        doc=dict(description=[
            ('C(generic) writes one C(000000000000.cfg) using C([PHONE_MAC_ADDRESS]); C(per_phone) writes '
             'C(<mac>.cfg) per phone.'),
        ]),
        role_doc=dict(description=('C(generic) (one 000000000000.cfg with [PHONE_MAC_ADDRESS]) or C(per_phone) '
                                   '(<mac>.cfg per phone).')),
        comment=[
            'Master file: generic = one 000000000000.cfg with [PHONE_MAC_ADDRESS]; per_phone = <mac>.cfg each.',
        ],
        blank_before=True,
    ),
    option(
        'app_file_path', 'lync_provisioning_app_file_path',
        spec={'type': 'str', 'default': 'sip.ld'},
        doc=dict(description=[
            'C(APP_FILE_PATH) of the master file (the firmware image); empty for none.',
        ]),
        role_doc=dict(description='APP_FILE_PATH of the master file.'),
    ),
    option(
        'app_file_path_by_model', 'lync_provisioning_app_file_path_by_model',
        spec={'type': 'dict', 'default': {}},
        doc=dict(description=[
            'Per-model firmware, C({VVX500: firmware/4.0.1/sip.ld}), written as C(APP_FILE_PATH_<model>).',
        ]),
        role_doc=dict(description='Per-model firmware paths, written as APP_FILE_PATH_<model>.'),
    ),
    option(
        'firmware_pilot', 'lync_provisioning_firmware_pilot',
        spec={'type': 'list', 'elements': 'str', 'default': []},
        doc=dict(version_added='0.3.0', description=[
            ('MAC addresses of phones of this run that boot the firmware of O(firmware_pilot_app_file_path_by_model) '
             '(a staged rollout). With O(master=generic) each gets a C(<mac>.cfg) master of its own (phones read it '
             'before C(000000000000.cfg)), with the same C(CONFIG_FILES) as the generic master; with '
             'O(master=per_phone) its C(<mac>.cfg) names the pilot images.'),
            ('A phone taken out of the pilot goes back to C(000000000000.cfg) in the same run; with '
             'O(master=generic), a C(<mac>.cfg) this module wrote earlier and no longer generates is removed even '
             'without O(prune) (unless someone changed it since). See C(docs/firmware.md).'),
        ]),
        role_doc=dict(description=[
            ('MACs of the pilot phones of a staged firmware rollout; each gets a <mac>.cfg master naming the pilot '
             'images (same CONFIG_FILES as the generic master). See docs/firmware.md and playbooks/firmware.yml.'),
        ]),
        comment=[
            'Staged firmware (playbooks/firmware.yml): these phones get a <mac>.cfg of their own naming these images.',
        ],
    ),
    option(
        'firmware_pilot_app_file_path_by_model', 'lync_provisioning_firmware_pilot_app_file_path_by_model',
        spec={'type': 'dict', 'default': {}},
        doc=dict(version_added='0.3.0', description=[
            ("The pilot phones' per-model firmware, C({VVX500: firmware/5.4.0.5841/3111-44500-001.sip.ld}); wins over "
             'O(app_file_path_by_model) in their master files.'),
        ]),
        role_doc=dict(description=("The pilot phones' per-model firmware paths; win over "
                                   'lync_provisioning_app_file_path_by_model for them.')),
    ),
    option(
        'directories', 'lync_provisioning_directories',
        spec={'type': 'dict', 'default': DEFAULT_DIRECTORIES},
        doc=dict(description=[
            ('Directories of the master file, relative to O(root); empty or missing means the share root. Keys '
             'C(log), C(overrides), C(contacts), C(license), C(user_profiles), C(call_lists), C(corefile). All but '
             'C(license) are directories phones upload into; they get O(upload_dir_mode) and their files are never '
             'touched.'),
        ]),
        role_doc=dict(description=('Master-file directories (keys log, overrides, contacts, license, user_profiles, '
                                   'call_lists, corefile).')),
    ),
    option(
        'config_files_first', 'lync_provisioning_config_files_first',
        spec={'type': 'list', 'elements': 'str', 'default': []},
        doc=dict(description=[
            'Extra C(CONFIG_FILES) entries before the per-phone file (highest priority).',
        ]),
        role_doc=dict(description='Extra CONFIG_FILES entries before the per-phone file.'),
    ),
    option(
        'config_files_last', 'lync_provisioning_config_files_last',
        spec={'type': 'list', 'elements': 'str', 'default': []},
        doc=dict(description=[
            'Extra C(CONFIG_FILES) entries after the shared file (lowest priority).',
        ]),
        role_doc=dict(description='Extra CONFIG_FILES entries after the shared file.'),
    ),
    option(
        'shared_file', 'lync_provisioning_shared_file',
        spec={'type': 'str', 'default': 'lync-shared.cfg'},
        doc=dict(description=[
            'Path of the shared file, relative to O(root).',
        ]),
        role_doc=dict(description='Path of the shared file, relative to the share root.'),
        empty_is_default=True,
    ),
    option(
        'phone_file', 'lync_provisioning_phone_file',
        spec={'type': 'str', 'default': '[PHONE_MAC_ADDRESS]-lync.cfg'},
        doc=dict(description=[
            'Path of the per-phone files, relative to O(root); must contain C([PHONE_MAC_ADDRESS]).',
        ]),
        role_doc=dict(description='Path of the per-phone files; must contain [PHONE_MAC_ADDRESS].'),
        empty_is_default=True,
    ),
    option(
        'all_in_one', 'lync_provisioning_all_in_one',
        spec={'type': 'bool', 'default': False},
        doc=dict(description=[
            ('Also write one all-in-one file per phone (shared and Table 3 parameters, never a password) for the Web '
             'Configuration Utility into O(all_in_one_dir). Refused for 20 phones or more unless O(all_in_one_force).'),
        ]),
        role_doc=dict(description=('Also write all-in-one files for the Web Configuration Utility (fewer than 20 '
                                   'phones).')),
        comment=[
            'All-in-one files for the Web Configuration Utility (fewer than 20 phones).',
        ],
        blank_before=True,
    ),
    option(
        'all_in_one_dir', 'lync_provisioning_all_in_one_dir',
        spec={'type': 'str', 'default': 'web-utility'},
        doc=dict(description=[
            'Directory of the all-in-one files, relative to O(root).',
        ]),
        role_doc=dict(description='Directory of the all-in-one files.'),
        empty_is_default=True,
    ),
    option(
        'all_in_one_force', 'lync_provisioning_all_in_one_force',
        spec={'type': 'bool', 'default': False},
        doc=dict(description=[
            'Write all-in-one files for 20 phones or more (with a warning).',
        ]),
        role_doc=dict(description='Write all-in-one files for 20 phones or more.'),
    ),
    option(
        'templates', 'lync_provisioning_templates',
        spec={'type': 'dict', 'default': {}},
        doc=dict(description=[
            ('Other templates, by kind C(shared), C(phone), C(master), C(all_in_one); found like '
             "M(ansible.builtin.template) sources, else in the collection's role. Variables are described at the top "
             "of the role's templates."),
        ]),
        role_doc=dict(description='Other templates by kind (shared, phone, master, all_in_one).'),
        comment=[
            "Templates by kind (shared, phone, master, all_in_one); defaults are this role's templates/.",
        ],
        blank_before=True,
    ),
    option(
        'upload_dir_mode', 'lync_provisioning_upload_dir_mode',
        spec={'type': 'str', 'default': '0775'},
        doc=dict(description=[
            ('Mode of the directories phones upload into. Phones write as the account of the FTP or HTTPS server, so '
             'that account (or O(group)) needs write access there.'),
        ]),
        role_doc=dict(description='Mode of the directories phones upload into.'),
        comment=[
            'Permissions: upload directories must be writable by the FTP/HTTPS server account; credential files',
            "are readable only by owner and group, so give the server account's group in lync_provisioning_file_group.",
        ],
        blank_before=True,
        empty_is_default=True,
    ),
    option(
        'secret_file_mode', 'lync_provisioning_secret_file_mode',
        spec={'type': 'str', 'default': '0640'},
        doc=dict(description=[
            ("Mode of files holding credentials. Give O(group) the server account's group so the server can still "
             'read them.'),
        ]),
        role_doc=dict(description='Mode of files holding credentials.'),
        empty_is_default=True,
    ),
    option(
        'owner', 'lync_provisioning_file_owner',
        spec={'type': 'str'},
        doc=dict(description=[
            'Owner of the written files and directories. Without it existing files keep theirs.',
        ]),
        role_default='',
        role_doc=dict(description='Owner of the written files; empty keeps the owner of existing files.'),
        omit_empty=True,
    ),
    option(
        'group', 'lync_provisioning_file_group',
        spec={'type': 'str'},
        doc=dict(description=[
            'Group of the written files and directories. Without it existing files keep theirs.',
        ]),
        role_default='',
        role_doc=dict(description=("Group of the written files (for example the FTP/HTTPS server's group); empty "
                                   'keeps existing groups.')),
        omit_empty=True,
    ),
    option(
        'prune', 'lync_provisioning_prune',
        spec={'type': 'bool', 'default': False},
        doc=dict(description=[
            ("Remove files this plugin wrote earlier (listed in the share's manifest) for phones no longer listed, if "
             'unchanged since.'),
        ]),
        role_doc=dict(description='Remove files this role wrote for phones no longer listed (if unchanged since).'),
        comment=[
            'Remove the files of phones no longer listed (only files this role wrote and nobody changed since).',
        ],
        blank_before=True,
    ),
    option(
        'manifest_set', 'lync_provisioning_manifest_set',
        spec={'type': 'str', 'default': 'lync'},
        doc=dict(description=[
            "Name of this estate's set in the share's manifest.",
        ]),
        role_doc=dict(description="Name of this estate's set in the share's manifest."),
    ),
    option(
        'diff_limit', 'lync_provisioning_diff_limit',
        spec={'type': 'int', 'default': 50},
        doc=dict(description=[
            ('At most this many per-file diffs under C(--diff); the rest are counted in one line; 0 means no limit (a '
             'first run of 10,000 phones would show 10,000).'),
        ]),
        role_doc=dict(description=('At most this many per-file diffs under --diff (the rest are counted in one line); '
                                   '0 means no limit.')),
        comment=[
            ('At most this many per-file diffs under --diff (a first run of 10,000 phones would otherwise print '
             '10,000); 0: all.'),
        ],
    ),
    option(
        'durable', 'lync_provisioning_durable',
        spec={'type': 'bool', 'default': False},
        doc=dict(description=[
            'Flush new files to disk before they replace the old ones (see M(polycom.uc.ucs_files)).',
        ]),
        role_doc=dict(description=[
            ('Flush the new files to disk (one sync) before they replace the old ones. Every file is replaced '
             'atomically either way; this adds safety against a power loss on file systems that do not flush before a '
             'rename.'),
        ]),
        comment=[
            'One sync of the new files before they replace the old ones (power-loss safety on any file system; slower).',
        ],
    ),
    option(
        'verify', 'lync_provisioning_verify',
        spec={'type': 'bool', 'default': True},
        doc=dict(version_added='0.2.0', description=[
            "Check every phone's view of the share as planned before writing (see the description).",
        ]),
        role_doc=dict(description=[
            ('Before anything is written, in check mode and in a real run alike, read the share as every phone of '
             'this run will read it after the run (the files rendered now, plus what phones also read from disk - '
             'their uploaded override files, files named in lync_provisioning_config_files_first/last) and fail, '
             'writing nothing, when a phone would read a missing, oversized or malformed file or a value phones '
             'reject.'),
        ]),
        comment=[
            ('Before writing (and in check mode), read the share as each phone of this run will read it afterwards, '
             'and fail,'),
            ('writing nothing, when a phone would read a missing, oversized or malformed file or a value phones '
             'reject...'),
        ],
        blank_before=True,
    ),
    option(
        'require_lync', 'lync_provisioning_require_lync',
        spec={'type': 'bool', 'default': True},
        doc=dict(version_added='0.2.0', description=[
            ("With O(verify), also fail when a phone's line 1 would not be set up for Lync 2010 (sign-in address, "
             'pool, transport TLS, specialInterop C(lync2010), credentials in the file or entered at the phone with '
             'C(reg.1.auth.useLoginCredentials=1)).'),
            ('Set it to false for estates that deliberately provision non-Lync lines; missing or malformed files '
             'still fail.'),
        ]),
        role_doc=dict(description=[
            ("With lync_provisioning_verify, also fail when a phone's line 1 would not register with Lync 2010 "
             '(sign-in address, pool, transport TLS, specialInterop lync2010, credentials in the file or entered at '
             'the phone).'),
            'The opt-out for estates that deliberately provision non-Lync lines.',
        ]),
        comment=[
            ('...or, unless this is false (estates that deliberately provision non-Lync lines), when its line 1 would '
             'not register with Lync.'),
        ],
    ),
    option(
        'list_limit', 'lync_provisioning_list_limit',
        spec={'type': 'int', 'default': 100},
        doc=dict(version_added='0.2.0', description=[
            ('At most this many names in each list of the result (RV(created), RV(updated)...); RV(counts) counts '
             'all. 0 lists all.'),
        ]),
        role_doc=dict(description=[
            ("At most this many file names in each list of the task's result (created, updated...); counts always "
             'count all. 0 lists all.'),
        ]),
        comment=[
            "Names listed per kind in the task's result (counts are always complete); 0 lists all.",
        ],
    ),
    option(
        'replace_encrypted', 'lync_provisioning_replace_encrypted',
        spec={'type': 'bool', 'default': False},
        doc=dict(version_added='0.2.0', description=[
            ("Write over a file of the plan that is encrypted on the share (an admin ran UC Software's "
             'configFileEncrypt on it). Without it such a file fails the task, naming it, and nothing is written.'),
        ]),
        role_doc=dict(description=[
            ('Write over a file of this role that an admin encrypted on the share (its first line carries Digest=, UC '
             "Software's configFileEncrypt format). Off, such a file fails the run naming it, and nothing is written."),
        ]),
        comment=[
            ("Write over a file of ours that an admin encrypted on the share (UC Software's configFileEncrypt); off: "
             'such a file fails the run.'),
        ],
    ),
    option(
        None, 'lync_provisioning_reload',
        role_default=True,
        role_spec={'type': 'bool'},
        role_doc=dict(description=[
            ('After the write, safe-restart the phones whose effective files changed (their own file, or every phone '
             'when the shared or master file changed) and that have a REST API (hosts of '
             'O(lync_provisioning_rest_phones_group)), in waves, and check that line 1 registers again '
             '(M(polycom.uc.ucs_phone_restart)). Phones without REST are counted and named in the summary.'),
            ('On by default. A phone reads its files only when it boots, so without it nothing on the phones changes '
             'after a run; only phones whose files changed are touched (a run that changes nothing restarts none), '
             'the safe restart waits for a call to end, and the waves stop when more than '
             'O(lync_provisioning_reload_max_fail_percentage) percent of one fail. Check mode only says which phones '
             'would restart.'),
        ]),
        comment=[
            ('After the write: safe-restart the phones whose files changed and that have a REST API (UC Software '
             '5.x+), in waves, and'),
            ('check that line 1 registers again (polycom.uc.ucs_phone_restart; docs/lync.md "Reloading the phones"). '
             'On by default:'),
            ('only phones whose own, shared or master file changed are touched, a safe restart waits for a call to '
             'end, and a phone'),
            'that keeps its old configuration is drift until it boots. Check mode only says which phones would restart.',
        ],
        blank_before=True,
    ),
    option(
        None, 'lync_provisioning_rest_phones_group',
        role_default='ucs_rest_phones',
        role_spec={'type': 'str'},
        role_doc=dict(description=[
            ('Inventory group of the REST phones (UC Software 5.x and later, C(apps.restapi.enabled="1")). Each host '
             'needs C(ucs_phone_mac); C(ucs_phone_host) or C(ansible_host), C(ucs_phone_port), C(ucs_phone_username), '
             'C(ucs_phone_password), C(ucs_phone_ca_path), C(ucs_phone_validate_certs) as for playbooks/drift.yml.'),
        ]),
        comment=[
            ('The inventory group of the REST phones; each host needs ucs_phone_mac (and ucs_phone_password, '
             'ucs_phone_port,'),
            'ucs_phone_ca_path... as playbooks/drift.yml reads them).',
        ],
    ),
    option(
        None, 'lync_provisioning_reload_phones',
        role_default=('{% set found = namespace(phones=[]) %}{% for name in '
                      'groups[lync_provisioning_rest_phones_group] | default([]) if hostvars[name].ucs_phone_mac is '
                      "defined %}{% set v = hostvars[name] %}{% set found.phones = found.phones + [{'name': name, "
                      "'mac': v.ucs_phone_mac | string, 'host': v.ucs_phone_host | default(v.ansible_host) | "
                      "default(name), 'port': v.ucs_phone_port | default(443) | int, 'username': v.ucs_phone_username "
                      "| default(none), 'password': v.ucs_phone_password | default(none), 'validate_certs': "
                      "v.ucs_phone_validate_certs | default(none), 'ca_path': v.ucs_phone_ca_path | default(none)}] "
                      '%}{% endfor %}{{ found.phones }}'),
        role_spec={'type': 'list', 'elements': 'dict', 'documented_default': False},
        role_doc=dict(description=[
            ("The REST phones in the shape of M(polycom.uc.ucs_phone_restart)'s "
             'O(polycom.uc.ucs_phone_restart#module:phones); by default built from the hosts of '
             'O(lync_provisioning_rest_phones_group) that have C(ucs_phone_mac).'),
        ]),
        comment=[
            ('The REST phones as the restart module takes them; by default every host of the group above with a '
             'ucs_phone_mac.'),
        ],
    ),
    option(
        None, 'lync_provisioning_reload_batch_size',
        role_default=50,
        role_spec={'type': 'int'},
        role_doc=dict(description="Phones per wave (like a play's C(serial))."),
        comment=[
            ('Waves (like serial / max_fail_percentage): phones per wave, and the share of a wave that may fail '
             'before the rollout stops.'),
        ],
    ),
    option(
        None, 'lync_provisioning_reload_max_fail_percentage',
        role_default=10,
        role_spec={'type': 'int'},
        role_doc=dict(description=('Stop the rollout after a wave in which more than this percentage of phones failed '
                                   '(like C(max_fail_percentage)).')),
    ),
    option(
        None, 'lync_provisioning_reload_restart_timeout',
        role_default=300,
        role_spec={'type': 'int'},
        role_doc=dict(description='Seconds a phone has to come back after its safe restart.'),
        comment=[
            'Seconds a phone has to come back after the restart, and then to register line 1.',
        ],
    ),
    option(
        None, 'lync_provisioning_reload_registration_timeout',
        role_default=60,
        role_spec={'type': 'int'},
        role_doc=dict(description='Seconds a phone that is back has to register line 1.'),
    ),
    option(
        None, 'lync_provisioning_reload_state_file',
        role_default='.polycom-uc-reload.{{ lync_provisioning_manifest_set }}.json',
        role_spec={'type': 'str'},
        role_doc=dict(description=[
            ('The state file, relative to the share root, that keeps the REST phones a run was due to reload and did '
             'not see registered again (REST API off, not back in time, line 1 not registered). The next run reloads '
             'them whether or not their files change; a phone no longer a REST phone of the run drops out. Check mode '
             'reads it and writes nothing.'),
            'Never pruned and named by no master file, so no phone reads it. See docs/lync.md "Reloading the phones".',
        ]),
        comment=[
            ('The state file at the share root that keeps the REST phones a run was due to reload and did not see '
             'registered again (a'),
            ('phone whose REST API was off, or that did not come back): the next run reloads them whether or not '
             'their files change.'),
            'Never pruned, named by no master file, so no phone reads it.',
        ],
    ),
    option(
        None, 'lync_provisioning_polling',
        role_default=False,
        role_spec={'type': 'bool'},
        role_doc=dict(description=[
            ("Write UC Software's provisioning-polling parameters (C(prov.polling.enabled), C(.mode), C(.period), "
             'C(.time), C(.timeRandomEnd)) into the shared file, so phones that cannot be told over REST (UC Software '
             '4.x) fetch the share themselves and restart when a file changed. These come from the UC Software '
             "Administrators' Guide, not from the Lync guide."),
            ('Off by default - it changes the shared file of every phone (so every REST phone restarts once), and '
             'when the phones then restart is up to their clocks, not to a run.'),
        ]),
        comment=[
            ("Phones without REST (UC Software 4.x, the guide's 4.0.1) cannot be told: with polling on they fetch the "
             'share by themselves'),
            ("and restart when a file changed (prov.polling.*, UC Software Administrators' Guide - not in the Lync "
             'guide). Off by default:'),
            ('it changes the shared file of every phone, and when the phones restart is then up to their clocks, not '
             'to this run.'),
        ],
        blank_before=True,
    ),
    option(
        None, 'lync_provisioning_polling_mode',
        role_default='abs',
        role_spec={'type': 'str', 'choices': ['abs', 'rel', 'random']},
        role_doc=dict(description=[
            ('C(abs) daily at O(lync_provisioning_polling_time), C(rel) every O(lync_provisioning_polling_period) '
             'seconds, C(random) between the two times.'),
        ]),
        comment=[
            ('abs: every day at lync_provisioning_polling_time; rel: every lync_provisioning_polling_period seconds '
             'from boot;'),
            ('random: a random time between lync_provisioning_polling_time and '
             'lync_provisioning_polling_time_random_end.'),
        ],
    ),
    option(
        None, 'lync_provisioning_polling_period',
        role_default=86400,
        role_spec={'type': 'int'},
        role_doc=dict(description='Polling period in seconds (at least 3600).'),
    ),
    option(
        None, 'lync_provisioning_polling_time',
        role_default='03:00',
        role_spec={'type': 'str'},
        role_doc=dict(description='Time of day (hh:mm) to poll, or the start of the random window.'),
    ),
    option(
        None, 'lync_provisioning_polling_time_random_end',
        role_default='05:00',
        role_spec={'type': 'str'},
        role_doc=dict(description=('End of the random window (hh:mm); written only with '
                                   'O(lync_provisioning_polling_mode=random).')),
    ),
    option(
        'effective_for', 'lync_provisioning_effective_for',
        spec={'type': 'list', 'elements': 'str', 'default': []},
        doc=dict(version_added='0.3.0', description=[
            ('MACs of phones whose parameters to return in RV(effective) - as the files of this run give them, and as '
             'the share gives them now (see RV(polycom.uc.ucs_files#module:effective)); for the three-way drift of '
             'REST phones in playbooks/drift.yml.'),
        ]),
        role_doc=dict(description=[
            ('MACs of phones whose parameters the result reports (RV(polycom.uc.lync_files#module:effective)), as the '
             'repository renders them and as the share holds them; playbooks/drift.yml sets it for the three-way '
             'drift of REST phones.'),
        ]),
        comment=[
            ("MACs whose parameters the result's effective reports (as rendered, and as on the share); "
             'playbooks/drift.yml sets it.'),
        ],
    ),
    option(
        'rest_phones', None,
        spec={'type': 'list', 'elements': 'str', 'default': []},
        doc=dict(version_added='0.3.0', description=[
            ('MAC addresses of the phones that can be told over their REST API (UC Software 5.x and later) to re-read '
             'their files. RV(reload) splits the phones whose files change into these and the rest; the '
             'lync_provisioning role passes the C(ucs_phone_mac) of every host of its REST phone group and then '
             'restarts RV(reload.rest) with M(polycom.uc.ucs_phone_restart).'),
        ]),
        passed="{{ lync_provisioning_reload_phones | map(attribute='mac') | list if lync_provisioning_reload else [] }}",
    ),
    option(
        'pending_reload', None,
        spec={'type': 'list', 'elements': 'str', 'default': []},
        doc=dict(version_added='0.4.0', description=[
            ('MAC addresses of REST phones an earlier run was due to reload and did not see registered again (the '
             'lync_provisioning role keeps them in a state file on the share, '
             "C(.polycom-uc-reload.<manifest_set>.json)). Those that are also in O(rest_phones) and among this run's "
             'phones are in RV(reload.rest) whether or not their files change now; the others drop out.'),
        ]),
        passed='{{ lync_provisioning_reload_pending }}',
    ),
)


def module_options():
    """The entries that are options of polycom.uc.lync_files, in table order."""
    return [entry for entry in OPTIONS if entry['name']]


def argument_spec():
    """The action plugin's argument spec (a fresh copy: Ansible may change what it is given)."""
    return dict((entry['name'], copy.deepcopy(entry['spec'])) for entry in module_options())


def role_defaults():
    """{role variable: its value in defaults/main.yml}: ``role_default``, else the option's default."""
    return dict((entry['role_var'], copy.deepcopy(entry['role_default'] if 'role_default' in entry else entry['spec']['default']))
                for entry in OPTIONS if entry['role_var'])


def complete(opts):
    """``opts`` with every option it lacks, or gives as None, at its default (None when it has none); for the options
    marked ``empty_is_default`` (names of files and modes, which cannot be empty) an empty value is the default too."""
    full = {}
    for entry in module_options():
        value = opts.get(entry['name'])
        if value is None or (value == '' and entry.get('empty_is_default')):
            value = copy.deepcopy(entry['spec'].get('default'))
        full[entry['name']] = value
    full.update((name, value) for name, value in opts.items() if name not in full)
    return full
