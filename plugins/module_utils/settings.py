# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Setting tables: user options <-> device variables, validation, and the diff that drives writes.

A device family module (``pano.py``, ``group_series.py``) lists its settings as :class:`Setting` rows. From the
table come the module's argument spec, the desired device values, the nested user view that facts
modules return, and the diff. Device values are strings (``"true"``/``"false"`` for booleans,
comma-separated lists), as on the Polycom REST interface. A row without a section is a top-level option.

:class:`SettingsDiff` is the one runner both families use, in the shape of ansible.netcommon's
``ResourceModule``: ``want`` (the options as device values), ``have`` (one read of the device),
``changes`` (the one write), ``before`` / ``after`` (the result and ``--diff``, secrets masked).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import ipaddress
import re

from ansible.module_utils.six import text_type
from ansible_collections.polycom.uc.plugins.module_utils.masking import MASKED, MASKED_CHANGED


# -- value checks: each returns an error text (what is allowed) or None ----------------------------
def check_ipv4(value):
    try:
        ipaddress.IPv4Address(text_type(value))
    except ValueError:
        return 'an IPv4 address such as 192.0.2.10'
    return None


def check_ipv6(value):
    try:
        ipaddress.IPv6Address(text_type(value))
    except ValueError:
        return 'an IPv6 address such as 2001:db8::10'
    return None


def check_ip(value):
    if check_ipv4(value) and check_ipv6(value):
        return 'an IPv4 or IPv6 address'
    return None


def check_netmask(value):
    """A dotted netmask; a prefix length (``24``) is not what the field takes."""
    try:
        if check_ipv4(value):
            raise ValueError(value)
        ipaddress.IPv4Network(u'0.0.0.0/%s' % value)
    except ValueError:
        return 'a contiguous IPv4 netmask in dotted form such as 255.255.255.0 (not a prefix length such as 24)'
    return None


HOSTNAME_LABEL = re.compile(r'^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$')


def check_hostname(value):
    if not all(HOSTNAME_LABEL.match(label) for label in text_type(value).split('.')) or len(value) > 253:
        return 'RFC 1123 host name labels (letters, digits, hyphens; at most 63 characters each)'
    return None


def check_server(value):
    """A host name or an IP address (a time server)."""
    if check_hostname(value) and check_ip(value):
        return 'a host name or an IPv4 or IPv6 address'
    return None


def check_no_space(value):
    if re.search(r'\s', text_type(value)):
        return 'a value without white space'
    return None


def check_update_server(value):
    if re.search(r'\s', text_type(value)) or len(value) > 255:
        return 'a server address or URL without white space, at most 255 characters'
    return None


def check_hhmm(value):
    if not re.match(r'^([01][0-9]|2[0-3]):[0-5][0-9]$', text_type(value)):
        return 'a 24-hour time HH:MM such as 02:00'
    return None


def check_datetime(value):
    try:
        if not re.match(r'^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$', text_type(value)):
            raise ValueError(value)
        datetime.datetime.strptime(text_type(value), '%Y-%m-%d %H:%M')
    except ValueError:
        return 'a date and time "YYYY-MM-DD HH:MM" that exists on the calendar (2026-02-28 10:00, not 2026-02-30)'
    return None


def check_email(value):
    if not re.match(r'^[^@\s]+@[^@\s]+\.[^@\s]+$', text_type(value)):
        return 'an email address such as admin@example.com'
    return None


def known_timezones():
    """The IANA time zone names this Python knows (empty when it knows none: only the form is checked then)."""
    try:
        import zoneinfo  # pylint: disable=import-outside-toplevel
        return zoneinfo.available_timezones()
    except (ImportError, OSError):
        return set()


def check_timezone(value):
    zones = known_timezones()
    known = value in zones if zones else re.match(r'^[A-Za-z_]+(/[A-Za-z0-9_+\-]+){0,2}$', text_type(value))
    if not known:
        return 'a known IANA time zone name such as Europe/Berlin or Etc/UTC'
    return None


ADDRESS_CHECKS = (check_ipv4, check_ipv6, check_ip)


def same_address(current, desired):
    """Addresses compare as addresses (``2001:DB8:0::5`` is ``2001:db8::5``); None when either is no address."""
    try:
        return ipaddress.ip_address(text_type(current)) == ipaddress.ip_address(text_type(desired))
    except ValueError:
        return None


class Setting(object):
    """One user option and the device variable behind it."""

    def __init__(self, section, option, name, kind='str', description='', choices=None, minimum=None, maximum=None,
                 max_length=None, max_items=None, check=None, secret=False, read_only=False, min_length=None,
                 check_empty=False, normalise=None):
        self.section, self.option, self.name, self.kind = section, option, name, kind
        self.description = description
        self.choices, self.minimum, self.maximum = choices, minimum, maximum
        self.min_length, self.max_length, self.max_items, self.check = min_length, max_length, max_items, check
        self.secret, self.read_only = secret, read_only
        # check_empty: '' is a value like any other (not "clear the field"); normalise: a user spelling -> the device value
        self.check_empty, self.normalise = check_empty, normalise

    @property
    def path(self):
        return self.option if self.section is None else '%s.%s' % (self.section, self.option)

    def user_value(self, params):
        """The option's value in a module's parameters, None when not given."""
        if self.section is None:
            return params.get(self.option)
        return (params.get(self.section) or {}).get(self.option)

    def place(self, view, value):
        """Put ``value`` where this option sits in a nested user view."""
        (view if self.section is None else view.setdefault(self.section, {}))[self.option] = value

    def spec(self):
        spec = dict(type=self.kind if self.kind != 'list' else 'list')
        if self.kind == 'list':
            spec['elements'] = 'str'
        if self.choices:
            spec['choices'] = list(self.choices)
        if self.secret:
            spec['no_log'] = True
        return spec

    def errors(self, value):
        """Return the problems with a user value, each naming the option and what is allowed."""
        problems = []
        values = value if self.kind == 'list' else [value]
        if self.max_items is not None and len(values) > self.max_items:
            problems.append('%s: at most %d entries allowed, got %d' % (self.path, self.max_items, len(values)))
        for item in values:
            if self.kind == 'int' and not self.minimum <= item <= self.maximum:
                problems.append('%s: must be between %d and %d, got %d' % (self.path, self.minimum, self.maximum, item))
            if self.min_length is not None and len(text_type(item)) < self.min_length:
                allowed = '%d to %d characters' % (self.min_length, self.max_length) if self.max_length else 'at least %d' % self.min_length
                problems.append('%s: must not be empty (%s allowed)' % (self.path, allowed))
            if self.max_length is not None and len(text_type(item)) > self.max_length:
                problems.append('%s: at most %d characters allowed, got %d' % (self.path, self.max_length, len(text_type(item))))
            allowed = self.check(item) if self.check and (item != '' or self.check_empty) else None
            if allowed:
                shown = MASKED if self.secret else repr(item)
                problems.append('%s: must be %s, got %s' % (self.path, allowed, shown))
        return problems

    def same(self, current, desired):
        """Whether a device value and a desired one are the same setting: addresses as addresses, lists item by item."""
        if current is None or self.check not in ADDRESS_CHECKS:
            return current == desired
        if self.kind == 'list':
            currents, desireds = self.to_user(current), self.to_user(desired)
            return len(currents) == len(desireds) and all(same_address(c, d) or c == d for c, d in zip(currents, desireds))
        return same_address(current, desired) or current == desired

    def to_device(self, value):
        if self.normalise is not None:
            return self.normalise(value)
        if self.kind == 'bool':
            return 'true' if value else 'false'
        if self.kind == 'list':
            return ','.join(value)
        return text_type(value)

    def to_user(self, value):
        if value is None:
            return None
        if self.kind == 'bool':
            return text_type(value).lower() == 'true'
        if self.kind == 'int':
            return int(value)
        if self.kind == 'list':
            return [item for item in text_type(value).split(',') if item]
        return value


class SettingTable(object):
    """All settings of one device family."""

    def __init__(self, settings):
        self.settings = list(settings)
        self.by_name = dict((s.name, s) for s in self.settings)

    def subset(self, names):
        """A table of some of these settings (the same rows, in this table's order): a module that manages only these."""
        wanted = set(names)
        unknown = wanted - set(self.by_name)
        if unknown:
            raise KeyError('not in the table: %s' % ', '.join(sorted(unknown)))
        return SettingTable(s for s in self.settings if s.name in wanted)

    def sections(self):
        seen = []
        for setting in self.settings:
            if setting.section not in seen:
                seen.append(setting.section)
        return seen

    def argument_spec(self):
        spec = {}
        for setting in self.settings:
            if setting.read_only:
                continue
            if setting.section is None:
                spec[setting.option] = setting.spec()
                continue
            section = spec.setdefault(setting.section, dict(type='dict', options={}))
            section['options'][setting.option] = setting.spec()
        return spec

    def readable_names(self):
        return [s.name for s in self.settings if not s.secret]

    def desired(self, params):
        """Device values for every option the user gave (merged semantics), and the problems found."""
        values, problems = {}, []
        for setting in self.settings:
            value = setting.user_value(params)
            if value is None or setting.read_only:
                continue
            problems.extend(setting.errors(value))
            values[setting.name] = setting.to_device(value)
        return values, problems

    def to_user(self, device_values, names=None):
        """Nested {section: {option: value}} for the given device values (secrets masked)."""
        view = {}
        for setting in self.settings:
            if setting.read_only or setting.name not in device_values or (names is not None and setting.name not in names):
                continue
            setting.place(view, MASKED if setting.secret else setting.to_user(device_values[setting.name]))
        return view

    def diff(self, current, desired, equal=None):
        """The device values in ``desired`` that differ from ``current``.

        ``equal(name, current_value, desired_value)`` may declare values equal that differ as
        text (a clock within tolerance, say); it returns None to fall back to string equality.
        """
        changes = {}
        for name, value in desired.items():
            verdict = equal(name, current.get(name), value) if equal else None
            if verdict is None:
                setting = self.by_name.get(name)
                verdict = setting.same(current.get(name), value) if setting else current.get(name) == value
            if not verdict:
                changes[name] = value
        return changes

    def report(self, current, desired, changes):
        """before/after views of the managed settings for results and ``--diff``; secrets masked."""
        before = self.to_user(dict((n, current.get(n)) for n in desired if n in current or self.by_name[n].secret))
        after_values = dict(current)
        after_values.update(desired)
        after = self.to_user(dict((n, after_values[n]) for n in desired))
        for name in changes:
            setting = self.by_name[name]
            if setting.secret:
                setting.place(after, MASKED_CHANGED)
        return before, after

    def changed_paths(self, changes):
        return sorted(self.by_name[name].path for name in changes)


class SettingsDiff(object):
    """One run over a setting table: want, have, the one write, and before/after (netcommon ``ResourceModule``).

    ``have``: the device's values (one read); ``want``: the options as device values. ``problems`` (a family's
    cross-setting rules) stop the run before any write. ``plan(have, want)`` is the family's diff (default: the
    table's), ``effects(have, changes)`` what the device changes by itself after that write, reported as changes
    of the run.
    """

    def __init__(self, table, have, want, problems=(), plan=None, effects=None):
        self.table, self.have, self.want = table, have, want
        self.problems = list(problems)
        self.changes = {} if self.problems else (plan(have, want) if plan else table.diff(have, want))
        self.effects = effects(have, self.changes) if effects else {}
        reported = dict(want, **self.effects)
        self.before, self.after = table.report(have, reported, dict(self.changes, **self.effects))

    @property
    def changed_paths(self):
        """What the run changes on the device: the write and its side effects, not values written only to hold them."""
        changed = dict(self.changes, **self.effects)
        return self.table.changed_paths(dict((n, v) for n, v in changed.items()
                                             if not self.table.by_name[n].same(self.have.get(n), v)))
