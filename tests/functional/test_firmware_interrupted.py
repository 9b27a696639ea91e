"""An update interrupted by a killed writer leaves the old image served; the next run cleans up and completes."""
import hashlib
import os
import signal
import subprocess
import sys
import time

import yaml

from conftest import BIN, ROOT
from firmware_lab import NEW, PARTS, fw_share  # noqa: F401 pylint: disable=unused-import
from phone_emulator import make_image, make_package
from test_share_boot import master_file

TEMP_PREFIX = '.polycom-uc-tmp.'
MAC = '0004f2e20001'
BIG = 120 * 1024 * 1024


def sha(data):
    return hashlib.sha256(data).hexdigest()


def served(fw_share, path):
    """The image as a phone downloads it over FTP, and what the phone makes of it."""
    client = fw_share.ftp()
    chunks = []
    try:
        client.retrbinary('RETR ' + path, chunks.append)
    finally:
        client.quit()
    return b''.join(chunks)


def put_task(package_dir):
    return [{'hosts': 'localhost', 'gather_facts': False, 'tasks': [
        {'name': 'put', 'polycom.uc.ucs_firmware': {'root': '{{ share_root }}', 'package': package_dir, 'version': NEW, 'models': ['VVX500']}}]}]


def start_playbook(fw_share, plays):
    playbook, inventory = os.path.join(fw_share.workdir, 'kill.yml'), os.path.join(fw_share.workdir, 'kill-inventory.yml')
    with open(playbook, 'w') as handle:
        yaml.safe_dump(plays, handle)
    with open(inventory, 'w') as handle:
        yaml.safe_dump({'all': {'hosts': {'localhost': {'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable}},
                                'vars': {'share_root': fw_share.root}}}, handle)
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'))
    return subprocess.Popen([os.path.join(BIN, 'ansible-playbook'), '-i', inventory, playbook], cwd=fw_share.workdir, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def descendants(pid):
    """Every process below ``pid`` (the module runs in a process of its own that a killed ansible-playbook leaves running)."""
    children = {}
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open('/proc/%s/stat' % entry) as handle:
                    parent = int(handle.read().rsplit(')', 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill_tree(process):
    """SIGKILL the playbook and everything it started, writer first."""
    for pid in list(reversed(descendants(process.pid))) + [process.pid]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def temps(directory):
    try:
        return [n for n in os.listdir(directory) if n.startswith(TEMP_PREFIX)]
    except OSError:
        return []


def setup_old(fw_share):
    old_pkg = make_package(os.path.join(fw_share.workdir, 'old'), NEW, [PARTS['VVX500']])
    assert fw_share.play(put_task(old_pkg)[0]['tasks']).rc == 0
    path = 'firmware/%s/%s.sip.ld' % (NEW, PARTS['VVX500'])
    fw_share.write('000000000000.cfg', master_file('', APP_FILE_PATH_VVX500=path))
    with open(os.path.join(old_pkg, '%s.sip.ld' % PARTS['VVX500']), 'rb') as handle:
        return path, handle.read()


def test_a_leftover_temporary_file_is_never_served_and_the_next_run_removes_it(fw_share):
    path, old = setup_old(fw_share)
    directory = os.path.join(fw_share.root, 'firmware', NEW)
    leftover = os.path.join(directory, TEMP_PREFIX + 'killed')
    with open(leftover, 'wb') as handle:
        handle.write(make_image(NEW, PARTS['VVX500'], size=8192)[:3000])  # a writer died after 3000 bytes
    assert sha(served(fw_share, path)) == sha(old)
    assert fw_share.boot(MAC, model='VVX500')['firmware_version'] == NEW
    run = fw_share.play(put_task(os.path.join(fw_share.workdir, 'old'))[0]['tasks'])
    result = run.task('put', 'localhost')
    assert result['changed'] and result['cleaned'] == ['firmware/%s/%s' % (NEW, TEMP_PREFIX + 'killed')] and result['copied'] == [], result
    assert temps(directory) == []


def test_killing_the_writer_mid_copy_leaves_the_old_image_served(fw_share):
    path, old = setup_old(fw_share)
    new_pkg = make_package(os.path.join(fw_share.workdir, 'reissued'), NEW, [PARTS['VVX500']], size=BIG)
    directory = os.path.join(fw_share.root, 'firmware', NEW)
    process = start_playbook(fw_share, put_task(new_pkg))
    deadline, seen = time.time() + 120, False
    while time.time() < deadline and process.poll() is None:
        if temps(directory):
            seen = True
            kill_tree(process)
            break
        time.sleep(0.002)
    process.wait(timeout=60)
    assert seen, 'the writer finished before a temporary file was seen; the image is too small for this machine'
    image = served(fw_share, path)
    assert sha(image) == sha(old)  # the rename had not happened: phones still get the complete old image
    assert fw_share.boot(MAC, model='VVX500')['firmware']['status'] == 'updated'
    # the next run removes what the killed one left and completes the copy
    run = fw_share.play(put_task(new_pkg)[0]['tasks'])
    result = run.task('put', 'localhost')
    assert result['copied'] == [path] and len(result['cleaned']) == 1, result
    assert temps(directory) == [] and len(served(fw_share, path)) == BIG
