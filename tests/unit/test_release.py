"""One version everywhere: galaxy.yml, the changelog, version_added, the execution environment; LICENSE; playbooks by FQCN."""
import os
import re
import shutil
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
GALAXY = yaml.safe_load(open(os.path.join(ROOT, 'galaxy.yml')))
CHANGES = yaml.safe_load(open(os.path.join(ROOT, 'changelogs', 'changelog.yaml')))


def version(text):
    return tuple(int(part) for part in str(text).split('.'))


def version_added():
    """(file, version) of every version_added in plugins and role argument specs."""
    found = []
    for base in ('plugins', 'roles'):
        for directory, _dirs, names in os.walk(os.path.join(ROOT, base)):
            for name in names:
                if name.endswith(('.py', '.yml')):
                    path = os.path.join(directory, name)
                    with open(path) as handle:
                        for value in re.findall(r'^\s*version_added:\s*["\']?([0-9.]+)', handle.read(), re.M):
                            found.append((os.path.relpath(path, ROOT), value))
    return found


def test_galaxy_version_is_the_latest_release_of_the_changelog():
    releases = sorted(CHANGES['releases'], key=version)
    assert releases and releases[-1] == GALAXY['version'], releases


def test_every_version_added_is_a_released_version_not_after_the_galaxy_version():
    found = version_added()
    assert found
    for path, value in found:
        assert value in CHANGES['releases'] and version(value) <= version(GALAXY['version']), (path, value)


def test_changelog_md_is_what_antsibull_changelog_generates(tmp_path):
    copy = tmp_path / 'collection'
    shutil.copytree(os.path.join(ROOT, 'changelogs'), str(copy / 'changelogs'))
    shutil.copy(os.path.join(ROOT, 'galaxy.yml'), str(copy / 'galaxy.yml'))
    process = subprocess.run([os.path.join(BIN, 'antsibull-changelog'), 'generate'], cwd=str(copy), stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, universal_newlines=True, timeout=120, check=False)
    assert process.returncode == 0, process.stdout
    with open(os.path.join(ROOT, 'CHANGELOG.md')) as handle:
        assert (copy / 'CHANGELOG.md').read_text() == handle.read(), 'run make changelog'


def test_execution_environment_installs_the_version_galaxy_yml_names():
    with open(os.path.join(ROOT, 'meta', 'execution-environment.yml')) as handle:
        definition = yaml.safe_load(handle)
    tarball = 'polycom-uc-%s.tar.gz' % GALAXY['version']
    assert definition['dependencies']['galaxy']['collections'] == [{'name': 'collections/' + tarball, 'type': 'file'}]
    assert definition['additional_build_files'] == [{'src': '../.build/dist/' + tarball, 'dest': 'collections'}]


def test_license_is_the_gpl_3_the_headers_name():
    with open(os.path.join(ROOT, 'LICENSE')) as handle:
        text = handle.read()
    assert 'GNU GENERAL PUBLIC LICENSE' in text and 'Version 3, 29 June 2007' in text and len(text) > 30000
    assert GALAXY['license'] == ['GPL-3.0-or-later']
    assert not [key for key, value in GALAXY.items() if 'example.invalid' in str(value)]


def test_shipped_playbooks_include_site_for_the_fqcn():
    with open(os.path.join(ROOT, 'playbooks', 'site.yml')) as handle:
        site = yaml.safe_load(handle)
    assert [play['ansible.builtin.import_playbook'] for play in site] == ['pano.yml', 'rooms.yml', 'lync.yml']
    with open(os.path.join(ROOT, 'site.yml')) as handle:
        assert [play['ansible.builtin.import_playbook'] for play in yaml.safe_load(handle)] == ['playbooks/site.yml']


def test_antsibull_docs_finds_no_broken_documentation():
    """What `make docs` checks first: markup and references (O(), M(), RV()...) of every module, role and callback."""
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get('PATH', ''),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'))
    process = subprocess.run([os.path.join(BIN, 'antsibull-docs'), 'lint-collection-docs', '--plugin-docs', '--skip-rstcheck', ROOT],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=300, check=False, env=env)
    assert process.returncode == 0, process.stdout


def test_requires_ansible_is_the_oldest_core_make_compat_tests():
    """meta/runtime.yml's lower bound is the ansible-core that `make compat` (part of `make test`) installs, and the
    roles say the same; the pinned tool chain is inside the range."""
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        requires = yaml.safe_load(handle)['requires_ansible']
    lower = re.match(r'^>=(\d+\.\d+)\.0$', requires)
    assert lower, requires
    with open(os.path.join(ROOT, 'requirements-compat.txt')) as handle:
        compat = re.search(r'^ansible-core==(\d+\.\d+)\.\d+$', handle.read(), re.M)
    with open(os.path.join(ROOT, 'requirements-dev.txt')) as handle:
        pinned = re.search(r'^ansible-core==(\d+)\.(\d+)\.\d+$', handle.read(), re.M)
    assert compat and compat.group(1) == lower.group(1), (compat and compat.group(0), requires)
    assert tuple(map(int, pinned.groups())) >= tuple(map(int, lower.group(1).split('.')))
    for role in sorted(os.listdir(os.path.join(ROOT, 'roles'))):
        with open(os.path.join(ROOT, 'roles', role, 'meta', 'main.yml')) as handle:
            assert str(yaml.safe_load(handle)['galaxy_info']['min_ansible_version']) == lower.group(1), role
    with open(os.path.join(ROOT, 'Makefile')) as handle:
        makefile = handle.read()
    assert re.search(r'^test: .*\bcompat\b', makefile, re.M) and '--python $(PYTHON_VERSION)' in makefile


def test_lint_skips_nothing_but_the_missing_repository_and_has_no_ignore_file():
    with open(os.path.join(ROOT, '.ansible-lint')) as handle:
        config = yaml.safe_load(handle)
    assert config['profile'] == 'production' and not config.get('warn_list') and not config.get('exclude_paths')
    expected = [] if 'repository' in GALAXY else ['galaxy[no-repository]']
    assert config.get('skip_list', []) == expected, 'galaxy.yml names a repository now: drop the skip'
    for name in ('.ansible-lint-ignore', os.path.join('.config', 'ansible-lint-ignore.txt')):
        assert not os.path.exists(os.path.join(ROOT, name)), name
