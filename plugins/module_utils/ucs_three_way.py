# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Three-way drift of a REST phone: what the repository renders, what the share holds, what the phone runs.

``rendered``: {name: value} from the files the repository renders for the phone, read in the phone's order without
override files (polycom.uc.ucs_files' ``effective``); ``share``: {name: {value, source}} the phone would read from the
share now (override files included; source = the file); ``phone``: {name: {value, source}} of config/get
(polycom.uc.ucs_phone_info ``parameters``; Source as ucs_rest.SOURCES names them).

A parameter drifts when the three disagree; its cause, first that applies:
- ``changed_at_phone``: the phone runs a value set at the phone - Source ``local`` (its menu, kept in ``<mac>-phone.cfg``),
  ``web`` (its web utility or REST config/set, kept in ``<mac>-web.cfg``) or ``device`` (its device settings) - other
  than the repository's;
- ``set_by_call_server``: the phone runs a value its call server provisioned in-band (Source ``sip``: the Lync server),
  other than the repository's; no file on the share and no reload changes it;
- ``override_file``: the share's value comes from an override file (``<mac>-phone.cfg`` / ``<mac>-web.cfg``) and is not
  the repository's: every boot brings the phone-side change back;
- ``not_reread``: the phone runs a configuration-file value (Source ``config`` / ``configFile``) or a default other than
  the share's: it has not re-read a changed file;
- ``unknown_source``: the phone runs another value than the share's from a Source this table does not know: reported
  with that Source, never as a missed reload;
- ``share_differs``: the share's file is not what the repository renders (a converge would rewrite it).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.polycom.uc.plugins.module_utils.masking import MASK

PHONE_SIDE = ('local', 'web', 'device')  # config/get Sources of a value set at the phone (ucs_rest.SOURCES)
CALL_SERVER = ('sip',)  # in-band provisioning by the call server (ucs_rest.SOURCES)
FROM_FILES = ('config', 'configFile', 'default', '')  # a value from the configuration files, or none (the default)
OVERRIDE_SUFFIXES = ('-phone.cfg', '-web.cfg')
CAUSES = ('changed_at_phone', 'set_by_call_server', 'override_file', 'not_reread', 'unknown_source', 'share_differs')
SCALARS = (str, int, float, bool)  # a parameter's value as YAML gives it (the role renders it as text)
SHAPES = dict(
    rendered='{parameter name: value}, the value text, a number, a boolean or null',
    share='{parameter name: {value: ..., source: the file it comes from}}',
    phone='{parameter name: {value: ..., source: the config/get Source}}',
)
MAX_PROBLEMS = 10


def as_text(value):
    """A value as the role writes it into a file: booleans 1/0 (as ucs_lync does), numbers and text as text, null stays."""
    if isinstance(value, bool):
        return '1' if value else '0'
    return None if value is None else str(value)


def _kind(value):
    """A value's kind in words; never the value itself (it may be a secret)."""
    for types, word in ((bool, 'a boolean'), (str, 'text'), ((int, float), 'a number'), (dict, 'a mapping'), ((list, tuple), 'a list')):
        if isinstance(value, types):
            return word
    return 'null' if value is None else type(value).__name__


def _entry_problem(option, name, entry):
    """What is wrong with one {value, source} entry of ``share`` or ``phone``, or None."""
    if not isinstance(entry, dict):
        return '%s: %s is %s, not a mapping' % (option, name, _kind(entry))
    unknown = sorted(set(entry) - set(('value', 'source')))
    if unknown or 'value' not in entry:
        return '%s: %s has %s' % (option, name, 'the keys %s' % ', '.join(map(str, unknown)) if unknown else 'no value')
    if entry['value'] is not None and not isinstance(entry['value'], SCALARS):
        return '%s: %s value is %s, not a single value' % (option, name, _kind(entry['value']))
    if entry.get('source') is not None and not isinstance(entry['source'], str):
        return '%s: %s source is %s, not text' % (option, name, _kind(entry['source']))
    return None


def input_problems(rendered, share, phone):
    """Every way the three views are not the shapes of SHAPES (the first MAX_PROBLEMS), each naming the option, the
    parameter and the shape: a wrong shape would otherwise be compared and reported as a drift it is not."""
    problems = []
    for option, view in (('rendered', rendered), ('share', share), ('phone', phone)):
        for name, entry in sorted((view or {}).items(), key=lambda item: str(item[0])):
            if not isinstance(name, str) or not name:
                problem = '%s: %r is not a parameter name' % (option, name)
            elif option == 'rendered':
                problem = None if entry is None or isinstance(entry, SCALARS) else 'rendered: %s is %s, not a single value' % (name, _kind(entry))
            else:
                problem = _entry_problem(option, name, entry)
            if problem:
                problems.append('%s; expected %s' % (problem, SHAPES[option]))
    return problems[:MAX_PROBLEMS]


def _value(entry):
    return entry.get('value') if isinstance(entry, dict) else entry


def _source(entry):
    return (entry.get('source') or '') if isinstance(entry, dict) else ''


def is_override(source):
    return source.endswith(OVERRIDE_SUFFIXES)


def cause_of(rendered, share, phone):
    """(cause, where it comes from) of one parameter, or None when the three agree (``None`` = not set there)."""
    phone_value, phone_source = _value(phone), _source(phone)
    share_value, share_source = _value(share), _source(share)
    if phone is not None and phone_source in PHONE_SIDE and phone_value != rendered:
        return 'changed_at_phone', 'the phone (Source %s%s)' % (phone_source, ', also in %s on the share' % share_source if is_override(share_source) else '')
    if phone is not None and phone_source in CALL_SERVER and phone_value != rendered:
        return 'set_by_call_server', 'the call server (Source %s: in-band provisioning, not a file on the share)' % phone_source
    if share is not None and is_override(share_source) and share_value != rendered:
        return 'override_file', share_source
    if phone is not None and share is not None and phone_value != share_value and phone_source not in FROM_FILES:
        return 'unknown_source', 'the phone runs another value from Source %s, which this collection does not know' % phone_source
    if phone is not None and share is not None and phone_value != share_value:
        return 'not_reread', 'the phone runs %s from %s; the share now has %s' % (
            'a default' if phone_source == 'default' else 'an older value', phone_source or 'an unknown source', share_source)
    if share_value != rendered and not (share is None and rendered is None):
        return 'share_differs', share_source or 'not on the share'
    return None


def three_way(rendered, share, phone, secret=lambda name: False):
    """Every drifting parameter, sorted by name: {parameter, cause, source, rendered, share, share_source, phone, phone_source}."""
    rendered = dict((name, as_text(value)) for name, value in (rendered or {}).items())
    share = dict((name, dict(entry, value=as_text(entry.get('value')))) for name, entry in (share or {}).items())
    phone = dict((name, dict(entry, value=as_text(entry.get('value')))) for name, entry in (phone or {}).items())
    found = []
    for name in sorted(set(rendered) | set(share)):
        verdict = cause_of(rendered.get(name), share.get(name), phone.get(name))
        if verdict is None:
            continue
        values = dict(rendered=rendered.get(name), share=_value(share.get(name)), phone=_value(phone.get(name)))
        if secret(name):
            values = dict((key, None if value is None else MASK) for key, value in values.items())
        found.append(dict(parameter=name, cause=verdict[0], source=verdict[1], share_source=_source(share.get(name)) or None,
                          phone_source=_source(phone.get(name)) or None, **values))
    return found
