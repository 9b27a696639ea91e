"""Outside review (regressions): ucs_firmware refuses a share root that is not there instead of making one."""
import json
import os
import subprocess

import pytest
import yaml

from drift_helpers import BIN, ROOT
from firmware_lab import NEW, package


def firmware_task(workdir, root):
    out = os.path.join(workdir, 'out.json')
    args = dict(root=root, package=package(workdir, NEW, as_zip=True), version=NEW)
    tasks = [{'polycom.uc.ucs_firmware': args, 'register': 'out', 'ignore_errors': True},
             {'ansible.builtin.copy': {'content': '{{ out | to_json }}', 'dest': out}}]
    playbook = os.path.join(workdir, 'play.yml')
    with open(playbook, 'w') as handle:
        yaml.safe_dump([{'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}], handle)
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_PYTHON_INTERPRETER=os.path.join(BIN, 'python'),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'))
    cwd = os.path.join(workdir, 'cwd')
    os.makedirs(cwd)
    subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', '-c', 'local', playbook], cwd=cwd, env=env,
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=120, check=False)
    with open(out) as handle:
        return json.load(handle), cwd


@pytest.mark.parametrize('which', ['typo', 'empty'])
def test_a_root_that_is_no_share_is_refused_and_nothing_is_created(tmp_path, which):
    typo = str(tmp_path / 'srv' / 'polycomm')
    result, cwd = firmware_task(str(tmp_path), typo if which == 'typo' else '')
    assert not os.path.exists(typo) and os.listdir(cwd) == [], 'a tree was created: %s' % result
    assert result.get('failed') and 'root' in result.get('msg', ''), result
