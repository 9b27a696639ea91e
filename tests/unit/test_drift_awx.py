"""AWX and CI material: the execution environment builds a context, the credential type matches the modules, examples parse."""
import os
import re
import shutil
import subprocess
import sys

import yaml

from ansible_collections.polycom.uc.plugins.module_utils.polycom_rest import CONNECTION_ARGSPEC
from ansible_collections.polycom.uc.plugins.module_utils.ucs_rest import phone_argument_spec

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)


def read(*parts):
    with open(os.path.join(ROOT, *parts)) as handle:
        return handle.read()


def test_ansible_builder_creates_a_build_context_that_installs_the_collection_tarball_without_git(tmp_path):
    """The EE definition as it is, in the layout it expects (meta/ next to .build/dist/ with `make build`'s tarball);
    then the context's galaxy stage (install from requirements.yml in _build) and its introspection, run here."""
    galaxy = yaml.safe_load(read('galaxy.yml'))
    tarball = '%s-%s-%s.tar.gz' % (galaxy['namespace'], galaxy['name'], galaxy['version'])
    project = tmp_path / 'project'
    (project / 'meta').mkdir(parents=True)
    for name in ('execution-environment.yml', 'requirements.txt', 'bindep.txt'):
        shutil.copy(os.path.join(ROOT, 'meta', name), str(project / 'meta' / name))
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith('ANSIBLE_'))
    # A snapshot of the files git knows, so that an edit in the work tree cannot change a file between the build's
    # checksums and its archive (the install below verifies them).
    snapshot = tmp_path / 'snapshot'
    listed = subprocess.run(['git', 'ls-files', '-co', '--exclude-standard', '-z'], cwd=ROOT, stdout=subprocess.PIPE, check=True).stdout
    for name in listed.decode().split('\0'):
        if name and os.path.isfile(os.path.join(ROOT, name)):
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(os.path.join(ROOT, name), str(snapshot / name))
    process = subprocess.run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'build', str(snapshot), '--output-path',
                              str(project / '.build' / 'dist')],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=120, check=False, env=env)
    assert process.returncode == 0, process.stdout
    context = str(tmp_path / 'context')
    process = subprocess.run([os.path.join(BIN, 'ansible-builder'), 'create', '-f', str(project / 'meta' / 'execution-environment.yml'),
                              '-c', context, '--output-filename', 'Containerfile'],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=120, check=False)
    assert process.returncode == 0, process.stdout
    assert 'No matches' not in process.stdout and 'does not exist' not in process.stdout, process.stdout
    build = os.path.join(context, '_build')
    assert sorted(os.listdir(build)) == ['bindep.txt', 'collections', 'requirements.txt', 'requirements.yml', 'scripts']
    assert os.listdir(os.path.join(build, 'collections')) == [tarball]
    for name in ('bindep.txt', 'requirements.txt'):
        assert not os.path.islink(os.path.join(build, name))
    assert open(os.path.join(build, 'requirements.txt')).read() == read('meta', 'requirements.txt')
    assert 'requests' in read('meta', 'requirements.txt') and 'paramiko' in read('meta', 'requirements.txt')
    containerfile = open(os.path.join(context, 'Containerfile')).read()
    assert 'ansible-core==2.19.14 ansible-runner==2.4.3' in containerfile
    assert '--user-pip=requirements.txt --user-bindep=bindep.txt' in containerfile
    assert 'COPY _build /build' in containerfile and 'WORKDIR /build' in containerfile
    requirements = yaml.safe_load(open(os.path.join(build, 'requirements.yml')))
    assert requirements == {'collections': [{'name': 'collections/' + tarball, 'type': 'file'}]}
    definition = '\n'.join(line.split('#')[0] for line in read('meta', 'execution-environment.yml').splitlines())
    for text in (containerfile, open(os.path.join(build, 'requirements.yml')).read(), definition):
        assert not re.search(r'\bgit\b|example\.invalid', text)

    # The galaxy stage (WORKDIR /build) and the builder stage's introspection of what it installed.
    collections = str(tmp_path / 'usr-share-ansible-collections')
    process = subprocess.run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'install', '--force', '-r', 'requirements.yml', '-p', collections],
                             cwd=build, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=120,
                             check=False, env=env)
    assert process.returncode == 0 and 'polycom.uc:%s was installed successfully' % galaxy['version'] in process.stdout, process.stdout
    process = subprocess.run([sys.executable, os.path.join(build, 'scripts', 'introspect.py'), 'introspect', collections],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=120, check=False)
    assert process.returncode == 0, process.stdout
    found = yaml.safe_load(process.stdout)
    assert sorted(line.split('#')[0].strip() for line in found['python']) == sorted(
        line.split('#')[0].strip() for line in entries(read('meta', 'requirements.txt')))
    assert [line.split('  #')[0] for line in found['system']] == entries(read('meta', 'bindep.txt'))


def entries(text):
    return [line for line in text.splitlines() if line and not line.startswith('#')]


def test_collection_introspection_finds_the_same_requirements_at_the_root():
    """ansible-builder introspects an installed collection at its root: requirements.txt / bindep.txt there."""
    assert read('requirements.txt').strip().endswith('-r meta/requirements.txt')
    assert entries(read('bindep.txt')) == entries(read('meta', 'bindep.txt'))
    definition = yaml.safe_load(read('meta', 'execution-environment.yml'))
    assert definition['version'] == 3
    assert (definition['dependencies']['python'], definition['dependencies']['system']) == ('requirements.txt', 'bindep.txt')


def module_env_fallbacks():
    """Every environment variable a module falls back to: the shared connection options, the phones' and the modules' own."""
    names = set()
    for spec in list(CONNECTION_ARGSPEC.values()) + list(phone_argument_spec().values()):
        names.update(spec.get('fallback', (None, []))[1])
    for module in sorted(name for name in os.listdir(os.path.join(ROOT, 'plugins', 'modules')) if name.endswith('.py')):
        for group in re.findall(r"env_fallback, \[([^\]]*)\]", read('plugins', 'modules', module)):
            names.update(name.strip(" '\"") for name in group.split(','))
    return names


def test_credential_type_injects_only_variables_the_modules_read_and_keeps_secrets_secret():
    credential = yaml.safe_load(read('awx', 'credential_types', 'polycom.yml'))
    assert credential['kind'] == 'cloud'
    fields = dict((field['id'], field) for field in credential['inputs']['fields'])
    env = credential['injectors']['env']
    assert set(env) <= module_env_fallbacks(), set(env) - module_env_fallbacks()
    assert {'POLYCOM_USERNAME', 'POLYCOM_PASSWORD', 'POLYCOM_PHONE_USERNAME', 'POLYCOM_PHONE_PASSWORD', 'POLYCOM_CA_PATH'} <= set(env)
    for name, template in env.items():
        for used in re.findall(r'{{\s*([a-z_]+)\s*}}', template):
            assert used in fields, (name, used)
    assert fields['password']['secret'] and fields['phone_password']['secret']
    assert 'tower.filename.ca_cert' in env['POLYCOM_CA_PATH'] and 'template.ca_cert' in credential['injectors']['file']
    assert set(credential['inputs']['required']) <= set(fields)


def test_phone_credential_variables_are_the_phone_modules_own():
    assert {'POLYCOM_PHONE_USERNAME', 'POLYCOM_PHONE_PASSWORD'} <= module_env_fallbacks()
    assert 'POLYCOM_PHONE_PASSWORD' not in str(CONNECTION_ARGSPEC), 'Pano / Group Series modules must not read the phone password'


def test_ci_examples_run_the_drift_playbook_in_check_mode_and_post_the_report():
    for name in ('gitlab-ci.yml', 'github-actions.yml'):
        text = read('examples', 'ci', name)
        assert yaml.safe_load(text), name
        assert 'playbooks/drift.yml' in text and '--check' in text and '--diff' in text, name
        assert 'polycom.uc.drift_report' in text and 'drift-report.md' in text, name
    assert not os.path.exists(os.path.join(ROOT, '.github', 'workflows', 'github-actions.yml')), 'examples must not run here'
