"""The collection as its users get it: the tarball `ansible-galaxy collection build` makes, installed and run by FQCN.

`make test` runs this last (`make package-test`), after the lab, the functional tests and molecule have left their
files in the work tree: the tarball built from that work tree holds only files git does not ignore, no private
key, no nested collection, no cache, no report. A second build from a copy with that debris planted checks the
exact file list. The installed tarball runs `polycom.uc.lync` for real and the other shipped playbooks'
syntax, from a directory outside the repository with no ansible.cfg.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
GALAXY = yaml.safe_load(open(os.path.join(ROOT, 'galaxy.yml')))
TARBALL = '%s-%s-%s.tar.gz' % (GALAXY['namespace'], GALAXY['name'], GALAXY['version'])
PLAYBOOKS = ('site', 'pano', 'rooms', 'lync', 'drift')

# What the tests, the lab, molecule, the demo and the tool chain leave in a work tree (file -> content).
KEY = '-----BEGIN %s-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END %s-----\n' % ('PRIVATE KEY', 'PRIVATE KEY')
PEM_KEY = re.compile(br'-----BEGIN [A-Z ]*PRIVATE KEY-----\r?\n[A-Za-z0-9+/=]')
DEBRIS = {
    '.lab/ca.key': KEY,
    '.lab/server.key': KEY,
    '.lab/server.pem': 'certificate',
    '.lab/share/000000000000.cfg': '<x/>',
    '.lab/lab.log': 'log',
    '.lab/group-series-host-key': KEY,
    '.lab-molecule/ca.key': KEY,
    '.lab-molecule/server.key': KEY,
    '.lab-molecule/lab-state.json': '{}',
    '.ansible/collections/ansible_collections/polycom/uc/galaxy.yml': 'namespace: polycom',
    '.ansible/roles/x/tasks/main.yml': '---',
    '.build/collections/ansible_collections/polycom/uc/README.md': 'nested',
    '.build/demo/drift-report.md': 'report',
    '.build/ansible-test/ansible_collections/polycom/uc/galaxy.yml': 'nested',
    '.venv/bin/python': '#!',
    '.venv/lib/python3.11/site-packages/x.py': 'x = 1',
    '.cache/pip/x': 'x',
    '.pytest_cache/v/cache/nodeids': '[]',
    '.pytest_cache/README.md': 'cache',
    'plugins/modules/__pycache__/pano_info.cpython-311.pyc': 'pyc',
    'plugins/module_utils/__pycache__/pano.cpython-311.pyc': 'pyc',
    'tests/unit/__pycache__/test_x.cpython-311-pytest-9.2.0.pyc': 'pyc',
    '__pycache__/x.pyc': 'pyc',
    'tests/output/junit/x.xml': '<x/>',
    'drift-report.md': 'report',
    'drift-report.json': '{}',
    'drift-report.json.tmp': '{}',
    'drift-report.xml': '<x/>',
    'extensions/molecule/pano/.ansible/x': 'x',
    'changelogs/.plugin-cache.yaml': 'plugins: {}',
    'polycom-uc-0.1.0.tar.gz': 'old',
    'site.retry': 'pano-1',
}
# Tracked files that are repository-only on purpose (galaxy.yml becomes MANIFEST.json).
NOT_SHIPPED = re.compile(r'^(\.ci/|\.git|\.ansible-lint$|galaxy\.yml$)')


def run(command, cwd=ROOT, env=None, timeout=300):
    process = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             universal_newlines=True, timeout=timeout, check=False)
    assert process.returncode == 0, '%s\n%s' % (' '.join(command), process.stdout)
    return process.stdout


def build(source, output):
    run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'build', source, '--output-path', str(output), '--force'])
    path = os.path.join(str(output), TARBALL)
    assert os.path.isfile(path)
    return path


def members(path):
    """Every file of the tarball (no directories) with its content."""
    with tarfile.open(path) as tar:
        return dict((member.name, tar.extractfile(member).read()) for member in tar.getmembers() if member.isfile())


def git_files(root):
    """Files git does not ignore: tracked, and new files not covered by .gitignore."""
    output = subprocess.run(['git', 'ls-files', '-co', '--exclude-standard', '-z'], cwd=root, stdout=subprocess.PIPE,
                            check=True).stdout.decode()
    return set(name for name in output.split('\0') if name and os.path.isfile(os.path.join(root, name)))


def snapshot(target):
    """The files git knows, copied: an edit in the work tree cannot change a file between the build's checksums and
    its archive (the install verifies them)."""
    for name in git_files(ROOT):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(os.path.join(ROOT, name), str(target / name))
    return str(target)


def debris_in(files):
    """Names and contents a tarball must not carry."""
    found = []
    for name, content in sorted(files.items()):
        parts = name.split('/')
        if any(part.startswith(('.lab', '.ansible', '.build', '.venv', '.cache', '.pytest_cache', '.git', '.ci'))
               or part in ('__pycache__', 'ansible_collections') for part in parts):
            found.append(name)
        elif name.startswith('tests/output/') or name.endswith(('.pyc', '.key', '.retry', '.tar.gz', '.log', '.tmp')):
            found.append(name)
        elif parts[-1].startswith('drift-report') and name != 'docs/drift-report.schema.json':
            found.append(name)
        elif PEM_KEY.search(content):
            found.append(name + ' (a private key)')
    return found


def test_tarball_built_from_a_tree_full_of_debris_holds_exactly_the_collection(tmp_path):
    source = tmp_path / 'src' / 'polycom_uc'
    snapshot(source)
    shipped = set(name for name in git_files(ROOT) if not NOT_SHIPPED.match(name))
    for name, content in DEBRIS.items():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    files = members(build(str(source), tmp_path / 'dist'))
    assert set(files) - {'MANIFEST.json', 'FILES.json'} == shipped
    assert debris_in(files) == []
    manifest = json.loads(files['MANIFEST.json'])['collection_info']
    assert manifest['version'] == GALAXY['version'] and manifest['license'] == ['GPL-3.0-or-later']
    assert not [url for url in manifest.values() if isinstance(url, str) and 'example.invalid' in url]


def test_tarball_built_from_the_work_tree_after_the_suite_holds_no_debris(tmp_path):
    files = members(build(ROOT, tmp_path / 'dist'))
    assert debris_in(files) == []
    unknown = set(files) - {'MANIFEST.json', 'FILES.json'} - git_files(ROOT)
    assert not unknown, 'files git ignores are in the tarball: %s' % sorted(unknown)
    for name in ('LICENSE', 'CHANGELOG.md', 'README.md', 'meta/runtime.yml', 'requirements.txt', 'bindep.txt',
                 'meta/execution-environment.yml', 'docs/drift-report.schema.json'):
        assert name in files, name
    assert b'GNU GENERAL PUBLIC LICENSE' in files['LICENSE'] and b'Version 3' in files['LICENSE']
    for name in PLAYBOOKS:
        assert 'playbooks/%s.yml' % name in files, name


def outside_env(collections):
    """An environment with no trace of the repository: no ansible.cfg, only the installed collection."""
    env = dict((key, value) for key, value in os.environ.items() if not key.startswith(('ANSIBLE_', 'POLYCOM_')))
    env.update(ANSIBLE_COLLECTIONS_PATH=str(collections), ANSIBLE_HOME=str(collections.parent / 'ansible-home'),
               ANSIBLE_NOCOLOR='1', ANSIBLE_LOCAL_TEMP=str(collections.parent / 'tmp'), PATH=BIN + os.pathsep + env.get('PATH', ''))
    return env


def test_installed_tarball_runs_the_shipped_playbooks_by_fqcn_from_outside_the_repository(tmp_path):
    tarball = build(snapshot(tmp_path / 'snapshot'), tmp_path / 'dist')
    collections = tmp_path / 'collections'
    home = tmp_path / 'estate'
    home.mkdir()
    env = outside_env(collections)
    run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'install', '--force', tarball, '-p', str(collections)], cwd=str(home), env=env)
    installed = collections / 'ansible_collections' / 'polycom' / 'uc'
    assert json.loads((installed / 'MANIFEST.json').read_text())['collection_info']['version'] == GALAXY['version']
    listing = run([os.path.join(BIN, 'ansible-galaxy'), 'collection', 'list', '-p', str(collections)], cwd=str(home), env=env)
    assert re.search(r'polycom\.uc\s+%s' % re.escape(GALAXY['version']), listing), listing

    share = home / 'share'
    inventory = home / 'hosts.yml'
    inventory.write_text(yaml.safe_dump({'all': {'children': {
        'pano': {'hosts': {'pano-1': {'ansible_host': '192.0.2.10', 'pano_password': 'x'}}},
        'provisioning': {'hosts': {'share': {
            'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable,
            'lync_provisioning_share_root': str(share),
            'lync_provisioning_pool_address': 'lyncpool.example.com',
            'lync_provisioning_phones': [{'mac': '0004f2000001', 'address': 'sip:one@example.com', 'model': 'VVX500'},
                                         {'mac': '0004f2000002', 'address': 'sip:two@example.com', 'model': 'VVX500'}]}}}}}}))
    for name in PLAYBOOKS:
        output = run([os.path.join(BIN, 'ansible-playbook'), '-i', str(inventory), 'polycom.uc.%s' % name, '--syntax-check'],
                     cwd=str(home), env=env)
        assert str(installed / 'playbooks' / ('%s.yml' % name)) in output, output
    first = run([os.path.join(BIN, 'ansible-playbook'), '-i', str(inventory), 'polycom.uc.lync'], cwd=str(home), env=env)
    assert re.search(r'share\s+: ok=\d+\s+changed=[1-9]', first), first
    assert {'.polycom-uc-manifest.json', '000000000000.cfg', '0004f2000001-lync.cfg', '0004f2000002-lync.cfg',
            'lync-shared.cfg'} <= set(os.listdir(str(share)))
    second = run([os.path.join(BIN, 'ansible-playbook'), '-i', str(inventory), 'polycom.uc.lync'], cwd=str(home), env=env)
    assert re.search(r'share\s+: ok=\d+\s+changed=0\s+unreachable=0\s+failed=0', second), second
    doc = run([os.path.join(BIN, 'ansible-doc'), 'polycom.uc.pano_settings'], cwd=str(home), env=env)
    assert 'polycom.uc.pano_settings' in doc


def test_make_build_packs_the_commit_not_the_work_tree(tmp_path):
    """make build is what a release engineer runs: the tarball is HEAD (git archive), whatever the work tree holds, and
    the output names what was left out."""
    clone = tmp_path / 'clone'
    run(['git', 'clone', '-q', '--no-hardlinks', ROOT, str(clone)])
    committed_readme = (clone / 'README.md').read_bytes()
    (clone / 'README.md').write_text('an uncommitted edit\n')
    (clone / 'plugins' / 'modules' / 'scratch_module.py').write_text('x = 1\n')  # a new file git would track
    (clone / 'docs' / 'notes.md').write_text('untracked\n')
    output = run(['make', '-o', 'install', 'build', 'BIN=%s' % BIN], cwd=str(clone))
    assert 'these uncommitted or untracked files are not in it' in output and 'scratch_module.py' in output, output
    files = members(str(clone / '.build' / 'dist' / TARBALL))
    shipped = set(name for name in git_files(str(clone)) if not NOT_SHIPPED.match(name)) - {
        'plugins/modules/scratch_module.py', 'docs/notes.md'}
    assert set(files) - {'MANIFEST.json', 'FILES.json'} == shipped
    assert files['README.md'] == committed_readme
