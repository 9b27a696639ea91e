"""The environment an AWX job gets from the Polycom UC credential type: its own injectors rendered as AWX renders them.

AWX (awx/main/models/credential, inject_credential): the namespace holds the credential's inputs that are set and not
empty; a boolean field that was never set is False (its `default` only pre-fills the form); a string field that was
never set is not there at all, so Jinja2 renders it as ''. Every `file` injector is rendered and written to a new file
in the job's private data dir/env, also when it renders empty, and `tower.filename.<name>` names it
(`template.<name>`); `env` injectors are rendered in an ImmutableSandboxedEnvironment.
"""
import os
import tempfile
import types

import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CREDENTIAL_TYPE = os.path.join(ROOT, 'awx', 'credential_types', 'polycom.yml')


def credential_type():
    with open(CREDENTIAL_TYPE) as handle:
        return yaml.safe_load(handle)


def render_injectors(inputs, private_data_dir, definition=None):
    """{variable: value} that AWX puts into the job's environment for a credential with ``inputs``."""
    definition = definition or credential_type()
    namespace = dict((name, value) for name, value in inputs.items() if isinstance(value, bool) or value)
    for field in definition['inputs']['fields']:
        if field['type'] == 'boolean' and field['id'] not in inputs:
            namespace[field['id']] = False
    sandbox = ImmutableSandboxedEnvironment()
    env_dir = os.path.join(private_data_dir, 'env')
    os.makedirs(env_dir, exist_ok=True)
    single, files = None, {}
    for label, template in definition['injectors'].get('file', {}).items():
        data = sandbox.from_string(template).render(**namespace)
        handle, path = tempfile.mkstemp(dir=env_dir)
        with os.fdopen(handle, 'w') as output:
            output.write(data)
        os.chmod(path, 0o600)
        if '.' in label:
            files[label.split('.', 1)[1]] = path
        else:
            single = path
    namespace['tower'] = types.SimpleNamespace(filename=single or types.SimpleNamespace(**files))
    return dict((name, sandbox.from_string(template).render(**namespace))
                for name, template in definition['injectors'].get('env', {}).items())
