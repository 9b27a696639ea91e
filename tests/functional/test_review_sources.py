"""Outside review (regressions): config/get Sources the collection does not know are not "the phone has not re-read a
file". Public captures show Source "device" (mividas' Poly API fixtures: device.local.deviceName -> "device"), and the
phone's backup names CALL_SERVER, CONFIG_FILES, DEVICE_SETTINGS, PHONE_LOCAL, WEB (Posh-UCS maps them to sip, config,
device, local, web): a value the Lync server provisioned in-band (sip) or set in the device settings (device) is not
fixed by a reload."""
import json
import os
import subprocess

import pytest
import yaml

from drift_helpers import BIN, ROOT


def three_way(workdir, phone_source):
    args = {'rendered': {'feature.presence.enabled': '1'},
            'share': {'feature.presence.enabled': {'value': '1', 'source': 'lync-shared.cfg'}},
            'phone': {'feature.presence.enabled': {'value': '0', 'source': phone_source}}}
    out = os.path.join(workdir, 'out.json')
    tasks = [{'polycom.uc.ucs_three_way_drift': args, 'register': 'out'},
             {'ansible.builtin.copy': {'content': '{{ out | to_json }}', 'dest': out}}]
    playbook = os.path.join(workdir, 'play.yml')
    with open(playbook, 'w') as handle:
        yaml.safe_dump([{'hosts': 'localhost', 'gather_facts': False, 'tasks': tasks}], handle)
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'),
               ANSIBLE_PYTHON_INTERPRETER=os.path.join(BIN, 'python'))
    process = subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', 'localhost,', '-c', 'local', playbook], cwd=workdir,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=120, check=False)
    assert process.returncode == 0, process.stdout[-2000:]
    with open(out) as handle:
        return json.load(handle)['config_drift']


@pytest.mark.parametrize('source', ['sip', 'device'])
def test_a_value_from_the_call_server_or_device_settings_is_not_a_missed_reload(tmp_path, source):
    drift = three_way(str(tmp_path), source)
    assert len(drift) == 1 and drift[0]['cause'] != 'not_reread', drift
