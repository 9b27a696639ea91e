# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action for polycom.uc.lync_files: validate, render every file on the controller in one pass, write in one module run."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import json
import os
import re
import zlib
from importlib import import_module

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

try:
    from ansible.template import trust_as_template
except ImportError:  # ansible-core < 2.19: every template string is trusted
    def trust_as_template(value):
        return value

from ansible_collections.polycom.uc.plugins.module_utils.lync_options import argument_spec
from ansible_collections.polycom.uc.plugins.module_utils.ucs_lync import collector_paused
from ansible_collections.polycom.uc.plugins.module_utils.ucs_lync import (
    LyncError, Sequence, build_plan, csv_text, normalise_mac, phone_from_mapping, phones_from_csv, verify_rendered,
)

SEPARATOR = u'\x1e\x1dpolycom.uc file boundary\x1d\x1e'
TEMPLATE_KINDS = ('shared', 'phone', 'master', 'all_in_one')
DEFAULT_TEMPLATES = dict(shared='lync-shared.cfg.j2', phone='lync-phone.cfg.j2', master='lync-master.cfg.j2',
                         all_in_one='lync-all-in-one.cfg.j2')
# The role's templates inside the collection, for a lync_files task outside the role (see ActionModule._template_path).
ROLE_TEMPLATES = ('roles', 'lync_provisioning', 'templates')

# The options are declared once, in module_utils/lync_options.py (with the role's variables and the module's docs).
ARGUMENT_SPEC = argument_spec()
# Files every phone reads (a change reaches them all) and files no phone reads (for the Web Configuration Utility).
READ_BY_ALL = ('shared',)
READ_BY_NONE = ('all_in_one',)


def summary_line(result):
    """'10000 phones, 10002 files: 0 created, 1 updated, ...; 10000 of 10000 phones ready for Lync' (would ... in check mode)."""
    counts = result.get('counts') or {}
    files = ', '.join('%d %s' % (counts.get(name, 0), name) for name in ('created', 'updated', 'permissions', 'pruned') if counts.get(name))
    line = '%d phones, %d files: %s%d unchanged' % (result['phones'], result['files'], files + ', ' if files else '', result.get('unchanged', 0))
    share = result.get('share')
    if share:
        line += '; %d of %d phones ready for Lync' % (share['lync_ready'], share['phones'])
        if share.get('errors'):
            line += ', %d errors' % share['errors']
    return line


def reload_split(changed, phones, rest_phones, limit, pending=()):
    """Which phones can be told to re-read their files over REST (every one listed), and which cannot (counted, the first
    ``limit`` named): the phones of this run whose files changed, or that an earlier run was due to reload and did not see
    registered (``pending``: REST phones only, so a pending phone that is no longer a REST phone of this run drops out),
    split by whether their MAC is one of ``rest_phones``."""
    rest = set(mac for mac in (normalise_mac(text) for text in rest_phones) if mac)
    earlier = set(mac for mac in (normalise_mac(text) for text in pending) if mac) & rest
    wanted = set(changed) | earlier if changed != 'all' else None
    told, untold = [], []
    for phone in phones:
        if wanted is None or phone.mac in wanted:
            (told if phone.mac in rest else untold).append(phone.mac)
    untold.sort()
    unknown = sorted(rest - set(phone.mac for phone in phones))
    return dict(rest=sorted(told), rest_count=len(told), no_rest_count=len(untold), no_rest=untold[:limit] if limit > 0 else untold,
                rest_not_provisioned=unknown, pending_count=len(earlier.intersection(told)))


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(ARGUMENT_SPEC)

    def run(self, tmp=None, task_vars=None):
        with collector_paused():  # 10,000 phones' rows, plan, files and module arguments alive at once
            return self._run_paused(tmp, task_vars)

    def _run_paused(self, tmp, task_vars):
        task_vars = task_vars or {}
        self._supports_check_mode = True
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        try:
            _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        except AnsibleError as exc:  # a result, so failed_when and register see it like any other refusal
            result.update(failed=True, msg=to_text(exc.message if hasattr(exc, 'message') else exc), problems=[to_text(exc)])
            return result
        try:
            phones, problems = self._phones(args)
            try:
                plan = build_plan(args, phones)
            except LyncError as exc:
                exc.problems[:0] = problems
                raise LyncError(exc.problems)
            if problems:
                raise LyncError(problems)
            contents = self._render_all(plan.items, args, task_vars)
            problems = verify_rendered(plan.items, contents)
            if problems:
                raise LyncError(problems)
        except LyncError as exc:
            result.update(failed=True, msg=to_text(exc), problems=exc.problems)
            return result

        module_args = self._module_args(args, plan, contents, phones)
        try:
            module_result = self._execute_module(module_name='polycom.uc.ucs_files', module_args=module_args, task_vars=task_vars)
        finally:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        result.update(module_result)
        result.pop('invocation', None)
        if 'phones' in result:
            result['share'] = result.pop('phones')
        result['phones'] = len(phones)
        result['files'] = len(plan.items)
        if 'changed_phones' in result:
            result['changed_phones_count'] = len(phones) if result['changed_phones'] == 'all' else len(result['changed_phones'])
            result['reload'] = reload_split(result['changed_phones'], phones, args['rest_phones'], args['list_limit'],
                                            args['pending_reload'])
        result['msg'] = result.get('msg') if result.get('failed') else summary_line(result)
        if plan.warnings:
            result['warnings'] = list(plan.warnings) + list(result.get('warnings') or [])
        return result

    @staticmethod
    def _module_args(args, plan, contents, phones):
        """polycom.uc.ucs_files' arguments: every file (and the phones to check) as one compressed argument."""
        # validated: every value of these files passed the catalogue (build_plan, then verify_rendered on the rendered text)
        packed = dict(files=[[item.path, content, item.mode, item.tag] for item, content in zip(plan.items, contents)], validated=True,
                      read_by=dict(all=[item.path for item in plan.items if item.kind in READ_BY_ALL or (item.kind == 'master' and not item.tag)],
                                   none=[item.path for item in plan.items if item.kind in READ_BY_NONE]))
        if args['verify']:
            packed['phones'] = [[phone.mac, phone.model] for phone in phones]
        packed = json.dumps(packed, separators=(',', ':'))
        return dict(
            root=args['root'], packed=to_text(base64.b64encode(zlib.compress(packed.encode('utf-8'), 6))),
            directories=[dict(path=path, mode=mode) for path, mode in plan.directories],
            protect=plan.protect, manifest_set=args['manifest_set'], prune=args['prune'], prune_also=plan.prune_also,
            owner=args['owner'], group=args['group'], diff_limit=args['diff_limit'], durable=args['durable'],
            require_lync=args['require_lync'], list_limit=args['list_limit'], replace_encrypted=args['replace_encrypted'],
            effective_for=[mac for mac in (normalise_mac(m) for m in args['effective_for']) if mac],
        )

    # -- input ---------------------------------------------------------------------------------------
    def _phones(self, args):
        problems, phones = [], []
        for index, row in enumerate(args['phones']):
            phone = phone_from_mapping('phones[%d]' % index, row, problems)
            if phone is not None:
                phones.append(phone)
        if args.get('phones_csv'):
            try:
                path = self._find_needle('files', args['phones_csv'])
                data = self._loader._get_file_contents(path)[0]  # bytes (vault files decrypted): the encoding is checked here
            except AnsibleError as exc:
                raise LyncError(['phones_csv: %s' % to_text(exc)])
            text = csv_text(data, os.path.basename(path))
            phones.extend(phones_from_csv(text, os.path.basename(path), problems))
        return phones, problems

    def _read(self, path):
        loader = self._loader
        if hasattr(loader, 'get_text_file_contents'):
            return loader.get_text_file_contents(path)
        data, _shown = loader._get_file_contents(path)  # ansible-core < 2.19 (vault files are decrypted)
        return to_text(data, errors='surrogate_or_strict')

    def _template_path(self, kind, args):
        """A template found like ansible.builtin.template's sources (in a role task: that role's templates/, then the
        play's), else, for a task outside the role, the one the collection ships, found through the collection loader
        (the collection package's path, wherever and however the collection is installed) rather than a path relative
        to this file."""
        name = (args['templates'] or {}).get(kind) or DEFAULT_TEMPLATES[kind]
        try:
            return self._find_needle('templates', name)
        except AnsibleError:
            for base in import_module('ansible_collections.polycom.uc').__path__:
                shipped = os.path.join(base, *ROLE_TEMPLATES + (name,))
                if os.path.isfile(shipped):
                    return shipped
            raise LyncError(['templates.%s: template %r not found (looked in the role, the play and the collection\'s %s)'
                             % (kind, name, '/'.join(ROLE_TEMPLATES))])

    # -- rendering: one templating pass per kind of file ---------------------------------------------
    def _render_all(self, items, args, task_vars):
        unknown = [key for key in (args['templates'] or {}) if key not in TEMPLATE_KINDS]
        if unknown:
            raise LyncError(['templates: unknown key(s) %s; keys are %s' % (', '.join(map(str, unknown)), ', '.join(TEMPLATE_KINDS))])
        contents = [None] * len(items)
        for kind in TEMPLATE_KINDS:
            indices = [i for i, item in enumerate(items) if item.kind == kind]
            if not indices:
                continue
            rendered = self._render(kind, self._template_path(kind, args), [items[i] for i in indices], task_vars)
            for index, content in zip(indices, rendered):
                contents[index] = content
        return contents

    def _render(self, kind, path, items, task_vars):
        source = self._read(path)
        if re.search(r'{%-?\s*(extends|block)\b', source):
            raise LyncError(['templates.%s: %s uses extends/block, which a one-pass rendering cannot; use include or macros' % (kind, path)])
        if SEPARATOR in source:
            raise LyncError(['templates.%s: %s contains the file boundary marker' % (kind, path)])
        wrapper = u'{% for file, phone, attributes, elements in polycom_uc_items %}' + source + SEPARATOR + u'{% endfor %}'
        variables = dict(task_vars)
        variables['polycom_uc_items'] = Sequence(item.data() for item in items)
        searchpath = [os.path.dirname(path)] + list(task_vars.get('ansible_search_path') or [])
        templar = self._templar.copy_with_new_env(available_variables=variables, searchpath=searchpath)
        try:
            output = templar.template(trust_as_template(wrapper), escape_backslashes=False,
                                      overrides=dict(trim_blocks=True, lstrip_blocks=True))
        except AnsibleError as exc:
            raise LyncError(['templates.%s: rendering %s failed: %s' % (kind, path, to_text(exc))])
        parts = to_text(output).split(SEPARATOR)
        if len(parts) != len(items) + 1 or parts[-1].strip():
            raise LyncError(['templates.%s: %s rendered %d files for %d items' % (kind, path, len(parts) - 1, len(items))])
        return parts[:-1]
