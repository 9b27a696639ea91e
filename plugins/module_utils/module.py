# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module base of polycom.uc: the shared options, the client and one way to turn a device fault into a result.

Modelled on amazon.aws ``AnsibleAWSModule.fail_json_aws`` and kubernetes.core ``AnsibleK8SModule.fail_from_exception``:
a module builds :class:`PolycomModule` with its own options, asks it for the client, and hands every
:class:`PolycomError` (HTTPS) or ``ApiError`` (Group Series command channel) to :meth:`PolycomModule.fail_from_exception`,
which fails with the message, the device's answer and the HTTP status, secrets scrubbed.

The options several modules share are declared here once, in :data:`SHARED_OPTIONS`, and documented once, in
``plugins/doc_fragments/device_setup.py`` (one fragment a name: ``polycom.uc.device_setup.initial_password`` ...),
as kubernetes.core pairs ``module_utils/args_common.py`` with its ``doc_fragments``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.six import string_types
from ansible_collections.polycom.uc.plugins.module_utils.masking import scrub
from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import CONNECTION_ARGSPEC, PolycomError, client_from_module

# name -> argument spec; each has the doc fragment polycom.uc.device_setup.<name>
SHARED_OPTIONS = dict(
    initial_password=dict(type='str', no_log=True),
    restart_timeout=dict(type='int', default=300),
    reachable_at=dict(type='str', choices=['new_address', 'host'], default='new_address'),
)


def shared_options(*names):
    """The argument spec of the shared options ``names`` (copies: a module may not change another's)."""
    return dict((name, dict(SHARED_OPTIONS[name])) for name in names)


class PolycomModule(AnsibleModule):
    """AnsibleModule with the connection options (``connection``), the ``shared`` options and the client.

    ``connection``: add the HTTPS connection options (``CONNECTION_ARGSPEC``); phone modules, whose spec
    ``ucs_rest.phone_argument_spec`` already holds them, and modules that talk to no device pass ``False``.
    """

    def __init__(self, argument_spec=None, shared=(), connection=True, **kwargs):
        spec = dict(CONNECTION_ARGSPEC) if connection else {}
        spec.update(shared_options(*shared))
        spec.update(argument_spec or {})
        self._client = None
        super(PolycomModule, self).__init__(argument_spec=spec, **kwargs)

    def client(self, **overrides):
        """The device client from the connection options (a context manager that always logs out)."""
        self._client = client_from_module(self, **overrides)
        return self._client

    def secrets(self):
        return self._client.secrets if self._client is not None else ()

    def fail_from_exception(self, exc, prefix='', suffix='', **result):
        """Fail with ``result`` and what ``exc`` says: ``msg`` (after ``prefix``, before ``; suffix``), ``status`` (HTTP, None
        when there was none) and the device's ``answer`` when it gave one; every secret the client knows is masked in both."""
        fields = dict(result)
        fields['msg'] = prefix + scrub(exc, self.secrets()) + ('; ' + suffix if suffix else '')
        if isinstance(exc, PolycomError):
            fields['status'] = exc.status
        answer = getattr(exc, 'answer', None)
        if answer is not None:
            fields['answer'] = scrub(answer if isinstance(answer, string_types) else json.dumps(answer, sort_keys=True), self.secrets())
        self.fail_json(**fields)

    def fail_on_problems(self, problems, prefix='invalid settings: '):
        """Refuse bad input before anything is sent: every problem in ``msg`` and as ``problems``."""
        if problems:
            self.fail_json(msg=prefix + '; '.join(problems), problems=problems)
