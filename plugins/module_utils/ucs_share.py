# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a Polycom UC Software phone reads from a provisioning share, computed from the share's files.

One reader of the share, used by ``polycom.uc.ucs_share_info``. The rules (labels as in the project notes:
[doc] Polycom guides, [capture] public working files, [inferred] ours):

- master: ``<mac>.cfg``, else ``000000000000.cfg`` [doc]; its ``<APPLICATION>`` attributes, a per-model
  variant (``CONFIG_FILES_VVX500``) before the generic one [capture]; ``[PHONE_MAC_ADDRESS]`` in
  ``CONFIG_FILES`` replaced by the MAC [capture]; entries at most 255 characters, ``CONFIG_FILES`` at most 2047 [doc];
- ``CONFIG_FILES`` left to right, first occurrence wins [doc] (inside one file: document order [inferred]);
  every attribute of every element is a parameter, element text is ignored [capture];
- ``<OVERRIDES_DIRECTORY>/<mac>-phone.cfg`` then ``<mac>-web.cfg`` on top of everything [doc; order inferred];
- a file whose first line carries ``Digest=`` is encrypted [doc]: it cannot be read here;
- a value outside its permitted values is not used [doc]: the parameter keeps its default [inferred];
- the firmware version comes from the phone's uploaded ``<mac>-boot.log``/``<mac>-app.log``: the newest one
  with a line ``Application version: 4.0.1.13681`` (and ``Phone model: VVX500, MAC address: ...``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import difflib
import os
import re
from xml.etree import ElementTree

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.polycom.uc.plugins.module_utils.firmware import parse_version

try:  # the Lync parameter catalogue (written for the lync_provisioning role); without it, the minimal lists below
    from ansible_collections.polycom.uc.plugins.module_utils import ucs_lync as catalogue
except ImportError:
    catalogue = None

FACTORY_MASTER = '000000000000.cfg'
MAC_TOKEN = '[PHONE_MAC_ADDRESS]'
MASTER_ATTRIBUTES = ('APP_FILE_PATH', 'CONFIG_FILES', 'MISC_FILES', 'LOG_FILE_DIRECTORY', 'OVERRIDES_DIRECTORY',
                     'CONTACTS_DIRECTORY', 'LICENSE_DIRECTORY', 'USER_PROFILES_DIRECTORY', 'CALL_LISTS_DIRECTORY',
                     'COREFILE_DIRECTORY')
MAX_ENTRY = 255
MAX_CONFIG_FILES = 2047
MASKED = '<masked>'
SECRET = re.compile(r'(password|passwd|\.key$)', re.I)
MAC_IN_NAME = re.compile(r'(?<![0-9a-fA-F])([0-9a-fA-F]{12})(?![0-9a-fA-F])')
VERSION_LINE = re.compile(r'Application version:\s*(\S+)')
MODEL_LINE = re.compile(r'Phone model:\s*([^,\s]+)')
MAX_WALK_DEPTH = 3
UPLOAD_ATTRIBUTES = ('LOG_FILE_DIRECTORY', 'OVERRIDES_DIRECTORY', 'CONTACTS_DIRECTORY', 'CALL_LISTS_DIRECTORY',
                     'USER_PROFILES_DIRECTORY', 'COREFILE_DIRECTORY')
MAX_FILE = 8 * 1024 * 1024

TRANSPORTS = ('DNSnaptr', 'TCPpreferred', 'UDPOnly', 'TLS', 'TCPOnly')
INTEROPS = ('standard', 'ocs2007r2', 'lcs2005', 'lync2010')
BOOL = ('0', '1')
_N = r'[0-9]+'

# Permitted values of the parameters the Lync guide names (Tables 2-5), plus a few neighbours:
# a tuple of strings, or an integer range as ('range', low, high).
RULES = [(re.compile('^%s$' % pattern), allowed) for pattern, allowed in (
    (r'(reg\.%s\.server\.%s|voIpProt\.server\.%s)\.transport' % (_N, _N, _N), TRANSPORTS),
    (r'(reg\.%s\.server\.%s|voIpProt\.server\.%s)\.specialInterop' % (_N, _N, _N), INTEROPS),
    (r'(reg\.%s\.server\.%s|voIpProt\.server\.%s)\.port' % (_N, _N, _N), ('range', 0, 65535)),
    (r'msg\.mwi\.%s\.callBackMode' % _N, ('contact', 'registration', 'disabled')),
    (r'reg\.%s\.auth\.useLoginCredentials' % _N, BOOL),
    (r'reg\.%s\.srtp\.(enable|offer|require)' % _N, BOOL),
    (r'reg\.%s\.telephony' % _N, BOOL),
    (r'pres\.idleTimeout\.(offHours|officeHours)\.enabled', BOOL),
    (r'pres\.idleTimeout\.(offHours|officeHours)\.period', ('range', 1, 600)),
    (r'(feature\.presence\.enabled|feature\.messaging\.enabled|callLists\.logConsultationCalls)', BOOL),
    (r'roaming_buddies\.reg', ('range', 1, 34)),
    (r'sec\.srtp\.(enable|offer|require|mki\.enabled|holdWithNewKey|resumeWithNewKey)', BOOL),
    (r'sec\.srtp\.mki\.length', ('range', 1, 4)),
    (r'(voIpProt\.SIP\.mtls\.enable|voIpProt\.SIP\.allowTransferOnProceeding|voIpProt\.SIP\.use486forReject)', BOOL),
    (r'tcpIpApp\.keepalive\.tcp\.sip\.tls\.enable', BOOL),
    (r'voIpProt\.SIP\.IM\.autoAnswerDelay', ('range', 0, 40)),
    (r'sec\.TLS\.profileSelection\.SIP', ('PlatformProfile1', 'PlatformProfile2') + tuple('ApplicationProfile%d' % i for i in range(1, 7))),
    (r'device\.set|device\..+\.set', BOOL),
)]

# Minimal name check (no full parameter catalogue in this collection yet): the first name part must be
# a UC Software parameter family, and inside the families the Lync guide covers the name must be one
# the guide (or its neighbours) uses. Catches the seed's typos (volpProt...) and misspelt Lync names.
FAMILIES = frozenset((
    'apps', 'attendant', 'bg', 'bitmap', 'button', 'call', 'callLists', 'device', 'dialplan', 'dir', 'divert', 'dns',
    'efk', 'exchange', 'feature', 'font', 'httpd', 'ind', 'key', 'lcl', 'lic', 'lineKey', 'log', 'mb', 'msg', 'mwi',
    'nat', 'np', 'powerSaving', 'pres', 'prov', 'ptt', 'qos', 'reg', 'roaming_buddies', 'roaming_privacy', 'saf',
    'se', 'sec', 'softkey', 'sip', 'tcpIpApp', 'tone', 'up', 'upgrade', 'video', 'voice', 'voIpProt', 'xmpp',
))
KNOWN = [re.compile('^%s$' % pattern) for pattern in (
    r'voIpProt\.server\.%s\.(address|port|transport|expires|expires\.overlap|register|retryTimeOut|retryMaxCount|'
    r'lcs|failOver\.failBack\.mode|specialInterop)' % _N,
    r'reg\.%s\.server\.%s\.(address|port|transport|expires|expires\.overlap|register|retryTimeOut|retryMaxCount|'
    r'specialInterop|failOver\.failBack\.mode)' % (_N, _N),
    r'reg\.%s\.auth\.(userId|password|domain|useLoginCredentials|optimizedInFailover)' % _N,
    r'msg\.mwi\.%s\.(callBack|callBackMode|subscribe)' % _N,
    r'sec\.srtp\.(enable|offer|require|key\.lifetime|mki\.enabled|mki\.length|holdWithNewKey|resumeWithNewKey|'
    r'offer\.HMAC_SHA1_32|offer\.HMAC_SHA1_80|require\.HMAC_SHA1_32|sessionParams\.noAuth\.offer|'
    r'sessionParams\.noEncrypRTP\.offer|sessionParams\.noEncrypRTCP\.offer|padRtpToFourByteAlignment)',
    r'pres\.idleTimeout\.(offHours|officeHours)\.(enabled|period)',
)]
COVERED = ('voIpProt.server.', 'reg.', 'msg.mwi.', 'sec.srtp.', 'pres.idleTimeout.')
COVERED_REG = re.compile(r'^reg\.%s\.(server\.|auth\.)' % _N)
EXAMPLE_NAMES = (
    'voIpProt.server.1.address', 'voIpProt.server.1.transport', 'voIpProt.server.1.specialInterop', 'voIpProt.server.1.port',
    'reg.1.server.1.address', 'reg.1.server.1.transport', 'reg.1.server.1.specialInterop', 'reg.1.auth.userId',
    'reg.1.auth.password', 'reg.1.auth.domain', 'reg.1.auth.useLoginCredentials', 'reg.1.address', 'msg.mwi.1.callBack',
    'msg.mwi.1.callBackMode', 'sec.srtp.require', 'sec.srtp.key.lifetime', 'sec.srtp.mki.enabled', 'sec.srtp.mki.length',
    'sec.srtp.holdWithNewKey', 'sec.srtp.resumeWithNewKey', 'voIpProt.SIP.mtls.enable', 'voIpProt.SIP.IM.autoAnswerDelay',
    'voIpProt.SIP.allowTransferOnProceeding', 'voIpProt.SIP.use486forReject', 'tcpIpApp.keepalive.tcp.sip.tls.enable',
    'pres.idleTimeout.offHours.enabled', 'pres.idleTimeout.offHours.period', 'pres.idleTimeout.officeHours.enabled',
    'pres.idleTimeout.officeHours.period', 'feature.presence.enabled', 'feature.messaging.enabled', 'roaming_buddies.reg',
    'callLists.logConsultationCalls', 'sec.TLS.profileSelection.SIP', 'sec.TLS.customCaCert.1', 'reg.1.telephony',
    'reg.1.srtp.enable', 'reg.1.srtp.offer', 'reg.1.srtp.require', 'sec.srtp.enable', 'sec.srtp.offer',
)


def _catalogue_row(name):
    """The Lync parameter catalogue's row for a name (module_utils ucs_lync), or None (no row, or no catalogue)."""
    if catalogue is None:
        return None
    return catalogue.lookup(name)


def check_value(name, value):
    """None when a phone accepts the value (or nothing is known about the name), else the permitted values as text.

    The catalogue's choices and ranges first, then this file's RULES for the names it does not have.
    """
    row = _catalogue_row(name)
    if row is not None and getattr(row, 'kind', None) in ('bool', 'int', 'enum'):
        return row.normalise(value)[1]
    for pattern, allowed in RULES:
        if pattern.match(name):
            if allowed[0] == 'range':
                low, high = allowed[1], allowed[2]
                if not re.match(r'^-?[0-9]+$', value.strip()) or not low <= int(value) <= high:
                    return '%d to %d' % (low, high)
                return None
            return None if value in allowed else ', '.join(allowed)
    return None


def check_content(name, value):
    """For free-text parameters the catalogue checks (host names, SIP URIs, PEM...): what the value should look like, or None.

    Phones take such values as they are; a bad one fails later (registration, TLS), so this is a warning.
    """
    row = _catalogue_row(name)
    if row is not None and getattr(row, 'kind', None) == 'str':
        return row.normalise(value)[1]
    return None


def _near_miss(name):
    """A known name that differs from this one only by case or a character or two, or None."""
    candidates = []
    if catalogue is not None:
        candidates.append(catalogue.closest(name))
    generic = re.sub(r'\.[0-9]+\.', '.1.', name)
    candidates.extend(difflib.get_close_matches(generic, EXAMPLE_NAMES, n=1, cutoff=0.85))
    for candidate in candidates:
        if candidate and candidate != name and (candidate.lower() == name.lower() or
                                                difflib.SequenceMatcher(None, name, candidate).ratio() >= 0.9):
            return candidate
    return None


def check_name(name):
    """None for a known or plausible parameter name, else why it looks wrong (with a suggestion when one is close).

    Known: a name of the Lync catalogue (module_utils ucs_lync, when present) or of this file's list. Otherwise the
    first name part must be a UC Software family, names in the families the Lync guide covers must be ones it
    uses, and any other name that is a near miss of a known one (case, a character or two) is reported.
    """
    if _catalogue_row(name) is not None or any(pattern.match(name) for pattern in KNOWN):
        return None
    family = name.split('.', 1)[0]
    problem = None
    if family not in FAMILIES:
        problem = 'no UC Software parameter family "%s"' % family
    elif name.startswith(COVERED) and (not name.startswith('reg.') or COVERED_REG.match(name)):
        problem = 'not a parameter of its family'
    suggestion = _near_miss(name)
    if problem is None and suggestion is None:
        return None
    problem = problem or 'not a known parameter'
    if suggestion:
        problem += '; did you mean %s?' % suggestion
    return problem


def normalize_mac(mac):
    """'00:04:F2:AA:BB:CC' -> '0004f2aabbcc'; ValueError unless 12 hex digits."""
    text = re.sub(r'[-:. ]', '', to_text(mac or '')).lower()
    if not re.match(r'^[0-9a-f]{12}$', text):
        raise ValueError('%r is not a MAC address (12 hex digits)' % (mac,))
    return text


def is_secret(name):
    return bool(SECRET.search(name))


def is_encrypted(data):
    """Polycom configFileEncrypt output: the first line carries a Digest= field."""
    return b'Digest=' in data.split(b'\n', 1)[0]


class ConfigFile(object):
    """One parsed file: parameters in document order, or why there are none."""

    def __init__(self, name, data):
        self.name = name
        self.status = 'read'
        self.error = None
        self.parameters = []
        self.text_elements = []
        self.root = None
        if data is None:
            self.status = 'missing'
            return
        if is_encrypted(data):
            self.status = 'encrypted'
            return
        try:
            self.root = ElementTree.fromstring(data)
        except ElementTree.ParseError as exc:
            self.status = 'parse_error'
            self.error = to_text(exc)
            return
        for elem in self.root.iter():
            for key, value in elem.attrib.items():
                self.parameters.append((to_text(key), to_text(value)))
            if elem.text and elem.text.strip():
                self.text_elements.append(to_text(elem.tag))


class Share(object):
    """A provisioning share on the local file system."""

    def __init__(self, root):
        self.root = os.path.realpath(root)
        self._parsed = {}
        self._log_dirs = None

    def local(self, relative):
        """Absolute path of a share-relative name, or None when it leaves the share."""
        path = os.path.realpath(os.path.join(self.root, relative.lstrip('/')))
        if path != self.root and not path.startswith(self.root + os.sep):
            return None
        return path

    def read(self, relative):
        path = self.local(relative)
        if path is None or not os.path.isfile(path):
            return None
        with open(path, 'rb') as handle:
            return handle.read(MAX_FILE)

    def parse(self, relative):
        """The parsed file (cached: thousands of phones share the same few files)."""
        if relative not in self._parsed:
            self._parsed[relative] = ConfigFile(relative, self.read(relative))
        return self._parsed[relative]

    def master_directories(self, attributes):
        """Non-empty values of the given master attributes (any model variant) in the master files at the root."""
        found = []
        try:
            names = sorted(n for n in os.listdir(self.root) if re.match(r'^[0-9a-f]{12}\.cfg$', n))
        except OSError:
            return found
        for name in names:
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
    return value if show_secrets or not is_secret(name) else MASKED


def read_logs(share, mac, directories):
    """The newest uploaded log of the phone that names its firmware: dict(file, time, firmware_version, model) or None."""
    candidates = []
    for directory in directories:
        for kind in ('boot', 'app'):
            relative = join(directory, '%s-%s.log' % (mac, kind))
            path = share.local(relative)
            if path and os.path.isfile(path) and relative not in [c[1] for c in candidates]:
                candidates.append((os.path.getmtime(path), relative))
    for mtime, relative in sorted(candidates, reverse=True):
        text = to_text(share.read(relative) or b'', errors='surrogate_or_replace')
        versions = [v for v in (parse_version(found) for found in VERSION_LINE.findall(text)) if v]
        if versions:
            models = MODEL_LINE.findall(text)
            stamp = datetime.datetime.fromtimestamp(mtime, datetime.timezone.utc)
            return dict(file=relative, time=stamp.isoformat(), firmware_version=versions[-1], model=models[-1] if models else None)
    return None


def analyze_phone(share, mac, model=None, show_secrets=False, name_check=check_name):
    """Everything the phone with this MAC would read, and what is wrong with it. See ucs_share_info RETURN."""
    mac = normalize_mac(mac)
    findings = []
    files = []
    result = dict(mac_address=mac, model=model, master=None, files=files, parameters={}, findings=findings,
                  directories={}, app_file_path=None, lync=lync_line({}))

    # the phone's own uploads tell its model when the inventory does not
    log_info = read_logs(share, mac, share.log_dirs())
    if not model and log_info and log_info.get('model'):
        model = result['model'] = log_info['model']

    master = parsed = None
    for name in ('%s.cfg' % mac, FACTORY_MASTER):
        parsed = share.parse(name)
        files.append(dict(name=name, role='master', status='missing' if parsed.status == 'missing' else 'read'))
        if parsed.status != 'missing':
            master = name
            break
    if master is None:
        findings.append(_finding('no_master', 'error', 'neither %s.cfg nor %s is on the share: the phone cannot boot' % (mac, FACTORY_MASTER)))
        result['device'] = _device(mac, model, log_info)
        return result
    result['master'] = master
    app = None
    if parsed.status == 'read':
        app = parsed.root if parsed.root.tag == 'APPLICATION' else parsed.root.find('.//APPLICATION')
    if parsed.status == 'encrypted':
        files[-1]['status'] = 'encrypted'
        findings.append(_finding('encrypted', 'error', 'the master file %s is encrypted; phones never read encrypted master files' % master, file=master))
    elif parsed.status == 'parse_error' or app is None:
        files[-1]['status'] = 'parse_error'
        findings.append(_finding('parse_error', 'error', 'master file %s: %s' % (master, parsed.error or 'no APPLICATION element'), file=master))
    if app is None:
        result['device'] = _device(mac, model, log_info)
        return result

    values = {}
    model_attrs = sorted(k for k in app.attrib if any(k.startswith(a + '_') for a in MASTER_ATTRIBUTES))
    for attribute in MASTER_ATTRIBUTES:
        values[attribute] = master_value(app.attrib, attribute, model)[0]
    if model_attrs and not model:
        findings.append(_finding('model_unknown', 'warning', 'the master has per-model attributes (%s) but the model of this phone is not known '
                                 '(give it in models, or let the phone upload a log): read with the generic attributes' % ', '.join(model_attrs),
                                 file=master))
    result['app_file_path'] = values['APP_FILE_PATH']
    result['directories'] = dict((k, v) for k, v in values.items() if k.endswith('_DIRECTORY') and v is not None)
    raw_files = values['CONFIG_FILES'] or ''
    if len(raw_files) > MAX_CONFIG_FILES:
        findings.append(_finding('limit', 'error', 'CONFIG_FILES has %d characters; phones read at most %d' % (len(raw_files), MAX_CONFIG_FILES), file=master))
    entries = [entry.strip().replace(MAC_TOKEN, mac) for entry in raw_files.split(',')]
    entries = [entry for entry in entries if entry]

    overrides = [join(values['OVERRIDES_DIRECTORY'], '%s-%s.cfg' % (mac, kind)) for kind in ('phone', 'web')]
    read = {}
    for role, names in (('config', entries), ('override', overrides)):
        for name in names:
            entry = dict(name=name, role=role)
            files.append(entry)
            config = _read_entry(share, master, name, role, entry, findings)
            if config is not None:
                read[name] = config

    occurrences = {}   # parameter -> [(value, file), ...] in precedence order: overrides, then CONFIG_FILES left to right
    order = []
    for name in overrides + entries:
        for param, value in read[name].parameters if name in read else []:
            if param not in occurrences:
                occurrences[param] = []
                order.append(param)
            occurrences[param].append((value, name))

    parameters = {}
    for param in order:
        (value, source), shadowed = occurrences[param][0], occurrences[param][1:]
        problem = name_check(param) if name_check else None
        if problem:
            findings.append(_finding('unknown_parameter', 'warning', '%s in %s: %s' % (param, source, problem), file=source, parameter=param))
        for other_value, other_file in shadowed:
            same = other_value == value
            findings.append(_finding(
                'shadowed', 'info' if same else 'warning',
                '%s in %s (%s) is shadowed by %s (%s)' % (param, other_file, _shown(param, other_value, show_secrets), source,
                                                          _shown(param, value, show_secrets)) + (', the same value' if same else ''),
                file=other_file, parameter=param, shadowed_by=source))
        allowed = check_value(param, value)
        if allowed is not None:
            findings.append(_finding('out_of_range', 'error', '%s="%s" in %s is not one of the permitted values (%s): phones log an error and '
                                     'do not use it' % (param, _shown(param, value, show_secrets), source, allowed), file=source, parameter=param))
        else:
            parameters[param] = dict(value=_shown(param, value, show_secrets), source=source)
            expected = check_content(param, value)
            if expected:
                findings.append(_finding('suspicious_value', 'warning', '%s="%s" in %s: phones take it, but it should be %s' % (
                    param, _shown(param, value, show_secrets), source, expected), file=source, parameter=param))
        for other_value, other_file in shadowed:
            if check_value(param, other_value) is not None:
                findings.append(_finding('out_of_range', 'warning', '%s="%s" in %s (shadowed) is not a permitted value' % (
                    param, _shown(param, other_value, show_secrets), other_file), file=other_file, parameter=param))
    effective = dict((k, occurrences[k][0][0]) for k in order)
    for param in order:
        if param.startswith('device.') and not param.endswith('.set') and param != 'device.set':
            if effective.get('device.set') != '1' or effective.get(param + '.set') != '1':
                findings.append(_finding('device_not_applied', 'warning', '%s applies only with device.set="1" and %s.set="1"' % (param, param),
                                         file=occurrences[param][0][1], parameter=param))
    result['parameters'] = parameters
    result['lync'] = lync_line(dict((k, occurrences[k][0][0]) for k in order if k in parameters))
    result['device'] = _device(mac, model, log_info)
    return result


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
                transport=transport, special_interop=interop, credentials=credentials)


def _read_entry(share, master, name, role, entry, findings):
    """Parse one CONFIG_FILES entry or override file; record its status and the findings about it."""
    if len(name) > MAX_ENTRY:
        findings.append(_finding('limit', 'error', 'file name %s... is longer than %d characters' % (name[:40], MAX_ENTRY), file=name))
    if '://' in name:
        entry['status'] = 'remote'
        findings.append(_finding('remote', 'info', '%s is on another server and is not checked' % name, file=name))
        return None
    if share.local(name) is None:
        entry['status'] = 'missing'
        findings.append(_finding('missing_file', 'error', '%s points outside the share' % name, file=name))
        return None
    config = share.parse(name)
    entry['status'] = config.status
    if config.status == 'missing':
        if role == 'config':
            findings.append(_finding('missing_file', 'error', '%s is listed in CONFIG_FILES of %s but is not on the share' % (name, master), file=name))
        return None
    if config.status == 'encrypted':
        findings.append(_finding('encrypted', 'warning', '%s is encrypted: its parameters cannot be checked here; phones need '
                                 'device.sec.configEncryption.key to read it' % name, file=name))
        return None
    if config.status == 'parse_error':
        findings.append(_finding('parse_error', 'error', '%s is not well-formed XML (%s): phones ignore the whole file' % (name, config.error), file=name))
        return None
    entry['parameters'] = len(config.parameters)
    for tag in sorted(set(config.text_elements)):
        findings.append(_finding('text_ignored', 'warning', 'element <%s> in %s has text; phones ignore element text, only attributes '
                                 'are parameters' % (tag, name), file=name))
    return config


def _device(mac, model, log_info):
    device = dict(family='phone', model=model, mac_address=mac, firmware_version=None, log_file=None, log_time=None)
    if log_info:
        device.update(firmware_version=log_info['firmware_version'], log_file=log_info['file'], log_time=log_info['time'])
    return device


def share_info(root, macs=None, models=None, show_secrets=False, details=True, discover='all'):
    """Analyse every phone: the given MACs, else every MAC named by a file on the share (discover=all) or by a
    configuration file (discover=configured). details=False leaves out each phone's files and parameters."""
    share = Share(root)
    models = dict((normalize_mac(k), v) for k, v in (models or {}).items())
    wanted = [normalize_mac(m) for m in macs] if macs else share.discover_macs(configured_only=discover == 'configured')
    phones = []
    summary = dict(phones=0, errors=0, warnings=0, lync_ready=0, phones_with_errors=[])
    for mac in wanted:
        phone = analyze_phone(share, mac, models.get(mac), show_secrets)
        errors = sum(1 for f in phone['findings'] if f['severity'] == 'error')
        summary['phones'] += 1
        summary['errors'] += errors
        summary['warnings'] += sum(1 for f in phone['findings'] if f['severity'] == 'warning')
        summary['lync_ready'] += 1 if phone['lync']['ready'] else 0
        if errors:
            summary['phones_with_errors'].append(mac)
        if not details:
            del phone['files'], phone['parameters']
        phones.append(phone)
    return dict(phones=phones, macs=[p['mac_address'] for p in phones], summary=summary)
