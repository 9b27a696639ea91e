# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Lync 2010 provisioning files for Polycom UC Software phones: parameter catalogue, validation, layout.

Source: *Provisioning Polycom Phones with Microsoft Lync Server 2010* (UC Software 4.0.1, 2012), the
seed guide ``000_868160f15adcd823``, and ``docs/phone-boot.md``. What is known, and how
well (the one place for it):

* **[doc]** every name in :data:`CATALOGUE` comes from the guide's tables, labelled with the table
  number: Table 2 (shared parameters and the value to assign), Table 3 (per phone, login credentials
  entered at the phone, recommended), Table 4 (per phone, credentials in the file, only over HTTPS),
  Table 5 (additional parameters with permitted values and defaults). Also [doc]: the callback
  ``<sign-in address>;opaque=app:voicemail`` with callback mode ``contact``; one Lync line per device;
  the all-in-one file for the Web Configuration Utility holds the shared and the Table 3 parameters
  and suits fewer than 20 phones; the master file's ``CONFIG_FILES`` entries are at most 255
  characters each and 2047 in all; files named earlier in ``CONFIG_FILES`` win (leftmost first).
* **[inferred]** corrections of the guide's text extraction: ``volpProt`` is ``voIpProt`` and
  ``TCPOny`` is ``TCPOnly`` (as the notes say); Table 5 prints ``sec.srtp.enabled`` while its own
  text and UC Software use ``sec.srtp.enable``, so the catalogue has ``sec.srtp.enable``.
* **[inferred]** ranges the guide does not give, chosen to accept the guide's values and reject
  nonsense: ``sec.srtp.mki.length`` 1-4, ``voIpProt.SIP.IM.autoAnswerDelay`` 0-40,
  ``voice.codecPref.*`` 0-99, payload type 96-127 (dynamic RTP types), ``video.iFrame.Delay`` 0-10,
  ``roaming_buddies.reg`` 1-34 (a registration index), ``sec.srtp.key.lifetime`` an integer or
  ``2^N`` (the guide assigns ``2^31``), the TLS profile names, ``msg.mwi.x.callBackMode`` contact,
  registration or disabled; the registration index ``x`` and server index ``y`` of Table 5 are
  positive integers (their upper bounds depend on the phone model); the specialInterop and transport
  choices of Table 5 also apply to ``voIpProt.server.1.*`` of Table 2.
* **[capture]** (notes) MAC addresses are written as 12 lower-case hex digits; ``[PHONE_MAC_ADDRESS]``
  in ``CONFIG_FILES`` is replaced by the phone's MAC; the phone uploads ``<mac>-phone.cfg`` and
  ``<mac>-web.cfg`` (override directory), ``<mac>-boot.log``/``<mac>-app.log`` (log directory),
  ``<mac>-directory.xml`` (contacts) and ``<mac>-calls.xml`` (call lists); empty directory = share root.

Parameter names not in the catalogue are allowed (the guide lists only the Lync essentials) but are
reported with the closest catalogue name, so typos such as ``volpProt...`` are caught.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import codecs
import contextlib
import csv
import difflib
import fnmatch
import gc
import io
import re
import xml.etree.ElementTree as ET

from ansible.module_utils.six import integer_types, string_types, text_type
from ansible.module_utils.common.text.converters import to_bytes, to_text
# the one MAC rule and the one mask, re-exported for this catalogue's importers
from ansible_collections.polycom.uc.plugins.module_utils.device import normalise_mac
from ansible_collections.polycom.uc.plugins.module_utils.lync_options import CREDENTIAL_MODES, MASTER_STRATEGIES, complete
from ansible_collections.polycom.uc.plugins.module_utils.masking import MASK

MAC_TOKEN = '[PHONE_MAC_ADDRESS]'
GENERIC_MASTER = '000000000000.cfg'
CALLBACK_SUFFIX = ';opaque=app:voicemail'
MAX_CONFIG_FILES_ENTRY = 255
MAX_CONFIG_FILES = 2047
WEB_UTILITY_MAX_PHONES = 19  # [doc] "useful when provisioning less than 20 phones"
MAX_ERRORS_SHOWN = 40
# [inferred] size limits: the guide gives none. A value (a PEM chain of a few CA certificates is 2-8 KiB) and a
# configuration file above these are refused by the writer and reported by the reader; real phones' limits are unknown.
MAX_VALUE_LENGTH = 16 * 1024
MAX_CONFIG_FILE = 1024 * 1024

TRANSPORTS = ('DNSnaptr', 'TCPpreferred', 'UDPOnly', 'TLS', 'TCPOnly')
INTEROPS = ('standard', 'ocs2007r2', 'lcs2005', 'lync2010')
TLS_PROFILES = ('PlatformProfile1', 'PlatformProfile2') + tuple('ApplicationProfile%d' % n for n in range(1, 7))
CALLBACK_MODES = ('contact', 'registration', 'disabled')

# The master file's directory attributes, in the order of Polycom's template; role option -> attribute.
DIRECTORY_ATTRIBUTES = (
    ('log', 'LOG_FILE_DIRECTORY'), ('overrides', 'OVERRIDES_DIRECTORY'), ('contacts', 'CONTACTS_DIRECTORY'),
    ('license', 'LICENSE_DIRECTORY'), ('user_profiles', 'USER_PROFILES_DIRECTORY'),
    ('call_lists', 'CALL_LISTS_DIRECTORY'), ('corefile', 'COREFILE_DIRECTORY'),
)
# Directories the phone writes into; they get the upload mode and are never touched otherwise.
UPLOAD_DIRECTORIES = ('log', 'overrides', 'contacts', 'user_profiles', 'call_lists', 'corefile')
UPLOAD_ATTRIBUTES = tuple(attr for key, attr in DIRECTORY_ATTRIBUTES if key in UPLOAD_DIRECTORIES)
# The master file's attributes a phone reads [doc] (notes: ucs-provisioning.md).
MASTER_ATTRIBUTES = ('APP_FILE_PATH', 'CONFIG_FILES', 'MISC_FILES') + tuple(attr for _key, attr in DIRECTORY_ATTRIBUTES)
# Files a phone uploads, wherever the master sends them [capture]: never written, never removed.
PHONE_UPLOADS = ('*-phone.cfg', '*-web.cfg', '*-boot.log', '*-app.log', '*-directory.xml', '*-calls.xml', '*.log')
# Parameter names whose values are secrets: masked in diffs, results, manifests; written only over HTTPS.
# [inferred] names whose values are secrets: passwords, keys (the encryption key, the Wi-Fi WEP keys key1-key4) and the
# phone's own TLS private key (sec.TLS.customDeviceKey, UC Software Administrators' Guide)
SECRET_NAME_PATTERNS = (r'(?i)password', r'(?i)passwd', r'(?i)secret', r'(?i)\.key\d*$', r'(?i)(?:private|device)key$')

XML_INVALID = re.compile(u'[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
PARAM_NAME = re.compile(r'^[A-Za-z_][A-Za-z0-9_.\-]*$')
MODEL = re.compile(r'^[A-Za-z0-9]{1,32}$')
HOST_LABEL = re.compile(r'^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$')
SIP_USER = r"[A-Za-z0-9._%+'!~*()$-]+"
SIP_URI = re.compile(r'^sip:(%s)@([A-Za-z0-9.-]+)$' % SIP_USER)
IPV4 = re.compile(r'^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$')
PEM = re.compile(r'^-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----$')
SAFE_PATH = re.compile(r'^[A-Za-z0-9_.\-\[\]]+(/[A-Za-z0-9_.\-\[\]]+)*$')


class LyncError(Exception):
    """Input that must not be written; ``problems`` lists every finding (row/field and what is allowed)."""

    def __init__(self, problems):
        self.problems = list(problems)
        shown = self.problems[:MAX_ERRORS_SHOWN]
        more = len(self.problems) - len(shown)
        text = '; '.join(shown) + ('; ... and %d more' % more if more > 0 else '')
        super(LyncError, self).__init__('%d problem(s), nothing was written: %s' % (len(self.problems), text))


# -- value checks: each takes a text value and returns None or what is allowed ------------------------
def is_hostname(value):
    labels = value.split('.')
    return len(value) <= 253 and all(HOST_LABEL.match(label) for label in labels)


def check_host(value):
    if IPV4.match(value) or (is_hostname(value) and not value.replace('.', '').isdigit()):
        return None
    return 'a host name such as lyncpool.example.com or a dotted-decimal IP address'


def check_sip_uri(value):
    match = SIP_URI.match(value)
    if match and is_hostname(match.group(2)) and '.' in match.group(2):
        return None
    return 'a SIP sign-in address sip:user@domain, e.g. sip:jsmith@bor-ee.com'


def check_callback(value):
    uri, _sep, rest = value.partition(';')
    if check_sip_uri(uri) is None and rest:
        return None
    return 'a SIP URI followed by parameters, e.g. sip:jsmith@bor-ee.com;opaque=app:voicemail'


def check_pem(value):
    blocks = re.findall(r'-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----', value, re.S)
    rest = re.sub(r'-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----', '', value, flags=re.S).strip()
    allowed = 'a PEM certificate: -----BEGIN CERTIFICATE-----, the base64 body, -----END CERTIFICATE-----'
    if not blocks or rest:
        return allowed
    for block in blocks:
        match = PEM.match(block)
        body = re.sub(r'\s', '', match.group(1)) if match else ''
        if not body or len(body) % 4:
            return allowed
        try:
            base64.b64decode(to_bytes(body))
        except (binascii.Error, TypeError, ValueError):
            return allowed
    return None


def check_lifetime(value):
    if re.match(r'^([1-9]\d{0,19}|2\^([1-9]|[1-5]\d|6[0-4]))$', value):
        return None
    return 'a packet count: a positive integer or a power of two written 2^N, e.g. 2^31'


def is_encrypted(data):
    """[doc] UC Software's configFileEncrypt output: the first line of the file carries a Digest= field."""
    return b'Digest=' in data.split(b'\n', 1)[0]


def kind_of(value):
    """What a value is, in words (Ansible's tagged types such as _AnsibleTaggedDict never reach a message)."""
    for types, word in ((bool, 'a boolean'), (dict, 'a mapping'), ((list, tuple, set), 'a list'), (integer_types + (float,), 'a number'),
                        (string_types, 'text')):
        if isinstance(value, types):
            return word
    return 'a value of another kind' if value is not None else 'nothing (null)'


def check_clock(value):
    """[doc] UC Software's time-of-day values (prov.polling.time): hh:mm, 24-hour."""
    return None if re.match(r'^([01]\d|2[0-3]):[0-5]\d$', value) else 'a time of day hh:mm (24-hour), e.g. 03:00'


def check_nonempty(value):
    return None if value.strip() else 'a non-empty text'


class Param(object):
    """One catalogue row: a parameter (or a pattern with x/y indices) of the guide's tables."""

    def __init__(self, name, tables, kind='str', value=None, choices=None, minimum=None, maximum=None,
                 check=None, secret=False, empty=False, regex=None):
        self.name, self.tables, self.kind, self.value = name, tables, kind, value
        self.choices, self.minimum, self.maximum = choices, minimum, maximum
        self.check, self.secret, self.empty = check, secret, empty
        if regex:
            self.pattern = re.compile('^%s$' % regex)
        elif 'x' in name.split('.') or 'y' in name.split('.'):
            parts = [r'([1-9]\d{0,3})' if part in ('x', 'y') else re.escape(part) for part in name.split('.')]
            self.pattern = re.compile('^' + r'\.'.join(parts) + '$')
        else:
            self.pattern = None

    def allowed(self):
        if self.kind == 'bool':
            return '0 or 1'
        if self.kind == 'int':
            return 'an integer from %d to %d' % (self.minimum, self.maximum)
        if self.kind == 'enum':
            return 'one of ' + ', '.join(self.choices)
        return None

    def normalise(self, value):
        """(text value, None) or (None, what is allowed)."""
        if self.kind == 'bool':
            if isinstance(value, bool):
                return ('1' if value else '0'), None
            text = text_type(value).strip() if isinstance(value, integer_types + string_types) else None
            return (text, None) if text in ('0', '1') else (None, '0 or 1')
        if isinstance(value, bool):
            return None, self.allowed() or 'a text value, not a boolean'
        if self.kind == 'int':
            text = text_type(value).strip() if isinstance(value, integer_types + string_types) else ''
            if re.match(r'^-?\d+$', text) and self.minimum <= int(text) <= self.maximum:
                return text_type(int(text)), None
            return None, self.allowed()
        if not isinstance(value, integer_types + string_types + (float,)):
            return None, self.allowed() or 'a text value'
        text = text_type(value)
        if len(text) > MAX_VALUE_LENGTH:
            return None, 'at most %d characters (got %d; the limit is [inferred], see MAX_VALUE_LENGTH)' % (MAX_VALUE_LENGTH, len(text))
        if self.kind == 'enum':
            return (text, None) if text in self.choices else (None, self.allowed())
        if text == '' and self.empty:
            return text, None
        problem = self.check(text) if self.check else None
        return (text, None) if problem is None else (None, problem)


P = Param
CATALOGUE = [
    # [doc] Table 2: Shared Lync Parameters, with the value the guide assigns.
    P('feature.presence.enabled', '2', 'bool', '1'),
    P('feature.messaging.enabled', '2', 'bool', '1'),
    P('sec.srtp.require', '2', 'bool', '1'),
    P('sec.srtp.key.lifetime', '2', value='2^31', check=check_lifetime),
    P('sec.srtp.mki.enabled', '2', 'bool', '1'),
    P('sec.srtp.mki.length', '2', 'int', '1', minimum=1, maximum=4),
    P('sec.srtp.holdWithNewKey', '2', 'bool', '0'),
    P('sec.srtp.resumeWithNewKey', '2', 'bool', '0'),
    P('voIpProt.SIP.mtls.enable', '2', 'bool', '0'),
    P('voIpProt.server.1.specialInterop', '2', 'enum', 'lync2010', choices=INTEROPS),
    P('voIpProt.server.1.address', '2', check=check_host),
    P('voIpProt.server.1.transport', '2', 'enum', 'TLS', choices=TRANSPORTS),
    P('tcpIpApp.keepalive.tcp.sip.tls.enable', '2', 'bool', '1'),
    P('voIpProt.SIP.IM.autoAnswerDelay', '2', 'int', '40', minimum=0, maximum=40),
    P('voIpProt.SIP.allowTransferOnProceeding', '2, 5', 'bool', '0'),
    P('voice.codecPref.G7221.24kbps', '2', 'int', '5', minimum=0, maximum=99),
    P('voice.codecPref.G7221.32kbps', '2', 'int', '0', minimum=0, maximum=99),
    P('voice.audioProfile.G7221.24kbps.payloadType', '2', 'int', '112', minimum=96, maximum=127),
    P('video.iFrame.Delay', '2', 'int', '2', minimum=0, maximum=10),
    P('sec.TLS.profileSelection.SIP', '2', 'enum', 'ApplicationProfile1', choices=TLS_PROFILES),
    P('sec.TLS.customCaCert.1', '2', check=check_pem),
    # [doc] Tables 3 and 4: per-phone parameters (login credentials at the phone / in the file).
    P('reg.1.address', '3, 4', check=check_sip_uri),
    P('reg.1.auth.useLoginCredentials', '3', 'bool', '1'),
    P('reg.1.auth.userId', '4', check=check_nonempty),
    P('reg.1.auth.password', '4', check=check_nonempty, secret=True),
    P('reg.1.auth.domain', '4', check=check_nonempty),
    P('msg.mwi.1.callBackMode', '3, 4', 'enum', 'contact', choices=CALLBACK_MODES),
    P('msg.mwi.1.callBack', '3, 4', check=check_callback),
    P('roaming_buddies.reg', '3, 4', 'int', '1', minimum=1, maximum=34),
    # [doc] Table 5: Additional Lync Parameters, with permitted values and defaults.
    P('callLists.logConsultationCalls', '5', 'bool', '1'),
    P('pres.idleTimeout.offHours.enabled', '5', 'bool', '1'),
    P('pres.idleTimeout.offHours.period', '5', 'int', '15', minimum=1, maximum=600),
    P('pres.idleTimeout.officeHours.enabled', '5', 'bool', '1'),
    P('pres.idleTimeout.officeHours.period', '5', 'int', '15', minimum=1, maximum=600),
    P('reg.x.server.y.address', '5', check=check_host, empty=True),
    P('reg.x.server.y.transport', '5', 'enum', 'DNSnaptr', choices=TRANSPORTS),
    P('reg.x.server.y.specialInterop', '5', 'enum', 'standard', choices=INTEROPS),
    P('reg.x.srtp.enable', '5', 'bool', '0'),
    P('reg.x.srtp.offer', '5', 'bool', '0'),
    P('reg.x.srtp.require', '5', 'bool', '0'),
    P('reg.x.telephony', '5', 'bool', '1'),
    P('sec.srtp.enable', '5', 'bool', '0'),
    P('sec.srtp.offer', '5', 'bool', '0'),
    P('voIpProt.SIP.use486forReject', '5', 'bool', '0'),
]
# [inferred] Neighbours: UC Software parameters next to the guide's that phones read the same way (another
# registration or server index, the port, the registration timers, the device.*.set switches). Tables 'UC'.
_SERVER = r'(expires|expires\.overlap|register|retryTimeOut|retryMaxCount|failOver\.failBack\.mode)'
CATALOGUE += [
    P('voIpProt.server.x.address', 'UC', check=check_host, empty=True),
    P('voIpProt.server.x.transport', 'UC', 'enum', choices=TRANSPORTS),
    P('voIpProt.server.x.specialInterop', 'UC', 'enum', choices=INTEROPS),
    P('voIpProt.server.x.port', 'UC', 'int', minimum=0, maximum=65535),
    P('voIpProt.server.x.lcs', 'UC', 'bool'),
    P('voIpProt.server.x.*', 'UC', regex=r'voIpProt\.server\.[1-9]\d{0,3}\.%s' % _SERVER),
    P('reg.x.server.y.port', 'UC', 'int', minimum=0, maximum=65535),
    P('reg.x.server.y.*', 'UC', regex=r'reg\.[1-9]\d{0,3}\.server\.[1-9]\d{0,3}\.%s' % _SERVER),
    P('reg.x.address', 'UC', check=check_sip_uri),
    P('reg.x.auth.useLoginCredentials', 'UC', 'bool'),
    P('reg.x.auth.userId', 'UC'),
    P('reg.x.auth.password', 'UC', secret=True),
    P('reg.x.auth.domain', 'UC'),
    P('reg.x.auth.optimizedInFailover', 'UC', 'bool'),
    P('msg.mwi.x.callBackMode', 'UC', 'enum', choices=CALLBACK_MODES),
    P('msg.mwi.x.callBack', 'UC', check=check_callback),
    P('msg.mwi.x.subscribe', 'UC'),
    P('sec.srtp.*', 'UC', 'bool', regex=r'sec\.srtp\.(offer\.HMAC_SHA1_32|offer\.HMAC_SHA1_80|require\.HMAC_SHA1_32|'
      r'sessionParams\.noAuth\.offer|sessionParams\.noEncrypRTP\.offer|sessionParams\.noEncrypRTCP\.offer|padRtpToFourByteAlignment)'),
    P('device.set', 'UC', 'bool'),
    P('device.*.set', 'UC', 'bool', regex=r'device\..+\.set'),
]
# [doc] Provisioning polling, from the UC Software Administrators' Guide (4.x and later, "Provisional Polling of Polycom
# Phones"; Poly's FAQ "Automatically check for configuration changes"), NOT from the Lync guide: the phone fetches its files
# by itself and restarts when one changed. Defaults there: enabled 0, mode rel in 4.x (abs in 5.x guides), period 86400,
# time 03:00; random mode from UC Software 4.0.0. [inferred] the period's upper bound. Tables 'UCAG'.
CATALOGUE += [
    P('prov.polling.enabled', 'UCAG', 'bool', '0'),
    P('prov.polling.mode', 'UCAG', 'enum', 'rel', choices=('abs', 'rel', 'random')),
    P('prov.polling.period', 'UCAG', 'int', '86400', minimum=3600, maximum=31536000),
    P('prov.polling.time', 'UCAG', value='03:00', check=check_clock),
    P('prov.polling.timeRandomEnd', 'UCAG', check=check_clock, empty=True),
]
EXACT = dict((p.name, p) for p in CATALOGUE if p.pattern is None)
PATTERNS = [p for p in CATALOGUE if p.pattern is not None]
TABLE_2 = [p for p in CATALOGUE if p.tables.startswith('2')]
GUIDE_NAMES = [p.name for p in CATALOGUE if p.tables not in ('UC', 'UCAG')]
SECRET_NAME = re.compile('|'.join('(?:%s)' % pattern.replace('(?i)', '') for pattern in SECRET_NAME_PATTERNS), re.I)

# [inferred] What a plausible parameter name looks like, for names outside the catalogue: its first part is a UC
# Software parameter family, and inside the families the guide covers (COVERED) it must be a catalogue name.
FAMILIES = frozenset((
    'apps', 'attendant', 'bg', 'bitmap', 'button', 'call', 'callLists', 'device', 'dialplan', 'dir', 'divert', 'dns',
    'efk', 'exchange', 'feature', 'font', 'httpd', 'ind', 'key', 'lcl', 'lic', 'lineKey', 'log', 'mb', 'msg', 'mwi',
    'nat', 'np', 'powerSaving', 'pres', 'prov', 'ptt', 'qos', 'reg', 'roaming_buddies', 'roaming_privacy', 'saf',
    'se', 'sec', 'softkey', 'sip', 'tcpIpApp', 'tone', 'up', 'upgrade', 'video', 'voice', 'voIpProt', 'xmpp',
))
COVERED = re.compile(r'^(voIpProt\.server\.|reg\.[0-9]+\.(server\.|auth\.)|msg\.mwi\.|sec\.srtp\.|pres\.idleTimeout\.|prov\.polling\.)')


def lookup(name):
    """The catalogue row for a parameter name (patterns included), or None. Memoised: 10,000 phones repeat the same names."""
    try:
        return _LOOKUPS[name]
    except KeyError:
        pass
    param = EXACT.get(name)
    if param is None:
        for candidate in PATTERNS:
            if candidate.pattern.match(name):
                param = candidate
                break
    if len(_LOOKUPS) < 100000:
        _LOOKUPS[name] = param
    return param


_LOOKUPS = {}


def closest(name):
    """The catalogue name closest to an unknown one, with the caller's indices put back; or None."""
    numbers = re.findall(r'(?<=\.)\d+(?=\.|$)', name)
    generic = name
    for letter in ('x', 'y'):
        generic = re.sub(r'(?<=\.)\d+(?=\.|$)', letter, generic, count=1)
    names = [p.name for p in CATALOGUE if '*' not in p.name]
    lowered = dict((n.lower(), n) for n in names)
    best, best_ratio = None, 0.0
    for candidate in (name, generic):
        for match in difflib.get_close_matches(candidate, names, n=1, cutoff=0.75):
            ratio = difflib.SequenceMatcher(None, candidate.lower(), match.lower()).ratio()
            if ratio > best_ratio:
                best, best_ratio = match, ratio
        if candidate.lower() in lowered:
            best, best_ratio = lowered[candidate.lower()], 1.0
    if best is None:
        return None
    for letter, number in zip(('x', 'y'), numbers):
        best = re.sub(r'(?<=\.)%s(?=\.|$)' % letter, number, best, count=1)
    return best


def near_miss(name):
    """A catalogue name that differs from this one only by case or a character or two, or None."""
    candidate = closest(name)
    if candidate and candidate != name and (candidate.lower() == name.lower() or
                                            difflib.SequenceMatcher(None, name, candidate).ratio() >= 0.9):
        return candidate
    return None


def name_problem(name):
    """None for a catalogue name or a plausible one (see FAMILIES, COVERED); else why it looks wrong, with a suggestion."""
    if lookup(name) is not None:
        return None
    family = name.split('.', 1)[0]
    problem = None
    if family not in FAMILIES:
        problem = 'no UC Software parameter family "%s"' % family
    elif COVERED.match(name):
        problem = 'not a parameter of its family'
    suggestion = near_miss(name)
    if problem is None and suggestion is None:
        return None
    problem = problem or 'not a known parameter'
    return problem + ('; did you mean %s?' % suggestion if suggestion else '')


def value_problem(name, value):
    """What phones permit, for a text value outside a catalogue row's choices or range (phones do not use it); else None."""
    row = lookup(name)
    if row is not None and row.kind != 'str':
        return row.normalise(value)[1]
    return None


def content_problem(name, value):
    """What a free-text catalogue value (host, SIP URI, PEM...) should look like when it does not; else None.

    Phones take such values as they are and fail later (registration, TLS)."""
    row = lookup(name)
    if row is not None and row.kind == 'str' and not (value == '' and row.empty):
        return row.normalise(value)[1]
    return None


def is_secret(name):
    secret = _SECRETS.get(name)
    if secret is None:
        param = lookup(name)
        secret = bool(param and param.secret) or bool(SECRET_NAME.search(name))
        if len(_SECRETS) < 100000:
            _SECRETS[name] = secret
    return secret


_SECRETS = {}


def describe(name, value):
    """A value as error messages show it: secrets masked, long values (certificates) shortened."""
    if is_secret(name):
        return MASK
    if not isinstance(value, string_types):
        return repr(value)
    if len(value) > 60:
        return "%s... (%d characters)" % (describe(name, value[:40]), len(value))
    if XML_INVALID.search(value) or '\n' in value or '\r' in value:
        return repr(value).lstrip('u')
    return "'%s'" % value


class Checker(object):
    """Validates parameter names and values; remembers verdicts (10,000 phones share most values)."""

    def __init__(self):
        self.cache = {}
        self.unknown = {}  # name -> first place it was seen

    def value(self, where, name, value, problems):
        """The value as text for the file, or None after appending a problem."""
        if not isinstance(name, string_types) or not PARAM_NAME.match(name):
            problems.append('%s: parameter name %r is not a UC Software parameter name (letters, digits, "_", "-", ".")' % (where, name))
            return None
        key = (name, value, type(value))
        try:
            cached = self.cache.get(key)
        except TypeError:  # unhashable (list, dict)
            cached = None
        if cached is None:
            cached = self._check(name, value)
            try:
                self.cache[key] = cached
            except TypeError:
                pass
        text, allowed = cached
        if allowed is not None:
            problems.append('%s: %s = %s: must be %s' % (where, name, describe(name, value), allowed))
            return None
        return text

    def _check(self, name, value):
        param = lookup(name)
        if param is None:
            self.unknown.setdefault(name, None)
            if isinstance(value, bool):
                return ('1' if value else '0'), None
            if not isinstance(value, integer_types + string_types + (float,)):
                return None, 'a single value (text or number), not %s' % kind_of(value)
            text = text_type(value)
        else:
            text, allowed = param.normalise(value)
            if allowed is not None:
                return None, allowed
        if XML_INVALID.search(text):
            return None, 'text without control characters (XML 1.0 cannot carry them)'
        return text, None

    def seen_unknown(self, name, where):
        if name in self.unknown and self.unknown[name] is None:
            self.unknown[name] = where

    def warnings(self):
        found = []
        for name, where in sorted(self.unknown.items()):
            suggestion = closest(name)
            hint = "; closest known name: '%s'" % suggestion if suggestion else ''
            found.append("%s: parameter '%s' is not in the Lync guide's tables (2-5)%s" % (where or 'parameters', name, hint))
        return found


# -- XML --------------------------------------------------------------------------------------------
NEEDS_ESCAPE = re.compile(u'[&<>"\'\r\n\t]')


def xml_escape(value):
    """Text for a double-quoted XML attribute; parses back to exactly ``value`` (newlines included)."""
    if not NEEDS_ESCAPE.search(value):
        return value
    return (value.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')
            .replace("'", '&apos;').replace('\r', '&#13;').replace('\n', '&#10;').replace('\t', '&#9;'))


def attribute(name, value):
    return '%s="%s"' % (name, xml_escape(value))


def elements(params):
    """``[[element, [attribute, ...]], ...]`` grouping parameters by their first name segment, in order."""
    grouped, order = {}, []
    for name, value in params:
        tag = name.split('.', 1)[0]
        if tag not in grouped:
            grouped[tag] = []
            order.append(tag)
        grouped[tag].append(attribute(name, value))
    return [[tag, grouped[tag]] for tag in order]


def parse_parameters(content):
    """Every attribute of every element of a rendered file, in document order (first occurrence wins)."""
    root = ET.fromstring(to_bytes(content))
    found = []
    for element in root.iter():
        found.extend(element.attrib.items())
    return root.tag, found


# -- phones -----------------------------------------------------------------------------------------
PHONE_FIELDS = ('mac', 'address', 'user', 'password', 'domain', 'model', 'group', 'params')
CSV_COLUMNS = ('mac', 'address', 'user', 'password', 'domain', 'model', 'group')


class Phone(object):
    __slots__ = ('where', 'mac', 'address', 'user', 'password', 'domain', 'model', 'group', 'params')

    def __init__(self, where):
        self.where = where
        self.mac = self.address = self.user = self.password = self.domain = self.model = self.group = None
        self.params = []

    def view(self):
        """What templates see: no password."""
        return PhoneView(self)


class PhoneView(object):
    """A phone as templates see it (``phone.mac``...): a plain object, which Ansible's templating reads
    several times faster than a mapping; never the password."""
    __slots__ = ('mac', 'address', 'user', 'domain', 'model', 'group', 'row')

    def __init__(self, phone):
        self.mac, self.address, self.user, self.domain = phone.mac, phone.address, phone.user, phone.domain
        self.model, self.group, self.row = phone.model, phone.group, phone.where

    def __getitem__(self, key):
        if key not in self.__slots__:
            raise KeyError(key)
        return getattr(self, key)


def _text(row, key):
    value = row.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, integer_types + string_types):
        return value
    value = text_type(value).strip() if key != 'password' else text_type(value)
    return value if value != '' else None


def phone_from_mapping(where, row, problems):
    """One phone from a list entry or CSV row (already a mapping); problems name ``where`` and the field."""
    phone = Phone(where)
    if not isinstance(row, dict):
        problems.append('%s: a phone must be a mapping with mac and address, got %s' % (where, kind_of(row)))
        return None
    unknown = [key for key in row if key not in PHONE_FIELDS]
    for key in unknown:
        near = difflib.get_close_matches(text_type(key), PHONE_FIELDS, n=1)
        problems.append('%s: unknown field %r; fields are %s%s' % (
            where, key, ', '.join(PHONE_FIELDS), " (did you mean '%s'?)" % near[0] if near else ''))
    raw_mac = _text(row, 'mac')
    phone.mac = normalise_mac(raw_mac)
    if raw_mac is None:
        problems.append('%s: mac is missing; give 12 hex digits, e.g. 00:04:f2:ab:cd:ef' % where)
    elif phone.mac is None:
        hint = ' (YAML read it as a number: quote it)' if isinstance(row.get('mac'), integer_types) else ''
        problems.append('%s: mac %r is not a phone MAC address; give 12 hex digits as 0004f2abcdef, 00:04:f2:ab:cd:ef, '
                        '00-04-F2-AB-CD-EF or 0004.f2ab.cdef (not all zeros or all ones)%s' % (where, raw_mac, hint))
    if phone.mac:
        phone.where = '%s (mac %s)' % (where, phone.mac)
    where = phone.where
    for field in ('address', 'user', 'password', 'domain', 'model', 'group'):
        value = _text(row, field)
        if value is not None and not isinstance(value, string_types):
            shown = MASK if field == 'password' else repr(value)
            problems.append('%s: %s must be text, got %s' % (where, field, shown))
            value = None
        elif value is not None and XML_INVALID.search(value):
            problems.append('%s: %s must be text without control characters' % (where, field))
            value = None
        setattr(phone, field, value)
    if phone.address is None:
        problems.append('%s: address is missing; give the Lync SIP sign-in address, e.g. sip:jsmith@bor-ee.com' % where)
    elif check_sip_uri(phone.address):
        problems.append("%s: address '%s' must be %s" % (where, phone.address, check_sip_uri(phone.address)))
    if phone.model is not None and not MODEL.match(phone.model):
        problems.append("%s: model '%s' must be letters and digits as in master file suffixes, e.g. VVX500, SPIP650" % (where, phone.model))
    if phone.group is not None and not re.match(r'^[A-Za-z0-9_.\-]+$', phone.group):
        problems.append("%s: group '%s' must be letters, digits, '_', '-' or '.'" % (where, phone.group))
    params = row.get('params') or {}
    if not isinstance(params, dict):
        problems.append('%s: params must be a mapping of parameter name to value' % where)
        params = {}
    phone.params = list(params.items())
    return phone


def csv_text(data, source):
    """The text of a phones CSV file (bytes), or LyncError naming the file (and line) when it is not UTF-8 text with LF or CRLF lines."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or b'\x00' in data[:200]:
        raise LyncError(['%s: the file is UTF-16 (or UTF-32) text, as spreadsheets save "Unicode Text"; save it as "CSV UTF-8"' % source])
    try:
        text = data.decode('utf-8-sig')
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b'\n') + 1
        raise LyncError(['%s line %d: byte 0x%02x is not UTF-8 (the file is in another encoding, such as Windows-1252); save it as '
                         '"CSV UTF-8"' % (source, line, bytearray(data[exc.start:exc.start + 1])[0])])
    if '\r' in text and '\n' not in text:
        raise LyncError(['%s: its lines end in CR only (old Mac line ends), so it reads as one line; save it with LF or CRLF line ends' % source])
    return text


def phones_from_csv(text, source, problems):
    """Phones from CSV text: columns mac, address, user, password, domain, model, group, param:<name>.

    Blank lines and lines whose first cell starts with ``#`` are skipped; rows are named by line number.
    """
    phones = []
    reader = csv.reader(io.StringIO(to_text(text).lstrip(u'\ufeff')))
    header = None
    for cells in reader:
        line = reader.line_num
        if not cells or all(not cell.strip() for cell in cells) or cells[0].lstrip().startswith('#'):
            continue
        if header is None:
            header = [cell.strip() for cell in cells]
            for column in header:
                if column in CSV_COLUMNS or (column.startswith('param:') and len(column) > 6):
                    continue
                near = [column.lower()] if column.lower() in CSV_COLUMNS else difflib.get_close_matches(column.lower(), CSV_COLUMNS, n=1)
                problems.append("%s line %d: unknown column '%s'; columns are %s and param:<parameter name>%s" % (
                    source, line, column, ', '.join(CSV_COLUMNS), " (did you mean '%s'?)" % near[0] if near else ''))
            for column in set(header):
                if header.count(column) > 1:
                    problems.append("%s line %d: column '%s' appears %d times" % (source, line, column, header.count(column)))
            for required in ('mac', 'address'):
                if required not in header:
                    problems.append("%s line %d: the header has no '%s' column" % (source, line, required))
            if problems:
                return phones
            continue
        where = '%s line %d' % (source, line)
        if len(cells) > len(header):
            problems.append('%s: %d cells but the header has %d columns' % (where, len(cells), len(header)))
            continue
        row, params = {}, {}
        for column, cell in zip(header, cells):
            if column.startswith('param:'):
                if cell.strip() != '':
                    params[column[6:].strip()] = cell.strip()
            else:
                row[column] = cell
        row['params'] = params
        phone = phone_from_mapping(where, row, problems)
        if phone is not None:
            phones.append(phone)
    if header is None:
        problems.append('%s: no header line (mac,address,...)' % source)
    return phones


def check_duplicates(phones, problems):
    seen = {}
    for phone in phones:
        if phone.mac is None:
            continue
        if phone.mac in seen:
            problems.append('%s and %s: the same MAC %s is listed twice' % (seen[phone.mac].where, phone.where, phone.mac))
        else:
            seen[phone.mac] = phone


# -- paths and the master file ------------------------------------------------------------------------
def check_relative(where, path, problems, allow_empty=False, allow_token=False):
    """A path relative to the share root, without '..'; returns the path or None."""
    if path in (None, '') and allow_empty:
        return ''
    text = text_type(path) if isinstance(path, string_types) else None
    if text is None or not SAFE_PATH.match(text) or '..' in text.split('/') or '.' in text.split('/'):
        problems.append("%s: %r must be a relative path of letters, digits, '_', '-', '.' and '/' inside the share" % (where, path))
        return None
    if MAC_TOKEN in text and not allow_token:
        problems.append('%s: %r must not contain %s' % (where, path, MAC_TOKEN))
        return None
    if ('[' in text.replace(MAC_TOKEN, '') or ']' in text.replace(MAC_TOKEN, '')):
        problems.append('%s: %r: square brackets are only allowed as %s' % (where, path, MAC_TOKEN))
        return None
    return text


def config_files_problems(where, entries):
    problems = []
    for entry in entries:
        if len(entry) > MAX_CONFIG_FILES_ENTRY:
            problems.append('%s: CONFIG_FILES entry %r is %d characters; at most %d allowed' % (where, entry, len(entry), MAX_CONFIG_FILES_ENTRY))
        if ',' in entry or '"' in entry:
            problems.append('%s: CONFIG_FILES entry %r must not contain "," or \'"\'' % (where, entry))
    joined = ', '.join(entries)
    if len(joined) > MAX_CONFIG_FILES:
        problems.append('%s: CONFIG_FILES is %d characters; at most %d allowed' % (where, len(joined), MAX_CONFIG_FILES))
    return problems


def is_phone_upload(path):
    """True for the names phones upload (override, log, contact and call-list files) [capture]."""
    name = path.rsplit('/', 1)[-1]
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in PHONE_UPLOADS)


# -- the plan: every file of the share, validated, before anything is rendered or written ----------
class Item(object):
    """One file to render: its kind (shared, phone, master, all_in_one), path, mode and template data."""
    __slots__ = ('kind', 'path', 'mode', 'phone', 'params', 'tag')

    def __init__(self, kind, path, params, phone=None, mode=None):
        self.kind, self.path, self.params, self.phone, self.mode = kind, path, params, phone, mode
        self.tag = phone.mac if phone is not None else None

    def where(self):
        return '%s file %s%s' % (self.kind.replace('_', '-'), self.path, ' (%s)' % self.phone.where if self.phone else '')

    def data(self):
        return TemplateItem(self)


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector off for one bulk step (back on after it, as it was): such a step keeps some 100,000
    objects alive at once (10,000 phones' rows, files and views), and every automatic collection walks them all again - about
    a sixth of the step's time at 10,000 phones, measured. What the step leaves as garbage is collected afterwards."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class Sequence(object):
    """A read-only list for templates. Not a ``list``, so Ansible's templating hands it over as it is instead of wrapping
    it in a lazy container per access (10,000 files are rendered in one pass); ``for``, ``join``, ``length``, indexing work."""
    __slots__ = ('_items',)

    def __init__(self, items):
        self._items = list(items)

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __getitem__(self, index):
        return self._items[index]

    def __eq__(self, other):
        return list(self) == list(other)

    def __add__(self, other):
        return list(self) + list(other)

    def __radd__(self, other):
        return list(other) + list(self)

    def __repr__(self):
        return repr(self._items)


class Elements(Sequence):
    """``[[element, [attribute, ...]], ...]``: the attributes grouped by the first name segment, computed on first use."""
    __slots__ = ('_params',)

    def __init__(self, params):  # pylint: disable=super-init-not-called
        self._params, self._items = params, None

    def __iter__(self):
        if self._items is None:
            self._items = elements(self._params)
        return iter(self._items)

    def __len__(self):
        return len(list(iter(self)))

    def __getitem__(self, index):
        return list(iter(self))[index]


class TemplateItem(Sequence):
    """Template variables of one file, in the order the rendering loop unpacks them: ``file``, ``phone`` (or None),
    ``attributes`` (``name="value"`` strings, values XML-escaped, in order) and ``elements`` (the same grouped by the
    first name segment, computed on use)."""
    __slots__ = ()

    def __init__(self, item):  # pylint: disable=super-init-not-called
        phone = item.phone.view() if item.phone is not None else None
        attributes = Sequence(attribute(name, value) for name, value in item.params)
        self._items = [item.path, phone, attributes, Elements(item.params if item.kind != 'master' else ())]

    file = property(lambda self: self._items[0])
    phone = property(lambda self: self._items[1])
    attributes = property(lambda self: self._items[2])
    elements = property(lambda self: self._items[3])


def merge(base, extra):
    """Ordered (name, value) pairs: ``extra`` replaces same-named entries in place, new names follow."""
    result = list(base)
    index = dict((name, i) for i, (name, _value) in enumerate(result))
    for name, value in extra:
        if name in index:
            result[index[name]] = (name, value)
        else:
            index[name] = len(result)
            result.append((name, value))
    return result


def checked(checker, where, pairs, problems):
    result = []
    for name, value in pairs:
        text = checker.value(where, name, value, problems)
        if text is not None:
            result.append((name, text))
            checker.seen_unknown(name, where)
    return result


# Per-phone parameters built from a phone's own columns: a group or phone parameter may not say otherwise.
COLUMN_PARAMS = (('reg.1.address', 'address'), ('reg.1.auth.userId', 'user'), ('reg.1.auth.password', 'password'),
                 ('reg.1.auth.domain', 'domain'))


def column_conflicts(phone, table, sources):
    """Problems for parameters of ``sources`` ((label, pairs), ...) that contradict the phone's columns in ``table``."""
    columns = dict(table)
    problems = []
    for label, pairs in sources:
        for name, value in pairs:
            for param, column in COLUMN_PARAMS:
                if name == param and name in columns and value != columns[name]:
                    said = (phone.where, label, name, describe(name, value), column, describe(name, columns[name]))
                    problems.append("%s: %s sets %s = %s, but the phone's %s column gives %s (and the voicemail callback follows it); "
                                    "change the column, not the parameter" % said)
    return problems


class Plan(object):
    def __init__(self):
        self.items, self.directories, self.protect, self.warnings = [], [], [], []
        self.secret_files = 0
        self.prune_also = []  # files a run removes once no longer generated, even without prune (see masters)


def build_plan(opts, phones):
    """Validate everything and lay out the share; raises :class:`LyncError` listing every problem.

    ``opts``: the options of polycom.uc.lync_files as validated (lync_options.py); an option missing from ``opts``
    is at its default there, the one place defaults are declared.
    """
    planner = Planner(complete(opts))
    return planner.run(phones)


class Planner(object):
    """The steps of :func:`build_plan`, each appending to ``problems`` rather than stopping at the first."""

    def __init__(self, opts):
        self.opts, self.problems, self.plan, self.checker = opts, [], Plan(), Checker()
        self.secret_extras = []

    def run(self, phones):
        self.modes()
        self.layout()
        shared_params, extra_shared = self.shared()
        groups = self.groups()
        check_duplicates(phones, self.problems)
        phone_items, all_in_one = self.phones(phones, groups, shared_params)
        self.secrets(extra_shared)
        self.secret_files_group()
        shared_item = Item('shared', self.shared_file, shared_params,
                           mode=self.opts['secret_file_mode'] if any(is_secret(n) for n, _v in shared_params) else None)
        masters = self.masters(phone_items)
        web = self.web(all_in_one)
        self.plan.items = ([shared_item] if self.shared_file else []) + masters + phone_items + web
        self.collisions()
        self.plan.warnings.extend(self.checker.warnings())
        if self.problems:
            raise LyncError(self.problems)
        return self.plan

    def modes(self):
        opts, problems = self.opts, self.problems
        self.credentials = opts['credentials']
        self.secure_share = bool(opts['share_https']) or bool(opts['allow_insecure_credentials'])
        if self.credentials not in CREDENTIAL_MODES:
            problems.append('credentials: %r must be one of %s' % (self.credentials, ', '.join(CREDENTIAL_MODES)))
        elif self.credentials == 'file' and not self.secure_share:
            problems.append('credentials: file puts SIP passwords into the per-phone files; the guide recommends this only when phones '
                            'fetch the share over HTTPS: declare share_https: true, or set allow_insecure_credentials: true to override')
        self.master = opts['master']
        if self.master not in MASTER_STRATEGIES:
            problems.append('master: %r must be one of %s' % (self.master, ', '.join(MASTER_STRATEGIES)))

    def layout(self):
        """Files and directories of the share: names, upload directories, CONFIG_FILES additions, firmware paths."""
        opts, problems, plan = self.opts, self.problems, self.plan
        self.shared_file = check_relative('shared_file', opts['shared_file'], problems)
        self.phone_file = check_relative('phone_file', opts['phone_file'], problems, allow_token=True)
        if self.phone_file and MAC_TOKEN not in self.phone_file:
            problems.append('phone_file: %r must contain %s, which the phone (and this role) replace by the MAC' % (self.phone_file, MAC_TOKEN))
            self.phone_file = None
        self.dir_paths = self.directory_paths()
        upload_mode = opts['upload_dir_mode']
        for key in UPLOAD_DIRECTORIES:
            path = self.dir_paths.get(key)
            if path:
                if (path, upload_mode) not in plan.directories:
                    plan.directories.append((path, upload_mode))
                plan.protect.append(path + '/*')
        if self.dir_paths.get('license'):
            plan.directories.append((self.dir_paths['license'], None))
        plan.protect.extend(PHONE_UPLOADS)
        self.first = [text_type(f) for f in opts['config_files_first'] or []]
        self.last = [text_type(f) for f in opts['config_files_last'] or []]
        for label, entries in (('config_files_first', self.first), ('config_files_last', self.last)):
            for entry in entries:
                check_relative(label, entry, problems, allow_token=True)
        self.app_file_path = text_type(opts['app_file_path'] or '')
        if self.app_file_path:
            check_relative('app_file_path', self.app_file_path, problems, allow_token=True)
        self.by_model = opts['app_file_path_by_model'] or {}
        for model, path in sorted(self.by_model.items()):
            if not MODEL.match(text_type(model)):
                problems.append("app_file_path_by_model: model '%s' must be letters and digits, e.g. VVX500" % model)
            check_relative('app_file_path_by_model.%s' % model, path, problems, allow_token=True)
        self.firmware_pilot()

    def firmware_pilot(self):
        """Staged firmware: the pilot phones get a <mac>.cfg of their own naming the pilot images (docs/firmware.md)."""
        self.pilot_by_model = self.opts['firmware_pilot_app_file_path_by_model'] or {}
        for model, path in sorted(self.pilot_by_model.items()):
            if not MODEL.match(text_type(model)):
                self.problems.append("firmware_pilot_app_file_path_by_model: model '%s' must be letters and digits, e.g. VVX500" % model)
            check_relative('firmware_pilot_app_file_path_by_model.%s' % model, path, self.problems)
        self.pilot = set()
        for mac in self.opts['firmware_pilot'] or []:
            normal = normalise_mac(text_type(mac))
            if normal is None:
                self.problems.append('firmware_pilot: %r is not a MAC address (12 hex digits)' % (mac,))
            self.pilot.add(normal)
        if self.pilot and not self.pilot_by_model:
            self.problems.append('firmware_pilot: pilot phones need firmware_pilot_app_file_path_by_model (the images they boot)')

    def directory_paths(self):
        directories = dict(self.opts['directories'] or {})
        for key in directories:
            if key not in dict(DIRECTORY_ATTRIBUTES):
                self.problems.append('directories: unknown key %r; keys are %s' % (key, ', '.join(k for k, _a in DIRECTORY_ATTRIBUTES)))
        return dict((key, check_relative('directories.%s' % key, directories.get(key) or '', self.problems, allow_empty=True))
                    for key, _attr in DIRECTORY_ATTRIBUTES)

    def shared(self):
        """The shared file: Table 2's assigned values, pool and certificate from variables, then the admin's shared_params."""
        opts, problems = self.opts, self.problems
        shared_base = [(p.name, p.value) for p in TABLE_2 if p.value is not None]
        pool = opts['pool_address']
        extra_shared = list((opts['shared_params'] or {}).items())
        extra_names = dict(extra_shared)
        if pool not in (None, ''):
            if 'voIpProt.server.1.address' in extra_names and extra_names['voIpProt.server.1.address'] != pool:
                problems.append('shared_params: voIpProt.server.1.address differs from pool_address; set the pool address once')
            shared_base.insert(10, ('voIpProt.server.1.address', pool))
        elif 'voIpProt.server.1.address' not in extra_names:
            problems.append('pool_address: missing; give the domain name of the Lync Director or front-end pool (voIpProt.server.1.address, Table 2)')
        cert = opts['ca_certificate']
        if cert not in (None, ''):
            shared_base.append(('sec.TLS.customCaCert.1', text_type(cert).strip()))
        shared_params = checked(self.checker, 'pool_address/ca_certificate (Table 2)', shared_base, problems)
        shared_params = merge(shared_params, checked(self.checker, 'shared_params', extra_shared, problems))
        per_phone_names = ['reg.1.address', 'msg.mwi.1.callBackMode', 'msg.mwi.1.callBack', 'roaming_buddies.reg']
        per_phone_names += ['reg.1.auth.useLoginCredentials'] if self.credentials == 'phone' else [
            'reg.1.auth.userId', 'reg.1.auth.password', 'reg.1.auth.domain']
        for name, _value in extra_shared:
            if name in per_phone_names:
                self.plan.warnings.append("shared_params: '%s' is also set by every per-phone file, which wins (leftmost in CONFIG_FILES); "
                                          "set it per group or per phone instead" % name)
        return shared_params, extra_shared

    def groups(self):
        groups = {}
        for group, params in sorted((self.opts['group_params'] or {}).items()):
            if not isinstance(params, dict):
                self.problems.append('group_params.%s: must be a mapping of parameter name to value' % group)
                continue
            groups[text_type(group)] = checked(self.checker, 'group_params.%s' % group, list(params.items()), self.problems)
            self.secret_extras += [name for name in params if is_secret(name)]
        return groups

    def phones(self, phones, groups, shared_params):
        """The per-phone files, and the parameters of each phone's all-in-one file."""
        secret_mode = self.opts['secret_file_mode']
        self.passwords_ignored, missing_groups = 0, set()
        phone_items, all_in_one = [], []
        for phone in phones:
            if phone.mac is None or phone.address is None:
                continue
            table = self.phone_table(phone)
            extra = groups.get(phone.group, []) if phone.group is not None else []
            if phone.group is not None and groups and phone.group not in groups:
                missing_groups.add(phone.group)
            own = checked(self.checker, phone.where + ' params', phone.params, self.problems) if phone.params else []
            self.problems.extend(column_conflicts(phone, table, (('group_params.%s' % phone.group, extra), ('params', own))))
            self.secret_extras += [name for name, _v in phone.params if is_secret(name)]
            params = merge(merge(table, extra), own) if (extra or own) else table
            if self.phone_file:
                has_secret = self.credentials == 'file' or any(is_secret(name) for name, _v in params)
                phone_items.append(Item('phone', self.phone_file.replace(MAC_TOKEN, phone.mac), params, phone, secret_mode if has_secret else None))
                self.plan.secret_files += has_secret
            if self.opts['all_in_one']:  # [doc] shared + Table 3 (credentials entered at the phone), never a password
                lc_table = [('reg.1.address', phone.address), ('reg.1.auth.useLoginCredentials', '1')] + table[-3:]
                lc_params = [(n, v) for n, v in merge(merge(lc_table, extra), own) if not is_secret(n)]
                all_in_one.append((phone, merge(shared_params, lc_params)))
        for group in sorted(missing_groups):
            self.plan.warnings.append("group '%s' is used by phones but has no group_params" % group)
        return phone_items, all_in_one

    def phone_table(self, phone):
        """Table 3 (credentials entered at the phone) or Table 4 (in the file) for one phone, from its columns."""
        table = [('reg.1.address', phone.address)]
        if self.credentials == 'file':
            domain = phone.domain or self.opts['auth_domain'] or None
            for field, name, value in (('user', 'reg.1.auth.userId', phone.user), ('password', 'reg.1.auth.password', phone.password),
                                       ('domain', 'reg.1.auth.domain', domain)):
                if value is None:
                    self.problems.append('%s: %s is missing; credentials: file (Table 4) needs user, password and domain '
                                         '(domain may come from auth_domain)' % (phone.where, field))
                else:  # the same rules as every other parameter: a password of spaces, an empty user are refused
                    self.checker.value('%s %s' % (phone.where, field), name, value, self.problems)
                table.append((name, value or ''))
        else:
            table.append(('reg.1.auth.useLoginCredentials', '1'))
            if phone.password is not None:
                self.passwords_ignored += 1
        return table + [('msg.mwi.1.callBackMode', 'contact'), ('msg.mwi.1.callBack', phone.address + CALLBACK_SUFFIX),
                        ('roaming_buddies.reg', '1')]

    def secret_files_group(self):
        if self.plan.secret_files and not self.opts['group']:
            self.plan.warnings.append('%d file(s) hold credentials and are written mode %s, readable by owner and group only: without '
                                      'a group (lync_provisioning_file_group) the FTP/HTTPS server account may not be able to read them'
                                      % (self.plan.secret_files, self.opts['secret_file_mode']))

    def secrets(self, extra_shared):
        self.secret_extras += [name for name, _v in extra_shared if is_secret(name)]
        if self.secret_extras and not self.secure_share:
            self.problems.append('parameters %s carry secrets; they are written only when phones fetch the share over HTTPS: declare '
                                 'share_https: true, or set allow_insecure_credentials: true to override' % ', '.join(sorted(set(self.secret_extras))))
        if self.passwords_ignored:
            self.plan.warnings.append('%d phone(s) have a password, which credentials: phone (Table 3, users sign in at the phone) does not write'
                                      % self.passwords_ignored)

    def masters(self, phone_items):
        """One generic 000000000000.cfg, or one <mac>.cfg per phone."""
        if not (self.shared_file and self.phone_file):
            return []
        entries = self.first + [self.phone_file, self.shared_file] + self.last
        self.problems.extend(config_files_problems('master', entries))
        missing = sorted(self.pilot - set(item.phone.mac for item in phone_items) - set([None]))
        if missing:
            self.problems.append('firmware_pilot: %s not among the phones of this run' % ', '.join(missing))
        pilot_items = [item for item in phone_items if item.phone.mac in self.pilot]
        if self.master == 'generic':  # the pilot's own masters: phones ask for <mac>.cfg before 000000000000.cfg [doc]
            # a <mac>.cfg of ours left behind (the phone left the pilot, or master was per_phone) would hide the generic one
            self.plan.prune_also.append('[0-9a-f]' * 12 + '.cfg')
            return [Item('master', GENERIC_MASTER, self.application(entries))] + [
                Item('master', item.phone.mac + '.cfg', self.application([e.replace(MAC_TOKEN, item.phone.mac) for e in entries], True),
                     item.phone) for item in pilot_items]
        return [Item('master', item.phone.mac + '.cfg', self.application([e.replace(MAC_TOKEN, item.phone.mac) for e in entries],
                                                                         item.phone.mac in self.pilot), item.phone)
                for item in phone_items]

    def application(self, config_files, pilot=False):
        by_model = dict(self.by_model, **self.pilot_by_model) if pilot else self.by_model
        attrs = [('APP_FILE_PATH', self.app_file_path)]
        attrs += [('APP_FILE_PATH_%s' % model, text_type(path)) for model, path in sorted(by_model.items())]
        attrs += [('CONFIG_FILES', ', '.join(config_files)), ('MISC_FILES', '')]
        return attrs + [(attr, self.dir_paths.get(key) or '') for key, attr in DIRECTORY_ATTRIBUTES]

    def web(self, all_in_one):
        """All-in-one files for the Web Configuration Utility; the guide suggests it for fewer than 20 phones."""
        if not self.opts['all_in_one']:
            return []
        count = len(all_in_one)
        if count > WEB_UTILITY_MAX_PHONES and not self.opts['all_in_one_force']:
            self.problems.append('all_in_one: %d phones; the guide suggests the Web Configuration Utility for fewer than 20 phones and '
                                 'centralized provisioning above; set all_in_one_force: true to write them anyway' % count)
        elif count > WEB_UTILITY_MAX_PHONES:
            self.plan.warnings.append('all_in_one: %d phones; the guide suggests the Web Configuration Utility only for fewer than 20' % count)
        web_dir = check_relative('all_in_one_dir', self.opts['all_in_one_dir'], self.problems)
        if not web_dir:
            return []
        return [Item('all_in_one', '%s/%s-lync-all-in-one.cfg' % (web_dir, phone.mac), params, phone) for phone, params in all_in_one]

    def collisions(self):
        """Files that collide with each other, with upload directories or with what phones upload."""
        seen, plan, problems = {}, self.plan, self.problems
        uploads = [d for d in plan.protect if d.endswith('/*')]
        for item in plan.items:
            if item.path in seen:
                problems.append('%s and %s: both would be written to %s' % (seen[item.path].where(), item.where(), item.path))
                continue
            seen[item.path] = item
            if is_phone_upload(item.path) or any(item.path.startswith(d.rstrip('*')) for d in uploads):
                problems.append('%s: %s is where phones upload their own files (directories %s, names %s); choose another name'
                                % (item.where(), item.path, ', '.join(uploads) or 'none', ', '.join(PHONE_UPLOADS)))
                if len(problems) > 200:
                    break


def verify_rendered(items, contents, checker=None):
    """Parse every rendered file; problems for malformed XML and for out-of-range values a template added."""
    checker = checker or Checker()
    problems = []
    for item, content in zip(items, contents):
        if len(content) > MAX_CONFIG_FILE:
            problems.append('%s: the rendered file has %d characters; at most %d (MAX_CONFIG_FILE, [inferred])' % (
                item.where(), len(content), MAX_CONFIG_FILE))
            continue
        try:
            root_tag, found = parse_parameters(content)
        except ET.ParseError as exc:
            problems.append('%s: the rendered template is not well-formed XML (%s); print values as attributes/elements give '
                            'them, or escape them' % (item.where(), exc))
            continue
        if item.kind == 'master':
            if root_tag != 'APPLICATION':
                problems.append('%s: the master file must have the root element APPLICATION, got %s' % (item.where(), root_tag))
            continue
        if found == item.params:
            continue  # exactly the validated parameters, nothing added by the template
        for name, value in found:
            if ':' in name or name.startswith('{'):
                continue  # xmlns / xsi attributes
            checker.value(item.where(), name, value, problems)
            checker.seen_unknown(name, item.where())
        if len(problems) > 200:
            break
    return problems
