"""A writer killed with SIGKILL in the middle of rewriting thousands of files leaves no truncated or partial file."""
import os
import signal
import subprocess
import time
import xml.etree.ElementTree as ET

import yaml

from conftest import BIN, ROOT
from lync_helpers import POOL, TEMP_PREFIX, lync_share  # noqa: F401 pylint: disable=unused-import

PHONES = 2000
PARAM = 'pres.idleTimeout.officeHours.period'


def write_csv(path, period):
    with open(path, 'w') as handle:
        handle.write('mac,address,param:%s\n' % PARAM)
        for index in range(PHONES):
            handle.write('0004f2c%05x,sip:crash%d@bor-ee.com,%d\n' % (index, index, period))


def playbook(share, csv_path):
    task = {'name': 'write', 'polycom.uc.lync_files': dict(root=share.root, pool_address=POOL, phones_csv=csv_path)}
    path = os.path.join(share.workdir, 'crash.yml')
    with open(path, 'w') as handle:
        yaml.safe_dump([dict(name='crash', hosts='provisioning', gather_facts=False, tasks=[task])], handle)
    inventory = os.path.join(share.workdir, 'crash-inventory.yml')
    with open(inventory, 'w') as handle:
        yaml.safe_dump(share.inventory(), handle)
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, '.build', 'collections'), ANSIBLE_NOCOLOR='1')
    return [os.path.join(BIN, 'ansible-playbook'), '-i', inventory, path], env


def per_phone_files(root):
    return sorted(name for name in os.listdir(root) if name.endswith('-lync.cfg'))


def descendants(pid):
    """Processes below ``pid`` (Ansible's workers start their own sessions, so a process group is not enough)."""
    parents = {}
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open('/proc/%s/stat' % entry) as handle:
                    parents[int(entry)] = int(handle.read().rsplit(')', 1)[1].split()[1])
            except (IOError, OSError, ValueError, IndexError):
                continue
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        children = [child for child, parent in parents.items() if parent == current]
        found.extend(children)
        frontier.extend(children)
    return found


def cmdline(pid):
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as handle:
            return handle.read().replace(b'\0', b' ').decode('utf-8', 'replace')
    except (IOError, OSError):
        return ''


def kill_while_writing(command, env, root, phase):
    """Start the run; SIGKILL the ucs_files module process in the given phase, then the rest of the run.

    ``temporary``: once the first temporary file appears (new content being written beside the old files);
    ``rename``: once the first per-phone file has been replaced (the renames are under way).
    """
    first = os.path.join(root, '0004f2c00000-lync.cfg')
    inode = os.stat(first).st_ino
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    try:
        while time.time() < deadline and process.poll() is None:
            if phase == 'temporary':
                due = any(name.startswith(TEMP_PREFIX) for name in os.listdir(root))
            else:
                due = os.stat(first).st_ino != inode
            if due:
                writers = [pid for pid in descendants(process.pid) if 'AnsiballZ_ucs_files' in cmdline(pid)]
                for pid in writers:
                    os.kill(pid, signal.SIGKILL)
                if writers:
                    return True
            time.sleep(0.0005)
        return False
    finally:
        for pid in descendants(process.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def contents(root):
    found = {}
    for name in per_phone_files(root):
        with open(os.path.join(root, name), 'rb') as handle:
            found[name] = handle.read()
    return found


def test_sigkill_mid_run_leaves_old_or_new_files_never_partial(lync_share):
    csv_path = os.path.join(lync_share.workdir, 'phones.csv')
    period = 10
    write_csv(csv_path, period)
    command, env = playbook(lync_share, csv_path)
    assert subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=False).returncode == 0
    old = contents(lync_share.root)
    assert len(old) == PHONES
    seen = {}
    for phase in ('temporary', 'rename'):
        for _attempt in range(3):  # the kill must land in its phase; a run that finished first is tried again
            previous, period = period, period + 10
            write_csv(csv_path, period)
            killed = kill_while_writing(command, env, lync_share.root, phase)
            time.sleep(0.3)
            now = contents(lync_share.root)
            assert sorted(now) == sorted(old), 'files appeared or disappeared'
            leftovers = [name for name in os.listdir(lync_share.root) if name.startswith(TEMP_PREFIX)]
            states = {'old': 0, 'new': 0}
            for name, content in now.items():
                new = old[name].replace(('%s="%d"' % (PARAM, previous)).encode(), ('%s="%d"' % (PARAM, period)).encode())
                assert content in (old[name], new), '%s is neither the old nor the new file' % name
                ET.fromstring(content)  # whole and well-formed
                states['old' if content == old[name] else 'new'] += 1
            interrupted = killed and (leftovers or (states['old'] and states['new']))
            if not interrupted:
                old, period = now, period if states['new'] else previous
                continue
            seen[phase] = (len(leftovers), states)
            # the next run completes the job and removes what the killed run left behind
            finish = subprocess.run(command, env=env, stdout=subprocess.PIPE, universal_newlines=True, check=False)
            assert finish.returncode == 0, finish.stdout[-2000:]
            assert not [name for name in os.listdir(lync_share.root) if name.startswith(TEMP_PREFIX)]
            old = contents(lync_share.root)
            for name, content in old.items():
                assert [e.get(PARAM) for e in ET.fromstring(content).iter() if e.get(PARAM)] == [str(period)], name
            break
    print('killed mid-run: %s' % seen)
    assert sorted(seen) == ['rename', 'temporary'], seen
    assert seen['rename'][1]['old'] and seen['rename'][1]['new'], seen
