# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a Polycom UC Software phone reads from a provisioning share, computed from the share's files.

One reader of the share: ``polycom.uc.ucs_share_info`` reads a share as it is, ``polycom.uc.ucs_files`` (and so the
lync_provisioning role) reads it as a run is about to leave it, before writing (``Share(planned=...)``). Parameter
rules, secret names, the MAC rule and the master's attributes come from the one catalogue, ``ucs_lync``. The rules
of reading (labels as in the project notes: [doc] Polycom guides, [capture] public working files, [inferred] ours):

- master: ``<mac>.cfg``, else ``000000000000.cfg`` [doc]; its ``<APPLICATION>`` attributes, a per-model
  variant (``CONFIG_FILES_VVX500``) before the generic one [capture]; ``[PHONE_MAC_ADDRESS]`` in
  ``CONFIG_FILES`` replaced by the MAC [capture]; entries at most 255 characters, ``CONFIG_FILES`` at most 2047 [doc];
- ``CONFIG_FILES`` left to right, first occurrence wins [doc] (inside one file: document order [inferred]);
  every attribute of every element is a parameter, element text is ignored [capture];
- ``<OVERRIDES_DIRECTORY>/<mac>-phone.cfg`` then ``<mac>-web.cfg`` on top of everything [doc; order inferred];
- a file whose first line carries ``Digest=`` is encrypted [doc]: it cannot be read here; a file above
  ``ucs_lync.MAX_CONFIG_FILE`` is reported too large, not read [inferred limit];
- a value outside its permitted values is not used [doc]: the parameter keeps its default [inferred];
- the firmware version comes from the phone's uploaded ``<mac>-boot.log``/``<mac>-app.log``: the newest one
  with a line ``Application version: 4.0.1.13681`` (and ``Phone model: VVX500, MAC address: ...``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import json
import os
import re
from xml.etree import ElementTree

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.polycom.uc.plugins.module_utils.device import device_facts
from ansible_collections.polycom.uc.plugins.module_utils.firmware import parse_version
from ansible_collections.polycom.uc.plugins.module_utils import ucs_lync as catalogue

FACTORY_MASTER = catalogue.GENERIC_MASTER
MAC_TOKEN = catalogue.MAC_TOKEN
MASTER_ATTRIBUTES = catalogue.MASTER_ATTRIBUTES
UPLOAD_ATTRIBUTES = catalogue.UPLOAD_ATTRIBUTES
MAX_ENTRY = catalogue.MAX_CONFIG_FILES_ENTRY
MAX_CONFIG_FILES = catalogue.MAX_CONFIG_FILES
MAX_FILE = catalogue.MAX_CONFIG_FILE
MASKED = catalogue.MASK
MAC_IN_NAME = re.compile(r'(?<![0-9a-fA-F])([0-9a-fA-F]{12})(?![0-9a-fA-F])')
VERSION_LINE = re.compile(r'Application version:\s*(\S+)')
MODEL_LINE = re.compile(r'Phone model:\s*([^,\s]+)')
MAX_WALK_DEPTH = 3
MAX_LISTED = 10  # phones and reasons named in a summary; the counts cover all
PARALLEL_FROM = 2000  # phones: below this a check is quick, and forking would cost more than it saves
MAX_CHECK_WORKERS = 4  # processes of one phone check at most (it is CPU-bound; more cores rarely help a share host)
CLEAN_PATH = re.compile(r'(?:[^/\\.][^/\\]*/)*[^/\\.][^/\\]*\Z')  # no empty, '.'-led (., ..) or backslashed part


def check_value(name, value):
    """None when a phone accepts the value (or nothing is known about the name), else the permitted values as text."""
    return catalogue.value_problem(name, value)


def check_content(name, value):
    """For free-text parameters the catalogue checks (host names, SIP URIs, PEM...): what the value should look like, or None."""
    return catalogue.content_problem(name, value)


def check_name(name):
    """None for a known or plausible parameter name, else why it looks wrong (the catalogue's rule, ucs_lync.name_problem)."""
    return catalogue.name_problem(name)


def normalize_mac(mac):
    """'00:04:F2:AA:BB:CC' -> '0004f2aabbcc'; ValueError unless a phone MAC (the catalogue's rule, ucs_lync.normalise_mac)."""
    text = catalogue.normalise_mac(mac if not isinstance(mac, bytes) else to_text(mac))
    if text is None:
        raise ValueError('%r is not a phone MAC address (12 hex digits, not all zeros or all ones)' % (mac,))
    return text


def is_secret(name):
    return catalogue.is_secret(name)


is_encrypted = catalogue.is_encrypted


class ConfigFile(object):
    """One parsed file: parameters in document order, or why there are none."""

    def __init__(self, name, data):
        self.name = name
        self.status = 'read'
        self.error = None
        self.parameters = []
        self.text_elements = []
        self.root = None
        self.device = False  # has device.* parameters (they apply only with device.set)
        if data is None:
            self.status = 'missing'
        elif len(data) > MAX_FILE:
            self.status, self.error = 'too_large', 'more than %d bytes' % MAX_FILE
        elif is_encrypted(data):
            self.status = 'encrypted'
        else:
            self._parse(data)

    def _parse(self, data):
        try:
            self.root = ElementTree.fromstring(data)
        except ElementTree.ParseError as exc:
            self.status = 'parse_error'
            self.error = to_text(exc)
            return
        parameters = self.parameters
        for elem in self.root.iter():
            if elem.attrib:
                parameters.extend(elem.attrib.items())
            if elem.text and not elem.text.isspace():
                self.text_elements.append(to_text(elem.tag))
        self.device = any(name.startswith('device.') for name, _value in parameters)


MISSING = ConfigFile(None, None)


class Share(object):
    """A provisioning share on the local file system, optionally as a run is about to leave it.

    ``planned`` maps share-relative paths to the bytes a run will write there, ``removed`` names the files it will
    remove: every other file is read from disk. So the same reader answers "what do phones read now" and "what will
    they read after this run", before anything is written. Directory listings and parsed files are cached (10,000
    phones read the same few files and look into the same few directories).
    """

    def __init__(self, root, planned=None, removed=(), validated=False):
        self.root = os.path.realpath(root)
        self.planned = planned or {}
        # validated: every value of the planned files already passed the catalogue (polycom.uc.lync_files checks each
        # rendered value before it sends the files), so only their names are judged again
        self.validated = validated
        self.removed = frozenset(removed)
        self._parsed, self._listings, self._inside, self._splits = {}, {}, {}, {}
        self._log_dirs = None
        self.verdicts = {}  # (parameter, value) -> findings' facts; see _value_verdict
        self.views = {}  # the View of files many phones read (see _phone_view)

    def _split(self, relative):
        """(directory, name, normalised path) of a share-relative path, or None when it leaves the share (memoised)."""
        try:
            return self._splits[relative]
        except KeyError:
            split = self._splits[relative] = self._split_path(relative)
            return split

    def _split_path(self, relative):
        if CLEAN_PATH.match(relative):  # the common case, 10,000 times a run: already normal
            directory, _slash, name = relative.rpartition('/')
            parts = None
        else:
            relative = relative.replace('\\', '/').lstrip('/')
            parts = [part for part in relative.split('/') if part not in ('', '.')]
            if not parts or '..' in parts:
                return None
            directory, name = '/'.join(parts[:-1]), parts[-1]
        inside = self._inside.get(directory)
        if inside is None:
            real = os.path.realpath(os.path.join(self.root, directory))
            inside = self._inside[directory] = real == self.root or real.startswith(self.root + os.sep)
        return (directory, name, relative if parts is None else '/'.join(parts)) if inside else None

    def outside(self, relative):
        return self._split(relative) is None

    def local(self, relative):
        """Absolute path of a share-relative name, or None when it leaves the share."""
        split = self._split(relative)
        return os.path.join(self.root, split[2]) if split else None

    def _listing(self, directory):
        listing = self._listings.get(directory)
        if listing is None:
            try:
                listing = frozenset(os.listdir(os.path.join(self.root, directory)))
            except OSError:
                listing = frozenset()
            self._listings[directory] = listing
        return listing

    def exists(self, relative):
        split = self._split(relative)
        if split is None:
            return False
        if split[2] in self.planned:
            return True
        return split[2] not in self.removed and split[1] in self._listing(split[0]) and os.path.isfile(os.path.join(self.root, split[2]))

    def read(self, relative):
        """The file's bytes (at most MAX_FILE + 1 of them), or None when it is not there."""
        split = self._split(relative)
        if split is None:
            return None
        if split[2] in self.planned:
            return self.planned[split[2]]
        if not self.exists(relative):
            return None
        with open(os.path.join(self.root, split[2]), 'rb') as handle:
            return handle.read(MAX_FILE + 1)

    def mtime(self, relative):
        if relative in self.planned:
            return None  # being written now: newer than anything on disk
        return os.path.getmtime(self.local(relative))

    def parse(self, relative):
        """The parsed file (cached); one shared object for every missing file (thousands of absent override files)."""
        parsed = self._parsed.get(relative)
        if parsed is None:
            if relative not in self.planned and not self.exists(relative):
                return MISSING
            parsed = self._parsed[relative] = ConfigFile(relative, self.read(relative))
        return parsed

    def master_directories(self, attributes):
        """Non-empty values of the given master attributes (any model variant) in the master files at the root."""
        found = []
        names = set(n for n in self._listing('') if re.match(r'^[0-9a-f]{12}\.cfg$', n)) | set(
            n for n in self.planned if re.match(r'^[0-9a-f]{12}\.cfg$', n))
        for name in sorted(names):
            parsed = self.parse(name)
            if parsed.status != 'read':
                continue
            for elem in parsed.root.iter('APPLICATION'):
                for key, value in elem.attrib.items():
                    if any(key == a or key.startswith(a + '_') for a in attributes):
                        value = value.strip().strip('/')
                        if value and value not in found:
                            found.append(value)
        return found

    def log_dirs(self):
        if self._log_dirs is None:
            self._log_dirs = [''] + self.master_directories(('LOG_FILE_DIRECTORY',))
        return self._log_dirs

    def discover_macs(self, configured_only=False):
        """MACs named by files on the share: <mac>.cfg, per-phone files, override files, logs.

        configured_only: only .cfg files that configure a phone - not override files, nothing in the directories
        phones upload into.
        """
        found = set()
        skip = set(os.path.join(self.root, d) for d in self.master_directories(UPLOAD_ATTRIBUTES)) if configured_only else set()
        base_depth = self.root.rstrip(os.sep).count(os.sep)
        for current, dirs, files in os.walk(self.root):
            if current.count(os.sep) - base_depth >= MAX_WALK_DEPTH:
                dirs[:] = []
            if current in skip:
                dirs[:] = []
                continue
            for name in files:
                if configured_only and (not name.endswith('.cfg') or name.endswith(('-phone.cfg', '-web.cfg'))):
                    continue
                for mac in MAC_IN_NAME.findall(name):
                    if mac != '000000000000':
                        found.add(mac.lower())
        return sorted(found)


def join(directory, name):
    directory = (directory or '').strip().strip('/')
    return '%s/%s' % (directory, name) if directory else name


def master_value(attrib, name, model):
    """(value, attribute used): the per-model variant first, then the generic attribute; (None, None) if neither."""
    if model:
        wanted = ('%s_%s' % (name, model)).upper()
        for key, value in attrib.items():
            if key.upper() == wanted:
                return value, key
    if name in attrib:
        return attrib[name], name
    return None, None


def _finding(kind, severity, message, **extra):
    item = dict(kind=kind, severity=severity, message=message)
    item.update((k, v) for k, v in extra.items() if v is not None)
    return item


def _shown(name, value, show_secrets):
    return value if show_secrets or not catalogue.is_secret(name) else MASKED


def read_logs(share, mac, directories):
    """The newest uploaded log of the phone that names its firmware: dict(file, time, firmware_version, model) or None."""
    candidates = []
    for directory in directories:
        for kind in ('boot', 'app'):
            relative = join(directory, '%s-%s.log' % (mac, kind))
            if share.exists(relative) and relative not in [c[1] for c in candidates]:
                candidates.append((share.mtime(relative) or 0, relative))
    for mtime, relative in sorted(candidates, reverse=True):
        text = to_text(share.read(relative) or b'', errors='surrogate_or_replace')
        versions = [v for v in (parse_version(found) for found in VERSION_LINE.findall(text)) if v]
        if versions:
            models = MODEL_LINE.findall(text)
            stamp = datetime.datetime.fromtimestamp(mtime, datetime.timezone.utc)
            return dict(file=relative, time=stamp.isoformat(), firmware_version=versions[-1], model=models[-1] if models else None)
    return None


# -- one phone ----------------------------------------------------------------------------------------
def analyze_phone(share, mac, model=None, show_secrets=False, name_check=check_name, logs=True):
    """Everything the phone with this MAC would read, and what is wrong with it. See ucs_share_info RETURN.

    logs=False skips the phone's uploaded logs (firmware, and the model when it is not given)."""
    mac = normalize_mac(mac)
    result = dict(mac_address=mac, model=model, master=None, files=[], parameters={}, findings=[],
                  directories={}, app_file_path=None, lync=dict(NO_LINE, reasons=list(NO_LINE['reasons'])))
    log_info = read_logs(share, mac, share.log_dirs()) if logs else None
    if not model and log_info and log_info.get('model'):
        model = result['model'] = log_info['model']
    app = _read_master(share, mac, result)
    if app is not None:
        entries, overrides = _master_settings(app, mac, model, result)
        _check_parameters(share, mac, _read_files(share, result, entries, overrides), result, show_secrets, name_check, overrides)
    result['device'] = _device(mac, model, log_info)
    return result


def _read_master(share, mac, result):
    """The master's APPLICATION element (<mac>.cfg, else 000000000000.cfg), or None after a finding."""
    files, findings = result['files'], result['findings']
    master = parsed = None
    for name in ('%s.cfg' % mac, FACTORY_MASTER):
        parsed = share.parse(name)
        files.append(dict(name=name, role='master', status='missing' if parsed.status == 'missing' else 'read'))
        if parsed.status != 'missing':
            master = name
            break
    if master is None:
        findings.append(_finding('no_master', 'error', 'neither %s.cfg nor %s is on the share: the phone cannot boot' % (mac, FACTORY_MASTER)))
        return None
    result['master'] = master
    app = None
    if parsed.status == 'read':
        app = parsed.root if parsed.root.tag == 'APPLICATION' else parsed.root.find('.//APPLICATION')
    if parsed.status == 'encrypted':
        files[-1]['status'] = 'encrypted'
        findings.append(_finding('encrypted', 'error', 'the master file %s is encrypted; phones never read encrypted master files' % master, file=master))
    elif app is None:
        files[-1]['status'] = parsed.status if parsed.status == 'too_large' else 'parse_error'
        findings.append(_finding(files[-1]['status'], 'error', 'master file %s: %s' % (master, parsed.error or 'no APPLICATION element'), file=master))
    return app


def _master_settings(app, mac, model, result):
    """(CONFIG_FILES entries, override files) of the phone, from the master's attributes (per-model variant first)."""
    master, findings = result['master'], result['findings']
    values, model_attrs, directories = _master_values(app, model)
    if model_attrs and not model:
        findings.append(_finding('model_unknown', 'warning', 'the master has per-model attributes (%s) but the model of this phone is not known '
                                 '(give it in models, or let the phone upload a log): read with the generic attributes' % ', '.join(model_attrs),
                                 file=master))
    result['app_file_path'] = values['APP_FILE_PATH']
    result['directories'] = dict(directories)
    raw_files = values['CONFIG_FILES'] or ''
    if len(raw_files) > MAX_CONFIG_FILES:
        findings.append(_finding('limit', 'error', 'CONFIG_FILES has %d characters; phones read at most %d' % (len(raw_files), MAX_CONFIG_FILES), file=master))
    entries, override_dir = _config_entries(raw_files), join(values['OVERRIDES_DIRECTORY'], '')
    return [entry.replace(MAC_TOKEN, mac) for entry in entries], [override_dir + mac + '-phone.cfg', override_dir + mac + '-web.cfg']


_ENTRIES = {}


def _config_entries(raw_files):
    """The non-empty CONFIG_FILES entries, stripped, the MAC token still in them (memoised: 10,000 phones share one master)."""
    entries = _ENTRIES.get(raw_files)
    if entries is None:
        if len(_ENTRIES) > 1000:
            _ENTRIES.clear()
        entries = _ENTRIES[raw_files] = [entry for entry in (part.strip() for part in raw_files.split(',')) if entry]
    return entries


_MASTER_VALUES = {}


def _master_values(app, model):
    """(attribute -> value for this model, per-model attribute names, directories); memoised per master element and model."""
    key = (id(app), model)
    cached = _MASTER_VALUES.get(key)
    if cached is None or cached[0] is not app:
        values = dict((attribute, master_value(app.attrib, attribute, model)[0]) for attribute in MASTER_ATTRIBUTES)
        model_attrs = sorted(k for k in app.attrib if any(k.startswith(a + '_') for a in MASTER_ATTRIBUTES))
        directories = dict((k, v) for k, v in values.items() if k.endswith('_DIRECTORY') and v is not None)
        if len(_MASTER_VALUES) > 1000:
            _MASTER_VALUES.clear()
        cached = _MASTER_VALUES[key] = (app, values, model_attrs, directories)
    return cached[1:]


def _read_files(share, result, entries, overrides):
    """[(name, ConfigFile)] of the files the phone reads, in precedence order: overrides, then CONFIG_FILES left to right."""
    read = {}
    for role, names in (('config', entries), ('override', overrides)):
        for name in names:
            entry = dict(name=name, role=role)
            result['files'].append(entry)
            config = _read_entry(share, result['master'], name, role, entry, result['findings'])
            if config is not None:
                read[name] = config
    return [(name, read[name]) for name in overrides + entries if name in read]


def _occurrences(files):
    """parameter -> [(value, file), ...] in precedence order (dict order = first seen)."""
    occurrences = {}
    for name, config in files:
        for param, value in config.parameters:
            occurrences.setdefault(param, []).append((value, name))
    return occurrences


class View(object):
    """What a phone reads from a run of files: occurrences, findings (param, finding), shown parameters, effective values."""
    __slots__ = ('occurrences', 'findings', 'parameters', 'effective', 'device')

    def __init__(self, occurrences=None):
        self.occurrences, self.findings, self.parameters, self.effective = occurrences or {}, [], {}, {}
        self.device = False  # any device.* parameter (they apply only with device.set)


def _view(share, files, show_secrets, name_check, below=None):
    """The View of ``files`` on top of the View ``below`` (files of lower precedence): only the names of ``files`` are re-judged."""
    top = _occurrences(files)
    view = View(dict(below.occurrences) if below else {})
    if below:
        view.findings = [(param, finding) for param, finding in below.findings if param not in top]
        view.parameters, view.effective, view.device = dict(below.parameters), dict(below.effective), below.device
    view.device = view.device or any(config.device for _name, config in files)
    occurrences, parameters, effective = view.occurrences, view.parameters, view.effective  # locals: the loop runs 70,000 times a run
    for param, found in top.items():
        lower = occurrences.get(param)
        if lower:
            found = found + lower
        occurrences[param] = found
        findings, entry = _judge(share, param, found, show_secrets, name_check)
        if findings:
            view.findings.extend((param, finding) for finding in findings)
        effective[param] = found[0][0]
        if entry is None:
            parameters.pop(param, None)
        else:
            parameters[param] = entry
    return view


def _phone_view(share, mac, files, show_secrets, name_check):
    """The phone's View. Its own files (named with its MAC) usually come first; the View of the rest, which thousands of
    phones share, is built once per share and reused."""
    own = 0
    while own < len(files) and mac in files[own][0]:
        own += 1
    if own == len(files):
        return _view(share, files, show_secrets, name_check)
    key = (tuple(name for name, _config in files[own:]), show_secrets, name_check)
    shared = share.views.get(key)
    if shared is None:
        shared = _view(share, files[own:], show_secrets, name_check)
        if len(share.views) < 1000:
            share.views[key] = shared
    return _view(share, files[:own], show_secrets, name_check, shared) if own else shared


def _value_verdict(share, param, value, name_check):
    """(unknown-name problem, permitted-values problem, content problem) of a value; cached on the share."""
    verdict = share.verdicts.get((param, value))
    if verdict is None:
        key = (param, value)
        allowed = check_value(param, value) if value is not None else None  # None: a validated value
        verdict = share.verdicts[key] = (name_check(param) if name_check else None, allowed,
                                         check_content(param, value) if allowed is None and value is not None else None)
    return verdict


def _judge(share, param, found, show_secrets, name_check):
    """(findings, shown parameter entry or None) of one parameter's occurrences [(value, file), ...], the first one winning."""
    value, source = found[0]
    unknown, allowed, expected = _value_verdict(share, param, None if share.validated and source in share.planned else value, name_check)
    shown = value if show_secrets or not catalogue.is_secret(param) else MASKED
    if len(found) == 1 and not (unknown or allowed or expected):
        return (), dict(value=shown, source=source)  # the common case, thousands of times a run
    shadowed, findings = found[1:], []
    if unknown:
        findings.append(_finding('unknown_parameter', 'warning', '%s in %s: %s' % (param, source, unknown), file=source, parameter=param))
    for other_value, other_file in shadowed:
        same = other_value == value
        findings.append(_finding(
            'shadowed', 'info' if same else 'warning', '%s in %s (%s) is shadowed by %s (%s)' % (
                param, other_file, _shown(param, other_value, show_secrets), source, shown) + (', the same value' if same else ''),
            file=other_file, parameter=param, shadowed_by=source))
    entry = None
    if allowed is not None:
        findings.append(_finding('out_of_range', 'error', '%s="%s" in %s is not one of the permitted values (%s): phones log an error and '
                                 'do not use it' % (param, shown, source, allowed), file=source, parameter=param))
    else:
        entry = dict(value=shown, source=source)
        if expected:
            findings.append(_finding('suspicious_value', 'warning', '%s="%s" in %s: phones take it, but it should be %s' % (
                param, shown, source, expected), file=source, parameter=param))
    for other_value, other_file in shadowed:
        if _value_verdict(share, param, other_value, name_check)[1] is not None:
            findings.append(_finding('out_of_range', 'warning', '%s="%s" in %s (shadowed) is not a permitted value' % (
                param, _shown(param, other_value, show_secrets), other_file), file=other_file, parameter=param))
    return findings, entry


def _check_parameters(share, mac, files, result, show_secrets, name_check, overrides=()):
    """The effective parameters (first occurrence, permitted value), the findings about every occurrence, the Lync verdict
    (``at_phone``: line 1 is not ready only because of the phone's own override files, which the phone uploads)."""
    view = _phone_view(share, mac, files, show_secrets, name_check)
    if view.findings:
        result['findings'].extend(finding for _param, finding in view.findings)
    if view.device:
        _device_findings(view.effective, view.occurrences, result['findings'])
    result['parameters'] = view.parameters
    lync = result['lync'] = lync_line(dict((k, view.effective[k]) for k in LYNC_NAMES if k in view.parameters))
    if not lync['ready'] and any(name in overrides for name, _config in files):  # rare: only then look below the overrides
        lync['at_phone'] = lync_line(_below_overrides(view.occurrences, overrides))['ready']


def _below_overrides(occurrences, overrides):
    """The Lync parameters as the files the collection writes set them: the first occurrence outside the override files."""
    values = {}
    for name in LYNC_NAMES:
        for value, source in occurrences.get(name, ()):
            if source not in overrides:
                values[name] = value
                break
    return values


def _device_findings(effective, occurrences, findings):
    for param in effective:
        if param.startswith('device.') and not param.endswith('.set') and param != 'device.set':
            if effective.get('device.set') != '1' or effective.get(param + '.set') != '1':
                findings.append(_finding('device_not_applied', 'warning', '%s applies only with device.set="1" and %s.set="1"' % (param, param),
                                         file=occurrences[param][0][1], parameter=param))


LYNC_NAMES = ('reg.1.address', 'reg.1.server.1.address', 'reg.1.server.1.transport', 'reg.1.server.1.specialInterop',
              'voIpProt.server.1.address', 'voIpProt.server.1.transport', 'voIpProt.server.1.specialInterop',
              'reg.1.auth.userId', 'reg.1.auth.password', 'reg.1.auth.domain', 'reg.1.auth.useLoginCredentials')


def lync_line(values):
    """Whether line 1 is set up for Lync 2010 as the guide's Menu > Status > Lines check needs it.

    reg.1.address; a pool (reg.1.server.1.address, else voIpProt.server.1.address); transport TLS (reg.1.server.1.transport
    when reg.1.server.1.address is set, else voIpProt.server.1.transport; default DNSnaptr); specialInterop lync2010
    (reg.1.server.1.specialInterop overrides voIpProt.server.1.specialInterop; default standard); credentials in the
    files (reg.1.auth.userId, .password, .domain) or entered at the phone (reg.1.auth.useLoginCredentials=1).
    """
    reasons = []
    reg_server = values.get('reg.1.server.1.address', '')
    server = reg_server or values.get('voIpProt.server.1.address', '')
    if reg_server and 'reg.1.server.1.transport' in values:
        transport = values['reg.1.server.1.transport']
    else:
        transport = values.get('voIpProt.server.1.transport', '')
    transport = transport or 'DNSnaptr'
    interop = values.get('reg.1.server.1.specialInterop', values.get('voIpProt.server.1.specialInterop', 'standard'))
    if all(values.get('reg.1.auth.' + key) for key in ('userId', 'password', 'domain')):
        credentials = 'file'
    elif values.get('reg.1.auth.useLoginCredentials') == '1':
        credentials = 'phone'
    else:
        credentials = None
        reasons.append('no credentials: neither reg.1.auth.userId, .password and .domain nor reg.1.auth.useLoginCredentials=1')
    if not values.get('reg.1.address'):
        reasons.append('reg.1.address (the sign-in address) is not set')
    if not server:
        reasons.append('no Lync pool: neither reg.1.server.1.address nor voIpProt.server.1.address is set')
    if transport != 'TLS':
        reasons.append('transport %s; Lync needs TLS' % transport)
    if interop != 'lync2010':
        reasons.append('specialInterop %s; Lync 2010 needs lync2010' % interop)
    return dict(ready=not reasons, reasons=reasons, address=values.get('reg.1.address'), server=server or None,
                transport=transport, special_interop=interop, credentials=credentials, at_phone=False)


NO_LINE = lync_line({})


def _read_entry(share, master, name, role, entry, findings):
    """Parse one CONFIG_FILES entry or override file; record its status and the findings about it."""
    if len(name) > MAX_ENTRY:
        findings.append(_finding('limit', 'error', 'file name %s... is longer than %d characters' % (name[:40], MAX_ENTRY), file=name))
    if '://' in name:
        entry['status'] = 'remote'
        findings.append(_finding('remote', 'info', '%s is on another server and is not checked' % name, file=name))
        return None
    if share.outside(name):
        entry['status'] = 'missing'
        findings.append(_finding('missing_file', 'error', '%s points outside the share' % name, file=name))
        return None
    config = share.parse(name)
    entry['status'] = config.status
    if config.status == 'read':  # the common case first
        entry['parameters'] = len(config.parameters)
        if config.text_elements:
            _text_findings(name, config, findings)
        return config
    if config.status == 'missing':
        if role == 'config':
            findings.append(_finding('missing_file', 'error', '%s is listed in CONFIG_FILES of %s but is not on the share' % (name, master), file=name))
        return None
    if config.status == 'too_large':
        findings.append(_finding('too_large', 'error', '%s is %s, above the limit this collection assumes phones read [inferred]: '
                                 'not checked' % (name, config.error), file=name))
        return None
    if config.status == 'encrypted':
        findings.append(_finding('encrypted', 'warning', '%s is encrypted: its parameters cannot be checked here; phones need '
                                 'device.sec.configEncryption.key to read it' % name, file=name))
        return None
    if config.status == 'parse_error':
        findings.append(_finding('parse_error', 'error', '%s is not well-formed XML (%s): phones ignore the whole file' % (name, config.error), file=name))
    return None


def _text_findings(name, config, findings):
    for tag in sorted(set(config.text_elements)):
        findings.append(_finding('text_ignored', 'warning', 'element <%s> in %s has text; phones ignore element text, only attributes '
                                 'are parameters' % (tag, name), file=name))


def _device(mac, model, log_info):
    """The ``device`` facts of every family (device.py; a phone's serial is its MAC), its firmware from its newest log."""
    log_info = log_info or {}
    return device_facts('phone', model, serial=mac, mac_address=mac, software_version=log_info.get('firmware_version'),
                        log_file=log_info.get('file'), log_time=log_info.get('time'))


# -- many phones ----------------------------------------------------------------------------------------
class Tally(object):
    """Counts over many phones and the names behind them; ``report(limit)`` cuts the names for results of estate-wide tasks."""

    def __init__(self):
        self.phones = self.errors = self.warnings = self.lync_ready = 0
        self.with_errors, self.first_errors, self.not_ready, self.reasons = [], [], [], {}
        self.not_ready_at_phone = 0

    def add(self, phone):
        errors = [f['message'] for f in phone['findings'] if f['severity'] == 'error']
        mac = phone['mac_address']
        self.phones += 1
        self.errors += len(errors)
        self.warnings += sum(1 for f in phone['findings'] if f['severity'] == 'warning')
        if errors:
            self.with_errors.append(mac)
            if len(self.first_errors) < MAX_LISTED:
                self.first_errors.append('%s: %s' % (mac, errors[0]))
        if phone['lync']['ready']:
            self.lync_ready += 1
        else:
            self.not_ready.append(mac)
            self.not_ready_at_phone += 1 if phone['lync'].get('at_phone') else 0
            for reason in phone['lync']['reasons']:
                self.reasons[reason] = self.reasons.get(reason, 0) + 1

    FIELDS = ('phones', 'errors', 'warnings', 'lync_ready', 'not_ready_at_phone', 'with_errors', 'first_errors', 'not_ready', 'reasons')

    def state(self):
        return dict((name, getattr(self, name)) for name in self.FIELDS)

    @classmethod
    def from_state(cls, state):
        tally = cls()
        for name in cls.FIELDS:
            setattr(tally, name, state[name])
        return tally

    def merge(self, other):
        """Add the counts and names of ``other``, a Tally of the phones that come after this one's (order is kept)."""
        for name in ('phones', 'errors', 'warnings', 'lync_ready', 'not_ready_at_phone'):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.with_errors.extend(other.with_errors)
        self.not_ready.extend(other.not_ready)
        self.first_errors = (self.first_errors + other.first_errors)[:MAX_LISTED]
        for reason, count in other.reasons.items():
            self.reasons[reason] = self.reasons.get(reason, 0) + count

    def report(self, limit=MAX_LISTED):
        """The counts, and the first ``limit`` names of each list (0: all); reasons most frequent first."""
        def cut(names):
            return names[:limit] if limit else list(names)
        reasons = sorted(self.reasons.items(), key=lambda item: (-item[1], item[0]))
        return dict(phones=self.phones, errors=self.errors, warnings=self.warnings, lync_ready=self.lync_ready,
                    phones_with_errors=cut(self.with_errors), phones_with_errors_count=len(self.with_errors),
                    first_errors=cut(self.first_errors), not_ready=len(self.not_ready), phones_not_ready=cut(self.not_ready),
                    not_ready_at_phone=self.not_ready_at_phone,
                    reasons=dict(cut(reasons)))

    def refusal(self, require_lync):
        """Why the share must not be written as planned (None when every phone reads it without errors, and is ready)."""
        parts = []
        if self.with_errors:
            parts.append('%d phone(s) would read files with errors (%s)' % (len(self.with_errors), '; '.join(self.first_errors)))
        if require_lync and self.not_ready:
            reasons = ', '.join('%s (%d)' % item for item in self.report()['reasons'].items())
            parts.append('%d of %d phone(s) would not register with Lync on line 1 (%s%s): %s' % (
                len(self.not_ready), self.phones, ', '.join(self.not_ready[:MAX_LISTED]),
                ', ...' if len(self.not_ready) > MAX_LISTED else '', reasons))
        return '; '.join(parts) or None


def check_phones(share, phones, require_lync=True):
    """Analyse the phones ((mac, model) pairs) on ``share`` (usually the share as planned): (Tally, refusal or None)."""
    phones = list(phones)
    with catalogue.collector_paused():
        tally = _tally_in_parallel(share, phones) if len(phones) >= PARALLEL_FROM else _tally(share, phones)
    return tally, tally.refusal(require_lync)


def _tally(share, phones):
    tally = Tally()
    for mac, model in phones:
        tally.add(analyze_phone(share, mac, model, logs=False))
    return tally


def _cores():
    """The cores this process may run on (its affinity, as a container or cgroup limits it where the OS says so)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return getattr(os, 'cpu_count', lambda: 1)() or 1


def _tally_in_parallel(share, phones):
    """The same Tally as _tally, the phones split across the host's cores (10,000 phones take about a second of CPU):
    each forked child analyses a slice and sends its Tally back through a pipe, as JSON. A slice whose child fails is
    analysed here, so the result never depends on the fork."""
    workers = min(MAX_CHECK_WORKERS, _cores()) if hasattr(os, 'fork') else 1
    if workers < 2:
        return _tally(share, phones)
    size = -(-len(phones) // workers)
    slices = [phones[start:start + size] for start in range(0, len(phones), size)]
    children = [_fork_tally(share, part) for part in slices[1:]]
    tally = _tally(share, slices[0])
    for part, child in zip(slices[1:], children):
        tally.merge(_collect_tally(child) or _tally(share, part))
    return tally


def _fork_tally(share, phones):
    """(pid, read end) of a child analysing ``phones``; None when the host cannot fork now."""
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid:
        os.close(write_end)
        return pid, read_end
    status = 1
    try:  # the child: never returns, never writes to the module's stdout
        os.close(read_end)
        data = json.dumps(_tally(share, phones).state()).encode('utf-8')
        while data:
            data = data[os.write(write_end, data):]
        status = 0
    finally:
        os._exit(status)


def _collect_tally(child):
    """The child's Tally, or None when it could not be started, failed or sent something incomplete."""
    if child is None:
        return None
    pid, read_end = child
    chunks = []
    try:
        chunk = os.read(read_end, 1 << 16)
        while chunk:
            chunks.append(chunk)
            chunk = os.read(read_end, 1 << 16)
    finally:
        os.close(read_end)
        status = os.waitpid(pid, 0)[1]
    if status != 0:
        return None
    try:
        return Tally.from_state(json.loads(b''.join(chunks).decode('utf-8')))
    except (ValueError, KeyError):
        return None


def share_info(root, macs=None, models=None, show_secrets=False, details=True, discover='all'):
    """Analyse every phone: the given MACs, else every MAC named by a file on the share (discover=all) or by a
    configuration file (discover=configured). details=False leaves out each phone's files and parameters."""
    share = Share(root)
    models = dict((normalize_mac(k), v) for k, v in (models or {}).items())
    wanted = [normalize_mac(m) for m in macs] if macs else share.discover_macs(configured_only=discover == 'configured')
    phones, tally = [], Tally()
    with catalogue.collector_paused():
        for mac in wanted:
            phone = analyze_phone(share, mac, models.get(mac), show_secrets)
            tally.add(phone)
            if not details:
                del phone['files'], phone['parameters']
            phones.append(phone)
    return dict(phones=phones, macs=[p['mac_address'] for p in phones], summary=tally.report(limit=0))
