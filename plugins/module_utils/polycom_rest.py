# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTPS client for the Polycom REST convention (Group Series, Pano).

Contract (see device-apis.md): ``POST /rest/session`` logs in and returns a session id that
goes back as cookie ``session_id``; ``GET /rest/system`` identifies the device;
``POST /rest/config`` reads (``names``) and writes (``vars``) settings; ``DELETE /rest/session``
logs out. Devices have few session slots, so :class:`PolycomClient` is a context manager
that always logs out, also when the task fails.

Sessions and slow devices: a login whose answer is late is not sent again. The device may still be
making that session, and every repeat would take one more of its few slots (four taken, the device and its
web interface are locked out until they expire). The login and the logout wait instead as long as the
retries would have taken (``timeout * (retries + 1)``), so a late session still reaches the client and is
logged out. Connection errors, dropped connections, 429 and 503 are retried as before: no session was made.

UC Software phones have no sessions: their REST API takes HTTP Basic credentials on every request
(``auth='basic'``); the same client, TLS settings, retries and error scrubbing apply.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import time

from ansible.module_utils.errors import AnsibleFallbackNotFound
# MASK is re-exported for callers that took it from here
from ansible_collections.polycom.uc.plugins.module_utils.masking import MASK, scrub  # noqa: F401 pylint: disable=unused-import

try:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry
    import urllib3
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - reported by the module
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

SESSION_PATH = '/rest/session'
RETRY_STATUSES = (429, 503)
RELOGIN_STATUSES = (401, 403)


def set_env_fallback(*names):
    """The first of the environment variables *names* that is set and not empty.

    Ansible's env_fallback takes an empty variable as a value; AWX injectors render an unset credential field
    as '' (and an unset boolean as False), so an empty variable here means "not given": the option's default
    applies instead of ''.
    """
    for name in names:
        value = os.environ.get(name)
        if value is not None and value.strip() != '':
            return value
    raise AnsibleFallbackNotFound


CONNECTION_ARGSPEC = dict(
    host=dict(type='str', required=True, fallback=(set_env_fallback, ['POLYCOM_HOST'])),
    port=dict(type='int', default=443, fallback=(set_env_fallback, ['POLYCOM_PORT'])),
    username=dict(type='str', default='admin', aliases=['user'], fallback=(set_env_fallback, ['POLYCOM_USERNAME'])),
    password=dict(type='str', no_log=True, fallback=(set_env_fallback, ['POLYCOM_PASSWORD'])),
    validate_certs=dict(type='bool', default=True, fallback=(set_env_fallback, ['POLYCOM_VALIDATE_CERTS'])),
    ca_path=dict(type='path', fallback=(set_env_fallback, ['POLYCOM_CA_PATH'])),
    timeout=dict(type='int', default=30, fallback=(set_env_fallback, ['POLYCOM_TIMEOUT'])),
    retries=dict(type='int', default=3, fallback=(set_env_fallback, ['POLYCOM_RETRIES'])),
)

# The field of the AWX credential type (awx/credential_types/polycom.yml: its label) that injects each variable, so that
# a missing or refused credential is reported as what the user can fix: the option, the variable, the credential's field.
CREDENTIAL_TYPE = 'Polycom UC'
CREDENTIAL_FIELDS = {
    'POLYCOM_USERNAME': 'Pano / Group Series admin ID',
    'POLYCOM_PASSWORD': 'Pano / Group Series admin password',
    'POLYCOM_PHONE_USERNAME': 'Phone REST API user',
    'POLYCOM_PHONE_PASSWORD': 'Phone REST API password',
    'POLYCOM_CA_PATH': 'Device CA certificate (PEM)',
    'POLYCOM_VALIDATE_CERTS': 'Skip device certificate checks (lab only)',
}


def where_to_set(argument_spec, option):
    """"the password option or POLYCOM_PASSWORD (in AWX: the Polycom UC credential's '...')" for ``option`` of a module."""
    names = list((argument_spec.get(option, {}).get('fallback') or (None, []))[1])
    text = 'the %s option' % option
    if names:
        text += ' or ' + ' / '.join(names)
    fields = [CREDENTIAL_FIELDS[name] for name in names if name in CREDENTIAL_FIELDS]
    if fields:
        text += " (in AWX: the %s credential's '%s')" % (CREDENTIAL_TYPE, fields[0])
    return text


def credential_hints(argument_spec):
    """What a login refused without / with a password, and a failed certificate check, tell the user to set."""
    return dict(
        missing='no password was given: set ' + where_to_set(argument_spec, 'password'),
        refused='check the password, %s, and the admin ID, %s' % (
            where_to_set(argument_spec, 'password'), where_to_set(argument_spec, 'username')),
        tls='give the CA that signed the device certificate: ' + where_to_set(argument_spec, 'ca_path'),
    )


if HAS_REQUESTS:
    class SessionSafeRetry(Retry):
        """urllib3's Retry, except that a login (``POST /rest/session``) whose answer timed out is not repeated, and
        one whose connection dropped after it was sent is repeated once: the drop may have come before the device
        read it (a stale connection) or after it made the session (an answer lost), which would hold a slot."""

        def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
            if method == 'POST' and is_login(url) and isinstance(error, urllib3.exceptions.ReadTimeoutError):
                raise error
            if method == 'POST' and is_login(url) and isinstance(error, urllib3.exceptions.ProtocolError) and lost_logins(self):
                raise error
            return super(SessionSafeRetry, self).increment(method, url, response, error, _pool, _stacktrace)


def lost_logins(retry):
    """How many logins of this request were sent and lost their answer (dropped connections), from urllib3's retry history."""
    history = getattr(retry, 'history', None) or ()
    return sum(1 for entry in history if is_login(entry.url) and isinstance(entry.error, urllib3.exceptions.ProtocolError))


def is_login(url):
    return (url or '').split('?', 1)[0].endswith(SESSION_PATH)


class PolycomError(Exception):
    """A failure talking to a device; the text carries the device's answer, secrets scrubbed."""

    def __init__(self, message, status=None, answer=None):
        super(PolycomError, self).__init__(message)
        self.status = status
        self.answer = answer


class PolycomAuthError(PolycomError):
    """The device refused the credentials."""


def connection_problems(params, argument_spec):
    """What is wrong with the connection options, checked before any request (the device would only give a URL-parse
    error, a crash or a misleading refusal)."""
    problems = []
    host = params.get('host')
    if not host or not str(host).strip():
        problems.append('host: must not be empty; set ' + where_to_set(argument_spec, 'host'))
    elif any(char in str(host) for char in ' /\t') or '://' in str(host):
        problems.append('host: %r must be a host name or an IP address, without a scheme, path or spaces' % host)
    if not 1 <= int(params.get('port') or 0) <= 65535:
        problems.append('port: must be 1 to 65535, got %s' % params.get('port'))
    if int(params.get('timeout') or 0) < 1:
        problems.append('timeout: must be at least 1 (seconds), got %s' % params.get('timeout'))
    if int(params.get('retries') if params.get('retries') is not None else 0) < 0:
        problems.append('retries: must be at least 0, got %s' % params.get('retries'))
    return problems


def require_requests(module):
    """Fail ``module`` saying how to install requests when it is missing (before any input is taken)."""
    if not HAS_REQUESTS:
        from ansible.module_utils.basic import missing_required_lib
        module.fail_json(msg=missing_required_lib('requests'), exception=str(REQUESTS_IMPORT_ERROR))


def client_from_module(module, **overrides):
    """Build a client from the shared connection options of ``module`` (refused before any request when they are bad)."""
    require_requests(module)
    params = dict((key, module.params[key]) for key in CONNECTION_ARGSPEC)
    problems = connection_problems(dict(params, **overrides), module.argument_spec)
    if problems:
        module.fail_json(msg='invalid connection options (nothing was sent): ' + '; '.join(problems), problems=problems)
    params['hints'] = credential_hints(module.argument_spec)
    params.update(overrides)
    client = PolycomClient(**params)
    client.warn = module.warn
    return client


class PolycomClient(object):
    """A logged-in session with one device; use it as a context manager."""

    def __init__(self, host, port=443, username='admin', password=None, validate_certs=True,
                 ca_path=None, timeout=30, retries=3, backoff=0.5, auth='session', hints=None):
        if auth not in ('session', 'basic'):
            raise ValueError('auth must be session or basic, not %r' % auth)
        self.auth = auth
        # credential_hints() of the module: where its own account and CA come from (None: a client of other options)
        self.hints = hints
        self.base_url = 'https://%s:%d' % ('[%s]' % host if ':' in host else host, port)
        self.username = username
        self.password = password
        self.timeout = timeout
        # A login or logout is never repeated on a late answer (see the module docstring): it waits this long once.
        self.session_timeout = (timeout, timeout * (max(retries, 0) + 1))
        self.secrets = set([password]) if password else set()
        self.logged_in = False
        self.lost_logins = 0  # logins sent again after a dropped answer: each may have left a session on the device
        self.warn = lambda text: None  # client_from_module: the module's warn
        # verify goes with every request: a session-level value loses to REQUESTS_CA_BUNDLE.
        self.verify = (ca_path or True) if validate_certs else False
        self.session = requests.Session()
        if auth == 'basic':
            self.session.auth = (username, password or '')
        if not validate_certs:
            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        # urllib3 retries connection errors, read timeouts, dropped connections, 429 and 503 with
        # jittered exponential backoff and honours Retry-After. Writes are absolute values, so a
        # repeated POST cannot apply twice; a login is not repeated after a read timeout (SessionSafeRetry).
        retry = SessionSafeRetry(total=retries, connect=retries, read=retries, status=retries, other=retries,
                                 backoff_factor=backoff, backoff_jitter=backoff, backoff_max=10,
                                 status_forcelist=RETRY_STATUSES, allowed_methods=None,
                                 respect_retry_after_header=True, raise_on_status=False)
        self.session.mount('https://', HTTPAdapter(max_retries=retry, pool_maxsize=1))

    # -- context manager: always log out, the device has few session slots -------------------
    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.logout()
        self.session.close()
        return False

    def add_secret(self, value):
        if value:
            self.secrets.add(value)

    # -- session -------------------------------------------------------------------------------
    def login(self, username=None, password=None):
        """Log in; on success the given credentials become the ones used to log in again."""
        username = self.username if username is None else username
        password = self.password if password is None else password
        self.add_secret(password)
        body = {'user': username, 'password': password or '', 'action': 'Login'}
        response = self._send('POST', SESSION_PATH, body, timeout=self.session_timeout)
        if response.status_code in RELOGIN_STATUSES:
            raise PolycomAuthError('login as %s refused by %s: HTTP %d %s%s' % (
                username, self.base_url, response.status_code, self._answer(response), self._hint(password)),
                status=response.status_code, answer=self._answer(response))
        data = self._check(response, 'login')
        session_id = (data.get('session') or {}).get('sessionId')
        if not session_id:
            raise PolycomError('login to %s returned no session id: %s' % (self.base_url, self._answer(response)))
        self.session.cookies.set('session_id', session_id)
        self.username, self.password, self.logged_in = username, password, True
        lost = lost_logins(getattr(response.raw, 'retries', None))
        if lost:
            self.lost_logins += lost
            self.warn('login to %s was sent again after its connection dropped without an answer; if the device had made that '
                      'session, it holds one of its few slots until it expires it' % self.base_url)
        return data

    def login_first(self, candidates):
        """Log in with the first (username, password) pair the device accepts; return its index."""
        refused = []
        for index, (username, password) in enumerate(candidates):
            try:
                self.login(username, password)
                return index
            except PolycomAuthError as exc:
                refused.append(str(exc))
        # without a password of its own the module tried only other candidates (a factory password): say what is missing
        raise PolycomAuthError('no credentials accepted: ' + '; '.join(refused) + ('' if self.password else self._hint(self.password)))

    def logout(self):
        """Best effort: a device that is restarting has already dropped the session."""
        if not self.logged_in:
            return
        self.logged_in = False
        try:
            self.session.request('DELETE', self.base_url + SESSION_PATH, timeout=self.session_timeout, verify=self.verify)
        except requests.RequestException:
            pass
        self.session.cookies.clear()

    def wait_until_available(self, timeout, host=None, interval=1.0):
        """After a restart: wait until the device answers HTTP again, at most ``timeout`` seconds.

        ``host`` is the device's new address when the change moved it. The probe is a plain GET
        without retries; any HTTP answer (401 included) means the web server is back.
        """
        self.logged_in = False
        self.session.cookies.clear()
        if host:
            port = self.base_url.rsplit(':', 1)[1]
            self.base_url = 'https://%s:%s' % ('[%s]' % host if ':' in host else host, port)
        deadline = time.time() + timeout
        last_error = None
        while time.time() < deadline:
            try:
                requests.get(self.base_url + '/rest/system', verify=self.verify, timeout=min(5, self.timeout))
                return
            except requests.RequestException as exc:
                last_error = exc
            time.sleep(interval)
        raise PolycomError('%s did not answer within %d s after restarting (last error: %s)'
                           % (self.base_url, timeout, scrub(last_error, self.secrets)))

    # -- API -----------------------------------------------------------------------------------
    def request(self, method, path, body=None, raw=False):
        """Send one API request in the session; log in again once if the session expired.

        With ``auth='basic'`` every request carries the credentials and a refusal is final.
        """
        if self.auth == 'basic':
            response = self._send(method, path, body)
            if response.status_code in RELOGIN_STATUSES:
                raise PolycomAuthError('%s %s as %s refused by %s: HTTP %d %s%s' % (
                    method, path, self.username, self.base_url, response.status_code, self._answer(response),
                    self._hint(self.password)), status=response.status_code, answer=self._answer(response))
        else:
            if not self.logged_in:
                self.login()
            response = self._send(method, path, body)
            if response.status_code in RELOGIN_STATUSES:
                self.logged_in = False
                self.login()
                response = self._send(method, path, body)
        if raw:
            self._check(response, '%s %s' % (method, path), parse=False)
            return response
        return self._check(response, '%s %s' % (method, path))

    def get_system(self):
        return self.request('GET', '/rest/system')

    def read_config(self, names):
        """Return {name: value} for every readable name; unreadable names are left out."""
        answer = self.request('POST', '/rest/config', {'names': list(names)})
        return dict((item['name'], item.get('value')) for item in answer.get('vars', [])
                    if item.get('result') == 'NOERROR')

    def write_config(self, values):
        """Write {name: value} in one request; any per-variable error fails the whole write."""
        answer = self.request('POST', '/rest/config', {'vars': [{'name': k, 'value': v} for k, v in sorted(values.items())]})
        failed = [item for item in answer.get('vars', []) if item.get('result') != 'NOERROR']
        if failed:
            raise PolycomError('device rejected the write: %s' % scrub(json.dumps(failed), self.secrets), answer=failed)
        return answer

    # -- plumbing ------------------------------------------------------------------------------
    def _send(self, method, path, body, timeout=None):
        try:
            return self.session.request(method, self.base_url + path, json=body, timeout=timeout or self.timeout, verify=self.verify)
        except requests.exceptions.SSLError as exc:
            raise PolycomError('TLS verification of %s failed (check validate_certs / ca_path): %s%s'
                               % (self.base_url, scrub(exc, self.secrets), '; ' + self.hints['tls'] if self.hints else ''))
        except requests.exceptions.ReadTimeout as exc:
            if method == 'POST' and is_login(path):
                raise PolycomError('login to %s: no answer within %d s; not repeated, since every login takes one of the '
                                   "device's few session slots (if the device still makes this one, it holds that slot until it "
                                   'expires it): %s' % (self.base_url, self.session_timeout[1], scrub(exc, self.secrets)))
            raise PolycomError('%s %s%s failed after retries: %s' % (method, self.base_url, path, scrub(exc, self.secrets)))
        except requests.RequestException as exc:
            if method == 'POST' and is_login(path) and isinstance(exc.args[0] if exc.args else None, urllib3.exceptions.ProtocolError):
                raise PolycomError('login to %s: the connection dropped without an answer twice; not sent a third time, since a '
                                   "login whose answer was lost may have taken one of the device's few session slots (held until "
                                   'the device expires it): %s' % (self.base_url, scrub(exc, self.secrets)))
            raise PolycomError('%s %s%s failed after retries: %s' % (method, self.base_url, path, scrub(exc, self.secrets)))

    def _hint(self, password):
        """'; check the password, ...' for a refusal of the module's own account (not of another candidate)."""
        if not self.hints or password != self.password:
            return ''
        return '; ' + self.hints['refused' if password else 'missing']

    def _answer(self, response):
        return scrub(response.text[:2000], self.secrets)

    def _check(self, response, what, parse=True):
        if response.status_code >= 400:
            raise PolycomError('%s on %s failed: HTTP %d %s' % (what, self.base_url, response.status_code, self._answer(response)),
                               status=response.status_code, answer=self._answer(response))
        if not parse:
            return None
        try:
            return response.json() if response.content else {}
        except ValueError:
            raise PolycomError('%s on %s returned no JSON: %s' % (what, self.base_url, self._answer(response)))
